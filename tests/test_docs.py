"""The documentation site: built by Sphinx with warnings as errors, then read as a browser would.

Checks that every page is there, that every link and resource inside the site resolves to a file
(and every ``#fragment`` to an element), that nothing loads from outside the site, that the API
reference covers every public name and module, and that what the pages say about the example
lexicon and the citation file holds.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import pkgutil
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml

import framing
from framing.analysis import analyze
from framing.measures.lexicon import load_lexicon, packaged_lexicons

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [
    "index",
    "getting-started",
    "lexicons",
    "measures",
    "reference-corpora",
    "validation",
    "citing",
    "notebooks",
    "notebooks/01_explore_article",
    "notebooks/02_compare_reference",
    "notebooks/03_validate_and_train",
    "api/index",
    *(f"api/{wing}" for wing in ("text", "measures", "analysis", "corpus", "comparison", "learn")),
    *(f"api/{wing}" for wing in ("views", "report", "cli")),
]
#: Attributes through which an element makes the browser fetch something.
RESOURCE_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src"}
EXAMPLE = (
    "A mob gathered as riot police watched. "
    "Critics called it a rent a mob, clearly. Police said two were held."
)


class Page(HTMLParser):
    """The ids, links and resource loads of one HTML page, and its text."""

    def __init__(self, path: Path):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url) of every href and src
        self.resources: list[tuple[str, str]] = []  # what the browser fetches on load
        self.text_parts: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))
        # Sphinx writes typographic quotes; the sources have straight ones
        text = " ".join(" ".join(self.text_parts).split())
        self.text = text.translate(str.maketrans("‘’“”", "''\"\""))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append((tag, attrs[name]))
        if tag in RESOURCE_ATTRIBUTES and attrs.get(RESOURCE_ATTRIBUTES[tag]):
            self.resources.append((tag, attrs[RESOURCE_ATTRIBUTES[tag]]))

    def handle_data(self, data):
        self.text_parts.append(data)


@pytest.fixture(scope="module")
def site(docs_site) -> Path:
    return docs_site  # built once for the run (tests/conftest.py), shared with the browser test


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, Page]:
    built = [p for p in site.rglob("*.html") if not {"_static", "_sources"} & set(p.relative_to(site).parts)]
    return {path.resolve(): Page(path) for path in sorted(built)}


def squeezed(text: str) -> str:
    """``text`` without white space (highlighted code puts spaces between tokens)."""
    return "".join(text.split())


def _external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


@pytest.mark.slow
def test_every_key_page_is_built(site):
    missing = [page for page in PAGES if not (site / f"{page}.html").is_file()]
    assert missing == []


@pytest.mark.slow
def test_every_link_inside_the_site_resolves(site, pages):
    broken = []
    for path, page in pages.items():
        for tag, url in page.links:
            if _external(url):
                continue
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or site.resolve() not in target.parents:  # outside: a broken link
                broken.append(f"{path.relative_to(site)}: <{tag}> {url}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else Page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: <{tag}> {url} (no such id)")
    assert broken == []


@pytest.mark.slow
def test_nothing_loads_from_outside_the_site(site, pages):
    outside = [
        f"{path.relative_to(site)}: <{tag}> {url}"
        for path, page in pages.items()
        for tag, url in page.resources
        if _external(url) and not url.startswith("data:")
    ]
    assert outside == []
    stylesheets = [p for p in site.rglob("*.css") if re.search(r"url\(\s*['\"]?(https?:)?//", p.read_text())]
    assert stylesheets == []


@pytest.mark.slow
def test_the_api_reference_covers_every_public_name_and_module(site, pages):
    api = [page for path, page in pages.items() if path.parent == (site / "api").resolve()]
    ids = set().union(*(page.ids for page in api))
    index = pages[(site / "api" / "index.html").resolve()]
    index_links = {unquote(urlsplit(url).fragment) for _, url in index.links}
    for name in framing.__all__:
        if name == "__version__":
            continue
        obj = getattr(framing, name)
        qualified = f"{obj.__module__}.{obj.__qualname__}"
        assert qualified in ids, f"framing.{name} ({qualified}) is not documented"
        assert qualified in index_links, f"framing.{name} is not in the table of public names"
    modules = [m.name for m in pkgutil.walk_packages(framing.__path__, "framing.")]
    public = [m for m in modules if not m.rsplit(".", 1)[1].startswith("_")]
    undocumented = [m for m in public if f"module-{m}" not in ids]
    assert len(modules) > 30 and undocumented == []


@pytest.mark.slow
def test_notebooks_are_rendered_without_outputs_not_run(site, pages):
    for name in ("01_explore_article", "02_compare_reference", "03_validate_and_train"):
        notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        path = site / "notebooks" / f"{name}.html"
        html, text = path.read_text(encoding="utf-8"), squeezed(pages[path.resolve()].text)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        assert all(squeezed(cell.source.splitlines()[0].split("#")[0]) in text for cell in code)
        # no outputs, even where a working copy was run and saved (git's filter keeps them out of commits)
        assert 'class="cell_output' not in html and 'class="cell_input' in html


@pytest.mark.slow
def test_the_citing_page_lists_the_package_every_method_and_every_guide(site, pages):
    text = pages[(site / "citing.html").resolve()].text
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert f"The framing developers. {citation['title']} (version {framing.__version__})" in text
    for reference in citation["references"]:
        assert reference["title"] in text and reference["notes"] in text
    guides = {
        (name, key): load_lexicon(name).sources[key]["title"]
        for name in packaged_lexicons()
        for entry in load_lexicon(name).entries
        for key in entry.alternatives
    }
    assert {key for _, key in guides} >= {"ap", "picum", "unhcr", "framing"}
    missing = [(name, key) for (name, key), title in guides.items() if " ".join(title.split()) not in text]
    assert missing == []


@pytest.mark.slow
def test_pages_name_each_measure_and_the_validation_figures(site, pages):
    measures = pages[(site / "measures.html").resolve()].text
    for cited in (
        "Dunning 1993",
        "Williams 1976",
        "Yates 1934",
        "Hardie 2014",
        "Gabrielatos & Marchi 2012",
        "Monroe, Colaresi & Quinn 2008",
        "Benjamini & Hochberg 1995",
        "Hutto & Gilbert 2014",
        "De Smedt & Daelemans 2012",
        "Kiss & Strunk 2006",
        "Krippendorff 2004, 2011",
        "Hamborg & Donnay 2021",
    ):
        assert cited in measures
    headings = ("loaded-language index", "loaded-language score", "Keyness", "Positioning")
    for heading in (*headings, "Sentiment toward a target"):
        assert heading in measures
    figures = json.loads((ROOT / "bench" / "results" / "learn.json").read_text())
    validation = pages[(site / "validation.html").resolve()].text
    assert f'"cv_macro_f1":{figures["cv_macro_f1"]}' in squeezed(validation) and "optimistic" in validation
    # the target-sentiment model's figures, as its model card gives them (every cell of its tables)
    card = (ROOT / "framing" / "data" / "models" / "target_sentiment.md").read_text(encoding="utf-8")
    figures = card.split("## Cross-validation on the training split")[1].split("## Limits")[0]
    cells = [c.strip() for line in figures.splitlines() if line.startswith("|") for c in line.split("|")]
    cells = [c for c in cells if c and set(c) != {"-"}]
    assert {"model", "sentence-level baseline", "negative", "neutral", "positive"} <= set(cells)
    missing = [cell for cell in cells if " ".join(cell.split()) not in validation]
    assert missing == []
    corpora = pages[(site / "reference-corpora.html").resolve()].text
    assert "Australian Broadcasting Corporation" in corpora and "about 2001" in corpora


def test_the_example_lexicon_finds_what_the_lexicon_page_says():
    lexicon = load_lexicon(DOCS / "examples" / "protest.yaml")
    spans = analyze(EXAMPLE, lexicon=lexicon).spans
    assert spans[["text", "category", "direction", "excepted", "counted"]].values.tolist() == [
        ["mob", "disorder", "negative", False, True],
        ["riot", "disorder", "negative", True, False],  # inside the exception "riot police"
        ["rent a mob", "delegitimising", "negative", False, True],  # through hyphenation
        ["clearly", "certainty", "emphatic", False, True],
        ["Police said", "attribution", "neutral", False, False],  # a marker
    ]
    scores = analyze(EXAMPLE, lexicon=lexicon).scores.set_index(["metric", "lexicon", "category"])["value"]
    # 7 + 8 + 5 = 20 words; counted: mob (2), rent a mob (3), clearly (1)
    assert scores[("rate_per_1k", "protest", "all")] == pytest.approx(3 * 1000 / 20)
    assert scores[("weighted_index", "protest", "all")] == pytest.approx(6 * 1000 / 20)
    csv = load_lexicon(DOCS / "examples" / "protest.csv")
    dic = load_lexicon(DOCS / "examples" / "protest.dic")
    assert [e.id for e in csv.entries] == ["mob", "riot", "rent-a-mob"]
    assert csv.entries[1].exceptions == ("riot police", "riot gear") and csv.entries[2].hyphenation
    assert sorted({e.category for e in dic.entries if e.variants == ("rent a mob",)}) == [
        "delegitimising",
        "disorder",
    ]


def test_citation_file_names_the_package_as_pyproject_does():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == project["version"] == framing.__version__
    assert citation["license"] == project["license"] == "BSD-3-Clause"
    assert citation["authors"] == [{"name": "The framing developers"}]
    for reference in citation["references"]:  # CFF's required keys, and what the docs show of each
        assert {"type", "title", "authors", "notes"} <= set(reference), reference.get("title")
    titles = " ".join(r["title"] for r in citation["references"])
    for method in (
        *("VADER", "Pattern", "Sentence Boundary", "Surprise and Coincidence", "Log Ratio", "Keyness"),
        *("Fightin' Words", "Krippendorff's Alpha", "False Discovery Rate", "Negated Findings"),
    ):
        assert method in titles


def test_the_docs_extension_examples_hold():
    # docs/_ext is outside the packages that `pytest framing tests` collects doctests from
    spec = importlib.util.spec_from_file_location("framing_docs", DOCS / "_ext" / "framing_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = doctest.testmod(module)
    assert result.attempted >= 4 and result.failed == 0
