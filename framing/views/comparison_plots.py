"""Matplotlib plots of comparisons: keyness bars, positioning strip, group panels, trends, lexical dispersion.

Each function takes a table (or a Document), draws on the Axes it is given
or on a new figure, and returns the Axes (an array of them for the
one-panel-a-group plots). Figures are deterministic: jitter is seeded.

Examples
--------
>>> from framing.comparison import compare
>>> ax = compare("Gangs, gangs and more gangs.", ["Police met ministers."], min_freq=1).plot_keyness(n=3)
>>> ax.get_xlabel()
'G2 (signed: right leans to article)'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.views.mpl import plain

TARGET_COLOUR = "#c0392b"
REFERENCE_COLOUR = "#7f8c8d"

MEASURE_LABELS = {
    "g2": "G2",
    "g2_williams": "G2 (Williams)",
    "chi2_yates": "chi-square (Yates)",
    "log_ratio": "log ratio",
    "pct_diff": "%DIFF",
    "fw_log_odds": "weighted log-odds",
    "fw_z": "weighted log-odds z",
}

#: Scores the positioning strip shows by default, when the article has them.
DEFAULT_POSITIONING = (
    "loaded_index",
    "loaded_rate",
    "vader_compound",
    "textblob_polarity",
    "textblob_subjectivity",
)


def _axes(ax, size):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=size, layout="constrained")[1]


def _panels(count: int, size_each=(3.2, 3.0)):
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(
        1, count, figsize=(size_each[0] * count, size_each[1]), layout="constrained", squeeze=False
    )
    return figure, axes[0]


def keyness_bars(
    table: pd.DataFrame, n: int = 20, measure: str = "g2", labels=("article", "reference"), ax=None
):
    """Horizontal bars: the ``n`` most target-leaning terms above, the ``n`` most reference-leaning below.

    As quanteda's ``textplot_keyness``: bar length is the signed ``measure``.
    """
    if measure not in MEASURE_LABELS:
        raise ValueError(f"plot a signed measure ({', '.join(MEASURE_LABELS)}), not {measure!r}")
    values = table[measure].replace([np.inf, -np.inf], np.nan)
    finite = table.assign(_value=values.fillna(values.abs().max() if values.notna().any() else 0))
    target = finite[finite["leaning"] == "target"].nlargest(n, "_value")
    reference = finite[finite["leaning"] == "reference"].nsmallest(n, "_value")
    shown = pd.concat([target, reference.iloc[::-1]])
    labels = tuple(plain(_short(str(label))) for label in labels)
    ax = _axes(ax, (7, max(2.5, 0.22 * len(shown) + 1)))
    y = np.arange(len(shown))[::-1]
    colours = [TARGET_COLOUR if v > 0 else REFERENCE_COLOUR for v in shown["_value"]]
    ax.barh(y, shown["_value"], color=colours, height=0.75)
    for yi, (term, value) in zip(y, zip(shown["term"], shown["_value"], strict=True), strict=True):
        ax.text(
            value,
            yi,
            f" {plain(term)} ",
            va="center",
            fontsize="small",
            ha="left" if value >= 0 else "right",
        )
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks([])
    ax.set_xlabel(f"{MEASURE_LABELS[measure]} (signed: right leans to {labels[0]})")
    ax.set_title(f"Keyness: {labels[0]} vs {labels[1]}", fontsize="medium")
    ax.margins(x=0.25)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=TARGET_COLOUR, label=str(labels[0])),
            Patch(color=REFERENCE_COLOUR, label=str(labels[1])),
        ],
        loc="lower right",
        fontsize="small",
        frameon=False,
    )
    return ax


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[: width - 1] + "\u2026"


def positioning_strip(
    positioning: pd.DataFrame, reference_scores: pd.DataFrame, scores=None, ax=None, labels=None, thin=None
):
    """One row a score: the reference documents as grey dots, the article as a red diamond, on a z scale.

    Each reference value is standardised with the reference mean and sd of
    its score, so scores on different scales share one axis; the article's
    percentile is written at the right. ``labels`` maps scores to the names
    shown (default: the score names); with ``thin``, a row resting on fewer
    reference documents than that says how many (``p67, n=3: thin``).

    Examples
    --------
    >>> table = pd.DataFrame({"score": ["s"], "article": [2.0], "reference_n": [3], "reference_mean": [1.0],
    ...                       "reference_sd": [1.0], "percentile": [100.0], "z": [1.0]})
    >>> reference = pd.DataFrame({"s": [0.0, 1.0, 2.0]})
    >>> ax = positioning_strip(table, reference, scores=["s"], labels={"s": "$ score"}, thin=30)
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.texts[0].get_text()
    (['\\\\$ score'], 'p100, n=3: thin')
    """
    table = positioning.set_index("score")
    if scores is None:
        scores = [s for s in table.index if s in DEFAULT_POSITIONING or s.startswith(("rate.", "target."))]
        scores = [s for s in scores if np.isfinite(table.loc[s, "z"])]
    missing = [s for s in scores if s not in table.index]
    if missing:
        raise ValueError(f"no positioning row for {missing[0]!r} (rows: {', '.join(table.index)})")
    labels = labels or {}
    ax = _axes(ax, (7.5, max(2.5, 0.25 * len(scores) + 1)))
    rng = np.random.default_rng(0)
    for row, score in enumerate(scores[::-1]):
        info = table.loc[score]
        values = reference_scores[score].dropna().to_numpy(dtype=float)
        sd = info["reference_sd"] if info["reference_sd"] > 0 else 1.0
        z = (values - info["reference_mean"]) / sd
        ax.scatter(z, row + rng.uniform(-0.18, 0.18, len(z)), s=6, color="#aab3b4", linewidths=0)
        if np.isfinite(info["z"]):
            ax.scatter([info["z"]], [row], marker="D", s=46, color=TARGET_COLOUR, zorder=3)
            note = f"p{info['percentile']:.0f}"
            if thin is not None and info["reference_n"] < thin:
                note += f", n={int(info['reference_n'])}: thin"
            ax.annotate(
                note,
                (1.0, row),
                xycoords=("axes fraction", "data"),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize="small",
            )
    ax.set_yticks(range(len(scores)), [plain(labels.get(s, s)) for s in scores[::-1]], fontsize="small")
    ax.axvline(0, color="#999999", linewidth=0.8)
    ax.set_xlabel(
        "z among reference documents (diamond: the article; right: its percentile)", fontsize="small"
    )
    ax.set_title("Where the article sits in the reference corpus", fontsize="medium")
    return ax


def group_scores(table: pd.DataFrame, scores=None, by: str | None = "group", ax=None):
    """Group means with bootstrap 95% intervals, one panel a score, groups side by side.

    ``table`` is :attr:`framing.comparison.GroupComparison.scores`; ``ax`` may be a sequence of Axes.
    """
    wanted = scores
    if wanted is None:
        present = table["score"].unique().tolist()
        defaults = ("loaded_index", "vader_compound", "textblob_polarity", "textblob_subjectivity")
        wanted = [s for s in defaults if s in present]
    if ax is None:
        _, axes = _panels(len(wanted))
    else:
        axes = np.atleast_1d(ax)
    groups = list(dict.fromkeys(table["group"]))
    for axis, score in zip(axes, wanted, strict=False):
        chosen = table[table["score"] == score].set_index("group").reindex(groups)
        x = np.arange(len(groups))
        low = (chosen["mean"] - chosen["ci_low"]).to_numpy()
        high = (chosen["ci_high"] - chosen["mean"]).to_numpy()
        axis.errorbar(x, chosen["mean"], yerr=[low, high], fmt="o", color=TARGET_COLOUR, capsize=4)
        axis.set_xticks(x, [plain(g) for g in groups], rotation=30, ha="right", fontsize="small")
        axis.set_xlim(-0.5, len(groups) - 0.5)
        axis.set_title(plain(score), fontsize="medium")
        axis.set_xlabel(plain(by or "group"))
    return axes


def group_keyness(table: pd.DataFrame, n: int = 10, measure: str = "g2"):
    """Each group's ``n`` most group-leaning terms as bars, one panel a group."""
    groups = list(dict.fromkeys(table["group"]))
    _, axes = _panels(len(groups), size_each=(3.0, max(2.5, 0.25 * n + 1)))
    for axis, group in zip(axes, groups, strict=True):
        chosen = table[(table["group"] == group) & (table["leaning"] == "target")].nlargest(n, measure)
        y = np.arange(len(chosen))[::-1]
        axis.barh(y, chosen[measure], color=TARGET_COLOUR)
        axis.set_yticks(y, [plain(t) for t in chosen["term"]], fontsize="small")
        axis.set_title(plain(group), fontsize="medium")
        axis.set_xlabel(MEASURE_LABELS.get(measure, measure))
    return axes


