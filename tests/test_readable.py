"""What a researcher reads: why a term is flagged, labels not keys, colours all can tell apart, short reprs.

Expected values come from the lexicon YAML files read here with PyYAML, from
the article text, and from published formulas (WCAG 2 relative luminance and
contrast; CIELAB; Machado, Oliveira and Fernandes 2009 for colour-vision
deficiency), never from the code under test.
"""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from framing.analysis import analyze
from framing.comparison.concordance import KWIC_COLUMNS, kwic
from framing.measures.lexicon import LexiconError, load_lexicon, read_csv, read_yaml
from framing.views.html import PALETTE, category_colours, edge_colour, ink_colour

LEXICONS = Path(__file__).resolve().parents[1] / "framing" / "data" / "lexicons"
DEFAULTS = ("migration", "loaded")  # the order analyze() uses them in


@pytest.fixture(scope="module")
def raw():
    """The packaged lexicons as PyYAML reads them."""
    return {
        name: yaml.safe_load((LEXICONS / f"{name}.yaml").read_text(encoding="utf-8")) for name in DEFAULTS
    }


def citation(spec: dict) -> str:
    """The citation the issue asks for: "Title (publisher, year)"."""
    return f"{spec['title']} ({spec['publisher']}, {spec['year']})"


def yaml_entry(raw, lexicon: str, entry_id: str) -> dict:
    return next(e for e in raw[lexicon]["entries"] if e["id"] == entry_id)


# --------------------------------------------------------------------------- colour science, by the book


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance: sRGB channels linearised, weighted 0.2126, 0.7152, 0.0722."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


#: Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
DEFICIENCIES = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def lab(colour: str, deficiency: str | None = None) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour, as seen with ``deficiency`` (simulated) or normal vision."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    if deficiency:
        linear = [
            min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True))))
            for row in DEFICIENCIES[deficiency]
        ]
    r, g, b = linear
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
    f = [t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_the_contrast_formula_gives_published_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)  # WebAIM's well-known 4.48:1
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)  # the lightest grey passing AA


def test_every_category_of_the_default_lexicons_has_a_colour_of_its_own(raw):
    keys = [key for name in DEFAULTS for key in raw[name]["categories"]]
    assert len(keys) == len(set(keys)) == 28
    colours = category_colours(analyze("Gangs.").categories)
    assert list(colours) == keys
    assert len(set(colours.values())) == len(keys)
    assert colours["burden"] != colours["illegality"]


@pytest.mark.parametrize("vision", [None, *DEFICIENCIES])
def test_the_colours_stay_apart_for_colour_blind_readers(raw, vision):
    colours = list(category_colours([k for name in DEFAULTS for k in raw[name]["categories"]]).values())
    distances = {
        (a, b): sum((p - q) ** 2 for p, q in zip(lab(a, vision), lab(b, vision), strict=True)) ** 0.5
        for a, b in itertools.combinations(colours, 2)
    }
    closest = min(distances, key=distances.get)
    # a just-noticeable difference is about 2.3 CIELAB units: ask for more than twice that
    assert distances[closest] > 5, (
        f"{closest} are {distances[closest]:.1f} apart ({vision or 'normal vision'})"
    )


def test_chip_text_meets_wcag_aa_and_outlines_show_on_light_and_dark_pages():
    for fill in PALETTE:
        assert contrast(ink_colour(fill), fill) >= 4.5, fill
        assert contrast(edge_colour(fill), "#ffffff") >= 3, fill  # WCAG 1.4.11: outlines on a light page
        assert contrast(fill, "#111111") >= 3, fill  # outlines in JupyterLab's dark theme use the fill


class Marks(HTMLParser):
    """The marks of a rendered article (attributes and text) and the legend's chips."""

    def __init__(self):
        super().__init__()
        self.marks, self.chips, self._open = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark" and "data-entry" in attrs:
            self._open = attrs | {"text": ""}
            self.marks.append(self._open)
        elif tag == "span" and attrs.get("class") == "framing-chip":
            self._open = attrs | {"text": ""}
            self.chips.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag in ("mark", "span"):
            self._open = None


@pytest.fixture(scope="module")
def rendered(seed_analysis):
    parser = Marks()
    page = seed_analysis._repr_html_()
    parser.feed(page)
    return page, parser


