"""Sentences with character offsets, from the package's own Punkt parameters (offline).

Nothing here downloads. The package ships its own Punkt parameters under
``framing/data/nltk_data``: curated abbreviations for news English, with the
orthographic context and frequent sentence starters learned from the ``lee``
corpus (rebuilt by ``python -m framing.corpus.punkt``). That folder is put
first on ``nltk.data.path`` when this module is imported, so
``nltk.sent_tokenize`` works without ``nltk.download``.

:func:`sentence_spans` adds four rules of news copy to Punkt's decisions:

- a sentence never runs over a line break (each paragraph is its own line);
- a question or exclamation goes on before a lower-case word (``"Is it over?" he asked.``);
- an ellipsis does not end a sentence (AP style puts a period before a
  sentence-final one, ``it. ...``; "…" is never a boundary either);
- a single initial or a run of initials ("George W. Bush", "J.K. Rowling",
  "H.R. 1") does not end a sentence unless the next word starts sentences (the
  test Punkt applies after an abbreviation).

Examples
--------
>>> text = 'Mr Hewitt met Ms Mahmood. "Is it over?" he asked.'
>>> [text[s:e] for s, e in sentence_spans(text)]
['Mr Hewitt met Ms Mahmood.', '"Is it over?" he asked.']
"""

from __future__ import annotations

import collections
import functools
import os
import re
from importlib import resources
from pathlib import Path

import nltk
from nltk.tokenize.punkt import _ORTHO_LC, _ORTHO_MID_UC, PunktParameters, PunktSentenceTokenizer

from framing.text.words import phrase_runs

NLTK_DATA_DIR = str(resources.files("framing") / "data" / "nltk_data")
PUNKT_DIR = os.path.join(NLTK_DATA_DIR, "tokenizers", "punkt_tab", "english")


_CANDIDATE = re.compile(r"[.?!](?!\s*$)")  # where Punkt may split: [.?!] with more text after it
_CLOSERS = "\"')]}\u2019\u201d\u00bb"  # closing quotes and brackets
_FIRST_WORD = re.compile(r"[\"'(\[\u2018\u201c]*([^\W\d_][\w'\u2019-]*)")


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


class _CachedPunkt(PunktSentenceTokenizer):
    """Punkt remembering its decisions: one depends only on the words around the stop ("said. The")."""

    def __init__(self, params: PunktParameters):
        super().__init__(params)
        self.text_contains_sentbreak = functools.lru_cache(maxsize=16384)(super().text_contains_sentbreak)


def load_punkt(folder: str | os.PathLike) -> PunktSentenceTokenizer:
    """A Punkt tokenizer from the four ``punkt_tab`` files in ``folder``.

    Read as plain UTF-8 text, so any folder works (NLTK's own loader accepts
    only folders on its data path).

    Examples
    --------
    >>> load_punkt(PUNKT_DIR).tokenize("It rose 2.5 per cent in the U.S. The rest fell.")
    ['It rose 2.5 per cent in the U.S.', 'The rest fell.']
    """
    folder = Path(folder)

    def rows(name: str) -> list[list[str]]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        return [line.split("\t") for line in lines if line]

    params = PunktParameters()
    params.abbrev_types = {row[0] for row in rows("abbrev_types.txt")}
    params.collocations = {(first, second) for first, second in rows("collocations.tab")}
    params.sent_starters = {row[0] for row in rows("sent_starters.txt")}
    params.ortho_context = collections.defaultdict(
        int, {typ: int(flags) for typ, flags in rows("ortho_context.tab")}
    )
    return _CachedPunkt(params)


@functools.lru_cache(maxsize=1)
def punkt() -> PunktSentenceTokenizer:
    """The Punkt sentence tokenizer loaded from the packaged parameters (once per process).

    Examples
    --------
    >>> punkt().tokenize("It is the U.K. Government's plan. It starts now.")
    ["It is the U.K. Government's plan.", 'It starts now.']
    """
    return load_punkt(PUNKT_DIR)


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, tokenizer: PunktSentenceTokenizer | None = None
) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets into ``text``, within ``text[start:end]``.

    A sentence never crosses a paragraph break or removed boilerplate: it
    lies within one of :func:`framing.text.words.phrase_runs`, as phrases do
    (a line wrap inside a paragraph is not a break). Punkt's boundaries with
    the news rules of this module; ``tokenizer``
    defaults to :func:`punkt` (another one, e.g. from :func:`load_punkt`, gets
    the same rules).

    Examples
    --------
    >>> sentence_spans("One. Two.\\nThree")
    [(0, 4), (5, 9), (10, 15)]
    >>> text = "He paused ... and left. George W. Bush spoke."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['He paused ... and left.', 'George W. Bush spoke.']
    """
    end = len(text) if end is None else end
    tokenizer = tokenizer or punkt()
    params = tokenizer._params
    spans: list[tuple[int, int]] = []
    for base, run_end in phrase_runs(text, [(start, end)]):
        paragraph = text[base:run_end]
        if not _CANDIDATE.search(paragraph):  # one sentence: what Punkt gives, without its overhead
            if not paragraph.isspace():
                spans.append((base, base + len(paragraph.rstrip())))
            continue
        kept: list[list[int]] = []
        for s, e in tokenizer.span_tokenize(paragraph):
            if paragraph[s:e].isspace():
                continue
            # the last characters of the sentence before decide (closing quotes, then ., ?, !)
            if kept and _goes_on(
                paragraph[max(kept[-1][0], kept[-1][1] - 8) : kept[-1][1]], paragraph[s:e], params
            ):
                kept[-1][1] = e
            else:
                kept.append([s, e])
        spans.extend((base + s, base + e) for s, e in kept)
    return spans


def _goes_on(sentence: str, following: str, params: PunktParameters) -> bool:
    """Whether ``sentence`` (its end is enough), where Punkt put a boundary, goes on into ``following``.

    Examples
    --------
    >>> params = punkt()._params
    >>> _goes_on('"Why?"', "he asked.", params), _goes_on("Plan B.", "The end.", params)
    (True, False)
    """
    core = sentence.rstrip(_CLOSERS)
    if core.endswith(".."):
        return True
    if core.endswith(("?", "!")):
        return following[0].islower()
    if core.endswith(".") and len(core) > 1 and (core[-2].isupper() or core[-3:-2] == "."):
        if len(core) > 2 and core[-3].isalnum():
            return False  # a word, not an initial
        return not _starts_sentence(following, params)
    return False


def _starts_sentence(following: str, params: PunktParameters) -> bool:
    """Punkt's test after an abbreviation: is the first word of ``following`` a sentence start?"""
    word = _FIRST_WORD.match(following)
    if word is None:
        return False
    word = word.group(1)
    if not word[0].isupper():
        return False
    typ = word.lower()
    context = params.ortho_context.get(typ, 0)
    return typ in params.sent_starters or bool(context & _ORTHO_LC and not context & _ORTHO_MID_UC)
