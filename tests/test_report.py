"""Reports: papermill rendering, offline HTML export, canonical scores, batch with failures, the index."""

from __future__ import annotations

import ast
import base64
import csv
import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from framing.measures.lexicon import LexiconError
from framing.report.index import write_index
from framing.report.render import (
    ReportError,
    ReportResult,
    check_article,
    expand_articles,
    export_html,
    render_report,
    slugify,
    unique_slugs,
)
from framing.report.sections import canonical, dumps_scores

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "notebooks" / "report.ipynb"
LEXICONS = ROOT / "framing" / "data" / "lexicons"
#: Anything fetched from elsewhere: a src/href with a scheme or protocol-relative, @import, url(http...).
EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?\s*(?:https?:)?//""", re.I
)
TIME = re.compile(r'<time class="framing-rendered"[^>]*>[^<]*</time>')
#: The size a report of the seed article must stay under (issue 12: it was 732 KB).
SIZE_LIMIT = 300_000


def text_of(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def section(page: str, heading: str) -> str:
    """The HTML from the ``<h2>`` named ``heading`` to the next ``<h2>``."""
    start = re.search(rf"<h2[^>]*>{re.escape(heading)}</h2>", page).start()
    following = page.find("<h2", start + 1)
    return page[start : following if following > 0 else len(page)]


def framing_command() -> str:
    return str(Path(sys.executable).with_name("framing"))


# ---------------------------------------------------------------------------
# Without a kernel


def test_slugs_are_file_safe_and_unique():
    assert slugify("corpora/articles/express-balkans-drones.txt") == "express-balkans-drones"
    assert slugify('Illegal "migrants" <script>.txt') == "illegal-migrants-script"
    assert unique_slugs(["x/a.txt", "y/a.txt", "a-2.txt"]) == ["a", "a-2", "a-2-2"]


def test_canonical_json_fixes_float_digits_and_key_order():
    first = dumps_scores({"b": 0.1 + 0.2, "a": {"y": float("nan"), "x": -0.0}, "c": (1, 2.5)})
    second = dumps_scores({"c": [1, 2.5], "a": {"x": 0.0, "y": None}, "b": 0.3})
    assert first == second
    assert json.loads(first) == {"a": {"x": 0.0, "y": None}, "b": 0.3, "c": [1, 2.5]}
    # 12 significant digits: 1/3 is written as 0.333333333333, not with 16-17 digits
    assert canonical(1 / 3) == 0.333333333333


def test_check_article_names_the_problem(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    trailer_only = tmp_path / "trailer.txt"
    trailer_only.write_text("\n" * 40 + "You may also like\nCelebrity news\n")
    with pytest.raises(ValueError, match=r"empty\.txt: empty article"):
        check_article(empty)
    with pytest.raises(ValueError, match=r"binary\.txt: not text: binary data"):
        check_article(binary)
    with pytest.raises(ValueError, match=r"trailer\.txt: empty article.*boilerplate"):
        check_article(trailer_only)
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        check_article(tmp_path / "missing.txt")


def test_expand_articles_keeps_order_and_missing_paths(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text("x")
    found = expand_articles([str(tmp_path / "*.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "a.txt")])
    assert found == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "missing.txt")]
    with pytest.raises(ValueError, match="no files match"):
        expand_articles(str(tmp_path / "*.md"))


def test_papermill_injects_hostile_parameters_as_python_literals():
    import papermill

    values = {
        "article_path": 'dir with "quotes"/a\nb.txt',
        "reference": "lee",
        "lexicon": "migration",
        "title": "<script>alert(1)</script> \"quotes\" 'single' \\ backslash \n newline",
    }
    template = papermill.iorw.load_notebook_node(str(TEMPLATE))  # as papermill reads it
    notebook = papermill.parameterize.parameterize_notebook(template, values)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    tree = ast.parse(injected[0].source)
    assigned = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert assigned == values


def test_export_is_self_contained_and_drops_code_and_stderr():
    cell = nbformat.v4.new_code_cell("secret_code_marker = 1")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="a warning nobody should read\n"),
        nbformat.v4.new_output("display_data", data={"text/html": "<p>kept output</p>"}),
    ]
    removed = nbformat.v4.new_code_cell("x = 1")
    removed.metadata["tags"] = ["remove-cell"]
    removed.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>removed output</p>"})]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Heading"), cell, removed])
    page = export_html(notebook)
    assert "kept output" in page and "Heading</h2>" in page
    assert "secret_code_marker" not in page
    assert "nobody should read" not in page
    assert "removed output" not in page
    assert not EXTERNAL.search(page), EXTERNAL.search(page)


