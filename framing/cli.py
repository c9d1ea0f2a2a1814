"""The ``framing`` command line: one subcommand per way in to the engine.

Each subcommand is a pair of functions: ``_add_NAME`` declares its arguments
and ``_run_NAME`` runs it and returns the exit status.

Exit status: 0 done; 1 some reports or documents failed (``report``, ``batch``, ``score``); 2 bad
input, named in one line on stderr (a missing, unreadable or empty file, a
malformed lexicon or corpus, an ``--out`` that cannot be written); 130
interrupted (Ctrl-C, SIGTERM); 141 the output pipe closed (``| head``).

Output formats (``--format`` of ``analyze`` and ``compare``): ``table``, aligned text for
reading, with long text cut at :data:`TABLE_CELL_CHARS` characters; ``csv``, every cell in
full; ``json``, one JSON array of records; ``jsonl``, JSON Lines (one record a line). An empty
result is a sentence in ``table`` format, a header in CSV, ``[]`` in JSON and nothing in JSON Lines.

Examples
--------
>>> build_parser().parse_args(["analyze", "article.txt", "--format", "csv"]).table
'spans'
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

FORMATS = ("table", "csv", "json", "jsonl")
#: ``--format``'s help, shared by every subcommand that prints a table.
FORMAT_HELP = (
    "table: aligned for reading, long text cut short (default); csv: every cell in full, lists "
    "joined by ';'; json: one JSON array of records; jsonl: JSON Lines, one record a line"
)
#: In ``table`` format a longer text cell is cut to this many characters, ending in an ellipsis.
TABLE_CELL_CHARS = 40
#: Exit statuses (see the module docstring).
EXIT_FAILED, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_PIPE = 1, 2, 130, 141


def write_table(frame, fmt: str, stream=None, empty: str = "No rows.") -> None:
    """Write the DataFrame ``frame`` to ``stream`` (default stdout) in the format ``fmt`` (:data:`FORMATS`).

    In a table or CSV, a cell that holds a list (a sentence's targets) is one
    string of its items joined by ``;``; JSON keeps it a list. In a table, a
    text longer than :data:`TABLE_CELL_CHARS` is cut, and an empty ``frame``
    is the sentence ``empty``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"term": ["slash"], "targets": [("migrants", "police")]})
    >>> write_table(frame, "csv")
    term,targets
    slash,migrants;police
    >>> write_table(frame, "json")
    [{"term":"slash","targets":["migrants","police"]}]
    >>> write_table(frame.head(0), "table", empty="No loaded terms found.")
    No loaded terms found.
    """
    stream = stream or sys.stdout
    if fmt == "table" and not len(frame):
        stream.write(empty + "\n")
        return
    if fmt in ("table", "csv"):
        frame = frame.apply(_joined) if len(frame) else frame
    if fmt == "csv":
        frame.to_csv(stream, index=False, lineterminator="\n")
    elif fmt == "json":
        stream.write(frame.to_json(orient="records", force_ascii=False, double_precision=15) + "\n")
    elif fmt == "jsonl":
        if len(frame):  # for no rows pandas writes a lone newline: write nothing
            stream.write(frame.to_json(orient="records", lines=True, force_ascii=False, double_precision=15))
    else:
        import pandas as pd

        frame = frame.apply(_cut) if len(frame) else frame
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            stream.write(frame.to_string(index=False) + "\n")


def _joined(column):
    """A column with every list, tuple or set in it joined by ``;`` (other values as they are)."""
    if column.dtype != object:
        return column
    return column.map(lambda v: ";".join(map(str, v)) if isinstance(v, (list, tuple, set, frozenset)) else v)


def _comparison_options(parser) -> None:
    """The options of the comparison with the reference, shared by ``compare``, ``report`` and ``batch``."""
    parser.add_argument("--text", default="text", help="text column of a CSV/JSONL/Parquet reference")
    parser.add_argument(
        "--min-freq", type=int, default=2, help="keyness: terms seen at least N times in both together"
    )
    parser.add_argument("--ngrams", type=int, default=1, help="keyness: longest n-gram, 1 to 3 (default 1)")


def _check_comparison(args) -> None:
    """Refuse comparison options out of range, naming the flags, before anything loads."""
    if args.min_freq < 1 or not 1 <= args.ngrams <= 3:
        raise ValueError("--min-freq must be at least 1 and --ngrams 1, 2 or 3")


def _report_options(args) -> dict:
    """What `report` and `batch` pass to the renderer: reference, lexicon, comparison options (checked)."""
    _check_comparison(args)
    names = ("reference", "lexicon", "ngrams", "min_freq", "text")
    return {name: getattr(args, name) for name in names}


def _cut(column):
    """A text column with every cell longer than :data:`TABLE_CELL_CHARS` cut, ending in an ellipsis."""
    if column.dtype.kind in "biufcmM":  # numbers, booleans, dates
        return column
    limit = TABLE_CELL_CHARS
    return column.map(lambda v: v[: limit - 1] + "\u2026" if isinstance(v, str) and len(v) > limit else v)


def _lexicon_option(parser) -> None:
    parser.add_argument(
        "--lexicon",
        default="migration,loaded",
        help="packaged lexicon names or .yaml/.csv/.dic paths, comma-separated (default: migration,loaded)",
    )


def _subcommand(commands, name: str, help: str, examples: str) -> argparse.ArgumentParser:
    """Add the subcommand ``name``, its ``--help`` ending in ``examples`` (lines as typed in a shell)."""
    return commands.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog="examples:\n" + "\n".join(f"  {line}" for line in examples.strip().splitlines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


#: The sentence ``framing analyze`` prints in table format when a table has no rows.
EMPTY_ANALYZE = {
    "spans": "No loaded terms found in {file} with lexicon {lexicon}.",
    "quotes": "No quotes found in {file}.",
    "sources": "No quoted sources found in {file}.",
    "target_mentions": "No mention of a target group or a speaker found in {file}.",
}


def _add_analyze(commands) -> None:
    parser = _subcommand(
        commands,
        "analyze",
        "loaded terms, sentences and scores of one article",
        """
