"""Lexicons of loaded terms: entries, loaders, validation and the matcher.

A lexicon is data: one entry per concept, with its variants, category,
weight (1-3), direction, the neutral alternatives each style guide
recommends, a rationale and a source. The packaged lexicon is
``framing/data/lexicons/migration.yaml``; users bring their own as YAML, CSV
or LIWC ``.dic`` files.

Directions (:data:`DIRECTIONS`): ``negative`` and ``positive`` entries carry
a valence of their own; ``emphatic`` entries raise certainty or intensity
without one (boosters, factive and assertive verbs); ``neutral`` entries are
context markers (attribution, hedging).

Matching is case-insensitive, on word boundaries, and multi-word; where
matches overlap, the longest wins (as quanteda's ``nested_scope``). A phrase
matches whatever whitespace the text puts between its words (two spaces, a
tab, a no-break space, a line wrap) and any apostrophe (' U+2019 U+2018), but
never across a paragraph break or excluded boilerplate
(:func:`framing.text.words.phrase_runs`); offsets always point into the
original text. A trailing ``*`` on a variant is a prefix wildcard on its last
word (``migra*``). Two optional entry fields refine matching:

- ``hyphenation: true``: every hyphen in the entry's variants (and exceptions)
  also matches a space or nothing, so ``rubber-stamp`` finds "rubber-stamp",
  "rubber stamp" and "rubberstamp";
- ``exceptions: [...]``: phrases in which the entry does not count (literal
  uses, names: "flood defences" for ``flood``), matched like variants; a match
  of the entry lying inside a match of one of its exceptions is dropped. Each
  exception must contain one of the entry's variants.

Every variant and exception of all the lexicons in use is found in one pass
over the text, by one Aho-Corasick automaton (:class:`_Scanner`).

A lexicon displays as a short summary (its categories with their labels and
entry counts, its most cited sources); :meth:`Lexicon.explain` shows one entry
with the full citations of its sources and of the guides its alternatives
come from (:meth:`Lexicon.citation`: "Title (publisher, year)").

Examples
--------
>>> lexicon = Lexicon.from_terms({"criminalisation": ["gangs", "smuggling gangs"]})
>>> [(m.start, m.end, m.entry.id) for m in lexicon.match("Smuggling  gangs, gangs.")]
[(0, 16, 'smuggling-gangs'), (18, 23, 'gangs')]
"""

from __future__ import annotations

import bisect
import csv
import functools
import hashlib
import io
import operator
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import ClassVar

import yaml

from framing.text.document import DocumentError, decode
from framing.text.words import FoldedText, fold, phrase_runs, visible

PACKAGED_DIR = resources.files("framing") / "data" / "lexicons"
#: libyaml's safe loader where PyYAML was built with it (ten times faster), else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: An entry's direction, and what it means for a reader (tooltips, :meth:`Lexicon.explain`).
DIRECTIONS = {
    "negative": "a negative valence of its own",
    "positive": "a positive valence of its own",
    "emphatic": "raises certainty or intensity without a valence of its own (boosters, factive and "
    "assertive verbs)",
    "neutral": "a context marker (attribution, hedging), listed but not counted in the index",
}
_ENTRY_FIELDS = {
    "id",
    "variants",
    "category",
    "weight",
    "direction",
    "alternatives",
    "rationale",
    "source",
    "exceptions",
    "hyphenation",
}
#: Values of a CSV ``hyphenation`` cell.
_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file, the entry and the problem."""


class _DuplicateKey(yaml.YAMLError):
    """A key given twice in one YAML mapping."""


class _StrictLoader(_SAFE_LOADER):
    """The safe YAML loader, refusing a key given twice in one mapping (PyYAML would keep the last)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:  # an unhashable key: the constructor names it
                    continue
                if first is not key_node:
                    raise _DuplicateKey(
                        f"line {key_node.start_mark.line + 1}: key {key!r} is given twice in one mapping "
                        f"(first on line {first.start_mark.line + 1}); YAML would keep only the last"
                    )
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Entry:
    """One concept of a lexicon.

    Examples
    --------
    >>> Entry("kingpin", ("kingpin", "kingpins"), "criminalisation").weight
    1
    """

    id: str
    variants: tuple[str, ...]
    category: str
    weight: int = 1
    direction: str = "negative"
    alternatives: dict = field(default_factory=dict, compare=False)
    rationale: str = ""
    source: tuple[str, ...] = ()
    #: Phrases in which the entry does not count (matched like variants).
    exceptions: tuple[str, ...] = ()
    #: Whether each hyphen in a variant or exception also matches a space or nothing.
    hyphenation: bool = False
    #: The full citations of ``source``, ``"Title (publisher, year)"`` joined by ``"; "``.
    citation: str = field(default="", compare=False)

    def alternatives_text(self) -> str:
        """Alternatives as one line, guide by guide: ``"ap: migrant; picum: undocumented migrant"``."""
        return "; ".join(f"{guide}: {', '.join(terms)}" for guide, terms in self.alternatives.items())


@dataclass(frozen=True)
class Match:
    """A lexicon entry found at ``text[start:end]``; ``excepted``: inside one of the entry's exceptions."""

    start: int
    end: int
    entry: Entry
    excepted: bool = False

    def __init__(self, start: int, end: int, entry: Entry, excepted: bool = False):
        # the four fields in one step (the frozen dataclass's own __init__ sets each by object.__setattr__,
        # three times slower: matching makes one Match per term found)
        self.__dict__.update(start=start, end=end, entry=entry, excepted=excepted)


