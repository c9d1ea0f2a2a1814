"""Words with character offsets, the folding used to count and match them, and where phrases may run.

A word is a run of letters or digits joined by inner apostrophes or hyphens
(:data:`WORD_PATTERN`); punctuation is not a word. Counting (keyness),
matching (lexicons), concordances and rates all use these rules.

**Paragraphs.** Words join into a phrase or an n-gram only inside one run of
text (:func:`phrase_runs`): a run ends at excluded boilerplate and at every
paragraph break. A paragraph break is any line break except a line wrap; a
line break is a line wrap, and then plain whitespace inside the paragraph,
only when all of these hold:

- it is a single line break (``\\n``, ``\\r\\n``, ``\\r``, U+0085 or U+2028)
  with nothing but spaces or tabs around it, so a blank line always breaks;
- the character before it is a letter, a digit or a comma;
- the character after it is a lower-case letter.

So a file with one paragraph per line (news copy, the Lee corpus) keeps every
line apart, a headline followed by its first paragraph stays apart, and text
wrapped inside a sentence ("illegal\\nmigrants") reads as one paragraph. A
wrap before a capital or a digit ("the\\nHome Office") is read as a break:
when in doubt, words do not join. Form feeds, vertical tabs, U+2029 and the
other separators :meth:`str.splitlines` knows always break.

Examples
--------
>>> phrase = "Ms Mahmood's 400-mile border"
>>> [phrase[s:e] for s, e in word_spans(phrase)]
['Ms', "Mahmood's", '400-mile', 'border']
>>> text = "Illegal\\nmigrants cross.\\nPolice wait."
>>> [text[s:e] for s, e in phrase_runs(text)]
['Illegal\\nmigrants cross.', 'Police wait.']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: Version of the tokenisation rules; cached counts are keyed by it.
#: 2: n-grams stop at paragraph breaks and boilerplate; U+2018 and U+2010/U+2011 join words.
TOKENIZER_VERSION = "2"

#: A word: letters or digits, joined by inner apostrophes (' U+2019 U+2018) or hyphens (- U+2010 U+2011).
WORD_PATTERN = r"[^\W_]+(?:['\u2019\u2018\-\u2010\u2011][^\W_]+)*"
_WORD_RE = re.compile(WORD_PATTERN)

#: Apostrophes straightened and hyphens made plain by :func:`fold`.
_FOLD_TABLE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: A line break and the whitespace after it (the whitespace before it is added by hand: faster).
_BREAK_RE = re.compile(rf"[{_LINE_BREAKS}]\s*")
#: A run of whitespace that may be a line wrap: one plain line break, spaces or tabs around it.
_WRAP_RE = re.compile(rf"[^\S{_LINE_BREAKS}]*(?:\r\n|[\n\r\x85\u2028])[^\S{_LINE_BREAKS}]*")
#: Whitespace that :class:`FoldedText` turns into one space: a run of two, or one that is not a space.
_SQUEEZE_RE = re.compile(r"[^\S ]\s*| \s+")
#: The ASCII whitespace characters other than a space.
_ASCII_SPACES = "\t\n\r\v\f\x1c\x1d\x1e\x1f"


def _has_odd_space(text: str) -> bool:
    """Whether ``text`` holds two whitespace characters in a row or one that is not a space (fast path)."""
    if "  " in text:
        return True
    if text.isascii():
        return any(c in text for c in _ASCII_SPACES)
    return _SQUEEZE_RE.search(text) is not None


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
    """Lower-case ``text``, straighten apostrophes and plain its hyphens, keeping its length.

    How words are counted and compared. A character whose lower case is
    longer (such as "İ") is left as it is, so offsets into the folded text
    are offsets into ``text``; the apostrophes U+2019, U+2018 and U+02BC
    become ``'`` and the hyphens U+2010 and U+2011 become ``-``.

    Examples
    --------
    >>> fold("Migrants\u2019 Routes, \u2018Push\u2010backs\u2019")
    "migrants' routes, 'push-backs'"
    """
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return folded if folded.isascii() else folded.translate(_FOLD_TABLE)


def words(text: str) -> list[str]:
    """Folded words of ``text``, as counted for keyness and rates.

    Examples
    --------
    >>> words("Illegal migrants' routes")
    ['illegal', 'migrants', 'routes']
    """
    return _WORD_RE.findall(fold(text))


def matching_text(text: str) -> str:
    """``text`` folded (:func:`fold`) with every whitespace character but a line break made a space.

    Keeps every offset. Matching squeezes runs of whitespace further
    (:class:`FoldedText`).

    Examples
    --------
    >>> matching_text("Illegal\\tMigrants\u2019\\nGangs")
    "illegal migrants'\\ngangs"
    """
    return re.sub(r"[^\S\n\r]", " ", fold(text))


def _is_wrap(text: str, before: int, after: int, start: int, end: int) -> bool:
    """Whether the whitespace ``text[before:after]`` (within ``text[start:end]``) is a line wrap."""
    if before <= start or after >= end or not _WRAP_RE.fullmatch(text, before, after):
        return False
    previous = text[before - 1]
    return (previous.isalnum() or previous == ",") and text[after].islower()


def phrase_runs(text: str, segments: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` runs of ``text`` within which words may join into a phrase or n-gram.

    ``segments`` are the ranges of article text (boilerplate left out; default
    all of ``text``, as ``Document.segments`` gives them); each is cut at every
    paragraph break (see the module docstring). The lexicon matcher, KWIC,
    collocations and n-gram counts all use these runs, so a phrase never
    crosses a paragraph or removed boilerplate.

    Examples
    --------
    >>> text = "Smuggling\\n\\ngangs, criminal\\n  gangs.\\nGangs"
    >>> [text[s:e] for s, e in phrase_runs(text)]
    ['Smuggling', 'gangs, criminal\\n  gangs.', 'Gangs']
    >>> body = "Body text. [ad] more"
    >>> [body[s:e] for s, e in phrase_runs(body, [(0, 11), (15, 20)])]
    ['Body text. ', ' more']
    """
    segments = [(0, len(text))] if segments is None else segments
    if not any(c in text for c in _LINE_BREAKS):
        return [(start, end) for start, end in segments if end > start]
    out = []
    for start, end in segments:
        position = start
        for found in _BREAK_RE.finditer(text, start, end):
            before, after = found.start(), found.end()
            while before > start and text[before - 1].isspace():
                before -= 1
            if _is_wrap(text, before, after, start, end):
                continue
            if before > position:
                out.append((position, before))
            position = after
        if end > position:
            out.append((position, end))
    return out


