"""Property-based tests (hypothesis): any text to ``analyze``, any bytes to the decoder, any lexicon variant.

``analyze`` takes arbitrary Unicode: it returns an analysis whose every span
and sentence is the text between its offsets, sentences in order and apart;
or it raises one of the documented errors (a string that looks like a file
name and names none: ``FileNotFoundError``; a lone surrogate: ``DocumentError``).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from framing.analysis import analyze
from framing.measures.lexicon import Lexicon, LexiconError, read_yaml
from framing.text.document import DocumentError, decode_text, looks_like_path
from framing.text.words import WORD_PATTERN, FoldedText, phrase_runs

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
        if "is a directory" in str(error):  # "/" or "." names a folder, and the message says so
            assert os.path.isdir(os.path.expanduser(text)), text
            return
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


@pytest.mark.parametrize("text", ["~\x00", "a\x00.txt", "reports/\x00"])
def test_a_string_holding_a_nul_character_is_text_not_a_file_name(text):
    # no file name holds U+0000 ("~\x00" reached os.path.expanduser, which raised ValueError)
    assert analyze(text).document.text == text


def test_a_lone_surrogate_in_a_file_name_or_after_a_tilde_is_refused_by_position():
    # the file system cannot encode U+D800: the name is refused, not passed on as an encoding error
    with pytest.raises(DocumentError, match=r"'a\\ud800.txt': not a file name: character 1 is a lone surr"):
        analyze("a\ud800.txt")
    # "~" and a surrogate names no user's home: it is text, and text with a lone surrogate is refused
    with pytest.raises(DocumentError, match=r"<string>: character 1 is a lone surrogate \(U\+D800\)"):
        analyze("~\ud800")


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
    # in UTF-8 without a signature, a leading U+FEFF is indistinguishable from one (and read as one)
    assume(codec != "utf-8" or not text.startswith("\ufeff"))
    assert decode_text(text.encode(codec), "sample.txt")[0] == text


@SETTINGS
@given(ARTICLES, st.integers(0, 200), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF))
def test_a_lone_surrogate_is_refused_by_its_position(text, at, surrogate):
    text = text[:at] + surrogate + text[at:]
    assume(not looks_like_path(text))
    first = next(i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff")
    with pytest.raises(DocumentError, match=rf"<string>: character {first} is a lone surrogate"):
        analyze(text)


# ------------------------------------------------------------------ lexicon variants and hidden characters

#: Invisible characters (soft hyphen, zero-width space, non-joiner, joiner, word joiner, byte-order mark).
HIDDEN = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
#: What variants are made of: words, joiners, wildcards, spaces, hidden characters, accents, odd cases.
VARIANT_PIECES = (
    "illegal", "Migrants", "s", " ", "  ", "\t", "\u00a0", "-", "'", "\u2019", "*", ".", "\n", *HIDDEN,
    "e\u0301", "\u00e9", "\u0301", "\u0130", "\u03a3", "\u00df", "\u1100\u1161", "\u0958", "\u212b",
)  # fmt: skip
VARIANTS = st.lists(st.one_of(st.sampled_from(VARIANT_PIECES), st.text(max_size=3)), max_size=8).map("".join)
#: The apostrophes and hyphens that count as ' and - (as the README says matching treats them).
_JOINERS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def loose(text: str) -> str:
    """``text`` compared loosely, as a reader would: no hidden characters, accents composed, case and
    whitespace runs ignored, any apostrophe or hyphen the plain one."""
    seen = unicodedata.normalize("NFC", "".join(c for c in text if c not in HIDDEN))
    return " ".join(seen.translate(_JOINERS).casefold().split())


def check_variant(variant: str, lexicon: Lexicon) -> None:
    """A loaded ``variant`` matches its own text, set in a sentence, with offsets into that sentence."""
    phrase = variant.strip().removesuffix("*")
    text = f"They said {phrase} today."
    edge = re.match(rf"[\s{HIDDEN}]*(.*?)[\s{HIDDEN}]*$", phrase, re.S)
    core, start = edge.group(1), len("They said ") + edge.start(1)  # what the match must span
    spans = [(m.start, m.end) for m in lexicon.match(text)]
    assert core and spans, (variant, text)
    # found where it was put, unless an earlier copy in the sentence overlaps it ("said said")
    assert (start, start + len(core)) in spans or any(s < start < e for s, e in spans), (variant, spans)
    for s, e in spans:  # a wildcard also finds words that start with it ("s*": "said")
        found = loose(text[s:e])
        assert found.startswith(loose(core)) if variant.endswith("*") else found == loose(core), (
            variant,
            found,
        )


@SETTINGS
@given(VARIANTS)
def test_any_variant_loads_and_matches_itself_or_is_refused(variant):
    try:
        lexicon = Lexicon.from_terms({"drama": [variant]})
    except LexiconError:
        return
    check_variant(variant, lexicon)


@SETTINGS
@given(VARIANTS)
def test_any_variant_in_a_yaml_file_loads_and_matches_or_is_refused(variant):
    text = yaml.safe_dump(
        {"categories": {"drama": {}}, "entries": [{"id": "x", "variants": [variant], "category": "drama"}]},
        allow_unicode=True,
    )
    assume(yaml.safe_load(text)["entries"][0]["variants"] == [variant])  # what YAML itself keeps
    try:
        lexicon = read_yaml(text, "mine.yaml")
    except LexiconError as error:
        assert str(error).startswith("mine.yaml: ")
        return
    check_variant(variant, lexicon)


@SETTINGS
@given(ARTICLES)
def test_folded_text_maps_every_word_back_to_its_own_characters(text):
    assume(not any("\ud800" <= c <= "\udfff" for c in text))
    folded = FoldedText.of(text, phrase_runs(text))
    previous = 0
    for found in re.finditer(WORD_PATTERN, folded.text):
        start, end = folded.offset(found.start()), folded.end(found.end())
        assert previous <= start < end <= len(text)  # in order, within the text
        assert loose(text[start:end]) == loose(found.group()), (text[start:end], found.group())
        assert text[start] not in HIDDEN and text[end - 1] not in HIDDEN
        previous = end


def test_analyze_finds_terms_behind_invisible_characters():
    _warm()
    text = "They are ille\u00adgal migrants, the minister said. Cafe\u0301 owners fear an inva\u200bsion."
    spans = analyze(text).spans
    # "They are " is 9 characters, "ille" + soft hyphen + "gal migrants" 17; "inva\u200bsion" is the 9
    # characters before the final full stop
    assert spans[["start", "end", "text"]].values.tolist() == [
        [9, 26, "ille\u00adgal migrants"],
        [len(text) - 10, len(text) - 1, "inva\u200bsion"],
    ]
