"""Trends: document scores over time, per period and group, with bootstrap intervals of the mean.

:func:`trend` parses a date column into datetimes, bins the documents into
periods with ``pandas.Grouper`` and returns a :class:`Trend`: a tidy
``table`` (one row a period, group and score) and ``.plot()``.

Examples
--------
>>> table = pd.DataFrame({"published": ["2024-01-05", "2024-01-20", "2024-03-02"],
...                       "loaded_index": [1.0, 3.0, 5.0]})
>>> t = trend(table, by=None, n_boot=100)
>>> t.table[["period", "n", "mean"]].astype({"period": str}).values.tolist()
[['2024-01-01', 2, 2.0], ['2024-02-01', 0, nan], ['2024-03-01', 1, 5.0]]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from framing.comparison.groups import group_labels, score_table
from framing.comparison.positioning import bootstrap_mean
from framing.corpus import Corpus, CorpusError, load_corpus

#: Columns of :attr:`Trend.table`, in order.
TREND_COLUMNS = ["period", "group", "score", "n", "mean", "ci_low", "ci_high"]

#: The group of every document when :func:`trend` is given ``by=None``.
ALL = "all"


class Trend:
    """Document scores per period and group (made by :func:`trend`).

    Attributes
    ----------
    table : DataFrame
        ``period`` (a datetime: the first day of the period for monthly,
        quarterly and yearly bins, else pandas' bin label), ``group``,
        ``score``, ``n`` (documents with a value), ``mean``, ``ci_low``,
        ``ci_high`` (seeded bootstrap 95% interval of the mean). Every period
        from the first document's to the last appears for every group; a
        period without documents has ``n`` 0 and no mean.
    date, freq, by : str
        What the documents were binned by.
    """

    def __init__(self, table: pd.DataFrame, *, date: str, freq: str, by: str | None) -> None:
        self.table = table
        self.date = date
        self.freq = freq
        self.by = by

    def __repr__(self) -> str:
        groups = self.table["group"].nunique()
        periods = self.table["period"].nunique()
        return f"<Trend of {self.date!r} per {self.freq!r}: {periods} periods, {groups} groups>"

    def _repr_html_(self) -> str:
        return self.table._repr_html_()

    def plot(self, score: str | None = None, ax=None):
        """A line a group through the period means, a band its 95% interval."""
        from framing.views.comparison_plots import trend_lines

        return trend_lines(self.table, score=score, by=self.by, ax=ax)


def _grouper_freq(freq: str) -> str:
    """pandas' bin frequency for ``freq``: ``M``, ``Q`` and ``Y`` bins start at the period's first day."""
    match = re.fullmatch(r"(\d*)([MQYA])", freq)
    if match:
        return f"{match.group(1)}{'Y' if match.group(2) == 'A' else match.group(2)}S"
    return freq


def parse_dates(values: pd.Series, column: str, doc_ids=None) -> pd.Series:
    """``values`` as datetimes (timezone offsets converted to UTC); a missing value stays NaT.

    Strings are parsed in the format pandas infers, then any that fail one by
    one (``format="mixed"``).

    Raises
    ------
    ValueError
        Naming ``column``, the first row (counted from 1) that is not a date,
        its ``doc_id`` and its value; or when the column holds numbers.

    Examples
    --------
    >>> parse_dates(pd.Series(["2024-01-31", "1 Feb 2024", None]), "published").dt.day.tolist()
    [31.0, 1.0, nan]
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(values):
        return values
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise ValueError(f"column {column!r} holds numbers ({values.dtype}), not dates")
    present = values.notna() & (values.astype(str).str.strip() != "")
    parsed = pd.to_datetime(values.where(present), errors="coerce", utc=True)
    failed = present & parsed.isna()
    if failed.any():
        parsed[failed] = pd.to_datetime(values[failed], errors="coerce", utc=True, format="mixed")
        failed = present & parsed.isna()
    if failed.any():
        row = int(np.flatnonzero(failed.to_numpy())[0])
        name = f" (doc_id {doc_ids[row]!r})" if doc_ids is not None else ""
        raise ValueError(f"column {column!r}, row {row + 1}{name}: {values.iloc[row]!r} is not a date")
    return parsed.dt.tz_localize(None)


def trend(
    data,
    date: str = "published",
    freq: str = "M",
    by: str | None = "outlet",
    *,
    columns=None,
    lexicon=None,
    n_boot: int = 2000,
    seed: int = 0,
) -> Trend:
    """Document scores over time: per period and group, documents, mean and bootstrap 95% interval.

    Parameters
    ----------
    data : DataFrame, Corpus, or anything :func:`framing.load_corpus` loads
        A table of document scores (one row a document, as ``score_corpus``
        returns), or a corpus (scored with :meth:`~framing.corpus.Corpus.scores`).
    date : str
        The column of publication dates: datetimes, or strings parsed into
        them (see :func:`parse_dates`). Documents without a date are left out.
    freq : str
        The period: a pandas frequency (``"M"`` month, ``"Q"``, ``"Y"``,
        ``"W"``, ``"D"``, ``"2W"`` ...). Months, quarters and years are
        labelled by their first day.
    by : str or None
        The group column (documents without a group are left out); ``None``
        puts every document in one group, ``"all"``.
    columns : sequence of str, optional
        The scores (default every score; see :func:`framing.comparison.groups.score_table`).
    lexicon
        Scores a corpus with this lexicon (as :meth:`~framing.corpus.Corpus.scores`).
    n_boot, seed
        Bootstrap resamples and their seed (:func:`~framing.comparison.positioning.bootstrap_mean`).

    Returns
    -------
    Trend
        ``.table`` (``period``, ``group``, ``score``, ``n``, ``mean``,
        ``ci_low``, ``ci_high``) and ``.plot(score=...)``.

    Examples
    --------
    >>> table = pd.DataFrame({"published": ["2024-01-05", "2024-02-20", "2024-02-21"],
    ...                       "outlet": ["A", "A", "B"], "loaded_index": [1.0, 3.0, 5.0]})
    >>> t = trend(table, n_boot=100).table
    >>> t[["group", "n"]].values.tolist()
    [['A', 1], ['B', 0], ['A', 1], ['B', 1]]
    """
    if not isinstance(data, pd.DataFrame):
        data = load_corpus(data)
        if not data.has_documents:
            raise CorpusError(f"{data.name} has no documents for a trend")
    name = data.name if isinstance(data, Corpus) else "the table of scores"
    metadata = data.metadata if isinstance(data, Corpus) else data
    if date not in metadata.columns:
        columns_list = ", ".join(map(str, metadata.columns))
        raise CorpusError(f"{name}: no date column {date!r} (columns: {columns_list})")
    labels = pd.Series(ALL, index=range(len(metadata))) if by is None else group_labels(data, by, name)
    table, scores = score_table(data, lexicon=lexicon, columns=columns, exclude=[date, by])
    doc_ids = table["doc_id"].tolist() if "doc_id" in table.columns else None
    frame = table[scores].assign(
        _period=parse_dates(table[date].reset_index(drop=True), date, doc_ids), _group=labels.to_numpy()
    )
    frame = frame[frame["_period"].notna() & frame["_group"].notna()]
    if frame.empty:
        raise ValueError(f"{name}: no document has both a date ({date!r}) and a group ({by!r})")
    bins = pd.Grouper(key="_period", freq=_grouper_freq(freq))
    periods = frame.resample(bins.freq, on="_period").size().index
    groups = sorted(frame["_group"].unique().tolist(), key=str)
    rows_of = frame.groupby([bins, "_group"], sort=True).indices  # (period, group) -> row positions
    values = frame[scores].to_numpy(dtype=float)
    empty = np.empty(0, dtype=np.int64)
    rows = []
    for period in periods:
        for group in groups:
            block = values[rows_of.get((period, group), empty)]
            counts = np.count_nonzero(~np.isnan(block), axis=0)
            means, lows, highs = bootstrap_mean(block, n_boot=n_boot, seed=seed)
            for j, score in enumerate(scores):
                rows.append((period, group, score, int(counts[j]), means[j], lows[j], highs[j]))
    result = pd.DataFrame(rows, columns=TREND_COLUMNS).astype({"n": np.int64})
    return Trend(result, date=date, freq=freq, by=None if by is None else labels.name)
