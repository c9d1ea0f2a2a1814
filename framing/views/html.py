"""HTML rendering of an analysis: the article with its loaded terms highlighted.

Rendering is kept apart from the model (as spaCy's displacy): it reads the
offsets an :class:`~framing.analysis.Analysis` carries and escapes every
piece of article text, so untrusted copy can never inject markup.

Examples
--------
>>> highlight("<b>gangs</b>", [(3, 8, {"category": "crime", "title": "crime"})])
'&lt;b&gt;<mark class="framing-term" data-category="crime" title="crime">gangs</mark>&lt;/b&gt;'
"""

from __future__ import annotations

from html import escape

#: Colour per category position (colour-blind-safe Okabe-Ito palette, lightened for a background).
PALETTE = ("#f5c26b", "#8fc9ef", "#7fd1b9", "#f7ea8c", "#7fb3d9", "#f0a97a", "#e3b0cf", "#c9c9c9", "#b8e186")

STYLE = """
.framing-article { white-space: pre-wrap; line-height: 1.6; font-family: Georgia, serif; max-width: 48em; }
.framing-term { border-radius: 3px; padding: 0 2px; }
.framing-term[data-voice="quoted"], .framing-term[data-voice="scare"], .framing-term[data-counted="False"] {
  background: transparent !important; }
.framing-term[data-voice="quoted"] { outline: 2px solid var(--framing-colour); }
.framing-term[data-voice="scare"] { outline: 2px dashed var(--framing-colour); }
.framing-term[data-counted="False"] { text-decoration: underline dotted; }
.framing-excluded { color: #888; text-decoration: line-through; }
.framing-legend span { margin-right: 0.8em; padding: 0 4px; border-radius: 3px; }
"""


def highlight(text: str, marks: list[tuple[int, int, dict]], excluded=()) -> str:
    """``text`` as escaped HTML with ``<mark>`` around each ``(start, end, attributes)``.

    Marks must not overlap. ``attributes`` become ``data-*`` attributes, except
    ``title`` (the tooltip) and ``style``. ``excluded`` ranges are wrapped in a
    ``framing-excluded`` span with their reason as the tooltip.

    Examples
    --------
    >>> highlight("a & b", [], excluded=[(4, 5, "trailer")])
    'a &amp; <span class="framing-excluded" title="excluded: trailer">b</span>'
    """
    pieces, position = [], 0
    events = sorted([(s, e, "mark", a) for s, e, a in marks] + [(s, e, "cut", r) for s, e, r in excluded])
    for start, end, kind, extra in events:
        if start < position:
            continue
        pieces.append(escape(text[position:start]))
        inner = escape(text[start:end])
        if kind == "cut":
            pieces.append(
                f'<span class="framing-excluded" title="{escape("excluded: " + extra)}">{inner}</span>'
            )
        else:
            attributes = "".join(
                f' {"" if key in ("title", "style") else "data-"}{key}="{escape(str(value))}"'
                for key, value in extra.items()
            )
            pieces.append(f'<mark class="framing-term"{attributes}>{inner}</mark>')
        position = end
    pieces.append(escape(text[position:]))
    return "".join(pieces)


def category_colours(categories) -> dict[str, str]:
    """A stable background colour for each category, by its order in the lexicon.

    Examples
    --------
    >>> category_colours(["illegality", "hyperbole"])["hyperbole"]
    '#8fc9ef'
    """
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def analysis_html(analysis) -> str:
    """The article of ``analysis`` with every loaded term highlighted, a legend and a tooltip per term.

    Terms in the author's own voice are filled with their category's colour,
    quoted terms outlined, scare-quoted terms dashed, and terms left out of the
    index (negated, names, exceptions, neutral markers) underlined with a dotted
    line. The tooltip gives the category, weight, voice and the neutral
    alternatives by style guide; page boilerplate is shown struck through.
    """
    colours = category_colours(analysis.categories)
    marks = []
    for row in analysis.spans.itertuples():
        tooltip = f"{row.category} · weight {row.weight} · {row.voice}"
        if row.voice == "quoted" and row.speaker_id:
            tooltip += f" ({row.speaker_id})"
        flags = [
            flag.replace("_", " ") for flag in ("negated", "proper_name", "excepted") if getattr(row, flag)
        ]
        if flags:
            tooltip += " · not counted: " + ", ".join(flags)
        if row.alternatives:
            tooltip += f" · alternatives: {row.alternatives}"
        colour = colours.get(row.category, PALETTE[-1])
        marks.append(
            (
                row.start,
                row.end,
                {
                    "category": row.category,
                    "entry": row.entry,
                    "weight": row.weight,
                    "voice": row.voice,
                    "counted": bool(row.counted),
                    "title": tooltip,
                    "style": f"background:{colour};--framing-colour:{colour}",
                },
            )
        )
    document = analysis.document
    body = highlight(document.text, marks, document.excluded).strip("\n")
    counts = analysis.spans.loc[analysis.spans["counted"], "category"].value_counts()
    legend = "".join(
        f'<span style="background:{colours[c]}">{escape(str(c))} ({int(counts.get(c, 0))})</span>'
        for c in analysis.categories
        if counts.get(c, 0)
    )
    return (
        f"<style>{STYLE}</style>"
        f'<div class="framing-analysis"><p class="framing-legend">{legend}</p>'
        f'<div class="framing-article">{body}</div></div>'
    )
