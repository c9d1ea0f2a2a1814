"""Speed of target-dependent sentiment: mentions per second, and the time it adds to one article.

The targets are the built-in groups (``framing/data/targets.yaml``) found by the targets lexicon,
passed to ``framing.measures.target_sentiment.target_sentiment`` as offsets with the document's
segments. Measured in one process after one untimed call (imports, model
load, lexicons), each figure the median of ``--repeat`` runs:

- added time per article: ``target_sentiment`` on the seed article
  (``corpora/articles/express-balkans-drones.txt``) given the Analysis's sentences and quotes (as
  ``Analysis`` would call it), set beside ``analyze(seed).document_scores()``; also standalone
  (sentences split and scored, quotes found, inside the call);
- mentions per second: the same over the seed article and the first ``--docs`` Lee stories;
- cold: the first call in the process (model file read and checked, features' lexicons loaded).

Results go to ``bench/results/target_sentiment.json``.

Run: ``python -m bench target_sentiment [--docs N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"
RESULTS = Path(__file__).resolve().parent / "results"


def timed(function) -> tuple[object, float]:
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench target_sentiment", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--docs", type=int, default=100, help="Lee stories besides the seed article")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from framing.analysis import DEFAULT_TARGETS, analyze
    from framing.corpus import load_corpus
    from framing.measures.lexicon import load_lexicon
    from framing.measures.target_sentiment import target_sentiment
    from framing.text.document import read_document

    groups = load_lexicon(DEFAULT_TARGETS)

    def job(source):
        analysis = analyze(source)
        document = analysis.document
        offsets = sorted({(m.start, m.end) for m in groups.match(document.text, document.segments)})
        return analysis, offsets

    def alone(analysis, offsets):
        document = analysis.document
        return target_sentiment(document.text, offsets, segments=document.segments)

    def within(analysis, offsets):
        document = analysis.document
        return target_sentiment(
            document.text,
            offsets,
            segments=document.segments,
            sentences=analysis.sentences,
            quotes=analysis.quotes,
        )

    seed = job(read_document(SEED))
    rows, cold = timed(lambda: alone(*seed))
    lee = load_corpus("lee")
    jobs = [seed] + [job(read_document(lee[i])) for i in range(min(args.docs, len(lee)))]
    for j in jobs:  # the Analysis builds its tables on first use: build them before timing
        j[0].sentences, j[0].quotes

    def median(function, repeat=args.repeat):
        return statistics.median(timed(function)[1] for _ in range(repeat))

    analysis = median(lambda: analyze(SEED).document_scores())
    added = median(lambda: within(*seed))
    standalone = median(lambda: alone(*seed))
    mentions = sum(len(offsets) for _, offsets in jobs)
    corpus_within = median(lambda: [within(*j) for j in jobs], max(1, args.repeat // 2))
    corpus_alone = median(lambda: [alone(*j) for j in jobs], max(1, args.repeat // 2))
    figures = {
        "seed_mentions": len(rows),
        "seed_labels": rows["label"].value_counts().to_dict(),
        "cold_first_call_s": cold,
        "analysis_s_per_article": analysis,
        "added_s_per_article": added,
        "added_share_of_analysis": added / analysis,
        "standalone_s_per_article": standalone,
        "documents": len(jobs),
        "mentions": mentions,
        "mentions_per_s": mentions / corpus_within,
        "mentions_per_s_standalone": mentions / corpus_alone,
        "added_s_per_document": corpus_within / len(jobs),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "target_sentiment.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(
        f"seed article: {len(rows)} mentions; {1000 * added:.0f} ms added to an analysis of "
        f"{1000 * analysis:.0f} ms ({added / analysis:.0%}), {1000 * standalone:.0f} ms standalone; "
        f"first call {cold:.2f} s\n"
        f"{len(jobs)} documents, {mentions} mentions: {mentions / corpus_within:.0f} mentions/s "
        f"({mentions / corpus_alone:.0f} standalone), "
        f"{1000 * corpus_within / len(jobs):.1f} ms added per document"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