@dataclass(frozen=True)
class Explanation:
    """Why an entry is in its lexicon, and (from ``Analysis.explain``) where it matched.

    Returned by :meth:`Lexicon.explain`; prints as a short card, and as HTML in a notebook.

    Examples
    --------
    >>> print(Lexicon.from_terms({"hyperbole": ["slash"]}).explain("Slash"))  # doctest: +NORMALIZE_WHITESPACE
    'slash' in lexicon 'custom': Hyperbole (hyperbole)
      weight 1 of 3; direction negative: a negative valence of its own
      variants: slash
      exceptions: none
      alternatives: none
      why: no rationale given
      sources: none
    """

    lexicon: str
    entry: Entry
    #: The category's label.
    label: str
    #: ``(key, full citation)`` of each of the entry's sources.
    sources: tuple = ()
    #: ``(guide, full citation)`` of each guide the alternatives come from.
    guides: tuple = ()
    #: Where the entry matched in an article (one row a match), or None.
    matches: object = field(default=None, compare=False)

    @property
    def direction(self) -> str:
        """The entry's direction and what it means."""
        return f"{self.entry.direction}: {DIRECTIONS[self.entry.direction]}"

    def to_dict(self) -> dict:
        """The explanation as JSON-ready builtins (matches as a list of records, or None).

        Examples
        --------
        >>> Lexicon.from_terms({"hyperbole": ["slash"]}).explain("slash").to_dict()["variants"]
        ['slash']
        """
        import json

        entry, citations = self.entry, dict(self.guides)
        matches = None if self.matches is None else json.loads(self.matches.to_json(orient="records"))
        return {
            "lexicon": self.lexicon,
            "id": entry.id,
            "category": entry.category,
            "label": self.label,
            "weight": entry.weight,
            "direction": entry.direction,
            "direction_meaning": DIRECTIONS[entry.direction],
            "variants": list(entry.variants),
            "exceptions": list(entry.exceptions),
            "hyphenation": entry.hyphenation,
            "alternatives": {
                guide: {"terms": list(terms), "citation": citations[guide]}
                for guide, terms in entry.alternatives.items()
            },
            "rationale": entry.rationale,
            "sources": dict(self.sources),
            "matches": matches,
        }

    def __repr__(self) -> str:
        import textwrap

        entry = self.entry
        wrap = functools.partial(textwrap.fill, width=100, subsequent_indent="      ")
        lines = [
            f"{entry.id!r} in lexicon {self.lexicon!r}: {self.label} ({entry.category})",
            f"  weight {entry.weight} of 3; direction {self.direction}",
            f"  variants: {', '.join(entry.variants)}" + ("; hyphens optional" if entry.hyphenation else ""),
            wrap(
                f"  exceptions (never counted): {', '.join(entry.exceptions)}"
                if entry.exceptions
                else "  exceptions: none"
            ),
        ]
        lines.append("  alternatives, by guide:" if entry.alternatives else "  alternatives: none")
        lines += [wrap(f"    {guide}: {', '.join(terms)}") for guide, terms in entry.alternatives.items()]
        lines.append(wrap(f"  why: {entry.rationale or 'no rationale given'}"))
        cited = dict(self.sources) | dict(self.guides)
        lines.append("  sources and guides:" if cited else "  sources: none")
        lines += [wrap(f"    {key}: {citation}") for key, citation in cited.items()]
        if self.matches is not None:
            lines.append(_matches_text(self.matches))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from framing.views.html import explanation_html

        return explanation_html(self.to_dict(), self.matches)


def _matches_text(matches) -> str:
    """Where an entry matched, one line a match and its sentence below it."""
    import textwrap

    if not len(matches):
        return "  in this article: no match"
    lines = [f"  in this article: {len(matches)} match{'es' if len(matches) > 1 else ''}"]
    for row in matches.itertuples():
        flags = [
            name.replace("_", " ") for name in ("negated", "proper_name", "excepted") if getattr(row, name)
        ]
        status = "counted" if row.counted else "not counted" + (f" ({', '.join(flags)})" if flags else "")
        speaker = f" ({row.speaker_id})" if row.voice == "quoted" and row.speaker_id else ""
        where = f"{row.start}-{row.end}  sentence {row.sentence}"
        lines.append(f"    {where}  {row.voice}{speaker}  {status}  {row.text!r}")
        lines.append("      " + textwrap.shorten(str(row.sentence_text), width=100, placeholder=" ..."))
    return "\n".join(lines)


