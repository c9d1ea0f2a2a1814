"""Sentence sentiment: VADER (NLTK's implementation, vaderSentiment's lexicon) and TextBlob.

VADER runs through :class:`nltk.sentiment.vader.SentimentIntensityAnalyzer`
fed the ``vader_lexicon.txt`` that the ``vaderSentiment`` package ships (its
folder is on ``nltk.data.path``, see :mod:`framing.text.nlp`), so nothing is
downloaded. TextBlob's polarity and subjectivity come from its bundled
Pattern lexicon.

Examples
--------
>>> scores = sentence_sentiment(["Smuggling gangs kidnap and hold migrants to ransom."])
>>> round(float(scores.loc[0, "vader_compound"]), 4)
-0.4767
"""

from __future__ import annotations

import functools

import pandas as pd

import framing.text.nlp  # noqa: F401  (puts VADER's lexicon folder on nltk.data.path)

#: Named in every Analysis's provenance; one implementation at a time.
VADER_IMPLEMENTATION = "nltk.sentiment.vader.SentimentIntensityAnalyzer + vaderSentiment/vader_lexicon.txt"

SENTIMENT_COLUMNS = (
    "vader_neg",
    "vader_neu",
    "vader_pos",
    "vader_compound",
    "textblob_polarity",
    "textblob_subjectivity",
)


@functools.lru_cache(maxsize=1)
def vader():
    """The VADER analyzer in use (NLTK's algorithm on vaderSentiment's lexicon).

    Examples
    --------
    >>> vader().polarity_scores("a good day")["compound"]
    0.4404
    """
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


def sentence_sentiment(sentences: list[str]) -> pd.DataFrame:
    """VADER neg/neu/pos/compound and TextBlob polarity/subjectivity, one row per sentence.

    Examples
    --------
    >>> list(sentence_sentiment(["Fine."]).columns) == list(SENTIMENT_COLUMNS)
    True
    """
    from textblob import TextBlob

    analyzer = vader()
    rows = []
    for sentence in sentences:
        scores = analyzer.polarity_scores(sentence)
        blob = TextBlob(sentence).sentiment
        rows.append(
            (
                scores["neg"],
                scores["neu"],
                scores["pos"],
                scores["compound"],
                float(blob.polarity),
                float(blob.subjectivity),
            )
        )
    return pd.DataFrame(rows, columns=list(SENTIMENT_COLUMNS), dtype=float)
