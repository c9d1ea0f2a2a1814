"""Keyness by hand, the seed article against Lee, positioning, KWIC, collocations, groups, plots, CLI."""

from __future__ import annotations

import collections
import math
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from framing.analysis import analyze
from framing.comparison import (
    collocations,
    compare,
    compare_groups,
    keyness,
    kwic,
    positioning_table,
)
from framing.comparison.keyness import KEYNESS_COLUMNS, TermCounts
from framing.comparison.positioning import POSITIONING_COLUMNS
from framing.corpus import Corpus, CorpusError, lee_path, load_corpus
from framing.measures.lexicon import Lexicon
from framing.text.document import Document
from framing.text.words import words

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.getbasetemp() / "framing-cache"
    monkeypatch.setenv("FRAMING_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def seed_vs_lee(seed_path):
    return compare(seed_path, "lee")


def lee_lines() -> list[str]:
    with open(lee_path(), encoding="utf-8") as stream:
        return [line.rstrip("\n") for line in stream]


# --------------------------------------------------------------------------- keyness by hand

# A tiny two-corpus example. Target: 10 tokens, reference: 20 tokens.
#   term       target a   reference b
#   gangs          4           2
#   kingpins       1           0
#   police         1          10
#   other          4           8
TARGET = pd.Series({"gangs": 4, "kingpins": 1, "police": 1, "other": 4})
REFERENCE = pd.Series({"gangs": 2, "police": 10, "other": 8})


@pytest.fixture(scope="module")
def tiny():
    return keyness(TARGET, REFERENCE, prior_size=30).set_index("term")


def test_g2_of_gangs_by_hand(tiny):
    # 2x2 table [[4, 2], [10 - 4, 20 - 2]] = [[4, 2], [6, 18]]; N = 30; row totals 6 and 24.
    # Expected: 6*10/30 = 2, 6*20/30 = 4, 24*10/30 = 8, 24*20/30 = 16.
    # G2 = 2 * (4 ln(4/2) + 2 ln(2/4) + 6 ln(6/8) + 18 ln(18/16)), term by term:
    #      4 ln 2 = 2.772589, 2 ln 0.5 = -1.386294, 6 ln 0.75 = -1.726092, 18 ln 1.125 = 2.120095
    #    = 2 * 1.780297 = 3.560593
    assert tiny.loc["gangs", "g2"] == pytest.approx(3.560593, abs=1e-6)
    assert tiny.loc["gangs", "g2"] == pytest.approx(
        stats.chi2_contingency([[4, 2], [6, 18]], lambda_="log-likelihood", correction=False).statistic
    )
    # p: upper tail of chi-square(1) = erfc(sqrt(G2 / 2)) = erfc(1.334278) = 0.059167
    assert tiny.loc["gangs", "p"] == pytest.approx(math.erfc(math.sqrt(3.560593 / 2)), rel=1e-6)
    assert tiny.loc["gangs", "p"] == pytest.approx(0.059167, abs=1e-6)


def test_g2_with_williams_correction_by_hand(tiny):
    # q = 1 + (N/R1 + N/R2 - 1) * (N/c + N/d - 1) / (6 N)
    #   = 1 + (30/6 + 30/24 - 1) * (30/10 + 30/20 - 1) / 180 = 1 + 5.25 * 3.5 / 180 = 1.1020833
    # G2 / q = 3.560593 / 1.1020833 = 3.230784
    assert tiny.loc["gangs", "g2_williams"] == pytest.approx(3.560593 / 1.1020833, abs=1e-6)
    assert tiny.loc["gangs", "g2_williams"] == pytest.approx(3.230784, abs=1e-6)


def test_chi_square_with_yates_correction_by_hand(tiny):
    # |O - E| = 2 in every cell; (2 - 0.5)^2 = 2.25; sum of 1/E = 1/2 + 1/4 + 1/8 + 1/16 = 0.9375
    # chi2 = 2.25 * 0.9375 = 2.109375
    assert tiny.loc["gangs", "chi2_yates"] == pytest.approx(2.109375)
    assert tiny.loc["gangs", "chi2_yates"] == pytest.approx(
        stats.chi2_contingency([[4, 2], [6, 18]], correction=True).statistic
    )


def test_log_ratio_by_hand(tiny):
    # gangs: log2((4/10) / (2/20)) = log2(0.4 / 0.1) = log2(4) = 2
    assert tiny.loc["gangs", "log_ratio"] == pytest.approx(2.0)
    # kingpins, absent from the reference: the zero becomes 0.5 (Hardie 2014):
    # log2((1/10) / (0.5/20)) = log2(0.1 / 0.025) = log2(4) = 2
    assert tiny.loc["kingpins", "log_ratio"] == pytest.approx(2.0)
    # police: log2((1/10) / (10/20)) = log2(0.2) = -2.321928
    assert tiny.loc["police", "log_ratio"] == pytest.approx(-2.321928, abs=1e-6)


def test_percent_diff_by_hand(tiny):
    # gangs: (0.4 - 0.1) / 0.1 * 100 = 300; police: (0.1 - 0.5) / 0.5 * 100 = -80
    assert tiny.loc["gangs", "pct_diff"] == pytest.approx(300.0)
    assert tiny.loc["police", "pct_diff"] == pytest.approx(-80.0)
    assert tiny.loc["kingpins", "pct_diff"] == np.inf


def test_fightin_words_by_hand(tiny):
    # prior_size alpha_0 = 30; gangs' prior alpha = 30 * (4 + 2) / 30 = 6
    # delta = ln((4 + 6) / (10 + 30 - 4 - 6)) - ln((2 + 6) / (20 + 30 - 2 - 6))
    #       = ln(10/30) - ln(8/42) = ln(1.75) = 0.559616
    # variance = 1/(4 + 6) + 1/(2 + 6) = 0.225; z = 0.559616 / sqrt(0.225) = 1.179774
    assert tiny.loc["gangs", "fw_log_odds"] == pytest.approx(math.log(1.75))
    assert tiny.loc["gangs", "fw_z"] == pytest.approx(1.179774, abs=1e-6)
    # police: alpha = 30 * 11 / 30 = 11
    # delta = ln(12 / (10 + 30 - 1 - 11)) - ln(21 / (20 + 30 - 10 - 11)) = ln(12/28) - ln(21/29)
    #       = -0.847298 - (-0.322773) = -0.524524
    # z = -0.524524 / sqrt(1/12 + 1/21) = -0.524524 / 0.361873 = -1.449469
    assert tiny.loc["police", "fw_log_odds"] == pytest.approx(-0.524524, abs=1e-6)
    assert tiny.loc["police", "fw_z"] == pytest.approx(-1.449469, abs=1e-6)


def test_benjamini_hochberg_by_hand(tiny):
    # BH over the 4 rows: sort p ascending, p_(i) * 4 / i, then the running minimum from the largest.
    p = tiny["p"].sort_values()
    scaled = p.to_numpy() * 4 / np.arange(1, 5)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1].clip(max=1)
    assert tiny.loc[p.index, "p_adjusted"].to_numpy() == pytest.approx(adjusted)


