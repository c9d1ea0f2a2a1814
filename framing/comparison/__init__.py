"""Comparisons: keyness, positioning, concordance (KWIC, collocations), groups and trends of a corpus.

Imports the wings below it (text, measures, analysis, corpus) and returns
tables; figures are drawn by :mod:`framing.views` from those tables.
(Named ``comparison``, not ``compare``, so it never shadows :func:`framing.compare`.)
"""

from framing.comparison.comparison import Comparison, compare
from framing.comparison.concordance import collocations, dispersion_table, kwic
from framing.comparison.groups import GroupComparison, compare_groups
from framing.comparison.keyness import keyness, keyness_table
from framing.comparison.positioning import bootstrap_mean, positioning_table
from framing.comparison.trends import Trend, trend

__all__ = [
    "Comparison",
    "GroupComparison",
    "Trend",
    "bootstrap_mean",
    "collocations",
    "compare",
    "compare_groups",
    "dispersion_table",
    "keyness",
    "keyness_table",
    "kwic",
    "positioning_table",
    "trend",
]
