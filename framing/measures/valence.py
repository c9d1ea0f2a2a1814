"""Per-word valence and subjectivity, read from the lexicons that packages ship (never copied).

Two signals of evaluative wording that no topic lexicon lists:

- **strong valence**: the word's valence in VADER's lexicon (Hutto & Gilbert
  2014; the ``vaderSentiment`` package), on its -4..+4 scale, is at least
  :data:`STRONG_VALENCE` in size;
- **strong subjectivity**: the word's subjectivity in Pattern's adjective and
  adverb lexicon (De Smedt & Daelemans 2012; the copy bundled with TextBlob),
  on its 0..1 scale, is at least :data:`STRONG_SUBJECTIVITY`.

Examples
--------
>>> word_signals(["a", "brutal", "and", "disastrous", "war"])
[(0.0, 0.0), (-3.1, 1.0), (0.0, 0.0), (-2.9, 0.8), (-2.9, 0.0)]
>>> [strong(v, s) for v, s in word_signals(["brutal", "war", "report"])]
[True, True, False]
"""

from __future__ import annotations

import functools

#: The absolute VADER valence at or above which a word counts as strongly valenced (the scale runs to 4).
STRONG_VALENCE = 2.5
#: Pattern subjectivity at or above which a word counts as strongly subjective (the scale runs to 1).
STRONG_SUBJECTIVITY = 0.8


@functools.lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """VADER's word valences, as the ``vaderSentiment`` package ships them.

    Examples
    --------
    >>> vader_valence()["disaster"]
    -3.1
    """
    from framing.measures.sentiment import vader

    return dict(vader().lexicon)


@functools.lru_cache(maxsize=1)
def pattern_subjectivity() -> dict[str, float]:
    """Pattern's word subjectivity (the largest over the word's parts of speech), as TextBlob bundles it.

    Examples
    --------
    >>> pattern_subjectivity()["terrible"]
    1.0
    """
    from textblob.en import sentiment as pattern

    pattern.load()
    return {
        word: max(float(scores[1]) for scores in senses.values())
        for word, senses in pattern.items()
        if " " not in word
    }


def word_signals(words: list[str]) -> list[tuple[float, float]]:
    """``(VADER valence, Pattern subjectivity)`` of each lower-cased word (0.0 where a lexicon lacks it).

    Examples
    --------
    >>> word_signals(["slash"])
    [(-1.1, 0.0)]
    """
    valence, subjectivity = vader_valence(), pattern_subjectivity()
    return [(valence.get(word, 0.0), subjectivity.get(word, 0.0)) for word in words]


def strong(valence: float, subjectivity: float) -> bool:
    """Whether a word's signals are strong: see :data:`STRONG_VALENCE` and :data:`STRONG_SUBJECTIVITY`.

    Examples
    --------
    >>> strong(-2.4, 0.79), strong(2.5, 0.0), strong(0.0, 0.8)
    (False, True, True)
    """
    return abs(valence) >= STRONG_VALENCE or subjectivity >= STRONG_SUBJECTIVITY