def test_highlights_carry_their_own_colours_for_dark_themes_and_print(rendered):
    page, parser = rendered
    assert parser.marks
    for mark in [*parser.marks, *parser.chips]:
        style = dict(part.split(":", 1) for part in mark["style"].split(";"))
        assert contrast(style["color"], style["background"]) >= 4.5, mark
    assert '[data-jp-theme-light="false"]' in page and "@media (prefers-color-scheme: dark)" in page
    assert "@media print" in page and "print-color-adjust: exact" in page


def test_tooltips_say_why_a_term_is_flagged(raw, rendered):
    page, parser = rendered
    mark = next(m for m in parser.marks if m["text"].lower() == "illegal migrants")
    entry, sources = yaml_entry(raw, "migration", "illegal-migrant"), raw["migration"]["sources"]
    tooltip = mark["title"]
    assert tooltip.startswith(raw["migration"]["categories"]["illegality"]["label"] + " · weight 3 of 3")
    assert "negative" in tooltip.splitlines()[0] and "the journalist's own words" in tooltip
    assert f"Why: {entry['rationale'].strip()}" in tooltip
    for guide, terms in entry["alternatives"].items():
        assert f"{guide}: {', '.join(terms)}" in tooltip
    # each source and guide is cited in full once, under the article; the tooltip gives its number
    notes = page.split('class="framing-sources"')[1]
    listed = {int(n): html.unescape(text) for n, text in re.findall(r'<li value="(\d+)">(.*?)</li>', notes)}
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", tooltip.split("Sources and guides: ")[1])]
    keys = list(dict.fromkeys([*entry["source"], *entry["alternatives"]]))
    assert [listed[n] for n in numbers] == [f"{key}: {citation(sources[key])}" for key in keys]
    assert len(set(listed.values())) == len(listed)  # no citation twice
    for meaning in ("negative: a negative valence", "neutral: a context marker"):
        assert meaning in page.split('class="framing-notes"')[1]
    labels = {k: spec["label"] for name in DEFAULTS for k, spec in raw[name]["categories"].items()}
    for mark in parser.marks:
        assert mark["title"].startswith(labels[mark["data-category"]] + " · "), mark["title"]


def test_the_seed_article_view_stays_small(rendered):
    page, parser = rendered
    # every citation once under the article, not in each tooltip: the view was 53 KB with full citations
    assert len(page.encode()) < 45_000
    assert sum(len(m["title"]) for m in parser.marks) < 20_000


def test_an_article_without_loaded_terms_says_so():
    a = analyze("The council met on Tuesday and voted on the library budget.")
    page = a._repr_html_()
    assert "No term of the lexicons in use (migration, loaded) counts in this article." in page
    assert 'class="framing-chip"' not in page and "<mark" not in page
    assert "The council met on Tuesday" in page


def test_legend_and_chart_use_labels_not_keys(raw, rendered, seed_analysis):
    _, parser = rendered
    labels = {k: spec["label"] for name in DEFAULTS for k, spec in raw[name]["categories"].items()}
    spans = seed_analysis.spans
    counts = spans.loc[spans["counted"], "category"].value_counts()
    expected = [f"{labels[c]} ({counts[c]})" for c in labels if c in counts]
    assert [chip["text"] for chip in parser.chips] == expected
    ax = seed_analysis.plot_categories()
    assert [t.get_text() for t in ax.get_yticklabels()] == [labels[c] for c in labels if c in counts]
    assert ax.get_xlabel() == "loaded terms per 1,000 words"


# --------------------------------------------------------------------------- why a flag: spans and explain


def test_spans_carry_the_rationale_and_full_citations(raw, seed_analysis):
    spans = seed_analysis.spans
    assert {"rationale", "source"} <= set(spans.columns)
    for row in spans.itertuples():
        entry = yaml_entry(raw, row.lexicon, row.entry)
        sources = raw[row.lexicon]["sources"]
        assert row.rationale == entry["rationale"].strip()
        assert row.source == "; ".join(citation(sources[key]) for key in entry["source"])


