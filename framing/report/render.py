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
import json
import os
import re
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from framing.report.index import write_index

#: The papermill template (a normal notebook with a cell tagged ``parameters``): ``notebooks/report.ipynb``,
#: shipped with the package through the link ``framing/data/report.ipynb``.
TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "report.ipynb"
KERNEL_NAME = "python3"


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
        The file cannot be read or decoded, or holds no article text.

    Examples
    --------
    >>> check_article("corpora/articles/express-balkans-drones.txt").title[:25]
    'Britain will give police '
    """
    from framing.text.document import read_document

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
        """Stop the kernel now: every output has arrived and the scores file is written."""
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)


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
            threads=threads,
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


def _execute(
    template, output: Path, parameters: dict, *, kernel_name: str, timeout: int, failed_notebook, threads=None
):
    """Run the template through papermill in a kernel started first (see :class:`_Kernel`).

    The kernel boots and imports the engine while this process loads papermill, and nbconvert
    loads in a thread while the kernel runs, so neither waits for the other.
    """
    source = parameters["article_path"]
    try:
        kernel = _Kernel(kernel_name, cwd=os.getcwd(), threads=threads)
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
    lexicon: str | os.PathLike = "migration,loaded",
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
    # each kernel's BLAS/OpenMP pools get the cores left per job: parallel reports then never
    # compete for a core (joblib's loky does the same for its workers)
    threads = max(1, (os.cpu_count() or 1) // jobs)
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
            "threads": threads,
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
