"""Reading, decoding and cleaning articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing.text.document import (
    MAX_ARTICLE_CHARS,
    Document,
    DocumentError,
    decode,
    decode_text,
    find_boilerplate,
    read_document,
)


def test_seed_trailer_is_cut_and_kept(seed_path, seed_text):
    doc = read_document(seed_path)
    trailer_start = seed_text.index("You may also like")
    assert doc.text == seed_text
    assert doc.excluded == ((trailer_start, len(seed_text), "trailer: you may also like"),)
    assert doc.boilerplate == [seed_text[trailer_start:]]
    # the five unrelated headlines are all in the cut part
    headlines = seed_text[trailer_start:].splitlines()[1:]
    assert len(headlines) == 5
    assert all(h not in doc.body for h in headlines)
    assert doc.body.rstrip().endswith('But in the credibility of the state itself."')


def test_cleaning_can_be_switched_off(seed_path, seed_text):
    doc = read_document(seed_path, clean=False)
    assert doc.excluded == ()
    assert doc.body == seed_text


def test_utf8_bom_and_utf16_decode(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffCaf\u00e9 migrants".encode())
    (tmp_path / "u16.txt").write_bytes("Caf\u00e9 migrants".encode("utf-16"))
    assert read_document(tmp_path / "bom.txt").text == "Caf\u00e9 migrants"
    assert read_document(tmp_path / "u16.txt").text == "Caf\u00e9 migrants"


def test_undecodable_file_names_the_file(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 9)) * 64)
    with pytest.raises(ValueError, match=r"noise\.txt: not text: binary data \(control characters\)"):
        read_document(path)


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.txt"):
        read_document(tmp_path / "nowhere.txt")


def test_a_string_is_article_text():
    doc = read_document("Migrants crossed.")
    assert (doc.text, doc.source, doc.segments) == ("Migrants crossed.", "<string>", [(0, 17)])


def test_read_more_lines_are_cut_one_by_one():
    text = "First paragraph.\nREAD MORE: Another story\nSecond paragraph.\nRelated articles\nOther story"
    cuts = find_boilerplate(text)
    first = text.index("READ MORE")
    trailer = text.index("Related articles")
    assert cuts == [
        (first, text.index("Second"), "line: read more\\b.*"),
        (trailer, len(text), "trailer: related (?:articles?|stories)"),
    ]
    doc = Document(text, excluded=tuple(cuts))
    assert doc.body == "First paragraph.\nSecond paragraph.\n"


def test_a_trailer_marker_in_the_first_half_is_not_a_trailer():
    text = "Comments\nThe story itself goes on for a good while after that line."
    assert find_boilerplate(text) == []


def test_a_file_name_that_names_no_file_is_an_error_not_text():
    with pytest.raises(FileNotFoundError, match="missing-article.txt: no such article file"):
        read_document("missing-article.txt")


def test_an_article_sentence_that_opens_like_a_trailer_heading_is_kept():
    text = (
        "Gangs smuggle migrants across the Channel every night.\n"
        "Police vowed a crackdown on the smuggling gangs.\n"
        "More from the Home Office is expected next week.\n"
        "Most read in Whitehall circles, the memo was leaked.\n"
        "More from Home Affairs\n"
        "An unrelated headline\n"
    )
    trailer = text.index("More from Home Affairs")
    assert find_boilerplate(text) == [
        (trailer, len(text), "trailer: more (?:stories|on this story|from [^.]{1,30})")
    ]


# ---------------------------------------------------------------------------
# Encodings

CURLY = (
    "The minister said \u201cillegal migrants\u201d \u2013 about 400 of them \u2013 had crossed; "
    "\u2018it\u2019s a crisis\u2019."
)


def test_windows_1252_is_decoded_and_the_encoding_recorded(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(CURLY.encode("cp1252"))
    doc = read_document(path)
    assert doc.text == CURLY
    assert doc.metadata["encoding"] == "cp1252"


def test_latin_1_is_decoded(tmp_path):
    text = (
        "Caf\u00e9 owners in S\u00e3o Paulo said migrants \u00ab work hard \u00bb, na\u00efvely, at 10\u00b0."
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    doc = read_document(path)
    assert doc.text == text
    # any single-byte Western encoding that reads these bytes as the text is right
    assert doc.metadata["encoding"] in {"cp1252", "latin-1", "iso8859-15"}


def test_utf8_is_recorded_as_utf8(tmp_path):
    path = tmp_path / "u8.txt"
    path.write_text(CURLY, encoding="utf-8")
    assert read_document(path).metadata == {"encoding": "utf-8"}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected(tmp_path, codec):
    text = "Migrants crossed the border at dawn, police said. Caf\u00e9 \u201cowners\u201d agreed."
    path = tmp_path / "u16.txt"
    path.write_bytes(text.encode(codec))
    doc = read_document(path)
    assert (doc.text, doc.metadata["encoding"]) == (text, codec)


def test_truncated_utf16_names_the_file(tmp_path):
    with_mark = tmp_path / "with-mark.txt"
    with_mark.write_bytes("Migrants crossed.".encode("utf-16")[:-1])
    without_mark = tmp_path / "without-mark.txt"
    without_mark.write_bytes("Migrants crossed.".encode("utf-16-le")[:-1])
    with pytest.raises(ValueError, match=r"with-mark\.txt: truncated or damaged UTF-16 text"):
        read_document(with_mark)
    with pytest.raises(ValueError, match=r"without-mark\.txt: truncated UTF-16-LE text \(an odd number"):
        read_document(without_mark)


def test_decode_is_what_corpus_readers_use(tmp_path):
    assert decode(CURLY.encode("cp1252"), "x.txt") == CURLY
    assert decode_text("Caf\u00e9".encode("utf-8-sig")) == ("Caf\u00e9", "utf-8-sig")


# ---------------------------------------------------------------------------
# What is not an article


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty article: the file is empty"),
        (b"  \n\t\r\n  ", "empty article: the file holds only whitespace"),
        (b"\x00" * 4096, "not text: only NUL bytes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not text: binary data"),
        (b"ELF " + bytes(range(1, 32)) * 40, "not text: binary data"),
    ],
    ids=["empty", "whitespace", "nul", "png", "control"],
)
def test_not_an_article_is_refused_naming_the_file(tmp_path, content, message):
    path = tmp_path / "thing.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_a_directory_says_it_is_a_directory(tmp_path):
    with pytest.raises(DocumentError, match=r"is a directory, not an article file"):
        read_document(tmp_path)
    with pytest.raises(DocumentError, match=r"is a directory"):
        read_document(str(tmp_path) + "/")


def test_too_long_an_article_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:  # sparse: larger than any article, without writing it
        stream.truncate(4 * MAX_ARTICLE_CHARS + 1)
    with pytest.raises(DocumentError, match=r"big\.txt: too long for one article \(8,000,001 bytes"):
        read_document(big)
    with pytest.raises(
        DocumentError, match=r"<string>: too long for one article \(11 characters; the limit is 10"
    ):
        read_document("Gangs fled.", max_chars=10)
    assert read_document("Gangs fled.", max_chars=None).text == "Gangs fled."


# ---------------------------------------------------------------------------
# Strings that look like paths


@pytest.mark.parametrize("name", ["reports/ARTICLE.TXT", "my article.txt", "story.HTML", "reports/article"])
def test_a_string_that_looks_like_a_path_is_a_missing_file(name):
    with pytest.raises(FileNotFoundError, match=rf"{re.escape(name)}: no such article file"):
        read_document(name)


def test_tilde_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "story.txt").write_text("Smuggling gangs fled.", encoding="utf-8")
    doc = read_document("~/story.txt")
    assert (doc.text, doc.source) == ("Smuggling gangs fled.", str(tmp_path / "story.txt"))
    assert read_document(Path("~/story.txt")).text == "Smuggling gangs fled."


def test_text_that_merely_ends_like_a_file_name_is_still_text():
    long_line = "Police said " + "the gangs moved again " * 14 + "to notes.txt"
    assert len(long_line) > 260
    assert read_document(long_line).text == long_line
    assert read_document("Migrants and police met at 5.30 in the port").source == "<string>"


def test_a_path_object_is_always_a_path():
    with pytest.raises(FileNotFoundError, match="Gangs fled.: no such article file"):
        read_document(Path("Gangs fled."))


# ---------------------------------------------------------------------------
# Invisible characters


def test_a_leading_byte_order_mark_in_a_string_keeps_every_offset():
    text = "\ufeffIllegal migrants crossed the Channel."
    doc = read_document(text)
    assert doc.text == text  # offsets into the string are offsets into the text
    assert doc.excluded == ((0, 1, "byte-order mark"),)
    assert doc.segments == [(1, len(text))]
    assert doc.title == "Illegal migrants crossed the Channel."


def test_a_lone_surrogate_is_an_error_naming_its_position():
    with pytest.raises(DocumentError, match=r"<string>: character 11 is a lone surrogate \(U\+D800\)"):
        read_document("Gangs fled \ud800 at dawn.")


# ---------------------------------------------------------------------------
# Saved web pages

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Police get drones to fight smugglers | Daily Example</title>
<meta property="og:title" content="Police get drones to fight smugglers">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<style>.illegal-aliens { color: red } /* swarm of invaders */</style>
<script>var tags = ["illegal aliens", "swarm", "invasion", "flood of migrants"];</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/invasion">Invasion special</a></li>
<li><a href="/swarm">Swarm</a></li></ul></nav>
<article>
<h1>Police get drones to fight smugglers</h1>
<p>Britain will give police in the Western Balkans drones and night-vision goggles to help them stop
smuggling gangs, the Home Office said on Tuesday.</p>
<p>The equipment is meant to help officers in Serbia, Bosnia and North Macedonia track the criminal
networks that move migrants towards western Europe.</p>
<p>Ministers vowed to slash the number of small-boat crossings this year, and officials said the
programme would cost about two million pounds.</p>
<p>A spokesman for the police in Belgrade said the cameras would be used along the border with
Bulgaria, where most groups cross at night.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Migrant flood hits coast</a></li>
<li><a href="/b">Swarm of boats spotted</a></li><li><a href="/c">Illegal aliens invasion</a></li></ul></aside>
<footer>Copyright Daily Example. Follow us on social media.</footer>
</body></html>
"""
#: Loaded words that the page holds only in its script, style, navigation and related stories.
OUTSIDE_THE_ARTICLE = ("illegal aliens", "swarm", "invasion", "invaders", "flood")


