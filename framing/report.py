"""Reproducible reports: papermill runs ``notebooks/report.ipynb``, nbconvert turns it into HTML.

One report is one article: :func:`render_report` executes the template in a
real kernel through papermill, exports the executed notebook to a single
self-contained HTML file in this process (no inputs, figures embedded, no CDN)
and writes ``<slug>.html``, ``<slug>.ipynb`` and ``<slug>.json`` (every score,
written canonically so that two renders are byte-identical). Each file is
written under a temporary name and renamed, so none is ever half-written.

:func:`render_batch` renders many articles in parallel processes, isolates the
failures, and writes ``index.html`` (a sortable table linking every report)
and ``summary.csv``.

The second half of the module holds the small helpers the template calls in
the kernel (escaped headings and tables, the provenance block, the scores
file). Nothing heavy is imported at module level: papermill and nbconvert load
when a report is rendered, pandas only when a table is built.

Examples
--------
>>> slugify("corpora/articles/Express Balkans drones.txt")
'express-balkans-drones'

Rendering starts a kernel, so it is shown rather than run as a doctest::

    render_report("corpora/articles/express-balkans-drones.txt", out="reports")
    # ReportResult(source='corpora/articles/express-balkans-drones.txt', slug='express-balkans-drones', ...)
"""

from __future__ import annotations

import csv
import functools
import glob
import html
import io
import json
import math
import os
import re
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The papermill template (a normal notebook with a cell tagged ``parameters``).
TEMPLATE = ROOT / "notebooks" / "report.ipynb"
#: The seed article, the template's default ``article_path``.
EXAMPLE_ARTICLE = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"
KERNEL_NAME = "python3"
#: Significant digits every float in ``<slug>.json`` is written with.
FLOAT_DIGITS = 12
SCORES_FORMAT = "framing.report/1"
#: Packages named in a report's provenance besides the engine's own list.
REPORT_PACKAGES = (
    "scikit-learn",
    "scipy",
    "gensim",
    "wordfreq",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
)
#: The document scores shown in ``index.html``: key, column heading.
HEADLINE_SCORES = (
    ("loaded_terms", "Loaded terms"),
    ("loaded_rate", "Loaded terms per 1,000 words"),
    ("loaded_index", "Loaded-language index"),
    ("vader_compound", "Mean VADER compound"),
    ("textblob_polarity", "Mean TextBlob polarity"),
    ("textblob_subjectivity", "Mean subjectivity"),
    ("target.migrants.compound", "VADER toward migrants"),
    ("tokens", "Words"),
)


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
        Whether all three files were written.
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
    """

    results: list[ReportResult]
    index: Path
    summary: Path
    seconds: float = 0.0

    @property
    def failed(self) -> list[ReportResult]:
        """The results that did not render."""
        return [r for r in self.results if not r.ok]


# ---------------------------------------------------------------------------
# Names, paths and canonical JSON


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
        The file cannot be read or decoded, or holds no article text.

    Examples
    --------
    >>> check_article("corpora/articles/express-balkans-drones.txt").title[:25]
    'Britain will give police '
    """
    from framing.document import read_document

    try:
        document = read_document(Path(path))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ValueError(f"{os.fspath(path)}: cannot read the article: {error.strerror or error}") from None
    except UnicodeError as error:
        reason = f"not readable text ({error}); re-save the file as UTF-8"
        raise ValueError(f"{os.fspath(path)}: {reason}") from None
    if not document.body.strip():
        cut = " once the page boilerplate is cut" if document.excluded else ""
        raise ValueError(f"{os.fspath(path)}: empty article: no text to analyse{cut}")
    return document


