"""Positioning: where an article's document scores fall among a reference corpus's documents.

Each score gets the article's percentile and z among the reference
documents, with seeded bootstrap 95% intervals (resampling the reference).

Examples
--------
>>> row = positioning_table(pd.Series({"score": 2.0}), pd.DataFrame({"score": [1.0, 3.0]}), n_boot=10).iloc[0]
>>> float(row["percentile"])
50.0
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