@dataclass(frozen=True)
class Lexicon:
    """A validated set of entries with one compiled matcher.

    Examples
    --------
    >>> lexicon = load_lexicon("migration")
    >>> lexicon.name, len(lexicon.entries) >= 150
    ('migration', True)
    """

    name: str
    entries: tuple[Entry, ...]
    categories: dict = field(default_factory=dict, compare=False)
    sources: dict = field(default_factory=dict, compare=False)
    path: str = "<memory>"
    sha256: str = ""
    version: str = ""
    #: What each direction means (:data:`DIRECTIONS`), for views that are handed a lexicon.
    directions: ClassVar[dict] = DIRECTIONS

    @classmethod
    def from_terms(cls, terms: dict[str, list[str]], name: str = "custom") -> Lexicon:
        """A lexicon with one entry per term, from ``{category: [term, ...]}``.

        Examples
        --------
        >>> Lexicon.from_terms({"hyperbole": ["slash"]}).entries[0].variants
        ('slash',)
        """
        entries, made = [], {}
        for category, category_terms in terms.items():
            for term in category_terms:
                entry_id = slug(str(term))
                if entry_id in made:
                    raise LexiconError(
                        f"<memory>: terms {made[entry_id]!r} and {term!r} both make the id {entry_id!r}: "
                        "give each concept once, or load a lexicon file with an 'id' for each entry"
                    )
                made[entry_id] = term
                entries.append({"id": entry_id, "variants": [term], "category": category})
        data = {"name": name, "categories": {c: {} for c in terms}, "entries": entries}
        return _from_mapping(
            data, "<memory>", _hash_text(yaml.safe_dump(data, sort_keys=True)), require_entries=False
        )

    @functools.cached_property
    def _scanner(self) -> _Scanner:
        """Every variant's and exception's spellings, each to ``(0, is_exception, entry)`` (built once)."""
        return _Scanner(_phrases_of((self,)))

    def match(
        self, text: str, segments: list[tuple[int, int]] | None = None, *, keep_excepted: bool = False
    ) -> list[Match]:
        """Every match in ``text`` (within ``segments``, default all of it), by offset.

        A span found for several entries (a LIWC word in two categories) gives
        one Match per entry. A match lying inside a match of one of its entry's
        exceptions is dropped, or, with ``keep_excepted``, kept with
        ``excepted=True`` where it overlaps no other match (so it never hides one).

        Examples
        --------
        >>> lexicon = Lexicon.from_terms({"water": ["flood*"]})
        >>> [(m.start, m.end) for m in lexicon.match("Floods, flooding, a flood-hit town")]
        [(0, 6), (8, 16), (20, 29)]
        """
        folded, hits = _scan((self,), text, segments)
        found = _found(folded, hits, keep_excepted)
        kept = [match for match, _ in _choose(found, 1)] if _overlap(found) else found
        return [Match(start, end, entry, excepted) for start, end, entry, excepted, _ in kept]

    def __repr__(self) -> str:
        """A short summary: name, version, entries per category, the most cited sources.

        Examples
        --------
        >>> print(Lexicon.from_terms({"hyperbole": ["slash", "vow"], "crime": ["gangs"]}))
        <Lexicon 'custom': 3 entries in 2 categories, no sources>
          entries  category
                2  Hyperbole (hyperbole)
                1  Crime (crime)
          from <memory>; .explain(term) shows an entry, .to_frame() all of them
        """
        citations = self.citations()
        version = f", version {self.version}" if self.version else ""
        lines = [
            f"<Lexicon {self.name!r}{version}: {len(self.entries)} entries in "
            f"{len(self.categories)} categories, {len(citations) or 'no'} sources>",
            "  entries  category",
        ]
        lines += [f"  {row.entries:7d}  {row.label} ({row.category})" for row in self.summary().itertuples()]
        if len(citations):
            top = citations.sort_values("entries", ascending=False, kind="stable").head(5)
            cited = ", ".join(f"{row.source} ({row.entries})" for row in top.itertuples())
            more = f" and {len(citations) - len(top)} more" if len(citations) > len(top) else ""
            lines.append(f"  most cited (entries): {cited}{more}; .citations() gives them in full")
        lines.append(f"  from {self.path}; .explain(term) shows an entry, .to_frame() all of them")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from framing.views.html import lexicon_html

        facts = {"version": self.version, "file": self.path, "sha256": self.sha256[:12]}
        return lexicon_html(self.name, facts, self.summary(), self.citations())

    def summary(self):
        """Entries per category, in the lexicon's order: ``category``, ``label``, ``entries``.

        Examples
        --------
        >>> Lexicon.from_terms({"disaster_metaphor": ["flood", "wave"]}).summary().values.tolist()
        [['disaster_metaphor', 'Disaster metaphor', 2]]
        """
        import pandas as pd

        counts = dict.fromkeys(self.categories, 0)
        for entry in self.entries:
            counts[entry.category] += 1
        return pd.DataFrame(
            [(c, self.categories[c]["label"], n) for c, n in counts.items()],
            columns=["category", "label", "entries"],
        ).astype({"entries": "int64"})

    def citations(self):
        """Every source the lexicon declares or cites: ``source`` (its key), ``citation``, ``entries``.

        ``entries`` counts the entries that cite the source or give alternatives
        from it (a style guide).

        Examples
        --------
        >>> lexicon = read_yaml(
        ...     "categories: {crime: {}}\\nsources: {ap: {title: AP Stylebook, publisher: AP, year: 2013}}\\n"
        ...     "entries: [{id: gang, variants: [gang], category: crime, alternatives: {ap: [group]}}]")
        >>> lexicon.citations().values.tolist()
        [['ap', 'AP Stylebook (AP, 2013)', 1]]
        """
        import pandas as pd

        counts = dict.fromkeys(self.sources, 0)
        for entry in self.entries:
            for key in dict.fromkeys([*entry.source, *entry.alternatives]):
                counts[key] = counts.get(key, 0) + 1
        return pd.DataFrame(
            [(key, self.citation(key), n) for key, n in counts.items()],
            columns=["source", "citation", "entries"],
        ).astype({"entries": "int64"})

    def citation(self, key: str) -> str:
        """The full citation of a source key: ``"Title (publisher, year)"``; an undeclared key as it is.

        Examples
        --------
        >>> load_lexicon("migration").citation("picum")[:45]
        'Words Matter campaign and terminology leaflet'
        >>> Lexicon.from_terms({"crime": ["gangs"]}).citation("Smith (2020)")
        'Smith (2020)'
        """
        return _cite(self.sources, key)

    def find(self, term: str) -> Entry:
        """The entry ``term`` names: its id, or a phrase one of its variants or exceptions matches in full.

        A word in several categories (a LIWC dictionary) gives its first entry;
        ask by id for another.

        Raises
        ------
        LexiconError
            No entry, with the closest ids and variants.

        Examples
        --------
        >>> lexicon = load_lexicon("migration")
        >>> lexicon.find("Illegal  Migrants").id, lexicon.find("illegal-migrant").id
        ('illegal-migrant', 'illegal-migrant')
        """
        phrase = str(term).strip()
        by_id = {entry.id: entry for entry in self.entries}
        if phrase in by_id:
            return by_id[phrase]
        for match in self.match(phrase, keep_excepted=True):
            if match.start == 0 and match.end == len(phrase):
                return match.entry
        folded = FoldedText.of(phrase).text
        for start, end, (_, is_exception, entry) in self._scanner.hits(folded):
            if is_exception and start == 0 and end == len(folded):
                return entry
        import difflib

        names = [*by_id, *(v for e in self.entries for v in e.variants)]
        close = difflib.get_close_matches(fold(phrase), names, n=3)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise LexiconError(
            f"{self.path}: lexicon {self.name!r} has no entry {phrase!r} "
            f"(neither an id nor a phrase its variants match in full){hint}"
        )

    def explain(self, term: str) -> Explanation:
        """Why ``term`` is in the lexicon: its entry, variants, exceptions, alternatives, rationale, sources.

        Examples
        --------
        >>> explanation = load_lexicon("migration").explain("illegal migrants")
        >>> explanation.entry.id, explanation.label, [guide for guide, _ in explanation.guides]
        ('illegal-migrant', 'Illegality and legitimacy labels', ['ap', 'picum'])
        """
        entry = self.find(term)
        return Explanation(
            lexicon=self.name,
            entry=entry,
            label=self.categories[entry.category]["label"],
            sources=tuple((key, self.citation(key)) for key in entry.source),
            guides=tuple((guide, self.citation(guide)) for guide in entry.alternatives),
        )

    def to_frame(self):
        """The entries as a DataFrame, one row per entry.

        Examples
        --------
        >>> Lexicon.from_terms({"hyperbole": ["slash"]}).to_frame()["category"].tolist()
        ['hyperbole']
        """
        import pandas as pd

        return pd.DataFrame(
            {
                "id": [e.id for e in self.entries],
                "category": [e.category for e in self.entries],
                "weight": [e.weight for e in self.entries],
                "direction": [e.direction for e in self.entries],
                "variants": ["|".join(e.variants) for e in self.entries],
                "exceptions": ["|".join(e.exceptions) for e in self.entries],
                "hyphenation": [e.hyphenation for e in self.entries],
                "alternatives": [e.alternatives_text() for e in self.entries],
                "rationale": [e.rationale for e in self.entries],
                "source": [", ".join(e.source) for e in self.entries],
            }
        )

    def to_dic(self) -> str:
        """The lexicon as LIWC ``.dic`` text.

        Each variant is written in every spelling its entry's ``hyphenation``
        allows; weights, directions, alternatives, sources and exceptions are not
        kept (LIWC has no place for them).

        Examples
        --------
        >>> dic = Lexicon.from_terms({"hyperbole": ["slash", "whatever it takes"]}).to_dic()
        >>> print(dic)  # doctest: +NORMALIZE_WHITESPACE
        %
        1	hyperbole
        %
        slash	1
        whatever it takes	1
        <BLANKLINE>
        """
        numbers = {c: i for i, c in enumerate(sorted({e.category for e in self.entries}), start=1)}
        lines = ["%", *(f"{n}\t{c}" for c, n in numbers.items()), "%"]
        by_variant: dict[str, list[int]] = {}
        for entry in self.entries:
            for variant in entry.variants:
                for spelling in _spellings(variant, entry.hyphenation):
                    by_variant.setdefault(spelling, []).append(numbers[entry.category])
        lines += [f"{variant}\t" + "\t".join(map(str, sorted(set(n)))) for variant, n in by_variant.items()]
        return "\n".join(lines) + "\n"


