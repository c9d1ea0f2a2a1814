"""Words with character offsets, the folding used to count and match them, and where phrases may run.

A word is a run of letters or digits joined by inner apostrophes or hyphens
(:data:`WORD_PATTERN`); punctuation is not a word. Counting (keyness),
matching (lexicons), concordances and rates all use these rules.

**Hidden characters.** Counting and matching read a word as it looks:
invisible characters inside it (:data:`INVISIBLE`: a soft hyphen, a
zero-width space or joiner, a byte-order mark) are dropped and combining
accents composed (NFC), so "ille\u00adgal" is "illegal" and "cafe\u0301" is
"caf\u00e9"; offsets still point into the original text (:class:`FoldedText`).
:func:`word_spans` is not changed by them: it gives the original's words.

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
import functools
import re
import unicodedata
from dataclasses import dataclass, field

#: Version of the tokenisation rules; cached counts are keyed by it.
#: 2: n-grams stop at paragraph breaks and boilerplate; U+2018 and U+2010/U+2011 join words.
#: 3: invisible characters (:data:`INVISIBLE`) are dropped and combining accents composed (NFC).
TOKENIZER_VERSION = "3"

#: A word: letters or digits, joined by inner apostrophes (' U+2019 U+2018) or hyphens (- U+2010 U+2011).
WORD_PATTERN = r"[^\W_]+(?:['\u2019\u2018\-\u2010\u2011][^\W_]+)*"
_WORD_RE = re.compile(WORD_PATTERN)

#: Apostrophes straightened and hyphens made plain by :func:`fold`.
_FOLDS = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u2010", "-"), ("\u2011", "-"))

#: Characters that sit unseen inside words: the soft hyphen, zero-width space, non-joiner and joiner,
#: word joiner and byte-order mark. Counting and matching drop them (so "ille\u00adgal" is "illegal").
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
#: A stretch of characters that are not invisible.
_SEEN_RE = re.compile(f"[^{INVISIBLE}]+")
#: A character that is neither ASCII nor whitespace (its word may hide characters), and whitespace.
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f\s]")
_SPACE_RE = re.compile(r"\s")
_SPACES_RE = re.compile(" +")

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: A line break and the whitespace after it (the whitespace before it is added by hand: faster).
_BREAK_RE = re.compile(rf"[{_LINE_BREAKS}]\s*")
#: A run of whitespace that may be a line wrap: one plain line break, spaces or tabs around it.
_WRAP_RE = re.compile(rf"[^\S{_LINE_BREAKS}]*(?:\r\n|[\n\r\x85\u2028])[^\S{_LINE_BREAKS}]*")
#: Whitespace that :class:`FoldedText` turns into one space: a run of two, or one that is not a space.
_SQUEEZE_RE = re.compile(r"[^\S ]\s*| \s+")
#: The ASCII whitespace characters other than a space.
_ASCII_SPACES = "\t\n\r\v\f\x1c\x1d\x1e\x1f"
#: The ASCII whitespace characters other than a space and a line break (rare anywhere).
_TABS = "\t\v\f\x1c\x1d\x1e\x1f"
#: The whitespace characters that are not ASCII (none lies above U+3000).
_OTHER_SPACES = "".join(c for c in map(chr, range(0x80, 0x3001)) if c.isspace())


def _has_odd_space(text: str) -> bool:
    """Whether ``text`` holds two whitespace characters in a row or one that is not a space (fast path)."""
    if "  " in text or any(c in text for c in _ASCII_SPACES):
        return True
    return not text.isascii() and any(c in text for c in _OTHER_SPACES)


def _has_hidden(text: str) -> bool:
    """Whether ``text`` holds an invisible character or an accent to compose (NFC); False for ASCII, fast."""
    if text.isascii():
        return False
    return _INVISIBLE_RE.search(text) is not None or not unicodedata.is_normalized("NFC", text)


def visible(text: str) -> str:
    """``text`` without its invisible characters (:data:`INVISIBLE`), accents composed (NFC).

    Examples
    --------
    >>> visible("ille\u00adgal cafe\u0301")
    'illegal caf\xe9'
    """
    if not _has_hidden(text):
        return text
    return unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", text))


@functools.lru_cache(maxsize=1 << 14)
def _joins(previous: str, char: str) -> bool:
    """Whether ``char`` may compose (NFC) with what comes before it, ``previous`` the character before it.

    A combining mark (or a character that decomposes into one) always may;
    another character only where it composes with ``previous`` (Hangul
    syllables, Indic two-part vowels).
    """
    if char < "\x80":
        return False
    if unicodedata.combining(char) or unicodedata.combining(unicodedata.normalize("NFD", char)[0]):
        return True
    nfc = functools.partial(unicodedata.normalize, "NFC")
    return len(nfc(previous + char)) < len(nfc(previous)) + len(nfc(char))


def _visible_pieces(token: str, base: int) -> list[tuple[str, int, int]]:
    """The characters of ``token`` (no whitespace, at offset ``base``) as :func:`visible` makes them.

    Each is ``(character, start, end)``, ``start:end`` the original
    characters it comes from: a composed letter covers its base and accents
    (and any invisible character between them); an invisible character is in none.
    """
    kept = _INVISIBLE_RE.sub("", token)
    if unicodedata.is_normalized("NFC", kept):  # only invisible characters to drop: keep what is between
        return [
            (found.group(), base + found.start(), base + found.end()) for found in _SEEN_RE.finditer(token)
        ]
    chars = [(index, char) for index, char in enumerate(token) if char not in INVISIBLE]
    pieces: list[tuple[str, int, int]] = []
    start = 0
    for end in range(1, len(chars) + 1):  # a cluster: a character and those that compose with it
        if end < len(chars) and chars[end][1] >= "\x80" and _joins(chars[end - 1][1], chars[end][1]):
            continue
        cluster, start = chars[start:end], end
        first, after = base + cluster[0][0], base + cluster[-1][0] + 1
        raw = "".join(char for _, char in cluster)
        composed = unicodedata.normalize("NFC", raw) if raw >= "\x80" or len(raw) > 1 else raw
        if composed != raw:  # every character of the composed cluster covers all of it
            pieces += [(char, first, after) for char in composed]
            continue
        for index, char in cluster if after - first != len(raw) else [(cluster[0][0], raw)]:
            first, after = base + index, base + index + len(char)
            if pieces and pieces[-1][2] == first and len(pieces[-1][0]) == after - pieces[-1][1] - len(char):
                pieces[-1] = (pieces[-1][0] + char, pieces[-1][1], after)  # one piece while nothing is hidden
            else:
                pieces.append((char, first, after))
    return pieces


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
    if folded.isascii():
        return folded
    for old, new in _FOLDS:  # faster than str.translate, which looks every character up
        if old in folded:
            folded = folded.replace(old, new)
    return folded


def words(text: str) -> list[str]:
    """Folded words of ``text``, as counted for keyness and rates.

    Examples
    --------
    >>> words("Illegal migrants' routes, ille\u00adgal")
    ['illegal', 'migrants', 'routes', 'illegal']
    """
    return _WORD_RE.findall(visible(fold(text)))


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
    breaks = [c for c in _LINE_BREAKS if c in text]
    if not breaks:
        return [(start, end) for start, end in segments if end > start]
    out = []
    for start, end in segments:
        position = start
        for before, after in _breaks(text, breaks, start, end):
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


def _breaks(text: str, breaks: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``_BREAK_RE.finditer(text, start, end)``, the characters ``breaks`` found by ``str.find``.

    A line break and the whitespace after it; far faster than the regular
    expression's scan where line breaks are few (one line, one paragraph).
    """
    positions = []
    for char in breaks:
        at = text.find(char, start, end)
        while at >= 0:
            positions.append(at)
            at = text.find(char, at + 1, end)
    spans: list[tuple[int, int]] = []
    for at in sorted(positions):
        if not spans or at >= spans[-1][1]:
            spans.append(_BREAK_RE.match(text, at, end).span())
    return spans


