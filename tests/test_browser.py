"""Reports opened in a real headless Chromium, driven by Playwright.

The Chromium is Debian's ``chromium`` where it is installed, else Playwright's own
(``playwright install chromium``), as ``make test`` installs one or the other.
Chromium missing is a failure, not a skip: ``make test`` installs it.
"""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path

import nbformat
import pytest

from framing.analysis import analyze
from framing.report.index import write_index
from framing.report.render import ReportResult, render_report

#: Debian's Chromium, used where it is installed.
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE = "<script>alert(1)</script> \"quotes\" 'single' \n newlines & <img src=x onerror=alert(2)>"


def launch_options(debian: Path = CHROMIUM) -> dict:
    """Playwright's launch options: Debian's Chromium at ``debian`` if it is there, else Playwright's own."""
    found = debian.is_file() and os.access(debian, os.X_OK)
    return {"args": ARGS, "headless": True, **({"executable_path": str(debian)} if found else {})}


def test_launch_options_fall_back_to_playwrights_chromium(tmp_path):
    missing, debian = tmp_path / "chromium", tmp_path / "bin-chromium"
    assert "executable_path" not in launch_options(missing)
    debian.write_text("#!/bin/sh\n")
    assert "executable_path" not in launch_options(debian)  # not executable
    debian.chmod(0o755)
    assert launch_options(debian)["executable_path"] == str(debian)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    options = launch_options()
    with sync_playwright() as playwright:
        if "executable_path" not in options:
            own = Path(playwright.chromium.executable_path)
            assert own.is_file(), (
                f"no Chromium: neither {CHROMIUM} nor Playwright's {own} (make test installs one)"
            )
        browser = playwright.chromium.launch(**options)
        yield browser
        browser.close()


class Visit:
    """A page with every console error, page error, dialog and non-file request recorded."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri(), wait_until="load")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:  # offline: anything else is recorded and refused
            self.requests.append(route.request.url)
            route.abort()


def test_seed_report_in_chromium(browser, tmp_path, seed_path, report_sections):
    reports = tmp_path / "reports"
    result = render_report(seed_path, reports)
    visit = Visit(browser, result.html)
    page = visit.page

    expected = analyze(seed_path)  # independently of the kernel that rendered the page
    marks = page.locator("mark.framing-term")
    assert marks.count() == len(expected.spans)
    assert marks.all_text_contents() == expected.spans["text"].tolist()
    categories = page.eval_on_selector_all("mark.framing-term", "ms => ms.map(m => m.dataset.category)")
    assert categories == expected.spans["category"].tolist()
    assert {"illegal migrants", "kingpins", "slash"} <= {t.lower() for t in marks.all_text_contents()}

    images = page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.src.slice(0, 22)])"
    )
    assert len(images) >= 4
    assert all(complete and width > 0 and src == "data:image/png;base64," for complete, width, src in images)
    assert page.locator("h2").all_text_contents() == report_sections
    assert visit.errors == [] and visit.dialogs == [] and visit.requests == []

    screenshot = reports / "express-balkans-drones.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 50_000
    page.close()


def test_hostile_text_renders_as_text_and_runs_nothing(browser, tmp_path):
    article = tmp_path / "hostile.txt"
    body = f"Smuggling gangs exploit migrants. {HOSTILE}\nMinisters vowed to slash crossings, sources said.\n"
    article.write_text(body, encoding="utf-8")
    result = render_report(article, tmp_path / "reports", title=HOSTILE)

    # papermill injected the title as a Python literal: it parses back to exactly the same string
    executed = nbformat.read(result.notebook, as_version=4)
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assigned = {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(injected.source).body}
    assert assigned["title"] == HOSTILE and assigned["article_path"] == str(article)
    # ... and the kernel saw exactly that string
    assert json.loads(result.scores.read_text())["provenance"]["parameters"]["title"] == HOSTILE

    source = result.html.read_text()
    assert "<script>alert(1)" not in source and "<img src=x" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source

    visit = Visit(browser, result.html)
    page = visit.page
    page.wait_for_timeout(300)  # time for any injected handler to fire
    assert visit.dialogs == []
    assert page.locator("h1").first.text_content() == HOSTILE
    assert HOSTILE in page.locator(".framing-article").text_content()
    assert page.title() == " ".join(HOSTILE.split())  # the browser collapses white space in <title>
    assert (
        page.eval_on_selector_all("script", "s => s.filter(x => x.textContent.includes('alert')).length") == 0
    )
    assert visit.errors == [] and visit.requests == []
    page.close()


def test_index_sorts_in_chromium(browser, tmp_path):
    results = [
        ReportResult(
            f"{slug}.txt",
            slug,
            ok=True,
            html=tmp_path / f"{slug}.html",
            title=slug.upper(),
            document_scores={"loaded_terms": terms},
        )
        for slug, terms in (("b", 10.0), ("a", 2.0), ("c", 7.0))
    ]
    results.append(ReportResult("bad.txt", "bad", error="bad.txt: empty article"))
    index, _ = write_index(results, tmp_path)
    visit = Visit(browser, index)
    page = visit.page

    def first_column():
        return [t.strip() for t in page.locator("tbody tr td:first-child").all_text_contents()]

    heading = page.locator("th", has_text="Loaded terms").first
    heading.click()
    assert first_column() == ["A", "C", "B", "bad"]  # ascending; no value sorts last
    assert heading.get_attribute("aria-sort") == "ascending"
    heading.click()
    assert first_column() == ["B", "C", "A", "bad"]
    assert visit.errors == [] and visit.requests == []
    page.close()


@pytest.mark.slow
def test_docs_pages_in_chromium(browser, docs_site):
    # the site as `make docs` builds it, built once per run (tests/test_docs.py checks the build itself)
    site = docs_site

    for page_path, heading in (
        (site / "measures.html", "Measures"),
        (site / "api" / "index.html", "API reference"),
    ):
        visit = Visit(browser, page_path)
        page = visit.page
        # web fonts that load after the page (not "networkidle": it timed out once on a loaded CI machine)
        assert page.evaluate("document.fonts.ready.then(() => document.fonts.status)") == "loaded"
        assert page.locator("h1").first.text_content().strip().rstrip("#").strip() == heading
        # the theme's stylesheets and scripts all came from the site's own folder
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert len(sheets) >= 2 and all(href.startswith("file:") for href in sheets)
        # the theme's script runs: its colour-mode menu switches the page to dark
        page.locator("button.theme-switch-button:visible").first.click()
        page.locator(".theme-change-button[data-mode=dark]:visible").first.click()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert visit.errors == [] and visit.dialogs == [] and visit.requests == []
        page.close()
