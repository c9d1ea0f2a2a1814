"""Sentence sentiment: VADER (the reference implementation) and TextBlob.

VADER is Hutto & Gilbert's reference implementation, the ``vaderSentiment``
package (3.3.2), with the lexicon it ships: not NLTK's port, which never
looks up a word in quotation marks followed by punctuation (scare quotes) and
reads "no" before a word as negative. TextBlob's polarity and subjectivity
come from its bundled Pattern lexicon. Nothing is downloaded.

Examples
--------
>>> scores = sentence_sentiment(["Smuggling gangs kidnap and hold migrants to ransom."])
>>> round(float(scores.loc[0, "vader_compound"]), 4)
-0.4767
"""

from __future__ import annotations

import functools

import pandas as pd

#: Named in every Analysis's provenance; one implementation at a time.
VADER_IMPLEMENTATION = "vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer (reference implementation)"

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
    """The VADER analyzer in use: ``vaderSentiment``'s own, with the lexicon it ships.

    Examples
    --------
    >>> vader().polarity_scores('He called it a "disaster".')["compound"]
    -0.6249
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_scores(sentences: list[str]) -> list[tuple[float, ...]]:
    """VADER neg/neu/pos/compound and TextBlob polarity/subjectivity of each sentence, as plain tuples.

    TextBlob's values come from the Pattern analyzer that ``TextBlob(sentence).sentiment``
    calls, without building a blob per sentence: the values are the same.

    Examples
    --------
    >>> sentence_scores(["a good day"])  # as vaderSentiment and TextBlob give them called directly
    [(0.0, 0.408, 0.592, 0.4404, 0.7, 0.6000000000000001)]
    """
    from textblob.en import sentiment as pattern_sentiment

    analyzer = vader()
    rows = []
    for sentence in sentences:
        scores = analyzer.polarity_scores(sentence)
        polarity, subjectivity = pattern_sentiment(sentence)
        rows.append(
            (
                scores["neg"],
                scores["neu"],
                scores["pos"],
                scores["compound"],
                float(polarity),
                float(subjectivity),
            )
        )
    return rows


def sentence_sentiment(sentences: list[str]) -> pd.DataFrame:
    """VADER neg/neu/pos/compound and TextBlob polarity/subjectivity, one row per sentence.

    Examples
    --------
    >>> list(sentence_sentiment(["Fine."]).columns) == list(SENTIMENT_COLUMNS)
    True
    """
    return pd.DataFrame(sentence_scores(sentences), columns=list(SENTIMENT_COLUMNS), dtype=float)
