"""HTML rendering: the article with its loaded terms highlighted, lexicon cards, concordances.

Rendering is kept apart from the model (as spaCy's displacy): it reads the
offsets an :class:`~framing.analysis.Analysis` carries and escapes every
piece of article text, so untrusted copy can never inject markup.

Colours: each category of the lexicons in use gets its own colour of
:data:`PALETTE`, in order across the lexicons, with the chip text colour
(:func:`ink_colour`) chosen for WCAG AA contrast against it and a darker
edge (:func:`edge_colour`) for outlines on a light page. Highlights carry
their colours inline and set their text colour, so they read the same in
JupyterLab's light and dark themes and in print.

Examples
--------
>>> highlight("<b>gangs</b>", [(3, 8, {"category": "crime", "title": "crime"})])
'&lt;b&gt;<mark class="framing-term" data-category="crime" title="crime">gangs</mark>&lt;/b&gt;'
"""

from __future__ import annotations

from html import escape

#: One colour per category, in the order categories are assigned. Chosen for
#: a light background with dark text (CIELAB L* 52 to 93, chroma 15 to 70) by
#: farthest-point sampling on a grid of sRGB colours: each next colour is the
#: one farthest (CIEDE2000) from those already taken, from white and from a
#: dark page, under normal vision and under simulated protanopia,
#: deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009,
#: severity 1), started from Okabe and Ito's sky blue; then the closest pair
#: was improved by swaps. Any two of the first 10 differ by at least 11.6
#: CIEDE2000 units in all four visions, of the first 28 (the two default
#: lexicons) by 6.3, of all 36 by 5.4. Past 36 categories, colours repeat.
PALETTE = (
    "#58b8e8",
    "#b07000",
    "#f8c870",
    "#688878",
    "#a8c0a8",
    "#8868e0",
    "#9880a0",
    "#98a068",
    "#c0f8c0",
    "#d89818",
    "#f0d8f8",
    "#c8a0b8",
    "#808058",
    "#48f0d0",
    "#7090c8",
    "#88a088",
    "#d0c090",
    "#e84898",
    "#9880f8",
    "#a0c0d8",
    "#b88840",
    "#b0b058",
    "#388888",
    "#f0f060",
    "#f88090",
    "#b098c0",
    "#7078b8",
    "#c0e898",
    "#d088a0",
    "#88d0f8",
    "#f0b038",
    "#809070",
    "#48b0a8",
    "#98e0b0",
    "#a07088",
    "#d85050",
)
#: The chip text colours :func:`ink_colour` chooses between.
INKS = ("#000000", "#ffffff")
#: What a span's voice means, for tooltips.
VOICES = {
    "author": "the journalist's own words",
    "quoted": "inside quoted speech",
    "scare": "in scare quotes",
}
#: What keeps a span out of the index, for tooltips.
FLAGS = {"negated": "negated", "proper_name": "part of a name", "excepted": "one of the entry's exceptions"}

