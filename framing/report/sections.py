"""The helpers ``notebooks/report.ipynb`` calls in the kernel, and the scores file it writes.

Escaped headings, paragraphs and tables (user text never becomes markup), the
positioning table for readers, the provenance block, and ``<slug>.json``: every
score, written canonically (sorted keys, fixed float digits) so that two renders
of the same article are byte-identical. pandas and IPython load only when a
helper needs them.

Examples
--------
>>> heading("Loaded lexical choices", 2).data
'<h2>Loaded lexical choices</h2>'
>>> canonical({"share": 0.1 + 0.2, "missing": float("nan")})
{'share': 0.3, 'missing': None}
"""

from __future__ import annotations

import html
import json
import math
import os
from pathlib import Path

from framing.text.files import atomic_write

#: The seed article, the template's default ``article_path``.
EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "corpora" / "articles" / "express-balkans-drones.txt"
#: Significant digits every float in ``<slug>.json`` is written with.
FLOAT_DIGITS = 12
SCORES_FORMAT = "framing.report/1"
#: What the report says wherever the reference corpus is used.
MATCHED_REFERENCE = (
    "A percentile or a keyness score says how the article differs from these documents, which may "
    "differ from it in outlet, country and period as much as in framing: for a matched baseline, bring "
    "a reference corpus of the same outlet and period as the article (framing report --reference "
    "FOLDER or FILE)."
)
#: The caveat of the target-dependent sentiment model, under its table.
TARGET_MODEL_CAVEAT = (
    "The model was trained on US political news (NewsMTSC) and its accuracy on migration coverage "
    "has not been measured."
)
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