def test_index_escapes_everything_and_sorts(tmp_path):
    good = ReportResult(
        "a.txt",
        "a",
        ok=True,
        html=tmp_path / "a.html",
        title='<img src=x onerror="alert(1)"> & "quoted"',
        document_scores={"loaded_terms": 3.0, "loaded_index": 12.5},
        percentiles={"loaded_index": 97.0},
    )
    bad = ReportResult("<b>b</b>.txt", "b", error="<b>b</b>.txt: empty article")
    index, summary = write_index([good, bad], tmp_path)
    page = index.read_text()
    assert "<img" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quoted&quot;" in page
    assert '<a href="a.html" title=' in page
    assert "&lt;b&gt;b&lt;/b&gt;.txt: empty article" in page
    assert not EXTERNAL.search(page)
    assert page.count("<script>") == 1 and 'class="sortable"' in page
    rows = list(csv.DictReader(summary.open()))
    assert [(r["slug"], r["status"]) for r in rows] == [("a", "rendered"), ("b", "failed")]
    assert rows[0]["loaded_terms"] == "3.0" and rows[0]["percentile.loaded_index"] == "97.0"
    assert rows[1]["error"] == "<b>b</b>.txt: empty article"


# ---------------------------------------------------------------------------
# With a real kernel


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory, seed_path):
    """The seed article rendered twice, into two folders."""
    first = render_report(seed_path, tmp_path_factory.mktemp("first"))
    second = render_report(seed_path, tmp_path_factory.mktemp("second"))
    return first, second


def test_report_writes_three_complete_files(seed_reports):
    result = seed_reports[0]
    assert result.ok and result.slug == "express-balkans-drones"
    assert {p.name for p in result.html.parent.iterdir()} == {
        "express-balkans-drones.html",
        "express-balkans-drones.ipynb",
        "express-balkans-drones.json",
    }  # nothing temporary left behind
    executed = nbformat.read(result.notebook, as_version=4)
    assert executed.metadata.papermill.parameters["article_path"] == str(result.source)
    assert not [
        o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]


def test_scores_match_the_engine_and_the_hashes(seed_reports, seed_analysis):
    scores = json.loads(seed_reports[0].scores.read_text())
    expected = seed_analysis.document_scores()
    assert scores["document_scores"].keys() == set(expected.index)
    for name, value in expected.items():
        assert scores["document_scores"][name] == pytest.approx(value, rel=1e-10), name
    assert len(scores["spans"]) == len(seed_analysis.spans)
    for recorded, name in zip(scores["provenance"]["lexicons"], ("migration", "loaded"), strict=True):
        lexicon_file = ROOT / "framing" / "data" / "lexicons" / f"{name}.yaml"
        lexicon_hash = hashlib.sha256(lexicon_file.read_bytes().decode("utf-8-sig").encode()).hexdigest()
        assert recorded["name"] == name and recorded["sha256"] == lexicon_hash
    from framing.corpus import load_corpus

    assert scores["provenance"]["reference"]["sha256"] == load_corpus("lee").sha256
    assert scores["provenance"]["parameters"] == {
        "article_path": str(seed_reports[0].source),
        "reference": "lee",
        "lexicon": "migration,loaded",
        "title": None,
        "ngrams": 1,
        "min_freq": 2,
        "text": "text",
    }
    assert scores["comparison"]["positioning"] and scores["comparison"]["keyness"]