def run_words(text: str, segments: list[tuple[int, int]] | None = None) -> list[list[str]]:
    """Folded words of each of :func:`phrase_runs`: the word sequences n-grams are taken from.

    Examples
    --------
    >>> run_words("Illegal migrants.\\nPolice")
    [['illegal', 'migrants'], ['police']]
    """
    return [_WORD_RE.findall(visible(fold(text[start:end]))) for start, end in phrase_runs(text, segments)]


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
    """Runs of a text folded for matching, the text between them blanked, with the way back to offsets.

    Each run is :func:`fold`-ed and made :func:`visible` (invisible characters
    dropped, accents composed), and every stretch of whitespace in it (two
    spaces, a tab, a no-break space, a line wrap) becomes one space, so a
    phrase matches whatever spacing the text has; the text between runs (a
    paragraph break, boilerplate left out) becomes as many ``"\\n"``, which no
    phrase contains, so nothing matches across two runs. Where no run has
    whitespace to squeeze or hidden characters (the usual case),
    :attr:`text` keeps every offset of the original.
    :meth:`offset` maps a position of :attr:`text` back into the original
    text, :meth:`end` the end of a match.

    Examples
    --------
    >>> original = "Illegal \\u00a0Migrants.\\nGangs"
    >>> folded = FoldedText.of(original, phrase_runs(original))
    >>> folded.text, folded.offset(8), original[folded.offset(8)], original[folded.offset(18)]
    ('illegal migrants.\\ngangs', 9, 'M', 'G')
    >>> FoldedText.of("Gangs.\\n\\nFled", [(0, 6), (8, 12)])
    FoldedText(text='gangs.\\n\\nfled', marks=(), gaps=(), widths={})
    >>> original = "ille\\u00adgal cafe\\u0301s"
    >>> folded = FoldedText.of(original)
    >>> folded.text == "illegal caf\\u00e9s", original[folded.offset(0) : folded.end(7)] == "ille\\u00adgal"
    (True, True)
    >>> original[folded.offset(8) : folded.end(13)] == "cafe\\u0301s"
    True
    """

    text: str
    #: Positions of :attr:`text` from which the distance to the original offset changes, and the distances.
    marks: tuple[int, ...] = ()
    gaps: tuple[int, ...] = ()
    #: Positions of :attr:`text` whose character stands for other than one original character, and how many.
    widths: dict = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, runs: list[tuple[int, int]] | None = None) -> FoldedText:
        """The folded ``runs`` of ``text`` (default: all of it as one run)."""
        folded = fold(text)
        runs = [(0, len(text))] if runs is None else runs
        plain = _plain_ascii(folded, runs)
        if plain is not None:
            return cls(*plain)
        hidden = _has_hidden(folded)
        # the whitespace characters other than a space that the text holds (few, if any): looked for per run
        spaces = [c for c in _ASCII_SPACES if c in folded]
        if not folded.isascii():
            spaces += [c for c in _OTHER_SPACES if c in folded]
        pieces, marks, gaps, widths = [], [], [], {}
        length = gap = previous = 0  # length of the folded text so far; original offset minus position
        for number, (start, end) in enumerate(runs):
            # the text since the last run (a paragraph break, boilerplate): line breaks, at least one
            blank = max(start - previous, 1 if number else 0)
            pieces.append("\n" * blank)
            length += blank
            previous = end
            if start - length != gap:
                gap = start - length
                marks.append(length)
                gaps.append(gap)
            chunk = folded[start:end]
            if hidden and _has_hidden(chunk):
                for piece, first, after in _visible_run(chunk, start):
                    if first - length != gap:
                        gap = first - length
                        if marks and marks[-1] == length:
                            gaps[-1] = gap
                        else:
                            marks.append(length)
                            gaps.append(gap)
                    pieces.append(piece)
                    length += len(piece)
                    if after - first != len(piece):
                        widths[length - 1] = after - first
                continue
            squeezes = _squeezes(chunk, bool(spaces) and any(c in chunk for c in spaces))
            if not squeezes:
                pieces.append(chunk)
                length += len(chunk)
                continue
            position = 0
            for squeezed, after in squeezes:
                pieces += [chunk[position:squeezed], " "]
                length += squeezed - position + 1
                position = after
                if start + position - length != gap:
                    gap = start + position - length
                    marks.append(length)
                    gaps.append(gap)
            pieces.append(chunk[position:])
            length += len(chunk) - position
        return cls("".join(pieces), tuple(marks), tuple(gaps), widths)

    def offset(self, position: int) -> int:
        """The offset into the original text of :attr:`text`'s ``position`` (not a joining line break)."""
        index = bisect.bisect_right(self.marks, position)
        return position + (self.gaps[index - 1] if index else 0)

    def end(self, position: int) -> int:
        """The offset into the original text where a match of :attr:`text` ending at ``position`` ends.

        Right after the original characters of its last character (all of a
        composed letter; no invisible character after it).
        """
        return self.offset(position - 1) + self.widths.get(position - 1, 1)


