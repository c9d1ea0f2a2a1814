"""Matching robust to spacing, apostrophes and hyphens; one paragraph rule; exceptions.

Expected offsets are counted by hand from the strings written here.
"""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.measures.lexicon import (
    Lexicon,
    Match,
    _keys,
    _scanner_of,
    load_lexicon,
    match_lexicons,
    read_dic,
    read_yaml,
)
from framing.text.words import FoldedText, fold, ngrams, phrase_runs, word_spans, words

ILLEGAL = Lexicon.from_terms({"illegality": ["illegal migrants"]})


def found(lexicon: Lexicon, text: str, segments=None) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, text[m.start : m.end]) for m in lexicon.match(text, segments)]


def entries(yaml_entries: str) -> Lexicon:
    return read_yaml("name: t\ncategories: {c: {}}\nentries:\n" + yaml_entries)


# --------------------------------------------------------------------------- whitespace


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Illegal  migrants", 17),  # two spaces: 7 + 2 + 8
        ("Illegal\u00a0 migrants", 17),  # a no-break space and a space
        ("Illegal\tmigrants", 16),
        ("Illegal \t \u2009 migrants", 20),  # space, tab, space, thin space, space
        ("Illegal\u3000migrants", 16),  # ideographic space
        ("Illegal\nmigrants", 16),  # a line wrap inside a paragraph
        ("Illegal\r\nmigrants", 17),
        ("Illegal  \n  migrants", 20),  # a wrap with spaces around it
        ("Illegal\u2028migrants", 16),  # LINE SEPARATOR: a wrap too
    ],
)
def test_a_phrase_matches_across_any_spacing_and_offsets_keep_it(text, end):
    assert found(ILLEGAL, text) == [(0, end, text)]


def test_offsets_after_squeezed_whitespace_point_into_the_original():
    text = "The  \u00a0 illegal\t\tmigrants and  illegal   migrants."
    # "The" 0-3, 4 spaces 3-7, "illegal" 7-14, 2 tabs, "migrants" 16-24; " and " 24-29 plus 1 more space,
    # "illegal" 30-37, 3 spaces, "migrants" 40-48
    assert found(ILLEGAL, text) == [
        (7, 24, "illegal\t\tmigrants"),
        (30, 48, "illegal   migrants"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Illegal\n\nmigrants",  # a blank line
        "Illegal\n \nmigrants",  # a blank line holding a space
        "Illegal\nMigrants",  # a capital after the line break: a headline, then its paragraph
        "Illegal\r\n\r\nmigrants",
        "Illegal\u2029migrants",  # PARAGRAPH SEPARATOR
        "Illegal\x0cmigrants",  # form feed
        "Illegal\x0bmigrants",  # vertical tab
    ],
)
def test_a_phrase_never_crosses_a_paragraph_break(text):
    assert found(ILLEGAL, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\ntwo", ["one\ntwo"]),  # letter, then lower case: a wrap
        ("one,\ntwo", ["one,\ntwo"]),  # comma before: a wrap
        ("22\nmigrants", ["22\nmigrants"]),  # digit before: a wrap
        ("one \t\n two", ["one \t\n two"]),  # spaces and tabs around the break: still a wrap
        ("one\u2028two", ["one\u2028two"]),
        ("one.\ntwo", ["one.", "two"]),  # sentence-final punctuation before
        ("one:\ntwo", ["one:", "two"]),
        ('one"\ntwo', ['one"', "two"]),
        ("one\nTwo", ["one", "Two"]),  # a capital after
        ("one\n2023", ["one", "2023"]),  # a digit after
        ("one\n\ntwo", ["one", "two"]),  # a blank line
        ("one\n\n\n\ntwo", ["one", "two"]),
        ("one\r\rtwo", ["one", "two"]),  # two carriage returns: a blank line
        ("one\u2029two", ["one", "two"]),
        ("one\x0ctwo", ["one", "two"]),
        ("\n\none\n", ["one"]),  # breaks at the edges leave no empty run
        ("one\n", ["one"]),
    ],
)
def test_the_paragraph_rule(text, expected):
    assert [text[s:e] for s, e in phrase_runs(text)] == expected


