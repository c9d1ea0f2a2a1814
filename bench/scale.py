"""Corpus scale: ``score_corpus`` against the naive loop, matching speed, memory, Dask overhead, cold start.

The corpus: documents of about 600 words, each three Lee stories (gensim's 300 ABC news stories,
about 200 words each) drawn at random (seeded, no story twice in a document) and joined as
paragraphs; an ``outlet`` (A, B, C) and a ``published`` date each. Written to Parquet in row groups
of 1,000 and read back by ``score_corpus`` like any user corpus.

- ``naive``: the hand-written loop of :mod:`bench.naive` (one process) against
  ``score_corpus(engine="local")`` on ``--jobs`` processes, the two alternated, medians of
  ``--repeats``; checks that both give the same sentences and the same VADER compound and TextBlob
  polarity and subjectivity means for every document. Target: at least 5x the naive loop. Also
  the CPU time per document of each side (the workers' included), which a loaded machine disturbs less.
- ``lexicon``: matching every lexicon (``match_lexicons``, as ``analyze`` does) in MB/s against
  the floor of reading the Parquet texts, lower-casing and splitting them. Target: at least half.
- ``rss``: peak memory of ``score_corpus(..., out=folder)`` at each of ``--rss-docs`` documents, in a
  child process: its own peak (``VmHWM``: Linux's ``ru_maxrss`` keeps the parent's peak across
  ``exec``), its largest worker's, and the peak summed RSS of it and its workers (sampled). Target: 10x
  the documents within 20% of the peak. ``--rss-scorer lexicon`` scores lexicon matches only
  (the same engine, reading and writing, in a fraction of the time).
- ``dask``: ``engine="dask"`` on a 2-worker LocalCluster (started once, warm) and starting its own
  (cold) against ``engine="local"`` (which starts its processes each call), alternated, medians:
  the overhead ratios.
- ``cold``: a fresh interpreter running ``import framing; framing.analyze("x")``.
- ``profile``: cProfile on a worker's loop (``score_chunk``) over ``--profile-docs`` documents:
  where the time goes, stage by stage (:data:`STAGES`).
- ``cpu``: CPU time per document on one core of a worker's loop, the naive loop and the naive loop
  without its regex, alternated, medians (``--profile-docs`` documents).

Run: ``python -m bench scale [--docs N] [--naive-docs N] [--repeats N] [--jobs N] [--rss-docs N,N]
[--rss-scorer full|lexicon] [--dask-docs N] [--profile-docs N]
[--only naive,lexicon,rss,dask,cold,profile,cpu]``. The machine is shared: the figures are medians.
``--naive-docs`` runs the naive loop on the first N documents only (it costs the same per document
however many there are), rates compared in documents/s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PARTS = ("naive", "lexicon", "rss", "dask", "cold", "profile", "cpu")


def make_texts(docs: int, seed: int = 0) -> list[str]:
    """``docs`` documents of three Lee stories each, drawn at random (seeded), joined as paragraphs."""
    import numpy as np

    from framing.corpus import load_corpus

    stories = load_corpus("lee").texts
    rng = np.random.default_rng(seed)
    return ["\n\n".join(stories[i] for i in rng.choice(len(stories), 3, replace=False)) for _ in range(docs)]


def write_corpus(path: Path, docs: int) -> Path:
    """The benchmark corpus of ``docs`` documents as a Parquet file (row groups of 1,000)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = make_texts(docs)
    table = pa.table(
        {
            "doc_id": [f"doc-{i:07d}" for i in range(docs)],
            "outlet": ["ABC"[i % 3] for i in range(docs)],
            "published": pa.array([i % 1000 for i in range(docs)], pa.int32()).cast(pa.date32()),
            "text": texts,
        }
    )
    pq.write_table(table, path, row_group_size=1000)
    return path


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def versus_naive(path: Path, scratch: Path, repeats: int, jobs: int, naive_docs: int | None = None) -> dict:
    """The naive loop and score_corpus, alternated; both give the same sentence means per document.

    ``naive_docs``: the naive loop runs on the first ``naive_docs`` documents only (its rate per
    document does not depend on how many there are: it has nothing to start), compared by docs/s.
    """
    import pandas as pd

    from bench.naive import score_all
    from framing.analysis import DEFAULT_LEXICONS, load_lexicons
    from framing.corpus.engines import score_corpus

    texts = pd.read_parquet(path, columns=["text"])["text"].tolist()
    sample = texts[: naive_docs or len(texts)]
    lexicons = load_lexicons(DEFAULT_LEXICONS)
    naive_times, sentiment_times, package_times = [], [], []
    naive_cpu, package_cpu = [], []
    naive, out = None, scratch / "scores.parquet"
    for _ in range(repeats):
        cpu = time.process_time()
        naive, seconds = timed(lambda: score_all(sample, lexicons))
        naive_times.append(seconds)
        naive_cpu.append(time.process_time() - cpu)
        workers = WorkerCPU()
        cpu = time.process_time()
        _, seconds = timed(lambda w=workers: score_corpus(path, jobs=jobs, out=out, resume=False, progress=w))
        package_times.append(seconds)
        package_cpu.append(time.process_time() - cpu + workers.seconds())
        sentiment_times.append(timed(lambda: score_all(sample, lexicons, terms=False))[1])
        print(
            f"  naive {naive_times[-1]:.1f} s (without its regex {sentiment_times[-1]:.1f} s), "
            f"score_corpus {package_times[-1]:.1f} s; CPU per document: naive "
            f"{1000 * naive_cpu[-1] / len(sample):.1f} ms, "
            f"score_corpus {1000 * package_cpu[-1] / len(texts):.1f} ms",
            flush=True,
        )
    package = pd.read_parquet(out)
    errors = int((package["error"] != "").sum())
    package = package.head(len(sample))
    columns = ("sentences", "vader_compound", "textblob_polarity", "textblob_subjectivity")
    worst = {c: max(abs(float(p) - n[c]) for p, n in zip(package[c], naive, strict=True)) for c in columns}
    same = all(
        math.isclose(float(p), n[c], rel_tol=0, abs_tol=1e-12)
        for c in columns
        for p, n in zip(package[c], naive, strict=True)
    )
    docs = len(texts)
    result = {
        "documents": docs,
        "naive_documents": len(sample),
        "words_per_document": round(sum(len(t.split()) for t in texts) / docs, 1),
        "naive_seconds": statistics.median(naive_times),
        "naive_without_regex_seconds": statistics.median(sentiment_times),
        "package_seconds": statistics.median(package_times),
        "jobs": jobs,
        "naive_cpu_ms_per_document": 1000 * statistics.median(naive_cpu) / len(sample),
        "package_cpu_ms_per_document": 1000 * statistics.median(package_cpu) / docs,
        "same_sentence_means": same,
        "largest_difference": worst,
        "errors": errors,
    }
    result["naive_docs_per_s"] = len(sample) / result["naive_seconds"]
    result["naive_without_regex_docs_per_s"] = len(sample) / result["naive_without_regex_seconds"]
    result["package_docs_per_s"] = docs / result["package_seconds"]
    result["speedup"] = result["package_docs_per_s"] / result["naive_docs_per_s"]
    result["speedup_without_regex"] = result["package_docs_per_s"] / result["naive_without_regex_docs_per_s"]
    result["regex_share_of_naive"] = 1 - result["naive_without_regex_seconds"] / result["naive_seconds"]
    print(
        f"naive loop {result['naive_docs_per_s']:.1f} docs/s (1 process, {len(sample):,} documents); "
        f"score_corpus {result['package_docs_per_s']:.1f} docs/s ({jobs} processes, {docs:,} documents): "
        f"{result['speedup']:.2f}x (target 5x)"
    )
    print(
        f"the naive loop's regex is {result['regex_share_of_naive']:.0%} of its time; against the naive "
        f"loop without it: {result['speedup_without_regex']:.2f}x"
    )
    print(
        f"same sentences and means on every document: {same} (largest difference {max(worst.values()):.1e})"
    )
    return result