def test_the_seed_report_is_small_and_opens_with_its_inputs_and_contents(seed_reports, report_sections):
    page = seed_reports[0].html.read_text()
    assert len(page.encode()) < SIZE_LIMIT
    assert page.count("<style") == 2  # the page's own styles and the article view's: no JupyterLab theme
    head = text_of(page[: page.index("<h2")])
    descriptor = yaml.safe_load((ROOT / "corpora" / "lee.yaml").read_text())
    for lexicon in ("migration", "loaded"):
        version = yaml.safe_load((ROOT / "framing" / "data" / "lexicons" / f"{lexicon}.yaml").read_text())[
            "version"
        ]
        assert f"{lexicon}, version {version}" in head
    assert f"Reference corpus: {descriptor['title']} (lee): {descriptor['documents']} documents" in head
    # the table of contents links every section, in order, to its heading's anchor
    nav = re.search(r'<nav class="framing-contents"[^>]*>(.*?)</nav>', page, re.S).group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert [html.unescape(text) for _, text in links] == report_sections
    anchors = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', page)
    assert anchors == links and len({a for a, _ in anchors}) == len(anchors)
    assert page.index("<nav") < page.index("<h2")
    # figures at screen resolution with their colours in a palette: none over 100 KB
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert images and max(len(base64.b64decode(i)) for i in images) < 100_000


def test_the_report_names_its_reference_and_its_caveat_where_it_is_used(seed_reports, seed_analysis):
    page = seed_reports[0].html.read_text()
    descriptor = yaml.safe_load((ROOT / "corpora" / "lee.yaml").read_text())
    comparison = text_of(section(page, "Comparison with the reference corpus"))
    assert " ".join(descriptor["what"].split()) in comparison  # the corpus's own description, in full
    assert comparison.count("bring a reference corpus of the same outlet and period") == 2  # keyness, table
    scores = json.loads(seed_reports[0].scores.read_text())
    rows = re.findall(r"<tr>(.*?)</tr>", section(page, "Comparison with the reference corpus"), re.S)
    table = [[html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]
    table = [row for row in table if len(row) == 7]
    assert len(table) == len(scores["comparison"]["positioning"])
    for row, recorded in zip(table, scores["comparison"]["positioning"], strict=True):
        n = recorded["reference_n"]
        assert row[2] == (f"{n} (thin)" if n < 30 else str(n)), row
    for row in table:  # a percentile is printed inside its own interval
        if row[5]:
            low, high = (float(x) for x in row[5].split(" to "))
            assert low <= float(row[4]) <= high, row
    by_score = {row[0]: row for row in table}
    assert by_score["loaded terms"][2] == str(descriptor["documents"])  # defined in every document
    # labels from the lexicon, not keys
    label = yaml.safe_load((LEXICONS / "migration.yaml").read_text())["categories"]["illegality"]["label"]
    assert f"{label}: terms per 1,000 words" in by_score
    assert not any(row[0].startswith(("rate.", "target.")) for row in table)


def test_the_report_shows_sentiment_toward_each_group_with_its_mentions(seed_reports, seed_analysis):
    page = seed_reports[0].html.read_text()
    part = section(page, "Sentiment toward groups")
    assert "US political news (NewsMTSC)" in part and "not been measured" in part
    assert "href=" not in part  # links nothing external (nor anything else)
    text = seed_analysis.document.text
    mentions = seed_analysis.target_mentions
    headings = re.findall(r"<h3>(.*?)</h3>", part)
    mentioned = seed_analysis.targets[seed_analysis.targets["mentions"] > 0]
    kinds = mentioned["kind"].tolist()
    assert kinds == sorted(kinds, key=lambda k: k == "speaker")  # groups first, then speakers
    assert [html.unescape(h) for h in headings] == [
        f"{row.label} ({row.kind}): {row.mentions} mention{'s' if row.mentions != 1 else ''}"
        for row in mentioned.itertuples()
    ]
    lists = re.findall(r'<ul class="framing-mentions">(.*?)</ul>', part, re.S)
    for row, items in zip(mentioned.itertuples(), lists, strict=True):
        mine = mentions[(mentions["target"] == row.target) & (mentions["kind"] == row.kind)]
        shown = re.findall(r"<li>(.*?)</li>", items, re.S)
        assert len(shown) == len(mine)
        for item, m in zip(shown, mine.itertuples(), strict=True):
            highlighted = re.search(r'<mark class="framing-mention">(.*?)</mark>', item).group(1)
            assert html.unescape(highlighted) == text[m.start : m.end]
            sentence = " ".join(text[m.sentence_start : m.sentence_end].split())
            assert text_of(item).endswith(sentence) and text_of(item).startswith(m.sentiment)


def test_two_renders_are_reproducible(seed_reports):
    first, second = seed_reports
    assert first.scores.read_bytes() == second.scores.read_bytes()
    page_1, page_2 = first.html.read_text(), second.html.read_text()
    assert len(TIME.findall(page_1)) == 1
    assert TIME.sub("", page_1) == TIME.sub("", page_2)


def test_report_html_sections_text_and_figures(seed_reports, seed_analysis, report_sections):
    page = seed_reports[0].html.read_text()
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page, flags=re.S)
    assert [re.sub(r"<[^>]+>", "", h).strip() for h in headings] == report_sections
    for section in report_sections:  # each heading is followed by a sentence of explanation
        assert re.search(rf">{re.escape(section)}</h2>\s*<p>[A-Z][^<]{{40,}}", page), section
    title = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))
    first_line = seed_analysis.document.text.strip().splitlines()[0]
    assert title.endswith("\u2026") and len(title) <= 160  # the first line, cut at a word with an ellipsis
    assert first_line.startswith(title[:-1]) and first_line[len(title) - 1] in " ,;:-"
    assert page.count('<mark class="framing-term"') == len(seed_analysis.spans)
    assert page.count('src="data:image/png;base64,') >= 4  # categories, arc, keyness, positioning
    for code in (
        "import framing",
        "sections.write_scores(",
        "analysis.plot_sentiment_arc()",
        "article_path =",
    ):
        assert code not in page  # no code input, not even the parameters
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    for alternative in seed_analysis.spans["alternatives"]:  # the loaded-terms table gives the alternatives
        assert alternative.split(";")[0].replace("'", "&#x27;") in page