def test_runs_are_cut_at_excluded_boilerplate_and_at_breaks_inside_segments():
    text = "Gangs exploit migrants [ADVERT] migrants wait.\nPolice act"
    segments = [(0, 23), (31, len(text))]  # "[ADVERT]" is text[23:31]
    assert [text[s:e] for s, e in phrase_runs(text, segments)] == [
        "Gangs exploit migrants ",
        " migrants wait.",
        "Police act",
    ]
    # a wrap at the very edge of a segment is no wrap: the segment ends there
    assert phrase_runs("one\ntwo", [(0, 4), (4, 7)]) == [(0, 3), (4, 7)]


def test_folded_text_maps_every_kept_character_back():
    text = "A\u00a0\u00a0Kingpin\u2019s\t\tmen\n\nFLED  now"
    runs = phrase_runs(text)
    folded = FoldedText.of(text, runs)
    assert folded.text == "a kingpin's men\n\nfled now"  # the paragraph break's two characters blanked
    for position, character in enumerate(folded.text):
        if character not in " \n":
            assert fold(text[folded.offset(position)]) == character, position


def test_folded_text_keeps_the_offsets_where_nothing_is_squeezed():
    text = "Illegal\tMigrants fled.\n\n[Advert] Gangs\nwait"
    folded = FoldedText.of(text, [(0, 22), (33, 43)])  # the paragraph break and "[Advert] " left out
    assert folded.text == "illegal migrants fled." + "\n" * 11 + "gangs wait"
    assert (folded.marks, folded.widths) == ((), {})
    # two runs that touch still get a line break between them, and the offsets move by one from there
    touching = FoldedText.of("one two", [(0, 3), (3, 7)])
    assert touching.text == "one\n two"
    assert [touching.offset(p) for p in (2, 5)] == [2, 4]


# --------------------------------------------------------------------------- invisible characters and accents


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_an_invisible_character_inside_a_word_hides_no_term(hidden):
    # soft hyphen, zero-width space, non-joiner, joiner, word joiner, byte-order mark
    text = f"They are ille{hidden}gal migrants, il{hidden}{hidden}legal{hidden} migrants."
    # "They are " is 9 characters; "ille" + 1 + "gal migrants" is 17; ", " 2;
    # "il" + 2 + "legal" + 1 + " migrants" is 19
    assert found(ILLEGAL, text) == [
        (9, 26, f"ille{hidden}gal migrants"),
        (28, 47, f"il{hidden}{hidden}legal{hidden} migrants"),
    ]


def test_invisible_characters_at_the_edges_stay_out_of_the_span():
    text = "\u200billegal migrants\u00ad. \ufeff\u200b illegal \u200b migrants"
    # 1 + 16 characters, soft hyphen, ". ", two invisible and a space: the second match starts at 23;
    # "illegal" 7, " \u200b " 3, "migrants" 8: it ends at 41
    assert found(ILLEGAL, text) == [
        (1, 17, "illegal migrants"),
        (23, 41, "illegal \u200b migrants"),
    ]


def test_decomposed_accents_match_their_composed_form_and_back():
    lexicon = Lexicon.from_terms({"c": ["caf\u00e9 owners", "ne\u0301e"]})  # composed, decomposed
    text = "Cafe\u0301 owners said: n\u00e9e. CAFE\u0301\u00ad OWNERS"
    # "Cafe" + U+0301 + " owners" is 12 characters; " said: " 7, so "n\u00e9e" is 19-22;
    # ". " and "CAFE" + U+0301 + U+00AD + " OWNERS" (13) is 24-37
    assert found(lexicon, text) == [
        (0, 12, "Cafe\u0301 owners"),
        (19, 22, "n\u00e9e"),
        (24, 37, "CAFE\u0301\u00ad OWNERS"),
    ]
    assert found(lexicon, "caf owners, cafe owners") == []  # no accent is no match