def run_words(text: str, segments: list[tuple[int, int]] | None = None) -> list[list[str]]:
    """Folded words of each of :func:`phrase_runs`: the word sequences n-grams are taken from.

    Examples
    --------
    >>> run_words("Illegal migrants.\\nPolice")
    [['illegal', 'migrants'], ['police']]
    """
    return [_WORD_RE.findall(fold(text[start:end])) for start, end in phrase_runs(text, segments)]


def ngrams(text: str, n: int = 1, segments: list[tuple[int, int]] | None = None) -> list[str]:
    """The ``n``-grams of ``text``: ``n`` consecutive folded words of one run, joined by a space.

    Examples
    --------
    >>> ngrams("Gangs exploit migrants.\\nPolice act", 2)
    ['gangs exploit', 'exploit migrants', 'police act']
    """
    grams = []
    for run in run_words(text, segments):
        grams += run if n == 1 else [" ".join(run[i : i + n]) for i in range(len(run) - n + 1)]
    return grams


@dataclass(frozen=True)
class FoldedText:
    """Runs of a text folded for matching and joined by line breaks, with the way back to offsets.

    Each run is :func:`fold`-ed and every stretch of whitespace in it (two
    spaces, a tab, a no-break space, a line wrap) becomes one space, so a
    phrase matches whatever spacing the text has; runs are joined by ``"\\n"``,
    which no phrase contains, so nothing matches across two runs.
    :meth:`offset` maps a position of :attr:`text` back into the original text.

    Examples
    --------
    >>> original = "Illegal \\u00a0Migrants.\\nGangs"
    >>> folded = FoldedText.of(original, phrase_runs(original))
    >>> folded.text, folded.offset(8), original[folded.offset(8)], original[folded.offset(18)]
    ('illegal migrants.\\ngangs', 9, 'M', 'G')
    """

    text: str
    #: Positions of :attr:`text` from which the distance to the original offset changes, and the distances.
    marks: tuple[int, ...] = ()
    gaps: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str, runs: list[tuple[int, int]] | None = None) -> FoldedText:
        """The folded ``runs`` of ``text`` (default: all of it as one run)."""
        folded = fold(text)
        runs = [(0, len(text))] if runs is None else runs
        pieces, marks, gaps = [], [], []
        length = gap = 0  # length of the folded text so far; original offset minus folded position
        for number, (start, end) in enumerate(runs):
            if number:
                pieces.append("\n")
                length += 1
            if start - length != gap:
                gap = start - length
                marks.append(length)
                gaps.append(gap)
            chunk = folded[start:end]
            if not _has_odd_space(chunk):
                pieces.append(chunk)
                length += len(chunk)
                continue
            position = 0
            for found in _SQUEEZE_RE.finditer(chunk):
                pieces += [chunk[position : found.start()], " "]
                length += found.start() - position + 1
                position = found.end()
                if start + position - length != gap:
                    gap = start + position - length
                    marks.append(length)
                    gaps.append(gap)
            pieces.append(chunk[position:])
            length += len(chunk) - position
        return cls("".join(pieces), tuple(marks), tuple(gaps))

    def offset(self, position: int) -> int:
        """The offset into the original text of :attr:`text`'s ``position`` (not a joining line break)."""
        index = bisect.bisect_right(self.marks, position)
        return position + (self.gaps[index - 1] if index else 0)