def test_signs_sort_order_rates_and_columns(tiny):
    table = keyness(TARGET, REFERENCE, prior_size=30)
    assert table.columns.tolist() == KEYNESS_COLUMNS
    assert table["g2"].is_monotonic_decreasing
    assert tiny.loc["gangs", "leaning"] == "target" and tiny.loc["police", "leaning"] == "reference"
    assert tiny.loc["police", "g2"] < 0 and tiny.loc["police", "chi2_yates"] < 0
    assert tiny.loc["gangs", "rate_target"] == pytest.approx(400.0)  # 4 of 10 tokens, per 1,000
    assert tiny.loc["gangs", "rate_reference"] == pytest.approx(100.0)


def test_min_freq_counts_target_and_reference_together():
    kept = keyness(TARGET, REFERENCE, min_freq=2)["term"].tolist()
    assert "kingpins" not in kept and {"gangs", "police", "other"} <= set(kept)


def test_corpora_built_from_text_give_the_hand_computed_values():
    target = Corpus(["gangs " * 4 + "kingpins police " + "other " * 4])
    reference = Corpus(["gangs gangs " + "police " * 10, "other " * 8])
    table = compare(target, reference, min_freq=1, prior_size=30).keyness.set_index("term")
    assert table.loc["gangs", "g2"] == pytest.approx(3.560593, abs=1e-6)
    assert table.loc["gangs", "fw_z"] == pytest.approx(1.179774, abs=1e-6)


# --------------------------------------------------------------------------- the seed article against Lee


