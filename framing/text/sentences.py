"""Sentences with character offsets, from the package's own Punkt parameters (offline).

Nothing here downloads. The package ships its own Punkt parameters (an
abbreviation list written for news English) under ``framing/data/nltk_data``;
that folder is put first on ``nltk.data.path`` when this module is imported,
so ``nltk.sent_tokenize`` works without ``nltk.download``.

Examples
--------
>>> text = "Mr Hewitt met Ms Mahmood. They agreed."
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr Hewitt met Ms Mahmood.', 'They agreed.']
"""

from __future__ import annotations

import functools
import os
import re
from importlib import resources

import nltk

NLTK_DATA_DIR = str(resources.files("framing") / "data" / "nltk_data")


def configure_nltk() -> None:
    """Put the packaged NLTK data first on ``nltk.data.path``.

    Idempotent; called when :mod:`framing.text.sentences` is imported.

    Examples
    --------
    >>> configure_nltk()
    >>> nltk.data.path[0] == NLTK_DATA_DIR
    True
    """
    if NLTK_DATA_DIR in nltk.data.path:
        nltk.data.path.remove(NLTK_DATA_DIR)
    nltk.data.path.insert(0, NLTK_DATA_DIR)


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
