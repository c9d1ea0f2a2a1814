"""Reproducible reports: papermill runs ``notebooks/report.ipynb``, nbconvert turns it into HTML.

One report is one article: :func:`render_report` executes the template in a
real kernel through papermill, exports the executed notebook to a single
self-contained HTML file in this process (no inputs, figures embedded, no CDN)
and writes ``<slug>.html``, ``<slug>.ipynb`` and ``<slug>.json``. Each file is
written under a temporary name and renamed, so none is ever half-written.

:func:`render_batch` renders many articles in parallel processes, isolates the
failures, and writes the index and summary (:mod:`framing.report.index`). The
helpers the template calls in the kernel are in :mod:`framing.report.sections`.
Nothing heavy is imported at module level: papermill and nbconvert load when a
report is rendered.

Inputs are checked before any notebook runs (:func:`check_article`,
:func:`check_inputs`, :func:`prepare_out`): a bad article, lexicon, reference
or output folder is a ``ValueError`` naming it, and nothing is written. A
batch can be stopped and resumed: Ctrl-C or SIGTERM lets no new report start,
ends the running ones (their kernels shut down) and writes the index for what
finished, the rest marked ``interrupted``; workers and kernels end by
themselves if the batch's process dies; the next run into the same folder
removes what an interrupted one left (:func:`remove_debris`) and keeps every
report whose inputs and versions are unchanged (:func:`inputs_key`).

Examples
--------
>>> slugify("corpora/articles/Express Balkans drones.txt")
'express-balkans-drones'

Rendering starts a kernel, so it is shown rather than run as a doctest::

    render_report("corpora/articles/express-balkans-drones.txt", out="reports")
    # ReportResult(source='corpora/articles/express-balkans-drones.txt', slug='express-balkans-drones', ...)
"""

from __future__ import annotations

import functools
import glob
import hashlib
import json
import os
import platform
import re
import signal
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from framing.report.index import printable, write_index

#: The papermill template (a normal notebook with a cell tagged ``parameters``): ``notebooks/report.ipynb``,
#: shipped with the package through the link ``framing/data/report.ipynb``.
TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "report.ipynb"
KERNEL_NAME = "python3"
#: The comparison options a report takes, as :func:`framing.compare` and ``framing compare`` do, with
#: their defaults: the longest n-gram of the keyness table, its minimum frequency, and the text column
#: of a CSV/JSONL/Parquet reference. They reach the template as notebook parameters.
COMPARISON_OPTIONS = {"ngrams": 1, "min_freq": 2, "text": "text"}
#: Seconds an interrupted batch waits for its running reports to end and their kernels to shut down.
STOP_GRACE = 30
#: A report's temporary files: ``.<slug>.<pid>-<ns>.tmp.<ext>``, named after the process writing them.
_TEMPORARY = re.compile(r"\..+\.(\d+)-\d+\.tmp\.(?:ipynb|json|html)")
#: The index's and summary's temporary files (:func:`framing.text.files.atomic_write`).
_INDEX_TEMPORARY = re.compile(r"\.(?:index\.html|summary\.csv)\..+\.tmp")


class ReportError(RuntimeError):
    """A report could not be rendered; the message names the article and the failing step."""


@dataclass
class ReportResult:
    """What rendering one article produced.

    Attributes
    ----------
    source : str
        The article path as given.
    slug : str
        Base name of the report files.
    ok : bool
        Whether all three files are there (written now, or kept unchanged).
    html, notebook, scores : Path or None
        ``<slug>.html``, the executed ``<slug>.ipynb`` and ``<slug>.json``.
    title : str
        The report's title (the article's headline unless one was given).
    document_scores : dict
        The article's document-level scores (the same as in ``<slug>.json``).
    percentiles : dict
        Percentile of each score among the reference documents, where known.
    error : str or None
        Why the report failed, in one line.
    seconds : float
        Wall-clock time of the render.
    status : str
        ``rendered``, ``unchanged`` (kept from an earlier run: same inputs and versions),
        ``failed`` or ``interrupted`` (the batch was stopped first); by default from ``ok``.
    """

    source: str
    slug: str
    ok: bool = False
    html: Path | None = None
    notebook: Path | None = None
    scores: Path | None = None
    title: str = ""
    document_scores: dict = field(default_factory=dict, repr=False)
    percentiles: dict = field(default_factory=dict, repr=False)
    error: str | None = None
    seconds: float = 0.0
    status: str = ""

    def __post_init__(self):
        self.status = self.status or ("rendered" if self.ok else "failed")


@dataclass
class Batch:
    """The outcome of :func:`render_batch`: one result per article, the index and the summary.

    Attributes
    ----------
    results : list of ReportResult
        In the order the articles were given.
    index, summary : Path
        ``index.html`` and ``summary.csv``.
    seconds : float
    interrupted : bool
        Whether the batch was stopped (Ctrl-C, SIGTERM) before every report was done.
    """

    results: list[ReportResult]
    index: Path
    summary: Path
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def failed(self) -> list[ReportResult]:
        """The results that did not render (failed or interrupted)."""
        return [r for r in self.results if not r.ok]


# ---------------------------------------------------------------------------
# Names and paths


def slugify(name: str | os.PathLike) -> str:
    """A file-name-safe slug from an article path (its stem) or a title.

    Examples
    --------
    >>> slugify("Été: 'Illegal migrants' <b>!.txt")
    'ete-illegal-migrants-b'
    >>> slugify("???")
    'article'
    """
    stem = Path(os.fspath(name)).name
    stem = re.sub(r"\.(txt|text|md|html?)$", "", stem, flags=re.IGNORECASE)
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-") or "article"


