"""Quotes and sources, checked against a reading of the seed article."""

from __future__ import annotations

from framing.measures.discourse import find_quotes, source_type


def test_seed_sources_in_order_of_first_appearance(seed_analysis):
    sources = seed_analysis.sources
    assert list(zip(sources["speaker"], sources["source_type"], strict=True)) == [
        ("Home Secretary Shabana Mahmood", "named"),
        ("A Whitehall source", "anonymous"),
        ("Ms Mahmood", "named"),
        ("Martin Hewitt", "named"),
        ("sources", "anonymous"),
        ("The Home Secretary", "role"),
    ]


def test_seed_scare_quotes_are_the_short_unattributed_ones(seed_analysis):
    quotes = seed_analysis.quotes
    assert quotes[quotes["kind"] == "scare"]["text"].tolist() == [
        "slash",
        "real-time",
        "route",
        "state itself",
    ]


def test_a_quote_open_at_paragraph_end_continues_in_the_speakers_voice(seed_analysis, seed_text):
    quotes = seed_analysis.quotes
    mahmood = quotes[(quotes["speaker"] == "Ms Mahmood") & (quotes["kind"] == "speech")]
    # three paragraphs: the first opens after 'Ms Mahmood said:', the next two open with a quotation mark
    assert [t.split()[:3] for t in mahmood["text"]] == [
        ["The", "UK", "is"],
        ["That", "is", "why"],
        ["I", "have", "pledged"],
    ]
    for row in mahmood.itertuples():
        assert seed_text[row.start : row.end] == row.text
        assert seed_text[row.speaker_start : row.speaker_end] == "Ms Mahmood"


def test_attribution_after_the_quote_and_indirect_speech():
    text = (
        '"We will not stop," a senior Home Office source said.\n'
        "Officials said that numbers were rising.\n"
        '"It is working," said Mr Hewitt.'
    )
    found = [(q.kind, q.text, q.speaker, q.source_type) for q in find_quotes(text)]
    assert found == [
        ("speech", "We will not stop,", "a senior Home Office source", "anonymous"),
        ("indirect", "numbers were rising", "Officials", "anonymous"),
        ("speech", "It is working,", "Mr Hewitt", "named"),
    ]


def test_source_types():
    assert source_type("it is understood") == "anonymous"
    assert source_type("a Downing Street spokesman") == "anonymous"
    assert source_type("The Home Secretary") == "role"
    assert source_type("Shabana Mahmood") == "named"


def test_quotes_in_excluded_boilerplate_are_ignored(seed_analysis, seed_text):
    trailer = seed_text.index("You may also like")
    assert "'truly loved'" in seed_text[trailer:]
    assert (seed_analysis.quotes["end"] <= trailer).all()