def _plain_ascii(folded: str, runs: list[tuple[int, int]]) -> tuple | None:
    """:class:`FoldedText`'s ``text``, ``marks`` and ``gaps`` of an ASCII text with only spaces in its runs.

    The usual case, made faster: a stretch of spaces becomes one space, the
    text between runs line breaks. None where ``folded`` is not ASCII, runs
    touch, or a run holds a tab, a line wrap or other whitespace.

    Examples
    --------
    >>> _plain_ascii("gangs.\\n\\nfled  now", [(0, 6), (8, 17)])  # "now" at 13 was at 14
    ('gangs.\\n\\nfled now', (13,), (1,))
    >>> _plain_ascii("gangs\\tfled", [(0, 10)]) is None
    True
    """
    if not folded.isascii() or any(c in folded for c in _TABS):
        return None
    pieces, marks, gaps = [], [], []
    previous = shift = 0  # where the last run ended; original offset minus folded position
    for start, end in runs:
        if (
            (pieces and start <= previous)
            or folded.find("\n", start, end) >= 0
            or folded.find("\r", start, end) >= 0
        ):
            return None
        pieces.append("\n" * (start - previous))
        position = start
        at = folded.find("  ", start, end)
        while at >= 0:
            after = _SPACES_RE.match(folded, at, end).end()
            pieces.append(folded[position : at + 1])
            shift += after - at - 1
            marks.append(after - shift)
            gaps.append(shift)
            position = after
            at = folded.find("  ", after, end)
        pieces.append(folded[position:end])
        previous = end
    return "".join(pieces), tuple(marks), tuple(gaps)


