"""Group tests and effect sizes by hand and against scipy; trends per period counted by hand."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import framing
from framing.comparison import bootstrap_mean, compare_groups, positioning, trend
from framing.comparison.groups import TEST_COLUMNS
from framing.comparison.trends import TREND_COLUMNS
from framing.corpus import Corpus, CorpusError
from framing.measures.lexicon import Lexicon

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path_factory.getbasetemp() / "framing-cache"))


@pytest.fixture
def two_outlets():
    # three scores, outlet A against outlet B, three documents each, no ties: the exact
    # Mann-Whitney distribution applies (C(6,3) = 20 equally likely splits; the counts of
    # U = 0, 1, 2, ... are 1, 1, 2, 3, 3, 3, 3, 2, 1, 1)
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6)],
            "outlet": ["A", "A", "A", "B", "B", "B"],
            "s0": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],  # A below every B: U = 0
            "s1": [1.0, 2.0, 4.0, 3.0, 5.0, 6.0],  # one pair with A above (4 > 3): U = 1
            "s2": [1.0, 2.0, 5.0, 3.0, 4.0, 6.0],  # two pairs with A above (5 > 3, 5 > 4): U = 2
        }
    )


# --------------------------------------------------------------------------- compare_groups on a table


def test_two_groups_one_row_a_score_with_hand_computed_effects(two_outlets):
    tests = compare_groups(two_outlets, by="outlet").tests
    assert tests.columns.tolist() == TEST_COLUMNS
    # two groups: A against B once per score (B against A would repeat the same test)
    assert tests["group"].tolist() == ["A", "A", "A"]
    assert tests["score"].tolist() == ["s0", "s1", "s2"]
    assert tests["n_group"].tolist() == [3, 3, 3] and tests["n_rest"].tolist() == [3, 3, 3]
    row = tests.set_index("score").loc["s0"]
    assert row["mean_group"] == 2.0 and row["mean_rest"] == 5.0
    # Cliff's delta = (#pairs A > B - #pairs A < B) / (3 * 3): s0 (0 - 9) / 9 = -1,
    # s1 (1 - 8) / 9 = -7/9, s2 (2 - 7) / 9 = -5/9
    assert tests["cliffs_delta"].tolist() == pytest.approx([-1.0, -7 / 9, -5 / 9])
    # Cohen's d for s0: means 2 and 5, both variances 1 (ddof 1), pooled sd 1: (2 - 5) / 1 = -3
    assert row["cohens_d"] == pytest.approx(-3.0)
    # the exact two-sided p: 2 * P(U <= u) = 2 * (1) / 20, 2 * (1 + 1) / 20, 2 * (1 + 1 + 2) / 20
    assert tests["statistic"].tolist() == [0.0, 1.0, 2.0]
    assert tests["p"].tolist() == pytest.approx([0.1, 0.2, 0.4])
    # Benjamini-Hochberg, m = 3: sorted p 0.1, 0.2, 0.4 -> 0.4 * 3/3 = 0.4; min(0.4, 0.2 * 3/2 = 0.3) = 0.3;
    # min(0.3, 0.1 * 3/1 = 0.3) = 0.3
    assert tests["p_adjusted"].tolist() == pytest.approx([0.3, 0.3, 0.4])


def test_mann_whitney_matches_scipy_called_directly(two_outlets):
    tests = compare_groups(two_outlets, by="outlet").tests.set_index("score")
    for score in ("s0", "s1", "s2"):
        a = two_outlets.loc[two_outlets["outlet"] == "A", score].to_numpy()
        b = two_outlets.loc[two_outlets["outlet"] == "B", score].to_numpy()
        reference = stats.mannwhitneyu(a, b, alternative="two-sided")
        assert tests.loc[score, "statistic"] == reference.statistic
        assert tests.loc[score, "p"] == pytest.approx(reference.pvalue, rel=1e-12)


def test_ties_count_half_in_cliffs_delta():
    # A [1, 2, 2] vs B [2, 3]: pairs 1<2, 1<3, 2=2, 2<3, 2=2, 2<3 -> 0 above, 4 below, 2 ties:
    # delta = (0 - 4) / 6 = -2/3
    table = pd.DataFrame({"outlet": ["A"] * 3 + ["B"] * 2, "score": [1, 2, 2, 2, 3]})
    row = compare_groups(table, by="outlet").tests.iloc[0]
    assert row["cliffs_delta"] == pytest.approx(-2 / 3)
    reference = stats.mannwhitneyu([1, 2, 2], [2, 3], alternative="two-sided")
    assert row["p"] == pytest.approx(reference.pvalue, rel=1e-12)


def test_three_groups_each_against_the_rest_and_bh_across_all_rows():
    rng = np.random.default_rng(7)
    outlet = np.repeat(["A", "B", "C"], [12, 15, 10])
    table = pd.DataFrame(
        {
            "outlet": outlet,
            "x": np.round(rng.normal(size=37) + (outlet == "A") * 1.5, 1),  # rounded: ties
            "y": rng.normal(size=37) - (outlet == "C") * 1.0,
        }
    )
    tests = compare_groups(table, by="outlet").tests
    assert list(zip(tests["score"], tests["group"], strict=True)) == [
        ("x", "A"),
        ("x", "B"),
        ("x", "C"),
        ("y", "A"),
        ("y", "B"),
        ("y", "C"),
    ]
    for row in tests.itertuples():
        mine = table.loc[table["outlet"] == row.group, row.score].to_numpy()
        rest = table.loc[table["outlet"] != row.group, row.score].to_numpy()
        assert (row.n_group, row.n_rest) == (len(mine), len(rest))
        assert row.p == pytest.approx(stats.mannwhitneyu(mine, rest, alternative="two-sided").pvalue)
        assert row.mean_rest == pytest.approx(rest.mean())
        # Cliff's delta pair by pair: the mean sign of (group value - other value)
        assert row.cliffs_delta == pytest.approx(np.sign(mine[:, None] - rest[None, :]).mean())
    # Benjamini-Hochberg over the six rows: p_(i) * m / i, then the running minimum from the top
    p = tests["p"].to_numpy()
    order = np.argsort(p)
    stepped = p[order] * 6 / np.arange(1, 7)
    expected = np.empty(6)
    expected[order] = np.minimum(np.minimum.accumulate(stepped[::-1])[::-1], 1)
    assert tests["p_adjusted"].to_numpy() == pytest.approx(expected)
    assert tests.set_index(["score", "group"]).loc[("x", "A"), "cliffs_delta"] > 0.5


def test_permutation_test_is_exact_when_the_splits_are_few_and_seeded_otherwise(two_outlets):
    tests = compare_groups(two_outlets, by="outlet", test="permutation").tests.set_index("score")
    # s0: the observed difference of means 2 - 5 = -3 is the most extreme of the 20 splits; two-sided,
    # |difference| >= 3 happens in 2 of them: p = 2/20
    assert tests.loc["s0", "statistic"] == pytest.approx(-3.0)
    assert tests.loc["s0", "p"] == pytest.approx(0.1)
    assert tests.attrs["test"] == "permutation"
    rng = np.random.default_rng(3)
    table = pd.DataFrame({"outlet": np.repeat(["A", "B"], 30), "x": rng.normal(size=60)})
    first = compare_groups(table, by="outlet", test="permutation", n_permutations=500, seed=5).tests
    again = compare_groups(table, by="outlet", test="permutation", n_permutations=500, seed=5).tests
    assert first["p"].iloc[0] == again["p"].iloc[0]
    a, b = table["x"].to_numpy()[:30], table["x"].to_numpy()[30:]
    reference = stats.permutation_test(
        (a, b),
        lambda x, y, axis: x.mean(axis=axis) - y.mean(axis=axis),
        n_resamples=500,
        vectorized=True,
        rng=np.random.default_rng(5),
    )
    assert first["p"].iloc[0] == pytest.approx(reference.pvalue)


def test_missing_values_are_left_out_of_their_score():
    table = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "B", "B", None],
            "score": [1.0, np.nan, 3.0, 4.0, 6.0, 100.0],  # the unlabelled document is left out too
        }
    )
    row = compare_groups(table, by="outlet").tests.iloc[0]
    assert (row["n_group"], row["n_rest"]) == (2, 2)
    assert (row["mean_group"], row["mean_rest"]) == (2.0, 5.0)
    assert row["cliffs_delta"] == -1.0


def test_a_table_with_a_doc_id_index_and_default_score_columns():
    table = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "published": pd.to_datetime(["2024-01-01"] * 4),
            "flag": [True, False, True, False],
            "note": ["x"] * 4,
            "loaded_index": [1.0, 2.0, 3.0, 4.0],
            "tokens": [10, 20, 30, 40],
        },
        index=pd.Index(["a", "b", "c", "d"], name="doc_id"),
    )
    groups = compare_groups(table, by="outlet")
    # numbers are scores; the group, the date, flags and text are not
    assert groups.tests["score"].tolist() == ["loaded_index", "tokens"]
    assert groups.document_scores.index.tolist() == ["a", "b", "c", "d"]
    chosen = compare_groups(table, by="outlet", columns=["tokens"])
    assert chosen.tests["score"].tolist() == ["tokens"]
    scores = groups.scores.set_index(["group", "score"])
    assert scores.loc[("B", "tokens"), "mean"] == 35.0
    with pytest.raises(KeyError, match="no score column 'loaded_rate'"):
        compare_groups(table, by="outlet", columns=["loaded_rate"])


def test_a_table_has_no_keyness_and_errors_name_what_is_wrong(two_outlets):
    groups = compare_groups(two_outlets, by="outlet")
    with pytest.raises(TypeError, match="keyness needs the texts"):
        groups.top_terms()
    with pytest.raises(CorpusError, match="no metadata column 'paper'.*columns: doc_id, outlet, s0"):
        compare_groups(two_outlets, by="paper")
    with pytest.raises(ValueError, match="test must be one of mannwhitney, permutation"):
        compare_groups(two_outlets, by="outlet", test="t")
    with pytest.raises(ValueError, match="at least two groups"):
        compare_groups(two_outlets[two_outlets["outlet"] == "A"], by="outlet")


def test_a_corpus_and_its_scored_table_give_the_same_tests():
    corpus = Corpus(
        [
            "Illegal migrants flood in, gangs smuggle migrants.",
            "Gangs of smugglers exploit migrants and gangs profit.",
            "The illegal migrants swarm the border.",
            "Asylum seekers arrived and were helped by volunteers.",
            "Refugees describe their journey; volunteers help them.",
            "People seeking asylum wait in hostels.",
        ],
        pd.DataFrame({"outlet": ["Tabloid"] * 3 + ["Broadsheet"] * 3}),
    )
    lexicon = Lexicon.from_terms({"criminalisation": ["gangs", "smugglers"], "water": ["flood", "swarm"]})
    from_corpus = compare_groups(corpus, by="outlet", lexicon=lexicon, n_boot=50)
    scored = corpus.scores(lexicon)
    table = scored.reset_index().assign(outlet=corpus.metadata["outlet"].to_numpy())
    from_table = compare_groups(table, by="outlet", n_boot=50)
    pd.testing.assert_frame_equal(from_corpus.tests, from_table.tests)
    row = from_corpus.tests.set_index("score").loc["loaded_terms"]
    # the group is Broadsheet (sorted first): its documents have no loaded terms, all Tabloid ones do
    assert row["group"] == "Broadsheet" and row["cliffs_delta"] == -1.0
    tabloid = scored["loaded_terms"].to_numpy()[:3]
    assert row["p"] == pytest.approx(stats.mannwhitneyu([0, 0, 0], tabloid).pvalue)
    assert not from_corpus.keyness.empty  # a corpus keeps its keyness


# --------------------------------------------------------------------------- trends


@pytest.fixture
def dated():
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(7)],
            "published": [
                "2024-01-03",
                "2024-01-28",
                "2024-02-10",
                "2024-04-01",
                "2024-01-15",
                "2024-02-01",
                "2024-02-29",
            ],
            "outlet": ["A", "A", "A", "A", "B", "B", "B"],
            "loaded_index": [1.0, 3.0, 2.0, 8.0, 5.0, 4.0, 6.0],
            "vader_compound": [0.1, 0.2, np.nan, 0.4, -0.5, -0.1, -0.3],
        }
    )


def test_trend_counts_and_means_per_month_by_hand(dated):
    result = trend(dated, date="published", freq="M", by="outlet", n_boot=500)
    table = result.table
    assert table.columns.tolist() == TREND_COLUMNS
    assert pd.api.types.is_datetime64_dtype(table["period"])
    loaded = table[table["score"] == "loaded_index"].set_index(["group", "period"])
    # A: January d0, d1; February d2; March none; April d3. B: January d4; February d5, d6.
    months = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"])
    assert loaded.loc["A"].reindex(months)["n"].tolist() == [2, 1, 0, 1]
    assert loaded.loc["B"].reindex(months)["n"].tolist() == [1, 2, 0, 0]
    assert loaded.loc[("A", months[0]), "mean"] == 2.0  # (1 + 3) / 2
    assert loaded.loc[("B", months[1]), "mean"] == 5.0  # (4 + 6) / 2
    assert np.isnan(loaded.loc[("A", months[2]), "mean"])
    # d2 has no VADER value: A's February has no document for it
    vader = table[table["score"] == "vader_compound"].set_index(["group", "period"])
    assert vader.loc[("A", months[1]), "n"] == 0
    assert len(table) == 4 * 2 * 2  # every month for every group and score
    with_documents = table[table["n"] > 1]
    assert (
        (with_documents["ci_low"] <= with_documents["mean"])
        & (with_documents["mean"] <= with_documents["ci_high"])
    ).all()
    assert (with_documents["ci_low"] < with_documents["ci_high"]).all()
    single = loaded.loc[("A", months[3])]
    assert (single["ci_low"], single["mean"], single["ci_high"]) == (8.0, 8.0, 8.0)


def test_trend_quarters_one_group_and_datetimes_as_given(dated):
    dated = dated.assign(published=pd.to_datetime(dated["published"]))
    table = trend(dated, freq="Q", by=None, columns=["loaded_index"], n_boot=100).table
    # Q1: the six documents of January to March; Q2: d3 (1 April)
    assert table["period"].tolist() == list(pd.to_datetime(["2024-01-01", "2024-04-01"]))
    assert table["group"].tolist() == ["all", "all"] and table["n"].tolist() == [6, 1]
    assert table["mean"].iloc[0] == pytest.approx((1 + 3 + 2 + 5 + 4 + 6) / 6)


def test_trend_dates_parse_in_any_format_missing_ones_are_left_out(dated):
    dated = dated.copy()
    dated.loc[1, "published"] = "28 January 2024"
    dated.loc[2, "published"] = None
    dated.loc[6, "published"] = "2024-02-29T23:30:00-05:00"  # 1 March in UTC
    table = trend(dated, columns=["loaded_index"], n_boot=50).table.set_index(["group", "period"])
    months = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"])
    assert table.loc["A"].reindex(months)["n"].tolist() == [2, 0, 0]
    assert table.loc["B"].reindex(months)["n"].tolist() == [1, 1, 1]


def test_trend_refuses_a_bad_date_naming_column_and_row(dated):
    dated = dated.copy()
    dated.loc[4, "published"] = "last Tuesday"
    with pytest.raises(ValueError, match=r"column 'published', row 5 \(doc_id 'd4'\): 'last Tuesday'"):
        trend(dated)
    with pytest.raises(ValueError, match="column 'year' holds numbers"):
        trend(dated.assign(year=2024), date="year")
    with pytest.raises(CorpusError, match="no date column 'date'"):
        trend(dated, date="date")
    with pytest.raises(CorpusError, match="no metadata column 'paper'"):
        trend(dated.assign(published="2024-01-01"), by="paper")


def test_trend_of_a_corpus_and_the_plot(tmp_path):
    corpus = Corpus(
        ["Gangs smuggle migrants.", "Gangs and gangs.", "Volunteers help.", "Migrants wait."],
        pd.DataFrame(
            {
                "outlet": ["A", "B", "A", "B"],
                "published": ["2024-01-02", "2024-01-09", "2024-02-01", "2024-03-05"],
            }
        ),
    )
    lexicon = Lexicon.from_terms({"criminalisation": ["gangs"]})
    result = framing.trend(corpus, lexicon=lexicon, columns=["loaded_terms"], n_boot=50)
    table = result.table.set_index(["group", "period"])
    assert table.loc[("B", pd.Timestamp("2024-01-01")), "mean"] == 2.0  # "Gangs and gangs."
    assert table.loc[("A", pd.Timestamp("2024-03-01")), "n"] == 0
    ax = result.plot()
    assert [line.get_label() for line in ax.get_lines()] == ["A", "B"]
    assert ax.get_ylabel() == "loaded_terms"
    assert len(ax.collections) == 2  # one interval band a group
    assert ax.get_legend().get_title().get_text() == "outlet"
    with pytest.raises(ValueError, match="no trend of 'vader_compound'"):
        result.plot(score="vader_compound")
    import matplotlib.pyplot as plt

    plt.close("all")


# --------------------------------------------------------------------------- bootstrap intervals


def plain_bootstrap(values, n_boot: int, seed: int) -> tuple[float, float, float]:
    """The textbook loop: one resample after another from the defined values, same generator and seed."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    rng = np.random.default_rng(seed)
    means = [values[rng.integers(0, len(values), size=len(values))].mean() for _ in range(n_boot)]
    low, high = np.percentile(means, [2.5, 97.5])
    return values.mean(), low, high