def test_text_without_hidden_characters_keeps_the_plain_mapping():
    folded = FoldedText.of("Illegal  migrants")
    assert (folded.text, folded.widths, folded.end(7), folded.end(16)) == ("illegal migrants", {}, 7, 17)


def test_a_composed_letter_maps_back_to_all_its_characters():
    text = "Zu\u0308rich ist gro\u00dfe\u200bStadt"
    folded = FoldedText.of(text)
    assert folded.text == "z\u00fcrich ist gro\u00dfestadt"
    assert folded.widths == {1: 2}  # "u" and its diaeresis are one letter
    assert (folded.offset(1), folded.end(2), folded.offset(2)) == (1, 3, 3)
    # folded "s" of "stadt" (16) is character 18, after the zero-width space (17), where "große" ends;
    # the text ends at 23
    assert (folded.offset(16), folded.end(16), folded.end(21)) == (18, 17, 23)


def test_counted_words_and_ngrams_see_through_hidden_characters():
    text = "Ille\u00adgal mi\u200bgrants. Cafe\u0301s\n\u200b\nclose"
    assert words(text) == ["illegal", "migrants", "caf\u00e9s", "close"]
    assert ngrams(text, 2) == ["illegal migrants", "migrants caf\u00e9s"]


# --------------------------------------------------------------------------- apostrophes and hyphens


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018", "\u02bc"])
def test_any_apostrophe_matches_a_straight_one(apostrophe):
    lexicon = Lexicon.from_terms({"unattributed": ["it's understood"], "crime": ["kingpin"]})
    text = f"It{apostrophe}s understood the kingpin{apostrophe}s men fled."
    assert found(lexicon, text) == [(0, 15, text[:15]), (20, 27, "kingpin")]


def test_a_curly_variant_matches_straight_text():
    lexicon = Lexicon.from_terms({"unattributed": ["it\u2019s understood"]})
    assert found(lexicon, "it's  understood") == [(0, 16, "it's  understood")]


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2011"])
def test_unicode_hyphens_are_hyphens(hyphen):
    lexicon = Lexicon.from_terms({"c": ["rubber-stamp"]})
    text = f"MPs rubber{hyphen}stamp it"
    assert found(lexicon, text) == [(4, 16, f"rubber{hyphen}stamp")]
    assert [text[s:e] for s, e in word_spans(text)] == ["MPs", f"rubber{hyphen}stamp", "it"]


def test_without_hyphenation_a_hyphenated_variant_needs_its_hyphen():
    lexicon = Lexicon.from_terms({"c": ["rubber-stamp"]})
    assert found(lexicon, "a rubber stamp, a rubberstamp") == []


def test_hyphenation_matches_spaced_and_closed_spellings():
    lexicon = entries(
        "  - {id: stamp, variants: [rubber-stamp, rubber-stamped], category: c, hyphenation: true}\n"
        "  - {id: art, variants: [state-of-the-art], category: c, hyphenation: true}\n"
    )
    text = (
        "Rubber-stamp, rubber stamp, RUBBERSTAMPED, rubber\u00a0 stamped; state of the art, state-of-the art."
    )
    assert [(text[m.start : m.end], m.entry.id) for m in lexicon.match(text)] == [
        ("Rubber-stamp", "stamp"),
        ("rubber stamp", "stamp"),
        ("RUBBERSTAMPED", "stamp"),
        ("rubber\u00a0 stamped", "stamp"),
        ("state of the art", "art"),
        ("state-of-the art", "art"),
    ]
    # a hyphenated word never matches a part of a longer word
    assert found(lexicon, "rubberstamping") == []


# --------------------------------------------------------------------------- exceptions

FLOOD = """\
  - id: flood
    variants: [flood, floods, flooding]
    category: c
    exceptions: [flood defences, flash flood*]
  - {id: defences, variants: [defences], category: c}
"""


