"""Scoring a whole corpus: one row per document, on all cores (processes) or on a Dask cluster.

:func:`score_corpus` reads the corpus in chunks (:mod:`framing.corpus.streaming`),
scores every document with :func:`score_document` (the one per-document
scorer every engine calls, so the numbers are the same everywhere) and
returns, or writes chunk by chunk, one row per document.

Engines
-------
``local``
    All cores of this machine through processes
    (:class:`concurrent.futures.ProcessPoolExecutor`, ``forkserver`` start
    method where there is one, else ``spawn``). Each worker receives the
    lexicons once, when it starts, and ends by itself when the process that
    runs :func:`score_corpus` is gone (killed, out of memory). ``jobs=1``
    scores in this process. A script that uses it needs the usual
    ``if __name__ == "__main__":`` guard.
``dask``
    ``dask.distributed`` (the ``framing[dask]`` extra): a ``LocalCluster`` of
    ``jobs`` single-threaded worker processes by default, or an existing
    cluster (``scheduler="tcp://host:8786"``, a ``Client`` or a cluster
    object; its workers need framing installed). The lexicons reach every worker once, through a worker plugin
    (so a worker that is restarted gets them too); a worker killed under a
    chunk has that chunk rescheduled by Dask, and a chunk that raises is run
    again up to :data:`RETRIES` times.

Both keep only a few chunks in flight (twice the workers), so memory stays
bounded however long the corpus; with ``out`` nothing is accumulated.

Examples
--------
>>> table = score_corpus(["Smuggling gangs exploit migrants.", "Ministers met."], jobs=1)
>>> table[["doc_id", "loaded_terms", "error"]].values.tolist()
[['doc-1', 2.0, ''], ['doc-2', 0.0, '']]
>>> table.attrs["scores"][:3]
['tokens', 'sentences', 'loaded_terms']
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import pickle
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from framing.corpus.cache import score_versions
from framing.corpus.core import CorpusError
from framing.corpus.streaming import Chunk, PartWriter, open_source, read_manifest
from framing.text.document import Document

ENGINES = ("local", "dask")
#: Times Dask runs a chunk again after it raised (a chunk whose worker died is rescheduled anyway).
RETRIES = 2
#: The largest chunk chosen when ``chunk_size`` is not given (documents).
MAX_CHUNK = 1000
#: Chunks in flight per worker: enough to keep each busy, few enough to bound memory.
IN_FLIGHT = 2
#: Seconds between a local worker's checks that the process running score_corpus is still there.
PARENT_CHECK = 1.0

# What each worker process holds, by key: the Scoring it was sent once (see _install).
_INSTALLED: dict[str, Scoring] = {}


def score_document(document: Document, lexicons, targets, frames, spans: list | None = None) -> dict:
    """Every document score of one document: ``analyze(...).document_scores()`` as a plain dict.

    Every engine calls this function, so that ``analyze``, the local engine and
    the Dask engine give the same numbers.

    Parameters
    ----------
    document : Document
    lexicons : tuple of Lexicon
        Loaded once per worker (:func:`framing.analysis.load_lexicons`).
    targets, frames : Lexicon
    spans : list, optional
        When given, every span of the document is appended to it, as a tuple
        in the order of :data:`framing.analysis.SPAN_COLUMNS`.

    Examples
    --------
    >>> from framing.analysis import load_lexicons, DEFAULT_TARGETS, DEFAULT_FRAMES
    >>> from framing.measures.lexicon import load_lexicon
    >>> lexicons, targets, frames = load_lexicons("migration"), load_lexicon(DEFAULT_TARGETS), \