framing analyze corpora/articles/express-balkans-drones.txt
framing analyze article.txt --table sentences --format csv > sentences.csv
framing analyze article.txt --lexicon migration,my_terms.yaml --table scores
framing analyze saved-page.html --table quotes --format json
""",
    )
    parser.add_argument("file", help="article file: text in any encoding, or a saved web page")
    _lexicon_option(parser)
    parser.add_argument(
        "--table",
        choices=("spans", "sentences", "scores", "targets", "target_mentions", "frames", "quotes", "sources"),
        default="spans",
        help="which table to print (default: spans)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help=FORMAT_HELP)


def _run_analyze(args) -> int:
    from framing.text.document import read_document

    document = read_document(Path(args.file))  # a file that is no article is refused before the engine loads
    from framing.analysis import analyze

    analysis = analyze(document, lexicon=args.lexicon)
    empty = EMPTY_ANALYZE.get(args.table, "The {table} table of {file} is empty.")
    write_table(getattr(analysis, args.table), args.format, empty=empty.format_map(vars(args)))
    return 0


def _add_report(commands) -> None:
    parser = _subcommand(
        commands,
        "report",
        "render one article's HTML report (papermill)",
        """
framing report corpora/articles/express-balkans-drones.txt
framing report article.txt --reference coverage.csv --text body --ngrams 2 --out reports/
framing report article.txt --lexicon migration,my_terms.yaml --title "Channel crossings"
""",
    )
    parser.add_argument("article", help="article file: text in any encoding, or a saved web page")
    parser.add_argument("--reference", default="lee", help="packaged reference corpus name or a corpus path")
    _comparison_options(parser)
    _lexicon_option(parser)
    parser.add_argument("--title", default=None, help="report title (default: the article's headline)")
    parser.add_argument("--out", default="reports", help="output folder (default: reports/)")


def _run_report(args) -> int:
    from framing.report.render import ReportError, render_report

    options = _report_options(args)
    try:
        result = render_report(args.article, args.out, title=args.title, **options)
    except ReportError as error:
        print(f"framing report: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{result.html}  ({result.notebook.name}, {result.scores.name}; {result.seconds:.1f} s)")
    return 0


def _add_batch(commands) -> None:
    parser = _subcommand(
        commands,
        "batch",
        "render one report per article in parallel, with an index",
        """