def _spellings(phrase: str, hyphenation: bool) -> list[str]:
    """``phrase`` folded and, with ``hyphenation``, with each hyphen also a space or nothing.

    Examples
    --------
    >>> _spellings("Rubber-stamp*", True)
    ['rubber-stamp*', 'rubber stamp*', 'rubberstamp*']
    """
    parts = fold(phrase).split("-") if hyphenation else [fold(phrase)]
    spellings = [parts[0]]
    for part in parts[1:]:
        spellings = [spelling + joint + part for spelling in spellings for joint in ("-", " ", "")]
    return spellings


@functools.lru_cache(maxsize=1 << 16)
def _keys(phrase: str, hyphenation: bool) -> tuple[str, ...]:
    """The automaton keys of a variant or exception: its spellings, '*' off, whitespace squeezed."""
    return tuple(FoldedText.of(s.rstrip("*")).text.strip(" ") for s in _spellings(phrase, hyphenation))


def _phrases_of(lexicons) -> list[tuple[str, bool, tuple]]:
    """``(phrase, hyphenation, (lexicon number, is_exception, entry))`` of every variant and exception."""
    return [
        (phrase, entry.hyphenation, (number, is_exception, entry))
        for number, lexicon in enumerate(lexicons)
        for entry in lexicon.entries
        for is_exception, phrases in ((False, entry.variants), (True, entry.exceptions))
        for phrase in phrases
    ]


class _Scanner:
    """Every spelling of a set of phrases, found in a folded text on word boundaries in one pass.

    Built from ``(phrase, hyphenation, item)``: one Aho-Corasick automaton of
    every key (a spelling, '*' off), each to the items it stands for, so the
    text is read once however many lexicons and exceptions are in use.

    The automaton reads the text with every character other than a letter or
    digit made a space (:func:`_blank`), and a key that starts with a letter
    or digit is entered with a space before it: it is looked for only where a
    word may start, which keeps the walk in a small part of the automaton
    (twice as fast). Where the blanking may have made a key's characters
    match, the key is checked against the text.

    Examples
    --------
    >>> scanner = _Scanner([("smuggling gangs", False, "a"), ("gang*", False, "b")])
    >>> scanner.hits("the smuggling gangs' boss, gangsters")  # by where the key ends: "gang" first
    [(14, 19, 'b'), (4, 19, 'a'), (27, 36, 'b')]
    """

    def __init__(self, phrases):
        import ahocorasick

        keys: dict[str, list[tuple[object, bool]]] = {}
        for phrase, hyphenation, item in phrases:
            wildcard = phrase.endswith("*")
            for key in _keys(phrase, hyphenation):
                values = keys.setdefault(key, [])
                if not any(other is item and flag == wildcard for other, flag in values):
                    values.append((item, wildcard))
        # each key under its blanked form (a space before it where it starts a word), with its length, whether
        # it starts and ends with a letter or digit, its items and whether the blanking may hide a difference
        blanked: dict[str, list[tuple]] = {}
        for key, values in keys.items():
            head = key[0].isalnum()
            entry = (key, len(key), head, key[-1].isalnum(), tuple(values), not key.isalnum())
            blanked.setdefault(" " * head + _blank(key), []).append(entry)
        self.automaton = ahocorasick.Automaton() if keys else None
        for form, entries in blanked.items():  # the longer first, as the automaton gives keys ending at once
            self.automaton.add_word(form, tuple(sorted(entries, key=lambda entry: -entry[1])))
        if keys:
            self.automaton.make_automaton()

    def __bool__(self) -> bool:
        return self.automaton is not None

    def hits(self, folded: str) -> list[tuple[int, int, object]]:
        """``(start, end, item)`` of every key found in ``folded`` on word boundaries.

        A match starts where a word starts and ends where a word ends (or
        before a possessive ``'s``); a wildcard key runs on to the end of its
        last word. Words are :data:`framing.text.words.WORD_PATTERN`'s, checked
        around each hit only (``folded`` is :func:`framing.text.words.fold`-ed:
        joiners are ``'`` and ``-``). By where the key ends, the longer first.
        """
        found = []
        for last, entries in self.automaton.iter(" " + _blank(folded)) if self.automaton else ():
            for key, length, head, tail, values, check in entries:
                start, end = last - length, last  # the text is read with a space before it
                if check and (start < 0 or not folded.startswith(key, start)):  # -1: the space read before
                    continue
                if head and start:  # a word starts here: no letter or digit before, nor one joined to it
                    before = folded[start - 1]
                    if before.isalnum() or (before in "'-" and start > 1 and folded[start - 2].isalnum()):
                        continue
                if not tail:  # ends with no letter or digit: no word to end or run on
                    found += [(start, end, item) for item, _ in values]
                    continue
                closed = None  # whether a word ends here, or its possessive 's follows
                for item, wildcard in values:
                    if wildcard:
                        found.append((start, _WORD_REST_RE.match(folded, end).end(), item))
                        continue
                    if closed is None:
                        closed = _ends_word(folded, end) or _possessive(folded, end)
                    if closed:
                        found.append((start, end, item))
        return found


#: Each ASCII byte but a letter or digit to a space, the bytes of other characters kept, for :func:`_blank`.
_BLANKS = bytes(c if c >= 128 or chr(c).isalnum() else 32 for c in range(256))
#: The ASCII bytes (deleted, they leave the bytes of a text's other characters).
_ASCII = bytes(range(128))


def _blank(text: str) -> str:
    """``text`` with every character but a letter or digit made a space (its length kept).

    Examples
    --------
    >>> _blank("it's 9/11, caf\u00e9\u2014")
    'it s 9 11  caf\xe9 '
    """
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate (broken text) passes as any character
    blanked = data.translate(_BLANKS).decode("utf-8", "surrogatepass")  # one character for one
    if len(data) != len(text):  # then the characters beyond ASCII that are not letters or digits
        for char in set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
            if not char.isalnum():
                blanked = blanked.replace(char, " ")
    return blanked


#: A match's span: ``(start, end)`` of ``(start, end, entry, ...)``.
_span = operator.itemgetter(0, 1)
#: The rest of a word from inside it: letters or digits, or a joiner followed by them.
_WORD_REST_RE = re.compile(r"[^\W_]*(?:['\-][^\W_]+)*")