def test_lexicon_explain_shows_the_entry_as_the_yaml_has_it(raw):
    lexicon = load_lexicon("migration")
    sources = raw["migration"]["sources"]
    for term, entry_id in [("Illegal  migrants", "illegal-migrant"), ("flood defences", "flood")]:
        entry = yaml_entry(raw, "migration", entry_id)
        explanation = lexicon.explain(term)
        data = explanation.to_dict()
        assert data["id"] == entry_id
        assert data["label"] == raw["migration"]["categories"][entry["category"]]["label"]
        assert data["variants"] == [v.lower() for v in entry["variants"]]
        assert data["exceptions"] == [x.lower() for x in entry.get("exceptions", [])]
        assert {g: spec["terms"] for g, spec in data["alternatives"].items()} == entry["alternatives"]
        assert {g: spec["citation"] for g, spec in data["alternatives"].items()} == {
            g: citation(sources[g]) for g in entry["alternatives"]
        }
        assert data["rationale"] == entry["rationale"].strip()
        assert data["sources"] == {key: citation(sources[key]) for key in entry["source"]}
        text = " ".join(repr(explanation).split())
        assert " ".join(entry["rationale"].split()) in text
        assert all(" ".join(citation(sources[key]).split()) in text for key in entry["source"])
        assert all(variant.lower() in text for variant in entry["variants"])
    with pytest.raises(LexiconError, match=r"no entry 'ilegal migrants'.*closest: .*illegal migrants"):
        lexicon.explain("ilegal migrants")


def test_analysis_explain_lists_every_place_the_entry_matched(seed_analysis, seed_text):
    explanation = seed_analysis.explain("illegal migrants")
    found = [m.start() for m in re.finditer("illegal migrants", seed_text, re.IGNORECASE)]
    matches = explanation.matches
    assert matches["start"].tolist() == found and len(found) == 3
    for row in matches.itertuples():
        assert seed_text[row.start : row.end] == row.text
        assert row.text in row.sentence_text
        line_start = seed_text.rfind("\n", 0, row.start) + 1
        inside_quotes = seed_text[line_start : row.start].count('"') % 2 == 1
        assert row.voice == ("quoted" if inside_quotes else "author")
        assert row.counted and not (row.negated or row.proper_name or row.excepted)
    assert "in this article: 3 matches" in repr(explanation)
    with pytest.raises(LexiconError, match="no entry 'peaceful protest'"):
        seed_analysis.explain("peaceful protest")


# --------------------------------------------------------------------------- concise reprs


def test_a_lexicon_displays_as_a_short_summary(raw):
    for name in DEFAULTS:
        lexicon, data = load_lexicon(name), raw[name]
        text = repr(lexicon)
        assert len(text.encode("utf-8")) < 2048
        assert f"'{name}'" in text and str(data["version"]) in text
        for key, spec in data["categories"].items():
            count = sum(e["category"] == key for e in data["entries"])
            assert re.search(rf"^ +{count}  {re.escape(spec['label'])} \({key}\)$", text, re.MULTILINE), key
        assert data["entries"][0]["rationale"].strip()[:40] not in text
        page = lexicon._repr_html_()
        assert len(page.encode("utf-8")) < 20_000  # the entries stay out; the sources are folded away
        for key, spec in data["categories"].items():
            assert f"<td>{html.escape(spec['label'])}</td><td>{key}</td>" in page
        assert all(html.escape(citation(spec)) in page for spec in data["sources"].values())


def test_lexicon_html_escapes_everything():
    hostile = "<script>alert(1)</script>"
    lexicon = read_yaml(
        f"name: '{hostile}'\ncategories:\n  crime: {{label: '{hostile} & co'}}\n"
        f"sources:\n  ap: {{title: '<i>AP</i>', publisher: 'A & B', year: 2013}}\n"
        "entries:\n  - {id: gang, variants: [gang], category: crime, source: [ap]}\n"
    )
    page = lexicon._repr_html_()
    assert "<script>" not in page and "<i>" not in page
    assert html.escape(f"{hostile} & co") in page and html.escape("<i>AP</i> (A & B, 2013)") in page
    assert html.escape(hostile) in page


def test_categories_without_labels_get_readable_ones_and_bad_ones_are_named(tmp_path):
    lexicon = read_csv("term,category\nflood,disaster_metaphor\n", path="mine.csv")
    assert lexicon.categories["disaster_metaphor"]["label"] == "Disaster metaphor"
    with pytest.raises(LexiconError, match=r"bad\.yaml: category 'crime': expected a mapping"):
        read_yaml("categories: {crime: Crime words}\nentries: []\n", path="bad.yaml")