def test_a_saved_page_is_read_as_its_article(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_document(path)
    assert doc.metadata == {
        "encoding": "utf-8",
        "title": "Police get drones to fight smugglers",
        "date": "2024-03-05",
        "format": "html",
    }
    assert doc.title == "Police get drones to fight smugglers"
    for paragraph in ("stop smuggling gangs", "Ministers vowed to slash", "border with Bulgaria"):
        assert paragraph in " ".join(doc.text.split())
    assert not any(word in doc.text.lower() for word in OUTSIDE_THE_ARTICLE)
    assert "<" not in doc.text and "Copyright" not in doc.text


def test_a_saved_page_is_scored_on_its_article_only(tmp_path):
    from framing.analysis import analyze

    path = tmp_path / "page.txt"  # told apart by its content, not its name
    path.write_text(PAGE, encoding="utf-8")
    analysis = analyze(path)
    text = analysis.document.text
    terms = analysis.spans["text"].str.lower().tolist()
    assert {"smuggling gangs", "vowed", "slash"} <= set(terms)
    assert not [t for t in terms if any(word in t for word in OUTSIDE_THE_ARTICLE)]
    # offsets point into the extracted text, which the Document keeps as its text
    assert all(text[s:e] == t for s, e, t in analysis.spans[["start", "end", "text"]].values)


def test_a_page_without_an_article_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Swarm</title><script>var swarm;</script></head><body></body></html>")
    with pytest.raises(DocumentError, match=r"empty\.html: not an article: no article text found"):
        read_document(path)
