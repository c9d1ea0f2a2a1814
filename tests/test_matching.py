"""Matching robust to spacing, apostrophes and hyphens; one paragraph rule; exceptions.

Expected offsets are counted by hand from the strings written here.
"""

from __future__ import annotations

import pytest

from framing.measures.lexicon import Lexicon, read_yaml
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
    assert folded.text == "a kingpin's men\nfled now"
    for position, character in enumerate(folded.text):
        if character not in " \n":
            assert fold(text[folded.offset(position)]) == character, position


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


def test_exception_automaton_is_built_once_per_lexicon():
    lexicon = entries(FLOOD)
    lexicon.match("flood defences")
    first = lexicon._exception_automaton
    lexicon.match("flash floods")
    assert lexicon._exception_automaton is first
    assert Lexicon.from_terms({"c": ["flood"]})._exception_automaton is None


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
