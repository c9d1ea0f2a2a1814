"""Spans in context: voice, negation, names, markers, the index and the loaded-language score."""

from __future__ import annotations

import pytest

from framing.analysis import analyze
from framing.measures.context import negated, proper_name
from framing.measures.lexicon import Lexicon

CRIME = Lexicon.from_terms({"crime": ["gangs", "illegal migrants", "slash"]})


def span(analysis, text: str, occurrence: int = 0):
    rows = analysis.spans[analysis.spans["text"].str.lower() == text.lower()]
    return rows.iloc[occurrence]


@pytest.mark.parametrize(
    ("sentence", "term", "expected"),
    [
        ("They are not illegal migrants.", "illegal migrants", True),
        ("There were no gangs at the port.", "gangs", True),
        ("Police never found the gangs.", "gangs", True),
        ("Officers didn't slash the budget.", "slash", True),
        ("Neither the police nor the gangs came.", "gangs", True),
        ("Not only gangs profit.", "gangs", False),
        ("It is not over, and gangs profit.", "gangs", False),  # a new clause after the comma
        ("He did not say that gangs profit.", "gangs", False),  # a that-clause is outside the scope
        ("Gangs are not welcome.", "gangs", False),  # the negator follows the term
        ("No one could stop them, the ministers said, and gangs profit.", "gangs", False),
    ],
)
def test_negation_is_read_in_the_clause_before_the_term(sentence, term, expected):
    start = sentence.lower().index(term)
    assert negated(sentence, start, start + len(term)) is expected
    assert bool(span(analyze(sentence, lexicon=CRIME), term)["negated"]) is expected


@pytest.mark.parametrize(
    ("sentence", "term", "expected"),
    [
        ("Labour repealed the Illegal Migration Act last year.", "Illegal Migration", True),
        ("Officers from Border Force met them.", "Border", True),
        ("Illegal migrants crossed the border.", "Illegal migrants", False),  # capital of a first word
        ("The court heard that illegal migrants waited.", "illegal migrants", False),
        ("GANGS SLASH PRICES AS MIGRANTS WAIT", "GANGS", False),  # a headline in capitals
        ("Gangs Slash Prices as Migrants Wait at the Border", "Gangs", False),  # in title case
    ],
)
def test_a_term_inside_a_capitalised_name_is_a_proper_name(sentence, term, expected):
    lexicon = Lexicon.from_terms({"x": ["illegal migration", "border", "illegal migrants", "gangs"]})
    start = sentence.index(term)
    assert (
        proper_name(sentence, start, start + len(term), sentence_start=0, sentence_end=len(sentence))
        is expected
    )
    assert bool(span(analyze(sentence, lexicon=lexicon), term)["proper_name"]) is expected


def test_flagged_spans_stay_listed_but_leave_the_index():
    a = analyze("They are not illegal migrants. Gangs wait.", lexicon=CRIME)
    assert a.spans["text"].tolist() == ["illegal migrants", "Gangs"]
    assert a.spans["counted"].tolist() == [False, True]
    # 7 words; one counted span of weight 1: 1 x 1000 / 7
    scores = a.document_scores()
    assert scores["loaded_terms"] == 1 and scores["loaded_index"] == pytest.approx(1000 / 7)
    kept = analyze("They are not illegal migrants. Gangs wait.", lexicon=CRIME, count_flagged=True)
    assert kept.document_scores()["loaded_index"] == pytest.approx(2000 / 7)


def test_neutral_entries_are_markers_not_loaded_language():
    # "reportedly" is a neutral attribution marker in the migration lexicon
    a = analyze("Gangs reportedly fled.", lexicon="migration")
    assert a.markers["text"].tolist() == ["reportedly"]
    counted = a.spans[a.spans["counted"]]["text"].tolist()
    assert "reportedly" not in counted and "Gangs" in counted
    assert a.document_scores()["markers_rate"] == pytest.approx(1000 / 3)


def test_voice_on_the_seed_article(seed_analysis, seed_text):
    spans = seed_analysis.spans
    slashes = spans[spans["text"].str.lower() == "slash"].sort_values("start")
    first, second = (
        seed_text.lower().find("slash"),
        seed_text.lower().find("slash", seed_text.lower().find("slash") + 1),
    )
    assert slashes["start"].tolist()[:2] == [first, second]
    assert slashes["voice"].tolist()[:2] == ["scare", "quoted"]
    assert "mahmood" in slashes.iloc[1]["speaker_id"].lower()
    assert span(seed_analysis, "kingpins")["voice"] == "author"
    author = spans[spans["counted"] & (spans["voice"] == "author")]
    every = spans[spans["counted"]]
    scores = seed_analysis.document_scores()
    assert scores["author_loaded_index"] == pytest.approx(
        author["weight"].sum() * 1000 / seed_analysis.tokens
    )
    assert scores["loaded_index"] == pytest.approx(every["weight"].sum() * 1000 / seed_analysis.tokens)
    assert scores["author_loaded_index"] < scores["loaded_index"]  # the ministers' quotes carry much of it


def test_loaded_score_adds_weights_strong_words_and_scare_quotes():
    # words: the, brutal, gangs, fled. "gangs" is a counted span (weight 1); "brutal" has VADER
    # valence -3.1 and Pattern subjectivity 1.0 (strong), worth 0.5; "the" and "fled" are in neither
    # lexicon. Score 1.5 for the sentence; the document's is 1.5 x 1000 / 4 words.
    a = analyze("The brutal gangs fled.", lexicon=CRIME)
    assert a.sentences["loaded_score"].tolist() == [1.5]
    assert a.document_scores()["loaded_score"] == pytest.approx(375.0)
    # a scare quote adds 1; a negated strong word adds nothing
    b = analyze('The "brutal" gangs fled. It was not brutal.', lexicon=CRIME)
    assert b.sentences["loaded_score"].tolist() == [2.5, 0.0]


def test_quoted_words_leave_the_sentence_score():
    a = analyze('The minister said: "These brutal gangs must go."', lexicon=CRIME)
    assert a.spans["voice"].tolist() == ["quoted"]
    assert a.sentences["loaded_score"].tolist() == [0.0]


def test_categories_must_be_distinct_across_lexicons():
    other = Lexicon.from_terms({"crime": ["thieves"]}, name="other")
    with pytest.raises(ValueError, match="category 'crime' is also in lexicon"):
        analyze("Thieves.", lexicon=(CRIME, other))