load_lexicon(DEFAULT_FRAMES)
    >>> spans = []
    >>> score_document(Document("Gangs smuggle migrants."), lexicons, targets, frames, spans)["loaded_terms"]
    1.0
    >>> [(start, end, text) for start, end, text, *_ in spans]
    [(0, 5, 'Gangs')]
    """
    from framing.analysis import analyze

    analysis = analyze(document, lexicon=lexicons, targets=targets, frames=frames)
    if spans is not None:
        spans.extend(analysis.span_rows)
    return analysis.score_values()  # what document_scores() wraps in a Series


@dataclass
class Scoring:
    """What a worker needs to score documents, sent to each worker once.

    ``scorer`` is called as ``scorer(document, lexicons, targets, frames)``
    (with ``spans=list`` too when ``spans`` is true) and returns a dict of scores.
    """

    lexicons: tuple
    targets: object
    frames: object
    spans: bool = False
    scorer: Callable = score_document
    columns: list[str] | None = field(default=None, compare=False)

    def fingerprint(self) -> dict:
        """What the scores depend on: lexicon, target and frame hashes, the scorer and the scoring rules."""
        from framing.analysis import SCORING_VERSION

        scorer = f"{getattr(self.scorer, '__module__', '?')}.{getattr(self.scorer, '__qualname__', '?')}"
        return {
            "lexicons": [f"{lexicon.name}:{lexicon.sha256}" for lexicon in self.lexicons],
            "targets": self.targets.sha256,
            "frames": self.frames.sha256,
            "scorer": scorer,
            "scoring_version": SCORING_VERSION,
        }

    def score_columns(self) -> list[str]:
        """The score names, in order (found once per worker by scoring a one-word document)."""
        if self.columns is None:
            self.columns = list(self.scorer(Document("Text."), self.lexicons, self.targets, self.frames))
        return self.columns


def make_scoring(lexicon=None, targets=None, frames=None, *, spans: bool = False, scorer=None) -> Scoring:
    """Load the lexicons, targets and frames (defaults: :func:`framing.analyze`'s) into a :class:`Scoring`.

    Examples
    --------
    >>> [lexicon.name for lexicon in make_scoring().lexicons]
    ['migration', 'loaded']
    """
    from framing.analysis import DEFAULT_FRAMES, DEFAULT_LEXICONS, DEFAULT_TARGETS, load_lexicons
    from framing.measures.lexicon import load_lexicon

    return Scoring(
        load_lexicons(DEFAULT_LEXICONS if lexicon is None else lexicon),
        load_lexicon(DEFAULT_TARGETS if targets is None else targets),
        load_lexicon(DEFAULT_FRAMES if frames is None else frames),
        spans,
        scorer or score_document,
    )


def score_chunk(chunk: Chunk, scoring: Scoring) -> tuple[pd.DataFrame, list[str], pd.DataFrame | None]:
    """Score every document of ``chunk``: (scores, one error message a document, spans or None).

    A document that raises gets NaN scores and ``"ExceptionType: message"``;
    an empty message means it was scored. The scores table has one column a
    score, in :meth:`Scoring.score_columns` order; the spans table (when
    ``scoring.spans``) has ``doc_id`` and :data:`framing.analysis.SPAN_COLUMNS`.

    Examples
    --------
    >>> chunk = Chunk(0, 0, ["a", "b"], ["Gangs fled.", None], None, ["", "no text"])
    >>> scores, errors, _ = score_chunk(chunk, make_scoring("migration"))
    >>> scores["loaded_terms"].tolist(), errors
    ([1.0, nan], ['', 'CorpusError: no text'])
    """
    values, errors, spans = [], [], [] if scoring.spans else None
    for index, doc_id in enumerate(chunk.doc_ids):
        found = [] if scoring.spans else None
        try:
            document = chunk.document(index)
            extra = {"spans": found} if scoring.spans else {}
            values.append(
                scoring.scorer(document, scoring.lexicons, scoring.targets, scoring.frames, **extra)
            )
            errors.append("")
        except Exception as error:  # recorded with the document, never fatal to the run
            values.append({})
            errors.append(" ".join(f"{type(error).__name__}: {error}".split()))
            found = None
        if found:
            spans.extend((doc_id, *row) for row in found)
    columns = next((list(v) for v in values if v), None) or scoring.score_columns()
    scores = pd.DataFrame.from_records(values, columns=columns)
    scores = scores.astype(
        {c: float for c in columns if scores[c].dtype == object and scores[c].isna().all()}
    )
    return scores, errors, None if spans is None else _span_table(spans)


def _span_table(rows: list) -> pd.DataFrame:
    from framing.analysis import SPAN_COLUMNS

    frame = pd.DataFrame(rows, columns=["doc_id", *SPAN_COLUMNS])
    integers = {"start": "int64", "end": "int64", "sentence": "int64", "weight": "int64"}
    flags = {"negated": bool, "proper_name": bool, "excepted": bool, "counted": bool}
    return frame.astype({k: v for k, v in (integers | flags).items() if k in frame.columns})


def score_corpus(
    source,
    *,
    text: str = "text",
    id: str | None = None,
    lexicon=None,
    targets=None,
    frames=None,
    engine: str = "local",
    jobs: int | None = None,
    scheduler=None,
    chunk_size: int | None = None,
    out=None,
    spans_out=None,
    resume: bool = True,
    progress=False,
    clean: bool = True,
    scorer: Callable | None = None,
):
    """Score every document of a corpus: one row a document, on all cores or a Dask cluster.

    Parameters
    ----------
    source : str, path, Corpus or sequence
        A packaged name (``"lee"``), a ``.parquet``/``.jsonl``/``.csv`` file,
        a folder of ``.txt``, a list of paths or texts, or a Corpus; read in
        chunks (see :func:`framing.corpus.streaming.open_source`).
    text, id : str
        The text and id columns of a table.
    lexicon, targets, frames
        As :func:`framing.analyze` takes them (default the package's).
    engine : {"local", "dask"}
        See the module docstring.
    jobs : int, optional
        Worker processes: default the cores (``local``), or the workers of the
        ``LocalCluster`` started for ``dask``.
    scheduler : str, Client or cluster, optional
        ``dask`` only: an existing cluster (``"tcp://host:8786"``) instead of a new LocalCluster.
    chunk_size : int, optional
        Documents per chunk (the unit of work, of writing and of resuming).
        Default: a quarter of each worker's share, at most :data:`MAX_CHUNK`
        (1,000 when the size of the corpus is not known in advance); on resume, the size used before.
    out : path, optional
        A folder to write the rows to, one Parquet file per chunk, with a
        manifest (``pd.read_parquet(out)`` or
        :func:`framing.corpus.streaming.read_parts` reads it). Rows are then
        not kept in memory, and the path is returned instead of a table.
    spans_out : path, optional
        A folder for every span of every document (``doc_id`` and
        :data:`framing.analysis.SPAN_COLUMNS`), written the same way.
    resume : bool
        With ``out``: keep the chunks a stopped run finished and score only the
        rest (default). ``False`` starts over.
    progress : bool or callable
        ``True``: a progress bar (documents/s) on stderr. A callable is called
        after each chunk is recorded, as ``progress(chunk_number, documents)``;
        an exception it raises stops the run (what is written stays written).
    clean : bool
        Leave page boilerplate out of the analysis.
    scorer : callable, optional
        Instead of :func:`score_document` (same signature): for measures of your own.

    Returns
    -------
    DataFrame or Path
        Without ``out``: one row a document, in corpus order: ``doc_id``, the
        metadata columns, every score of
        :meth:`framing.analysis.Analysis.document_scores` (per lexicon too),
        and ``error`` (empty when the document was scored; else the
        exception, its scores NaN). ``table.attrs["scores"]`` lists the score
        columns (what :func:`~framing.comparison.groups.compare_groups` and
        :func:`~framing.comparison.trends.trend` compare by default; the
        metadata columns are not scores). With ``out``: the folder, as a Path;
        reading it back (``pd.read_parquet(out)``, :func:`~framing.corpus.streaming.read_parts`)
        gives the same ``attrs``.

    Raises
    ------
    ValueError
        An unknown engine, a bad ``jobs`` or ``chunk_size``, an ``out`` that
        holds something else or results of other settings (see
        :class:`framing.corpus.streaming.PartWriter`), a metadata column named
        like a score.

    Examples
    --------
    >>> import tempfile
    >>> folder = score_corpus(["Gangs fled.", "Police came."], jobs=1, out=tempfile.mkdtemp() + "/s.parquet")
    >>> pd.read_parquet(folder)["doc_id"].tolist()
    ['doc-1', 'doc-2']
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler is for engine='dask'")
    if out is not None and spans_out is not None and Path(out).resolve() == Path(spans_out).resolve():
        raise ValueError(f"{out}: the scores and the spans need two folders")
    workers = jobs or os.cpu_count() or 1
    corpus = open_source(source, text=text, id=id, clean=clean)
    scoring = make_scoring(lexicon, targets, frames, spans=spans_out is not None, scorer=scorer)
    size = chunk_size if chunk_size is not None else _previous_chunk_size(out if resume else None)
    size = size if size is not None else _auto_chunk(corpus.count, workers)
    settings = {
        "source": corpus.identity,
        "chunk_size": size,
        **scoring.fingerprint(),
        "versions": list(score_versions()),
    }
    writers = {}
    if out is not None:
        writers["scores"] = PartWriter(out, {**settings, "kind": "scores"}, resume=resume)
    if spans_out is not None:
        writers["spans"] = PartWriter(spans_out, {**settings, "kind": "spans"}, resume=resume)
    # without ``out`` the scores are not kept anywhere: every chunk is scored (its spans written again)
    done = set.intersection(*(w.done for w in writers.values())) if "scores" in writers else set()
    _, finished = read_manifest(out) if out is not None else (None, {})
    bar = _progress_bar(corpus, progress, sum(finished[n]["rows"] for n in done if n in finished))
    kept: dict[int, pd.DataFrame] = {}
    last_chunk = max(done, default=-1)

    def record(chunk: Chunk, result) -> None:
        nonlocal last_chunk
        scores, errors, spans = result
        rows = _rows(chunk, scores, errors)
        if "spans" in writers:
            writers["spans"].write(chunk.number, spans)
        if "scores" in writers:
            writers["scores"].write(chunk.number, rows)
        else:
            kept[chunk.number] = rows
        last_chunk = max(last_chunk, chunk.number)
        if bar is not None:
            bar.update(len(rows))
        if callable(progress):
            progress(chunk.number, len(rows))

    chunks = corpus.chunks(size, skip=done)
    try:
        if engine == "local":
            _run_local(chunks, scoring, workers, record)
        else:
            _run_dask(chunks, scoring, jobs, scheduler, record)
    finally:
        if bar is not None:
            bar.close()
    for writer in writers.values():
        writer.finish(last_chunk + 1)
    if out is not None:
        return Path(out)
    table = pd.concat([kept[n] for n in sorted(kept)], ignore_index=True)
    table.attrs["scores"] = kept[min(kept)].attrs["scores"]
    return table


def _previous_chunk_size(out) -> int | None:
    header, _ = read_manifest(out) if out is not None else (None, {})
    return (header or {}).get("settings", {}).get("chunk_size")


def _auto_chunk(count: int | None, workers: int) -> int:
    """A quarter of each worker's share of the documents, between 1 and :data:`MAX_CHUNK`.

    Examples
    --------
    >>> _auto_chunk(300, 2), _auto_chunk(10**6, 2), _auto_chunk(None, 8)
    (38, 1000, 1000)
    """
    if count is None:
        return MAX_CHUNK
    return max(1, min(MAX_CHUNK, -(-count // (4 * workers))))


def _progress_bar(corpus, progress, initial: int):
    if progress is not True:
        return None
    from tqdm.auto import tqdm

    return tqdm(
        total=corpus.count, initial=initial, desc=f"scoring {corpus.name}", unit="doc", file=sys.stderr
    )


def _rows(chunk: Chunk, scores: pd.DataFrame, errors: list[str]) -> pd.DataFrame:
    """The chunk's rows: doc_id, its metadata, the scores, the error."""
    metadata = chunk.metadata.reset_index(drop=True)
    clash = sorted(set(metadata.columns) & ({"doc_id", "error"} | set(scores.columns)))
    if clash:
        raise CorpusError(
            f"chunk {chunk.number}: the metadata column {clash[0]!r} has the name of a score or of "
            "doc_id/error; rename it"
        )
    frame = pd.concat([pd.DataFrame({"doc_id": chunk.doc_ids}), metadata, scores], axis=1)
    frame["error"] = errors
    frame.attrs["scores"] = list(scores.columns)
    return frame


def _bare(chunk: Chunk) -> Chunk:
    """The chunk as a worker needs it: without its metadata (which stays here)."""
    return replace(chunk, metadata=None)


def _dumps(scoring: Scoring) -> bytes:
    """Pickle with cloudpickle when it is there (a scorer defined in a notebook travels by value)."""
    try:
        import cloudpickle
    except ImportError:
        return pickle.dumps(scoring)
    return cloudpickle.dumps(scoring)


def _install(key: str, payload: bytes) -> None:
    """In a worker: unpickle the Scoring once, for every chunk to come."""
    _INSTALLED[key] = pickle.loads(payload)


def _score_installed(chunk: Chunk, key: str):
    """In a worker: score ``chunk`` with the Scoring installed under ``key``."""
    return score_chunk(chunk, _INSTALLED[key])


def _start_local_worker(key: str, payload: bytes, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_end_with, args=(parent,), daemon=True, name="framing-parent-watch").start()
    _install(key, payload)


def _end_with(parent: int) -> None:
    """In a worker: end this process once ``parent`` is gone (killed, out of memory: no ``finally`` ran).

    The workers fork from the forkserver, not from ``parent``, so nothing else would end them.
    """
    while True:
        time.sleep(PARENT_CHECK)
        try:
            os.kill(parent, 0)
        except (ProcessLookupError, PermissionError):  # gone (or its number taken by another user's)
            os._exit(1)


def _run_local(chunks, scoring: Scoring, jobs: int, record) -> None:
    """Score ``chunks`` on ``jobs`` processes (in this one when ``jobs`` is 1); ``record`` each result."""
    if jobs == 1:
        for chunk in chunks:
            record(chunk, score_chunk(_bare(chunk), scoring))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    payload = _dumps(scoring)
    key = hashlib.sha256(payload).hexdigest()[:16]
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # workers fork from a server that has imported the engine once (later pools reuse it)
        context.set_forkserver_preload(["__main__", __name__])
    else:
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_start_local_worker,
        initargs=(key, payload, os.getpid()),
    )
    pending: dict = {}
    finished = False
    processes = []
    try:
        for chunk in itertools.islice(chunks, IN_FLIGHT * jobs):
            pending[pool.submit(_score_installed, _bare(chunk), key)] = chunk
        processes = list((getattr(pool, "_processes", None) or {}).values())
        while pending:
            ready, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(ready, key=lambda f: pending[f].number):
                chunk = pending.pop(future)
                record(chunk, future.result())
                following = next(chunks, None)
                if following is not None:
                    pending[pool.submit(_score_installed, _bare(following), key)] = following
        finished = True
    except BrokenProcessPool as error:
        raise RuntimeError(
            "a worker process died (killed, or out of memory?); with out=..., run again to resume"
        ) from error
    finally:
        pool.shutdown(wait=finished, cancel_futures=True)
        if not finished:  # stopped: the chunks in flight are not wanted
            for process in processes:
                process.terminate()


def _run_dask(chunks, scoring: Scoring, jobs: int | None, scheduler, record) -> None:
    """Score ``chunks`` on a Dask cluster (a new LocalCluster unless ``scheduler`` names one)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ImportError("engine='dask' needs dask.distributed: pip install 'framing[dask]'") from None
    owned = []
    if scheduler is None:
        import logging

        cluster = LocalCluster(
            n_workers=jobs or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        owned.append(cluster)
        client = Client(cluster, set_as_default=False)
        owned.insert(0, client)
    elif isinstance(scheduler, Client):
        client = scheduler
    else:
        client = Client(scheduler, set_as_default=False)
        owned.insert(0, client)
    payload = _dumps(scoring)
    key = hashlib.sha256(payload).hexdigest()[:16]
    name = f"framing-scoring-{key}-{uuid.uuid4().hex[:8]}"
    futures, pending = as_completed(loop=client.loop), {}

    def submit(chunk: Chunk) -> None:
        future = client.submit(
            _score_installed, _bare(chunk), key, key=f"{name}-{chunk.number}", retries=RETRIES, pure=False
        )
        pending[future.key] = (chunk, future)
        futures.add(future)

    try:
        client.register_plugin(_dask_plugin(key, payload), name=name)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        for chunk in itertools.islice(chunks, IN_FLIGHT * workers):
            submit(chunk)
        for future in futures:
            chunk, _ = pending.pop(future.key)
            result = future.result()
            future.release()
            record(chunk, result)
            following = next(chunks, None)
            if following is not None:
                submit(following)
    finally:
        if pending:
            client.cancel([future for _, future in pending.values()])
        with contextlib.suppress(Exception):  # the cluster may be gone already
            client.unregister_worker_plugin(name)
        for thing in owned:
            thing.close()


def _dask_plugin(key: str, payload: bytes):
    """A worker plugin that installs the Scoring on every worker, those that start later included."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ScoringSetup(WorkerPlugin):
        def setup(self, worker=None):
            _install(key, payload)

        def teardown(self, worker=None):
            _INSTALLED.pop(key, None)

    return ScoringSetup()