def _squeezes(chunk: str, odd: bool) -> list[tuple[int, int]]:
    """The spans of ``_SQUEEZE_RE.finditer(chunk)``; by ``str.find`` where spaces are its only whitespace.

    ``odd``: whether ``chunk`` holds whitespace other than a space.

    Examples
    --------
    >>> _squeezes("a  b c   d", False), _squeezes("a\\tb  c", True)
    ([(1, 3), (6, 9)], [(1, 2), (3, 5)])
    """
    if odd:
        return [found.span() for found in _SQUEEZE_RE.finditer(chunk)]
    spans = []
    at = chunk.find("  ")
    while at >= 0:
        after = _SPACES_RE.match(chunk, at).end()
        spans.append((at, after))
        at = chunk.find("  ", after)
    return spans


def _hidden_words(chunk: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each word of ``chunk`` (whitespace apart) that has hidden characters."""
    found, spans = _NON_ASCII_RE.search(chunk), []
    while found:
        start = found.start()
        while start and not chunk[start - 1].isspace():
            start -= 1
        after = _SPACE_RE.search(chunk, found.end())
        end = after.start() if after else len(chunk)
        if _has_hidden(chunk[start:end]):
            spans.append((start, end))
        found = _NON_ASCII_RE.search(chunk, end)
    return spans


def _visible_run(chunk: str, base: int):
    """``(piece, start, end)`` of a run with hidden characters at offset ``base``, for :class:`FoldedText`.

    Pieces join into the folded run: whitespace squeezed to one space (a word
    of invisible characters only is left out, so the spaces around it are one
    stretch), plain text as it is, a word with hidden characters one
    :func:`_visible_pieces` character at a time.
    """
    position = 0  # where the plain text not yet given starts
    space = None  # where whitespace still to give as one space starts

    def plain(upto: int):
        nonlocal space
        if upto > position:
            if space is not None:
                yield " ", base + space, base + space + 1
                space = None
            yield chunk[position:upto], base + position, base + upto

    odd = [found.span() for found in _SQUEEZE_RE.finditer(chunk)] if _has_odd_space(chunk) else []
    for start, end in sorted(odd + _hidden_words(chunk)):
        if end <= position:
            continue
        start = max(start, position)  # the space after invisible characters alone is taken already
        if chunk[start].isspace():
            yield from plain(start)
            space = start if space is None else space
            position = end
            continue
        pieces = _visible_pieces(chunk[start:end], base + start)
        if pieces:
            yield from plain(start)
            if space is not None:
                yield " ", base + space, base + space + 1
                space = None
            yield from pieces
        else:  # invisible characters alone: the whitespace around them is one stretch
            before = start - 1 if start > position and chunk[start - 1] == " " else start
            yield from plain(before)
            space = before if space is None and before < start else space
            if space is not None and chunk.startswith(" ", end):
                end += 1
        position = end
    yield from plain(len(chunk))
    if space is not None:
        yield " ", base + space, base + space + 1