def test_bad_inputs_are_refused_before_any_kernel_starts(tmp_path, seed_path, monkeypatch):
    started = []

    class Recorder:
        def __init__(self, *args, **kwargs):
            started.append(args)
            raise AssertionError("a kernel was started")

    monkeypatch.setattr("framing.report.render._Kernel", Recorder)
    reference = tmp_path / "reference.csv"
    reference.write_text("id,body\na,Police met ministers.\nb,Ministers met police.\n")
    out = tmp_path / "out"
    with pytest.raises(LexiconError, match="no-such-lexicon"):
        render_report(seed_path, out, lexicon="no-such-lexicon")
    with pytest.raises(FileNotFoundError, match="no-such-corpus"):
        render_report(seed_path, out, reference=str(tmp_path / "no-such-corpus"))
    with pytest.raises(ValueError, match="no text column 'text'"):  # it has "body" instead
        render_report(seed_path, out, reference=str(reference))
    with pytest.raises(ValueError, match="ngrams must be 1, 2 or 3"):
        render_report(seed_path, out, ngrams=5)
    with pytest.raises(ValueError, match="min_freq must be"):
        render_report(seed_path, out, min_freq=0)
    assert started == [] and not out.exists()  # no kernel, not even the output folder


@pytest.mark.parametrize("option", ["--lexicon", "--reference"])
def test_the_command_refuses_a_bad_input_with_exit_2_and_no_error_notebook(tmp_path, seed_path, option):
    out = tmp_path / "out"
    done = subprocess.run(
        [framing_command(), "report", str(seed_path), option, str(tmp_path / "missing.yaml"), "--out", out],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "missing.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() or list(out.iterdir()) == []  # no .error.ipynb, nothing at all


def test_a_failing_notebook_keeps_its_executed_copy(tmp_path, seed_path):
    # a template whose code fails leaves its executed copy behind, with the error in it
    failing = nbformat.read(TEMPLATE, as_version=4)
    failing.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("template broke")'))
    template = tmp_path / "failing.ipynb"
    nbformat.write(failing, template)
    out = tmp_path / "out"
    with pytest.raises(ReportError, match=r"failed at cell \d+: RuntimeError: template broke"):
        render_report(seed_path, out, template=template)
    assert {p.name for p in out.iterdir()} == {"express-balkans-drones.error.ipynb"}
    executed = nbformat.read(out / "express-balkans-drones.error.ipynb", as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert [o.ename for o in outputs if o.output_type == "error"] == ["RuntimeError"]
    with pytest.raises(ReportError, match="cannot start the 'no-such-kernel' kernel"):
        render_report(seed_path, tmp_path / "other", kernel_name="no-such-kernel")


#: An article without a term of the default lexicons, and a small reference whose text column is "body".
PLAIN_ARTICLE = "The council met on Tuesday.\nThe council voted on the new library budget.\n"
SMALL_REFERENCE = [
    "The council met to discuss roads.",
    "Residents asked the council about the library.",
    "A new bridge opened on Monday.",
]


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """A plain article against a three-document CSV reference, with every comparison option changed."""
    folder = tmp_path_factory.mktemp("small")
    article = folder / "council.txt"
    article.write_text(PLAIN_ARTICLE, encoding="utf-8")
    reference = folder / "reference.csv"
    with reference.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "body"])
        writer.writerows([f"doc-{i}", text] for i, text in enumerate(SMALL_REFERENCE))
    result = render_report(
        article, folder / "out", reference=str(reference), ngrams=2, min_freq=1, text="body"
    )
    return result, json.loads(result.scores.read_text()), result.html.read_text()


