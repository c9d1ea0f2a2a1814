"""Matplotlib plots of one article's analysis.

Each function takes an :class:`~framing.analysis.Analysis` and an optional
Axes, draws on it and returns it, so plots compose in a researcher's own
figures.

Examples
--------
>>> from framing.analysis import analyze
>>> ax = sentiment_arc(analyze("Gangs exploit migrants. Police help them."))
>>> ax.get_xlabel()
'sentence'
"""

from __future__ import annotations


def _axes(ax, size=(8, 3.5)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=size, layout="constrained")[1]


def sentiment_arc(analysis, ax=None):
    """VADER compound (bars) and TextBlob polarity (line) sentence by sentence.

    Sentences with loaded terms are marked with a dot above the axis.
    """
    ax = _axes(ax)
    sentences = analysis.sentences
    x = sentences["sentence"]
    colours = ["#c0392b" if v < 0 else "#2e86c1" for v in sentences["vader_compound"]]
    ax.bar(x, sentences["vader_compound"], color=colours, alpha=0.7, label="VADER compound")
    ax.plot(x, sentences["textblob_polarity"], color="#333333", marker=".", label="TextBlob polarity")
    loaded = sentences[sentences["loaded_terms"] > 0]
    ax.scatter(
        loaded["sentence"],
        [1.08] * len(loaded),
        s=loaded["loaded_terms"] * 12,
        color="#e67e22",
        label="loaded terms",
        clip_on=False,
    )
    ax.axhline(0, color="#999999", linewidth=0.8)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("sentence")
    ax.set_ylabel("sentiment (-1 to 1)")
    ax.set_title("Sentiment arc")
    ax.legend(loc="lower left", fontsize="small", frameon=False, ncols=3)
    return ax


def categories(analysis, ax=None):
    """Horizontal bars: counted loaded terms per 1,000 words in each category the article uses.

    Bars are labelled with the lexicon's category labels (drawn as text, never
    as mathtext) and coloured as the highlighted article is
    (:func:`framing.views.html.category_colours`).
    With no loaded term at all, the axes say so instead of drawing empty bars.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> ax = categories(analyze("Gangs exploit migrants."))
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
    (['Criminalisation', 'Victimisation and humanitarian framing'], 'loaded terms per 1,000 words')
    """
    from framing.views.html import category_colours, category_labels
    from framing.views.mpl import plain

    ax = _axes(ax, size=(7, 3.5))
    scores = analysis.scores
    rates = scores[
        (scores["metric"] == "rate_per_1k") & (scores["category"] != "all") & (scores["value"] > 0)
    ]
    colours, labels = category_colours(analysis.categories), category_labels(analysis.categories)
    if rates.empty:
        ax.text(0.5, 0.5, "no loaded terms in this article", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    ax.barh(
        [plain(labels.get(c, c)) for c in rates["category"]],
        rates["value"],
        color=[colours[c] for c in rates["category"]],
        edgecolor="#555555",
    )
    ax.invert_yaxis()
    ax.set_xlabel("loaded terms per 1,000 words")
    ax.set_title("Loaded language by category")
    return ax