@pytest.mark.parametrize("draws_at_once", [2_000_000, 7, 1])
def test_bootstrap_mean_is_the_plain_loop_whatever_the_block_of_draws(monkeypatch, draws_at_once):
    monkeypatch.setattr(positioning, "DRAWS_AT_ONCE", draws_at_once)
    values = np.random.default_rng(11).gamma(2.0, size=101)
    values[[3, 50]] = np.nan
    expected = plain_bootstrap(values, 300, 4)
    assert bootstrap_mean(values, n_boot=300, seed=4) == pytest.approx(expected, rel=1e-12)


def test_bootstrap_mean_of_a_table_resamples_each_column_as_alone():
    rng = np.random.default_rng(2)
    table = rng.normal(size=(60, 4))
    table[:, 1] = 3 * table[:, 0] + 1  # same rows as column 0: the same resamples, so the same affine map
    table[rng.choice(60, 20, replace=False), 2] = np.nan
    table[:, 3] = np.nan
    means, lows, highs = bootstrap_mean(table, n_boot=250, seed=9)
    for j in range(3):
        assert (means[j], lows[j], highs[j]) == pytest.approx(plain_bootstrap(table[:, j], 250, 9), rel=1e-12)
    assert (lows[1], highs[1]) == pytest.approx((3 * lows[0] + 1, 3 * highs[0] + 1), rel=1e-12)
    assert np.isnan([means[3], lows[3], highs[3]]).all()  # no defined value


