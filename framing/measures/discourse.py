"""Quotes, speakers and voice: who speaks in an article, and whose words a term is.

Direct quotes are found from their quotation marks, paragraph by paragraph:
double marks (straight or curly) and single marks (``‘...’`` or straight),
an apostrophe inside or at the edge of a word ("Mahmood’s", "don’t",
"’90s", "migrants’ rights") opening or closing nothing. A quotation nested
inside another belongs to the outer one. Following news convention, a quote
left open at the end of a paragraph goes on in the next paragraph that opens
with a quotation mark, in the same speaker's voice. A quote of three words or
fewer with no speech verb beside it is a *scare quote* ("slash"), the
writer's distancing, not speech. Speakers are found beside the quote or the
sentence ("X said:", "..., X said", "said X") and classed as ``named`` (a
name), ``role`` (a title without a name: "the Home Secretary"), ``anonymous``
("a Whitehall source", "sources", "insiders") or ``unattributed`` (no speaker
found). Indirect speech ("sources said", "X said that") is listed too,
without quote text.

One person, one speaker: every quote carries a ``speaker_id``, a canonical
``speaker_name`` and the ``speaker_type`` of whom it resolves to
(:func:`find_quotes`). Names that share a surname and do not disagree on
first names are one person ("Home Secretary Shabana Mahmood", "Ms
Mahmood"); a role noun ("the Home Secretary", "the commissioner") is the
last person named with that role earlier in the article ("Home Secretary
Shabana Mahmood", "Martin Hewitt, border security commander,"), and stays a
``role`` when nobody was; "he" and "she" are the last person mentioned (a
title's gender respected). :func:`sources_table` gives one row per speaker.

Voice: a term is the journalist's (``author``), a speaker's (``quoted``,
inside direct speech, with the speaker's id) or held at a distance
(``scare``, inside scare quotes); see :func:`voice_of` and :class:`QuoteIndex`.
Indirect speech is the journalist's paraphrase, so its words are ``author``.

Examples
--------
>>> text = 'A Whitehall source said "we know who some of these smugglers are" today.'
>>> quotes = find_quotes(text)
>>> quotes[0].speaker, quotes[0].source_type, quotes[0].speaker_id
('A Whitehall source', 'anonymous', 'whitehall-source')
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from framing.measures.lexicon import slug

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|warned|warns|admitted|admits|insisted|insists|claimed|claims|"
    "stated|states|declared|declares|vowed|vows|pledged|pledges|explained|explains|argued|argues|"
    "revealed|reveals|confirmed|confirms|urged|urges|announced|announces|stressed|stresses|wrote|writes"
)
#: Double quotation marks: any two in a paragraph open and close a quote, in turn.
QUOTE_CHARS = '"\u201c\u201d'
#: Single quotation marks; the straight one and "’" are apostrophes too, told apart by context.
SINGLE_QUOTE_CHARS = "'\u2018\u2019"
#: Columns of :func:`sources_table`.
SOURCE_COLUMNS = ["speaker_id", "speaker", "source_type", "quotes", "words", "forms"]
#: Words that make a speaker anonymous: a source without a name.
ANONYMOUS = re.compile(
    r"\b(?:sources?|insiders?|an? (?:senior |government |Whitehall |Downing Street |Home Office )?"
    r"(?:official|aide|figure|minister|spokes(?:man|woman|person)|ally|friend)|officials|aides|allies|"
    r"(?:it is|it was|it's) (?:understood|believed|thought))\b",
    re.IGNORECASE,
)
#: Nouns that name a post one person holds: "the Home Secretary" stands for its last named holder.
ROLE_NOUNS = (
    "attorney-general|governor-general|director-general|solicitor-general|secretary-general|vice-president|"
    "secretary|minister|commissioner|commander|chief|director|spokesman|spokeswoman|spokesperson|"
    "president|chancellor|governor|senator|mayor|leader|chairman|chairwoman|chair|head|officer|"
    "inspector|superintendent|constable|sergeant|ambassador|envoy|prosecutor|judge|justice|"
    "councillor|premier|treasurer|adviser|advisor|executive|MP"
)
_ANY_CASE_ROLE = "|".join(  # "[Ss]ecretary": faster than a case-insensitive group
    noun
    if noun.isupper()
    else "-".join(f"[{part[0].upper()}{part[0]}]{part[1:]}" for part in noun.split("-"))
    for noun in ROLE_NOUNS.split("|")
)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+)"
_WORD = r"[A-Z][\w'\u2019-]+"
_NAME = rf"{_TITLE}?{_WORD}(?:\s+{_WORD}){{0,3}}"
_ROLE = (
    r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'\u2019-]+\s+){0,4}?"
    rf"(?:{_ANY_CASE_ROLE}|[Ss]pokes(?:man|woman|person)|[Oo]fficial|[Ss]ources?|[Aa]gency|"
    r"[Gg]overnment|[Pp]olice|[Ii]nsider|MPs)\b"
)
_DETERMINER = re.compile(r"^(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+")
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey)"
_SPEAKER = rf"\b(?P<speaker>{_ROLE}|{_NAME}|{_PRONOUN}|[Ss]ources|[Ii]nsiders)"
_APPOSITION = r"(?:,\s*[^,\"\u201c\u201d\u2018]{1,80},)?"
#: "Speaker [, apposition,] said:" just before a quote (the speaker's words follow).
BEFORE = re.compile(rf"{_SPEAKER}{_APPOSITION}\s+(?:{SPEECH_VERBS})(?:\s+to)?\s*[:,]?\s*$")
#: After a quote, to the sentence end: "..., speaker said" ...
AFTER_SPEAKER_VERB = re.compile(
    rf"[^.!?\"\u201c\u201d\u2018]{{0,120}}?\b{_SPEAKER}{_APPOSITION}\s+(?:{SPEECH_VERBS})\b"
)
#: ... or "..., said speaker".
AFTER_VERB_SPEAKER = re.compile(rf"[^.!?\"\u201c\u201d\u2018]{{0,120}}?\b(?:{SPEECH_VERBS})\s+{_SPEAKER}")
#: Indirect speech: "Speaker [, apposition,] said (that)" with no quotation mark after it.
INDIRECT = re.compile(rf"{_SPEAKER}{_APPOSITION}\s+(?:{SPEECH_VERBS})\s+(?:that\s+)?(?=[a-z])")

_CAPITAL_ROLE = "|".join(
    noun if noun.isupper() else "-".join(part.capitalize() for part in noun.split("-"))
    for noun in ROLE_NOUNS.split("|")
)
_PERSON = rf"{_TITLE}?{_WORD}(?:\s+{_WORD}){{0,2}}"
#: A role attached to a name, before it: "Home Secretary Shabana Mahmood".
ROLE_THEN_NAME = re.compile(
    rf"\b(?P<role>(?:[A-Z][\w'\u2019-]*\s+){{0,3}}(?:{_CAPITAL_ROLE}))\b\s+(?P<name>{_PERSON})"
)
#: ... or after it, in apposition: "Martin Hewitt, border security commander, said".
NAME_THEN_ROLE = re.compile(
    rf"\b(?P<name>{_PERSON}),\s+(?P<role>(?:[\w'\u2019-]+\s+){{0,4}}?(?:{_ANY_CASE_ROLE}))\b"
    rf"(?=\s*[,.;:)]|\s+(?:{SPEECH_VERBS})\b|\s*$)"
)
#: ... or before it, in apposition: "the Home Secretary, Shabana Mahmood, said".
ROLE_COMMA_NAME = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<role>(?:[A-Z][\w'\u2019-]*\s+){{0,3}}(?:{_CAPITAL_ROLE})),\s+(?P<name>{_PERSON})"
    rf"(?=\s*[,.;:)]|\s+(?:{SPEECH_VERBS})\b|\s*$)"
)
#: A titled name anywhere ("Mr Hewitt met ..."): who "he" or "she" may be.
TITLED_NAME = re.compile(rf"\b{_TITLE}{_WORD}(?:\s+{_WORD}){{0,2}}")

#: After a single mark, what makes it an apostrophe ("’90s", "’em", "’til"), not an opening quote.
_ELISION = re.compile(r"(?:\d0s|em|til|tis|twas|cos|cause)\b", re.IGNORECASE)
#: "rock ’n’ roll": both marks are apostrophes.
_ELIDED_AND = re.compile(r"(?<!\w)['\u2018\u2019]n['\u2019](?!\w)")
_OPENING_PUNCTUATION = set('([{/-\u2013\u2014"\u201c')
_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Professor"}
_GENDER = {"Mr": "he", "Sir": "he", "Lord": "he", "Mrs": "she", "Ms": "she", "Miss": "she"}
_GENDER |= {"Dame": "she", "Lady": "she"}
_POST_NOMINALS = {"MP", "QC", "KC", "MEP", "OBE", "CBE", "MBE", "KBE", "DBE", "Jr", "Sr"}
_ROLE_NOUN_SET = set(ROLE_NOUNS.lower().split("|"))
#: Role nouns that are also surnames: a name ending in one is still a name.
_SURNAME_LIKE = {
    "head",
    "judge",
    "chancellor",
    "mayor",
    "constable",
    "justice",
    "leader",
    "chair",
    "premier",
    "mp",
}
#: Posts and ranks a name may open with ("General Pervez Musharraf"): not part of the name.
_RANKS = _ROLE_NOUN_SET | {"general", "lieutenant-general", "major-general", "brigadier", "colonel", "major"}
_RANKS |= {"captain", "admiral", "commodore", "detective", "reverend", "rev", "senior"}
_NOT_IN_ROLE = {"the", "a", "an", "who", "whom", "where", "which", "when", "that", "while", "as"}
#: Last words of organisations' names: a "he" or "she" never stands for them.
_ORGANISATION = {
    "Agency",
    "Airlines",
    "Airport",
    "Army",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Center",
    "Centre",
    "Club",
    "Commission",
    "Committee",
    "Company",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Federation",
    "Force",
    "Foundation",
    "Fund",
    "Government",
    "Group",
    "Hospital",
    "House",
    "Institute",
    "League",
    "Ministry",
    "Network",
    "Office",
    "Organisation",
    "Organization",
    "Party",
    "Police",
    "School",
    "Service",
    "Services",
    "Tribunal",
    "Trust",
    "Union",
    "University",
}
_NOT_A_FIRST_NAME = {"The", "A", "An", "In", "On", "At", "But", "And", "After", "Before", "When", "While"}


@dataclass(frozen=True)
class Quote:
    """A stretch of reported speech with its speaker, by character offsets.

    ``start``/``end`` cover the quoted words (quotation marks excluded);
    ``kind`` is ``speech``, ``scare`` or ``indirect``. ``speaker`` is the
    attribution as written and ``source_type`` its class there ("The Home
    Secretary": ``role``); ``speaker_id``, ``speaker_name`` and
    ``speaker_type`` are the person (or role, or anonymous source) it resolves
    to in the whole article ("shabana-mahmood", "Shabana Mahmood",
    ``named``); ``""`` and ``unattributed`` when no speaker is found.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str
    speaker_start: int
    speaker_end: int
    source_type: str
    speaker_id: str = ""
    speaker_name: str = ""
    speaker_type: str = "unattributed"


def source_type(speaker: str) -> str:
    """Class a speaker: ``anonymous``, ``role``, ``named`` or ``unattributed``.

    Examples
    --------
    >>> [source_type(s) for s in ("sources", "the Home Secretary", "Ms Mahmood", "Police Minister", "")]
    ['anonymous', 'role', 'named', 'role', 'unattributed']
    >>> source_type("Ministers")  # a plural role noun, capitalised at a sentence's start
    'role'
    """
    if not speaker:
        return "unattributed"
    if ANONYMOUS.search(speaker):
        return "anonymous"
    if _DETERMINER.match(speaker):
        return "role"
    last = speaker.split()[-1].lower()
    singular = last[:-1] if last.endswith("s") else last
    if {last, singular} & (_ROLE_NOUN_SET - _SURNAME_LIKE) and not re.match(_TITLE, speaker):
        return "role"  # "Victoria's Industrial Relations Minister", "Ministers", not "John Head"
    return "named"


def _single_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Single marks in ``text[start:end]`` that may open or close a quote: ``(offset, how)``.

    ``how`` is ``open``, ``close`` or ``either`` ("migrants’ rights": a
    plural possessive or a closing mark before a word); apostrophes are left out.
    """
    marks = []
    elided = set()
    if "n'" in text[start:end] or "n\u2019" in text[start:end]:
        elided = {at for m in _ELIDED_AND.finditer(text, start, end) for at in (m.start(), m.end() - 1)}
    for match in re.finditer(f"[{SINGLE_QUOTE_CHARS}]", text[start:end]):
        at, char = start + match.start(), match.group()
        if at in elided:
            continue
        before = text[at - 1] if at > start else " "
        after = text[at + 1] if at + 1 < end else " "
        if char != "\u2019" and (before.isspace() or before in _OPENING_PUNCTUATION):
            if not after.isspace() and not _ELISION.match(text, at + 1, end):
                marks.append((at, "open"))
        elif char != "\u2018" and not before.isspace() and not after.isalnum():
            word_follows = after == " " and at + 2 < end and text[at + 2].isalnum()
            marks.append((at, "either" if word_follows and before in "sS" else "close"))
    return marks


def _single_stretches(text: str, start: int, end: int):
    """Yield ``(open, close, closed)`` for each single-quoted stretch of one paragraph."""
    marks = _single_marks(text, start, end)
    opening = None
    for index, (at, how) in enumerate(marks):
        if opening is None:
            if how == "open":
                opening = at
        elif how == "close" or (how == "either" and not _closes_later(marks, index)):
            yield opening, at, True
            opening = None
    if opening is not None:
        yield opening, end, False


def _closes_later(marks: list[tuple[int, str]], index: int) -> bool:
    """Whether a plain closing mark follows ``marks[index]`` before another quote opens."""
    for _, how in marks[index + 1 :]:
        if how != "either":
            return how == "close"
    return False


def _quoted_stretches(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``(open, close, closed)`` for each outermost quotation in ``text[start:end]`` (one paragraph).

    Double marks pair in turn; single marks by context. A stretch inside
    another is dropped; a single-quoted stretch crossing a double-quoted one
    is dropped (a misread apostrophe).

    Examples
    --------
    >>> text = "‘Don’t call it “slash”,’ she said of the ’90s ‘plan’."
    >>> [text[a + 1 : b] for a, b, _ in _quoted_stretches(text, 0, len(text))]
    ['Don’t call it “slash”,', 'plan']
    """
    marks = [start + m.start() for m in re.finditer(f"[{QUOTE_CHARS}]", text[start:end])]
    doubles = [
        (marks[i], marks[i + 1], True) if i + 1 < len(marks) else (marks[i], end, False)
        for i in range(0, len(marks), 2)
    ]
    singles = [
        s
        for s in _single_stretches(text, start, end)
        if not any(s[0] < d[1] and d[0] < s[1] and not _inside(d, s) for d in doubles)
    ]
    doubles = [d for d in doubles if not any(_inside(d, s) for s in singles)]
    return sorted(doubles + singles)


def _inside(a: tuple, b: tuple) -> bool:
    """Whether stretch ``a`` lies within stretch ``b``."""
    return b[0] < a[0] and a[1] <= b[1]


def _speaker_near(text: str, paragraph: tuple[int, int], opening: int, closing: int):
    """The speaker match just before ``opening`` or after ``closing`` (same sentence), or None."""
    before = BEFORE.search(text, paragraph[0], opening)
    if before:
        return before
    after_start = min(closing + 1, paragraph[1])
    return AFTER_SPEAKER_VERB.match(text, after_start, paragraph[1]) or AFTER_VERB_SPEAKER.match(
        text, after_start, paragraph[1]
    )


def find_quotes(text: str, segments: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Direct, scare and indirect quotes in ``text`` (within ``segments``), by offset, speakers resolved.

    Examples
    --------
    >>> text = 'Home Secretary Jo Bloggs spoke. The Home Secretary said: "We act now." A ‘route’ is new.'
    >>> [(q.text, q.kind, q.speaker, q.speaker_name) for q in find_quotes(text)]
    [('We act now.', 'speech', 'The Home Secretary', 'Jo Bloggs'), ('route', 'scare', '', '')]
    """
    found_quotes = []  # (start, end, kind, (speaker, speaker_start, speaker_end) or None)
    carried = None  # the speaker of a quote left open at the end of the previous paragraph
    segments = segments or [(0, len(text))]
    for paragraph in _paragraphs(text, segments):
        stretches = _quoted_stretches(text, *paragraph)
        line = text[paragraph[0] : paragraph[1]]
        first = paragraph[0] + len(line) - len(line.lstrip())
        speaker = carried if stretches and stretches[0][0] == first else None
        carried = None
        covered = []
        for opening, closing, closed in stretches:
            if not text[opening + 1 : closing].strip():
                continue
            found = _speaker_near(text, paragraph, opening, closing)
            if found is not None:
                speaker = (found.group("speaker"), found.start("speaker"), found.end("speaker"))
            words = len(text[opening + 1 : closing].split())
            if found is None and words <= 3:
                found_quotes.append((opening + 1, closing, "scare", None))
                continue
            found_quotes.append((opening + 1, closing, "speech", speaker))
            covered.append((opening, closing))
            carried = None if closed else speaker
        for match in INDIRECT.finditer(text, *paragraph):
            end = _sentence_end(text, match.end(), paragraph[1])
            if any(a < end and match.start() < b for a, b in covered):
                continue  # the sentence holds a direct quote already attributed
            speaker = (match.group("speaker"), match.start("speaker"), match.end("speaker"))
            found_quotes.append((match.end(), end, "indirect", speaker))
    found_quotes.sort(key=lambda q: q[0])
    speakers = {q[3][:2] for q in found_quotes if q[3]}
    resolved = _resolve_speakers(text, segments, speakers) if speakers else {}
    return [_quote(text, *found, resolved) for found in found_quotes]


def _quote(text: str, start: int, end: int, kind: str, speaker, resolved: dict) -> Quote:
    name, s_start, s_end = speaker or ("", -1, -1)
    resolution = resolved.get((name, s_start), ("", "", "unattributed"))
    return Quote(start, end, text[start:end], kind, name, s_start, s_end, source_type(name), *resolution)


def _paragraphs(text: str, segments: list[tuple[int, int]]):
    """``(start, end)`` of each paragraph (a run of text between line breaks) within ``segments``."""
    for seg_start, seg_end in segments:
        for line in re.finditer(r"[^\n]+", text[seg_start:seg_end]):
            yield seg_start + line.start(), seg_start + line.end()


def _sentence_end(text: str, start: int, limit: int) -> int:
    match = re.compile(r"[.!?](?=\s|$)").search(text, start, limit)
    return match.start() if match else limit


# One person, one speaker ------------------------------------------------------------------------


def _person_name(name: str) -> tuple[list[str], str]:
    """The words of a person's name and its title ("" if none).

    Words before a title ("Later Ms Mahmood"), an owner ("Meteorology's Claire
    Richards"), a post or rank ("General Pervez Musharraf"), post-nominals and
    a possessive are dropped.
    """
    words = name.split()
    titled = [i for i, word in enumerate(words[:-1]) if word.rstrip(".") in _TITLES]
    title = words[titled[0]].rstrip(".") if titled else ""
    if titled:
        words = words[titled[-1] + 1 :]
    owners = [i for i, word in enumerate(words[:-1]) if re.search(r"['\u2019]s$", word)]
    if owners:
        words = words[owners[-1] + 1 :]
    while len(words) > 1 and (words[0] in _NOT_A_FIRST_NAME or words[0].lower() in _RANKS):
        words = words[1:]
    while len(words) > 1 and words[-1] in _POST_NOMINALS:
        words = words[:-1]
    if words:
        words[-1] = re.sub(r"['\u2019]s?$", "", words[-1])
    return words, title


def _role_key(role: str) -> str:
    """A role as compared across the article: "The Home Secretary" -> "home secretary"."""
    return " ".join(_DETERMINER.sub("", role, count=1).lower().split())


class _Cast:
    """The people of one article, met in text order: names, the roles they hold, who was last seen."""

    def __init__(self) -> None:
        self.names: list[list[list[str]]] = []  # per person: the name forms seen (lists of words)
        self.titled: list[str] = []  # per person: the first titled form ("Ms Mahmood")
        self.gender: list[str] = []
        self.human: list[bool] = []  # per person: seen with a title, a role or a first name
        self.last: list[int] = []  # per person: offset of the last mention
        self.holders: dict[str, int] = {}  # role key or role noun -> person

    def person(self, name: str, offset: int) -> int | None:
        """The person ``name`` is (a new one if no earlier name agrees), last seen at ``offset``."""
        words, title = _person_name(name)
        if not words:
            return None
        gender = _GENDER.get(title, "")
        folded = [w.casefold() for w in words]
        candidates = [
            p
            for p, forms in enumerate(self.names)
            if any(_agree(folded, [w.casefold() for w in form]) for form in forms)
            and (not gender or not self.gender[p] or gender == self.gender[p])
        ]
        if candidates:
            person = max(candidates, key=lambda p: self.last[p])
            if words not in self.names[person]:
                self.names[person].append(words)
            self.gender[person] = self.gender[person] or gender
        else:
            person = len(self.names)
            self.names.append([words])
            self.titled.append("")
            self.gender.append(gender)
            self.human.append(False)
            self.last.append(offset)
        self.human[person] |= bool(title) or (len(words) > 1 and words[-1] not in _ORGANISATION)
        if title and not self.titled[person]:
            self.titled[person] = " ".join([title, *words])
        self.last[person] = offset
        return person

    def hold(self, role: str, person: int) -> None:
        key = _role_key(role)
        self.holders[key] = person
        self.human[person] = True
        self.holders[key.split()[-1]] = person

    def holder(self, role: str) -> int | None:
        """The last person seen holding ``role`` (the same words, else the same role noun), or None."""
        key = _role_key(role)
        noun = key.rsplit(" ", 1)[-1]
        if noun not in _ROLE_NOUN_SET:
            return None
        return self.holders.get(key, self.holders.get(noun))

    def pronoun(self, pronoun: str, offset: int) -> int | None:
        """The person last mentioned before ``offset`` whom ``pronoun`` ("he", "she") may stand for."""
        gender = pronoun.lower()
        if gender not in ("he", "she"):
            return None
        fitting = [
            p
            for p in range(len(self.names))
            if self.human[p] and self.gender[p] in ("", gender) and self.last[p] <= offset
        ]
        return max(fitting, key=lambda p: self.last[p]) if fitting else None

    def canonical(self, person: int) -> str:
        """The shortest full name seen (first name and surname), else the titled surname."""
        full = [form for form in self.names[person] if len(form) > 1]
        if full:
            return " ".join(min(full, key=len))
        return self.titled[person] or " ".join(self.names[person][0])


def _agree(a: list[str], b: list[str]) -> bool:
    """Whether two names may be one person: the shorter ends the longer ("mahmood", "shabana mahmood")."""
    short, long = sorted((a, b), key=len)
    return long[len(long) - len(short) :] == short


def _mentions(text: str, segments: list[tuple[int, int]]):
    """``(offset, role, name)`` for each person named in ``segments``, with the role attached ("" if none)."""
    for start, end in _paragraphs(text, segments):
        words = re.findall(r"[\w-]+", text[start:end].lower())
        if _ROLE_NOUN_SET.intersection(words):  # the patterns are slow: only where a role noun stands
            for pattern in (ROLE_THEN_NAME, NAME_THEN_ROLE, ROLE_COMMA_NAME):
                for match in pattern.finditer(text, start, end):
                    name, role = match.group("name"), match.group("role")
                    if _attached(name, role, apposition=pattern is not ROLE_THEN_NAME):
                        yield match.start(), role, name
        for match in TITLED_NAME.finditer(text, start, end):
            yield match.start(), "", match.group()


def _attached(name: str, role: str, apposition: bool) -> bool:
    """Whether ``name`` with ``role`` reads as a person holding a post (not "Goshen General Hospital").

    Set off by commas, the name must be a full or titled one ("In Sarajevo, the commander" is not).
    """
    words, title = _person_name(name)
    if not words or words[-1] in _ORGANISATION or words[-1].lower() in _ROLE_NOUN_SET:
        return False
    if _NOT_IN_ROLE.intersection(_role_key(role).split()):
        return False
    return not apposition or len(words) > 1 or bool(title)


def _resolve_speakers(text: str, segments: list[tuple[int, int]], speakers: set[tuple[str, int]]) -> dict:
    """``(speaker_id, speaker_name, speaker_type)`` per ``(speaker, speaker_start)``, one id per person."""
    events = [(offset, 0, role, name) for offset, role, name in _mentions(text, segments)]
    events += [(offset, 1, "", speaker) for speaker, offset in speakers]
    cast = _Cast()
    resolved: dict[tuple[str, int], tuple[str, int | None]] = {}
    for offset, is_speaker, role, name in sorted(events):
        if not is_speaker:
            person = cast.person(name, offset)
            if role and person is not None:
                cast.hold(role, person)
            continue
        kind = source_type(name)
        if kind == "anonymous":
            resolved[name, offset] = (_lower_article(name), None)
        elif re.fullmatch(_PRONOUN, name):
            resolved[name, offset] = ("", cast.pronoun(name, offset))
        elif (attached := ROLE_THEN_NAME.fullmatch(_DETERMINER.sub("", name, count=1))) is not None:
            person = cast.person(attached.group("name"), offset)
            if person is not None:
                cast.hold(attached.group("role"), person)
            resolved[name, offset] = (name, person)
        elif kind == "role":
            resolved[name, offset] = (_lower_article(name), cast.holder(name))
        elif name.split()[-1] in _ORGANISATION:
            resolved[name, offset] = (name, None)
        else:
            resolved[name, offset] = (name, cast.person(name, offset))
    ids: dict[tuple[str, int], tuple[str, str, str]] = {}
    for key, (label, person) in resolved.items():
        if person is not None:
            label = cast.canonical(person)
            ids[key] = (slug(label), label, "named")
        else:
            ids[key] = (
                (slug(_role_key(label)), label, source_type(label)) if label else ("", "", "unattributed")
            )
    return ids


def _lower_article(speaker: str) -> str:
    """A speaker as a name in running text: "A Whitehall source" -> "a Whitehall source"."""
    return _DETERMINER.sub(lambda m: m.group().lower(), speaker, count=1)


def _rows(quotes):
    """Quotes as objects with attributes: Quote objects as they are, a DataFrame's rows as named tuples."""
    return list(quotes.itertuples(index=False)) if isinstance(quotes, pd.DataFrame) else list(quotes)


def sources_table(quotes) -> pd.DataFrame:
    """Who is quoted: one row per speaker, in order of first quote.

    Columns: ``speaker_id``, ``speaker`` (the canonical name), ``source_type``
    (the speaker's ``speaker_type``: a role resolved to its named holder is
    ``named``),
    ``quotes`` and ``words`` (direct and indirect speech; scare quotes left
    out), ``forms`` (the attributions as written, ``"; "``-joined, in order).
    Speech with no speaker found is one row with an empty speaker, as
    ``unattributed``.

    Parameters
    ----------
    quotes : list of Quote, or DataFrame with the same fields
        As :func:`find_quotes` gives them.

    Examples
    --------
    >>> text = 'Mr Hewitt said: "We act." Martin Hewitt, the commander, met us. "We win," the commander said.'
    >>> sources_table(find_quotes(text)).values.tolist()
    [['martin-hewitt', 'Martin Hewitt', 'named', 2, 4, 'Mr Hewitt; the commander']]
    """
    rows: dict[str, list] = {}
    for quote in sorted(_rows(quotes), key=lambda q: q.start):
        if quote.kind == "scare":
            continue
        row = rows.setdefault(
            quote.speaker_id,
            [quote.speaker_id, quote.speaker_name, quote.speaker_type, 0, 0, []],
        )
        row[3] += 1
        row[4] += len(quote.text.split())
        if quote.speaker and quote.speaker not in row[5]:
            row[5].append(quote.speaker)
    return pd.DataFrame(
        [[*row[:5], "; ".join(row[5])] for row in rows.values()], columns=SOURCE_COLUMNS
    ).astype({"quotes": "int64", "words": "int64"})


# Voice ------------------------------------------------------------------------------------------


class QuoteIndex:
    """Direct speech and scare quotes of one article, sorted, for looking offsets up by bisection.

    Built once per article; :meth:`quote_at`, :meth:`voice` and
    :meth:`quoted_share` then cost a bisection each. Indirect speech is left
    out: its words are the journalist's.

    Parameters
    ----------
    quotes : list of Quote, or DataFrame with the same fields

    Examples
    --------
    >>> text = 'Ms Bloggs said: "We will slash it." The "slash" is new.'
    >>> index = QuoteIndex(find_quotes(text))
    >>> index.quote_at(text.find("will")).text, index.quote_at(text.find("new"))
    ('We will slash it.', None)
    >>> quoted, scare = text.find("slash"), text.rfind("slash")
    >>> index.voice(quoted, quoted + 5), index.voice(scare, scare + 5), index.voice(0, 2)
    (('quoted', 'ms-bloggs'), ('scare', ''), ('author', ''))
    """

    def __init__(self, quotes) -> None:
        self.quotes = sorted(
            (q for q in _rows(quotes) if q.kind in ("speech", "scare")), key=lambda q: q.start
        )
        self.starts = [q.start for q in self.quotes]

    def quote_at(self, offset: int):
        """The direct or scare quote whose words hold ``offset``, or None."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def voice(self, start: int, end: int) -> tuple[str, str]:
        """``(voice, speaker_id)`` of the text ``[start, end)``: wholly inside a quote, or the author's."""
        quote = self.quote_at(start)
        if quote is None or end > quote.end:
            return "author", ""
        if quote.kind == "scare":
            return "scare", ""
        return "quoted", quote.speaker_id

    def quoted_share(self, text: str, start: int, end: int) -> float:
        """Share of the letters and digits of ``text[start:end]`` that stand inside direct speech.

        Examples
        --------
        >>> text = 'She said: "No single country can act." It is late.'
        >>> index = QuoteIndex(find_quotes(text))
        >>> second = text.find("It")
        >>> index.quoted_share(text, 0, second - 1), index.quoted_share(text, second, len(text))
        (0.75, 0.0)
        """
        letters = sum(c.isalnum() for c in text[start:end])
        if not letters:
            return 0.0
        inside = 0
        index = max(bisect.bisect_right(self.starts, start) - 1, 0)
        for quote in self.quotes[index:]:
            if quote.start >= end:
                break
            if quote.kind == "speech" and quote.end > start:
                inside += sum(c.isalnum() for c in text[max(start, quote.start) : min(end, quote.end)])
        return inside / letters


def voice_of(spans, quotes) -> list[tuple[str, str]]:
    """``(voice, speaker_id)`` for each ``(start, end)`` in ``spans``: whose words each span is.

    ``voice`` is ``scare`` when the span stands inside scare quotes,
    ``quoted`` inside direct speech (with the speaker's id, ``""`` when
    unattributed) and ``author`` otherwise (indirect speech included).

    Examples
    --------
    >>> text = 'Gangs, Ms Bloggs said: "We will stop the gangs." The "gangs" run.'
    >>> starts = [0, text.find("gangs"), text.find('"gangs"') + 1]
    >>> voice_of([(start, start + 5) for start in starts], find_quotes(text))
    [('author', ''), ('quoted', 'ms-bloggs'), ('scare', '')]
    """
    index = QuoteIndex(quotes)
    return [index.voice(start, end) for start, end in spans]
