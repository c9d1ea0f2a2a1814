"""Offline NLP set-up: sentence and word tokenising with character offsets.

Nothing here downloads. The package ships its own Punkt parameters (an
abbreviation list written for news English) under ``framing/data/nltk_data``;
that folder and the ``vaderSentiment`` package folder (which ships VADER's
lexicon) are put first on ``nltk.data.path`` when this module is imported, so
``nltk.sent_tokenize``, ``word_tokenize`` and TextBlob's ``.sentences`` work
without ``nltk.download``.

Examples
--------
>>> from framing.text.nlp import sentence_spans, word_spans
>>> text = "Mr Hewitt met Ms Mahmood. They agreed."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr Hewitt met Ms Mahmood.', 'They agreed.']
>>> phrase = "Ms Mahmood's 400-mile border"
>>> [phrase[s:e] for s, e in word_spans(phrase)]
['Ms', "Mahmood's", '400-mile', 'border']
"""

from __future__ import annotations

import functools
import os
import re
from importlib import resources

import nltk

#: Version of the tokenisation rules; cached counts are keyed by it.
TOKENIZER_VERSION = "1"

#: A word: letters or digits, joined by inner apostrophes or hyphens.
WORD_PATTERN = r"[^\W_]+(?:['\u2019\-][^\W_]+)*"
_WORD_RE = re.compile(WORD_PATTERN)

NLTK_DATA_DIR = str(resources.files("framing") / "data" / "nltk_data")


def _vader_lexicon_dir() -> str:
    import vaderSentiment

    return os.path.dirname(vaderSentiment.__file__)


def configure_nltk() -> None:
    """Put the packaged NLTK data and VADER's lexicon folder first on ``nltk.data.path``.

    Idempotent; called when :mod:`framing.text.nlp` is imported.

    Examples
    --------
    >>> configure_nltk()
    >>> nltk.data.path[0] == NLTK_DATA_DIR
    True
    """
    for folder in (_vader_lexicon_dir(), NLTK_DATA_DIR):
        if folder in nltk.data.path:
            nltk.data.path.remove(folder)
        nltk.data.path.insert(0, folder)


configure_nltk()


@functools.lru_cache(maxsize=1)
def punkt() -> nltk.tokenize.punkt.PunktSentenceTokenizer:
    """The Punkt sentence tokenizer loaded from the packaged parameters.

    Examples
    --------
    >>> punkt().tokenize("It is the U.K. Government's plan. It starts now.")
    ["It is the U.K. Government's plan.", 'It starts now.']
    """
    from nltk.data import FileSystemPathPointer
    from nltk.tokenize.punkt import PunktSentenceTokenizer, load_punkt_params

    folder = os.path.join(NLTK_DATA_DIR, "tokenizers", "punkt_tab", "english")
    params = load_punkt_params(FileSystemPathPointer(folder))
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets into ``text``, within ``text[start:end]``.

    Lines are treated as paragraphs: a sentence never runs over a line break,
    as in news copy where each paragraph is its own line.

    Examples
    --------
    >>> sentence_spans("One. Two.\\nThree")
    [(0, 4), (5, 9), (10, 15)]
    """
    end = len(text) if end is None else end
    tokenizer = punkt()
    spans = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        base = start + line.start()
        for s, e in tokenizer.span_tokenize(line.group()):
            if text[base + s : base + e].strip():
                spans.append((base + s, base + e))
    return spans


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