def trend_lines(table: pd.DataFrame, score: str | None = None, by: str | None = "group", ax=None):
    """A line a group through the period means of ``score``, a shaded band its 95% interval.

    ``table`` is :attr:`framing.comparison.trends.Trend.table` (``period``,
    ``group``, ``score``, ``n``, ``mean``, ``ci_low``, ``ci_high``). Without
    ``score``, the first of the usual document scores the table has, else its
    first score. A period without documents breaks the line.

    Examples
    --------
    >>> table = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"] * 2),
    ...                       "group": ["A", "A", "B", "B"], "score": "loaded_index",
    ...                       "n": 2, "mean": [1.0, 2.0, 3.0, 4.0], "ci_low": [0.5, 1.5, 2.5, 3.5],
    ...                       "ci_high": [1.5, 2.5, 3.5, 4.5]})
    >>> ax = trend_lines(table, by="outlet")
    >>> [line.get_label() for line in ax.get_lines()], ax.get_ylabel()
    (['A', 'B'], 'loaded_index')
    """
    present = list(dict.fromkeys(table["score"]))
    if score is None:
        score = next((s for s in DEFAULT_POSITIONING if s in present), present[0] if present else None)
    if score not in present:
        raise ValueError(f"no trend of {score!r} (scores: {', '.join(map(str, present))})")
    chosen = table[table["score"] == score]
    ax = _axes(ax, (8, 3.5))
    groups = list(dict.fromkeys(chosen["group"]))
    for group in groups:
        rows = chosen[chosen["group"] == group].sort_values("period")
        (line,) = ax.plot(rows["period"], rows["mean"], marker="o", markersize=3, label=plain(group))
        ax.fill_between(
            rows["period"],
            rows["ci_low"].to_numpy(dtype=float),
            rows["ci_high"].to_numpy(dtype=float),
            color=line.get_color(),
            alpha=0.2,
            linewidth=0,
        )
    ax.set_ylabel(plain(score))
    ax.set_xlabel("period")
    ax.set_title(f"{plain(score)} over time (mean, 95% interval)", fontsize="medium")
    if len(groups) > 1:
        ax.legend(title=plain(by) if by else by, fontsize="small", frameon=False)
    ax.figure.autofmt_xdate()
    return ax


def dispersion(table: pd.DataFrame, terms=None, ax=None):
    """Lexical dispersion: a tick at each word position where a term occurs along the article.

    ``table`` is :func:`framing.comparison.dispersion_table` (``term``, ``word``;
    ``attrs["words"]`` the article's length in words).

    Examples
    --------
    >>> table = pd.DataFrame({"term": ["gangs", "gangs", "migrants"], "word": [0, 3, 2]})
    >>> ax = dispersion(table, ["gangs", "migrants"])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['gangs', 'migrants']
    """
    terms = list(dict.fromkeys(table["term"])) if terms is None else list(terms)
    words = table.attrs.get("words", int(table["word"].max()) + 1 if len(table) else 1)
    ax = _axes(ax, (8, max(2.0, 0.3 * len(terms) + 1)))
    for row, term in enumerate(terms):
        x = table.loc[table["term"] == term, "word"]
        ax.scatter(x, [row] * len(x), marker="|", s=200, color=TARGET_COLOUR)
    ax.set_yticks(range(len(terms)), [plain(t) for t in terms], fontsize="small")
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlim(0, max(words, 1))
    ax.set_xlabel("word offset in the article")
    ax.set_title("Lexical dispersion", fontsize="medium")
    return ax