def test_a_match_inside_one_of_its_exceptions_is_dropped():
    lexicon = entries(FLOOD)
    text = "A flood of arrivals. New FLOOD  DEFENCES held; flash flooding hit; flash floods too."
    # "flood" at 2; "FLOOD  DEFENCES" at 25-40 is an exception for flood, but "DEFENCES" is its own entry
    assert found(lexicon, text) == [(2, 7, "flood"), (32, 40, "DEFENCES")]


def test_an_exception_does_not_cross_a_paragraph_break():
    lexicon = entries(FLOOD)
    text = "The flood\n\ndefences"
    assert found(lexicon, text) == [(4, 9, "flood"), (11, 19, "defences")]


def test_an_exception_drops_only_the_match_it_contains():
    lexicon = entries(
        "  - id: wave\n    variants: [wave, wave of migrants]\n    category: c\n    exceptions: [heat wave]\n"
    )
    # "heat wave" (0-9) holds the match "wave" (5-9) but not "wave of migrants" (5-21), which wins anyway
    assert found(lexicon, "heat wave of migrants") == [(5, 21, "wave of migrants")]
    assert found(lexicon, "a heat wave") == []


def test_exceptions_follow_the_entrys_hyphenation():
    lexicon = entries(
        "  - id: stamp\n    variants: [rubber-stamp]\n    category: c\n    hyphenation: true\n"
        "    exceptions: [rubber-stamp factory]\n"
    )
    assert found(lexicon, "the rubber stamp factory, the rubberstamp factory") == []
    assert found(lexicon, "they rubber stamp it") == [(5, 17, "rubber stamp")]


def test_an_exception_matched_for_another_entry_leaves_this_one_alone():
    lexicon = entries(
        "  - {id: flood, variants: [flood], category: c, exceptions: [flood defences]}\n"
        "  - {id: defences, variants: [defences], category: c, exceptions: [flood defences]}\n"
    )
    assert found(lexicon, "flood defences") == []
    lexicon = entries(
        "  - {id: flood, variants: [flood], category: c, exceptions: [flood defences]}\n"
        "  - {id: defences, variants: [defences], category: c}\n"
    )
    assert found(lexicon, "flood defences") == [(6, 14, "defences")]


def test_the_scanner_is_built_once_per_lexicon_and_per_tuple_of_lexicons():
    lexicon = entries(FLOOD)
    lexicon.match("flood defences")
    first = lexicon._scanner
    lexicon.match("flash floods")
    assert lexicon._scanner is first
    other = Lexicon.from_terms({"c": ["wave"]})
    match_lexicons((lexicon, other), "a flood")
    together = _scanner_of((lexicon, other))
    match_lexicons([lexicon, other], "a wave")
    assert _scanner_of((lexicon, other)) is together is not first
    assert not Lexicon("empty", ())._scanner  # nothing to find
    assert Lexicon("empty", ()).match("a flood") == match_lexicons([Lexicon("empty", ())], "a flood") == []


@pytest.mark.parametrize(
    "text",
    [
        "Illegal migrants \u2014 illegal\u2014migrants \u00abillegal migrants\u00bb",  # dashes, guillemets
        "\u0416 illegal migrants \u2026illegal migrants\u3002",  # Cyrillic, an ellipsis, a CJK full stop
        "illegal migrants \ud800 x \ud83dillegal migrants",  # lone surrogates (broken text) are no letters
    ],
)
def test_punctuation_beyond_ascii_ends_a_word_as_ascii_punctuation_does(text):
    starts = [m.start() for m in re.finditer("illegal.migrants", text, re.IGNORECASE)]
    assert [m.start for m in ILLEGAL.match(text)] == [s for s in starts if text[s + 7] == " "]
    same_as_reference((ILLEGAL, *DEFAULTS), text)


@pytest.mark.parametrize("variant", [".", "...", "!"])
def test_a_variant_of_punctuation_alone_is_found_only_where_it_is(variant):
    # the scanner reads the text with a space before it: a key that starts with punctuation must not
    # match that space (it did, at offset -1, for "."); here found after "said " and at the very end
    text = f"They said {variant} today{variant}"
    lexicon = Lexicon.from_terms({"drama": [variant]})
    expected = [(10, 10 + len(variant)), (len(text) - len(variant), len(text))]
    assert [(m.start, m.end) for m in lexicon.match(text)] == expected