class WorkerCPU:
    """A ``progress`` callable that notes the CPU time of this process's descendants (the workers).

    Called after each chunk, it keeps each descendant's latest user + system time, so the
    workers' CPU is known even though they are not this process's children (they fork from
    a forkserver) and are gone when ``score_corpus`` returns.
    """

    def __init__(self) -> None:
        import psutil

        self.me, self.cpu = psutil.Process(), {}

    def __call__(self, chunk: int, documents: int) -> None:
        import psutil

        for process in self.me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                self.cpu[process.pid] = times.user + times.system

    def seconds(self) -> float:
        return sum(self.cpu.values())


#: The stages of a worker's loop reported by ``profile``: (label, file ending, function). They nest:
#: ``score_values`` holds the target model; ``analyze`` holds everything but score_values.
STAGES = (
    ("score_chunk (the worker's loop, all of it)", "corpus/engines.py", "score_chunk"),
    ("analyze", "framing/analysis.py", "analyze"),
    ("  sentence sentiment (VADER + TextBlob)", "measures/sentiment.py", "sentence_scores"),
    ("  quotes and speakers", "measures/discourse.py", "find_quotes"),
    ("  loaded score (word signals)", "framing/analysis.py", "_loaded_scores"),
    ("  lexicon matching (each Lexicon.match)", "measures/lexicon.py", "match"),
    ("  word spans", "text/words.py", "word_spans"),
    ("  sentence splitting", "text/sentences.py", "sentence_spans"),
    ("score_values (the document scores)", "framing/analysis.py", "score_values"),
    ("  target mentions (model, speakers)", "framing/analysis.py", "_target_mention_rows"),
    ("    the target model (label_mentions)", "measures/target_sentiment.py", "label_mentions"),
    ("boilerplate (Chunk.document)", "corpus/streaming.py", "document"),
    ("pandas (every DataFrame built)", "pandas/core/frame.py", "__init__"),
)


