"""Groups of documents (outlets, periods) each against the rest: tests, effect sizes, keyness, scores.

:func:`compare_groups` takes a :class:`~framing.corpus.Corpus` (scored with
:meth:`~framing.corpus.Corpus.scores`, and its texts give keyness) or a table
of document scores already made (one row a document, as ``score_corpus``
returns: ``doc_id``, metadata such as ``outlet``, one column a score).

Examples
--------
>>> from framing.corpus import Corpus
>>> corpus = Corpus(["Gangs gangs.", "Police police."], pd.DataFrame({"outlet": ["A", "B"]}))
>>> compare_groups(corpus, by="outlet", min_freq=1).groups
['A', 'B']
>>> table = pd.DataFrame({"outlet": ["A"] * 3 + ["B"] * 3, "loaded_index": [1, 2, 3, 4, 5, 6]})
>>> compare_groups(table, by="outlet").tests[["group", "n_group", "n_rest", "cliffs_delta"]].values.tolist()
[['A', 3, 3, -1.0]]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from framing.comparison.keyness import PRIOR_SIZE, keyness_table
from framing.comparison.positioning import bootstrap_mean
from framing.corpus import Corpus, CorpusError, load_corpus

#: Columns of :attr:`GroupComparison.tests`, in order.
TEST_COLUMNS = [
    "score",
    "group",
    "n_group",
    "n_rest",
    "mean_group",
    "mean_rest",
    "statistic",
    "p",
    "p_adjusted",
    "cliffs_delta",
    "cohens_d",
]

#: The tests :func:`compare_groups` offers (the first is the default).
TESTS = ("mannwhitney", "permutation")


class GroupComparison:
    """Each group of documents against the rest: tests, keyness, scores (see :func:`compare_groups`)."""

    def __init__(self, data: Corpus | pd.DataFrame, labels: pd.Series, columns=None, **parameters) -> None:
        self.corpus = data if isinstance(data, Corpus) else None
        self.data = data
        self.labels = labels
        self.columns = None if columns is None else list(columns)
        self.parameters = parameters
        self.groups = sorted(labels.dropna().unique().tolist(), key=str)
        self.name = self.corpus.name if self.corpus is not None else "table of scores"

    def __repr__(self) -> str:
        return f"<GroupComparison of {self.name!r} by {self.labels.name!r}: {len(self.groups)} groups>"

    def _group_counts(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        dtm = self.corpus.document_term_matrix(n)
        codes = pd.Categorical(self.labels, categories=self.groups).codes
        rows = np.flatnonzero(codes >= 0)
        import scipy.sparse as sp

        indicator = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.int64), (codes[rows], rows)), shape=(len(self.groups), len(codes))
        )
        return np.asarray((indicator @ dtm.matrix).todense(), dtype=np.int64), dtm.terms

    @functools.cached_property
    def keyness(self) -> pd.DataFrame:
        """Keyness of each group against all the other groups' documents (a ``group`` column first)."""
        if self.corpus is None:
            raise TypeError(
                "keyness needs the texts: compare_groups was given a table of scores; "
                "give it the Corpus (framing.load_corpus(...)) to compare the groups' words"
            )
        p = self.parameters
        low, high = p["ngram_range"]
        counts = {n: self._group_counts(n) for n in range(low, high + 1)}
        tables = []
        for g, group in enumerate(self.groups):
            target = _Counted({n: (m[g], terms) for n, (m, terms) in counts.items()})
            rest = _Counted({n: (m.sum(axis=0) - m[g], terms) for n, (m, terms) in counts.items()})
            table = keyness_table(
                target, rest, ngram_range=p["ngram_range"], min_freq=p["min_freq"], prior_size=p["prior_size"]
            )
            table.insert(0, "group", group)
            tables.append(table)
        return pd.concat(tables, ignore_index=True)

    @functools.cached_property
    def document_scores(self) -> pd.DataFrame:
        """Every labelled document's scores with its group (one row a document, a ``group`` column first)."""
        exclude = [self.labels.name] if isinstance(self.data, pd.DataFrame) else []
        table, columns = score_table(
            self.data, lexicon=self.parameters["lexicon"], columns=self.columns, exclude=exclude
        )
        scores = table.set_index("doc_id")[columns] if "doc_id" in table.columns else table[columns]
        scores.insert(0, "group", self.labels.to_numpy())
        return scores[scores["group"].notna()]

    @functools.cached_property
    def scores(self) -> pd.DataFrame:
        """Per group and score: documents, mean and bootstrap 95% interval of the mean."""
        frame = self.document_scores
        p = self.parameters
        scores = list(frame.columns[1:])
        rows = []
        for group in self.groups:
            chosen = frame.loc[frame["group"] == group, scores].to_numpy(dtype=float)
            counts = np.count_nonzero(~np.isnan(chosen), axis=0)
            means, lows, highs = bootstrap_mean(chosen, n_boot=p["n_boot"], seed=p["seed"])
            rows.extend(zip([group] * len(scores), scores, counts.tolist(), means, lows, highs, strict=True))
        return pd.DataFrame(rows, columns=["group", "score", "n", "mean", "ci_low", "ci_high"])

    @functools.cached_property
    def tests(self) -> pd.DataFrame:
        """Per score and group: a two-sided test of the group against the rest, effect sizes, BH-adjusted p.

        Each group is set against all the other labelled documents; with
        exactly two groups that is the other group, and only the first
        group's row is kept (the second's is its mirror image: the same p,
        the opposite effect), so every test is counted once. ``statistic``
        is the Mann-Whitney U of the group (``test="mannwhitney"``) or the
        difference of means, group minus rest (``test="permutation"``).
        ``cliffs_delta`` is P(group > rest) - P(group < rest) over all pairs
        of documents, from -1 (every group document below every other) to 1;
        ``cohens_d`` is (mean_group - mean_rest) over the pooled standard
        deviation (``ddof=1``): positive when the group scores higher.
        ``p_adjusted`` is Benjamini-Hochberg across every row of the table
        (all scores and groups). A document without a value for a score (NaN)
        is left out of that score; a comparison with no document on one side
        has no test (NaN).
        """
        frame = self.document_scores
        p = self.parameters
        labels = frame["group"].to_numpy()
        if len(self.groups) == 2:
            contrasts = [(self.groups[0], labels == self.groups[0])]
        else:
            contrasts = [(group, labels == group) for group in self.groups]
        rows = []
        for score in frame.columns[1:]:
            values = frame[score].to_numpy(dtype=float)
            valid = ~np.isnan(values)
            ranks = stats.rankdata(values[valid])  # one ranking serves every group's Cliff's delta
            for group, chosen in contrasts:
                x, y = values[chosen & valid], values[~chosen & valid]
                statistic, p_value = _test(x, y, p["test"], p["n_permutations"], p["seed"])
                rows.append(
                    (
                        score,
                        group,
                        len(x),
                        len(y),
                        x.mean() if len(x) else np.nan,
                        y.mean() if len(y) else np.nan,
                        statistic,
                        p_value,
                        np.nan,
                        _cliffs_delta(ranks[chosen[valid]].sum(), len(x), len(y)),
                        _cohens_d(x, y),
                    )
                )
        table = pd.DataFrame(rows, columns=TEST_COLUMNS).astype({"n_group": np.int64, "n_rest": np.int64})
        table["p_adjusted"] = _benjamini_hochberg(table["p"].to_numpy())
        table.attrs["test"] = p["test"]
        return table

    def top_terms(self, n: int = 10, measure: str = "g2") -> pd.DataFrame:
        """The ``n`` most group-leaning terms of each group, by ``measure``."""
        table = self.keyness[self.keyness["leaning"] == "target"]
        tops = [
            table[table["group"] == group].sort_values(measure, ascending=False, kind="mergesort").head(n)
            for group in self.groups
        ]
        return pd.concat(tops, ignore_index=True)

    def plot_groups(self, scores=None, ax=None):
        """Group means with 95% intervals, side by side, one panel a score."""
        from framing.views.comparison_plots import group_scores

        return group_scores(self.scores, scores=scores, by=self.labels.name, ax=ax)

    def plot_keyness(self, n: int = 10, measure: str = "g2"):
        """Each group's most group-leaning terms, one panel a group."""
        from framing.views.comparison_plots import group_keyness

        return group_keyness(self.keyness, n=n, measure=measure)