def test_seed_article_key_words_against_lee(seed_vs_lee):
    table = seed_vs_lee.keyness
    top = table[table["leaning"] == "target"].head(10)["term"].tolist()
    assert "migrants" in top and "smuggling" in top
    assert "kingpins" not in table["term"].tolist()  # once in the article, never in Lee: under min_freq=2


def test_kingpins_is_article_leaning_with_min_freq_1(seed_path):
    table = compare(seed_path, "lee", min_freq=1).keyness.set_index("term")
    assert sum(line.lower().count("kingpin") for line in lee_lines()) == 0
    assert table.loc["kingpins", "n_target"] == 1 and table.loc["kingpins", "n_reference"] == 0
    assert table.loc["kingpins", "leaning"] == "target" and table.loc["kingpins", "g2"] > 0


def test_seed_counts_leave_the_trailer_out_and_match_the_engine(seed_vs_lee, seed_path, seed_text):
    table = seed_vs_lee.keyness.set_index("term")
    body = seed_text[: seed_text.index("You may also like")]
    assert table.loc["migrants", "n_target"] == len(re.findall(r"\bmigrants\b", body, re.IGNORECASE)) == 7
    lexicon = Lexicon.from_terms({"criminalisation": ["gangs"]})
    tokens = analyze(seed_path, lexicon=lexicon).tokens
    assert table.loc["migrants", "rate_target"] == pytest.approx(7 / tokens * 1000)


def test_ngram_keyness_includes_phrases(seed_path):
    table = compare(seed_path, "lee", ngram_range=(1, 3)).keyness.set_index("term")
    assert table.loc["illegal migrants", "ngram"] == 2 and table.loc["illegal migrants", "n_target"] == 3
    assert table.loc["night vision goggles", "ngram"] == 3
    assert table.loc["night vision goggles", "leaning"] == "target"


def test_wordfreq_reference_for_keyness_but_not_positioning(seed_path):
    comparison = compare(seed_path, "wordfreq-en")
    table = comparison.keyness
    assert "migrants" in table[table["leaning"] == "target"].head(10)["term"].tolist()
    with pytest.raises(CorpusError, match="not for document-level positioning"):
        _ = comparison.positioning
    with pytest.raises(CorpusError, match="single-word frequencies only"):
        _ = compare(seed_path, "wordfreq-en", ngram_range=(1, 2)).keyness


# --------------------------------------------------------------------------- positioning


def test_positioning_percentile_and_z_by_hand():
    reference = pd.DataFrame({"score": [1.0, 2.0, 2.0, 4.0, np.nan]})
    row = positioning_table(pd.Series({"score": 2.0}), reference, n_boot=500, seed=1).iloc[0]
    # 4 defined values: 1 below, 2 equal -> (1 + 0.5 * 2) / 4 = 50%
    assert row["percentile"] == 50.0 == stats.percentileofscore([1, 2, 2, 4], 2.0, kind="mean")
    # mean 2.25, sd (ddof=1) = sqrt(((1.25^2) + 2 * 0.25^2 + 1.75^2) / 3) = sqrt(4.75 / 3) = 1.258306
    assert row["reference_n"] == 4 and row["reference_mean"] == 2.25
    assert row["z"] == pytest.approx((2.0 - 2.25) / 1.258306, abs=1e-6)
    assert row["percentile_low"] <= row["percentile"] <= row["percentile_high"]


def test_positioning_bootstrap_is_seeded():
    rng = np.random.default_rng(7)
    reference = pd.DataFrame({"a": rng.normal(size=50), "b": rng.uniform(size=50)})
    article = pd.Series({"a": 0.3, "b": 0.9})
    first = positioning_table(article, reference, n_boot=300, seed=3)
    pd.testing.assert_frame_equal(first, positioning_table(article, reference, n_boot=300, seed=3))
    assert not first.equals(positioning_table(article, reference, n_boot=300, seed=4))
    assert first.columns.tolist() == POSITIONING_COLUMNS


@pytest.mark.parametrize("texts", [["", " "], ["\n\n"]])
def test_positioning_refuses_a_reference_without_words_as_keyness_does(texts):
    comparison = compare("Smugglers smuggle migrants.", Corpus(texts), min_freq=1)
    with pytest.raises(ValueError, match="keyness needs words on both sides: the reference has none"):
        _ = comparison.keyness
    with pytest.raises(ValueError, match="positioning needs words on both sides: the reference has none"):
        _ = comparison.positioning
    with pytest.raises(ValueError, match="positioning needs words on both sides: the reference has none"):
        positioning_table(pd.Series({"score": 1.0}), pd.DataFrame({"score": []}))


