"""Sentence and word tokenising with offsets, from the package's own Punkt parameters."""

from __future__ import annotations

import nltk
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.sentences import NLTK_DATA_DIR, sentence_spans
from framing.text.words import (
    _BREAK_RE,
    _LINE_BREAKS,
    _SQUEEZE_RE,
    _breaks,
    _squeezes,
    matching_text,
    word_spans,
    words,
)


def test_titles_do_not_end_sentences():
    text = "Mr. Hewitt met Ms. Mahmood and Dr. Jones at No. 10. They agreed on Jan. 9 to act."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Mr. Hewitt met Ms. Mahmood and Dr. Jones at No. 10.",
        "They agreed on Jan. 9 to act.",
    ]


def test_country_abbreviations_do_not_end_sentences():
    text = "The U.K. and the U.S. signed. Then it ended."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["The U.K. and the U.S. signed.", "Then it ended."]


def test_sentences_never_cross_a_line_break_and_offsets_point_into_the_text():
    text = "\nFirst paragraph, one sentence\nSecond one. Third one.\n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First paragraph, one sentence", "Second one.", "Third one."]
    assert spans[0][0] == 1


def test_sentence_spans_respect_a_window():
    text = "Skip this. Keep this. And this."
    assert [text[s:e] for s, e in sentence_spans(text, 11, len(text))] == ["Keep this.", "And this."]


def test_word_spans_keep_inner_apostrophes_and_hyphens():
    text = "Bulgaria\u2019s 400-mile border, the EU's scheme."
    assert [text[s:e] for s, e in word_spans(text)] == [
        "Bulgaria\u2019s",
        "400-mile",
        "border",
        "the",
        "EU's",
        "scheme",
    ]
    assert words(text)[0] == "bulgaria's"


def test_matching_text_keeps_length_and_folds_case_space_and_quotes():
    text = "\u0130stanbul \u2018Illegal\u2019\tMigrants\u00a0now\nGangs"
    folded = matching_text(text)
    assert len(folded) == len(text)
    assert folded == "\u0130stanbul 'illegal' migrants now\ngangs"  # a line break stays: paragraphs


def test_nltk_finds_the_packaged_punkt_parameters():
    assert nltk.data.path[0] == NLTK_DATA_DIR
    assert nltk.data.find("tokenizers/punkt_tab/english/abbrev_types.txt")
    assert nltk.sent_tokenize("Ms. Mahmood spoke. Then Mr. Hewitt did.") == [
        "Ms. Mahmood spoke.",
        "Then Mr. Hewitt did.",
    ]
    # the shipped files alone (without framing's own rules) carry the learned starters and "No. 10"
    assert nltk.sent_tokenize("She said no. Talks ended at 4 p.m. Police left No. 10 at once.") == [
        "She said no.",
        "Talks ended at 4 p.m.",
        "Police left No. 10 at once.",
    ]


def test_a_sentence_runs_over_a_line_wrap_as_a_phrase_does_but_not_over_a_paragraph():
    text = "Illegal\nmigrants crossed. They waited.\nNew paragraph"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Illegal\nmigrants crossed.",  # a wrap: the next line starts in lower case
        "They waited.",
        "New paragraph",
    ]


#: Text made of words, every kind of whitespace and line break, runs of spaces.
SPACED = st.lists(
    st.sampled_from(
        ["a", "Gangs", ",", ".", " ", "  ", "   ", "\t", "\u00a0", "\u2009", *_LINE_BREAKS, "\r\n"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(SPACED, st.data())
def test_line_breaks_found_by_find_are_the_regular_expressions(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    breaks = [c for c in _LINE_BREAKS if c in text]
    assert _breaks(text, breaks, start, end) == [m.span() for m in _BREAK_RE.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(SPACED)
def test_runs_of_spaces_found_by_find_are_the_regular_expressions(text):
    odd = any(c.isspace() and c != " " for c in text)
    assert _squeezes(text, odd) == [m.span() for m in _SQUEEZE_RE.finditer(text)]