@dataclass
class _Counted:
    """Term counts per n-gram order as ``{n: (counts, terms)}``, with a corpus's counting interface."""

    counts: dict

    def term_frequencies(self, n: int = 1) -> pd.Series:
        values, terms = self.counts[n]
        series = pd.Series(np.asarray(values, dtype=np.int64), index=pd.Index(terms, name="term"))
        return series[series > 0]

    def total_terms(self, n: int = 1) -> int:
        return int(np.asarray(self.counts[n][0]).sum())


def _test(x: np.ndarray, y: np.ndarray, test: str, n_permutations: int, seed: int) -> tuple[float, float]:
    """The statistic and two-sided p of ``x`` against ``y`` (NaN when a side is empty)."""
    if not len(x) or not len(y):
        return np.nan, np.nan
    if test == "mannwhitney":
        result = stats.mannwhitneyu(x, y, alternative="two-sided")
    else:
        result = stats.permutation_test(
            (x, y),
            _mean_difference,
            permutation_type="independent",
            vectorized=True,
            n_resamples=n_permutations,
            batch=max(1, min(n_permutations, 4_000_000 // (len(x) + len(y)))),  # bounded memory
            alternative="two-sided",
            rng=np.random.default_rng(seed),
        )
    return float(result.statistic), float(result.pvalue)


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return x.mean(axis=axis) - y.mean(axis=axis)


def _cliffs_delta(rank_sum: float, n_x: int, n_y: int) -> float:
    """P(x > y) - P(x < y) over all pairs, from the sum of x's ranks among x and y pooled (ties averaged).

    ``U = rank_sum - n_x (n_x + 1) / 2`` counts the pairs with x above (a tie counts half),
    so the delta is ``2 U / (n_x n_y) - 1``.
    """
    if not n_x or not n_y:
        return np.nan
    u = rank_sum - n_x * (n_x + 1) / 2
    return float(2 * u / (n_x * n_y) - 1)


def _cohens_d(x: np.ndarray, y: np.ndarray) -> float:
    """(mean x - mean y) / pooled sd (``ddof=1``); NaN when undefined (fewer than 3 values, no spread)."""
    n_x, n_y = len(x), len(y)
    if not n_x or not n_y or n_x + n_y < 3:
        return np.nan
    squares = ((x - x.mean()) ** 2).sum() + ((y - y.mean()) ** 2).sum()
    pooled = np.sqrt(squares / (n_x + n_y - 2))
    return float((x.mean() - y.mean()) / pooled) if pooled > 0 else np.nan


def _benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p over the defined ``p`` (NaN stays NaN and is not counted)."""
    adjusted = np.full(len(p), np.nan)
    defined = ~np.isnan(p)
    if defined.any():
        adjusted[defined] = stats.false_discovery_control(p[defined], method="bh")
    return adjusted


def score_table(
    data: Corpus | pd.DataFrame, *, lexicon=None, columns=None, exclude=()
) -> tuple[pd.DataFrame, list[str]]:
    """One row a document with its metadata and scores, and the names of the score columns.

    Parameters
    ----------
    data : Corpus or DataFrame
        A corpus (scored with :meth:`~framing.corpus.Corpus.scores` and ``lexicon``,
        its metadata alongside) or a table already scored, one row a document
        (a ``doc_id`` index becomes a column).
    columns : sequence of str, optional
        The scores to keep. Default: every score of a corpus; the columns a
        table's ``attrs["scores"]`` names (as :func:`framing.score_corpus` marks
        them), else every numeric (not boolean) column; never ``doc_id`` nor ``exclude``.
    exclude : sequence of str
        Columns of a table that are not scores (the group, the date).

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": ["a", "b"], "year": [2001, 2002], "loaded_index": [0.5, 1.0]})
    >>> score_table(table, exclude=["year"])[1]
    ['loaded_index']
    >>> table.attrs["scores"] = ["loaded_index"]  # what score_corpus marks: "year" is not a score
    >>> score_table(table)[1]
    ['loaded_index']
    """
    if isinstance(data, Corpus):
        scores = data.scores(lexicon).reset_index(drop=True)
        metadata = data.metadata.reset_index(drop=True)
        table = pd.concat([metadata.drop(columns=[c for c in scores if c in metadata]), scores], axis=1)
        available, default = list(table.columns), list(scores.columns)
    else:
        table = data.reset_index() if data.index.name == "doc_id" else data.reset_index(drop=True)
        available = list(table.columns)
        marked = data.attrs.get("scores")  # score_corpus names its score columns
        default = [
            c
            for c in available
            if c != "doc_id"
            and c not in exclude
            and (
                c in marked
                if marked is not None
                else pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
            )
        ]
    if columns is None:
        columns = default
    else:
        columns = [columns] if isinstance(columns, str) else list(columns)
        missing = [c for c in columns if c not in available]
        if missing:
            raise KeyError(f"no score column {missing[0]!r} (columns: {', '.join(map(str, available))})")
    if not columns:
        raise ValueError(f"no numeric score columns to compare (columns: {', '.join(map(str, available))})")
    return table, columns


def group_labels(data: Corpus | pd.DataFrame, by, name: str) -> pd.Series:
    """One group label a document: a metadata column named by ``by``, or ``by`` itself.

    Examples
    --------
    >>> group_labels(pd.DataFrame({"outlet": ["A", "B"]}), "outlet", "table").tolist()
    ['A', 'B']
    """
    table = data.metadata if isinstance(data, Corpus) else data
    if isinstance(by, str):
        if by not in table.columns:
            columns = ", ".join(map(str, table.columns))
            raise CorpusError(f"{name}: no metadata column {by!r} to group by (columns: {columns})")
        labels = table[by]
    else:
        labels = pd.Series(list(by), name=getattr(by, "name", None) or "group")
        if len(labels) != len(table):
            raise ValueError(f"{len(labels)} group labels for {len(table)} documents")
    return labels.reset_index(drop=True)


def compare_groups(
    data,
    by: str | pd.Series | list = "outlet",
    *,
    columns=None,
    test: str = "mannwhitney",
    n_permutations: int = 9999,
    lexicon=None,
    ngram_range: tuple[int, int] = (1, 1),
    min_freq: int = 2,
    prior_size: float = PRIOR_SIZE,
    n_boot: int = 2000,
    seed: int = 0,
) -> GroupComparison:
    """Compare each group of documents with the rest: the classic design of framing studies.

    Parameters
    ----------
    data : Corpus, DataFrame, or anything :func:`framing.load_corpus` loads
        A corpus, or a table of document scores (one row a document, as
        ``score_corpus`` returns), which gives tests and scores but no keyness.
    by : str or sequence
        A metadata column (``"outlet"``, a before/after column ...) or one
        label a document. Documents without a label are left out.
    columns : sequence of str, optional
        The scores to compare (see :func:`score_table`); they are also the
        family of Benjamini-Hochberg's correction.
    test : {"mannwhitney", "permutation"}
        Mann-Whitney U (``scipy.stats.mannwhitneyu``, two-sided), or a
        two-sided permutation test of the difference of means
        (``scipy.stats.permutation_test``, ``n_permutations`` resamples seeded by ``seed``).
    lexicon, ngram_range, min_freq, prior_size, n_boot, seed
        As :func:`compare`.

    Returns
    -------
    GroupComparison
        ``.tests`` (per score and group: test, effect sizes, BH-adjusted p),
        ``.keyness`` (each group against the others' documents; a corpus only),
        ``.scores`` (mean document scores per group with bootstrap 95% intervals),
        ``.plot_groups()``.

    Examples
    --------
    >>> corpus = Corpus(["Gangs, gangs.", "Police.", "Police help."],
    ...                 pd.DataFrame({"outlet": ["A", "B", "B"]}))
    >>> g = compare_groups(corpus, by="outlet", min_freq=1)
    >>> g.keyness.groupby("group").head(1)[["group", "term", "n_target"]].values.tolist()
    [['A', 'gangs', 2], ['B', 'police', 2]]
    """
    if test not in TESTS:
        raise ValueError(f"test must be one of {', '.join(TESTS)}, not {test!r}")
    if isinstance(data, pd.DataFrame):
        name = "the table of scores"
        if data.empty:
            raise ValueError("compare_groups: the table of scores has no rows")
    else:
        data = load_corpus(data)
        name = data.name
        if not data.has_documents:
            raise CorpusError(f"{data.name} has no documents to group")
    labels = group_labels(data, by, name)
    if labels.dropna().nunique() < 2:
        raise ValueError(f"compare_groups needs at least two groups in {labels.name!r}")
    if isinstance(data, pd.DataFrame):
        score_table(data, columns=columns, exclude=[labels.name])  # refuse unknown columns now
    return GroupComparison(
        data,
        labels,
        columns=columns,
        test=test,
        n_permutations=n_permutations,
        lexicon=lexicon,
        ngram_range=tuple(ngram_range),
        min_freq=min_freq,
        prior_size=prior_size,
        n_boot=n_boot,
        seed=seed,
    )
