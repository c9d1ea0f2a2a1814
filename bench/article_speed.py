"""Per-article analysis time of this tree against an earlier commit, alternating the two sides.

Each side runs in a fresh process on its own checkout (the earlier commit in a temporary
``git worktree``, importing its own ``framing``): it analyses the seed article and the first
``--docs`` Lee stories once to warm up (lexicon loading, imports), then times
``analyze(doc).document_scores()`` over the same documents. Sides alternate ``--repeat`` times;
the figure per side is the median of its per-article means. The documents and what is computed
are the same on both sides; the current side also matches a second lexicon and reads context.

Run: ``python -m bench article_speed [--baseline REV] [--docs N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"

#: Run inside each side's process: prints the mean seconds per article.
PROBE = """
import sys, time
sys.meta_path = [f for f in sys.meta_path if "__editable__" not in str(getattr(f, "__module__", f))]
sys.path.insert(0, sys.argv[1])
import framing
assert framing.__file__.startswith(sys.argv[1]), framing.__file__
from framing import analyze, load_corpus
docs = [sys.argv[2]] + [load_corpus("lee")[i] for i in range(int(sys.argv[3]))]
for doc in docs:
    analyze(doc).document_scores()
started = time.perf_counter()
for doc in docs:
    analyze(doc).document_scores()
print((time.perf_counter() - started) / len(docs))
"""


def side(tree: Path, docs: int) -> float:
    """Mean seconds per article for the checkout at ``tree``, in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tree), str(SEED), str(docs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
    )
    return float(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.article_speed")
    parser.add_argument("--baseline", default="5df51ae", help="earlier commit (default: before issue 8)")
    parser.add_argument("--docs", type=int, default=100, help="Lee stories besides the seed article")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        baseline = Path(scratch) / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(baseline), args.baseline], cwd=ROOT, check=True
        )
        try:
            times: dict[str, list[float]] = {"baseline": [], "current": []}
            for _ in range(args.repeat):
                times["baseline"].append(side(baseline, args.docs))
                times["current"].append(side(ROOT, args.docs))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT, check=False)
    medians = {name: statistics.median(values) for name, values in times.items()}
    report = {
        "baseline": args.baseline,
        "documents": args.docs + 1,
        "seconds_per_article": medians,
        "runs": times,
        "ratio_current_to_baseline": medians["current"] / medians["baseline"],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