def test_a_match_is_still_a_frozen_dataclass_built_by_position_or_keyword():
    import dataclasses

    entry = ILLEGAL.entries[0]
    match = Match(3, 19, entry)
    assert match == Match(start=3, end=19, entry=entry, excepted=False) != Match(3, 19, entry, True)
    assert hash(match) == hash(Match(3, 19, entry)) and match.excepted is False
    assert dataclasses.replace(match, end=20).end == 20
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 4


def test_excepted_matches_can_be_kept_flagged_and_never_hide_another():
    lexicon = entries(
        "  - {id: flood, variants: [flood, floods], category: c, exceptions: [flood defences]}\n"
        "  - {id: defences, variants: [flood defences plan], category: c}\n"
    )
    text = "A flood. Flood defences held. The flood defences plan."
    # "flood" 2-7 counts; "Flood" 9-14 lies in the exception "Flood defences" (9-23); in the last sentence
    # "flood" 34-39 is excepted too and lies inside the longer match "flood defences plan" (34-53)
    assert [(m.start, m.end, m.entry.id, m.excepted) for m in lexicon.match(text, keep_excepted=True)] == [
        (2, 7, "flood", False),
        (9, 14, "flood", True),
        (34, 53, "defences", False),
    ]
    assert [(m.start, m.excepted) for m in lexicon.match(text)] == [(2, False), (34, False)]


# --------------------------------------------------------------------------- one pass for all lexicons
# The reference: the matcher this one replaced, one Aho-Corasick automaton per lexicon (and one more for
# its exceptions), each scanned in turn, every hit made a Match, the longest kept per lexicon then across
# lexicons. The single-pass matcher must give the same matches, offsets, entries and flags.


def _reference_automaton(pairs):
    import ahocorasick

    automaton, keys = ahocorasick.Automaton(), {}
    for phrase, hyphenation, item in pairs:
        for key in _keys(phrase, hyphenation):
            values = keys.setdefault(key, [])
            if not any(other is item and flag == phrase.endswith("*") for other, flag in values):
                values.append((item, phrase.endswith("*")))
    for key, values in keys.items():
        automaton.add_word(key, (len(key), tuple(values)))
    if keys:
        automaton.make_automaton()
    return automaton if keys else None


def _reference_hits(automaton, folded):
    def starts(p):
        return p == 0 or not (
            folded[p - 1].isalnum() or (folded[p - 1] in "'-" and p > 1 and folded[p - 2].isalnum())
        )

    def ends(p):
        return p >= len(folded) or not (
            folded[p].isalnum() or (folded[p] in "'-" and p + 1 < len(folded) and folded[p + 1].isalnum())
        )

    hits = []
    for last, (length, values) in automaton.iter(folded) if automaton else ():
        start, end = last + 1 - length, last + 1
        if folded[start].isalnum() and not starts(start):
            continue
        for item, wildcard in values:
            if wildcard:
                stop = re.compile(r"[^\W_]*(?:['\-][^\W_]+)*").match(folded, end).end()
                hits.append((start, stop if folded[end - 1].isalnum() else end, item))
            elif (
                not folded[end - 1].isalnum() or ends(end) or (folded.startswith("'s", end) and ends(end + 2))
            ):
                hits.append((start, end, item))
    return hits


def _reference_longest(candidates, taken=()):
    kept, occupied = [], sorted({(m.start, m.end) for m in taken})
    reserved, by_span = set(occupied), {}
    for match in candidates:
        by_span.setdefault((match.start, match.end), []).append(match)
    for start, end in sorted(by_span, key=lambda span: (span[0] - span[1], span[0])):
        if not any(s < end and start < e for s, e in occupied):
            bisect.insort(occupied, (start, end))
    for span in occupied:
        seen = set()
        for match in [] if span in reserved else by_span[span]:
            if match.entry.id not in seen:
                seen.add(match.entry.id)
                kept.append(match)
    return kept


