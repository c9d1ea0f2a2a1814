"""Keyness: which terms a target uses more (or less) than a reference.

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
>>> table = keyness(pd.Series({"gangs": 5, "police": 1}), pd.Series({"gangs": 1, "police": 5}))
>>> table["term"].tolist(), table["leaning"].tolist()
(['gangs', 'police'], ['target', 'reference'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special, stats

from framing.corpus import count_terms
from framing.text.document import read_document

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


#: Total pseudo-count ``alpha_0`` of the Fightin' Words prior.
PRIOR_SIZE = 1000.0


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
    >>> from framing.corpus import Corpus
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
    segments: tuple = ()
    _cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, source) -> TermCounts:
        """Counts of a Document's article text (boilerplate left out), a path or a string.

        No n-gram bridges removed boilerplate or a paragraph break.

        Examples
        --------
        >>> from framing.text.document import Document
        >>> text = "people smuggling [AD] gangs operate"
        >>> TermCounts.of(Document(text, excluded=((17, 21, "ad"),))).term_frequencies(2).index.tolist()
        ['gangs operate', 'people smuggling']
        """
        document = read_document(source)
        return cls(document.text, tuple(document.segments))

    def term_frequencies(self, n: int = 1) -> pd.Series:
        if n not in self._cache:
            matrix, terms = count_terms([self.text], n, [list(self.segments)] if self.segments else None)
            counts = np.asarray(matrix.sum(axis=0), dtype=np.int64).ravel()
            self._cache[n] = pd.Series(counts, index=pd.Index(terms, name="term"), name="count")
        return self._cache[n]

    def total_terms(self, n: int = 1) -> int:
        return int(self.term_frequencies(n).sum())


SIGNED_MEASURES = {"g2", "g2_williams", "chi2_yates", "log_ratio", "pct_diff", "fw_log_odds", "fw_z"}