def cpu_per_document(path: Path, repeats: int, docs: int) -> dict:
    """CPU time per document on one core: a worker's loop, the naive loop, the naive loop without its regex.

    In this process (``time.process_time``), the three alternated, medians of ``repeats``: what a
    loaded machine disturbs least. ``docs`` documents of the corpus.
    """
    import pandas as pd

    from bench.naive import score_all
    from framing.corpus.engines import make_scoring, score_chunk
    from framing.corpus.streaming import open_source

    texts = pd.read_parquet(path, columns=["text"])["text"].tolist()[:docs]
    scoring = make_scoring()
    chunk = next(open_source(texts).chunks(len(texts)))
    score_chunk(next(open_source(texts[:2]).chunks(2)), scoring)  # loaded before timing
    score_all(texts[:2], scoring.lexicons)
    sides = {
        "package": lambda: score_chunk(chunk, scoring),
        "naive": lambda: score_all(texts, scoring.lexicons),
        "naive_without_regex": lambda: score_all(texts, scoring.lexicons, terms=False),
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(repeats):
        for name, run in sides.items():
            started = time.process_time()
            run()
            times[name].append(1000 * (time.process_time() - started) / len(texts))
    result = {f"{name}_cpu_ms": statistics.median(values) for name, values in times.items()}
    result["documents"] = len(texts)
    print(
        f"CPU per document, one core ({len(texts)} documents): "
        f"score_chunk {result['package_cpu_ms']:.1f} ms, "
        f"naive {result['naive_cpu_ms']:.1f} ms ({result['naive_cpu_ms'] / result['package_cpu_ms']:.1f}x), "
        f"naive without its regex {result['naive_without_regex_cpu_ms']:.1f} ms "
        f"({result['naive_without_regex_cpu_ms'] / result['package_cpu_ms']:.2f}x)"
    )
    return result


def profile(path: Path, docs: int) -> dict:
    """cProfile on a worker's loop (``score_chunk`` of the default scorer) over ``docs`` documents.

    The stages of :data:`STAGES` with their cumulative time and share of the loop, per document.
    """
    import cProfile
    import pstats

    from framing.corpus.engines import make_scoring, score_chunk
    from framing.corpus.streaming import open_source

    scoring = make_scoring()
    chunk = next(open_source(path).chunks(docs))
    score_chunk(next(open_source(["Warm up: the migrants, the police."]).chunks(1)), scoring)
    profiler = cProfile.Profile()
    profiler.enable()
    score_chunk(chunk, scoring)
    profiler.disable()
    table = pstats.Stats(profiler).stats  # (file, line, function) -> (calls, ..., tottime, cumtime, callers)
    total = next(
        v[3] for (f, _, n), v in table.items() if f.endswith("corpus/engines.py") and n == "score_chunk"
    )
    result = {"documents": docs, "stages": {}}
    for label, file, function in STAGES:
        seconds = sum(v[3] for (f, _, n), v in table.items() if f.endswith(file) and n == function)
        result["stages"][label.strip()] = {"ms_per_document": 1000 * seconds / docs, "share": seconds / total}
        print(f"  {label:<48} {1000 * seconds / docs:7.1f} ms/doc {seconds / total:6.1%}")
    print(f"profiled (cProfile inflates the times; the shares are what counts), {docs} documents")
    return result


def lexicon_speed(path: Path, repeats: int) -> dict:
    """Matching every lexicon against reading + lower-casing + splitting the same texts, in MB/s."""
    import pyarrow.parquet as pq

    from framing.analysis import DEFAULT_LEXICONS, load_lexicons
    from framing.measures.lexicon import match_lexicons

    lexicons = load_lexicons(DEFAULT_LEXICONS)
    match_lexicons(lexicons, "warm up")  # build the matcher (one for the tuple of lexicons) before timing

    def read() -> list[str]:
        return pq.read_table(path, columns=["text"]).column("text").to_pylist()

    def floor() -> int:
        return sum(len(text.lower().split()) for text in read())

    def matching() -> int:
        return sum(len(match_lexicons(lexicons, t, [(0, len(t))], keep_excepted=True)) for t in read())

    megabytes = sum(len(t.encode("utf-8")) for t in read()) / 1e6
    floors, matches = [], []
    for _ in range(repeats):
        floors.append(timed(floor)[1])
        matches.append(timed(matching)[1])
    result = {
        "megabytes": megabytes,
        "floor_mb_per_s": megabytes / statistics.median(floors),
        "lexicon_mb_per_s": megabytes / statistics.median(matches),
    }
    result["share_of_floor"] = result["lexicon_mb_per_s"] / result["floor_mb_per_s"]
    print(
        f"lexicon matching {result['lexicon_mb_per_s']:.1f} MB/s against the read+lower+split floor "
        f"{result['floor_mb_per_s']:.1f} MB/s: {result['share_of_floor']:.0%} (target 50%), one process"
    )
    result["us_per_document"] = lexicon_steps(lexicons, read(), repeats)
    print("  per document (us): " + ", ".join(f"{k} {v:.1f}" for k, v in result["us_per_document"].items()))
    return result


def lexicon_steps(lexicons: tuple, texts: list[str], repeats: int) -> dict:
    """Where matching spends its time, per document: the floor without reading, and each step of matching.

    Steps (alternated, medians): cutting the runs (``phrase_runs``), folding them (``FoldedText.of``),
    the scan for every key (``_Scanner.hits``), and the whole of ``match_lexicons``; what is left of it
    (``choosing``) is sorting out exceptions and overlaps and building the matches.
    """
    import functools

    from framing.measures.lexicon import _scanner_of, match_lexicons
    from framing.text.words import FoldedText, phrase_runs

    scanner, matching = _scanner_of(lexicons), functools.partial(match_lexicons, lexicons, keep_excepted=True)
    runs = [phrase_runs(text) for text in texts]
    folded = [FoldedText.of(text, run).text for text, run in zip(texts, runs, strict=True)]

    def each(function, *columns) -> None:  # the results dropped as they come, as the timed runs above do
        for arguments in zip(*columns, strict=True):
            function(*arguments)

    steps = {
        "lower+split": lambda: each(lambda text: text.lower().split(), texts),
        "runs": lambda: each(phrase_runs, texts),
        "folding": lambda: each(FoldedText.of, texts, runs),
        "scan": lambda: each(scanner.hits, folded),
        "match_lexicons": lambda: each(matching, texts),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeats):
        for name, step in steps.items():
            times[name].append(timed(step)[1])
    out = {name: 1e6 * statistics.median(seconds) / len(texts) for name, seconds in times.items()}
    out["choosing"] = out["match_lexicons"] - out["runs"] - out["folding"] - out["scan"]
    return out


def lexicon_only(document, lexicons, targets, frames) -> dict:
    """A cheap scorer for memory runs: the matches of every lexicon (the engine around it is the same)."""
    from framing.measures.lexicon import match_lexicons

    matches = match_lexicons(lexicons, document.text, document.segments, keep_excepted=True)
    return {"matches": float(len(matches))}


_RSS_CHILD = """
import json, resource, sys, threading, time
import psutil
sys.path.insert(0, sys.argv[5])
from framing.corpus.engines import score_corpus
from bench.scale import lexicon_only

def high_water(pid="self"):
    # VmHWM: the peak RSS of the process's own memory map (ru_maxrss keeps the parent's across exec)
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024

def main():
    me, total, workers, running = psutil.Process(), [0], {}, [True]
    def sample():
        while running[0]:
            now = me.memory_info().rss
            for process in me.children(recursive=True):
                try:
                    now += process.memory_info().rss
                    workers[process.pid] = max(workers.get(process.pid, 0), high_water(process.pid))
                except (psutil.Error, OSError, StopIteration):
                    pass
            total[0] = max(total[0], now)
            time.sleep(0.1)
    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    started = time.perf_counter()
    scorer = lexicon_only if sys.argv[4] == "lexicon" else None
    score_corpus(sys.argv[1], jobs=int(sys.argv[3]), out=sys.argv[2], resume=False, scorer=scorer)
    seconds = time.perf_counter() - started
    running[0] = False
    watcher.join()
    print(json.dumps({
        "main_peak_mib": high_water(),
        "main_ru_maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "largest_child_peak_mib": max(workers.values(), default=0.0),
        "tree_peak_mib": total[0] / 2**20,
        "seconds": seconds,
    }))

if __name__ == "__main__":
    main()
"""


def peak_memory(scratch: Path, sizes: list[int], jobs: int, scorer: str) -> dict:
    """Peak RSS of score_corpus writing to a folder, in a fresh child process per corpus size.

    ``scorer="lexicon"`` scores with :func:`lexicon_only` (a quicker run of the same engine).
    """
    script = scratch / "rss_child.py"
    script.write_text(_RSS_CHILD, encoding="utf-8")
    result = {}
    for docs in sizes:
        path = scratch / f"rss-{docs}.parquet"
        # written by another process, so that this one stays small when it starts the child
        code = f"import sys, pathlib, bench.scale as b; b.write_corpus(pathlib.Path(sys.argv[1]), {docs})"
        subprocess.run([sys.executable, "-c", code, path], check=True, cwd=ROOT)
        output = subprocess.run(
            [sys.executable, script, path, scratch / f"rss-{docs}-scores", str(jobs), scorer, ROOT],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        result[docs] = json.loads(output.strip().splitlines()[-1])
        figures = result[docs]
        print(
            f"peak RSS at {docs:,} documents ({docs / figures['seconds']:.1f} docs/s, {scorer} scorer): "
            f"main process {figures['main_peak_mib']:.0f} MiB (VmHWM), largest worker "
            f"{figures['largest_child_peak_mib']:.0f} MiB, all together {figures['tree_peak_mib']:.0f} MiB",
            flush=True,
        )
        path.unlink()
    if len(sizes) > 1:
        small, large = result[min(sizes)], result[max(sizes)]
        growth = large["tree_peak_mib"] / small["tree_peak_mib"] - 1
        main_growth = large["main_peak_mib"] / small["main_peak_mib"] - 1
        result["growth"], result["main_growth"] = growth, main_growth
        print(
            f"{max(sizes) // min(sizes)}x the documents: peak RSS {growth:+.0%} all together, "
            f"{main_growth:+.0%} the main process (target within 20%)"
        )
    return result


def dask_overhead(path: Path, repeats: int, jobs: int) -> dict:
    """engine='dask' against engine='local' (which starts its processes each call), alternated.

    Dask twice: on a LocalCluster of ``jobs`` workers started once and warm, and cold, starting
    its own LocalCluster each call as ``score_corpus(engine="dask")`` does by default.
    """
    from distributed import LocalCluster

    from framing.corpus.engines import score_corpus

    cluster, start = timed(
        lambda: LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
        )
    )
    try:
        score_corpus(["Warm up."], engine="dask", scheduler=cluster)
        score_corpus(["Warm up.", "Again."], jobs=jobs)
        local, dask, cold = [], [], []
        for _ in range(repeats):
            local.append(timed(lambda: score_corpus(path, jobs=jobs))[1])
            dask.append(timed(lambda: score_corpus(path, engine="dask", scheduler=cluster))[1])
            cold.append(timed(lambda: score_corpus(path, engine="dask", jobs=jobs))[1])
            print(f"  local {local[-1]:.1f} s, dask {dask[-1]:.1f} s, dask cold {cold[-1]:.1f} s", flush=True)
    finally:
        cluster.close()
    result = {"cluster_start_seconds": start, "local_seconds": statistics.median(local)}
    result["dask_seconds"] = statistics.median(dask)
    result["ratio"] = result["dask_seconds"] / result["local_seconds"]
    result["dask_cold_seconds"] = statistics.median(cold)
    result["cold_ratio"] = result["dask_cold_seconds"] / result["local_seconds"]
    print(
        f"dask on a warm {jobs}-worker LocalCluster {result['dask_seconds']:.1f} s against local "
        f"{result['local_seconds']:.1f} s: {result['ratio']:.2f}x (cluster start {start:.1f} s, not in it); "
        f"starting its own cluster {result['dask_cold_seconds']:.1f} s: {result['cold_ratio']:.2f}x"
    )
    return result


def cold_start(repeats: int) -> dict:
    """A fresh interpreter: nothing, ``import framing``, and ``import framing; framing.analyze("x")``."""
    commands = {
        "python": "pass",
        "import": "import framing",
        "analyze": "import framing; framing.analyze('x')",
    }
    result = {}
    for name, code in commands.items():
        times = [
            timed(lambda c=code: subprocess.run([sys.executable, "-c", c], check=True, cwd=ROOT))[1]
            for _ in range(repeats)
        ]
        result[f"{name}_seconds"] = statistics.median(times)
    print(
        f"cold start: import framing; framing.analyze('x') {result['analyze_seconds']:.2f} s "
        f"(import framing {result['import_seconds']:.2f} s, bare python {result['python_seconds']:.2f} s)"
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scale", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents for naive and lexicon")
    parser.add_argument("--naive-docs", type=int, default=None, help="naive loop on the first N (all)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rss-docs", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--rss-scorer", choices=("full", "lexicon"), default="full")
    parser.add_argument("--dask-docs", type=int, default=2000)
    parser.add_argument("--profile-docs", type=int, default=200, help="documents for profile, cpu")
    parser.add_argument("--only", default=",".join(PARTS), help=f"some of {','.join(PARTS)}")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"no part {unknown[0]!r} (have: {', '.join(PARTS)})")

    results: dict = {"arguments": vars(args)}
    with tempfile.TemporaryDirectory(prefix="framing-bench-scale-") as folder:
        scratch = Path(folder)
        corpus = None
        if {"naive", "lexicon", "profile", "cpu"} & set(parts):
            corpus = write_corpus(scratch / "corpus.parquet", args.docs)
        if "naive" in parts:
            results["naive"] = versus_naive(corpus, scratch, args.repeats, args.jobs, args.naive_docs)
        if "lexicon" in parts:
            results["lexicon"] = lexicon_speed(corpus, args.repeats)
        if "rss" in parts:
            sizes = [int(n) for n in args.rss_docs.split(",") if n.strip()]
            results["rss"] = peak_memory(scratch, sizes, args.jobs, args.rss_scorer)
        if "dask" in parts:
            small = write_corpus(scratch / "dask.parquet", args.dask_docs)
            results["dask"] = dask_overhead(small, args.repeats, args.jobs)
        if "cold" in parts:
            results["cold"] = cold_start(args.repeats)
        if "profile" in parts:
            results["profile"] = profile(corpus, args.profile_docs)
        if "cpu" in parts:
            results["cpu"] = cpu_per_document(corpus, args.repeats, args.profile_docs)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0
