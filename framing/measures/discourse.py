"""Quotes and sources: who speaks in an article, and who speaks without a name.

Direct quotes are found from their quotation marks, paragraph by paragraph,
following news convention: a quote left open at the end of a paragraph goes
on in the next paragraph that opens with a quotation mark, in the same
speaker's voice. A quote of three words or fewer with no speech verb beside it
is a *scare quote* ("slash"), the writer's distancing, not speech. Speakers are
found beside the quote or the sentence ("X said:", "..., X said", "said X")
and classed as ``named`` (a name), ``role`` (a title without a name: "the Home
Secretary"), ``anonymous`` ("a Whitehall source", "sources", "insiders") or
``unattributed`` (no speaker found). Indirect speech ("sources said", "X said
that") is listed too, without quote text.

Examples
--------
>>> text = 'A Whitehall source said "we know who some of these smugglers are" today.'
>>> quotes = find_quotes(text)
>>> quotes[0].speaker, quotes[0].source_type
('A Whitehall source', 'anonymous')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|warned|warns|admitted|admits|insisted|insists|claimed|claims|"
    "stated|states|declared|declares|vowed|vows|pledged|pledges|explained|explains|argued|argues|"
    "revealed|reveals|confirmed|confirms|urged|urges|announced|announces|stressed|stresses|wrote|writes"
)
QUOTE_CHARS = '"\u201c\u201d'
#: Words that make a speaker anonymous: a source without a name.
ANONYMOUS = re.compile(
    r"\b(?:sources?|insiders?|an? (?:senior |government |Whitehall |Downing Street |Home Office )?"
    r"(?:official|aide|figure|minister|spokes(?:man|woman|person)|ally|friend)|officials|aides|allies|"
    r"(?:it is|it was|it's) (?:understood|believed|thought))\b",
    re.IGNORECASE,
)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+)"
_NAME = rf"{_TITLE}?[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){{0,3}}"
_ROLE = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'\u2019-]+\s+){0,4}?"
    r"(?:[Ss]ecretary|[Mm]inister|[Ss]pokes(?:man|woman|person)|[Cc]ommander|[Cc]hief|[Oo]fficial|"
    r"[Ss]ource|[Aa]gency|[Gg]overnment|[Pp]olice|[Dd]irector|[Hh]ead|[Ll]eader|[Ss]ources|[Ii]nsider|MPs?)"
)
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_SPEAKER = rf"(?P<speaker>{_ROLE}|{_NAME}|{_PRONOUN}|[Ss]ources|[Ii]nsiders)"
_APPOSITION = r"(?:,\s*[^,\"\u201c\u201d]{1,80},)?"
#: "Speaker [, apposition,] said:" just before a quote (the speaker's words follow).
BEFORE = re.compile(rf"{_SPEAKER}{_APPOSITION}\s+(?:{SPEECH_VERBS})(?:\s+to)?\s*[:,]?\s*$")
#: After a quote, to the sentence end: "..., speaker said" ...
AFTER_SPEAKER_VERB = re.compile(
    rf"[^.!?\"\u201c\u201d]{{0,120}}?\b{_SPEAKER}{_APPOSITION}\s+(?:{SPEECH_VERBS})\b"
)
#: ... or "..., said speaker".
AFTER_VERB_SPEAKER = re.compile(rf"[^.!?\"\u201c\u201d]{{0,120}}?\b(?:{SPEECH_VERBS})\s+{_SPEAKER}")
#: Indirect speech: "Speaker [, apposition,] said (that)" with no quotation mark after it.
INDIRECT = re.compile(rf"{_SPEAKER}{_APPOSITION}\s+(?:{SPEECH_VERBS})\s+(?:that\s+)?(?=[a-z])")


@dataclass(frozen=True)
class Quote:
    """A stretch of reported speech with its speaker, by character offsets.

    ``start``/``end`` cover the quoted words (quotation marks excluded);
    ``kind`` is ``speech``, ``scare`` or ``indirect``.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str
    speaker_start: int
    speaker_end: int
    source_type: str