def test_bootstrap_mean_memory_is_bounded_by_the_block_of_draws(monkeypatch):
    import tracemalloc

    monkeypatch.setattr(positioning, "DRAWS_AT_ONCE", 20_000)
    values = np.random.default_rng(0).normal(size=(20_000, 3))
    tracemalloc.start()
    try:
        bootstrap_mean(values, n_boot=1000, seed=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # all the resamples at once would be 1000 x 20,000 indices (160 MB); a block is 20,000 (160 kB)
    assert peak < 4_000_000


def test_bootstrap_interval_covers_the_mean_as_theory_says():
    # the mean of n normal values has sd 1 / sqrt(n): the 95% interval is about +-1.96 / sqrt(n) wide
    values = np.random.default_rng(5).normal(size=400)
    mean, low, high = bootstrap_mean(values, n_boot=2000, seed=1)
    half_width = 1.96 * values.std(ddof=1) / np.sqrt(len(values))
    assert (high - low) / 2 == pytest.approx(half_width, rel=0.1)
    assert low < mean < high


def test_a_table_of_score_corpus_compares_only_its_marked_scores():
    table = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "outlet": ["A", "A", "B", "B"],
            "line": [1, 2, 3, 4],  # numeric metadata: not a score
            "loaded_index": [1.0, 2.0, 3.0, 4.0],
            "error": ["", "", "", ""],
        }
    )
    assert compare_groups(table, by="outlet").tests["score"].tolist() == ["line", "loaded_index"]
    table.attrs["scores"] = ["loaded_index"]
    assert compare_groups(table, by="outlet").tests["score"].tolist() == ["loaded_index"]
    dated = table.assign(published=["2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02"])
    assert trend(dated, by="outlet", n_boot=50).table["score"].unique().tolist() == ["loaded_index"]
