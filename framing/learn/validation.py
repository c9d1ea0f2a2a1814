"""Validation against human coding: labels, scores and spans against gold; agreement between coders.

- :func:`validate` sets codes against gold codes (per-class precision,
  recall, F1; accuracy; macro-F1), scores against gold labels (ROC-AUC), or
  spans against gold spans given as character offsets (precision, recall,
  F1 under two overlap rules), each with a seeded bootstrap 95% interval.
- :func:`agreement` gives Krippendorff's alpha (through the ``krippendorff``
  package; nominal, ordinal, interval or ratio) and percent agreement, among
  coders and for a tool against them.

Bootstrap intervals are percentile intervals over ``n_boot`` resamples of the
units (items, sentences, documents) with replacement; a resample on which a
figure is undefined (one class only) is left out.

Examples
--------
>>> table = validate(["loaded", "neutral", "loaded"], ["loaded", "neutral", "neutral"], n_boot=0)
>>> table.set_index(["metric", "class"]).loc[("accuracy", "all"), "value"].round(3)
np.float64(0.667)
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd

#: Columns of :func:`validate` for codes and scores.
METRIC_COLUMNS = ["metric", "class", "value", "low", "high", "n"]
#: Columns of :func:`validate` for spans.
SPAN_METRIC_COLUMNS = ["metric", "overlap", "value", "low", "high", "n"]
#: Columns of :func:`agreement`.
AGREEMENT_COLUMNS = ["scope", "metric", "value", "low", "high", "units", "coders"]
#: Span overlap rules: ``any`` (at least one character in common) and ``strict`` (same start and end).
OVERLAP_RULES = ("any", "strict")
LEVELS = ("nominal", "ordinal", "interval", "ratio")
_CHUNK = 250  # bootstrap resamples drawn at a time (bounds memory on large sets)


def validate(
    predicted,
    gold,
    *,
    kind: str = "auto",
    positive=None,
    overlap: str | tuple[str, ...] = OVERLAP_RULES,
    by: str | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Set predicted codes, scores or spans against gold ones.

    Parameters
    ----------
    predicted : sequence of labels, sequence of numbers, or spans
        Codes (one a unit), scores (one a unit, higher meaning ``positive``),
        or spans: a DataFrame with ``start`` and ``end`` columns (such as
        ``Analysis.spans``) or a list of ``(start, end)`` pairs.
    gold : sequence of labels, or spans
        The human codes for the same units, in the same order, or the gold spans.
    kind : {"auto", "labels", "scores", "spans"}
        ``"auto"``: spans when both are span tables; scores when ``predicted``
        is numeric (not boolean) and its values are not all gold labels; else labels.
    positive : label, optional
        For scores: the gold class the scores point to. Needed unless the gold
        labels are 0/1 or booleans.
    overlap : str or tuple of str
        For spans, the rules to report: ``"any"`` (a predicted span matches a
        gold span sharing at least one character: ``p.start < g.end`` and
        ``g.start < p.end``) and ``"strict"`` (same start and end).
    by : str, optional
        For spans: a column naming the document both tables' spans belong to
        (spans match only within a document; documents are the bootstrap units).
        Default: ``"doc_id"`` when both tables have it.
    n_boot : int
        Bootstrap resamples for the 95% intervals (0: no intervals).
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        Codes and scores: :data:`METRIC_COLUMNS`, one row per metric and class
        (``"all"`` for accuracy, macro-F1 and ROC-AUC of two classes), ``n``
        the units (gold support for a class). Spans: :data:`SPAN_METRIC_COLUMNS`,
        ``n`` the predicted spans (precision), gold spans (recall) or both (F1).

    Examples
    --------
    >>> table = validate([0.9, 0.2, 0.6, 0.4], [1, 0, 1, 0], n_boot=0)
    >>> table[["metric", "class", "value"]].values.tolist()
    [['roc_auc', 1, 1.0]]
    >>> spans = validate([(5, 12)], [(5, 16)], n_boot=0)
    >>> spans.query("metric == 'recall'")[["overlap", "value"]].values.tolist()
    [['any', 1.0], ['strict', 0.0]]
    """
    if kind not in ("auto", "labels", "scores", "spans"):
        raise ValueError(f"kind: expected 'auto', 'labels', 'scores' or 'spans', got {kind!r}")
    if kind == "spans" or (kind == "auto" and _is_spans(predicted) and _is_spans(gold)):
        return _validate_spans(predicted, gold, overlap, by, n_boot, seed)
    predicted_values = _values(predicted, "predicted")
    gold_values = _values(gold, "gold")
    if len(predicted_values) != len(gold_values):
        raise ValueError(f"predicted has {len(predicted_values)} units, gold {len(gold_values)}")
    if not len(gold_values):
        raise ValueError("gold: no units to validate against")
    if kind == "auto":
        kind = "scores" if _looks_like_scores(predicted_values, gold_values) else "labels"
    if kind == "scores":
        return _validate_scores(predicted_values, gold_values, positive, n_boot, seed)
    return _validate_labels(predicted_values, gold_values, n_boot, seed)