def unique_slugs(paths) -> list[str]:
    """One slug per path, numbered ``-2``, ``-3`` ... where two paths share a stem.

    Examples
    --------
    >>> unique_slugs(["a/story.txt", "b/story.txt", "c/other.txt"])
    ['story', 'story-2', 'other']
    """
    used: set[str] = set()
    slugs = []
    for path in paths:
        base = slug = slugify(path)
        number = 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        slugs.append(slug)
    return slugs


def expand_articles(articles) -> list[str]:
    """Article paths from glob patterns and paths, in order, without duplicates.

    A pattern (``*``, ``?``, ``[``) expands to its sorted matches and must match
    something; a plain path is kept even if it does not exist, so that a batch
    reports it as failed rather than dropping it.

    Examples
    --------
    >>> expand_articles(["corpora/articles/*.txt", "missing.txt"])
    ['corpora/articles/express-balkans-drones.txt', 'missing.txt']
    """
    if isinstance(articles, (str, os.PathLike)):
        articles = [articles]
    found: list[str] = []
    for item in articles:
        item = os.fspath(item)
        if any(character in item for character in "*?["):
            matches = sorted(p for p in glob.glob(item, recursive=True) if not os.path.isdir(p))
            if not matches:
                raise ValueError(f"{item}: no files match this pattern")
            found.extend(matches)
        else:
            found.append(item)
    return list(dict.fromkeys(found))


def check_article(path: str | os.PathLike):
    """Read the article at ``path`` and make sure there is text to analyse.

    Returns
    -------
    framing.Document

    Raises
    ------
    FileNotFoundError
        No such file.
    ValueError
        The file name is not UTF-8, or the file cannot be read, is not text
        (:func:`framing.read_document` says why), or holds no article text.

    Examples
    --------
    >>> check_article("corpora/articles/express-balkans-drones.txt").title[:25]
    'Britain will give police '
    """
    from framing.text.document import read_document

    name = os.fspath(path)
    if printable(name) != name:
        raise ValueError(f"{printable(name)}: the file name is not UTF-8 text; rename the file")
    document = read_document(Path(name))
    if not document.body.strip():
        raise ValueError(f"{name}: empty article: no text to analyse once the page boilerplate is cut")
    return document


def check_inputs(
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration,loaded",
    *,
    text: str = "text",
    ngrams: int = 1,
    min_freq: int = 2,
) -> None:
    """Check the lexicons, the reference corpus and the comparison options a report will use.

    Packaged names are only looked up; lexicon files and corpus paths are read
    and validated as the report would (``text``: the reference's text column),
    so a bad one is an error at once, before any kernel starts (and a batch
    checks them once, not in every report).

    Raises
    ------
    ValueError, OSError
        ``LexiconError`` or ``CorpusError`` (``ValueError``) naming the file,
        entry or row at fault; ``FileNotFoundError`` for a missing path; ``ngrams`` not 1 to 3 or
        ``min_freq`` below 1.

    Examples
    --------
    >>> check_inputs("lee", "migration,loaded")
    >>> try:
    ...     check_inputs("", "migration")
    ... except ValueError as error:
    ...     print(error)
    no corpus named: '' is empty; give a packaged corpus (lee, wordfreq-en) or a folder or file path
    >>> check_inputs(ngrams=4)
    Traceback (most recent call last):
    ...
    ValueError: ngrams must be 1, 2 or 3 (the keyness table's longest n-gram), not 4
    """
    from framing.analysis import load_lexicons
    from framing.corpus import PACKAGED, load_corpus
    from framing.measures.lexicon import packaged_lexicons

    if isinstance(ngrams, bool) or not isinstance(ngrams, int) or not 1 <= ngrams <= 3:
        raise ValueError(f"ngrams must be 1, 2 or 3 (the keyness table's longest n-gram), not {ngrams!r}")
    if isinstance(min_freq, bool) or not isinstance(min_freq, int) or min_freq < 1:
        raise ValueError(f"min_freq must be a whole number of at least 1, not {min_freq!r}")
    spec = os.fspath(lexicon)
    names = [part.strip() for part in spec.split(",")]
    if not spec.strip() or not all(names):
        raise ValueError(f"lexicon {spec!r}: an empty lexicon name; give packaged names or lexicon files")
    packaged = set(packaged_lexicons())
    if len(set(names)) < len(names) or any(n not in packaged or os.path.exists(n) for n in names):
        load_lexicons(spec)
    name = os.fspath(reference)
    if name not in PACKAGED or os.path.exists(name):
        load_corpus(name, text=text)