def source_type(speaker: str) -> str:
    """Class a speaker: ``anonymous``, ``role``, ``named`` or ``unattributed``.

    Examples
    --------
    >>> [source_type(s) for s in ("sources", "the Home Secretary", "Ms Mahmood", "")]
    ['anonymous', 'role', 'named', 'unattributed']
    """
    if not speaker:
        return "unattributed"
    if ANONYMOUS.search(speaker):
        return "anonymous"
    if re.match(r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s", speaker):
        return "role"
    return "named"


def _quoted_stretches(text: str, start: int, end: int):
    """Yield ``(open, close, closed)`` for each quotation in ``text[start:end]`` (one paragraph)."""
    marks = [start + m.start() for m in re.finditer(f"[{QUOTE_CHARS}]", text[start:end])]
    for index in range(0, len(marks), 2):
        if index + 1 < len(marks):
            yield marks[index], marks[index + 1], True
        else:
            yield marks[index], end, False


def _speaker_near(text: str, paragraph: tuple[int, int], opening: int, closing: int):
    """The speaker match just before ``opening`` or after ``closing`` (same sentence), or None."""
    before = BEFORE.search(text, paragraph[0], opening)
    if before:
        return before
    after_start = min(closing + 1, paragraph[1])
    return AFTER_SPEAKER_VERB.match(text, after_start, paragraph[1]) or AFTER_VERB_SPEAKER.match(
        text, after_start, paragraph[1]
    )


def _quote(start: int, end: int, text: str, kind: str, speaker=None) -> Quote:
    name, s_start, s_end = speaker or ("", -1, -1)
    return Quote(start, end, text[start:end], kind, name, s_start, s_end, source_type(name))


def find_quotes(text: str, segments: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Direct, scare and indirect quotes in ``text`` (within ``segments``), by offset.

    Examples
    --------
    >>> text = 'He said: "We will act now, and fast." The "route" is new.'
    >>> [(q.text, q.kind, q.speaker) for q in find_quotes(text)]
    [('We will act now, and fast.', 'speech', 'He'), ('route', 'scare', '')]
    """
    quotes: list[Quote] = []
    carried = None  # the speaker of a quote left open at the end of the previous paragraph
    for seg_start, seg_end in segments or [(0, len(text))]:
        for line in re.finditer(r"[^\n]+", text[seg_start:seg_end]):
            paragraph = (seg_start + line.start(), seg_start + line.end())
            opens_with_quote = text[paragraph[0] : paragraph[1]].lstrip()[:1] in QUOTE_CHARS
            speaker = carried if opens_with_quote else None
            carried = None
            covered = []
            for opening, closing, closed in _quoted_stretches(text, *paragraph):
                if not text[opening + 1 : closing].strip():
                    continue
                found = _speaker_near(text, paragraph, opening, closing)
                if found is not None:
                    speaker = (found.group("speaker"), found.start("speaker"), found.end("speaker"))
                words = len(text[opening + 1 : closing].split())
                if found is None and words <= 3:
                    quotes.append(_quote(opening + 1, closing, text, "scare"))
                    continue
                quotes.append(_quote(opening + 1, closing, text, "speech", speaker))
                covered.append((opening, closing))
                carried = None if closed else speaker
            for match in INDIRECT.finditer(text, *paragraph):
                end = _sentence_end(text, match.end(), paragraph[1])
                if any(a < end and match.start() < b for a, b in covered):
                    continue  # the sentence holds a direct quote already attributed
                speaker = (match.group("speaker"), match.start("speaker"), match.end("speaker"))
                quotes.append(_quote(match.end(), end, text, "indirect", speaker))
    return sorted(quotes, key=lambda q: q.start)


def _sentence_end(text: str, start: int, limit: int) -> int:
    match = re.compile(r"[.!?](?=\s|$)").search(text, start, limit)
    return match.start() if match else limit