framing batch 'corpora/articles/*.txt'
framing batch a.txt b.txt c.txt --jobs 2 --out reports/
framing batch 'coverage/*.html' --reference coverage.parquet --min-freq 3 --force
""",
    )
    parser.add_argument("articles", nargs="+", help="article files or quoted glob patterns ('corpora/*.txt')")
    parser.add_argument("--jobs", type=int, default=None, help="parallel processes (default: the cores)")
    parser.add_argument("--reference", default="lee", help="packaged reference corpus name or a corpus path")
    _comparison_options(parser)
    _lexicon_option(parser)
    parser.add_argument("--out", default="reports", help="output folder (default: reports/)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument(
        "--force",
        action="store_true",
        help="render every report again, even those whose inputs are unchanged",
    )


def _run_batch(args) -> int:
    from framing.report.render import render_batch

    if args.jobs is not None and args.jobs < 1:
        raise ValueError(f"--jobs must be at least 1, not {args.jobs}")
    options = _report_options(args)
    batch = render_batch(
        args.articles, args.out, jobs=args.jobs, progress=not args.no_progress, force=args.force, **options
    )
    for result in batch.failed:
        if result.status == "failed":
            print(f"framing batch: failed: {result.error}", file=sys.stderr)
    done = sum(1 for r in batch.results if r.ok)
    unchanged = sum(1 for r in batch.results if r.status == "unchanged")
    kept = f" ({unchanged} unchanged, kept)" if unchanged else ""
    took = f"{batch.seconds:.1f} s"
    print(f"{done} of {len(batch.results)} reports{kept} in {took}: {batch.index} ({batch.summary.name})")
    if batch.interrupted:
        left = sum(1 for r in batch.results if r.status == "interrupted")
        print(
            f"framing batch: interrupted: {left} reports not rendered; run again to resume", file=sys.stderr
        )
        return EXIT_INTERRUPTED
    return EXIT_FAILED if batch.failed else 0


def _add_compare(commands) -> None:
    parser = _subcommand(
        commands,
        "compare",
        "keyness and positioning of one article against a reference",
        """
framing compare corpora/articles/express-balkans-drones.txt --top 20
framing compare article.txt --reference wordfreq-en --format csv > keyness.csv
framing compare article.txt --reference coverage.csv --text body --ngrams 2 --min-freq 3
framing compare article.txt --table positioning
""",
    )
    parser.add_argument("file", help="article file: text in any encoding, or a saved web page")
    parser.add_argument(
        "--reference",
        default="lee",
        help="packaged corpus (lee, wordfreq-en) or a folder of .txt / .csv / .jsonl / .parquet path",
    )
    _comparison_options(parser)
    _lexicon_option(parser)
    parser.add_argument(
        "--table",
        choices=("keyness", "positioning"),
        default="keyness",
        help="which table (default: keyness)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help=FORMAT_HELP)
    parser.add_argument("--top", type=int, default=None, help="print only the first N rows")


def _run_compare(args) -> int:
    from framing.text.document import read_document

    _check_comparison(args)
    article = read_document(Path(args.file))  # before the engine and the reference, which take longer
    from framing.comparison import compare
    from framing.corpus import load_corpus

    reference = load_corpus(args.reference, text=args.text)
    comparison = compare(
        article, reference, lexicon=args.lexicon, ngram_range=(1, args.ngrams), min_freq=args.min_freq
    )
    table = comparison.keyness if args.table == "keyness" else comparison.positioning
    empty = f"No term seen at least {args.min_freq} times in {args.file} and the reference together."
    write_table(table if args.top is None else table.head(args.top), args.format, empty=empty)
    return 0


def _add_score(commands) -> None:
    parser = _subcommand(
        commands,
        "score",
        "score every document of a corpus on all cores or Dask, written chunk by chunk",
        """