def _ends_word(folded: str, position: int) -> bool:
    """Whether a word ends at ``position`` (after a letter or digit) of ``folded``."""
    if position >= len(folded):
        return True
    after = folded[position]
    return not after.isalnum() and not (
        after in "'-" and position + 1 < len(folded) and folded[position + 1].isalnum()
    )


def _possessive(folded: str, end: int) -> bool:
    """Whether the word ends in ``'s`` right after ``end`` ("the kingpin's men" matches "kingpin")."""
    return folded.startswith("'s", end) and _ends_word(folded, end + 2)


#: Scanners of tuples of several lexicons, by the lexicons' ids (the lexicons kept, so no id is reused).
_SCANNERS: dict[tuple[int, ...], tuple[tuple, _Scanner]] = {}


def _scanner_of(lexicons: tuple) -> _Scanner:
    """One scanner over every lexicon of ``lexicons``, built once per tuple of lexicons."""
    if len(lexicons) == 1:
        return lexicons[0]._scanner
    key = tuple(map(id, lexicons))
    cached = _SCANNERS.get(key)
    if cached is None:
        if len(_SCANNERS) >= 16:
            del _SCANNERS[next(iter(_SCANNERS))]
        cached = _SCANNERS[key] = (lexicons, _Scanner(_phrases_of(lexicons)))
    return cached[1]


def _scan(lexicons: tuple, text: str, segments) -> tuple[FoldedText | None, list]:
    """The text folded for matching, and the hits of every lexicon's variants and exceptions in it.

    Each hit is ``(start, end, (lexicon number, is_exception, entry))``, in the folded text.
    """
    scanner = _scanner_of(lexicons)
    if not scanner:
        return None, []
    folded = FoldedText.of(text, phrase_runs(text, segments))
    return folded, scanner.hits(folded.text)


def _found(folded: FoldedText, hits: list, keep_excepted: bool) -> list[tuple]:
    """The hits of variants as ``(start, end, entry, excepted, lexicon number)``, by offset.

    ``excepted``: the hit lies inside a hit of one of its entry's exceptions
    (left out unless ``keep_excepted``). Exceptions are not matches.
    """
    if not hits:
        return []
    exceptions = [
        (xs, xe, number, entry.id) for xs, xe, (number, is_exception, entry) in hits if is_exception
    ]
    found = []
    for start, stop, (number, is_exception, entry) in hits:
        if is_exception:
            continue
        excepted = bool(exceptions) and any(
            xs <= start and stop <= xe and n == number and other == entry.id
            for xs, xe, n, other in exceptions
        )
        if keep_excepted or not excepted:
            found.append((start, stop, entry, excepted, number))
    if folded.marks or folded.widths:
        found = [(folded.offset(s), folded.end(e), *rest) for s, e, *rest in found]
    found.sort(key=_span)
    return found


def _overlap(found: list[tuple]) -> bool:
    """Whether two of ``found`` (by offset) share a character.

    Where none does (the usual case), each lexicon's longest-first choice,
    and the one across them, keep them all.
    """
    return any(before[1] > after[0] for before, after in zip(found, found[1:], strict=False))


def _each_lexicon(found: list[tuple], count: int) -> list[list[tuple]]:
    """Each of ``count`` lexicons' matches, by offset, as :meth:`Lexicon.match` keeps them, from ``found``.

    The longest of overlapping matches that count wins; an excepted match is
    kept where it overlaps none of them.
    """
    out: list[list[tuple]] = [[] for _ in range(count)]
    for match in found:
        out[match[4]].append(match)
    for number, mine in enumerate(out):
        kept = _longest_first([match for match in mine if not match[3]])
        excepted = [match for match in mine if match[3]]
        out[number] = sorted(kept + _longest_first(excepted, kept), key=_span) if excepted else kept
    return out


def match_lexicons(lexicons, text: str, segments=None, *, keep_excepted: bool = False) -> list:
    """Every match of several lexicons, ``(match, lexicon name)`` by offset; across them the longest wins.

    Each lexicon is matched as by :meth:`Lexicon.match` (one pass over the
    text for all of them), then the longest of overlapping matches across
    lexicons wins. Excepted matches (with ``keep_excepted``) never hide a match that counts.

    Examples
    --------
    >>> a = Lexicon.from_terms({"crime": ["gangs"]}, name="a")
    >>> b = Lexicon.from_terms({"drama": ["smuggling gangs"]}, name="b")
    >>> [(m.start, m.end, name) for m, name in match_lexicons((a, b), "Smuggling gangs fled.")]
    [(0, 15, 'b')]
    """
    lexicons = tuple(lexicons)
    folded, hits = _scan(lexicons, text, segments)
    found = _found(folded, hits, keep_excepted)
    names = [lexicon.name for lexicon in lexicons]
    if not _overlap(found):
        return [(Match(start, end, entry, flag), names[number]) for start, end, entry, flag, number in found]
    return [(Match(*match[:4]), names[owner]) for match, owner in _choose(found, len(lexicons))]


def _choose(found: list[tuple], count: int) -> list[tuple[tuple, int]]:
    """The matches kept of ``found`` (by offset, of ``count`` lexicons), each with its entry's lexicon.

    Each lexicon keeps the longest of its overlapping matches (:func:`_each_lexicon`),
    then the longest across lexicons wins; an excepted match is kept where it
    overlaps none that counts. Done apart for each cluster of overlapping
    matches (what one keeps depends on those it overlaps only). An entry's
    lexicon is the first to keep it (a lexicon may share entries with another).
    """
    chosen, owner = [], {}
    for cluster in _clusters(found):
        mine = _each_lexicon(cluster, count) if len(cluster) > 1 else [cluster]
        for each in mine:
            for match in each:
                if owner.get(id(match[2]), count) > match[4]:
                    owner[id(match[2])] = match[4]
        if len(cluster) == 1:
            chosen += cluster
            continue
        counted = [match for each in mine for match in each if not match[3]]
        excepted = [match for each in mine for match in each if match[3]]
        kept = _longest_first(counted)
        chosen += sorted(kept + _longest_first(excepted, kept), key=_span) if excepted else kept
    return [(match, owner[id(match[2])]) for match in chosen]


def _clusters(found: list[tuple]) -> list[list[tuple]]:
    """``found`` (by offset) cut into runs of matches that overlap one another, each apart from the next.

    Examples
    --------
    >>> [[span[:2] for span in cluster] for cluster in _clusters([(0, 5), (3, 8), (7, 9), (9, 12)])]
    [[(0, 5), (3, 8), (7, 9)], [(9, 12)]]
    """
    clusters: list[list[tuple]] = []
    end = 0
    for match in found:
        if clusters and match[0] < end:
            clusters[-1].append(match)
            end = max(end, match[1])
        else:
            clusters.append([match])
            end = match[1]
    return clusters