def test_seed_article_positioning_against_lee(seed_path):
    analysis = analyze(seed_path)
    comparison = compare(analysis, "lee", n_boot=300)
    table = comparison.positioning.set_index("score")
    scores = comparison.reference_scores
    assert len(scores) == 300 and scores.index[0] == "lee-001"
    expected = analysis.document_scores()
    assert table.index.tolist() == expected.index.tolist()
    loaded = scores["loaded_index"].to_numpy()
    article = expected["loaded_index"]
    assert table.loc["loaded_index", "article"] == article
    assert table.loc["loaded_index", "percentile"] == pytest.approx(
        stats.percentileofscore(loaded, article, kind="mean")
    )
    assert table.loc["loaded_index", "z"] == pytest.approx((article - loaded.mean()) / loaded.std(ddof=1))
    assert table.loc["loaded_index", "percentile"] > 90  # a loaded tabloid piece against ABC news
    # each reference document scored exactly as analyze() scores it on its own
    one = analyze(load_corpus("lee")[5]).document_scores()
    pd.testing.assert_series_equal(scores.iloc[5], one, check_names=False)


# --------------------------------------------------------------------------- KWIC and collocations


def test_kwic_finds_every_asylum_seekers_in_lee_with_exact_offsets():
    lee = load_corpus("lee")
    expected = []  # counted from the raw file with plain str.find, line by line
    for number, line in enumerate(lee_lines(), start=1):
        lower, position = line.lower(), line.lower().find("asylum seekers")
        while position >= 0:
            expected.append((f"lee-{number:03d}", position, position + len("asylum seekers")))
            position = lower.find("asylum seekers", position + 1)
    assert len(expected) == 19
    lines = kwic(lee, "asylum seekers", window=8)
    assert list(zip(lines["doc_id"], lines["start"], lines["end"], strict=True)) == expected
    texts = dict(zip(lee.doc_ids, lee.texts, strict=True))
    for row in lines.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.keyword
        text = texts[row.doc_id]
        assert len(words(row.left)) == min(8, len(words(text[: row.start])))
        assert len(words(row.right)) == min(8, len(words(text[row.end :])))


def test_kwic_context_globs_and_article_offsets(seed_text):
    lines = kwic(seed_text, "illegal migrants", window=3)
    assert len(lines) == 3 == len(re.findall("illegal migrants", seed_text, re.IGNORECASE))
    first = lines.iloc[0]
    assert first["left"] == "the number of" and first["right"] == "reaching northern France"
    migra = kwic(seed_text, "migra*", window=0)
    assert set(migra["keyword"].str.lower()) == {"migrants", "migration"}
    assert (migra["left"] == "").all()


def test_collocations_frequencies_and_pmi_by_hand():
    text = "Smuggling gangs kidnap migrants. Smuggling gangs exploit migrants. Criminal gangs flee."
    table = collocations(text, measure="pmi", min_freq=2).set_index("ngram")
    assert table.index.tolist() == ["smuggling gangs"]
    # 11 words (4 + 4 + 3); f(smuggling gangs) = 2, f(smuggling) = 2, f(gangs) = 3
    # PMI = log2(f(xy) * N / (f(x) * f(y))) = log2(2 * 11 / (2 * 3)) = log2(3.666667) = 1.874469
    assert table.loc["smuggling gangs", "freq"] == 2
    assert table.loc["smuggling gangs", "pmi"] == pytest.approx(1.874469, abs=1e-6)


def test_collocations_in_lee_sorted_by_likelihood_ratio_with_stop_words_out():
    table = collocations(load_corpus("lee"), min_freq=5, stop_words="english")
    assert table["likelihood_ratio"].is_monotonic_decreasing
    assert "asylum seekers" in table["ngram"].tolist()
    count = sum(line.lower().count("asylum seekers") for line in lee_lines())
    assert table.set_index("ngram").loc["asylum seekers", "freq"] == count
    assert not table["ngram"].str.match(r"(the|of|in) ").any()
    trigrams = collocations(load_corpus("lee"), n=3, min_freq=5)
    assert (trigrams["n"] == 3).all() and (trigrams["freq"] >= 5).all()


