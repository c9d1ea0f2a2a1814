"""The engine on the seed article: spans, sentences, sentiment, targets, scores, display."""

from __future__ import annotations

import re

import matplotlib
import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.analysis import analyze
from framing.corpus import Corpus, load_corpus

matplotlib.use("Agg")


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Offsets of ``phrase`` in ``text``, found independently of the matcher (plain regex)."""
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)]


@pytest.mark.parametrize(
    ("phrase", "category", "count"),
    [
        ("illegal migrants", "illegality", 3),
        ("kingpins", "criminalisation", 1),
        ("slash", "hyperbole", 2),
        ("smuggling gangs", "criminalisation", 2),
        ("can reveal", "unattributed", 1),
        ("A Whitehall source", "unattributed", 1),
    ],
)
def test_seed_spans_have_exact_offsets_and_categories(seed_analysis, seed_text, phrase, category, count):
    expected = occurrences(seed_text, phrase)
    assert len(expected) == count  # counted by hand in the article
    spans = seed_analysis.spans
    found = spans[spans["text"].str.lower() == phrase.lower()]
    assert list(zip(found["start"], found["end"], strict=True)) == expected
    assert set(found["category"]) == {category}
    for row in found.itertuples():
        assert seed_text[row.start : row.end] == row.text


def test_every_span_points_into_the_original_text_and_its_sentence(seed_analysis, seed_text):
    sentences = seed_analysis.sentences.set_index("sentence")
    for row in seed_analysis.spans.itertuples():
        assert seed_text[row.start : row.end] == row.text
        assert (
            sentences.loc[row.sentence, "start"] <= row.start < row.end <= sentences.loc[row.sentence, "end"]
        )


def test_trailer_headlines_give_no_spans_and_no_sentences(seed_analysis, seed_text):
    trailer = seed_text.index("You may also like")
    assert (seed_analysis.spans["end"] <= trailer).all()
    assert (seed_analysis.sentences["end"] <= trailer).all()
    assert "bombshell" in seed_text[trailer:]  # in the lexicon, but only in the trailer
    assert "bombshell" not in seed_analysis.spans["text"].str.lower().tolist()


def test_titles_do_not_split_sentences(seed_analysis):
    texts = seed_analysis.sentences["text"].tolist()
    assert any(t.startswith("Mr Hewitt met his counterparts") and t.endswith("on October 9.") for t in texts)
    assert any(t.startswith('Ms Mahmood said: "The UK is working') for t in texts)
    assert any(t.startswith("It comes after Ms Mahmood admitted") for t in texts)
    # counted by hand: 23 paragraphs; the first holds 2 sentences, the second 3, the pledge paragraph 2
    assert len(texts) == 27


def test_sentence_sentiment_equals_vader_and_textblob_called_directly(seed_analysis):
    reference = SentimentIntensityAnalyzer()  # vaderSentiment's reference implementation
    for row in seed_analysis.sentences.itertuples():
        direct = reference.polarity_scores(row.text)
        assert (row.vader_neg, row.vader_neu, row.vader_pos, row.vader_compound) == (
            direct["neg"],
            direct["neu"],
            direct["pos"],
            direct["compound"],
        )
        blob = TextBlob(row.text).sentiment
        assert row.textblob_polarity == blob.polarity
        assert row.textblob_subjectivity == blob.subjectivity


def test_every_lee_sentence_scores_as_the_reference_vader_does():
    reference = SentimentIntensityAnalyzer()
    worst, sentences = 0.0, 0
    for document in load_corpus("lee"):
        table = analyze(document).sentences
        for text, neg, neu, pos, compound in table[
            ["text", "vader_neg", "vader_neu", "vader_pos", "vader_compound"]
        ].itertuples(index=False):
            direct = reference.polarity_scores(text)
            got = (neg, neu, pos, compound)
            worst = max(
                worst,
                *(
                    abs(a - b)
                    for a, b in zip(got, map(direct.get, ("neg", "neu", "pos", "compound")), strict=True)
                ),
            )
            sentences += 1
    assert sentences > 2500 and worst == 0.0  # 2,686 sentences in 300 stories


@pytest.mark.parametrize(
    ("sentence", "compound"),
    [('He called it a "disaster".', -0.6249), ("There were no fatalities.", 0.4847)],
)
def test_scare_quotes_and_no_score_as_in_the_reference(sentence, compound):
    # values from vaderSentiment 3.3.2 called directly; NLTK's port gives 0.0 and -0.7269
    assert analyze(sentence).sentences["vader_compound"].tolist() == [compound]


def test_provenance_names_the_reference_vader(seed_analysis):
    assert seed_analysis.provenance["sentiment"]["vader"].startswith("vaderSentiment.vaderSentiment")


def test_kidnap_sentence_counts_toward_migrants_and_smugglers(seed_analysis):
    sentence = (
        "They can then cross into Serbia, it is understood, "
        "where smuggling gangs kidnap and hold migrants to ransom."
    )
    rows = seed_analysis.sentences[seed_analysis.sentences["text"] == sentence]
    assert len(rows) == 1
    assert {"migrants", "smugglers"} <= set(rows.iloc[0]["targets"])


def test_target_sentiment_is_the_mean_over_sentences_naming_the_group(seed_analysis):
    sentences = seed_analysis.sentences
    targets = seed_analysis.targets.query("kind == 'group'").set_index("target")
    assert set(targets.index) == {"migrants", "smugglers", "government", "police"}
    for target, row in targets.iterrows():
        naming = sentences[[target in ids for ids in sentences["targets"]]]
        assert row["sentences"] == len(naming)
        assert row["mean_compound"] == pytest.approx(sum(naming["vader_compound"]) / len(naming))
        assert row["mean_polarity"] == pytest.approx(sum(naming["textblob_polarity"]) / len(naming))


def test_scores_are_rates_per_thousand_tokens(seed_analysis, seed_text):
    body = seed_text[: seed_text.index("You may also like")]
    tokens = len(re.findall(r"[^\W_]+(?:['\u2019-][^\W_]+)*", body))
    scores = seed_analysis.scores.set_index(["metric", "lexicon", "category"])["value"]
    assert scores[("tokens", "document", "document")] == tokens
    spans = seed_analysis.spans[seed_analysis.spans["counted"]]
    illegality = (spans["category"] == "illegality").sum()
    assert scores[("count", "migration", "illegality")] == illegality
    assert scores[("rate_per_1k", "migration", "illegality")] == pytest.approx(illegality * 1000 / tokens)
    assert scores[("weighted_index", "all", "all")] == pytest.approx(spans["weight"].sum() * 1000 / tokens)
    flat = seed_analysis.document_scores()
    assert flat["loaded_terms"] == len(spans)
    assert flat["vader_compound"] == pytest.approx(seed_analysis.sentences["vader_compound"].mean())


def test_html_view_escapes_text_and_carries_tooltips():
    a = analyze('<script>alert(1)</script> "Smuggling gangs" & kingpins')
    html = a._repr_html_()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;" in html and "&amp;" in html
    marks = re.findall(r'<mark class="framing-term"[^>]*data-category="([a-z_]+)"[^>]*>([^<]*)</mark>', html)
    assert marks == [("criminalisation", "Smuggling gangs"), ("criminalisation", "kingpins")]
    assert re.search(
        r'title="Criminalisation · weight \d of 3[^"]*Alternatives: ', html
    )  # the label, not the key


def test_identical_input_gives_identical_results(seed_path):
    first, second = analyze(seed_path), analyze(seed_path)
    assert first.to_dict() == second.to_dict()


def test_plots_draw_one_bar_per_sentence_and_category(seed_analysis):
    arc = seed_analysis.plot_sentiment_arc()
    assert len(arc.patches) == len(seed_analysis.sentences)
    bars = seed_analysis.plot_categories()
    used = seed_analysis.spans.loc[seed_analysis.spans["counted"], "category"].nunique()
    assert len(bars.patches) == used  # only the categories the article uses


def test_summary_is_short_and_readable(seed_analysis):
    summary = seed_analysis.summary().set_index("measure")["value"]
    assert summary["sentences"] == 27
    assert summary["loaded terms"] == seed_analysis.spans["counted"].sum()


def test_tokens_are_the_words_the_corpus_counts_hidden_characters_and_all():
    # by eye: "The", "illegal", "migrants", "crossed" -- a soft hyphen and a zero-width space split nothing
    text = "The ille\u00adgal mi\u200bgrants crossed."
    a = analyze(text)
    assert a.tokens == 4 == Corpus([text]).token_counts().iloc[0]
    assert a.document_scores()["loaded_rate"] == pytest.approx(a.spans["counted"].sum() * 1000 / 4)


def test_an_empty_article_gives_empty_tables_not_an_error():
    a = analyze("")
    assert (len(a.spans), len(a.sentences), a.tokens) == (0, 0, 0)
    assert a.targets["sentences"].tolist() == [0, 0, 0, 0]
    scores = a.document_scores()
    assert scores["loaded_terms"] == 0 and scores["loaded_rate"] != scores["loaded_rate"]  # NaN: no tokens