_AUTOMATA: dict = {}


def _reference_automata(lexicon):
    if id(lexicon) not in _AUTOMATA:  # the lexicon kept with them, so that its id is not reused
        _AUTOMATA[id(lexicon)] = (
            lexicon,
            (
                _reference_automaton((v, e.hyphenation, e) for e in lexicon.entries for v in e.variants),
                _reference_automaton((x, e.hyphenation, e.id) for e in lexicon.entries for x in e.exceptions),
            ),
        )
    return _AUTOMATA[id(lexicon)][1]


def reference_match(lexicon, text, segments=None, keep_excepted=False):
    variants, exceptions = _reference_automata(lexicon)
    folded = FoldedText.of(text, phrase_runs(text, segments))
    kept, excepted = [], []
    outside = _reference_hits(exceptions, folded.text)
    for start, end, entry in _reference_hits(variants, folded.text):
        inside = any(i == entry.id and xs <= start and end <= xe for xs, xe, i in outside)
        (excepted if inside else kept).append(Match(folded.offset(start), folded.end(end), entry, inside))
    kept = _reference_longest(kept)
    if not (keep_excepted and excepted):
        return kept
    return sorted(kept + _reference_longest(excepted, kept), key=lambda m: (m.start, m.end))


def reference_match_lexicons(lexicons, text, segments=None, keep_excepted=False):
    owner, kept, excepted = {}, [], []
    for lexicon in lexicons:
        for match in reference_match(lexicon, text, segments, keep_excepted):
            owner.setdefault(id(match.entry), lexicon.name)
            (excepted if match.excepted else kept).append(match)
    kept = _reference_longest(kept)
    chosen = sorted([*kept, *_reference_longest(excepted, kept)], key=lambda m: (m.start, m.end))
    return [(match, owner[id(match.entry)]) for match in chosen]


def same_as_reference(lexicons, text, segments=None):
    for keep in (False, True):
        assert match_lexicons(lexicons, text, segments, keep_excepted=keep) == reference_match_lexicons(
            lexicons, text, segments, keep
        ), (text, keep)
        for lexicon in lexicons:
            assert lexicon.match(text, segments, keep_excepted=keep) == reference_match(
                lexicon, text, segments, keep
            ), (lexicon.name, text, keep)


DEFAULTS = (load_lexicon("migration"), load_lexicon("loaded"))
#: Wildcards, hyphenation, exceptions, a word in two categories, keys of punctuation only.
TRICKY = read_dic("%\n1\tcrime\n2\tdrama\n%\nmigra*\t1\nflood\t1\t2\ngang*\t2\nsmuggling gang*\t1\n--\t2\n")
TRICKY_YAML = entries(
    FLOOD + "  - {id: stamp, variants: [rubber-stamp, rubber-stamp*], category: c, hyphenation: true,"
    " exceptions: [rubber-stamp factory]}\n"
    '  - {id: kingpin, variants: [kingpin, "kingpin\'s men"], category: c}\n'
    '  - {id: it, variants: ["it\'s understood", 9/11], category: c}\n'
)


def test_one_pass_over_all_lexicons_matches_each_lexicon_on_the_lee_stories():
    from framing.corpus import load_corpus

    texts = load_corpus("lee").texts
    joined = "\n\n".join(texts[:40])  # one long text, paragraphs apart, as the benchmark makes them
    for text in [*texts, joined]:
        same_as_reference(DEFAULTS, text)
    same_as_reference(DEFAULTS, joined, [(0, 500), (520, 4000), (4000, len(joined))])