def test_the_comparison_options_reach_the_template(small_report):
    result, scores, _ = small_report
    assert result.ok
    parameters = scores["provenance"]["parameters"]
    assert (parameters["ngrams"], parameters["min_freq"], parameters["text"]) == (2, 1, "body")
    assert scores["provenance"]["comparison"]["ngram_range"] == [1, 2]
    assert scores["provenance"]["comparison"]["min_freq"] == 1
    keyness = {row["term"]: row for row in scores["comparison"]["keyness"]}
    # counted by hand: "the council" twice in the article, once in each of two reference stories
    assert keyness["the council"]["n_target"] == 2 and keyness["the council"]["n_reference"] == 2
    # min_freq 1: a word used once in the article and never in the reference is kept
    assert keyness["budget"]["n_target"] == 1 and keyness["budget"]["n_reference"] == 0


def test_an_article_without_loaded_terms_and_a_thin_reference_say_so(small_report):
    _, scores, page = small_report
    assert scores["document_scores"]["loaded_terms"] == 0
    article = text_of(section(page, "The article"))
    assert "No term of the lexicons in use (migration, loaded) counts in this article." in article
    terms = section(page, "Loaded lexical choices")
    assert "No loaded term of the lexicons in use occurs in this article." in text_of(terms)
    assert "<img" not in terms and "<table" not in terms  # no empty chart, no empty table
    comparison = section(page, "Comparison with the reference corpus")
    assert "Reference corpus: reference (reference.csv" not in comparison  # named by its file's stem
    assert f"Reference corpus: reference: {len(SMALL_REFERENCE)} documents." in text_of(comparison)
    assert "same outlet and period" in text_of(comparison)
    rows = [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", comparison, re.S)]
    documents = {row[0]: row[2] for row in rows if len(row) == 7}
    assert documents["loaded terms"] == f"{len(SMALL_REFERENCE)} (thin)"
    assert all(n.endswith(" (thin)") for n in documents.values())  # no row rests on 30 documents


def test_a_word_frequency_reference_gives_keyness_without_positioning(tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("Smuggling gangs exploit migrants, police said.\nMinisters vowed to act.\n")
    result = render_report(article, tmp_path / "out", reference="wordfreq-en")
    scores = json.loads(result.scores.read_text())
    assert scores["comparison"]["positioning"] == [] and scores["comparison"]["keyness"]
    assert "gangs" in {row["term"] for row in scores["comparison"]["keyness"]}
    comparison = text_of(section(result.html.read_text(), "Comparison with the reference corpus"))
    assert "wordfreq-en is a word-frequency list, not a set of documents" in comparison
    assert "Reference corpus: " in comparison and "same outlet and period" in comparison


def test_batch_isolates_failures(tmp_path, seed_text, seed_reports):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "seed.txt").write_text(seed_text, encoding="utf-8")
    (articles / "short.txt").write_text(
        "Smuggling gangs exploit migrants, police said.\nMinisters vowed to slash crossings.\n",
        encoding="utf-8",
    )
    (articles / "empty.txt").write_text("")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "reports"
    done = subprocess.run(
        [
            framing_command(),
            "batch",
            str(articles / "*.txt"),
            "--jobs",
            "2",
            "--out",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr
    assert "2 of 4 reports" in done.stdout
    assert "empty.txt: empty article" in done.stderr and "binary.txt: not text" in done.stderr
    names = {p.name for p in out.iterdir()}
    assert names == {
        "index.html",
        "summary.csv",
        *(f"{slug}.{ext}" for slug in ("seed", "short") for ext in ("html", "ipynb", "json")),
    }
    for slug in ("seed", "short"):
        assert (out / f"{slug}.html").read_text().rstrip().endswith("</html>")
        assert json.loads((out / f"{slug}.json").read_text())["document_scores"]["tokens"] > 0
    index = (out / "index.html").read_text()
    assert '<a href="seed.html" title=' in index and '<a href="short.html" title=' in index
    assert "empty.txt: empty article" in index and "binary.txt: not text" in index
    rows = {r["slug"]: r for r in csv.DictReader((out / "summary.csv").open())}
    assert {k: r["status"] for k, r in rows.items()} == {
        "empty": "failed",
        "binary": "failed",
        "seed": "rendered",
        "short": "rendered",
    }
    assert (
        float(rows["short"]["loaded_terms"])
        == json.loads((out / "short.json").read_text())["document_scores"]["loaded_terms"]
    )
    # kernels in a batch run with their BLAS/OpenMP pools capped (one thread each on two cores):
    # the numbers are the same as a report rendered on its own
    alone, batched = (json.loads(p.read_text()) for p in (seed_reports[0].scores, out / "seed.json"))
    for part in ("document_scores", "comparison", "spans", "sentences"):
        assert batched[part] == alone[part], part


# ---------------------------------------------------------------------------
# In Chromium: readable at 1200 px and in print


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    debian = Path("/usr/bin/chromium")
    options = {"args": ["--no-sandbox", "--disable-gpu"], "headless": True}
    if debian.is_file():
        options["executable_path"] = str(debian)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)
        yield browser
        browser.close()


def overflow(browser, path: Path, width: int, media: str = "screen") -> int:
    """How many pixels ``path`` is wider than a window ``width`` pixels wide (0: it fits)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.emulate_media(media=media)
    page.goto(path.as_uri(), wait_until="load")
    extra = page.evaluate("document.documentElement.scrollWidth") - width
    page.close()
    return extra


def test_report_and_index_fit_a_1200_pixel_window_and_a_printed_page(chromium, seed_reports, tmp_path):
    report = seed_reports[0].html
    assert overflow(chromium, report, 1200) <= 0
    assert overflow(chromium, report, 794, "print") <= 0  # A4 at 96 dpi
    scores = json.loads(seed_reports[0].scores.read_text())["document_scores"]
    results = [
        ReportResult(
            f"corpora/a/long-file-name-number-{i}.txt",
            f"r{i}",
            ok=True,
            title="A headline " * 12,
            html=tmp_path / f"r{i}.html",
            document_scores=scores,
            percentiles={"loaded_index": 99.0},
        )
        for i in range(3)
    ]
    results.append(ReportResult("bad.txt", "bad", error="bad.txt: not text: binary data " * 4))
    index, _ = write_index(results, tmp_path, lexicon="migration,loaded", reference="lee")
    assert "Lexicons: migration, loaded. Reference corpus: lee." in index.read_text()
    assert overflow(chromium, index, 1200) <= 0