def test_kwic_never_crosses_a_paragraph_break_and_reads_through_odd_spacing():
    text = (
        "Police said the illegal\n\nmigrants arrived. Illegal\u00a0 migrants\nwait here.\n"
        "Illegal\nmigrants rest."
    )
    lines = kwic(text, "illegal migrants", window=2)
    # "illegal\n\nmigrants" is split by a blank line; "Illegal\u00a0 migrants" sits at 43-60 (counted by
    # hand) and its paragraph runs on over the wrap "migrants\nwait"; "Illegal\nmigrants" (72-88) is wrapped
    # and its paragraph starts with it, so it has no left context
    assert lines[["start", "end", "left", "keyword", "right"]].values.tolist() == [
        [43, 60, "migrants arrived.", "Illegal\u00a0 migrants", "wait here"],
        [72, 88, "", "Illegal\nmigrants", "rest"],  # context runs to the end of its last word
    ]


def test_kwic_context_stops_at_removed_boilerplate():
    text = "People smuggling [ADVERT] gangs operate"
    document = Document(text, excluded=((17, 25, "advert"),))  # "[ADVERT]" is text[17:25]
    assert kwic(document, "smuggling gangs").empty
    line = kwic(document, "gangs", window=2).iloc[0]
    assert (line["left"], line["keyword"], line["right"]) == ("", "gangs", "operate")


def test_collocations_stop_at_paragraph_breaks_but_not_at_line_wraps():
    text = "Smuggling gangs\nPolice act. Smuggling gangs\nPolice act"
    # runs: "Smuggling gangs" | "Police act. Smuggling gangs" | "Police act": bigrams smuggling gangs x2,
    # police act x2, act smuggling x1; "gangs police" would only come from joining paragraphs
    table = collocations(text, min_freq=1).set_index("ngram")["freq"].to_dict()
    assert table == {"smuggling gangs": 2, "police act": 2, "act smuggling": 1}
    wrapped = collocations("Smuggling\ngangs kidnap. Smuggling\ngangs flee.", min_freq=2)
    assert wrapped["ngram"].tolist() == ["smuggling gangs"]


def test_keyness_ngrams_of_an_article_stop_at_paragraphs_and_boilerplate(seed_path, seed_text):
    body = seed_text[: seed_text.index("You may also like")]
    expected = collections.Counter()  # adjacent words, paragraph (line) by paragraph
    for line in body.split("\n"):
        line_words = words(line)
        expected.update(f"{x} {y}" for x, y in zip(line_words, line_words[1:], strict=False))
    counts = TermCounts.of(seed_path).term_frequencies(2)
    assert counts.to_dict() == dict(expected)
    # the first paragraph ends "smuggling routes." and the second opens "At least 22,000"
    assert "routes at" not in counts.index
    assert "like keir" not in counts.index  # the trailer "You may also like / Keir Starmer ..." is cut
    table = compare(seed_path, "lee", ngram_range=(2, 2), min_freq=1).keyness.set_index("term")
    assert table.loc[table["n_target"] > 0, "n_target"].to_dict() == dict(expected)
    assert "routes at" not in table.index
    boiler = TermCounts.of("Gangs exploit migrants\nAdvertisement\nmigrants wait").term_frequencies(2)
    assert boiler.to_dict() == {"exploit migrants": 1, "gangs exploit": 1, "migrants wait": 1}


# --------------------------------------------------------------------------- groups


@pytest.fixture(scope="module")
def outlets():
    texts = [
        "Illegal migrants flood in, gangs smuggle migrants, a crackdown is vowed.",
        "Gangs of smugglers exploit migrants. Ministers vowed a crackdown on illegal crossings.",
        "The illegal migrants swarm the border while gangs profit.",
        "Asylum seekers arrived and were helped by volunteers.",
        "Refugees and asylum seekers describe their journey; volunteers help them.",
        "People seeking asylum wait in hostels; volunteers and charities help.",
    ]
    metadata = pd.DataFrame({"outlet": ["Tabloid"] * 3 + ["Broadsheet"] * 3, "n": range(6)})
    return Corpus(texts, metadata, name="outlets")


