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

#: Values a bootstrap draws at a time (resamples x documents), which bounds its memory.
DRAWS_AT_ONCE = 2_000_000


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

    Raises
    ------
    ValueError
        A reference without documents, or whose documents all have no words
        (``tokens`` 0): the message keyness gives for it.

    Examples
    --------
    >>> ref = pd.DataFrame({"loaded_rate": [1.0, 2.0, 3.0, 4.0]})
    >>> row = positioning_table(pd.Series({"loaded_rate": 3.0}), ref, n_boot=200).iloc[0]
    >>> float(row["percentile"]), round(float(row["z"]), 4)
    (62.5, 0.3873)
    """
    words = reference["tokens"].fillna(0) if "tokens" in reference.columns else pd.Series(1, reference.index)
    if not (words > 0).any():  # as keyness_table refuses it: nothing to place the article among
        raise ValueError("positioning needs words on both sides: the reference has none")
    scores = [s for s in article.index if s in reference.columns]
    values = reference[scores].to_numpy(dtype=float)
    target = article[scores].to_numpy(dtype=float)
    n_docs = len(reference)
    # a resample is a vector of how often each document is drawn; every statistic is then a
    # weighted sum, so all n_boot resamples are a few matrix products
    rng = np.random.default_rng(seed)
    chunk = max(1, DRAWS_AT_ONCE // max(n_docs, 1))  # resamples at a time: bounded memory
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


def bootstrap_mean(values, *, n_boot: int = 2000, seed: int = 0):
    """Mean of ``values`` (NaN left out) and its seeded bootstrap 95% interval, column by column.

    A resample draws as many values as are defined, with replacement
    (``numpy.random.default_rng(seed).integers``, one resample after another);
    the interval is the 2.5th and 97.5th percentiles of the ``n_boot``
    resampled means. The draws are made a block of resamples at a time
    (:data:`DRAWS_AT_ONCE` values), so memory stays bounded however many
    values and resamples, and the result does not depend on the block size.

    Parameters
    ----------
    values : array-like, 1-D or 2-D
        One column of values, or a table (one row a document, one column a
        score): its columns are resampled with the same rows, drawn once for
        all the columns defined on the same rows (a column's NaN rows are left
        out of it, so each column gets what it would alone).
    n_boot, seed : int
        Resamples and their seed.

    Returns
    -------
    tuple
        ``(mean, low, high)``: floats for 1-D ``values``, arrays of one value a
        column for 2-D; NaN where a column has no defined value.

    Examples
    --------
    >>> mean, low, high = bootstrap_mean([1.0, 2.0, 3.0, 4.0])
    >>> mean, low <= mean <= high
    (2.5, True)
    >>> means, lows, highs = bootstrap_mean([[1.0, 5.0], [3.0, np.nan]])
    >>> means.tolist(), float(lows[1]), float(highs[1])
    ([2.0, 5.0], 5.0, 5.0)
    """
    array = np.asarray(values, dtype=float)
    if array.ndim not in (1, 2):
        raise ValueError(f"bootstrap_mean takes a 1-D or 2-D array, not {array.ndim}-D")
    table = array[:, None] if array.ndim == 1 else array
    means, lows, highs = (np.full(table.shape[1], np.nan) for _ in range(3))
    valid = ~np.isnan(table)
    alike: dict[bytes, list[int]] = {}  # columns defined on the same rows share their resamples
    for j in range(table.shape[1]):
        alike.setdefault(np.packbits(valid[:, j]).tobytes(), []).append(j)
    for columns in alike.values():
        rows = np.flatnonzero(valid[:, columns[0]])
        if not len(rows):
            continue
        block = table[np.ix_(rows, columns)]
        means[columns] = block.mean(axis=0)
        draws = _resampled_means(block, n_boot, seed)
        for i, j in enumerate(columns):
            lows[j], highs[j] = _interval(draws[:, i])
    if array.ndim == 1:
        return float(means[0]), float(lows[0]), float(highs[0])
    return means, lows, highs


def _resampled_means(block: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """``n_boot`` bootstrap means of each column of ``block`` (rows drawn with replacement), blockwise."""
    n = len(block)
    rng = np.random.default_rng(seed)
    step = max(1, DRAWS_AT_ONCE // n)
    means = np.empty((n_boot, block.shape[1]))
    for done in range(0, n_boot, step):
        size = min(step, n_boot - done)
        drawn = rng.integers(0, n, size=(size, n))
        if block.shape[1] == 1:  # one column: gathering the drawn values is quicker than counting
            means[done : done + size, 0] = block[drawn, 0].sum(axis=1) / n
            continue
        drawn += np.arange(size)[:, None] * n  # resample r's rows numbered r * n ... r * n + n - 1
        counts = np.bincount(drawn.ravel(), minlength=size * n).reshape(size, n)
        means[done : done + size] = counts.astype(float) @ block / n  # every column at once
    return means
