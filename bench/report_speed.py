"""Report rendering speed: one report against its floor, and a batch of 20 with ``--jobs 1`` vs ``--jobs 2``.

Measured in one run, every figure the wall time of a fresh process (as a user runs it):

- floor: ``papermill`` on a trivial one-cell notebook (process start, papermill, kernel start and
  stop) plus ``python -c "import nltk, textblob, sklearn, matplotlib, pandas"``;
- one report: ``framing report <seed article> --reference lee`` (after one untimed render that fills
  the reference's score cache); target: at most 1.5 x the floor. Also shown: the same render through
  ``framing.report.render_report`` in ``python -c`` (no command-line start-up);
- batch: ``framing batch`` over 20 articles (the seed and 19 Lee stories written as files) with
  ``--jobs 1`` and ``--jobs 2``; target: ``--jobs 2`` at least 1.8 x faster on a 2-core machine.

Each single figure is the median of ``--repeat`` runs. Results go to ``bench/results/report_speed.json``.

Run: ``python -m bench report_speed [--repeat N] [--articles N] [--batch-repeat N] [--no-batch]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "express-balkans-drones.txt"
RESULTS = Path(__file__).resolve().parent / "results"
BIN = Path(sys.executable).parent
IMPORTS = "import nltk, textblob, sklearn, matplotlib, pandas"
FLOOR_FACTOR = 1.5
SPEEDUP_TARGET = 1.8


def timed(command: list[str], cwd: Path = ROOT) -> float:
    """Wall time of ``command`` in a fresh process; raises if it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def median_of(command: list[str], repeat: int) -> tuple[float, list[float]]:
    runs = [timed(command) for _ in range(repeat)]
    return statistics.median(runs), runs


def trivial_notebook(path: Path) -> Path:
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("1 + 1")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(notebook, path)
    return path


def write_articles(folder: Path, count: int) -> list[Path]:
    """The seed article and ``count - 1`` Lee stories, one file each."""
    from framing.corpus import load_corpus

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "00-express-balkans-drones.txt"]
    paths[0].write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for i, text in enumerate(load_corpus("lee").texts[: count - 1], start=1):
        paths.append(folder / f"{i:02d}-lee.txt")
        paths[-1].write_text(text.strip() + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench report_speed", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per single figure (median; default 3)")
    parser.add_argument("--articles", type=int, default=20, help="articles in the batch (default 20)")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch comparison")
    parser.add_argument(
        "--batch-repeat",
        type=int,
        default=3,
        help="alternating --jobs 1 / --jobs 2 batch runs (median; default 3)",
    )
    args = parser.parse_args(argv)

    results: dict = {"cores": os.cpu_count(), "repeat": args.repeat}
    with tempfile.TemporaryDirectory(prefix="framing-bench-") as scratch:
        scratch = Path(scratch)
        trivial = trivial_notebook(scratch / "trivial.ipynb")
        papermill = [
            str(BIN / "papermill"),
            "--log-level",
            "ERROR",
            str(trivial),
            str(scratch / "trivial-out.ipynb"),
        ]
        report = [
            str(BIN / "framing"),
            "report",
            str(SEED),
            "--reference",
            "lee",
            "--out",
            str(scratch / "one"),
        ]

        timed(report)  # untimed: fills the reference's score cache, warms the file cache
        kernel, kernel_runs = median_of(papermill, args.repeat)
        imports, import_runs = median_of([sys.executable, "-c", IMPORTS], args.repeat)
        one, one_runs = median_of(report, args.repeat)
        api_code = f"from framing import render_report; render_report({str(SEED)!r}, {str(scratch / '2')!r})"
        api, api_runs = median_of([sys.executable, "-c", api_code], args.repeat)
        floor = kernel + imports
        results["floor"] = {"papermill_trivial": kernel_runs, "imports": import_runs, "seconds": floor}
        results["report"] = {"runs": one_runs, "seconds": one, "ratio_to_floor": one / floor}
        results["report_api"] = {"runs": api_runs, "seconds": api, "ratio_to_floor": api / floor}
        print(
            f"floor: papermill on a trivial notebook {kernel:.2f} s + imports {imports:.2f} s = {floor:.2f} s"
        )
        print(
            f"one report: {one:.2f} s = {one / floor:.2f} x the floor "
            f"(target <= {FLOOR_FACTOR} x: {'met' if one / floor <= FLOOR_FACTOR else 'MISSED'})"
        )
        print(
            f"  (the same through the Python API, without the command line's start-up: {api:.2f} s = "
            f"{api / floor:.2f} x)"
        )
        ok = one / floor <= FLOOR_FACTOR

        if not args.no_batch:
            paths = write_articles(scratch / "articles", args.articles)
            pattern = str(scratch / "articles" / "*.txt")
            runs: dict[int, list[float]] = {1: [], 2: []}
            for attempt in range(args.batch_repeat):  # alternated, so drift on a shared host hits both
                for jobs in (1, 2):
                    command = [str(BIN / "framing"), "batch", pattern, "--jobs", str(jobs), "--no-progress"]
                    runs[jobs].append(timed([*command, "--out", str(scratch / f"batch-{jobs}-{attempt}")]))
                    print(f"batch of {len(paths)} with --jobs {jobs}: {runs[jobs][-1]:.1f} s", flush=True)
            batch = {jobs: statistics.median(times) for jobs, times in runs.items()}
            speedup = batch[1] / batch[2]
            print(f"medians: --jobs 1 {batch[1]:.1f} s, --jobs 2 {batch[2]:.1f} s")
            results["batch"] = {
                "articles": len(paths),
                "jobs_1": batch[1],
                "jobs_2": batch[2],
                "runs": {f"jobs_{jobs}": times for jobs, times in runs.items()},
                "speedup": speedup,
            }
            met = speedup >= SPEEDUP_TARGET
            verdict = "met" if met else "MISSED"
            print(f"--jobs 2 is {speedup:.2f} x faster (target >= {SPEEDUP_TARGET} x: {verdict})")
            ok = ok and met

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report_speed.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
