"""Reading, decoding and cleaning articles."""

from __future__ import annotations

import pytest

from framing.text.document import Document, find_boilerplate, read_document


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


def test_undecodable_file_names_the_file_and_byte(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin1\.txt: not UTF-8 text \(byte 3"):
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