#: Every seventh variant or exception of the lexicons.
PHRASES = {
    v for lexicon in (*DEFAULTS, TRICKY_YAML) for e in lexicon.entries for v in e.variants + e.exceptions
}
#: Spellings at the edges: possessives, wildcards, hyphenation, curly apostrophes, words inside words.
EDGES = (
    "Rubber stamped", "rubberstamping", "rubber-stamp factory", "FLOODS", "flash flood", "flood defences",
    "Migrants", "immigration", "gangsters", "smuggling gangs", "kingpin\u2019s", "kingpin's men", "it\u2018s",
    "understood", "9/11", "--", "anti-", "-based", "'s", "un",
)  # fmt: skip
GLUE = (
    " ",
    "  ",
    "\n",
    "\n\n",
    ", ",
    ". ",
    "-",
    "'",
    "\u2019",
    "\u00ad",
    "\u200b",
    "\u00a0",
    "e\u0301",
    "\t",
    "s ",
)
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(sorted(PHRASES)[::7]),
        st.sampled_from(EDGES),
        st.sampled_from(GLUE),
        st.text(max_size=3),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_one_pass_matches_the_per_lexicon_matcher_on_any_text(text):
    assume(not any("\ud800" <= c <= "\udfff" for c in text))
    same_as_reference((*DEFAULTS, TRICKY, TRICKY_YAML), text)
    same_as_reference((TRICKY,), text.upper())


#: ASCII glue: the texts the fast paths take (runs blanked in place, the scan's blanking by bytes) and the
#: ones that leave them (two spaces, a tab, CRLF line ends, a line wrap), with punctuation around words.
ASCII_GLUE = (
    " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", " \n ", "\t", ", ", ". ", "(", '"', "/", "_", "-", "--",
    "'", "'s ", "9/11", "anti-", "x",
)  # fmt: skip
ASCII_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(sorted(p for p in PHRASES if p.isascii())[::5]),
        st.sampled_from([e for e in EDGES if e.isascii()]),
        st.sampled_from(ASCII_GLUE),
        st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=3),
    ),
    max_size=30,
).map("".join)


@st.composite
def segmented(draw):
    """An ASCII text and segments of it: consecutive cuts (touching segments), or every other one (gaps)."""
    text = draw(ASCII_TEXTS)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=5))) | {0, len(text)})
    return text, list(zip(cuts, cuts[1:], strict=False))[:: draw(st.sampled_from((1, 2)))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segmented())
def test_one_pass_matches_the_per_lexicon_matcher_on_ascii_text_and_segments(case):
    text, segments = case
    same_as_reference((*DEFAULTS, TRICKY, TRICKY_YAML), text, segments)
    same_as_reference((TRICKY,), text.upper(), segments)


@settings(max_examples=200, deadline=None)
@given(segmented())
def test_folded_ascii_text_is_each_run_squeezed_and_maps_back(case):
    text, segments = case
    runs = phrase_runs(text, segments)
    folded = FoldedText.of(text, runs)
    # the runs as the matcher reads them: lower case, every stretch of whitespace one space, apart
    expected = "\n".join(re.sub(r"\s+", " ", text[start:end].lower()) for start, end in runs)
    assert re.sub("\n+", "\n", folded.text).lstrip("\n") == expected
    for position, character in enumerate(folded.text):
        if character not in " \n":
            assert text[folded.offset(position)].lower() == character
            assert folded.end(position + 1) == folded.offset(position) + 1


def test_an_entry_two_lexicons_share_is_named_after_the_first_that_keeps_it_anywhere():
    a = Lexicon.from_terms({"x": ["cc dd ee", "ee ff"]}, name="a")
    b = Lexicon("b", (Lexicon.from_terms({"y": ["aa bb cc"]}).entries[0], a.entries[1]))  # shares "ee ff"
    text = "aa bb cc dd ee ff. ee ff"
    # "aa bb cc" (0-8) beats "cc dd ee" (6-14) across lexicons; "ee ff" (12-17) was dropped there by lexicon a
    # (for "cc dd ee") but kept by b; a keeps "ee ff" at 19-24, so the entry is a's everywhere
    expected = [(0, 8, "b"), (12, 17, "a"), (19, 24, "a")]
    assert [(m.start, m.end, name) for m, name in match_lexicons((a, b), text)] == expected
    same_as_reference((a, b), text)