def prepare_out(out: str | os.PathLike) -> Path:
    """The output folder ``out``, created if missing, once it is known that files can be written in it.

    Raises
    ------
    ValueError
        ``out`` is a file, or the folder cannot be created or written in.

    Examples
    --------
    >>> import tempfile
    >>> prepare_out(Path(tempfile.mkdtemp()) / "reports").name
    'reports'
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out}: the output folder is a file; name a folder (--out)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise ValueError(f"{out}: cannot write in the output folder: {error.strerror or error}") from None
    return out


def remove_debris(out: str | os.PathLike) -> list[Path]:
    """Remove the temporary files an interrupted run left in ``out``, and return them.

    A report's temporary files carry the id of the process that writes them:
    those of a process still running are left alone. Those of the index and
    summary are removed once they are a minute old.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".story.999999999-1.tmp.json").write_text("{")
    >>> [p.name for p in remove_debris(folder)]
    ['.story.999999999-1.tmp.json']
    """
    removed = []
    for path in sorted(Path(out).glob(".*.tmp*")):
        temporary = _TEMPORARY.fullmatch(path.name)
        if temporary and not _running(int(temporary.group(1))):
            stale = True
        elif _INDEX_TEMPORARY.fullmatch(path.name):
            try:
                stale = time.time() - path.stat().st_mtime > 60
            except OSError:
                stale = False
        else:
            stale = False
        if stale:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 1 << 22
    return True


def inputs_key(
    article: str | os.PathLike,
    *,
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration,loaded",
    title: str | None = None,
    template: str | os.PathLike | None = None,
    basis: dict | None = None,
    options: dict | None = None,
) -> str | None:
    """A hash of everything a report depends on; ``None`` if the article cannot be read.

    The article's path and bytes, the title, and :func:`inputs_basis`: the
    lexicons' and reference's contents, the comparison ``options``, the template, and the versions of
    the scoring rules, the packages and Python. A batch keeps a report whose
    recorded key (``inputs_sha256`` in ``<slug>.json``) is the same.

    Examples
    --------
    >>> key = inputs_key("corpora/articles/express-balkans-drones.txt")
    >>> len(key), key == inputs_key("corpora/articles/express-balkans-drones.txt", title="Other")
    (64, False)
    """
    if basis is None:
        basis = inputs_basis(reference, lexicon, template, options)
    try:
        article_hash = _file_hash(Path(article))
    except OSError:
        return None
    record = {"article": [os.fspath(article), article_hash], "title": title, **basis}
    text = json.dumps(record, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def inputs_basis(
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration,loaded",
    template: str | os.PathLike | None = None,
    options: dict | None = None,
) -> dict:
    """What every report of a batch depends on besides its article (see :func:`inputs_key`).

    ``options`` are the comparison options (:data:`COMPARISON_OPTIONS`, their defaults where missing).

    Examples
    --------
    >>> sorted(inputs_basis())
    ['comparison', 'lexicons', 'reference', 'template', 'versions']
    >>> inputs_basis(options={"ngrams": 2})["comparison"]
    {'ngrams': 2, 'min_freq': 2, 'text': 'text'}
    """
    from framing.analysis import PROVENANCE_PACKAGES, SCORING_VERSION, package_versions
    from framing.measures.lexicon import PACKAGED_DIR
    from framing.report.sections import REPORT_PACKAGES
    from framing.text.words import TOKENIZER_VERSION

    lexicons = []
    for item in os.fspath(lexicon).split(","):
        item = item.strip()
        path = Path(item) if os.path.isfile(item) else Path(str(PACKAGED_DIR / f"{item}.yaml"))
        lexicons.append([item, _file_hash(path) if path.is_file() else None])
    name = os.fspath(reference)
    location = Path(name)
    if location.is_dir():
        files = sorted(p for p in location.rglob("*") if p.is_file())
        reference_hash = [[p.relative_to(location).as_posix(), _file_hash(p)] for p in files]
    else:
        reference_hash = _file_hash(location) if location.is_file() else None
    return {
        "comparison": COMPARISON_OPTIONS | (options or {}),
        "lexicons": lexicons,
        "reference": [name, reference_hash],
        "template": _file_hash(Path(template) if template is not None else TEMPLATE),
        "versions": {
            "scoring": SCORING_VERSION,
            "tokenizer": TOKENIZER_VERSION,
            "python": platform.python_version(),
            "packages": package_versions(tuple(PROVENANCE_PACKAGES) + tuple(REPORT_PACKAGES)),
        },
    }


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _kept(source: str, slug: str, out: Path, key: str | None) -> ReportResult | None:
    """The result of the report already in ``out`` if its recorded inputs key is ``key``, else None.

    The three files must be there and the page no older than the scores (it is renamed into place
    last), so a report cut off while its files were being renamed is rendered again.
    """
    files = {ext: out / f"{slug}{ext}" for ext in (".html", ".ipynb", ".json")}
    if key is None:
        return None
    try:
        times = {ext: path.stat().st_mtime_ns for ext, path in files.items()}
        scores = json.loads(files[".json"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(scores, dict) or scores.get("inputs_sha256") != key or times[".html"] < times[".json"]:
        return None
    return ReportResult(
        source=source,
        slug=slug,
        ok=True,
        html=files[".html"],
        notebook=files[".ipynb"],
        scores=files[".json"],
        title=(scores.get("report") or {}).get("title") or slug,
        document_scores=scores.get("document_scores") or {},
        percentiles=_percentiles(scores),
        status="unchanged",
    )


# ---------------------------------------------------------------------------
# HTML export (in process, self-contained)

#: The report page's own styles, in place of JupyterLab's (about 260 KB of theme CSS a report does not
#: use): readable at any width from a phone to 1200 px and over, and in print.
REPORT_CSS = """
body { margin: 0; background: #fff; color: #1f1f1f; font: 16px/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; }
main { max-width: 62em; margin: 0 auto; padding: 1.5em 2em 3em; }
.jp-Collapser, .jp-InputPrompt, .jp-OutputPrompt { display: none; }
.jp-OutputArea-output { overflow-x: auto; }
.jp-OutputArea-output img { max-width: 100%; height: auto; display: block; }
h1 { font-size: 1.9em; line-height: 1.25; margin: 0.3em 0; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; scroll-margin-top: 1em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.3em; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 0.2em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.6em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.6em; border-bottom: 1px solid #e2e2e2; }
thead th { border-bottom: 2px solid #bbb; }
ul.framing-byline { list-style: none; padding: 0; color: #555; margin: 0.4em 0; }
nav.framing-contents { background: #f6f6f6; border: 1px solid #e2e2e2; padding: 0.5em 1em; margin: 1em 0; }
nav.framing-contents ol { columns: 2; margin: 0.2em 0; }
.framing-caveat { background: #fff6dc; border-left: 4px solid #d89c00; padding: 0.4em 0.8em; }
.framing-empty { font-style: italic; }
mark.framing-mention { background: #ffe28a; color: inherit; padding: 0 2px; }
ul.framing-mentions { font-size: 0.9em; }
.framing-sentiment-negative { color: #a12622; font-weight: 600; }
.framing-sentiment-positive { color: #1c6b30; font-weight: 600; }
.framing-sentiment-neutral { color: #555; font-weight: 600; }
dl.framing-provenance dt { font-weight: bold; margin-top: 0.6em; }
dl.framing-provenance dd { margin-left: 1.5em; font-family: ui-monospace, Menlo, Consolas, monospace;
  font-size: 0.85em; overflow-wrap: anywhere; }
@page { margin: 15mm; }
@media print {
  body { font-size: 11pt; }
  table { font-size: 8.5pt; }
  main { max-width: none; padding: 0; }
  .jp-OutputArea-output { overflow: visible; }
  h2, h3 { break-after: avoid; }
  img, tr, li, .framing-caveat { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

#: Extends nbconvert's ``lab`` template: its head is replaced by the report's own (no script or
#: stylesheet fetched from anywhere: require.js, MathJax, Mermaid and widget loaders are dropped, and
#: so is JupyterLab's theme CSS), with :data:`REPORT_CSS` inlined.
_HTML_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head -%}
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0">
{% set nb_title = nb.metadata.get('title', resources['metadata']['name']) | escape_html_keep_quotes %}
<title>{{nb_title}}</title>
<style type="text/css">{{ resources.framing_css }}</style>
{%- endblock html_head -%}
"""

#: Cells left out of the HTML altogether (their inputs are hidden anyway).
REMOVED_CELL_TAGS = ("parameters", "injected-parameters", "remove-cell")


_EXPORTER_LOCK = threading.Lock()


def _exporter():
    """The HTML exporter, built once per process (thread-safe: a background thread may be building it)."""
    with _EXPORTER_LOCK:
        return _build_exporter()


@functools.lru_cache(maxsize=1)
def _build_exporter():
    import jinja2
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_CELL_TAGS
    return HTMLExporter(
        config=config,
        extra_loaders=[jinja2.DictLoader({"framing_report.html.j2": _HTML_TEMPLATE})],
        template_file="framing_report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
        embed_images=True,
    )


def export_html(notebook) -> str:
    """The executed ``notebook`` as one self-contained HTML page, without code or stderr.

    Figures are embedded as ``data:`` images (:func:`compact_png`); nothing is loaded from the
    network. Each ``<h2>`` gets an ``id`` (its slug) and the ``nav.framing-contents`` a page
    holds (the report's head, :func:`framing.report.sections.header`) becomes the table of contents
    linking them.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hello")])
    >>> page = export_html(nb)
    >>> "Hello</h1>" in page, 'src="http' in page, "<script" in page
    (True, False, False)
    """
    import base64
    import copy

    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                output
                for output in cell.get("outputs", [])
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
            for output in cell["outputs"]:
                data = output.get("data", {})
                if "image/png" in data:
                    png = compact_png(base64.b64decode(data["image/png"]))
                    data["image/png"] = base64.b64encode(png).decode("ascii")
    page, _ = _exporter().from_notebook_node(notebook, resources={"framing_css": REPORT_CSS})
    return contents(page)


#: A section heading of the page: ``<h2>`` with no id yet (user text in it is escaped already).
_SECTION = re.compile(r"<h2((?: class=\"[^\"]*\")?)>(.*?)</h2>", re.S)
#: The empty table of contents (its attributes in any order: nbconvert sorts them).
_CONTENTS = re.compile(r'<nav(?=[^>]*\bclass="framing-contents")[^>]*>\s*</nav>')


def contents(page: str) -> str:
    """``page`` with an ``id`` on each ``<h2>`` and its empty ``nav.framing-contents`` listing them.

    Examples
    --------
    >>> page = contents('<nav class="framing-contents"></nav><h2>The article</h2><h2>Notes &amp; more</h2>')
    >>> print(page.replace("<li>", "\\n<li>").replace("</ol>", "\\n</ol>"))
    <nav class="framing-contents" aria-label="Contents"><strong>Contents</strong><ol>
    <li><a href="#the-article">The article</a></li>
    <li><a href="#notes-more">Notes &amp; more</a></li>
    </ol></nav><h2 id="the-article">The article</h2><h2 id="notes-more">Notes &amp; more</h2>
    """
    import html as html_module

    used: set[str] = set()
    links = []

    def anchor(match) -> str:
        text = re.sub(r"<[^>]+>", "", match.group(2)).strip()
        folded = unicodedata.normalize("NFKD", html_module.unescape(text)).encode("ascii", "ignore").decode()
        base = identifier = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "section"
        number = 1
        while identifier in used:
            number += 1
            identifier = f"{base}-{number}"
        used.add(identifier)
        links.append(f'<li><a href="#{identifier}">{text}</a></li>')
        return f'<h2 id="{identifier}"{match.group(1)}>{match.group(2)}</h2>'

    page = _SECTION.sub(anchor, page)
    if links:
        items = "".join(links)
        nav = f'<nav class="framing-contents" aria-label="Contents"><strong>Contents</strong><ol>{items}</ol>'
        nav += "</nav>"
        page = _CONTENTS.sub(lambda _: nav, page, count=1)
    return page


def compact_png(data: bytes) -> bytes:
    """A PNG figure with its colours reduced to a palette of 256 (about a third of the bytes, no visible
    change for a chart), or ``data`` unchanged when that is no smaller or it is not a PNG.

    Examples
    --------
    >>> import io
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> figure, ax = plt.subplots()
    >>> _ = ax.scatter(range(200), range(200), alpha=0.4)
    >>> buffer = io.BytesIO()
    >>> figure.savefig(buffer, format="png")
    >>> original = buffer.getvalue()
    >>> len(compact_png(original)) < len(original) / 2, compact_png(b"not a png")
    (True, b'not a png')
    """
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        return data
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # opaque: the median cut keeps colours closest
    if image.mode == "RGB":
        reduced = image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    elif image.mode == "RGBA":
        reduced = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    else:
        return data
    buffer = io.BytesIO()
    reduced.save(buffer, format="PNG", optimize=True)
    smaller = buffer.getvalue()
    return smaller if len(smaller) < len(data) else data


# ---------------------------------------------------------------------------
# Rendering one report, and a batch


#: Modules the kernel imports as it starts, while this process is still loading papermill: the
#: template's own imports. (``__import__`` binds no name in the notebook's namespace.)
PRELOAD = (
    "framing.analysis",
    "framing.corpus",
    "framing.comparison",
    "framing.report.sections",
    "matplotlib.pyplot",
)


#: Environment variables that cap a process's native thread pools (as joblib's loky sets them).
THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _thread_limits(threads: int | None) -> dict:
    """This process's environment, with the native thread pools capped at ``threads`` where not set already.

    Examples
    --------
    >>> env = _thread_limits(1)
    >>> all(name in env for name in THREAD_LIMITS)
    True
    """
    env = dict(os.environ)
    if threads is not None:
        for name in THREAD_LIMITS:
            env.setdefault(name, str(threads))
    return env


class _Kernel:
    """A kernel started ahead of papermill (which is then handed its manager), importing :data:`PRELOAD`.

    Its sockets are encrypted with CurveZMQ where pyzmq and the kernel support it; its own log (an
    interrupt notice at shutdown) is silenced, since failures are in the notebook's outputs.
    """

    def __init__(self, kernel_name: str, cwd: str, threads: int | None = None):
        import zmq
        from jupyter_client.manager import KernelManager

        options = {"transport_encryption": "auto"} if zmq.has("curve") else {}
        self.manager = KernelManager(kernel_name=kernel_name, **options)
        preload = ", ".join(f"__import__({name!r})" for name in PRELOAD) + ";"
        arguments = ["--IPKernelApp.log_level=CRITICAL", f"--IPKernelApp.exec_lines={preload}"]
        self.manager.start_kernel(cwd=cwd, extra_arguments=arguments, env=_thread_limits(threads))

    def shutdown(self) -> None:
        """Stop the kernel now: every output has arrived and the scores file is written, or the report stops.

        In a thread of its own, so with an event loop of its own: an interrupted papermill leaves its
        tasks on this thread's loop, and they would run (and wait on the busy kernel) first.
        """
        if self.manager.has_kernel:
            stopping = threading.Thread(target=self._shutdown_now)
            stopping.start()
            stopping.join()

    def _shutdown_now(self) -> None:
        try:
            self.manager.shutdown_kernel(now=True)
        finally:
            close_event_loop()


def close_event_loop(grace: float = 5.0) -> None:
    """Close this thread's event loop (the one Jupyter's synchronous calls run on), ending its tasks.

    A report stopped mid-cell leaves the loop in a reference cycle, and may leave tasks pending on
    it. Left to the garbage collector, loop and sockets go in any order, and Python prints a
    traceback from the loop's ``__del__`` (``Invalid file descriptor: -1``). Pending tasks are
    cancelled and given ``grace`` seconds to end; their errors are not printed.

    Examples
    --------
    >>> close_event_loop()
    >>> from jupyter_core.utils import ensure_event_loop
    >>> ensure_event_loop().is_closed()  # a new loop the next time one is needed
    False
    """
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if loop.is_running() or loop.is_closed():
        return
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    if pending:
        ended, _ = loop.run_until_complete(asyncio.wait(pending, timeout=grace))
        for task in ended:  # marked as seen: the report's own error is told elsewhere
            if not task.cancelled():
                task.exception()
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


def render_report(
    article_path: str | os.PathLike,
    out: str | os.PathLike = "reports",
    *,
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration,loaded",
    title: str | None = None,
    slug: str | None = None,
    template: str | os.PathLike | None = None,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
    threads: int | None = None,
    ngrams: int = COMPARISON_OPTIONS["ngrams"],
    min_freq: int = COMPARISON_OPTIONS["min_freq"],
    text: str = COMPARISON_OPTIONS["text"],
) -> ReportResult:
    """Render the report of one article into ``out``: ``<slug>.html``, ``.ipynb`` and ``.json``.

    The article, the output folder, the lexicons, the reference and the
    comparison options are checked before any kernel starts: a bad one raises
    at once, starts nothing and writes nothing. ``<slug>.json``
    records the :func:`inputs_key` as ``inputs_sha256``, so that a batch into
    the same folder keeps the report while its inputs are unchanged.

    Parameters
    ----------
    article_path : str or path
        The article (a text file in any encoding, or a saved web page). Relative paths resolve from
        the current folder.
    out : str or path
        Folder for the three files (created if missing).
    reference : str or path
        Packaged reference corpus (``"lee"``) or a corpus path.
    lexicon : str or path
        Packaged lexicon names or lexicon files, comma-separated.
    title : str, optional
        The report's title; by default the article's headline.
    slug : str, optional
        Base name of the files; by default from the article's file name.
    template : str or path, optional
        The papermill template (default ``notebooks/report.ipynb``).
    kernel_name : str
        Jupyter kernel to execute in.
    timeout : int
        Seconds any one cell may run.
    threads : int, optional
        Cap on the kernel's native thread pools (BLAS, OpenMP); :func:`render_batch` sets it so
        that parallel reports do not oversubscribe the cores. Default: no cap.
    ngrams, min_freq : int
        As ``framing compare``: the keyness table counts words to ``ngrams``-grams (1 to 3) and
        keeps terms seen at least ``min_freq`` times (``framing.compare(ngram_range=(1, ngrams),
        min_freq=min_freq)``).
    text : str
        The text column of a CSV, JSONL or Parquet reference (``framing.load_corpus(text=...)``).

    Returns
    -------
    ReportResult

    Raises
    ------
    FileNotFoundError, ValueError
        The article is missing, unreadable or empty; a lexicon or the reference is missing or
        malformed; ``out`` cannot be written. Nothing is written.
    ReportError
        The notebook failed; the executed notebook is kept as ``<slug>.error.ipynb``.

    Examples
    --------
    A kernel runs, so this is shown rather than run as a doctest::

        r = render_report("corpora/articles/express-balkans-drones.txt", "reports")
        r.html  # PosixPath('reports/express-balkans-drones.html')
    """
    started = time.perf_counter()
    source = os.fspath(article_path)
    check_article(source)
    template = _template(template)
    options = {"ngrams": ngrams, "min_freq": min_freq, "text": text}
    check_inputs(reference, lexicon, **options)  # before any kernel starts
    out = prepare_out(out)
    remove_debris(out)
    return _render(
        source,
        out,
        reference=reference,
        lexicon=lexicon,
        title=title,
        slug=slug or slugify(source),
        template=template,
        kernel_name=kernel_name,
        timeout=timeout,
        threads=threads,
        options=options,
        started=started,
    )


def _template(template) -> Path:
    template = Path(template) if template is not None else TEMPLATE
    if not template.is_file():
        raise FileNotFoundError(f"{template}: no such report template")
    return template


def _render(
    source: str,
    out: Path,
    *,
    reference,
    lexicon,
    title,
    slug: str,
    template: Path,
    kernel_name: str,
    timeout: int,
    threads: int | None,
    options: dict,
    inputs: str | None = None,
    started: float,
) -> ReportResult:
    """Render one article whose inputs are checked (see :func:`render_report`)."""
    parameters = {
        "article_path": source,
        "reference": os.fspath(reference),
        "lexicon": os.fspath(lexicon),
        "title": title,
        **options,
    }
    token = f"{os.getpid()}-{time.monotonic_ns()}"
    temporary = {ext: out / f".{slug}.{token}.tmp{ext}" for ext in (".ipynb", ".json", ".html")}
    final = {ext: out / f"{slug}{ext}" for ext in (".ipynb", ".json", ".html")}
    failed_notebook = out / f"{slug}.error.ipynb"

    try:
        kernel = _Kernel(kernel_name, cwd=os.getcwd(), threads=threads)
    except Exception as error:  # no such kernel, or it could not be launched
        raise ReportError(f"{source}: cannot start the {kernel_name!r} kernel: {error}") from None
    try:
        try:
            notebook = _execute(
                kernel,
                template,
                temporary[".ipynb"],
                {**parameters, "scores_path": str(temporary[".json"])},
                timeout=timeout,
                failed_notebook=failed_notebook,
            )
        except KeyboardInterrupt:  # Ctrl-C, or the batch was stopped (_Stopped)
            close_event_loop()
            raise
        finally:
            kernel.shutdown()
        import nbformat  # loaded by papermill already

        from framing.report.sections import dumps_scores

        if not temporary[".json"].is_file():
            raise ReportError(f"{source}: the template {template} wrote no scores file")
        scores = json.loads(temporary[".json"].read_text(encoding="utf-8"))
        if inputs is None:
            inputs = inputs_key(
                source, reference=reference, lexicon=lexicon, title=title, template=template, options=options
            )
        scores["inputs_sha256"] = inputs
        temporary[".json"].write_text(dumps_scores(scores), encoding="utf-8")
        report_title = scores.get("report", {}).get("title") or slug
        _stabilise(notebook, report_title)
        nbformat.write(notebook, str(temporary[".ipynb"]))
        temporary[".html"].write_text(export_html(notebook), encoding="utf-8")
        for ext in (".json", ".ipynb", ".html"):  # the page last: it is what a reader opens
            os.chmod(temporary[ext], 0o644)
            os.replace(temporary[ext], final[ext])
    finally:
        for path in temporary.values():
            path.unlink(missing_ok=True)
    failed_notebook.unlink(missing_ok=True)
    return ReportResult(
        source=source,
        slug=slug,
        ok=True,
        html=final[".html"],
        notebook=final[".ipynb"],
        scores=final[".json"],
        title=report_title,
        document_scores=scores.get("document_scores", {}),
        percentiles=_percentiles(scores),
        seconds=time.perf_counter() - started,
    )


def _execute(kernel: _Kernel, template, output: Path, parameters: dict, *, timeout: int, failed_notebook):
    """Run the template through papermill in ``kernel``, started first (see :class:`_Kernel`).

    The kernel boots and imports the engine while this process loads papermill, and nbconvert
    loads in a thread while the kernel runs, so neither waits for the other.
    """
    import papermill

    source = parameters["article_path"]
    threading.Thread(target=_exporter, daemon=True).start()
    try:
        return papermill.execute_notebook(
            str(template),
            str(output),
            parameters=parameters,
            kernel_name=kernel.manager.kernel_name,
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=os.getcwd(),
            execution_timeout=timeout,
            km=kernel.manager,
        )
    except papermill.PapermillExecutionError as error:
        os.replace(output, failed_notebook)
        raise ReportError(
            f"{source}: the report notebook failed at cell {error.exec_count}: "
            f"{error.ename}: {error.evalue} (executed notebook: {failed_notebook})"
        ) from None
    except Exception as error:  # the kernel died, timed out or could not start
        reason = f"{type(error).__name__}: {error}"
        raise ReportError(f"{source}: the report notebook did not run: {reason}") from None


def _stabilise(notebook, title: str) -> None:
    """Give the executed notebook a title and fixed ids where papermill drew random ones."""
    notebook.metadata["title"] = title
    for index, cell in enumerate(notebook.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags or "papermill-error-cell-tag" in tags:
            cell["id"] = f"papermill-{index}"


def _percentiles(scores: dict) -> dict:
    rows = (scores.get("comparison") or {}).get("positioning") or []
    return {row["score"]: row.get("percentile") for row in rows if "score" in row}


# ---------------------------------------------------------------------------
# A batch: workers that stop when told, and when their batch is gone

#: In a batch worker: the batch's stop event (set by :func:`_worker_start`), and whether the worker
#: is between reports.
_STOP = None
_IDLE = threading.Event()
_IDLE.set()


class _Stopped(KeyboardInterrupt):
    """Ends the report a batch worker is rendering: the batch was stopped, or its process is gone.

    A ``KeyboardInterrupt``: nothing on the way (papermill, nbclient) takes it for a failure of the
    notebook, and asyncio lets it through at once (it holds any other ``BaseException`` in a task
    until the cell ends); every ``finally`` runs, so the kernel is shut down and temporary files go.
    """


def _worker_start(stop) -> None:
    """Set up a batch worker process (the pool's initializer).

    Ctrl-C reaches every process of the terminal's group: the batch's process decides, so a worker
    ignores SIGINT. SIGTERM ends the report being rendered (:class:`_Stopped`), or the idle worker.
    A watcher thread sends that SIGTERM when the batch is stopped or its process has died; an
    orphaned worker then exits (its kernel, if it cannot be shut down, ends on its own: ipykernel
    polls its parent).
    """
    global _STOP
    _STOP = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    main = threading.main_thread().ident
    threading.Thread(
        target=_watch, args=(stop, os.getppid(), main), daemon=True, name="framing-watch"
    ).start()


def _on_sigterm(signum, frame):
    if _IDLE.is_set():
        raise SystemExit(128 + signum)
    raise _Stopped(signal.Signals(signum).name)


def _watch(stop, parent: int, main: int) -> None:
    """In a batch worker: end the running report when the batch stops; exit when the batch's process dies."""
    ended = False
    while os.getppid() == parent:
        if not ended and stop.is_set():
            ended = True
            _end_report(main)
        time.sleep(0.2)
    _end_report(main)
    _IDLE.wait(10)  # the report's kernel is shut down on its way out
    os._exit(1)


def _end_report(main: int) -> None:
    if not _IDLE.is_set():
        signal.pthread_kill(main, signal.SIGTERM)


def _render_safely(task: dict) -> ReportResult:
    """Render one article of a batch in a worker: a failure is a failed result, a stop an interrupted one."""
    started = time.perf_counter()
    source, slug = os.fspath(task["article_path"]), task["slug"]
    _IDLE.clear()
    try:
        if _STOP is not None and _STOP.is_set():
            return _interrupted(source, slug, "stopped before it started")
        check_article(source)
        return _render(source, Path(task["out"]), started=started, **task["render"])
    except _Stopped:
        return _interrupted(source, slug, "stopped while it was rendering")
    except Exception as error:
        message = str(error) if isinstance(error, (ReportError, ValueError, OSError)) else repr(error)
        if isinstance(error, FileNotFoundError) and not message:
            message = f"{source}: no such file"
        return ReportResult(
            source=source, slug=slug, error=" ".join(message.split()), seconds=time.perf_counter() - started
        )
    finally:
        _IDLE.set()


def _interrupted(source: str, slug: str, why: str) -> ReportResult:
    return ReportResult(source, slug, status="interrupted", error=f"{printable(source)}: interrupted: {why}")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


class _Signals:
    """While a batch runs: Ctrl-C and SIGTERM raise ``KeyboardInterrupt`` in this (the main) thread
    (unless this process was started with them ignored, as ``nohup`` does); :meth:`hold` then ignores
    them while the batch winds down. The previous handlers come back at the end. Outside the main
    thread, signals are left alone."""

    NUMBERS = (signal.SIGINT, signal.SIGTERM)

    def __enter__(self):
        self.active = threading.current_thread() is threading.main_thread()
        if self.active:
            self.saved = {number: signal.getsignal(number) for number in self.NUMBERS}
            for number, handler in self.saved.items():
                if handler != signal.SIG_IGN:
                    signal.signal(number, signal.default_int_handler)
        return self

    def hold(self) -> None:
        if self.active:
            for number in self.NUMBERS:
                signal.signal(number, signal.SIG_IGN)

    def __exit__(self, *exc):
        if self.active:
            for number, handler in self.saved.items():
                signal.signal(number, handler)
        return False


def render_batch(
    articles,
    out: str | os.PathLike = "reports",
    *,
    jobs: int | None = None,
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration,loaded",
    template: str | os.PathLike | None = None,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
    progress: bool = True,
    force: bool = False,
    ngrams: int = COMPARISON_OPTIONS["ngrams"],
    min_freq: int = COMPARISON_OPTIONS["min_freq"],
    text: str = COMPARISON_OPTIONS["text"],
) -> Batch:
    """Render one report per article in parallel processes, then ``index.html`` and ``summary.csv``.

    The lexicons, the reference and ``out`` are checked once, before any
    report starts (a bad one raises). An article that fails (missing,
    unreadable, empty, a file name that is not UTF-8, or its notebook raised)
    does not stop the others: it is listed in the index with its error. A
    report already in ``out`` whose inputs and versions are unchanged
    (:func:`inputs_key`) is kept, not rendered again, unless ``force``.

    Ctrl-C or SIGTERM stops the batch cleanly: no report starts after it, the
    running ones end and their kernels shut down, and the index and summary
    are written for what finished, the rest marked ``interrupted``
    (``Batch.interrupted``; the command line exits with 130). Run the batch
    again to resume.

    Parameters
    ----------
    articles : str, path or iterable of them
        Paths and glob patterns (``'corpora/articles/*.txt'``).
    out : str or path
        Folder for the reports, the index and the summary.
    jobs : int, optional
        Parallel processes; default: the number of cores.
    reference, lexicon, template, kernel_name, timeout, ngrams, min_freq, text
        As in :func:`render_report`.
    progress : bool
        Show a tqdm progress bar on stderr.
    force : bool
        Render every report, even those whose inputs are unchanged.

    Returns
    -------
    Batch

    Examples
    --------
    Kernels run, so this is shown rather than run as a doctest::

        batch = render_batch("corpora/articles/*.txt", "reports", jobs=2)
        [r.slug for r in batch.failed]  # [] when every article rendered
    """
    from tqdm import tqdm

    started = time.perf_counter()
    paths = expand_articles(articles)
    if not paths:
        raise ValueError("no articles to render")
    template = _template(template)
    options = {"ngrams": ngrams, "min_freq": min_freq, "text": text}
    check_inputs(reference, lexicon, **options)
    out = prepare_out(out)
    remove_debris(out)
    basis = inputs_basis(reference, lexicon, template, options)
    results: list[ReportResult | None] = [None] * len(paths)
    tasks: dict[int, dict] = {}
    for i, (path, slug) in enumerate(zip(paths, unique_slugs(paths), strict=True)):
        key = inputs_key(path, reference=reference, lexicon=lexicon, template=template, basis=basis)
        results[i] = None if force else _kept(path, slug, out, key)
        if results[i] is None:
            render = {"reference": reference, "lexicon": lexicon, "title": None, "slug": slug}
            render |= {"template": template, "kernel_name": kernel_name, "timeout": timeout, "inputs": key}
            render["options"] = options
            tasks[i] = {"article_path": path, "slug": slug, "out": os.fspath(out), "render": render}
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks) or 1))
    # each kernel's BLAS/OpenMP pools get the cores left per job: parallel reports then never
    # compete for a core (joblib's loky does the same for its workers)
    for task in tasks.values():
        task["render"]["threads"] = max(1, (os.cpu_count() or 1) // jobs)
    bar = tqdm(total=len(paths), desc="reports", unit="report", file=sys.stderr, disable=not progress)
    bar.update(len(paths) - len(tasks))
    with bar, _Signals() as signals:
        interrupted = _run_workers(tasks, results, jobs, bar, signals) if tasks else False
        signals.hold()  # the index is written whatever comes now
        for i, result in enumerate(results):
            if result is None:
                results[i] = _interrupted(paths[i], tasks[i]["slug"], "not rendered")
        seconds = time.perf_counter() - started
        index, summary = write_index(
            results, out, seconds=seconds, lexicon=os.fspath(lexicon), reference=os.fspath(reference)
        )
    return Batch(results, index, summary, seconds, interrupted)


def _run_workers(tasks: dict[int, dict], results: list, jobs: int, bar, signals: _Signals) -> bool:
    """Render ``tasks`` in ``jobs`` spawned processes into ``results``; return whether it was interrupted."""
    from concurrent.futures import ProcessPoolExecutor, as_completed, wait
    from multiprocessing import active_children, get_context

    context = get_context("spawn")  # each worker starts clean (no inherited threads or event loops)
    stop = context.Event()
    before = set(active_children())
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(stop,))
    futures: dict = {}
    interrupted = False
    try:
        # the longest articles first, so that no long one is left running alone at the end
        for i in sorted(tasks, key=lambda i: -_size(tasks[i]["article_path"])):
            futures[pool.submit(_render_safely, tasks[i])] = i
        for future in as_completed(futures):
            results[futures[future]] = _outcome(future, tasks[futures[future]])
            bar.update(1)
            bar.set_postfix(failed=sum(1 for r in results if r is not None and not r.ok))
    except KeyboardInterrupt:
        interrupted = True
        signals.hold()
        stop.set()  # no report starts now; the workers end the running ones
        for future in futures:
            future.cancel()
        done, _ = wait([f for f in futures if not f.cancelled()], timeout=STOP_GRACE)
        for future in done:
            if results[futures[future]] is None:
                results[futures[future]] = _outcome(future, tasks[futures[future]], stopped=True)
    finally:
        workers = set(active_children()) - before
        pool.shutdown(wait=not interrupted, cancel_futures=True)
        deadline = time.monotonic() + (5 if interrupted else STOP_GRACE)
        for process in workers:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():  # its kernel ends by itself once its parent is gone
                process.kill()
                process.join()
        if interrupted:
            pool.shutdown(wait=True)
    return interrupted


def _outcome(future, task: dict, stopped: bool = False) -> ReportResult:
    """The result a worker returned; if the worker died, a failed one (once stopped: interrupted)."""
    try:
        return future.result()
    except BaseException as error:  # the worker process died (BrokenProcessPool), or was ended
        if stopped:
            return _interrupted(task["article_path"], task["slug"], "its worker was stopped")
        return ReportResult(task["article_path"], task["slug"], error=f"the worker process died: {error!r}")