def test_each_group_against_the_rest_equals_a_direct_comparison(outlets):
    groups = compare_groups(outlets, by="outlet", min_freq=1, ngram_range=(1, 2))
    for group in ("Tabloid", "Broadsheet"):
        mine = outlets[outlets.metadata["outlet"] == group]
        other = outlets[outlets.metadata["outlet"] != group]
        direct = compare(mine, other, min_freq=1, ngram_range=(1, 2)).keyness
        from_groups = groups.keyness[groups.keyness["group"] == group].drop(columns="group")
        pd.testing.assert_frame_equal(from_groups.reset_index(drop=True), direct, check_dtype=False)
    tabloid = groups.keyness[groups.keyness["group"] == "Tabloid"]
    assert tabloid.iloc[0]["term"] in {"illegal", "gangs", "migrants"}


def test_group_scores_have_bootstrap_intervals(outlets):
    lexicon = Lexicon.from_terms({"criminalisation": ["gangs", "smugglers"], "water": ["flood", "swarm"]})
    groups = compare_groups(outlets, by="outlet", lexicon=lexicon, n_boot=200)
    scores = groups.scores.set_index(["group", "score"])
    tabloid = scores.loc[("Tabloid", "loaded_terms")]
    assert tabloid["n"] == 3
    per_doc = outlets.scores(lexicon)["loaded_terms"].iloc[:3]
    assert tabloid["mean"] == pytest.approx(per_doc.mean())
    assert tabloid["ci_low"] <= tabloid["mean"] <= tabloid["ci_high"]
    assert scores.loc[("Broadsheet", "loaded_terms"), "mean"] == 0


def test_group_errors_name_the_column(outlets):
    with pytest.raises(CorpusError, match="no metadata column 'paper'.*columns: doc_id, outlet, n"):
        compare_groups(outlets, by="paper")
    with pytest.raises(ValueError, match="at least two groups"):
        compare_groups(outlets, by=["one"] * 6)


# --------------------------------------------------------------------------- plots


def test_plots_draw(seed_vs_lee, outlets):
    ax = seed_vs_lee.plot_keyness(n=5)
    labels = [t.get_text().strip() for t in ax.texts]
    assert "migrants" in labels and len(labels) == 10
    ax = seed_vs_lee.plot_dispersion(["migrants", "kingpins"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["migrants", "kingpins"]
    assert len(ax.collections[0].get_offsets()) == 7  # "migrants", seven times in the article body
    comparison = compare(analyze(seed_vs_lee.document), load_corpus("lee")[:40], n_boot=100)
    ax = comparison.plot_positioning()
    # the chart names its rows in words; a row on fewer than 30 of the 40 documents (a target that few
    # of them name) says it is thin, a row on all 40 does not
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert "loaded-language index" in names and "loaded_index" not in names
    notes = [t.get_text() for t in ax.texts]
    counts = [int(re.search(r"n=(\d+)", note).group(1)) if "n=" in note else 40 for note in notes]
    assert [note.endswith("thin") for note in notes] == [n < 30 for n in counts]
    assert 40 in counts and any(n < 30 for n in counts)
    lexicon = Lexicon.from_terms({"criminalisation": ["gangs"]})
    axes = compare_groups(outlets, by="outlet", lexicon=lexicon, n_boot=50).plot_groups(
        scores=["loaded_rate"]
    )
    assert axes[0].get_title() == "loaded_rate"
    import matplotlib.pyplot as plt

    plt.close("all")


# --------------------------------------------------------------------------- the command line


def test_cli_compare_prints_keyness_and_refuses_positioning_on_wordfreq(seed_path, capsys):
    from framing.cli import main

    assert main(["compare", str(seed_path), "--format", "csv", "--top", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(",")[:4] == ["term", "ngram", "n_target", "n_reference"]
    assert out[1].startswith("migrants,1,7,0,")
    assert main(["compare", str(seed_path), "--reference", "wordfreq-en", "--table", "positioning"]) == 2
    assert "word-frequency list" in capsys.readouterr().err


def test_framing_compare_stays_callable_after_the_module_is_imported():
    import framing
    from framing.comparison import kwic  # the module is framing.comparison: no clash with the function

    assert callable(kwic) and isinstance(framing.compare("Gangs.", ["Police."]), framing.Comparison)


def test_an_empty_article_has_no_keyness(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.txt: empty article"):
        compare(empty, "lee")  # refused as it is read
    with pytest.raises(ValueError, match="keyness needs words on both sides: the target has none"):
        _ = compare("... !", "lee").keyness  # text, but not one word
