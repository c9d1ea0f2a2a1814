"""What the matplotlib views share: user text drawn as text.

Matplotlib reads a string with a pair of ``$`` as mathtext, so a category
label such as ``"costs in $ and $"`` would be typeset as mathematics, and
``"$\\frac$"`` would fail to draw. Every string a user supplies (labels, terms,
group names, corpus names) goes through :func:`plain` first.

Examples
--------
>>> plain("$5 to $10")
'\\\\$5 to \\\\$10'
"""

from __future__ import annotations


def plain(text) -> str:
    """``text`` as a string matplotlib draws literally: each ``$`` escaped, so no mathtext is parsed.

    Backslashes stay as they are (outside mathtext they are drawn as written).

    Examples
    --------
    >>> import matplotlib.cbook
    >>> label = plain(r"$\\alpha$ costs \\ $")
    >>> matplotlib.cbook.is_math_text(label), label.replace(r"\\$", "$")
    (False, '$\\\\alpha$ costs \\\\ $')
    """
    return str(text).replace("$", r"\$")