# ---------------------------------------------------------------------------
# Canonical JSON, written atomically


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
    >>> from framing.text.document import read_document
    >>> default_title(read_document("Ministers vowed to act on the crossings today.\\nBody."), limit=30)
    'Ministers vowed to act on the…'
    """
    return shorten(document.title, limit)


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


def table(frame, digits: int | None = 3, empty: str | None = None):
    """A DataFrame as an escaped HTML table without the index; with no rows, the sentence ``empty``.

    Floats are written with ``digits`` decimals, or as short as they go (``{:g}``) when ``digits``
    is None (for columns already rounded to their own precision).

    Examples
    --------
    >>> import pandas as pd
    >>> "&lt;i&gt;" in table(pd.DataFrame({"term": ["<i>"], "g2": [1.23456]})).data
    True
    >>> table(pd.DataFrame({"term": []}), empty="No term.").data
    '<p class="framing-empty">No term.</p>'
    """
    from IPython.display import HTML

    if empty is not None and frame.empty:
        return paragraph(empty, "framing-empty")
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
    """One row per loaded term used: lexicon, category, weight, count (by the author, quoted), alternatives.

    Only terms that count into the index are listed (not negated, not part of a
    name, not excepted, not a neutral marker); see :func:`markers` for the rest.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> row = loaded_terms(analyze('Gangs and gangs smuggle. "Gangs," he said.')).loc[0]
    >>> row[["term", "count", "by the author", "quoted"]].astype(str).tolist()
    ['gangs', '3', '2', '1']
    """
    spans = analysis.spans[analysis.spans["counted"]]
    spans = spans.assign(
        term=spans["text"].str.lower(),
        author=spans["voice"] == "author",
        quoted=spans["voice"] != "author",
    )
    grouped = (
        spans.groupby(["term", "lexicon", "category", "weight", "alternatives"], sort=False)
        .agg(count=("term", "size"), author=("author", "sum"), quoted=("quoted", "sum"))
        .reset_index()
        .sort_values(["weight", "count", "term"], ascending=[False, False, True], kind="stable")
        .reset_index(drop=True)
        .rename(columns={"author": "by the author"})
    )
    columns = ["term", "lexicon", "category", "weight", "count", "by the author", "quoted", "alternatives"]
    return grouped[columns].assign(category=grouped["category"].map(_labels(analysis)))


def markers(analysis):
    """Attribution and hedging markers, and the flagged spans left out of the index, one row each.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> markers(analyze("Gangs reportedly fled. It was not a flood.")).values.tolist()
    [['reportedly', 'Exclusivity and unattributed claims', 'marker (neutral)'], \
['flood', 'Natural-disaster and water metaphors', 'negated']]
    """
    import pandas as pd

    spans = analysis.spans
    reason = pd.Series("", index=spans.index)
    reason[spans["direction"] == "neutral"] = "marker (neutral)"
    for flag in ("excepted", "proper_name", "negated"):
        reason[spans[flag] & (reason == "")] = flag.replace("_", " ")
    chosen = spans.assign(reason=reason)[reason != ""]
    table = chosen[["text", "category", "reason"]].reset_index(drop=True).rename(columns={"text": "term"})
    return table.assign(category=table["category"].map(_labels(analysis)))


def _labels(analysis) -> dict[str, str]:
    from framing.views.html import category_labels

    return category_labels(analysis.categories)


def positioning(comparison, labels: dict | None = None):
    """The positioning table for readers: each score (by ``labels``, else
    :func:`framing.analysis.score_label`), the article's value, how many reference documents stand
    behind the row (flagged ``thin`` below :data:`framing.comparison.comparison.THIN_REFERENCE`), their
    median, the article's percentile among them with its 95% interval, and its z-score.

    Examples
    --------
    >>> from framing.comparison import compare
    >>> c = compare("Gangs exploit migrants.", ["Police help.", "Gangs fled.", "Rain fell."], n_boot=50)
    >>> table = positioning(c)
    >>> table.columns.tolist()
    ['score', 'article', 'reference documents', 'reference median', 'percentile', '95% interval', 'z']
    >>> table.loc[table["score"] == "loaded terms", "reference documents"].item()
    '3 (thin)'
    """
    import pandas as pd

    from framing.analysis import score_label
    from framing.comparison.comparison import THIN_REFERENCE

    table = comparison.positioning
    labels = labels or {}
    # the interval to the percentile's own precision, so a percentile never reads outside it
    interval = [
        "" if low != low else f"{round(low, 1):g} to {round(high, 1):g}"  # NaN: no interval
        for low, high in zip(table["percentile_low"], table["percentile_high"], strict=True)
    ]
    documents = [f"{n} (thin)" if n < THIN_REFERENCE else str(n) for n in table["reference_n"]]
    return pd.DataFrame(
        {
            "score": [labels.get(name) or score_label(name) for name in table["score"]],
            "article": table["article"].round(3),
            "reference documents": documents,
            "reference median": table["reference_median"].round(3),
            "percentile": table["percentile"].round(1),
            "95% interval": interval,
            "z": table["z"].round(2),
        }
    )


def no_positioning(corpus):
    """What the report says in place of positioning when the reference is a word-frequency list.

    Examples
    --------
    >>> from framing.corpus import load_corpus
    >>> no_positioning(load_corpus("wordfreq-en")).data[:61]
    '<p class="framing-empty">wordfreq-en is a word-frequency list'
    """
    return paragraph(
        f"{corpus.name} is a word-frequency list, not a set of documents: there is nothing to place the "
        "article among, so the report gives keyness only. Bring a document corpus (lee, or a folder of "
        "articles of the same outlet and period) for percentiles.",
        "framing-empty",
    )


def reference_summary(corpus) -> str:
    """One line naming the reference corpus: its title, size, and outlets and dates where recorded.

    Examples
    --------
    >>> from framing.corpus import load_corpus
    >>> reference_summary(load_corpus("lee"))
    'Lee background corpus (ABC news stories) (lee): 300 documents; outlet: ABC'
    """
    title = (getattr(corpus, "descriptor", None) or {}).get("title")
    text = f"{title} ({corpus.name})" if title else corpus.name
    if not corpus.has_documents:
        return f"{text}: a word-frequency list, not documents"
    text += f": {len(corpus)} documents"
    metadata = corpus.metadata
    for column in ("outlet", "source_name", "publisher"):
        if column in metadata and metadata[column].notna().any():
            outlets = sorted(metadata[column].dropna().astype(str).unique())
            shown = ", ".join(outlets[:5]) + (f" and {len(outlets) - 5} more" if len(outlets) > 5 else "")
            text += f"; outlet{'s' if len(outlets) > 1 else ''}: {shown}"
            break
    for column in ("date", "published", "year"):
        if column in metadata and metadata[column].notna().any():
            values = metadata[column].dropna().astype(str)
            text += f"; dated {values.min()} to {values.max()}"
            break
    return text


def reference_caveat(corpus, full: bool = False):
    """The reference corpus's caveat: what it is (its descriptor's own description, with ``full``),
    and that a reference of the article's outlet and period is the fair baseline.

    Examples
    --------
    >>> from framing.corpus import load_corpus
    >>> text = reference_caveat(load_corpus("lee"), full=True).data
    >>> "Australian Broadcasting Corporation" in text, "same outlet and period" in text
    (True, True)
    """
    what = (getattr(corpus, "descriptor", None) or {}).get("what", "") if full else ""
    parts = [
        f"Reference corpus: {reference_summary(corpus)}.",
        " ".join(str(what).split()),
        MATCHED_REFERENCE,
    ]
    return paragraph(" ".join(p for p in parts if p), "framing-caveat")


def header(analysis, corpus, article_path: str):
    """The report's head under its title: the article, the lexicons and the reference corpus named,
    and an empty table of contents that the HTML export fills (``nav.framing-contents``).

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> from framing.corpus import load_corpus
    >>> block = header(analyze("Gangs."), load_corpus("lee"), "a<b>.txt").data
    >>> "a&lt;b&gt;.txt" in block, "Lexicons: migration, version" in block, "framing-contents" in block
    (True, True, True)
    """
    from IPython.display import HTML

    lexicons = "; ".join(
        f"{lexicon.name}"
        + (f", version {lexicon.version}" if lexicon.version else "")
        + f" ({len(lexicon.entries)} entries)"
        for lexicon in analysis.lexicons
    )
    lines = [
        f"{article_path} · {analysis.tokens} words in {len(analysis.sentences)} sentences",
        f"Lexicons: {lexicons}",
        f"Reference corpus: {reference_summary(corpus)}",
    ]
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return HTML(f'<ul class="framing-byline">{items}</ul><nav class="framing-contents"></nav>')


def target_sentiment(analysis):
    """Sentiment toward each target (groups, then speakers): the model's counts and net beside the
    sentence-level baseline, the model's caveat, and the mentions behind each row, each in its
    sentence with the mention highlighted.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> a = analyze("Police praised the volunteers but condemned the <b>smugglers</b>.")
    >>> block = target_sentiment(a).data
    >>> "<mark" in block and "&lt;b&gt;" in block and "NewsMTSC" in block
    True
    """
    from IPython.display import HTML

    from framing.analysis import TARGET_COLUMNS

    targets = analysis.targets
    mentioned = targets[targets["mentions"] > 0]
    if mentioned.empty:
        names = ", ".join(targets["label"]) or "none"
        return paragraph(f"No target is mentioned in this article (targets: {names}).", "framing-empty")
    columns = [c for c in TARGET_COLUMNS if c not in ("target", "kind")]
    shown = mentioned.assign(net=mentioned["net"].round(2))[columns].rename(
        columns={
            "label": "target",
            "net": "net (model)",
            "sentences": "sentences naming it",
            "mean_compound": "VADER (sentences)",
            "mean_polarity": "TextBlob (sentences)",
        }
    )
    parts = [table(shown).data, f'<p class="framing-caveat">{html.escape(TARGET_MODEL_CAVEAT)}</p>']
    unmentioned = targets.loc[targets["mentions"] == 0, "label"].tolist()
    if unmentioned:
        parts.append(f"<p>Not mentioned: {html.escape(', '.join(unmentioned))}.</p>")
    mentions = analysis.target_mentions
    text = analysis.document.text
    for row in mentioned.itertuples():
        mine = mentions[(mentions["target"] == row.target) & (mentions["kind"] == row.kind)]
        items = []
        for m in mine.itertuples():
            sentence = (
                html.escape(text[m.sentence_start : m.start])
                + f'<mark class="framing-mention">{html.escape(text[m.start : m.end])}</mark>'
                + html.escape(text[m.end : m.sentence_end])
            )
            voice = "" if m.voice == "author" else f", {html.escape(str(m.voice))}"
            items.append(
                f'<li><span class="framing-sentiment-{html.escape(m.sentiment)}">{html.escape(m.sentiment)}'
                f"</span>{voice}: {' '.join(sentence.split())}</li>"
            )
        parts.append(
            f"<h3>{html.escape(row.label)} ({html.escape(row.kind)}): {len(mine)} "
            f'mention{"s" if len(mine) != 1 else ""}</h3><ul class="framing-mentions">{"".join(items)}</ul>'
        )
    return HTML("".join(parts))


def report_provenance(analysis, comparison=None, parameters: dict | None = None) -> dict:
    """What produced a report's numbers: parameters, versions, lexicon and reference corpus hashes.

    Deterministic (no time): it goes into ``<slug>.json`` as it is.

    Examples
    --------
    >>> from framing.analysis import analyze
    >>> provenance = report_provenance(analyze("Gangs."), parameters={"lexicon": "migration"})
    >>> provenance["parameters"], provenance["lexicons"][0]["name"], "pandas" in provenance["packages"]
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


