"""A 50 MB "article": what ``framing.analyze`` and ``framing analyze`` do with it, in time and peak memory.

One article is at most :data:`framing.text.document.MAX_ARTICLE_CHARS` characters: a longer text is
refused at once, with a message that says to split it (or to lift the limit with
``read_document(path, max_chars=None)``). Measured, each in a fresh process (wall time, peak
resident memory of that process):

- refused: ``framing.analyze`` on a 50 MB file (the seed article's body repeated), and the same
  through the command line (exit status 2 and its one line);
- at the limit: ``framing.analyze`` on an article of exactly the limit (``--no-limit-run`` skips it);
- the seed article, for scale.

Before the limit, the 50 MB article took 4 min 44 s and 1.8 GB. Results go to
``bench/results/big_article.json``.

Run: ``python -m bench big_article [--mb N] [--no-limit-run]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"
RESULTS = Path(__file__).resolve().parent / "results"

#: Run in a fresh process: analyse the article at argv[1]; print wall time (imports excluded), peak
#: memory and the outcome as JSON.
MEASURE = """\
import json, resource, sys, time
from framing.analysis import analyze
from framing.text.document import DocumentError
started = time.perf_counter()
try:
    analysis = analyze(sys.argv[1])
    outcome = f"analysed: {len(analysis.sentences)} sentences, {len(analysis.spans)} spans"
except DocumentError as error:
    outcome = f"refused: {error}"
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def article_of(chars: int, path: Path) -> Path:
    """The seed article's body repeated, paragraph by paragraph, to ``chars`` characters."""
    text = SEED.read_text(encoding="utf-8")
    body = text[: text.index("You may also like")].strip() + "\n\n"
    path.write_text((body * (chars // len(body) + 1))[:chars], encoding="utf-8")
    return path


def measure(path: Path) -> dict:
    """Time and peak memory of ``framing.analyze(path)`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def command_line(path: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("framing")), "analyze", str(path)], capture_output=True, text=True
    )
    return {
        "seconds": time.perf_counter() - started,
        "status": done.returncode,
        "stderr": done.stderr.strip(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench big_article", description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="size of the big article in MB (default 50)")
    parser.add_argument("--no-limit-run", action="store_true", help="skip the article at the limit")
    args = parser.parse_args(argv)
    from framing.text.document import MAX_ARTICLE_CHARS

    results: dict = {"limit_chars": MAX_ARTICLE_CHARS}
    with tempfile.TemporaryDirectory() as folder:
        big = article_of(int(args.mb * 1_000_000), Path(folder) / "big.txt")
        results["big"] = {"bytes": big.stat().st_size, **measure(big)}
        print(f"{big.stat().st_size / 1e6:.0f} MB article: {results['big']['outcome'][:100]}")
        print(f"  {results['big']['seconds']:.2f} s, peak {results['big']['peak_mb']:.0f} MB")
        results["big_cli"] = command_line(big)
        cli = results["big_cli"]
        print(f"  framing analyze: exit {cli['status']} in {cli['seconds']:.1f} s: {cli['stderr'][:100]}")
        results["seed"] = measure(SEED)
        print(f"seed article: {results['seed']['seconds']:.2f} s, peak {results['seed']['peak_mb']:.0f} MB")
        if not args.no_limit_run:
            at_limit = article_of(MAX_ARTICLE_CHARS, Path(folder) / "limit.txt")
            results["at_limit"] = measure(at_limit)
            found = results["at_limit"]
            print(f"{MAX_ARTICLE_CHARS:,} characters (the limit): {found['outcome']}")
            print(f"  {found['seconds']:.1f} s, peak {found['peak_mb']:.0f} MB")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "big_article.json").write_text(json.dumps(results, indent=1) + "\n")
    refused = results["big"]["outcome"].startswith("refused") and results["big_cli"]["status"] == 2
    return 0 if refused else 1


if __name__ == "__main__":
    sys.exit(main())