STYLE = """
.framing-article { white-space: pre-wrap; line-height: 1.6; font-family: Georgia, serif; max-width: 48em; }
.framing-term, .framing-chip { border-radius: 3px; padding: 0 2px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.framing-term { --framing-line: var(--framing-edge); }
.framing-term[data-voice="quoted"], .framing-term[data-voice="scare"], .framing-term[data-counted="False"] {
  background: transparent !important; color: inherit !important; }
.framing-term[data-voice="quoted"] { outline: 2px solid var(--framing-line); }
.framing-term[data-voice="scare"] { outline: 2px dashed var(--framing-line); }
.framing-term[data-counted="False"] { text-decoration: underline dotted var(--framing-line);
  text-decoration-thickness: 2px; }
.framing-excluded { opacity: 0.6; text-decoration: line-through; }
.framing-legend .framing-chip { margin-right: 0.8em; display: inline-block; }
.framing-key { font-size: 0.85em; opacity: 0.85; }
.framing-key span { margin-right: 1em; }
.framing-sources { font-size: 0.85em; opacity: 0.85; margin-top: 0.3em; }
.framing-key .framing-term { --framing-edge: currentColor; --framing-fill: currentColor; }
[data-jp-theme-light="false"] .framing-term { --framing-line: var(--framing-fill); }
@media (prefers-color-scheme: dark) {
  .framing-term { --framing-line: var(--framing-fill); }
  [data-jp-theme-light="true"] .framing-term { --framing-line: var(--framing-edge); }
}
@media print {
  .framing-term { --framing-line: var(--framing-edge) !important; }
  .framing-article { max-width: none; }
}
.framing-table caption { text-align: left; font-weight: bold; }
.framing-table td, .framing-table th { text-align: left; vertical-align: top; }
.framing-table td.framing-number { text-align: right; font-variant-numeric: tabular-nums; }
.framing-kwic td { white-space: pre; }
.framing-kwic td.framing-left { text-align: right; }
.framing-kwic td.framing-keyword { text-align: center; font-weight: bold; }
.framing-kwic td.framing-right { text-align: left; }
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


def _linear(colour: str) -> list[float]:
    """The linear-light sRGB channels of ``#rrggbb`` (IEC 61966-2-1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``: 0 for black, 1 for white.

    Examples
    --------
    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    red, green, blue = _linear(colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    darker, lighter = sorted((relative_luminance(first), relative_luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def ink_colour(background: str) -> str:
    """The text colour of :data:`INKS` with the higher contrast against ``background``.

    Examples
    --------
    >>> ink_colour("#f8c870"), ink_colour("#222255")
    ('#000000', '#ffffff')
    """
    return max(INKS, key=lambda ink: contrast_ratio(ink, background))


def edge_colour(fill: str, luminance: float = 0.18) -> str:
    """``fill`` darkened (same chromaticity) to at most ``luminance``: an outline that reads on white.

    Scaling the linear channels scales the luminance by the same factor, so the
    result keeps its hue; at 0.18 its contrast with white is at least 4.5.

    Examples
    --------
    >>> edge = edge_colour("#f8c870")
    >>> edge, contrast_ratio(edge, "#ffffff") >= 4.5
    ('#8e713d', True)
    """
    factor = min(1.0, luminance / max(relative_luminance(fill), 1e-9))
    channels = []
    for value in _linear(fill):
        value *= factor
        value = 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
        channels.append(round(min(max(value, 0.0), 1.0) * 255))
    return "#" + "".join(f"{c:02x}" for c in channels)


def category_colours(categories) -> dict[str, str]:
    """A background colour for each category, by its position across the lexicons in use.

    Examples
    --------
    >>> category_colours(["illegality", "hyperbole"])["hyperbole"] == PALETTE[1]
    True
    """
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def category_labels(categories: dict) -> dict[str, str]:
    """The label of each category of ``{category: spec}`` (a lexicon's ``categories``), else its key.

    Examples
    --------
    >>> category_labels({"burden": {"label": "Burden and pull-factor framing"}, "x": {}})
    {'burden': 'Burden and pull-factor framing', 'x': 'x'}
    """
    return {c: str((spec or {}).get("label") or c) for c, spec in categories.items()}


def _swatch(fill: str) -> str:
    """The inline style of a filled chip or mark: its fill, its ink, and the variables the CSS uses."""
    edge = edge_colour(fill)
    return f"background:{fill};color:{ink_colour(fill)};--framing-fill:{fill};--framing-edge:{edge}"


def _tooltip(row, label: str, entry, notes: list[int]) -> str:
    """A span's tooltip: category, weight, direction, voice, whether it counts, alternatives, why, and the
    numbers of its sources and guides in the list under the article (each citation is given once there)."""
    lines = [f"{label} · weight {row.weight} of 3 · {row.direction}"]
    voice = f"Voice: {row.voice} ({VOICES.get(row.voice, row.voice)}"
    if row.voice == "quoted" and row.speaker_id:
        voice += f", speaker {row.speaker_id}"
    lines.append(voice + ")")
    flags = [FLAGS[flag] for flag in FLAGS if getattr(row, flag)]
    if row.counted:
        lines.append("Counted in the loaded-language index")
    elif flags:
        lines.append("Not counted: " + ", ".join(flags))
    else:
        lines.append("Not counted: a neutral marker")
    if row.alternatives:
        lines.append(f"Alternatives: {row.alternatives}")
    if row.rationale:
        lines.append(f"Why: {row.rationale}")
    if notes:
        lines.append(f"Sources and guides: {', '.join(f'[{n}]' for n in notes)}, cited under the article")
    elif row.source and entry is None:
        lines.append(f"Sources: {row.source}")
    return "\n".join(lines)


def _sources(analysis, entries: dict) -> tuple[dict, list[tuple[int, str]]]:
    """Number each source and guide the article's spans cite, in order of first use.

    Returns ``{(lexicon, entry): [numbers]}`` and the list ``[(number, "key: full citation")]``; a
    source two lexicons cite alike gets one number.
    """
    lexicons = {lexicon.name: lexicon for lexicon in analysis.lexicons}
    numbers: dict[str, int] = {}
    cited: dict[tuple[str, str], list[int]] = {}
    for row in analysis.spans[["lexicon", "entry"]].drop_duplicates().itertuples(index=False):
        entry, lexicon = entries.get((row.lexicon, row.entry)), lexicons.get(row.lexicon)
        if entry is None or lexicon is None:
            continue
        own = []
        for key in dict.fromkeys([*entry.source, *entry.alternatives]):
            item = f"{key}: {lexicon.citation(key)}"
            own.append(numbers.setdefault(item, len(numbers) + 1))
        cited[(row.lexicon, row.entry)] = own
    return cited, [(number, item) for item, number in numbers.items()]


def analysis_html(analysis) -> str:
    """The article of ``analysis`` with every loaded term highlighted, a legend and a tooltip per term.

    Terms in the author's own voice are filled with their category's colour,
    quoted terms outlined, scare-quoted terms dashed, and terms left out of the
    index (negated, names, exceptions, neutral markers) underlined with a dotted
    line. The tooltip gives the category's label, the weight, the direction, the
    voice, whether the term counts and why not, the alternatives by guide, the
    entry's rationale and the numbers of its sources and guides; under the
    article, each of those is cited in full once, and each direction explained.
    Page boilerplate is shown struck through. An article where no term of the
    lexicons counts says so in a sentence instead of an empty legend.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> page = analysis_html(analyze("The council met on Tuesday."))
    >>> "No term of the lexicons in use (migration, loaded) counts in this article" in page
    True
    """
    categories = analysis.categories
    colours, labels = category_colours(categories), category_labels(categories)
    entries = {(lexicon.name, e.id): e for lexicon in analysis.lexicons for e in lexicon.entries}
    cited, sources = _sources(analysis, entries)
    marks = []
    for row in analysis.spans.itertuples():
        colour = colours.get(row.category, PALETTE[-1])
        entry = entries.get((row.lexicon, row.entry))
        notes = cited.get((row.lexicon, row.entry), [])
        tooltip = _tooltip(row, labels.get(row.category, row.category), entry, notes)
        attributes = {
            "category": row.category,
            "entry": row.entry,
            "weight": row.weight,
            "voice": row.voice,
            "counted": bool(row.counted),
            "title": tooltip,
            "style": _swatch(colour),
        }
        marks.append((row.start, row.end, attributes))
    document = analysis.document
    body = highlight(document.text, marks, document.excluded).strip("\n")
    counts = analysis.spans.loc[analysis.spans["counted"], "category"].value_counts()
    legend = "".join(
        f'<span class="framing-chip" style="{_swatch(colours[c])}" '
        f'title="{escape(str((categories[c] or {}).get("description", "")))}">'
        f"{escape(labels[c])} ({int(counts.get(c, 0))})</span>"
        for c in categories
        if counts.get(c, 0)
    )
    if not legend:
        names = ", ".join(lexicon.name for lexicon in analysis.lexicons)
        empty = f"No term of the lexicons in use ({names}) counts in this article"
        if len(analysis.spans):
            empty += ": the marked words are markers or uses left out of the index"
        legend = f'<span class="framing-empty">{escape(empty)}.</span>'
    key = (
        '<p class="framing-key"><span>filled: the journalist\'s own words</span>'
        '<span><span class="framing-term" data-voice="quoted">outlined</span>: quoted speech</span>'
        '<span><span class="framing-term" data-voice="scare">dashed</span>: scare quotes</span>'
        '<span><span class="framing-term" data-counted="False">dotted</span>: not counted</span>'
        "<span>hover a term for why it is flagged</span></p>"
        if len(analysis.spans)
        else ""
    )
    notes = ""
    if len(analysis.spans):
        directions = {d: m for lexicon in analysis.lexicons for d, m in lexicon.directions.items()}
        used = dict.fromkeys(analysis.spans["direction"])
        meanings = "; ".join(f"{escape(d)}: {escape(directions.get(d, d))}" for d in used)
        notes = f'<div class="framing-notes"><p class="framing-key">Directions: {meanings}.</p>'
        if sources:
            items = "".join(f'<li value="{n}">{escape(item)}</li>' for n, item in sources)
            notes += (
                '<p class="framing-key">Sources and style guides the tooltips cite:</p>'
                f'<ol class="framing-sources">{items}</ol>'
            )
        notes += "</div>"
    return (
        f"<style>{STYLE}</style>"
        f'<div class="framing-analysis"><p class="framing-legend">{legend}</p>{key}'
        f'<div class="framing-article">{body}</div>{notes}</div>'
    )


def _rows(cells: list[list[str]], numeric=()) -> str:
    """Escaped table rows; columns in ``numeric`` right-aligned."""
    return "".join(
        "<tr>"
        + "".join(
            ('<td class="framing-number">' if i in numeric else "<td>") + f"{escape(str(cell))}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in cells
    )


def lexicon_html(name: str, facts: dict, summary, citations) -> str:
    """A lexicon as a short card: its entries per category, then its sources (folded away).

    ``summary`` has ``category``, ``label``, ``entries``; ``citations`` has
    ``source``, ``citation``, ``entries``; ``facts`` (version, file, ...) are
    shown under the table where they have a value.

    Examples
    --------
    >>> import pandas as pd
    >>> summary = pd.DataFrame({"category": ["crime"], "label": ["Crime <b>"], "entries": [2]})
    >>> citations = pd.DataFrame({"source": ["ap"], "citation": ["AP & co"], "entries": [1]})
    >>> html = lexicon_html("mine", {"version": "1"}, summary, citations)
    >>> "Crime &lt;b&gt;" in html and "AP &amp; co" in html
    True
    """
    total, version = int(summary["entries"].sum()), facts.get("version")
    caption = f"Lexicon {name}" + (f", version {version}" if version else "")
    caption += f": {total} entries in {len(summary)} categories"
    body = _rows(summary[["label", "category", "entries"]].values.tolist(), numeric=(2,))
    details = "; ".join(f"{key} {value}" for key, value in facts.items() if value and key != "version")
    sources = ""
    if len(citations):
        table = _rows(citations[["source", "citation", "entries"]].values.tolist(), numeric=(2,))
        sources = (
            f"<details><summary>{len(citations)} sources and guides</summary>"
            '<table class="framing-table"><thead><tr><th>key</th><th>citation</th><th>entries</th></tr>'
            f"</thead><tbody>{table}</tbody></table></details>"
        )
    return (
        f'<style>{STYLE}</style><div class="framing-lexicon"><table class="framing-table">'
        f"<caption>{escape(caption)}</caption>"
        "<thead><tr><th>category</th><th>key</th><th>entries</th></tr></thead>"
        f"<tbody>{body}</tbody></table><p>{escape(details)}</p>{sources}</div>"
    )


def explanation_html(data: dict, matches=None) -> str:
    """An entry's card (from ``Explanation.to_dict()``) and, when given, where it matched.

    Examples
    --------
    >>> data = {"id": "gang", "lexicon": "mine", "label": "Crime", "category": "crime", "weight": 2,
    ...         "direction": "negative", "direction_meaning": "a negative valence", "variants": ["gang"],
    ...         "exceptions": [], "alternatives": {"ap": {"terms": ["group"], "citation": "AP <1>"}},
    ...         "rationale": "Crime & punishment", "sources": {}}
    >>> html = explanation_html(data)
    >>> "AP &lt;1&gt;" in html and "Crime &amp; punishment" in html
    True
    """
    alternatives = "; ".join(
        f"{guide}: {', '.join(spec['terms'])}" for guide, spec in data["alternatives"].items()
    )
    cited = dict(data["sources"]) | {guide: spec["citation"] for guide, spec in data["alternatives"].items()}
    fields = [
        ("category", f"{data['label']} ({data['category']})"),
        ("weight", f"{data['weight']} of 3"),
        ("direction", f"{data['direction']}: {data['direction_meaning']}"),
        ("variants", ", ".join(data["variants"])),
        ("exceptions (never counted)", ", ".join(data["exceptions"]) or "none"),
        ("alternatives, by guide", alternatives or "none"),
        ("why", data["rationale"] or "no rationale given"),
        *((f"source: {key}", citation) for key, citation in cited.items()),
    ]
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in fields)
    caption = f"{data['id']} (lexicon {data['lexicon']})"
    found = ""
    if matches is not None:
        columns = [
            c for c in ("start", "end", "text", "sentence", "voice", "speaker_id", "counted") if c in matches
        ]
        flags = [c for c in FLAGS if c in matches]
        cells = [
            [
                *(row[c] for c in columns),
                ", ".join(FLAGS[f] for f in flags if row[f]),
                row.get("sentence_text", ""),
            ]
            for row in matches.to_dict("records")
        ]
        head = "".join(f"<th>{escape(c)}</th>" for c in [*columns, "flags", "in the sentence"])
        found = (
            f'<table class="framing-table"><caption>{len(matches)} match{"" if len(matches) == 1 else "es"}'
            " in this article</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{_rows(cells, numeric=(0, 1, 3))}</tbody></table>"
        )
    return (
        f'<style>{STYLE}</style><div class="framing-explanation"><table class="framing-table">'
        f"<caption>{escape(caption)}</caption><tbody>{rows}</tbody></table>{found}</div>"
    )


def concordance_html(table, caption: str) -> str:
    """Concordance lines as a table: left context right-aligned, the keyword centred, right context.

    ``table`` has ``doc_id``, ``left``, ``keyword`` and ``right`` (already cut to
    length), indexed as the concordance is.

    Examples
    --------
    >>> import pandas as pd
    >>> lines = pd.DataFrame({"doc_id": ["a"], "left": ["<the>"], "keyword": ["gangs"], "right": ["fled"]})
    >>> html = concordance_html(lines, "1 line")
    >>> '<td class="framing-left">&lt;the&gt;</td><td class="framing-keyword">gangs</td>' in html
    True
    """
    rows = "".join(
        f"<tr><th>{escape(str(index))}</th><td>{escape(str(row['doc_id']))}</td>"
        f'<td class="framing-left">{escape(row["left"])}</td>'
        f'<td class="framing-keyword">{escape(row["keyword"])}</td>'
        f'<td class="framing-right">{escape(row["right"])}</td></tr>'
        for index, row in zip(table.index, table.to_dict("records"), strict=True)
    )
    return (
        f'<style>{STYLE}</style><table class="framing-table framing-kwic">'
        f"<caption>{escape(caption)}</caption>"
        '<thead><tr><th></th><th>doc_id</th><th class="framing-left">left</th>'
        '<th class="framing-keyword">keyword</th><th>right</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
