"""The loop a researcher writes by hand, the yardstick of ``bench.scale``: one document after another.

Written the honest way: the analyzer and the regular expression are built once, not per
document; then, for each document, its sentences; vaderSentiment's ``SentimentIntensityAnalyzer``
and TextBlob on each sentence (the document's means are the means over its sentences, the
measure the package reports); and one compiled regular expression of every variant of the
lexicons (longest first, whole words, any case) counted over the text. One process.

The sentences are the package's own (:func:`framing.text.sentences.sentence_spans`), not
``nltk.sent_tokenize``: that needs NLTK's ``punkt_tab`` data, which is downloaded, and the
package never downloads; a different splitter would also give different sentence means, and
the benchmark checks that both sides agree on every document.

Run alone: ``python -m bench naive [--docs N]`` (documents as ``bench.scale`` makes them).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time


def lexicon_pattern(lexicons) -> re.Pattern:
    """One regular expression of every variant of ``lexicons``: longest first, whole words, any case.

    A trailing ``*`` (a prefix entry) matches the rest of the word.
    """
    variants = {v for lexicon in lexicons for entry in lexicon.entries for v in entry.variants}
    parts = []
    for variant in sorted(variants, key=len, reverse=True):
        stem = variant[:-1] if variant.endswith("*") else variant
        body = r"\s+".join(re.escape(word) for word in stem.split())
        parts.append(body + (r"\w*" if variant.endswith("*") else ""))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def make_scorer(lexicons, terms: bool = True):
    """The per-document function, with the analyzers and the pattern built once.

    ``terms=False`` leaves the regular expression out (the sentiment part alone, for comparison).
    """
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.text.sentences import sentence_spans

    analyzer = SentimentIntensityAnalyzer()
    pattern = lexicon_pattern(lexicons)

    def score(text: str) -> dict:
        sentences = [text[start:end] for start, end in sentence_spans(text)]
        compound, polarity, subjectivity = [], [], []
        for sentence in sentences:
            compound.append(analyzer.polarity_scores(sentence)["compound"])
            blob = TextBlob(sentence).sentiment
            polarity.append(blob.polarity)
            subjectivity.append(blob.subjectivity)
        return {
            "sentences": len(sentences),
            "vader_compound": statistics.fmean(compound) if sentences else float("nan"),
            "textblob_polarity": statistics.fmean(polarity) if sentences else float("nan"),
            "textblob_subjectivity": statistics.fmean(subjectivity) if sentences else float("nan"),
            "terms": len(pattern.findall(text)) if terms else None,
        }

    return score


def score_all(texts: list[str], lexicons, terms: bool = True) -> list[dict]:
    """Score every text, one after another."""
    score = make_scorer(lexicons, terms)
    return [score(text) for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench naive", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args(argv)
    from bench.scale import make_texts
    from framing.analysis import DEFAULT_LEXICONS, load_lexicons

    texts = make_texts(args.docs)
    lexicons = load_lexicons(DEFAULT_LEXICONS)
    started = time.perf_counter()
    score_all(texts, lexicons)
    seconds = time.perf_counter() - started
    print(
        f"naive loop: {args.docs:,} documents in {seconds:.1f} s, {args.docs / seconds:.1f} docs/s, 1 process"
    )
    return 0
