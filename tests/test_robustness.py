"""Property-based tests (hypothesis): any text to ``analyze``, any bytes to the decoder.

``analyze`` takes arbitrary Unicode: it returns an analysis whose every span
and sentence is the text between its offsets, sentences in order and apart;
or it raises one of the documented errors (a string that looks like a file
name and names none: ``FileNotFoundError``; a lone surrogate: ``DocumentError``).
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.analysis import analyze
from framing.text.document import DocumentError, decode_text, looks_like_path

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Loaded terms of the packaged lexicons, set apart by spaces (each is a span when alone in a sentence).
TERMS = tuple(
    f" {term} "
    for term in ("illegal migrants", "Smuggling gangs", "exploit", "vowed to slash", "kingpins", "swarm",
                 "invasion", "crackdown", "bogus asylum seekers", "illegals", "influx", "surge")
)  # fmt: skip
#: What the quote, sentence and boilerplate rules react to, and characters that trip offsets up.
PIECES = (
    " said ", "Ms Mahmood", "\u201c", "\u201d", '"', "'", "\u2019", ". ", "? ", "\n", "\n\n", "\r\n", "  ",
    "\t", "\u00a0", "\u00ad", "\u200b", "\u200d", "\ufeff", "e\u0301", "You may also like\n", "Read more: ",
    "-", "...",
)  # fmt: skip
#: Any code point, lone surrogates included.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
ARTICLES = st.lists(
    st.one_of(st.sampled_from(TERMS), st.sampled_from(PIECES), st.text(ANY_CHARACTER, max_size=6)),
    max_size=40,
).map("".join)


@functools.cache
def _warm() -> None:
    analyze("Smuggling gangs exploit migrants.")  # lexicons and models loaded once, outside the examples


def check_analysis(text: str) -> None:
    """The properties every analysis of ``text`` has, or the documented error it raises."""
    try:
        analysis = analyze(text)
    except FileNotFoundError:
        assert looks_like_path(text), text  # only a string that looks like a file name
        return
    except DocumentError as error:
        assert "lone surrogate" in str(error)
        assert any("\ud800" <= c <= "\udfff" for c in text)
        return
    assert not any("\ud800" <= c <= "\udfff" for c in text)
    assert analysis.document.text == text
    for start, end, span in analysis.spans[["start", "end", "text"]].itertuples(index=False):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == span
    previous_end = 0
    for start, end, sentence in analysis.sentences[["start", "end", "text"]].itertuples(index=False):
        assert previous_end <= start <= end <= len(text)  # in order, and apart
        assert text[start:end] == sentence
        previous_end = end
    sentence_of = analysis.sentences.set_index("sentence")
    for start, number in analysis.spans[["start", "sentence"]].itertuples(index=False):
        assert sentence_of.loc[number, "start"] <= start < sentence_of.loc[number, "end"]


@SETTINGS
@given(ARTICLES)
def test_analyze_takes_any_text(text):
    _warm()
    check_analysis(text)


@SETTINGS
@given(st.text(ANY_CHARACTER, max_size=80))
def test_analyze_takes_any_short_string(text):
    _warm()
    check_analysis(text)


@SETTINGS
@given(ARTICLES)
def test_a_leading_byte_order_mark_moves_nothing(text):
    assume(not any("\ud800" <= c <= "\udfff" for c in text) and not looks_like_path(text))
    _warm()
    plain, marked = analyze(text), analyze("\ufeff" + text)
    shifted = [(s + 1, e + 1, t) for s, e, t in plain.spans[["start", "end", "text"]].itertuples(index=False)]
    if not text.startswith("\ufeff"):
        assert list(marked.spans[["start", "end", "text"]].itertuples(index=False, name=None)) == shifted


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_by_name(data):
    try:
        text, encoding = decode_text(data, "sample.txt")
    except DocumentError as error:
        assert str(error).startswith("sample.txt: ")
        return
    assert "\x00" not in text
    assert text == data.decode(encoding)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_text_saved_in_a_unicode_encoding_reads_back(text, codec):
    assume("\x00" not in text and sum(c < " " and c not in "\t\n\r\f\v" for c in text) <= len(text) / 100)
    assert decode_text(text.encode(codec), "sample.txt")[0] == text


@SETTINGS
@given(ARTICLES, st.integers(0, 200), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
def test_a_lone_surrogate_is_refused_by_its_position(text, at, surrogate):
    text = text[:at] + surrogate + text[at:]
    assume(not looks_like_path(text))
    first = next(i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff")
    with pytest.raises(DocumentError, match=rf"<string>: character {first} is a lone surrogate"):
        analyze(text)
