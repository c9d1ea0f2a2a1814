"""Quotes, speakers and voice, checked against a reading of the seed article and hand-made texts."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.measures.discourse import QuoteIndex, find_quotes, source_type, sources_table, voice_of
from framing.text.document import read_document


@pytest.fixture(scope="module")
def seed_quotes(seed_path):
    document = read_document(seed_path)
    return find_quotes(document.text, document.segments)


def quotes_of(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for q in find_quotes(text)]


def speakers_of(text: str) -> list[tuple[str, str, str, str]]:
    """(quote text, speaker as written, speaker_id, speaker_name) of each direct quote."""
    return [
        (q.text, q.speaker, q.speaker_id, q.speaker_name) for q in find_quotes(text) if q.kind == "speech"
    ]


def test_seed_speakers_one_row_per_person(seed_quotes):
    # Read off the article: Shabana Mahmood is quoted once after "Home Secretary Shabana Mahmood vowed
    # to", in three paragraphs after "Ms Mahmood said:", in "Ms Mahmood admitted ..." (indirect), in
    # "The Home Secretary, hosting ..., said that ..." (indirect) and in three paragraphs after "The Home
    # Secretary said:": 9. Martin Hewitt: three paragraphs. One quote each for the two anonymous sources.
    table = sources_table(seed_quotes)
    assert table.columns.tolist() == ["speaker_id", "speaker", "source_type", "quotes", "words", "forms"]
    assert table.drop(columns="words").values.tolist() == [
        [
            "shabana-mahmood",
            "Shabana Mahmood",
            "named",
            9,
            "Home Secretary Shabana Mahmood; Ms Mahmood; The Home Secretary",
        ],
        ["whitehall-source", "a Whitehall source", "anonymous", 1, "A Whitehall source"],
        ["martin-hewitt", "Martin Hewitt", "named", 3, "Martin Hewitt"],
        ["sources", "sources", "anonymous", 1, "sources"],
    ]
    # "we know who some of these smugglers are": 8 words
    assert table.set_index("speaker_id").loc["whitehall-source", "words"] == 8


def test_seed_quotes_keep_the_attribution_as_written_beside_the_speaker(seed_quotes):
    home_secretary = [q for q in seed_quotes if q.speaker == "The Home Secretary"]
    assert len(home_secretary) == 4  # one indirect, three direct paragraphs
    assert {(q.source_type, q.speaker_type, q.speaker_name) for q in home_secretary} == {
        ("role", "named", "Shabana Mahmood")
    }
    scare = [q for q in seed_quotes if q.kind == "scare"]
    assert {(q.speaker_id, q.speaker_name, q.speaker_type) for q in scare} == {("", "", "unattributed")}


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


# Single quotation marks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones will \u2018slash\u2019 crossings.", [("scare", "slash")]),
        # apostrophes inside words, before a decade and after a plural open or close nothing
        (
            "Mahmood\u2019s plan won\u2019t work, the \u201990s showed, and the Smiths\u2019 lawyer agreed.",
            [],
        ),
        ("Rock \u2018n\u2019 roll is back.", []),
        ("It's the students' union's 'flood' again.", [("scare", "flood")]),
        # a plural possessive inside a quote does not close it
        (
            "\u2018We defend migrants\u2019 rights,\u2019 she said.",
            [("speech", "We defend migrants\u2019 rights,")],
        ),
        # ... but a closing mark after a plural does, when no other closing mark follows
        (
            "They called them \u2018illegal migrants\u2019 and the plan \u2018cruel\u2019.",
            [("scare", "illegal migrants"), ("scare", "cruel")],
        ),
        # a quote inside a quote belongs to the outer one
        (
            "\u201cHe called it \u2018slash\u2019 policy,\u201d Mr Hewitt said.",
            [("speech", "He called it \u2018slash\u2019 policy,")],
        ),
        (
            "\u2018Do not call it \u201cslash\u201d,\u2019 Mr Hewitt said.",
            [("speech", "Do not call it \u201cslash\u201d,")],
        ),
        ("Ms Mahmood said: 'We will stop the gangs.'", [("speech", "We will stop the gangs.")]),
    ],
)
def test_single_quotation_marks_and_apostrophes(text, expected):
    assert quotes_of(text) == expected


def test_a_single_quote_open_at_paragraph_end_continues():
    text = "Ms Mahmood said: \u2018The UK works with friends.\n\u2018That is why we act.\u2019\nIt rained."
    found = [(q.kind, q.text, q.speaker) for q in find_quotes(text)]
    assert found == [
        ("speech", "The UK works with friends.", "Ms Mahmood"),
        ("speech", "That is why we act.", "Ms Mahmood"),
    ]


# One person, one speaker -----------------------------------------------------------------------


def test_a_role_is_its_last_named_holder_before_it():
    text = (
        "Home Secretary Jo Bloggs resigned. Home Secretary Ann Smith took over. "
        'The Home Secretary said: "We act now."'
    )
    assert speakers_of(text) == [("We act now.", "The Home Secretary", "ann-smith", "Ann Smith")]


def test_a_role_with_no_named_holder_stays_a_role():
    text = 'The Home Secretary said: "We act now." Home Secretary Ann Smith left.'
    [quote] = find_quotes(text)
    assert (quote.speaker_id, quote.speaker_name, quote.speaker_type) == (
        "home-secretary",
        "the Home Secretary",
        "role",
    )


@pytest.mark.parametrize(
    ("introduction", "role"),
    [
        ("Shabana Mahmood, the Home Secretary, spoke.", "the Home Secretary"),
        ("The Home Secretary, Shabana Mahmood, spoke.", "the Home Secretary"),
        ("Metropolitan Police Commissioner Shabana Mahmood spoke.", "the commissioner"),
        ("Immigration Minister Shabana Mahmood spoke.", "the minister"),
        ("Shabana Mahmood, border security commander, spoke.", "the commander"),
    ],
)
def test_a_role_attached_to_a_name_before_or_after_it(introduction, role):
    text = f'{introduction} Later {role} said: "We will not stop."'
    assert speakers_of(text) == [("We will not stop.", role, "shabana-mahmood", "Shabana Mahmood")]


def test_surnames_join_titles_and_full_names_but_not_other_first_names():
    text = (
        'Boris Johnson said: "Yes we will." Jo Johnson said: "No we will not." '
        'Mr Johnson added: "Maybe, then." Ms Smith said: "Fine by me." Mrs Jane Smith left.'
    )
    assert [(q.speaker, q.speaker_id) for q in find_quotes(text)] == [
        ("Boris Johnson", "boris-johnson"),
        ("Jo Johnson", "jo-johnson"),
        ("Mr Johnson", "jo-johnson"),  # the Johnson last named
        ("Ms Smith", "jane-smith"),  # the full name may come later; the id is the article's
    ]


def test_he_and_she_are_the_last_person_of_that_title_named():
    text = 'Ms Bloggs met Mr Hewitt and the NCA. She said: "We agreed a plan." He said: "It will work."'
    assert [(q.speaker, q.speaker_name) for q in find_quotes(text)] == [
        ("She", "Ms Bloggs"),
        ("He", "Mr Hewitt"),
    ]
    [quote] = find_quotes('He said: "It will work."')  # nobody named before
    assert (quote.speaker_id, quote.speaker_type) == ("", "unattributed")


def test_anonymous_sources_are_one_speaker_per_description():
    text = (
        'A Whitehall source said: "We know them." The Whitehall source added: "We will act." Sources said no.'
    )
    table = sources_table(find_quotes(text))
    assert table[["speaker_id", "source_type", "quotes"]].values.tolist() == [
        ["whitehall-source", "anonymous", 2],
        ["sources", "anonymous", 1],
    ]


def test_sources_table_takes_a_dataframe_of_quotes_too(seed_quotes):
    frame = pd.DataFrame([q.__dict__ for q in seed_quotes])
    pd.testing.assert_frame_equal(sources_table(frame), sources_table(seed_quotes))


# Voice ------------------------------------------------------------------------------------------


def test_seed_voice_scare_quoted_author(seed_text, seed_quotes):
    first_slash = seed_text.find("slash")
    assert seed_text[first_slash - 1 : first_slash + 6] == '"slash"'  # the writer's own, in scare quotes
    second_slash = seed_text.find("slash", first_slash + 1)
    assert "with our Balkan friends to slash the rates" in seed_text[second_slash - 40 : second_slash + 20]
    kingpins = seed_text.find("kingpins")
    spans = [(first_slash, first_slash + 5), (second_slash, second_slash + 5), (kingpins, kingpins + 8)]
    assert voice_of(spans, seed_quotes) == [("scare", ""), ("quoted", "shabana-mahmood"), ("author", "")]


def test_seed_voice_of_illegal_migrants_and_of_indirect_speech(seed_text, seed_quotes):
    phrase = "illegal migrants"
    starts = [i for i in range(len(seed_text)) if seed_text.startswith(phrase, i)]
    # 1: "the number of illegal migrants reaching northern France" (the writer);
    # 2, 3: "the rates of illegal migrants", "track down illegal migrants" (Ms Mahmood's quote)
    assert voice_of([(s, s + len(phrase)) for s in starts], seed_quotes) == [
        ("author", ""),
        ("quoted", "shabana-mahmood"),
        ("quoted", "shabana-mahmood"),
    ]
    # "said that illegal migration is eroding trust ... and the "state itself"": reported, not quoted
    paraphrase = seed_text.find("illegal migration is eroding")
    scare = seed_text.find('"state itself"') + 1
    quoted = seed_text.rfind("state itself")  # "the credibility of the state itself" in her quote
    assert scare < quoted
    assert voice_of(
        [(paraphrase, paraphrase + 17), (scare, scare + 12), (quoted, quoted + 12)], seed_quotes
    ) == [("author", ""), ("scare", ""), ("quoted", "shabana-mahmood")]


def test_a_span_reaching_outside_a_quote_is_the_authors():
    text = 'Ms Bloggs said: "We will act." Then it ended.'
    quote = text.find("act")
    assert voice_of([(quote, quote + 3), (quote, quote + 10)], find_quotes(text)) == [
        ("quoted", "ms-bloggs"),
        ("author", ""),
    ]


def test_quote_at_and_quoted_share_on_the_seed(seed_text, seed_quotes):
    index = QuoteIndex(seed_quotes)
    sentence_start = seed_text.find('Ms Mahmood said: "The UK')
    sentence_end = seed_text.find("British soil.") + len("British soil.")
    opening = seed_text.find('"', sentence_start)
    assert index.quote_at(opening) is None and index.quote_at(sentence_start) is None
    assert index.quote_at(opening + 1).speaker == "Ms Mahmood"
    letters = sum(c.isalnum() for c in seed_text[sentence_start:sentence_end])
    quoted = sum(c.isalnum() for c in seed_text[opening + 1 : sentence_end])
    assert index.quoted_share(seed_text, sentence_start, sentence_end) == quoted / letters
    whole = seed_text.find("No single country can tackle this alone.")
    assert index.quoted_share(seed_text, whole, whole + 40) == 1.0
    kingpins = seed_text.find("kingpins")
    assert index.quoted_share(seed_text, kingpins, kingpins + 8) == 0.0


def test_quote_index_reads_a_dataframe_of_quotes(seed_text, seed_quotes):
    frame = pd.DataFrame([q.__dict__ for q in seed_quotes])
    kingpins, slash = seed_text.find("kingpins"), seed_text.find("slash")
    spans = [(kingpins, kingpins + 8), (slash, slash + 5)]
    assert voice_of(spans, frame) == voice_of(spans, seed_quotes) == [("author", ""), ("scare", "")]