def canonical(value, digits: int = FLOAT_DIGITS):
    """``value`` as JSON builtins, floats rounded to ``digits`` significant digits, NaN as None.

    numpy scalars become Python numbers, tuples lists, paths strings, dates ISO
    strings; ``-0.0`` becomes ``0.0``. Together with sorted keys this makes the
    scores file byte-identical for the same numbers.

    Examples
    --------
    >>> canonical({"b": (0.1 + 0.2, float("nan")), "a": -0.0})
    {'b': [0.3, None], 'a': 0.0}
    """
    if isinstance(value, dict):
        return {str(k): canonical(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [canonical(v, digits) for v in items]
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        rounded = float(f"{value:.{digits}g}")
        return rounded if rounded != 0 else 0.0
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return canonical(value.tolist(), digits)
    raise TypeError(f"cannot write {type(value).__name__} to the scores file")


def dumps_scores(data) -> str:
    """The canonical JSON text of ``data``: sorted keys, fixed float digits, one trailing newline.

    Examples
    --------
    >>> print(dumps_scores({"z": 1, "a": [2.0000000000001]}))
    {
     "a": [
      2.0
     ],
     "z": 1
    }
    <BLANKLINE>
    """
    return json.dumps(canonical(data), sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def atomic_write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it onto ``path``.

    A reader sees the old file or the new one, never a partial one.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write(target, "done").read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


# ---------------------------------------------------------------------------
# HTML export (in process, self-contained)

#: Extends nbconvert's ``lab`` template: no script or stylesheet is fetched from
#: anywhere (require.js, MathJax, Mermaid and widget loaders are dropped) and the
#: report's own styles are inlined.
_HTML_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
body.jp-Notebook { max-width: 60em; margin: 0 auto; padding: 1.5em 2em 3em; }
.jp-RenderedHTMLCommon h1 { font-size: 1.9em; line-height: 1.25; }
.jp-RenderedHTMLCommon h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.jp-RenderedHTMLCommon p.framing-byline { color: #555; }
.jp-RenderedHTMLCommon table.framing-table { font-size: 0.9em; }
.jp-RenderedHTMLCommon table.framing-table td,
.jp-RenderedHTMLCommon table.framing-table th { text-align: left; vertical-align: top; }
.jp-RenderedHTMLCommon table.framing-table thead tr { text-align: left !important; }
.jp-RenderedHTMLCommon dl.framing-provenance dt { font-weight: bold; margin-top: 0.6em; }
.jp-RenderedHTMLCommon dl.framing-provenance dd { margin-left: 1.5em; font-family: monospace; }
.jp-OutputArea-child, .jp-OutputArea-output { display: block; }
.jp-OutputArea-output img { max-width: 100%; height: auto; }
</style>
{%- endblock extra_css -%}
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

    Figures are embedded as ``data:`` images; nothing is loaded from the network.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hello")])
    >>> page = export_html(nb)
    >>> "Hello</h1>" in page, 'src="http' in page, "<script" in page
    (True, False, False)
    """
    import copy

    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                output
                for output in cell.get("outputs", [])
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
    page, _ = _exporter().from_notebook_node(notebook)
    return page


# ---------------------------------------------------------------------------
# Rendering one report, and a batch


#: Modules the kernel imports as it starts, while this process is still loading papermill: the
#: template's own imports. (``__import__`` binds no name in the notebook's namespace.)
PRELOAD = ("framing.analysis", "framing.corpus", "framing.comparison", "framing.report", "matplotlib.pyplot")


class _Kernel:
    """A kernel started ahead of papermill (which is then handed its manager), importing :data:`PRELOAD`.

    Its sockets are encrypted with CurveZMQ where pyzmq and the kernel support it; its own log (an
    interrupt notice at shutdown) is silenced, since failures are in the notebook's outputs.
    """

    def __init__(self, kernel_name: str, cwd: str):
        import zmq
        from jupyter_client.manager import KernelManager

        options = {"transport_encryption": "auto"} if zmq.has("curve") else {}
        self.manager = KernelManager(kernel_name=kernel_name, **options)
        preload = ", ".join(f"__import__({name!r})" for name in PRELOAD) + ";"
        arguments = ["--IPKernelApp.log_level=CRITICAL", f"--IPKernelApp.exec_lines={preload}"]
        self.manager.start_kernel(cwd=cwd, extra_arguments=arguments)

    def shutdown(self) -> None:
        """Stop the kernel now: every output has arrived and the scores file is written."""
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)


def render_report(
    article_path: str | os.PathLike,
    out: str | os.PathLike = "reports",
    *,
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration",
    title: str | None = None,
    slug: str | None = None,
    template: str | os.PathLike | None = None,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
) -> ReportResult:
    """Render the report of one article into ``out``: ``<slug>.html``, ``.ipynb`` and ``.json``.

    Parameters
    ----------
    article_path : str or path
        The article (UTF-8 text). Relative paths resolve from the current folder.
    out : str or path
        Folder for the three files (created if missing).
    reference : str or path
        Packaged reference corpus (``"lee"``) or a corpus path.
    lexicon : str or path
        Packaged lexicon name or a lexicon file.
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

    Returns
    -------
    ReportResult

    Raises
    ------
    FileNotFoundError, ValueError
        The article is missing, unreadable or empty (checked before a kernel starts).
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
    template = Path(template) if template is not None else TEMPLATE
    if not template.is_file():
        raise FileNotFoundError(f"{template}: no such report template")
    slug = slug or slugify(source)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    parameters = {
        "article_path": source,
        "reference": os.fspath(reference),
        "lexicon": os.fspath(lexicon),
        "title": title,
    }
    token = f"{os.getpid()}-{time.monotonic_ns()}"
    temporary = {ext: out / f".{slug}.{token}.tmp{ext}" for ext in (".ipynb", ".json", ".html")}
    final = {ext: out / f"{slug}{ext}" for ext in (".ipynb", ".json", ".html")}
    failed_notebook = out / f"{slug}.error.ipynb"

    try:
        notebook = _execute(
            template,
            temporary[".ipynb"],
            {**parameters, "scores_path": str(temporary[".json"])},
            kernel_name=kernel_name,
            timeout=timeout,
            failed_notebook=failed_notebook,
        )
        import nbformat  # loaded by papermill already

        if not temporary[".json"].is_file():
            raise ReportError(f"{source}: the template {template} wrote no scores file")
        scores = json.loads(temporary[".json"].read_text(encoding="utf-8"))
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


def _execute(template, output: Path, parameters: dict, *, kernel_name: str, timeout: int, failed_notebook):
    """Run the template through papermill in a kernel started first (see :class:`_Kernel`).

    The kernel boots and imports the engine while this process loads papermill, and nbconvert
    loads in a thread while the kernel runs, so neither waits for the other.
    """
    source = parameters["article_path"]
    try:
        kernel = _Kernel(kernel_name, cwd=os.getcwd())
    except Exception as error:  # no such kernel, or it could not be launched
        raise ReportError(f"{source}: cannot start the {kernel_name!r} kernel: {error}") from None
    try:
        import papermill

        threading.Thread(target=_exporter, daemon=True).start()
        try:
            return papermill.execute_notebook(
                str(template),
                str(output),
                parameters=parameters,
                kernel_name=kernel_name,
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
    finally:
        kernel.shutdown()


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


def _render_safely(kwargs: dict) -> ReportResult:
    """Run :func:`render_report`; any failure becomes a failed result (for the batch workers)."""
    started = time.perf_counter()
    try:
        return render_report(**kwargs)
    except Exception as error:
        message = str(error) if isinstance(error, (ReportError, ValueError, OSError)) else repr(error)
        if isinstance(error, FileNotFoundError) and not message:
            message = f"{kwargs['article_path']}: no such file"
        return ReportResult(
            source=os.fspath(kwargs["article_path"]),
            slug=kwargs["slug"],
            error=" ".join(message.split()),
            seconds=time.perf_counter() - started,
        )


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def render_batch(
    articles,
    out: str | os.PathLike = "reports",
    *,
    jobs: int | None = None,
    reference: str | os.PathLike = "lee",
    lexicon: str | os.PathLike = "migration",
    template: str | os.PathLike | None = None,
    kernel_name: str = KERNEL_NAME,
    timeout: int = 600,
    progress: bool = True,
) -> Batch:
    """Render one report per article in parallel processes, then ``index.html`` and ``summary.csv``.

    An article that fails (missing, unreadable, empty, or its notebook raised)
    does not stop the others: it is listed in the index with its error.

    Parameters
    ----------
    articles : str, path or iterable of them
        Paths and glob patterns (``'corpora/articles/*.txt'``).
    out : str or path
        Folder for the reports, the index and the summary.
    jobs : int, optional
        Parallel processes; default: the number of cores.
    reference, lexicon, template, kernel_name, timeout
        As in :func:`render_report`.
    progress : bool
        Show a tqdm progress bar on stderr.

    Returns
    -------
    Batch

    Examples
    --------
    Kernels run, so this is shown rather than run as a doctest::

        batch = render_batch("corpora/articles/*.txt", "reports", jobs=2)
        [r.slug for r in batch.failed]  # [] when every article rendered
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from multiprocessing import get_context

    from tqdm import tqdm

    started = time.perf_counter()
    paths = expand_articles(articles)
    if not paths:
        raise ValueError("no articles to render")
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tasks = [
        {
            "article_path": path,
            "out": os.fspath(out),
            "reference": os.fspath(reference),
            "lexicon": os.fspath(lexicon),
            "slug": slug,
            "template": template,
            "kernel_name": kernel_name,
            "timeout": timeout,
        }
        for path, slug in zip(paths, unique_slugs(paths), strict=True)
    ]
    results: list[ReportResult | None] = [None] * len(tasks)
    # spawn, not fork: each worker starts clean (no inherited threads or event loops)
    with (
        ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool,
        tqdm(total=len(tasks), desc="reports", unit="report", file=sys.stderr, disable=not progress) as bar,
    ):
        # the longest articles first, so that no long one is left running alone at the end
        order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i]["article_path"]))
        futures = {pool.submit(_render_safely, tasks[i]): i for i in order}
        for future in as_completed(futures):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as error:  # the worker process itself died
                results[i] = ReportResult(tasks[i]["article_path"], tasks[i]["slug"], error=repr(error))
            bar.update(1)
            bar.set_postfix(failed=sum(1 for r in results if r is not None and not r.ok))
    seconds = time.perf_counter() - started
    index, summary = write_index(results, out, seconds=seconds)
    return Batch(results, index, summary, seconds)


# ---------------------------------------------------------------------------
# index.html and summary.csv

_SORT_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th, column) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var key = function (row) {
      var cell = row.cells[column], value = cell.getAttribute("data-sort");
      var number = parseFloat(value);
      return isNaN(number) ? [1, value.toLowerCase()] : [0, number];
    };
    Array.from(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x[0] !== y[0]) { return x[0] - y[0]; }
      var order = x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
      return ascending ? order : -order;
    }).forEach(function (row) { body.appendChild(row); });
  });
});
"""

_INDEX_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f4f4f4; user-select: none; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #fdecea; }
td.error { color: #a12622; min-width: 16em; max-width: 40em; }
td.title { min-width: 18em; max-width: 32em; }
"""


def _number(value) -> str:
    """A score for the index: whole numbers without decimals, others to 3 places, missing as ''."""
    if value is None or not math.isfinite(value):
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def write_index(results, out: str | os.PathLike, seconds: float | None = None) -> tuple[Path, Path]:
    """Write ``index.html`` (a sortable table, every value escaped) and ``summary.csv`` for ``results``.

    Returns
    -------
    (Path, Path)
        The index and the summary.

    Examples
    --------
    >>> folder = Path(tempfile.mkdtemp())
    >>> ok = ReportResult("a.txt", "a", ok=True, html=folder / "a.html", title="A <b>",
    ...                   document_scores={"loaded_terms": 3.0})
    >>> bad = ReportResult("b.txt", "b", error="b.txt: empty article")
    >>> index, summary = write_index([ok, bad], folder)
    >>> "A &lt;b&gt;" in index.read_text(), summary.read_text().splitlines()[2]
    (True, 'b,b.txt,,failed,b.txt: empty article,,,,')
    """
    out = Path(out)
    score_names = list(dict.fromkeys(k for r in results if r.ok for k in r.document_scores))
    percentile_names = [k for k, _ in HEADLINE_SCORES[:3]]
    columns = [(k, label) for k, label in HEADLINE_SCORES if any(k in r.document_scores for r in results)]
    failed = sum(1 for r in results if not r.ok)

    rows = []
    for r in results:
        e = html.escape
        title = r.title or r.slug
        shown = e(shorten(title, 100))
        if r.ok:
            href = r.html.name if r.html else f"{r.slug}.html"
            link = f'<a href="{e(href)}" title="{e(title)}">{shown}</a>'
            status = "rendered"
        else:
            link, status = shown, "failed"
        cells = [
            f'<td class="title" data-sort="{e(title)}">{link}</td>',
            f'<td data-sort="{e(r.source)}">{e(r.source)}</td>',
            f'<td data-sort="{status}">{status}</td>',
        ]
        for key, _ in columns:
            value = r.document_scores.get(key)
            cells.append(f'<td class="number" data-sort="{_number(value)}">{_number(value)}</td>')
        percentile = r.percentiles.get("loaded_index")
        cells.append(f'<td class="number" data-sort="{_number(percentile)}">{_number(percentile)}</td>')
        cells.append(f'<td class="error" data-sort="{e(r.error or "")}">{e(r.error or "")}</td>')
        rows.append(f'<tr class="{status}">{"".join(cells)}</tr>')
    headings = ["Article", "File", "Status", *(label for _, label in columns)]
    headings += ["Loaded-language index, percentile among reference stories", "Error"]
    took = f" in {seconds:.1f} s" if seconds is not None else ""
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>framing reports</title>\n<style>{_INDEX_STYLE}</style>\n</head>\n<body>\n"
        "<h1>framing reports</h1>\n"
        f'<p class="summary">{len(results) - failed} of {len(results)} articles rendered{took}; '
        f"{failed} failed. Click a column heading to sort. Scores are means over the article's sentences "
        "(VADER and TextBlob, -1 to +1) and loaded terms from the lexicon; see each report for details.</p>\n"
        '<table class="sortable">\n<thead><tr>'
        + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + f"\n</tbody>\n</table>\n<script>{_SORT_SCRIPT}</script>\n</body>\n</html>\n"
    )
    index = atomic_write(out / "index.html", page)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    percentile_columns = [f"percentile.{k}" for k in percentile_names]
    writer.writerow(["slug", "source", "title", "status", "error", *score_names, *percentile_columns])
    for r in results:
        values = [r.document_scores.get(k) for k in score_names]
        values += [r.percentiles.get(k) for k in percentile_names]
        writer.writerow(
            [r.slug, r.source, r.title, "rendered" if r.ok else "failed", r.error or ""]
            + ["" if v is None else canonical(float(v)) for v in values]
        )
    summary = atomic_write(out / "summary.csv", buffer.getvalue())
    return index, summary


# ---------------------------------------------------------------------------
# Helpers the template calls in the kernel


def example_article() -> str:
    """The seed article's path: the template's default when no ``article_path`` is given.

    Examples
    --------
    >>> Path(example_article()).name
    'express-balkans-drones.txt'
    """
    return str(EXAMPLE_ARTICLE)


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut.

    Examples
    --------
    >>> shorten("Ministers vowed to act today.", 20), shorten("x" * 30, 10)
    ('Ministers vowed to…', 'xxxxxxxxx…')
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip(" ,;:-") + "\u2026"


def default_title(document, limit: int = 160) -> str:
    """A report's title when none is given: the metadata title, else the article's first line,
    cut at a word boundary with an ellipsis when longer than ``limit`` characters.

    Examples
    --------
    >>> from framing.document import read_document
    >>> default_title(read_document("Ministers vowed to act on the crossings today.\\nBody."), limit=30)
    'Ministers vowed to act on the…'
    """
    if document.metadata.get("title"):
        return str(document.metadata["title"])
    for start, end in document.segments:
        for line in document.text[start:end].splitlines():
            line = " ".join(line.split())
            if line:
                return shorten(line, limit)
    return slugify(document.source)


def heading(text: str, level: int = 1, css_class: str | None = None):
    """An escaped HTML heading for display in a notebook (user text never becomes markup).

    Examples
    --------
    >>> heading("<script>alert(1)</script>", 2).data
    '<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>'
    """
    from IPython.display import HTML

    attribute = f' class="{html.escape(css_class)}"' if css_class else ""
    return HTML(f"<h{int(level)}{attribute}>{html.escape(str(text))}</h{int(level)}>")


def paragraph(text: str, css_class: str | None = None):
    """An escaped HTML paragraph for display in a notebook.

    Examples
    --------
    >>> paragraph('"quoted" & <b>', "note").data
    '<p class="note">&quot;quoted&quot; &amp; &lt;b&gt;</p>'
    """
    from IPython.display import HTML

    attribute = f' class="{html.escape(css_class)}"' if css_class else ""
    return HTML(f"<p{attribute}>{html.escape(str(text))}</p>")


def table(frame, digits: int | None = 3):
    """A DataFrame as an escaped HTML table without the index.

    Floats are written with ``digits`` decimals, or as short as they go (``{:g}``) when ``digits``
    is None (for columns already rounded to their own precision).

    Examples
    --------
    >>> import pandas as pd
    >>> "&lt;i&gt;" in table(pd.DataFrame({"term": ["<i>"], "g2": [1.23456]})).data
    True
    """
    from IPython.display import HTML

    page = frame.to_html(
        index=False,
        escape=True,
        border=0,
        classes="framing-table",
        float_format=(lambda v: f"{v:g}") if digits is None else (lambda v: f"{v:.{digits}f}"),
        na_rep="",
    )
    return HTML(page)


def readable(frame):
    """``frame`` without its character-offset columns (``start``, ``end``, ``*_start``, ``*_end``).

    Examples
    --------
    >>> import pandas as pd
    >>> readable(pd.DataFrame({"start": [0], "speaker_end": [3], "text": ["x"]})).columns.tolist()
    ['text']
    """
    offsets = [c for c in frame.columns if c in ("start", "end") or str(c).endswith(("_start", "_end"))]
    return frame.drop(columns=offsets)


def loaded_terms(analysis):
    """One row per loaded term used: category, weight, how often, and the neutral alternatives.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> loaded_terms(analyze("Gangs and gangs smuggle.")).loc[0, ["term", "count"]].astype(str).tolist()
    ['gangs', '2']
    """
    spans = analysis.spans.assign(term=analysis.spans["text"].str.lower())
    grouped = (
        spans.groupby(["term", "category", "weight", "alternatives"], sort=False)
        .size()
        .reset_index(name="count")
        .sort_values(["weight", "count", "term"], ascending=[False, False, True], kind="stable")
        .reset_index(drop=True)
    )
    return grouped[["term", "category", "weight", "count", "alternatives"]]


#: Plain names of the document scores, for readers of a report.
SCORE_LABELS = {
    "tokens": "words",
    "sentences": "sentences",
    "loaded_terms": "loaded terms",
    "loaded_rate": "loaded terms per 1,000 words",
    "loaded_index": "loaded-language index (weighted, per 1,000 words)",
    "vader_compound": "mean VADER compound",
    "textblob_polarity": "mean TextBlob polarity",
    "textblob_subjectivity": "mean TextBlob subjectivity",
    "quotes": "quotes",
    "anonymous_share": "share of quotes from anonymous sources",
}


def score_label(name: str) -> str:
    """A reader's name for a document score.

    Examples
    --------
    >>> score_label("rate.hyperbole"), score_label("target.migrants.compound")
    ('hyperbole terms per 1,000 words', 'VADER toward migrants')
    """
    if name in SCORE_LABELS:
        return SCORE_LABELS[name]
    parts = name.split(".")
    if parts[0] == "rate" and len(parts) == 2:
        return f"{parts[1]} terms per 1,000 words"
    if parts[0] == "frame" and len(parts) == 2:
        return f"{parts[1]} frame (share of frame cues)"
    if parts[0] == "target" and len(parts) == 3:
        return f"{'VADER' if parts[2] == 'compound' else 'TextBlob ' + parts[2]} toward {parts[1]}"
    return name


def positioning(comparison):
    """The positioning table for readers: each score, the article's value, the reference median,
    the article's percentile among the reference documents with its 95% interval, and its z-score.

    Examples
    --------
    >>> from framing.comparison import compare
    >>> c = compare("Gangs exploit migrants.", ["Police help.", "Gangs fled.", "Rain fell."], n_boot=50)
    >>> positioning(c).columns.tolist()
    ['score', 'article', 'reference median', 'percentile', '95% interval', 'z']
    """
    import pandas as pd

    table = comparison.positioning
    interval = [
        "" if low != low else f"{low:.0f} to {high:.0f}"  # NaN: no interval
        for low, high in zip(table["percentile_low"], table["percentile_high"], strict=True)
    ]
    return pd.DataFrame(
        {
            "score": table["score"].map(score_label),
            "article": table["article"].round(3),
            "reference median": table["reference_median"].round(3),
            "percentile": table["percentile"].round(1),
            "95% interval": interval,
            "z": table["z"].round(2),
        }
    )


def report_provenance(analysis, comparison=None, parameters: dict | None = None) -> dict:
    """What produced a report's numbers: parameters, versions, lexicon and reference corpus hashes.

    Deterministic (no time): it goes into ``<slug>.json`` as it is.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> provenance = report_provenance(analyze("Gangs."), parameters={"lexicon": "migration"})
    >>> provenance["parameters"], provenance["lexicon"]["name"], "pandas" in provenance["packages"]
    ({'lexicon': 'migration'}, 'migration', True)
    """
    import platform

    from framing.analysis import package_versions

    provenance = dict(analysis.provenance)
    provenance.pop("boilerplate_excluded", None)  # in the scores file's "article" section
    provenance["packages"] = {**provenance.get("packages", {}), **package_versions(REPORT_PACKAGES)}
    provenance["python"] = platform.python_version()
    provenance["parameters"] = dict(parameters or {})
    if comparison is not None:
        compared = comparison.provenance()
        provenance["reference"] = compared["reference"]
        provenance["comparison"] = compared["parameters"]
    return provenance


def rendered_at() -> str:
    """The render time, UTC to the second (``SOURCE_DATE_EPOCH`` fixes it for fully identical pages).

    Examples
    --------
    >>> import os
    >>> os.environ["SOURCE_DATE_EPOCH"] = "0"
    >>> rendered_at()
    '1970-01-01T00:00:00+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.isoformat(timespec="seconds")


def provenance_html(provenance: dict, time: str | None = None):
    """The provenance block: a definition list of parameters, hashes and versions, then the time.

    Examples
    --------
    >>> block = provenance_html({"parameters": {"title": "<b>"}}, "2026-01-01T00:00:00+00:00").data
    >>> "&lt;b&gt;" in block, '<time class="framing-rendered"' in block
    (True, True)
    """
    from IPython.display import HTML

    def describe(value) -> str:
        if isinstance(value, dict):
            items = "".join(
                f"<li>{html.escape(str(k))}: {describe(v)}</li>" for k, v in sorted(value.items(), key=str)
            )
            return f"<ul>{items}</ul>"
        if isinstance(value, (list, tuple)):
            return html.escape(", ".join(map(str, value))) or "none"
        return html.escape("none" if value is None else str(value))

    parts = [f"<dt>{html.escape(str(k))}</dt><dd>{describe(v)}</dd>" for k, v in sorted(provenance.items())]
    if time is not None:
        stamp = html.escape(time)
        time_element = f'<time class="framing-rendered" datetime="{stamp}">{stamp}</time>'
        parts.append(f"<dt>rendered</dt><dd>{time_element}</dd>")
    return HTML(f'<dl class="framing-provenance">{"".join(parts)}</dl>')


def _records(frame) -> list[dict]:
    return frame.reset_index(drop=True).to_dict(orient="records")


def comparison_scores(comparison, n: int = 20) -> dict:
    """The comparison's numbers for the scores file: positioning, and keyness of the article's terms.

    Keyness keeps every term the article uses and the ``n`` most reference-leaning
    terms (those the keyness chart shows), not the whole reference vocabulary.
    """
    keyness = comparison.keyness
    used = keyness[keyness["n_target"] > 0]
    absent = comparison.top_terms(n, leaning="reference")
    absent = absent[absent["n_target"] == 0]
    return {
        "positioning": _records(comparison.positioning),
        "keyness": _records(used) + _records(absent),
    }


def scores_document(analysis, comparison=None, parameters: dict | None = None) -> dict:
    """Everything a report measured, as one JSON-ready dict (what ``<slug>.json`` holds).

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> data = scores_document(analyze("Gangs smuggle migrants."))
    >>> data["report"], data["document_scores"]["loaded_terms"], data["comparison"]
    ({'title': 'Gangs smuggle migrants.'}, 1.0, None)
    """
    document = analysis.document
    parameters = dict(parameters or {})
    data = analysis.to_dict()
    data["provenance"] = report_provenance(analysis, comparison, parameters)
    data["format"] = SCORES_FORMAT
    data["article"] = {
        "source": document.source,
        "sha256": document.sha256,
        "title": document.title,
        "boilerplate_excluded": [
            {"start": s, "end": e, "reason": r, "text": document.text[s:e]} for s, e, r in document.excluded
        ],
    }
    data["report"] = {"title": parameters.get("title") or default_title(document)}
    data["comparison"] = comparison_scores(comparison) if comparison is not None else None
    return data


def write_scores(path, analysis, comparison=None, parameters: dict | None = None) -> Path:
    """Write :func:`scores_document` canonically (sorted keys, fixed float digits) and atomically.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> target = Path(tempfile.mkdtemp()) / "s.json"
    >>> a = analyze("Gangs smuggle migrants.")
    >>> first = write_scores(target, a).read_bytes()
    >>> write_scores(target, a).read_bytes() == first
    True
    """
    return atomic_write(path, dumps_scores(scores_document(analysis, comparison, parameters)))
