"""Keyness of the seed article against a 100,000-document reference: cold (counting) and warm (cached).

The reference is the Lee stories repeated to 100,000 documents (``--corpus lee``, real news text,
Lee's vocabulary) or a generated corpus (``--corpus generated``: documents of 80-400 words drawn
from wordfreq's English frequencies, seeded, so the vocabulary grows as in a real large corpus).
It is written once to a Parquet file and loaded with ``framing.load_corpus`` like any user corpus.

- cold: load the Parquet file, count every document (scikit-learn ``CountVectorizer``), write
  the cache, compute the keyness table;
- warm: a new Corpus object on the same file, counts read from the on-disk cache (what a second
  session sees); target: under 2 s for load + keyness;
- hot: the same Corpus object again (counts in memory).

Also the packaged ``lee`` reference as a report uses it: keyness + positioning against cached
reference scores, cold and warm.

Run: ``python -m bench keyness [--docs N] [--corpus lee|generated] [--ngrams N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"
RESULTS = Path(__file__).resolve().parent / "results"
WARM_TARGET = 2.0


def lee_repeated(docs: int) -> list[str]:
    """The 300 Lee stories, repeated in order until there are ``docs`` of them."""
    from framing.corpus import load_corpus

    texts = load_corpus("lee").texts
    return [texts[i % len(texts)] for i in range(docs)]


def generated(docs: int, seed: int = 0) -> list[str]:
    """``docs`` documents of 80-400 words drawn from wordfreq's English frequencies (top 60,000 words)."""
    import numpy as np
    import wordfreq

    table = wordfreq.get_frequency_dict("en", wordlist="large")
    vocabulary = sorted(table, key=table.get, reverse=True)[:60_000]
    weights = np.array([table[w] for w in vocabulary])
    rng = np.random.default_rng(seed)
    lengths = rng.integers(80, 400, size=docs)
    draws = rng.choice(len(vocabulary), size=int(lengths.sum()), p=weights / weights.sum())
    words = np.asarray(vocabulary, dtype=object)[draws]
    out, position = [], 0
    for length in lengths:
        out.append(" ".join(words[position : position + length]) + ".")
        position += length
    return out


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench keyness", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--corpus", choices=("lee", "generated"), default="lee")
    parser.add_argument("--ngrams", type=int, default=1, help="longest n-gram of the keyness table")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="framing-bench-") as scratch:
        os.environ["FRAMING_CACHE"] = str(Path(scratch) / "cache")  # a cold cache, not the user's
        import pandas as pd

        from framing.comparison import compare
        from framing.corpus import load_corpus
        from framing.corpus.references import _PACKAGED_LOADED

        ngram_range = (1, args.ngrams)
        texts, t_make = timed(
            lambda: lee_repeated(args.docs) if args.corpus == "lee" else generated(args.docs)
        )
        path = Path(scratch) / "reference.parquet"
        pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts}).to_parquet(path)
        size_mb = sum(len(t) for t in texts) / 1e6
        del texts

        figures = {
            "docs": args.docs,
            "corpus": args.corpus,
            "ngram_range": list(ngram_range),
            "text_mb": size_mb,
        }
        figures["make_corpus_s"] = t_make

        def run():
            reference = load_corpus(path)
            table = compare(SEED, reference, ngram_range=ngram_range).keyness
            return reference, table

        (reference, table), figures["cold_s"] = timed(run)
        figures["vocabulary"] = int(
            sum(len(reference.term_frequencies(n)) for n in range(1, args.ngrams + 1))
        )
        (_, warm_table), figures["warm_s"] = timed(run)
        _, figures["warm_load_s"] = timed(lambda: load_corpus(path))
        _, figures["hot_s"] = timed(lambda: compare(SEED, reference, ngram_range=ngram_range).keyness)
        assert warm_table.equals(table), "warm keyness differs from cold"
        figures["rows"] = len(table)
        figures["cache_mb"] = sum(f.stat().st_size for f in (Path(scratch) / "cache").rglob("*")) / 1e6

        # the packaged reference as a report uses it: keyness + positioning (reference scores cached)
        from framing.analysis import analyze

        _PACKAGED_LOADED.clear()
        analysis = analyze(SEED)

        def lee_report():
            _PACKAGED_LOADED.clear()
            comparison = compare(analysis, "lee", ngram_range=(1, 3))
            return comparison.keyness, comparison.positioning

        _, figures["lee_cold_s"] = timed(lee_report)
        _, figures["lee_warm_s"] = timed(lee_report)

    ok = figures["warm_s"] < WARM_TARGET
    print(
        f"reference: {args.docs:,} documents ({args.corpus}, {size_mb:.0f} MB of text), "
        f"n-grams {ngram_range}, vocabulary {figures['vocabulary']:,}, cache {figures['cache_mb']:.0f} MB"
    )
    print(f"  cold  (load + count + cache + keyness): {figures['cold_s']:7.2f} s")
    print(
        f"  warm  (new Corpus, counts from disk):   {figures['warm_s']:7.2f} s  "
        f"(of which load {figures['warm_load_s']:.2f} s)  "
        f"target < {WARM_TARGET:.0f} s: {'OK' if ok else 'SLOW'}"
    )
    print(f"  hot   (same Corpus, counts in memory):  {figures['hot_s']:7.2f} s")
    print(
        f"lee (1-3-grams keyness + positioning, 300 stories scored): cold {figures['lee_cold_s']:.2f} s, "
        f"warm {figures['lee_warm_s']:.2f} s"
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "keyness.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