def _values(values, what: str) -> np.ndarray:
    if isinstance(values, str) or np.ndim(values) != 1:
        raise ValueError(f"{what}: expected one value per unit (a one-dimensional sequence)")
    array = np.asarray(list(values), dtype=object)
    missing = [i for i, v in enumerate(array) if v is None or (isinstance(v, float) and np.isnan(v))]
    if missing:
        raise ValueError(f"{what}: missing value at position {missing[0]} (and {len(missing) - 1} more)")
    return array


def _is_spans(values) -> bool:
    if isinstance(values, pd.DataFrame):
        return {"start", "end"} <= set(values.columns)
    if isinstance(values, str) or not isinstance(values, list | tuple):
        return False
    return all(isinstance(v, tuple | list) and len(v) == 2 for v in values)


def _looks_like_scores(predicted: np.ndarray, gold: np.ndarray) -> bool:
    numeric = all(
        isinstance(v, int | float | np.number) and not isinstance(v, bool | np.bool_) for v in predicted
    )
    return numeric and not set(predicted.tolist()) <= set(gold.tolist())


def _interval(samples: np.ndarray) -> tuple[float, float]:
    samples = samples[~np.isnan(samples)]
    if not len(samples):
        return np.nan, np.nan
    low, high = np.percentile(samples, [2.5, 97.5])
    return float(low), float(high)


def _bootstrap_counts(codes: np.ndarray, n_codes: int, n_boot: int, seed: int):
    """Per resample (rows), how many resampled units carry each code (columns), in chunks."""
    rng = np.random.default_rng(seed)
    n = len(codes)
    for first in range(0, n_boot, _CHUNK):
        size = min(_CHUNK, n_boot - first)
        draws = codes[rng.integers(0, n, size=(size, n))] + (np.arange(size) * n_codes)[:, None]
        yield np.bincount(draws.ravel(), minlength=size * n_codes).reshape(size, n_codes)


def _classification(confusion: np.ndarray) -> dict[str, np.ndarray]:
    """Precision, recall and F1 per class (last axis), accuracy and macro-F1, from confusion counts.

    ``confusion`` has shape (..., K, K), gold on the rows and predicted on the columns.
    """
    true_positive = np.diagonal(confusion, axis1=-2, axis2=-1).astype(float)
    predicted = confusion.sum(axis=-2)
    support = confusion.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, true_positive / predicted, 0.0)
        recall = np.where(support > 0, true_positive / support, np.nan)
        f1 = np.where(
            precision + np.nan_to_num(recall) > 0, 2 * precision * recall / (precision + recall), 0.0
        )
        f1 = np.where(support > 0, f1, np.nan)
        accuracy = true_positive.sum(axis=-1) / confusion.sum(axis=(-2, -1))
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy,
        "macro_f1": np.nanmean(f1, axis=-1),
    }


def _validate_labels(predicted: np.ndarray, gold: np.ndarray, n_boot: int, seed: int) -> pd.DataFrame:
    classes = _sorted_classes(np.concatenate([gold, predicted]))
    index = {c: i for i, c in enumerate(classes)}
    k = len(classes)
    codes = np.array([index[g] * k + index[p] for g, p in zip(gold, predicted, strict=True)])
    confusion = np.bincount(codes, minlength=k * k).reshape(k, k)
    point = _classification(confusion)
    samples: dict[str, list] = {name: [] for name in point}
    for counts in _bootstrap_counts(codes, k * k, n_boot, seed):
        with warnings.catch_warnings():  # a resample that misses every class: mean of an empty slice
            warnings.simplefilter("ignore", RuntimeWarning)
            for name, values in _classification(counts.reshape(-1, k, k)).items():
                samples[name].append(values)
    stacked = {name: np.concatenate(parts) if parts else None for name, parts in samples.items()}
    support = confusion.sum(axis=1)
    rows = []
    for i, label in enumerate(classes):
        for metric in ("precision", "recall", "f1"):
            low, high = _interval(stacked[metric][:, i]) if n_boot else (np.nan, np.nan)
            rows.append((metric, label, float(point[metric][i]), low, high, int(support[i])))
    for metric in ("accuracy", "macro_f1"):
        low, high = _interval(stacked[metric]) if n_boot else (np.nan, np.nan)
        rows.append((metric, "all", float(point[metric]), low, high, len(gold)))
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def _sorted_classes(values: np.ndarray) -> list:
    unique = list(dict.fromkeys(values.tolist()))
    try:
        return sorted(unique)
    except TypeError:
        return sorted(unique, key=str)


