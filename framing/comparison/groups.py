"""Groups of a corpus (outlets, periods) each against the rest: keyness and document scores.

Examples
--------
>>> from framing.corpus import Corpus
>>> corpus = Corpus(["Gangs gangs.", "Police police."], pd.DataFrame({"outlet": ["A", "B"]}))
>>> compare_groups(corpus, by="outlet", min_freq=1).groups
['A', 'B']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.comparison.keyness import PRIOR_SIZE, keyness_table
from framing.comparison.positioning import bootstrap_mean
from framing.corpus import Corpus, CorpusError, load_corpus


class GroupComparison:
    """Each group of a corpus against the rest: keyness and document scores (see :func:`compare_groups`)."""

    def __init__(self, corpus: Corpus, labels: pd.Series, **parameters) -> None:
        self.corpus = corpus
        self.labels = labels
        self.parameters = parameters
        self.groups = sorted(labels.dropna().unique().tolist(), key=str)

    def __repr__(self) -> str:
        return f"<GroupComparison of {self.corpus.name!r} by {self.labels.name!r}: {len(self.groups)} groups>"

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
        """Every document's scores with its group (one row a document)."""
        scores = self.corpus.scores(self.parameters["lexicon"]).copy()
        scores.insert(0, "group", self.labels.to_numpy())
        return scores[scores["group"].notna()]

    @functools.cached_property
    def scores(self) -> pd.DataFrame:
        """Per group and score: documents, mean and bootstrap 95% interval of the mean."""
        frame = self.document_scores
        p = self.parameters
        rows = []
        for group in self.groups:
            chosen = frame[frame["group"] == group]
            for score in frame.columns[1:]:
                mean, low, high = bootstrap_mean(chosen[score], n_boot=p["n_boot"], seed=p["seed"])
                rows.append((group, score, int(chosen[score].notna().sum()), mean, low, high))
        return pd.DataFrame(rows, columns=["group", "score", "n", "mean", "ci_low", "ci_high"])

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


def compare_groups(
    corpus,
    by: str | pd.Series | list = "outlet",
    *,
    lexicon=None,
    ngram_range: tuple[int, int] = (1, 1),
    min_freq: int = 2,
    prior_size: float = PRIOR_SIZE,
    n_boot: int = 2000,
    seed: int = 0,
) -> GroupComparison:
    """Compare each group of a corpus with the rest: the classic design of framing studies.

    Parameters
    ----------
    corpus : Corpus or anything :func:`framing.load_corpus` loads
    by : str or sequence
        A metadata column (``"outlet"``, a before/after column ...) or one
        label a document. Documents without a label are left out.
    lexicon, ngram_range, min_freq, prior_size, n_boot, seed
        As :func:`compare`.

    Returns
    -------
    GroupComparison
        ``.keyness`` (each group against the others' documents), ``.scores``
        (mean document scores per group with bootstrap 95% intervals),
        ``.plot_groups()``.

    Examples
    --------
    >>> corpus = Corpus(["Gangs, gangs.", "Police.", "Police help."],
    ...                 pd.DataFrame({"outlet": ["A", "B", "B"]}))
    >>> g = compare_groups(corpus, by="outlet", min_freq=1)
    >>> g.keyness.groupby("group").head(1)[["group", "term", "n_target"]].values.tolist()
    [['A', 'gangs', 2], ['B', 'police', 2]]
    """
    corpus = load_corpus(corpus)
    if not corpus.has_documents:
        raise CorpusError(f"{corpus.name} has no documents to group")
    if isinstance(by, str):
        if by not in corpus.metadata.columns:
            columns = ", ".join(map(str, corpus.metadata.columns))
            raise CorpusError(f"{corpus.name}: no metadata column {by!r} to group by (columns: {columns})")
        labels = corpus.metadata[by]
    else:
        labels = pd.Series(list(by), name=getattr(by, "name", None) or "group")
        if len(labels) != len(corpus):
            raise ValueError(f"{len(labels)} group labels for {len(corpus)} documents")
    labels = labels.reset_index(drop=True)
    if labels.dropna().nunique() < 2:
        raise ValueError(f"compare_groups needs at least two groups in {labels.name!r}")
    return GroupComparison(
        corpus,
        labels,
        lexicon=lexicon,
        ngram_range=tuple(ngram_range),
        min_freq=min_freq,
        prior_size=prior_size,
        n_boot=n_boot,
        seed=seed,
    )
