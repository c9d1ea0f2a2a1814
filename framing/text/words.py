"""Words with character offsets, and the folding used to count and match them.

A word is a run of letters or digits joined by inner apostrophes or hyphens
(:data:`WORD_PATTERN`); punctuation is not a word. Counting (keyness),
matching (lexicons) and rates all use these rules.

Examples
--------
>>> phrase = "Ms Mahmood's 400-mile border"
>>> [phrase[s:e] for s, e in word_spans(phrase)]
['Ms', "Mahmood's", '400-mile', 'border']
"""

from __future__ import annotations

import re

#: Version of the tokenisation rules; cached counts are keyed by it.
TOKENIZER_VERSION = "1"

#: A word: letters or digits, joined by inner apostrophes or hyphens.
WORD_PATTERN = r"[^\W_]+(?:['\u2019\-][^\W_]+)*"
_WORD_RE = re.compile(WORD_PATTERN)


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word ``(start, end)`` offsets into ``text`` (punctuation is not a word).

    Examples
    --------
    >>> word_spans("Drones, goggles")
    [(0, 6), (8, 15)]
    """
    end = len(text) if end is None else end
    return [m.span() for m in _WORD_RE.finditer(text, start, end)]


def fold(text: str) -> str:
    """Lower-case ``text`` and straighten curly apostrophes: how words are counted and compared.

    Examples
    --------
    >>> fold("Migrants\u2019 Routes")
    "migrants' routes"
    """
    return text.lower().replace("\u2019", "'")


def words(text: str) -> list[str]:
    """Folded words of ``text``, as counted for keyness and rates.

    Examples
    --------
    >>> words("Illegal migrants' routes")
    ['illegal', 'migrants', 'routes']
    """
    return [fold(m.group()) for m in _WORD_RE.finditer(text)]


def matching_text(text: str) -> str:
    """``text`` folded for matching with every offset kept.

    Lower-cases character by character (a character whose lower case is
    longer, such as "İ", is left as it is), turns curly apostrophes straight
    and every whitespace character but a line break into a space: a phrase
    matches across a tab or a no-break space, never across paragraphs.

    Examples
    --------
    >>> matching_text("Illegal\\tMigrants\u2019\\nGangs")
    "illegal migrants'\\ngangs"
    """
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    folded = folded.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"[^\S\n\r]", " ", folded)