framing score lee --out scores/
framing score coverage.parquet --text body --id url --out scores/ --spans-out spans/
framing score coverage.jsonl --engine dask --scheduler tcp://127.0.0.1:8786 --out scores/
""",
    )
    parser.add_argument("corpus", help="packaged corpus (lee), a folder of .txt, or a .csv/.jsonl/.parquet")
    parser.add_argument(
        "--out", required=True, help="output folder, one Parquet file a chunk (pandas.read_parquet reads it)"
    )
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--scheduler", default=None, help="dask: an existing scheduler (tcp://host:8786)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the cores)")
    parser.add_argument("--text", default="text", help="text column of a CSV/JSONL/Parquet corpus")
    parser.add_argument("--id", default=None, help="id column (default: doc_id when there is one)")
    parser.add_argument("--chunk-size", type=int, default=None, help="documents per chunk (default: chosen)")
    parser.add_argument("--spans-out", default=None, help="also write every span to this folder")
    _lexicon_option(parser)
    parser.add_argument("--restart", action="store_true", help="score everything again, not resume")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def _run_score(args) -> int:
    import time

    from framing.corpus.engines import score_corpus
    from framing.corpus.streaming import read_parts

    started = time.perf_counter()
    try:
        out = score_corpus(
            args.corpus,
            text=args.text,
            id=args.id,
            lexicon=args.lexicon,
            engine=args.engine,
            jobs=args.jobs,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            out=args.out,
            spans_out=args.spans_out,
            resume=not args.restart,
            progress=not args.no_progress,
        )
    except KeyboardInterrupt:
        print(f"framing score: interrupted; run again to resume from {args.out}", file=sys.stderr)
        return EXIT_INTERRUPTED
    errors = read_parts(out, columns=["error"])["error"]
    failed = errors[errors != ""]
    print(f"{len(errors)} documents ({len(failed)} failed) in {time.perf_counter() - started:.1f} s: {out}")
    for message in failed.head(3):
        print(f"framing score: failed: {message}", file=sys.stderr)
    return EXIT_FAILED if len(failed) else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    from importlib.metadata import version

    parser = argparse.ArgumentParser(
        prog="framing",
        description="Media-bias and framing analysis of news text.",
        epilog="Run 'framing COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"framing {version('framing')}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, value in sorted(globals().items()):
        if name.startswith("_add_"):
            value(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status (see the module docstring).

    Input errors are ``ValueError`` (``DocumentError``, ``LexiconError`` and
    ``CorpusError`` among them) or ``OSError`` (a missing or unreadable file),
    caught without importing the engine, so that ``framing report`` starts its
    kernel at once: one line naming the file, exit 2. Ctrl-C and SIGTERM end
    the command with 130, and a closed output pipe with 141, without a traceback.
    """
    args = build_parser().parse_args(argv)
    previous = signal.getsignal(signal.SIGTERM)
    if previous == signal.SIG_DFL:  # SIGTERM stops a command as Ctrl-C does (batch: cleanly)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        status = globals()[f"_run_{args.command}"](args)
        sys.stdout.flush()  # here, so that a closed pipe is seen inside the try
        return status
    except BrokenPipeError:
        # the reader of our output (head, less) has gone: stop quietly (the Python documentation's recipe)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    except KeyboardInterrupt:
        print(f"framing {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (ValueError, OSError) as error:
        print(f"framing {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_INPUT
    finally:
        signal.signal(signal.SIGTERM, previous)


def _one_line(error: Exception) -> str:
    """The error as one line; an ``OSError`` as ``file: reason``."""
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        message = f"{os.fsdecode(error.filename)}: {error.strerror}"
    else:
        message = str(error) or type(error).__name__
    return " ".join(message.split())


if __name__ == "__main__":
    sys.exit(main())