def _auc_from_counts(positives: np.ndarray, negatives: np.ndarray) -> np.ndarray:
    """ROC-AUC from per-score-level counts (levels ascending on the last axis); ties count a half."""
    below = np.cumsum(negatives, axis=-1) - negatives
    pairs = positives.sum(axis=-1) * negatives.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        auc = (positives * (below + 0.5 * negatives)).sum(axis=-1) / pairs
    return np.where(pairs > 0, auc, np.nan)


def _validate_scores(scores: np.ndarray, gold: np.ndarray, positive, n_boot: int, seed: int) -> pd.DataFrame:
    classes = _sorted_classes(gold)
    if len(classes) != 2:
        raise ValueError(f"gold: ROC-AUC needs exactly two classes, got {len(classes)}: {classes[:5]}")
    if positive is None:
        if set(classes) <= {0, 1}:
            positive = 1 if 1 in classes else True
        else:
            raise ValueError(f"positive: say which gold class the scores point to (one of {classes})")
    if positive not in classes:
        raise ValueError(f"positive: {positive!r} is not a gold class (classes: {classes})")
    values = scores.astype(float)
    if not np.isfinite(values).all():
        raise ValueError("predicted: scores must be finite numbers")
    levels, level = np.unique(values, return_inverse=True)
    is_positive = np.array([g == positive for g in gold], dtype=int)
    codes = level * 2 + is_positive
    counts = np.bincount(codes, minlength=2 * len(levels))
    point = float(_auc_from_counts(counts[1::2], counts[0::2]))
    samples = [
        _auc_from_counts(c[:, 1::2], c[:, 0::2])
        for c in _bootstrap_counts(codes, 2 * len(levels), n_boot, seed)
    ]
    low, high = _interval(np.concatenate(samples)) if samples else (np.nan, np.nan)
    return pd.DataFrame([("roc_auc", positive, point, low, high, len(gold))], columns=METRIC_COLUMNS)


def _span_table(spans, what: str, by: str | None) -> pd.DataFrame:
    if isinstance(spans, pd.DataFrame):
        table = spans.copy()
    else:
        table = pd.DataFrame(list(spans), columns=["start", "end"])
    for column in ("start", "end"):
        if column not in table:
            raise ValueError(f"{what}: spans need 'start' and 'end' columns (columns: {list(table.columns)})")
        if table[column].isna().any():
            raise ValueError(
                f"{what}: missing '{column}' at row {int(np.flatnonzero(table[column].isna())[0])}"
            )
    bad = np.flatnonzero((table["end"] <= table["start"]).to_numpy())
    if len(bad):
        row = table.iloc[bad[0]]
        raise ValueError(f"{what}: span at row {bad[0]} ends before it starts ({row['start']}, {row['end']})")
    if by is not None and by not in table:
        raise ValueError(f"{what}: no column {by!r} naming the document (columns: {list(table.columns)})")
    table["_unit"] = table[by] if by is not None else 0
    return table


def _span_hits(predicted: pd.DataFrame, gold: pd.DataFrame, rule: str) -> tuple[np.ndarray, np.ndarray]:
    """Whether each predicted span matches a gold span of its document, and each gold span a predicted one."""
    predicted_hit = np.zeros(len(predicted), dtype=bool)
    gold_hit = np.zeros(len(gold), dtype=bool)
    gold_groups = {unit: rows for unit, rows in gold.groupby("_unit", sort=False).indices.items()}
    for unit, rows in predicted.groupby("_unit", sort=False).indices.items():
        if unit not in gold_groups:
            continue
        other = gold_groups[unit]
        ps, pe = predicted["start"].to_numpy()[rows, None], predicted["end"].to_numpy()[rows, None]
        gs, ge = gold["start"].to_numpy()[None, other], gold["end"].to_numpy()[None, other]
        match = (ps == gs) & (pe == ge) if rule == "strict" else (ps < ge) & (gs < pe)
        predicted_hit[rows] = match.any(axis=1)
        gold_hit[other] |= match.any(axis=0)
    return predicted_hit, gold_hit