def test_kwic_displays_an_aligned_concordance_and_stays_a_dataframe():
    text = "Alpha beta gangs delta epsilon.\n\nOne two three four gangsters five six <b>."
    lines = kwic(text, "gang*", window=3)
    assert isinstance(lines, pd.DataFrame) and list(lines.columns) == KWIC_COLUMNS and len(lines) == 2
    assert lines["keyword"].tolist() == ["gangs", "gangsters"]
    assert isinstance(lines.iloc[0], pd.Series) and lines.loc[1, "right"] == "five six <b"
    offsets = lines[["start", "end"]]
    assert repr(offsets) == repr(pd.DataFrame(offsets))  # not a concordance any more: shown as a table

    shown = repr(lines).splitlines()[1:]
    assert len(shown) == 2
    centres = [line.index(k) + len(k) / 2 for line, k in zip(shown, ["gangs", "gangsters"], strict=True)]
    assert max(centres) - min(centres) <= 0.5  # the keyword centred in one column
    lefts = [line[: line.index(k)].rstrip() for line, k in zip(shown, ["gangs", "gangsters"], strict=True)]
    assert lefts[0].endswith("Alpha beta") and lefts[1].endswith("two three four")
    assert len(lefts[0]) == len(lefts[1])  # left contexts right-aligned against the keyword
    rights = [line.index(r) for line, r in zip(shown, ["delta epsilon", "five six <b"], strict=True)]
    assert rights[0] == rights[1]

    page = lines._repr_html_()
    assert '<td class="framing-left">two three four</td><td class="framing-keyword">gangsters</td>' in page
    assert "five six &lt;b" in page and "<b" not in page.replace("<body", "")
    assert "td.framing-keyword { text-align: center" in page and "td.framing-left { text-align: right" in page

    many = kwic(" ".join(["gangs fled."] * 10), "gangs", window=1)
    with pd.option_context("display.max_rows", 4):
        text = repr(many)
    assert text.splitlines()[0].startswith("10 concordance lines, the first and last 2 shown")
    assert len(text.splitlines()) == 1 + 4 + 1 and "..." in text.splitlines()
    assert repr(kwic("Gangs fled.", "nowhere")) == "No concordance lines: the pattern was not found."


# --------------------------------------------------------------------------- user text in charts


def drawn_as_text(ax, original: str, texts) -> None:
    """Each Text in ``texts`` reads back ``original`` once its escapes are undone, and is not mathtext."""
    import matplotlib.cbook

    ax.figure.canvas.draw()  # mathtext would fail here on "\frac" without its arguments
    for text in texts:
        assert not matplotlib.cbook.is_math_text(text.get_text()), text.get_text()
        assert text.get_text().strip().replace(r"\$", "$") == original


def test_category_labels_with_dollars_and_backslashes_draw_as_text(tmp_path):
    label = r"Costs in $\frac$ and \alpha \ back"
    lexicon = tmp_path / "money.yaml"
    lexicon.write_text(
        yaml.safe_dump(
            {
                "name": "money",
                "categories": {"cost": {"label": label}},
                "entries": [{"id": "price", "variants": ["price"], "category": "cost"}],
            }
        )
    )
    ax = analyze("The price rose.", lexicon=str(lexicon)).plot_categories()
    drawn_as_text(ax, label, ax.get_yticklabels())


def test_comparison_charts_draw_user_text_as_text():
    from framing.views.comparison_plots import dispersion, keyness_bars, positioning_strip

    odd = r"$\frac$ \ $x$"
    keyness = pd.DataFrame({"term": [odd, "plain"], "leaning": ["target", "reference"], "g2": [4.0, -2.0]})
    ax = keyness_bars(keyness, n=1, labels=(odd, "reference"))
    drawn_as_text(ax, odd, [t for t in ax.texts if t.get_text().strip().replace(r"\$", "$") == odd])
    assert ax.get_legend().get_texts()[0].get_text().replace(r"\$", "$") == odd
    table = pd.DataFrame(
        {"score": ["s"], "article": [2.0], "reference_n": [3], "reference_mean": [1.0], "reference_sd": [1.0]}
    ).assign(percentile=100.0, z=1.0)
    ax = positioning_strip(table, pd.DataFrame({"s": [0.0, 1.0, 2.0]}), scores=["s"], labels={"s": odd})
    drawn_as_text(ax, odd, ax.get_yticklabels())
    ax = dispersion(pd.DataFrame({"term": [odd], "word": [3]}), [odd])
    drawn_as_text(ax, odd, ax.get_yticklabels())