def _longest_first(candidates: list[tuple], taken: list[tuple] = ()) -> list[tuple]:
    """Keep the longest of overlapping ``(start, end, entry, ...)`` (ties: the earlier), sorted by offset.

    Candidates overlapping one of ``taken`` are left out (``taken`` is not
    returned); of several candidates on one span, one per entry id.
    """
    if taken:
        occupied = sorted({(m[0], m[1]) for m in taken})
        candidates = [m for m in candidates if not _overlaps(occupied, m[0], m[1])]
    ordered = sorted(candidates, key=_span)
    if all(before[1] <= after[0] for before, after in zip(ordered, ordered[1:], strict=False)):
        return ordered  # nothing overlaps (the usual case)
    by_span: dict[tuple[int, int], list[tuple]] = {}
    for match in ordered:
        by_span.setdefault((match[0], match[1]), []).append(match)
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(by_span, key=lambda span: (span[0] - span[1], span[0])):
        if not _overlaps(chosen, start, end):
            bisect.insort(chosen, (start, end))
    kept: list[tuple] = []
    for span in chosen:
        seen = set()
        for match in by_span[span]:
            if match[2].id not in seen:
                seen.add(match[2].id)
                kept.append(match)
    return kept


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` shares a character with one of ``spans`` (sorted, none overlapping another).

    Examples
    --------
    >>> _overlaps([(0, 4), (6, 9)], 4, 6), _overlaps([(0, 4), (6, 9)], 3, 5), _overlaps([(0, 4)], 0, 4)
    (False, True, True)
    """
    at = bisect.bisect_left(spans, (start, end))
    return (at > 0 and spans[at - 1][1] > start) or (at < len(spans) and spans[at][0] < end)


def slug(term: str) -> str:
    """A lower-case id from ``term``: its letters and digits (of any script), joined by hyphens.

    Examples
    --------
    >>> slug("Home Secretary Shabana Mahmood"), slug("Ausl\u00e4nder")
    ('home-secretary-shabana-mahmood', 'ausl\xe4nder')
    """
    return re.sub(r"[\W_]+", "-", visible(fold(term))).strip("-") or "term"


def _hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _from_mapping(
    data,
    path: str,
    sha256: str,
    shared_variants: bool = False,
    *,
    lines: list[int] | None = None,
    require_entries: bool = True,
) -> Lexicon:
    """Validate a parsed lexicon and build it; errors name ``path`` and the entry.

    A variant (in any spelling its entry's ``hyphenation`` allows) may stand in
    two entries only when ``shared_variants`` is true and the entries'
    categories differ (a LIWC word in two categories). ``lines``: the line
    each entry is on (errors name it rather than the entry's number);
    ``require_entries``: a lexicon without entries is an error.
    """
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping with 'name', 'categories' and 'entries'")
    for key in ("categories", "entries"):
        if key not in data:
            raise LexiconError(f"{path}: missing top-level field '{key}'")
    categories = data["categories"] or {}
    sources = data.get("sources") or {}
    raw_entries = [] if data["entries"] is None else data["entries"]
    if not isinstance(categories, dict) or not isinstance(raw_entries, list):
        raise LexiconError(f"{path}: 'categories' must be a mapping and 'entries' a list")
    categories = {key: _category(key, spec, path) for key, spec in categories.items()}
    if require_entries and not raw_entries:
        raise LexiconError(f"{path}: no entries: the lexicon lists no terms")
    entries, wheres, ids, variants_seen = [], [], set(), {}
    for number, raw in enumerate(raw_entries, start=1):
        where = f"{path}: line {lines[number - 1]}" if lines else f"{path}: entry {number}"
        if not isinstance(raw, dict):
            raise LexiconError(f"{where}: expected a mapping, got {raw!r}")
        if raw.get("id") and not lines:
            where = f"{path}: entry {number} ({raw['id']!r})"
        entry = _entry(raw, where, categories, sources)
        if entry.id in ids:
            raise LexiconError(f"{where}: duplicate id {entry.id!r}")
        ids.add(entry.id)
        own = set()
        for variant in entry.variants:
            wildcard = "*" if variant.endswith("*") else ""
            for spelling in _keys(variant, entry.hyphenation):
                key = (spelling + wildcard, entry.category if shared_variants else "")
                if key in variants_seen and key not in own:
                    also = f" (spelled {spelling + wildcard!r})" if spelling + wildcard != variant else ""
                    raise LexiconError(
                        f"{where}: variant {variant!r}{also} already in entry {variants_seen[key]!r}"
                    )
                variants_seen[key] = entry.id
                own.add(key)
        entries.append(entry)
        wheres.append(where)
    lexicon = Lexicon(
        name=str(data.get("name") or Path(path).stem),
        entries=tuple(entries),
        categories=dict(categories),
        sources=dict(sources),
        path=path,
        sha256=sha256,
        version=str(data.get("version", "")),
    )
    for entry, where in zip(entries, wheres, strict=True):
        own = _Scanner((variant, entry.hyphenation, entry) for variant in entry.variants if entry.exceptions)
        for exception in entry.exceptions:  # found on word edges as a match would be
            if not own.hits(_keys(exception, False)[0]):
                raise LexiconError(
                    f"{where}: exception {exception!r} contains none of the entry's variants "
                    f"({', '.join(entry.variants)})"
                )
    return lexicon


def _cite(sources: dict, key: str) -> str:
    """The full citation of ``key`` among ``sources``: ``"Title (publisher, year)"``, or the key itself."""
    spec = sources.get(key)
    if not isinstance(spec, dict):
        return str(key)
    details = ", ".join(str(spec[part]) for part in ("publisher", "year") if spec.get(part))
    title = str(spec.get("title") or key)
    return f"{title} ({details})" if details else title


def _category(key, spec, path: str) -> dict:
    """A category's spec with a ``label`` (the key in words where the file gives none).

    Examples
    --------
    >>> _category("disaster_metaphor", None, "<memory>")
    {'label': 'Disaster metaphor'}
    """
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise LexiconError(f"{path}: category {key!r}: expected a mapping (label, description), got {spec!r}")
    words = str(key).replace("_", " ")
    return {**spec, "label": str(spec.get("label") or words[:1].upper() + words[1:])}


def _phrases(raw: dict, name: str, where: str) -> list[str]:
    """The list of phrases in ``raw[name]`` (a phrase or a list), each checked."""
    phrases = raw.get(name)
    if phrases is None:
        return []
    if isinstance(phrases, str):
        phrases = [phrases]
    if not isinstance(phrases, list):
        raise LexiconError(f"{where}: {name!r} must be a phrase or a list of phrases, got {phrases!r}")
    kind = name.rstrip("s")
    for phrase in phrases:
        if phrase is None or phrase == "":
            raise LexiconError(f"{where}: empty {kind} {phrase!r}")
        if not isinstance(phrase, str):
            raise LexiconError(f"{where}: {kind} {phrase!r} is not text (in YAML, put it in quotes)")
        if not phrase.strip():
            raise LexiconError(f"{where}: {kind} {phrase!r} is only whitespace")
        phrase = phrase.strip()
        if not phrase.strip("*").strip():
            raise LexiconError(f"{where}: empty {kind} {phrase!r} (a wildcard '*' ends a word)")
        if "*" in phrase.rstrip("*") or phrase.endswith("**"):
            raise LexiconError(f"{where}: {kind} {phrase!r}: '*' is allowed only once, at the end")
        if len(phrase.splitlines()) > 1:
            raise LexiconError(
                f"{where}: {kind} {phrase!r} holds a line break; a phrase never matches across lines "
                "(write it on one line)"
            )
        if not visible(phrase).rstrip("*").strip():
            raise LexiconError(
                f"{where}: {kind} {phrase!r} is only invisible characters (soft hyphens, zero-width spaces)"
            )
    return [fold(phrase.strip()) for phrase in phrases]


def _entry(raw: dict, where: str, categories: dict, sources: dict) -> Entry:
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {sorted(unknown)}")
    if not raw.get("id") or not isinstance(raw["id"], str):
        raise LexiconError(f"{where}: missing 'id'")
    variants = _phrases(raw, "variants", where)
    if not variants:
        raise LexiconError(f"{where}: 'variants' is empty")
    category = raw.get("category")
    if category not in categories:
        raise LexiconError(f"{where}: unknown category {category!r} (declared: {sorted(categories)})")
    weight = raw.get("weight", 1)
    if not isinstance(weight, int) or isinstance(weight, bool) or not 1 <= weight <= 3:
        raise LexiconError(f"{where}: weight must be a whole number from 1 to 3, got {weight!r}")
    direction = raw.get("direction", "negative")
    if direction not in DIRECTIONS:
        raise LexiconError(f"{where}: direction must be one of {tuple(DIRECTIONS)}, got {direction!r}")
    alternatives = raw.get("alternatives") or {}
    if not isinstance(alternatives, dict):
        raise LexiconError(f"{where}: 'alternatives' must map a guide to a list of terms")
    for guide, terms in alternatives.items():
        terms = [terms] if isinstance(terms, str) else terms
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise LexiconError(f"{where}: alternatives for {guide!r} must be a term or a list of terms")
    source = raw.get("source") or []
    source = [source] if isinstance(source, str) else list(source)
    if sources:
        for key in [*alternatives, *source]:
            if key not in sources:
                raise LexiconError(f"{where}: source {key!r} is not declared under 'sources'")
    hyphenation = raw.get("hyphenation", False)
    if not isinstance(hyphenation, bool):
        raise LexiconError(f"{where}: hyphenation must be true or false, got {hyphenation!r}")
    if hyphenation and not any("-" in fold(v) for v in variants):
        raise LexiconError(f"{where}: hyphenation is true but no variant has a hyphen")
    exceptions = _phrases(raw, "exceptions", where)
    plain = {key for v in variants if not v.endswith("*") for key in _keys(v, hyphenation)}
    for exception in exceptions:
        if exceptions.count(exception) > 1:
            raise LexiconError(f"{where}: exception {exception!r} is listed twice")
        if not exception.endswith("*") and _keys(exception, False)[0] in plain:
            raise LexiconError(
                f"{where}: exception {exception!r} is one of the entry's own variants (it would never count)"
            )
    return Entry(
        id=raw["id"],
        variants=tuple(variants),
        category=category,
        weight=weight,
        direction=direction,
        alternatives={
            guide: tuple([terms] if isinstance(terms, str) else terms)
            for guide, terms in alternatives.items()
        },
        rationale=str(raw.get("rationale", "")).strip(),
        source=tuple(source),
        exceptions=tuple(exceptions),
        hyphenation=hyphenation,
        citation="; ".join(_cite(sources, key) for key in source),
    )


def read_yaml(text: str, path: str = "<string>") -> Lexicon:
    """A lexicon from YAML text (see ``framing/data/lexicons/migration.yaml`` for the schema)."""
    try:
        data = yaml.load(text, Loader=_StrictLoader)
    except _DuplicateKey as error:
        raise LexiconError(f"{path}: {error}") from None
    except yaml.YAMLError as error:
        raise LexiconError(f"{path}: not valid YAML: {error}") from None
    return _from_mapping(data, path, _hash_text(text))


def read_csv(text: str, path: str = "<string>") -> Lexicon:
    """A lexicon from CSV text.

    Columns: ``term`` (variants separated by ``|``) and ``category`` are
    required; ``id``, ``weight``, ``direction``, ``alternatives`` (``|``-separated,
    recorded under the guide ``user``), ``exceptions`` (``|``-separated),
    ``hyphenation`` (``true``/``false``, ``yes``/``no``, ``1``/``0``), ``rationale``
    and ``source`` are optional.

    Examples
    --------
    >>> lexicon = read_csv("term,category,weight\\nslash|slashed,hyperbole,2\\n")
    >>> lexicon.entries[0].variants, lexicon.entries[0].weight
    (('slash', 'slashed'), 2)
    """
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or not any(name.strip() for name in header):
        raise LexiconError(
            f"{path}: no header row: a CSV lexicon starts with its column names (term,category,...)"
        )
    columns = [name.strip().lower() for name in header]
    for number, name in enumerate(columns):
        if name and columns.index(name) < number:
            raise LexiconError(
                f"{path}: line 1: column {name!r} appears twice (columns {columns.index(name) + 1} and "
                f"{number + 1}); a CSV lexicon names each column once"
            )
    for required in ("term", "category"):
        if required not in columns:
            raise LexiconError(
                f"{path}: missing column {required!r} (columns: {sorted(c for c in columns if c)})"
            )
    entries, lines, made = [], [], {}
    last = reader.line_num
    for cells in reader:
        line, last = last + 1, reader.line_num  # the line the row starts on (a quoted cell may span lines)
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(columns) :]):
            raise LexiconError(
                f"{path}: line {line}: {len(cells)} cells but {len(columns)} columns "
                "(put a cell holding a comma in double quotes)"
            )
        row = dict.fromkeys(columns, "") | dict(zip(columns, cells, strict=False))  # short rows: empty cells
        where = f"{path}: line {line}"
        if not row["category"].strip():
            raise LexiconError(f"{where}: the 'category' cell is empty")
        try:
            weight = int(row.get("weight") or 1)
        except ValueError:
            raise LexiconError(f"{where}: weight {row['weight']!r} is not a whole number") from None
        terms = [t.strip() for t in (row["term"] or "").split("|") if t.strip()]
        given = (row.get("id") or "").strip()
        entry_id = given or slug(terms[0] if terms else f"line-{line}")
        if entry_id in made:
            first, first_given = made[entry_id]
            how = "id" if given and first_given else "generated id"
            raise LexiconError(
                f"{where}: {how} {entry_id!r} is also the id of line {first}"
                + ("" if given else f" (made from the term {terms[0]!r}; give the rows an 'id' column)")
            )
        made[entry_id] = (line, bool(given))
        entry = {
            "id": entry_id,
            "variants": terms,
            "category": (row["category"] or "").strip(),
            "weight": weight,
            "direction": (row.get("direction") or "negative").strip(),
            "rationale": row.get("rationale") or "",
        }
        if row.get("alternatives"):
            entry["alternatives"] = {"user": [a.strip() for a in row["alternatives"].split("|")]}
        if row.get("exceptions"):
            entry["exceptions"] = [x.strip() for x in row["exceptions"].split("|") if x.strip()]
        flag = (row.get("hyphenation") or "").strip().lower()
        if flag:
            if flag not in _FLAGS:
                raise LexiconError(f"{where}: hyphenation {row['hyphenation']!r} is not true or false")
            entry["hyphenation"] = _FLAGS[flag]
        if row.get("source"):
            entry["source"] = [row["source"].strip()]
        entries.append(entry)
        lines.append(line)
    if not entries:
        raise LexiconError(f"{path}: no entries: the CSV has a header row but no rows of terms")
    categories = {e["category"]: {} for e in entries if e["category"]}
    data = {"name": Path(path).stem, "categories": categories, "entries": entries}
    return _from_mapping(data, path, _hash_text(text), lines=lines)


def read_dic(text: str, path: str = "<string>") -> Lexicon:
    """A lexicon from LIWC ``.dic`` text: category header between ``%`` lines, then words.

    A word line is the word (multi-word allowed, a trailing ``*`` a wildcard)
    then its category numbers, tab-separated (or space-separated, numbers last).
    A word in several categories becomes one entry per category.

    Examples
    --------
    >>> lexicon = read_dic("%\\n1\\tillegality\\n%\\nillegal immigra*\\t1\\n")
    >>> lexicon.entries[0].variants, lexicon.entries[0].category
    (('illegal immigra*',), 'illegality')
    """
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(f"{path}: a .dic file starts with a category block between two '%' lines")
    numbers = {}
    for i in range(marks[0] + 1, marks[1]):
        if not lines[i].strip():
            continue
        parts = lines[i].split(None, 1)
        if len(parts) != 2:
            raise LexiconError(f"{path}: line {i + 1}: expected 'number<TAB>category', got {lines[i]!r}")
        numbers[parts[0]] = parts[1].strip()
    grouped: dict[tuple[str, str], list[str]] = {}
    for i in range(marks[1] + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if "\t" in line:
            word, *codes = [part.strip() for part in line.split("\t")]
        else:
            parts = line.split()
            split = len(parts)
            while split > 1 and parts[split - 1].isdigit():
                split -= 1
            word, codes = " ".join(parts[:split]), parts[split:]
        codes = [c for c in codes if c]
        if not codes:
            raise LexiconError(f"{path}: line {i + 1}: word {word!r} has no category number")
        for code in codes:
            if code not in numbers:
                raise LexiconError(f"{path}: line {i + 1}: word {word!r}: unknown category number {code}")
            grouped.setdefault((word, numbers[code]), []).append(word)
    entries, ids = [], set()
    for word, category in grouped:
        entry_id = base = f"{slug(word)}.{slug(category)}"
        suffix = 1
        while entry_id in ids:  # "people-smuggling" and "people smuggling" share a slug
            suffix += 1
            entry_id = f"{base}-{suffix}"
        ids.add(entry_id)
        entries.append({"id": entry_id, "variants": [word], "category": category})
    data = {"name": Path(path).stem, "categories": {c: {} for c in numbers.values()}, "entries": entries}
    return _from_mapping(data, path, _hash_text(text), shared_variants=True)


_READERS = {".yaml": read_yaml, ".yml": read_yaml, ".csv": read_csv, ".dic": read_dic}


def packaged_lexicons() -> list[str]:
    """Names of the lexicons shipped with the package.

    Examples
    --------
    >>> "migration" in packaged_lexicons()
    True
    """
    return sorted(p.name.rsplit(".", 1)[0] for p in PACKAGED_DIR.iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int) -> Lexicon:
    suffix = Path(path).suffix.lower()
    if suffix not in _READERS:
        raise LexiconError(f"{path}: unknown lexicon format {suffix!r} (use .yaml, .csv or .dic)")
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LexiconError(f"{path}: cannot read the lexicon: {error.strerror or error}") from None
    if not data.strip():
        raise LexiconError(f"{path}: empty lexicon file")
    try:
        text = decode(data, path)  # UTF-8, or the encoding it was saved in (Windows-1252 ...)
    except DocumentError as error:
        raise LexiconError(str(error)) from None
    return _READERS[suffix](text, path)


def load_lexicon(source: str | Path | Lexicon = "migration") -> Lexicon:
    """A packaged lexicon by name, or a user lexicon from a .yaml, .csv or .dic path.

    Parameters
    ----------
    source : str, path or Lexicon
        ``"migration"`` (the default) or a file path.

    Raises
    ------
    LexiconError
        The file and entry at fault, and what is wrong.

    Examples
    --------
    >>> load_lexicon().name
    'migration'
    """
    if isinstance(source, Lexicon):
        return source
    if not str(source).strip():
        raise LexiconError(
            f"load_lexicon: no lexicon named (an empty string): give a packaged lexicon "
            f"({', '.join(packaged_lexicons())}) or a .yaml, .csv or .dic file"
        )
    path = Path(source).expanduser()
    if not path.suffix and str(source) in packaged_lexicons():
        path = Path(str(PACKAGED_DIR / f"{source}.yaml"))
    if path.is_dir():
        raise LexiconError(f"{source}: is a directory, not a lexicon file (.yaml, .csv or .dic)")
    if not path.is_file():
        raise LexiconError(
            f"{source}: no such lexicon file or packaged lexicon (packaged: {packaged_lexicons()})"
        )
    return _load_cached(str(path), path.stat().st_mtime_ns)