def _prf(hits_p, n_p, hits_g, n_g):
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(n_p > 0, hits_p / n_p, np.nan)
        recall = np.where(n_g > 0, hits_g / n_g, np.nan)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return precision, recall, np.where(np.isnan(precision) | np.isnan(recall), np.nan, f1)


def _validate_spans(predicted, gold, overlap, by, n_boot: int, seed: int) -> pd.DataFrame:
    rules = (overlap,) if isinstance(overlap, str) else tuple(overlap)
    for rule in rules:
        if rule not in OVERLAP_RULES:
            raise ValueError(f"overlap: expected one of {OVERLAP_RULES}, got {rule!r}")
    if by is None and all(isinstance(t, pd.DataFrame) and "doc_id" in t for t in (predicted, gold)):
        by = "doc_id"
    predicted_table = _span_table(predicted, "predicted", by)
    gold_table = _span_table(gold, "gold", by)
    units = list(dict.fromkeys([*predicted_table["_unit"], *gold_table["_unit"]]))
    index = {u: i for i, u in enumerate(units)}
    p_unit = predicted_table["_unit"].map(index).to_numpy(dtype=int)
    g_unit = gold_table["_unit"].map(index).to_numpy(dtype=int)
    rows = []
    for rule in rules:
        p_hit, g_hit = _span_hits(predicted_table, gold_table, rule)
        if by is not None:  # documents are the units: per-document sums, resampled together
            per_unit = np.stack(
                [
                    np.bincount(p_unit, weights=p_hit, minlength=len(units)),
                    np.bincount(p_unit, minlength=len(units)),
                    np.bincount(g_unit, weights=g_hit, minlength=len(units)),
                    np.bincount(g_unit, minlength=len(units)),
                ]
            )
            samples = _resample_sums(per_unit, n_boot, seed)
        else:  # one document: predicted and gold spans resampled, each set on its own
            p_sums = _resample_sums(np.stack([p_hit, np.ones_like(p_hit)]).astype(float), n_boot, seed)
            g_sums = _resample_sums(np.stack([g_hit, np.ones_like(g_hit)]).astype(float), n_boot, seed + 1)
            samples = np.concatenate([p_sums, g_sums], axis=1) if n_boot else None
        point = _prf(p_hit.sum(), len(p_hit), g_hit.sum(), len(g_hit))
        spread = _prf(*samples.T) if samples is not None else None
        sizes = (len(p_hit), len(g_hit), len(p_hit) + len(g_hit))
        for i, metric in enumerate(("precision", "recall", "f1")):
            low, high = _interval(spread[i]) if spread is not None else (np.nan, np.nan)
            rows.append((metric, rule, float(point[i]), low, high, sizes[i]))
    return pd.DataFrame(rows, columns=SPAN_METRIC_COLUMNS)


def _resample_sums(table: np.ndarray, n_boot: int, seed: int) -> np.ndarray | None:
    """The column sums of a (quantities x units) table over ``n_boot`` resamples of its units."""
    if not n_boot:
        return None
    if table.shape[1] == 0:
        return np.zeros((n_boot, table.shape[0]))
    counts = np.concatenate(list(_bootstrap_counts(np.arange(table.shape[1]), table.shape[1], n_boot, seed)))
    return counts @ table.T


