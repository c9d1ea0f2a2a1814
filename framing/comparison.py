"""An article (or a group of documents) against a reference: keyness, positioning, KWIC, collocations.

:func:`compare` sets a target (an :class:`~framing.analysis.Analysis`, an
article, or a :class:`~framing.corpus.Corpus`) against a reference corpus and
returns a :class:`Comparison` with two tidy tables:

``keyness``
    One row a term (word or n-gram): its count and rate in target and
    reference, G2 log-likelihood (with and without Williams' correction),
    chi-square with Yates' correction, p and Benjamini-Hochberg adjusted p,
    Hardie's log ratio, Gabrielatos & Marchi's %DIFF, and Monroe, Colaresi &
    Quinn's weighted log-odds with an informative Dirichlet prior and its z.
``positioning``
    One row a document-level score of the article: its value, the reference
    distribution, the article's percentile and z among the reference
    documents, each with a seeded bootstrap 95% interval.

:func:`compare_groups` gives the same measures for each group of a corpus
(outlets, before/after a date) against the rest; :func:`kwic` and
:func:`collocations` read a corpus closely.

The measures, for a term seen ``a`` times in a target of ``c`` tokens and ``b``
times in a reference of ``d`` tokens (``N = c + d``), all on the 2x2 table
``[[a, b], [c - a, d - b]]`` with expected counts ``E = row total x column total / N``:

- ``g2``: ``2 sum O ln(O / E)`` over the four cells (Dunning 1993), signed:
  positive when the term is relatively more frequent in the target;
- ``g2_williams``: ``g2 / q`` with ``q = 1 + (N/R1 + N/R2 - 1)(N/c + N/d - 1) / 6N`` (Williams 1976);
- ``chi2_yates``: ``sum (max(|O - E| - 1/2, 0))^2 / E``, signed as ``g2``;
- ``p``: upper tail of chi-square with 1 degree of freedom at ``|g2|``;
  ``p_adjusted``: Benjamini-Hochberg over every row of the table;
- ``log_ratio``: ``log2((a/c) / (b/d))``, a zero count taken as 0.5 (Hardie 2014);
- ``pct_diff``: ``100 (a/c - b/d) / (b/d)``, infinite when ``b = 0`` (Gabrielatos & Marchi 2012);
- ``fw_log_odds``, ``fw_z``: with prior ``alpha_w = alpha_0 (a + b) / N`` (the pooled
  frequency times ``alpha_0 = prior_size``), ``delta = ln((a + alpha_w) / (c + alpha_0 - a - alpha_w))
  - ln((b + alpha_w) / (d + alpha_0 - b - alpha_w))`` and ``z = delta / sqrt(1 / (a + alpha_w) +
  1 / (b + alpha_w))`` (Monroe, Colaresi & Quinn 2008, "Fightin' Words").

N-grams of each order are measured against the number of n-grams of that
order (for words: tokens).

Examples
--------
>>> c = compare("Smugglers smuggle migrants. Migrants pay smugglers.",
...             ["Police met ministers.", "Ministers met police and migrants."], min_freq=2)
>>> c.keyness[["term", "n_target", "n_reference", "leaning"]].head(2).values.tolist()
[['smugglers', 2, 0, 'target'], ['migrants', 2, 1, 'target']]
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special, stats

from framing.corpus import Corpus, CorpusError, count_terms, load_corpus
from framing.document import Document, read_document
from framing.nlp import fold, word_spans, words

#: Columns of every keyness table, in order.
KEYNESS_COLUMNS = [
    "term",
    "ngram",
    "n_target",
    "n_reference",
    "rate_target",
    "rate_reference",
    "g2",
    "g2_williams",
    "chi2_yates",
    "p",
    "p_adjusted",
    "log_ratio",
    "pct_diff",
    "fw_log_odds",
    "fw_z",
    "leaning",
]

#: Columns of the positioning table, in order.
POSITIONING_COLUMNS = [
    "score",
    "article",
    "reference_n",
    "reference_mean",
    "reference_sd",
    "reference_median",
    "percentile",
    "percentile_low",
    "percentile_high",
    "z",
    "z_low",
    "z_high",
]

KWIC_COLUMNS = ["doc_id", "start", "end", "left", "keyword", "right", "pattern"]

#: Total pseudo-count ``alpha_0`` of the Fightin' Words prior.
PRIOR_SIZE = 1000.0


# --------------------------------------------------------------------------- keyness


def keyness(
    target: pd.Series,
    reference: pd.Series,
    *,
    target_total: int | None = None,
    reference_total: int | None = None,
    min_freq: int = 1,
    prior_size: float = PRIOR_SIZE,
    ngram: int = 1,
) -> pd.DataFrame:
    """Keyness of every term of one n-gram order: target counts against reference counts.

    Parameters
    ----------
    target, reference : Series
        Term -> count. Terms missing from one side count 0 there.
    target_total, reference_total : int, optional
        Token (n-gram) totals; default the sums of the counts. A frequency-list
        reference states its own total.
    min_freq : int
        Keep terms seen at least this often in target and reference together.
    prior_size : float
        ``alpha_0`` of the Fightin' Words prior.
    ngram : int
        Recorded in the ``ngram`` column.

    Returns
    -------
    DataFrame
        :data:`KEYNESS_COLUMNS`, most target-leaning first (by signed ``g2``).
        Rates are per 1,000 tokens.

    Examples
    --------
    >>> t = pd.Series({"gangs": 3, "police": 1})
    >>> r = pd.Series({"gangs": 1, "police": 5})
    >>> keyness(t, r)[["term", "g2", "log_ratio", "leaning"]].round(3).values.tolist()
    [['gangs', 3.555, 2.17, 'target'], ['police', -3.555, -1.737, 'reference']]
    """
    target = target.astype(np.int64)
    reference = reference.astype(np.int64)
    c = float(target.sum() if target_total is None else target_total)
    d = float(reference.sum() if reference_total is None else reference_total)
    if c <= 0 or d <= 0:
        raise ValueError(f"keyness needs tokens on both sides (target has {c:.0f}, reference {d:.0f})")
    extra = target.index.difference(reference.index)
    terms = reference.index.append(extra) if len(extra) else reference.index
    b_all = np.concatenate([reference.to_numpy(), np.zeros(len(extra), dtype=np.int64)])
    a_all = target.reindex(terms, fill_value=0).to_numpy()
    keep = (a_all + b_all) >= max(min_freq, 1)
    terms, a, b = terms[keep], a_all[keep].astype(float), b_all[keep].astype(float)
    frame = pd.DataFrame({"term": np.asarray(terms, dtype=object), "ngram": ngram})
    frame["n_target"] = a.astype(np.int64)
    frame["n_reference"] = b.astype(np.int64)
    frame["rate_target"] = a / c * 1000
    frame["rate_reference"] = b / d * 1000
    for column, values in _measures(a, b, c, d, prior_size).items():
        frame[column] = values
    frame["p_adjusted"] = _bh(frame["p"].to_numpy())
    return _sorted(frame)


def _measures(a, b, c, d, prior_size) -> dict[str, np.ndarray]:
    n = c + d
    row1, row2 = a + b, n - (a + b)
    observed = (a, b, c - a, d - b)
    expected = (row1 * c / n, row1 * d / n, row2 * c / n, row2 * d / n)
    sign = np.sign(a / c - b / d)
    g2 = 2 * sum(special.xlogy(o, o) - special.xlogy(o, e) for o, e in zip(observed, expected, strict=True))
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-15
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / row1 + n / row2 - 1) * (n / c + n / d - 1) / (6 * n)
        deviation = np.maximum(np.abs(a - expected[0]) - 0.5, 0.0)
        chi2 = deviation**2 * sum(1 / e for e in expected)
        log_ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
        pct_diff = np.where(b > 0, (a / c - b / d) * 100 / (b / d), np.inf)
    alpha = prior_size * row1 / n
    delta = np.log((a + alpha) / (c + prior_size - a - alpha)) - np.log(
        (b + alpha) / (d + prior_size - b - alpha)
    )
    return {
        "g2": sign * g2,
        "g2_williams": sign * g2 / q,
        "chi2_yates": sign * chi2,
        "p": stats.chi2.sf(g2, 1),
        "log_ratio": log_ratio,
        "pct_diff": pct_diff,
        "fw_log_odds": delta,
        "fw_z": delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha)),
        "leaning": np.where(sign > 0, "target", np.where(sign < 0, "reference", "neither")),
    }


def _bh(p: np.ndarray) -> np.ndarray:
    return stats.false_discovery_control(p, method="bh") if len(p) else p


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.sort_values(["g2", "ngram", "term"], ascending=[False, True, True], kind="mergesort")
    return frame.reset_index(drop=True)[KEYNESS_COLUMNS]


def keyness_table(
    target, reference, *, ngram_range=(1, 1), min_freq=2, prior_size=PRIOR_SIZE
) -> pd.DataFrame:
    """Keyness for every n-gram order in ``ngram_range``, Benjamini-Hochberg over the whole table.

    ``target`` and ``reference`` are anything with ``term_frequencies(n)`` and
    ``total_terms(n)``: a :class:`~framing.corpus.Corpus` or the counts of one
    document (:class:`TermCounts`).

    Examples
    --------
    >>> t = TermCounts.of("Night vision goggles and night vision drones.")
    >>> r = Corpus(["Drones flew at night."])
    >>> keyness_table(t, r, ngram_range=(1, 2), min_freq=2)["term"].tolist()
    ['vision', 'night vision', 'night', 'drones']
    """
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(f"ngram_range must be (low, high) with 1 <= low <= high, not {ngram_range}")
    for side, counts in (("target", target), ("reference", reference)):
        if counts.total_terms(low) == 0:
            raise ValueError(f"keyness needs words on both sides: the {side} has none")
    tables = []
    for n in range(low, high + 1):
        target_counts, reference_counts = target.term_frequencies(n), reference.term_frequencies(n)
        target_total, reference_total = target.total_terms(n), reference.total_terms(n)
        if target_total == 0 or reference_total == 0:
            continue  # too short for n-grams of this order
        tables.append(
            keyness(
                target_counts,
                reference_counts,
                target_total=target_total,
                reference_total=reference_total,
                min_freq=min_freq,
                prior_size=prior_size,
                ngram=n,
            )
        )
    if not tables:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in KEYNESS_COLUMNS})
    table = pd.concat(tables, ignore_index=True)
    table["p_adjusted"] = _bh(table["p"].to_numpy())
    return _sorted(table)


@dataclass
class TermCounts:
    """The term counts of one text, with the interface of a corpus's counts.

    Examples
    --------
    >>> TermCounts.of("Gangs, gangs.").term_frequencies().to_dict()
    {'gangs': 2}
    """

    text: str
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, source) -> TermCounts:
        """Counts of a Document's article text (boilerplate left out), a path or a string."""
        document = read_document(source)
        return cls("\n".join(document.text[s:e] for s, e in document.segments))

    def term_frequencies(self, n: int = 1) -> pd.Series:
        if n not in self._cache:
            matrix, terms = count_terms([self.text], n)
            counts = np.asarray(matrix.sum(axis=0), dtype=np.int64).ravel()
            self._cache[n] = pd.Series(counts, index=pd.Index(terms, name="term"), name="count")
        return self._cache[n]

    def total_terms(self, n: int = 1) -> int:
        return int(self.term_frequencies(n).sum())


