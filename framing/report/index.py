"""The batch's ``index.html`` (a sortable table linking every report) and ``summary.csv``.

:func:`framing.report.render_batch` calls :func:`write_index` once every report is
rendered (or the batch was interrupted); each article is listed with its status
(``rendered``, ``unchanged``: kept from an earlier run, ``failed`` with its
error, ``interrupted``). The page is self-contained (its script and styles
inline) and every value in it is escaped; a file name that is not UTF-8 is shown
with its odd bytes escaped (:func:`printable`).

Examples
--------
>>> import tempfile
>>> from framing.report.render import ReportResult
>>> folder = Path(tempfile.mkdtemp())
>>> result = ReportResult("a.txt", "a", ok=True, document_scores={"loaded_terms": 3.0})
>>> [p.name for p in write_index([result], folder)]
['index.html', 'summary.csv']
"""

from __future__ import annotations

import csv
import html
import io
import math
import os
from pathlib import Path

from framing.report.sections import MATCHED_REFERENCE, canonical, shorten
from framing.text.files import atomic_write

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

#: A report's status in the index and summary (:attr:`framing.report.render.ReportResult.status`).
STATUSES = ("rendered", "unchanged", "failed", "interrupted")

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
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
p { max-width: 60em; }
.inputs { color: #555; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.85em; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f4f4f4; user-select: none; vertical-align: bottom; font-weight: 600; }
th.number { text-align: right; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.file { overflow-wrap: anywhere; min-width: 9em; max-width: 14em; color: #555; }
tr.failed td { background: #fdecea; }
tr.interrupted td { background: #fff4e0; }
td.error { color: #a12622; overflow-wrap: anywhere; min-width: 10em; max-width: 24em; }
td.title { min-width: 12em; max-width: 24em; }
@media print {
  body { margin: 0; font-size: 10pt; }
  th { cursor: auto; }
  a { color: inherit; text-decoration: none; }
  tr { break-inside: avoid; }
}
"""


def _kept(count: dict) -> str:
    return f" ({count['unchanged']} unchanged since an earlier run, kept)" if count["unchanged"] else ""


def _stopped(count: dict) -> str:
    return f"; {count['interrupted']} not rendered: the batch was interrupted" if count["interrupted"] else ""


def _number(value) -> str:
    """A score for the index: whole numbers without decimals, others to 3 places, missing as ''."""
    if value is None or not math.isfinite(value):
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def printable(text: str) -> str:
    """``text`` with what cannot be written as UTF-8 escaped: the bytes of a file name that is not UTF-8.

    Examples
    --------
    >>> import os
    >>> printable(os.fsdecode(b"caf\\xe9.txt")), printable("caf\u00e9.txt")
    ('caf\\\\xe9.txt', 'café.txt')
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def write_index(
    results,
    out: str | os.PathLike,
    seconds: float | None = None,
    *,
    lexicon: str | None = None,
    reference: str | None = None,
) -> tuple[Path, Path]:
    """Write ``index.html`` (a sortable table, every value escaped) and ``summary.csv`` for ``results``.

    The page names the ``lexicon`` and ``reference`` the reports used, when given, and fits the
    window: headings wrap, long file names and errors break, and a table still too wide for a
    narrow window scrolls inside its own box.

    Returns
    -------
    (Path, Path)
        The index and the summary.

    Examples
    --------
    >>> import tempfile
    >>> from framing.report.render import ReportResult
    >>> folder = Path(tempfile.mkdtemp())
    >>> ok = ReportResult("a.txt", "a", ok=True, html=folder / "a.html", title="A <b>",
    ...                   document_scores={"loaded_terms": 3.0})
    >>> bad = ReportResult("b.txt", "b", error="b.txt: empty article")
    >>> index, summary = write_index([ok, bad], folder, lexicon="migration", reference="lee")
    >>> "A &lt;b&gt;" in index.read_text(), summary.read_text().splitlines()[2]
    (True, 'b,b.txt,,failed,b.txt: empty article,,,,')
    >>> "Lexicons: migration. Reference corpus: lee." in index.read_text()
    True
    """
    out = Path(out)
    score_names = list(dict.fromkeys(k for r in results if r.ok for k in r.document_scores))
    percentile_names = [k for k, _ in HEADLINE_SCORES[:3]]
    columns = [(k, label) for k, label in HEADLINE_SCORES if any(k in r.document_scores for r in results)]
    count = {status: sum(1 for r in results if r.status == status) for status in STATUSES}

    rows = []
    for r in results:
        e = html.escape
        title = printable(r.title or r.slug)
        source, error, status = printable(r.source), printable(r.error or ""), r.status
        shown = e(shorten(title, 100))
        if r.ok:
            href = r.html.name if r.html else f"{r.slug}.html"
            link = f'<a href="{e(href)}" title="{e(title)}">{shown}</a>'
        else:
            link = shown
        cells = [
            f'<td class="title" data-sort="{e(title)}">{link}</td>',
            f'<td class="file" data-sort="{e(source)}">{e(source)}</td>',
            f'<td data-sort="{e(status)}">{e(status)}</td>',
        ]
        for key, _ in columns:
            value = r.document_scores.get(key)
            cells.append(f'<td class="number" data-sort="{_number(value)}">{_number(value)}</td>')
        percentile = r.percentiles.get("loaded_index")
        cells.append(f'<td class="number" data-sort="{_number(percentile)}">{_number(percentile)}</td>')
        cells.append(f'<td class="error" data-sort="{e(error)}">{e(error)}</td>')
        rows.append(f'<tr class="{e(status)}">{"".join(cells)}</tr>')
    number = ' class="number"'
    headings = [("Article", ""), ("File", ""), ("Status", "")]
    headings += [(label, number) for _, label in columns]
    headings += [("Loaded-language index, percentile among reference stories", number), ("Error", "")]
    took = f" in {seconds:.1f} s" if seconds is not None else ""
    inputs = []
    if lexicon is not None:
        names = ", ".join(name.strip() for name in printable(os.fspath(lexicon)).split(","))
        inputs.append(f"Lexicons: {html.escape(names)}.")
    if reference is not None:
        inputs.append(f"Reference corpus: {html.escape(printable(os.fspath(reference)))}.")
        inputs.append(html.escape(MATCHED_REFERENCE))
    named = f'<p class="inputs">{" ".join(inputs)}</p>\n' if inputs else ""
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>framing reports</title>\n<style>{_INDEX_STYLE}</style>\n</head>\n<body>\n"
        "<h1>framing reports</h1>\n"
        f'<p class="summary">{count["rendered"] + count["unchanged"]} of {len(results)} articles '
        f"rendered{took}{_kept(count)}; {count['failed']} failed{_stopped(count)}. Click a column heading "
        "to sort. Scores are means over the article's sentences (VADER and TextBlob, -1 to +1) and loaded "
        "terms from the lexicon; see each report for details.</p>\n"
        + named
        + '<div class="scroll"><table class="sortable">\n<thead><tr>'
        + "".join(f'<th scope="col"{kind}>{html.escape(h)}</th>' for h, kind in headings)
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + f"\n</tbody>\n</table></div>\n<script>{_SORT_SCRIPT}</script>\n</body>\n</html>\n"
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
            [r.slug, printable(r.source), printable(r.title), r.status, printable(r.error or "")]
            + ["" if v is None else canonical(float(v)) for v in values]
        )
    summary = atomic_write(out / "summary.csv", buffer.getvalue())
    return index, summary