def agreement(
    codings,
    *,
    level: str = "nominal",
    tool: str | None = None,
    categories=None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Krippendorff's alpha and percent agreement among coders, and for a tool against them.

    Parameters
    ----------
    codings : DataFrame or mapping
        One column per coder (or the tool), one row per unit; a missing value
        (None, NaN) is a unit the coder did not code.
    level : {"nominal", "ordinal", "interval", "ratio"}
        Level of measurement of the codes (Krippendorff 2011).
    tool : str, optional
        The column holding the tool's codes. Then the table also gives the
        tool against each coder and the tool pooled with the coders.
    categories : sequence, optional
        The codes in order: needed for ordinal codes that are not numbers.
    n_boot : int
        Bootstrap resamples of the units for the 95% intervals (0: none).
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`. ``scope``: ``"coders"`` (every coder column),
        ``"<a> vs <b>"`` for each pair when there are more than two coders or a
        tool, and ``"coders + <tool>"``. ``percent_agreement`` is the share of
        agreeing pairs of codes among all pairs of codes given to the same unit
        (for two coders: the share of units both coded on which they agree).

    Examples
    --------
    >>> codes = {"ann": ["a", "a", "b", "b", "a"], "bob": ["a", "b", "b", "b", "a"]}
    >>> agreement(codes, n_boot=0)[["metric", "value"]].round(2).values.tolist()
    [['krippendorff_alpha', 0.64], ['percent_agreement', 0.8]]
    """
    import krippendorff

    if level not in LEVELS:
        raise ValueError(f"level: expected one of {LEVELS}, got {level!r}")
    table = pd.DataFrame(dict(codings)) if isinstance(codings, Mapping) else pd.DataFrame(codings)
    if table.shape[1] < 2:
        raise ValueError(f"codings: need at least two coders (columns), got {list(table.columns)}")
    if tool is not None and tool not in table:
        raise ValueError(f"tool: no column {tool!r} in codings (columns: {list(table.columns)})")
    numbers = _code_numbers(table, level, categories)
    coders = [c for c in table.columns if c != tool]
    scopes: list[tuple[str, list]] = [("coders", coders)] if len(coders) >= 2 else []
    pairs = list(itertools.combinations(table.columns, 2)) if (tool or len(coders) > 2) else []
    scopes += [(f"{a} vs {b}", [a, b]) for a, b in pairs]
    if tool is not None and len(coders) >= 2:
        scopes.append((f"coders + {tool}", [*coders, tool]))
    rng = np.random.default_rng(seed)
    rows = []
    for scope, columns in scopes:
        data = numbers[columns].to_numpy(dtype=float).T  # coders x units
        units = int((np.sum(~np.isnan(data), axis=0) >= 2).sum())
        alpha = _alpha(krippendorff, data, level)
        percent = _percent_agreement(data)
        low = high = p_low = p_high = np.nan
        if n_boot and data.shape[1]:
            draws = rng.integers(0, data.shape[1], size=(n_boot, data.shape[1]))
            low, high = _interval(np.array([_alpha(krippendorff, data[:, d], level) for d in draws]))
            p_low, p_high = _interval(np.array([_percent_agreement(data[:, d]) for d in draws]))
        rows.append((scope, "krippendorff_alpha", alpha, low, high, units, len(columns)))
        rows.append((scope, "percent_agreement", percent, p_low, p_high, units, len(columns)))
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _code_numbers(table: pd.DataFrame, level: str, categories) -> pd.DataFrame:
    """The codes as numbers: their rank in ``categories`` (or in sorted order) unless interval/ratio."""
    present = [v for v in pd.unique(table.to_numpy().ravel()) if not pd.isna(v)]
    if categories is None:
        if level in ("interval", "ratio") or all(isinstance(v, int | float | np.number) for v in present):
            bad = [v for v in present if not isinstance(v, int | float | np.number) or isinstance(v, bool)]
            if bad:
                raise ValueError(f"codings: {level} codes must be numbers, got {bad[0]!r}")
            return table.astype(float)
        if level == "ordinal":
            raise ValueError(
                "categories: ordinal codes that are not numbers need their order, e.g. ['low', 'high']"
            )
        categories = _sorted_classes(np.asarray(present, dtype=object))
    rank = {c: float(i) for i, c in enumerate(categories)}
    unknown = [v for v in present if v not in rank]
    if unknown:
        raise ValueError(f"codings: code {unknown[0]!r} is not among the categories {list(categories)}")
    return table.apply(lambda column: column.map(lambda v: np.nan if pd.isna(v) else rank[v]))


def _alpha(krippendorff, data: np.ndarray, level: str) -> float:
    values = data[~np.isnan(data)]
    if len(np.unique(values)) < 2 or (np.sum(~np.isnan(data), axis=0) >= 2).sum() == 0:
        return np.nan  # no variation or nothing pairable: alpha is undefined
    with np.errstate(divide="ignore", invalid="ignore"):  # a resample with no expected disagreement
        alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    return alpha if np.isfinite(alpha) else np.nan


def _percent_agreement(data: np.ndarray) -> float:
    """Agreeing pairs of codes among all pairs of codes given to the same unit (coders x units)."""
    agree = pairs = 0
    for i, j in itertools.combinations(range(data.shape[0]), 2):
        both = ~np.isnan(data[i]) & ~np.isnan(data[j])
        pairs += int(both.sum())
        agree += int((data[i][both] == data[j][both]).sum())
    return agree / pairs if pairs else np.nan