# --------------------------------------------------------------------------- positioning


def positioning_table(article: pd.Series, reference: pd.DataFrame, *, n_boot: int = 2000, seed: int = 0):
    """The article's place among the reference documents, score by score.

    ``percentile`` is the share of reference documents below the article plus
    half of those equal to it (``scipy.stats.percentileofscore(kind="mean")``);
    ``z`` is ``(article - mean) / sd`` (``sd`` with ``ddof=1``). The intervals
    come from ``n_boot`` resamples of the reference documents with replacement
    (the same resamples for every score), seeded by ``seed``: the 2.5th and
    97.5th percentiles of the resampled percentile and z. Documents where a
    score is undefined (NaN: a target never mentioned) are left out of that
    score.

    Examples
    --------
    >>> ref = pd.DataFrame({"loaded_rate": [1.0, 2.0, 3.0, 4.0]})
    >>> row = positioning_table(pd.Series({"loaded_rate": 3.0}), ref, n_boot=200).iloc[0]
    >>> float(row["percentile"]), round(float(row["z"]), 4)
    (62.5, 0.3873)
    """
    scores = [s for s in article.index if s in reference.columns]
    values = reference[scores].to_numpy(dtype=float)
    target = article[scores].to_numpy(dtype=float)
    n_docs = len(reference)
    # a resample is a vector of how often each document is drawn; every statistic is then a
    # weighted sum, so all n_boot resamples are a few matrix products
    rng = np.random.default_rng(seed)
    chunk = max(1, 2_000_000 // max(n_docs, 1))  # resamples at a time: bounded memory
    placed = [
        _place(
            target,
            values,
            rng.multinomial(n_docs, np.full(n_docs, 1 / n_docs), size=min(chunk, n_boot - done)),
        )
        for done in range(0, n_boot if n_docs else 0, chunk)
    ]
    empty = np.empty((0, len(scores)))
    percentiles = np.concatenate([p for p, _ in placed]) if placed else empty
    zs = np.concatenate([z for _, z in placed]) if placed else empty
    point_percentile, point_z = _place(target, values, np.ones((1, n_docs)))
    rows = []
    with np.errstate(all="ignore"):
        for j, score in enumerate(scores):
            column = values[:, j][~np.isnan(values[:, j])]
            p_low, p_high = _interval(percentiles[:, j])
            z_low, z_high = _interval(zs[:, j])
            rows.append(
                (
                    score,
                    target[j],
                    len(column),
                    column.mean() if len(column) else np.nan,
                    column.std(ddof=1) if len(column) > 1 else np.nan,
                    np.median(column) if len(column) else np.nan,
                    point_percentile[0, j],
                    p_low,
                    p_high,
                    point_z[0, j],
                    z_low,
                    z_high,
                )
            )
    frame = pd.DataFrame(rows, columns=POSITIONING_COLUMNS)
    return frame.astype({"reference_n": np.int64})


def _place(target: np.ndarray, values: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Percentile and z of ``target`` (one value a score) within each weighting of the documents.

    ``values[doc, score]`` (NaN: undefined for that document); ``weights[b, doc]`` how often
    resample ``b`` draws each document (all ones: the reference itself).
    """
    valid = ~np.isnan(values)
    filled = np.where(valid, values, 0.0)
    with np.errstate(all="ignore"):
        count = weights @ valid
        below = weights @ (valid & (values < target))
        equal = weights @ (valid & (values == target))
        percentile = np.where(count > 0, 100 * (below + 0.5 * equal) / count, np.nan)
        mean = (weights @ filled) / count
        # the spread about each resample's own mean, summed document by document
        squares = weights @ (filled**2) - count * mean**2
        sd = np.sqrt(np.maximum(squares, 0.0) / (count - 1))
        z = np.where((count > 1) & (sd > 0), (target - mean) / sd, np.nan)
    percentile = np.where(np.isnan(target), np.nan, percentile)
    return percentile, z


def _interval(draws: np.ndarray) -> tuple[float, float]:
    finite = draws[np.isfinite(draws)]
    if not len(finite):
        return np.nan, np.nan
    low, high = np.percentile(finite, [2.5, 97.5])
    return float(low), float(high)


def bootstrap_mean(values, *, n_boot: int = 2000, seed: int = 0) -> tuple[float, float, float]:
    """Mean of ``values`` (NaN left out) and its seeded bootstrap 95% interval.

    Examples
    --------
    >>> mean, low, high = bootstrap_mean([1.0, 2.0, 3.0, 4.0])
    >>> mean, low <= mean <= high
    (2.5, True)
    """
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if not len(values):
        return np.nan, np.nan, np.nan
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    low, high = _interval(means)
    return float(values.mean()), low, high


# --------------------------------------------------------------------------- the comparison


class Comparison:
    """A target set against a reference: keyness, positioning, plots. Made by :func:`compare`.

    Attributes
    ----------
    target : Analysis, Document or Corpus
    reference : Corpus
    parameters : dict
        ``ngram_range``, ``min_freq``, ``prior_size``, ``n_boot``, ``seed``, ``lexicon``.
    """

    def __init__(self, target, reference: Corpus, **parameters) -> None:
        self.target = target
        self.reference = reference
        self.parameters = parameters

    def __repr__(self) -> str:
        return f"<Comparison of {self.target_name!r} against {self.reference!r}>"

    @property
    def target_name(self) -> str:
        """The article's title, or the target corpus's name."""
        if isinstance(self.target, Corpus):
            return self.target.name
        return self.document.title or self.document.source

    @property
    def document(self) -> Document:
        """The target article (not available when the target is a corpus)."""
        if isinstance(self.target, Corpus):
            raise TypeError(f"the target {self.target.name!r} is a corpus, not one article")
        return getattr(self.target, "document", self.target)

    @functools.cached_property
    def analysis(self):
        """The target article's Analysis (computed on first use when a plain document was given)."""
        from framing.analysis import Analysis, analyze

        if isinstance(self.target, Analysis):
            return self.target
        return analyze(self.document, lexicon=self.parameters["lexicon"] or "migration")

    @functools.cached_property
    def keyness(self) -> pd.DataFrame:
        """One row a term: counts, rates, G2, chi2, p, log ratio, %DIFF, Fightin' Words (see module doc)."""
        target = self.target if isinstance(self.target, Corpus) else TermCounts.of(self.document)
        p = self.parameters
        return keyness_table(
            target,
            self.reference,
            ngram_range=p["ngram_range"],
            min_freq=p["min_freq"],
            prior_size=p["prior_size"],
        )

    @functools.cached_property
    def reference_scores(self) -> pd.DataFrame:
        """Every reference document's scores (one row a document), from the cache when possible."""
        if isinstance(self.target, Corpus):
            raise TypeError(
                "positioning places one article; the target here is a corpus (see compare_groups)"
            )
        if not self.reference.has_documents:
            self.reference.scores()  # the frequency list's own error: no documents to place the article among
        analysis = self.analysis
        return self.reference.scores(
            analysis.lexicon, targets=analysis.targets_lexicon, frames=analysis.frames_lexicon
        )

    @functools.cached_property
    def positioning(self) -> pd.DataFrame:
        """One row a document-level score: article value, reference distribution, percentile, z, 95% CIs."""
        reference = self.reference_scores
        return positioning_table(
            self.analysis.document_scores(),
            reference,
            n_boot=self.parameters["n_boot"],
            seed=self.parameters["seed"],
        )

    def top_terms(self, n: int = 10, leaning: str = "target", measure: str = "g2") -> pd.DataFrame:
        """The ``n`` most ``leaning``-leaning terms by ``measure`` (signed measures sort by size).

        Examples
        --------
        >>> compare("Gangs gangs gangs.", ["Police."], min_freq=1).top_terms(1)["term"].tolist()
        ['gangs']
        """
        table = self.keyness[self.keyness["leaning"] == leaning]
        order = table[measure].abs() if measure in _SIGNED else table[measure]
        return table.loc[order.sort_values(ascending=False, kind="mergesort").index[:n]].reset_index(
            drop=True
        )

    def provenance(self) -> dict:
        """Reference corpus, parameters and hashes, for reports."""
        info = {"reference": self.reference.provenance(), "parameters": dict(self.parameters)}
        info["parameters"]["ngram_range"] = list(self.parameters["ngram_range"])
        return info

    def plot_keyness(self, n: int = 20, measure: str = "g2", ax=None):
        """Bars of the ``n`` most target- and reference-leaning terms (quanteda's ``textplot_keyness``)."""
        from framing.comparison_plots import keyness_bars

        target = self.target.name if isinstance(self.target, Corpus) else "article"
        return keyness_bars(self.keyness, n=n, measure=measure, labels=(target, self.reference.name), ax=ax)

    def plot_positioning(self, scores=None, ax=None):
        """The reference distribution of each score (as z) with the article marked."""
        from framing.comparison_plots import positioning_strip

        return positioning_strip(self.positioning, self.reference_scores, scores=scores, ax=ax)

    def plot_dispersion(self, terms=None, n: int = 8, ax=None):
        """Where each term occurs along the article (default: the ``n`` most article-leaning terms)."""
        from framing.comparison_plots import dispersion

        terms = self.top_terms(n)["term"].tolist() if terms is None else terms
        return dispersion(self.document, terms, ax=ax)


_SIGNED = {"g2", "g2_williams", "chi2_yates", "log_ratio", "pct_diff", "fw_log_odds", "fw_z"}


def compare(
    target,
    reference="lee",
    *,
    lexicon=None,
    ngram_range: tuple[int, int] = (1, 1),
    min_freq: int = 2,
    prior_size: float = PRIOR_SIZE,
    n_boot: int = 2000,
    seed: int = 0,
) -> Comparison:
    """Set an article (or a corpus) against a reference corpus.

    Parameters
    ----------
    target : Analysis, Document, path, str, Corpus or list of str
        The article (an Analysis, or anything :func:`framing.read_document`
        reads), or a corpus for keyness between two corpora.
    reference : Corpus, str or list of str
        ``"lee"`` (default), ``"wordfreq-en"``, a path, or a Corpus (see :func:`framing.load_corpus`).
    lexicon : str, path or Lexicon, optional
        For positioning when ``target`` is not an Analysis (default ``"migration"``).
    ngram_range : (int, int)
        N-gram orders of the keyness table: ``(1, 1)`` words, ``(1, 3)`` words to trigrams.
    min_freq : int
        Keep terms seen at least this often in target and reference together.
    prior_size : float
        ``alpha_0`` of the Fightin' Words prior.
    n_boot, seed : int
        Bootstrap resamples and seed for the positioning intervals.

    Returns
    -------
    Comparison
        ``.keyness`` and ``.positioning`` are computed on first use.

    Examples
    --------
    >>> c = compare("Gangs exploit migrants; migrants flee gangs.", "lee", min_freq=1)
    >>> c.keyness[["term", "n_target", "leaning"]].head(1).values.tolist()
    [['gangs', 2, 'target']]
    """
    if isinstance(target, list):
        target = Corpus(target, name="target")
    elif not isinstance(target, Corpus) and not hasattr(target, "document"):
        target = read_document(target)
    reference = (
        load_corpus(reference) if not isinstance(reference, list) else Corpus(reference, name="reference")
    )
    return Comparison(
        target,
        reference,
        lexicon=lexicon,
        ngram_range=tuple(ngram_range),
        min_freq=min_freq,
        prior_size=prior_size,
        n_boot=n_boot,
        seed=seed,
    )


# --------------------------------------------------------------------------- groups


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
        from framing.comparison_plots import group_scores

        return group_scores(self.scores, scores=scores, by=self.labels.name, ax=ax)

    def plot_keyness(self, n: int = 10, measure: str = "g2"):
        """Each group's most group-leaning terms, one panel a group."""
        from framing.comparison_plots import group_keyness

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
    lexicon="migration",
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


# --------------------------------------------------------------------------- close reading


def _documents(source) -> list[tuple[str, object]]:
    """``(doc_id, document-or-loader)`` pairs of a corpus, analysis, document, text or list."""
    if isinstance(source, Corpus):
        if not source.has_documents:
            source[0]  # raises the frequency list's own error
        return list(zip(source.doc_ids, range(len(source)), strict=True))
    if hasattr(source, "document") and isinstance(source.document, Document):
        return [(source.document.source, source.document)]
    if isinstance(source, (list, tuple)):
        return [(f"doc-{i}", read_document(item)) for i, item in enumerate(source, start=1)]
    document = read_document(source)
    return [(document.source, document)]


def _pattern_words(pattern: str) -> list[str]:
    parts = [fold(p) for p in pattern.split()]
    if not parts:
        raise ValueError("empty KWIC pattern")
    return parts


def _word_matches(pattern: str):
    return [re.compile(re.escape(p[:-1]) + r".*" if p.endswith("*") else re.escape(p)) for p in pattern]


def kwic(source, pattern: str | list[str], window: int = 8) -> pd.DataFrame:
    """Concordance lines: every occurrence of ``pattern`` with ``window`` words of context each side.

    Matching is on words (:func:`framing.nlp.word_spans`), case-insensitive; a
    pattern of several words matches them consecutively; a trailing ``*`` on a
    word matches any ending (``"migra*"``). Boilerplate is not searched.

    Parameters
    ----------
    source : Corpus, Analysis, Document, path, str or list
    pattern : str or list of str
    window : int
        Words of context on each side (within the same paragraph segment).

    Returns
    -------
    DataFrame
        ``doc_id, start, end, left, keyword, right, pattern``; ``start``/``end``
        are character offsets into the document's text, so
        ``text[start:end] == keyword``.

    Examples
    --------
    >>> kwic("Smuggling gangs kidnap migrants. The gangs exploit them.", "gangs", window=2)[
    ...     ["start", "end", "left", "keyword", "right"]].values.tolist()
    [[10, 15, 'Smuggling', 'gangs', 'kidnap migrants'], [37, 42, 'migrants. The', 'gangs', 'exploit them']]
    """
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    compiled = [(p, _pattern_words(p)) for p in patterns]
    matchers = [(p, words_, _word_matches(words_)) for p, words_ in compiled]
    firsts = {w[0].rstrip("*") for _, w in compiled}
    corpus = source if isinstance(source, Corpus) else None
    rows = []
    for doc_id, item in _documents(source):
        if corpus is not None:
            raw = corpus._texts[item]
            if not any(first in fold(raw) for first in firsts):
                continue  # cheap test before tokenising
            document = corpus[item]
        else:
            document = item
        text = document.text
        for seg_start, seg_end in document.segments:
            spans = word_spans(text, seg_start, seg_end)
            tokens = [fold(text[s:e]) for s, e in spans]
            for i in range(len(tokens)):
                for name, words_, regexes in matchers:
                    k = len(words_)
                    if i + k <= len(tokens) and all(
                        r.fullmatch(tokens[i + j]) for j, r in enumerate(regexes)
                    ):
                        start, end = spans[i][0], spans[i + k - 1][1]
                        left_start = spans[max(0, i - window)][0]
                        right_end = spans[min(len(spans), i + k + window) - 1][1]
                        rows.append(
                            (
                                doc_id,
                                start,
                                end,
                                _squash(text[left_start:start]) if i > 0 and window else "",
                                text[start:end],
                                _squash(text[end:right_end]) if i + k < len(spans) and window else "",
                                name,
                            )
                        )
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return frame.astype({"start": np.int64, "end": np.int64})


def _squash(text: str) -> str:
    return " ".join(text.split())


def collocations(
    source,
    measure: str = "likelihood_ratio",
    *,
    n: int = 2,
    min_freq: int = 3,
    stop_words=None,
    top: int | None = None,
) -> pd.DataFrame:
    """Bigram or trigram collocations through NLTK's collocation finders.

    N-grams do not cross documents or boilerplate. Scores come from NLTK's
    ``BigramAssocMeasures`` / ``TrigramAssocMeasures``.

    Parameters
    ----------
    source : Corpus, Analysis, Document, path, str or list
    measure : str
        ``"likelihood_ratio"`` or ``"pmi"`` (or any other NLTK association measure, such as
        ``"student_t"``); the table is sorted by it.
    n : int
        2 (bigrams) or 3 (trigrams).
    min_freq : int
        Keep n-grams seen at least this often.
    stop_words : None, "english" or iterable
        Drop n-grams that start or end with one (``"english"``: scikit-learn's list).
    top : int, optional
        Keep only the best ``top`` rows.

    Returns
    -------
    DataFrame
        ``ngram, n, freq, likelihood_ratio, pmi`` (and ``measure`` when it is another), best first.

    Examples
    --------
    >>> text = "Smuggling gangs kidnap migrants. Smuggling gangs exploit migrants. Gangs flee."
    >>> collocations(text, min_freq=2)[["ngram", "freq"]].values.tolist()
    [['smuggling gangs', 2]]
    """
    from nltk.collocations import (
        BigramAssocMeasures,
        BigramCollocationFinder,
        TrigramAssocMeasures,
        TrigramCollocationFinder,
    )

    if n not in (2, 3):
        raise ValueError(f"collocations are bigrams (n=2) or trigrams (n=3), not n={n}")
    measures = BigramAssocMeasures if n == 2 else TrigramAssocMeasures
    if not callable(getattr(measures, measure, None)) or measure.startswith("_"):
        raise ValueError(f"unknown association measure {measure!r}; try 'likelihood_ratio' or 'pmi'")
    word_lists = []
    for _, item in _documents(source):
        document = source[item] if isinstance(source, Corpus) else item
        word_lists += [words(document.text[s:e]) for s, e in document.segments]
    finder_class = BigramCollocationFinder if n == 2 else TrigramCollocationFinder
    finder = finder_class.from_documents(word_lists)
    finder.apply_freq_filter(min_freq)
    if stop_words is not None:
        if stop_words == "english":
            from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as stop_words
        stops = frozenset(stop_words)
        finder.apply_ngram_filter(lambda *gram: gram[0] in stops or gram[-1] in stops)
    names = ["likelihood_ratio", "pmi"] + ([measure] if measure not in ("likelihood_ratio", "pmi") else [])
    scored = {name: dict(finder.score_ngrams(getattr(measures, name))) for name in names}
    grams = list(scored["likelihood_ratio"])
    frame = pd.DataFrame(
        {
            "ngram": [" ".join(g) for g in grams],
            "n": n,
            "freq": [finder.ngram_fd[g] for g in grams],
            **{name: [scored[name][g] for g in grams] for name in names},
        }
    )
    frame = frame.astype({"freq": np.int64}).sort_values(
        [measure, "ngram"], ascending=[False, True], kind="mergesort"
    )
    frame = frame.reset_index(drop=True)
    return frame.head(top) if top is not None else frame


def token_offsets(document: Document) -> list[int]:
    """Start offset of every word of the article (boilerplate left out), for dispersion plots.

    Examples
    --------
    >>> token_offsets(read_document("Gangs exploit migrants."))
    [0, 6, 14]
    """
    return [s for a, b in document.segments for s, _ in word_spans(document.text, a, b)]


def token_index(offsets: list[int], start: int) -> int:
    """The word number at character offset ``start`` (see :func:`token_offsets`)."""
    return bisect.bisect_right(offsets, start) - 1
