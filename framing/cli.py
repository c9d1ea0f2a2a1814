"""The ``framing`` command line: one subcommand per way in to the engine.

Each subcommand is a pair of functions: ``_add_NAME`` declares its arguments
and ``_run_NAME`` runs it and returns the exit status.

Examples
--------
>>> main(["analyze", "--help"])  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import sys

import pandas as pd

FORMATS = ("table", "csv", "json")


def write_table(frame: pd.DataFrame, fmt: str, stream=None) -> None:
    """Write ``frame`` to ``stream`` (default stdout) as an aligned table, CSV or JSON lines.

    Examples
    --------
    >>> write_table(pd.DataFrame({"term": ["slash"], "count": [2]}), "csv")
    term,count
    slash,2
    """
    stream = stream or sys.stdout
    if fmt == "csv":
        frame.to_csv(stream, index=False, lineterminator="\n")
    elif fmt == "json":
        stream.write(frame.to_json(orient="records", lines=True, force_ascii=False))
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            stream.write(frame.to_string(index=False) + "\n")


def _add_analyze(commands) -> None:
    parser = commands.add_parser("analyze", help="loaded terms, sentences and scores of one article")
    parser.add_argument("file", help="article file (UTF-8 text)")
    parser.add_argument(
        "--lexicon", default="migration", help="packaged lexicon name or a .yaml/.csv/.dic path"
    )
    parser.add_argument(
        "--table",
        choices=("spans", "sentences", "scores", "targets", "quotes", "sources"),
        default="spans",
        help="which table to print (default: spans)",
    )
    parser.add_argument("--format", choices=FORMATS, default="table")


def _run_analyze(args) -> int:
    from framing.analysis import analyze

    analysis = analyze(args.file, lexicon=args.lexicon)
    write_table(getattr(analysis, args.table), args.format)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="framing", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, value in sorted(globals().items()):
        if name.startswith("_add_"):
            value(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors in the input print one line naming the file and exit 2."""
    args = build_parser().parse_args(argv)
    from framing.lexicon import LexiconError

    try:
        return globals()[f"_run_{args.command}"](args)
    except (LexiconError, FileNotFoundError, ValueError) as error:
        print(f"framing {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