def comparison_scores(comparison, n: int = 20) -> dict:
    """The comparison's numbers for the scores file: positioning, and keyness of the article's terms.

    Keyness keeps every term the article uses and the ``n`` most reference-leaning
    terms (those the keyness chart shows), not the whole reference vocabulary. A reference that is a
    word-frequency list has no positioning (an empty list).
    """
    from framing.analysis import records

    keyness = comparison.keyness
    used = keyness[keyness["n_target"] > 0]
    absent = comparison.top_terms(n, leaning="reference")
    absent = absent[absent["n_target"] == 0]
    positioned = comparison.reference.has_documents  # a word-frequency list serves keyness only
    return {
        "positioning": records(comparison.positioning) if positioned else [],
        "keyness": records(used) + records(absent),
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
    excluded = data["provenance"]["boilerplate_excluded"]  # the engine's record, moved to "article"
    data["provenance"] = report_provenance(analysis, comparison, parameters)
    data["format"] = SCORES_FORMAT
    data["article"] = {
        "source": document.source,
        "sha256": document.sha256,
        "title": document.title,
        "boilerplate_excluded": excluded,
    }
    data["report"] = {"title": parameters.get("title") or default_title(document)}
    data["comparison"] = comparison_scores(comparison) if comparison is not None else None
    return data


def write_scores(path, analysis, comparison=None, parameters: dict | None = None) -> Path:
    """Write :func:`scores_document` canonically (sorted keys, fixed float digits) and atomically.

    Examples
    --------
    >>> import tempfile
    >>> from framing.analysis import analyze
    >>> target = Path(tempfile.mkdtemp()) / "s.json"
    >>> a = analyze("Gangs smuggle migrants.")
    >>> first = write_scores(target, a).read_bytes()
    >>> write_scores(target, a).read_bytes() == first
    True
    """
    return atomic_write(path, dumps_scores(scores_document(analysis, comparison, parameters)))
