"""Corpus-scoring engines: same numbers as analyze on every Lee document, locally and on a real Dask
cluster; documents that raise are recorded; a killed Dask worker's chunk is retried; runs resume;
every input format streams in chunks."""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd
import pytest

from framing.analysis import analyze
from framing.cli import main as cli_main
from framing.corpus.engines import score_corpus
from framing.corpus.readers import load_corpus
from framing.corpus.streaming import MANIFEST, PartWriter, open_source, read_manifest, read_parts

CHUNK = 25  # Lee's 300 documents in 12 chunks, 6 per worker


@pytest.fixture(scope="module")
def lee():
    return load_corpus("lee")


@pytest.fixture(scope="module")
def reference(lee):
    """What analyze gives, document by document (the definition the engines must match)."""
    return pd.DataFrame([analyze(document).document_scores() for document in lee]).reset_index(drop=True)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=40
    ) as local:
        yield local


@pytest.fixture(scope="module")
def local_run(lee, tmp_path_factory):
    """Lee scored once on two local processes, written to a folder with its spans."""
    folder = tmp_path_factory.mktemp("local")
    out = score_corpus(
        lee, jobs=2, chunk_size=CHUNK, out=folder / "scores.parquet", spans_out=folder / "spans.parquet"
    )
    return out, folder / "spans.parquet"


@pytest.fixture(scope="module")
def local_scores(local_run):
    return read_parts(local_run[0])


@pytest.fixture(scope="module")
def dask_scores(lee, cluster):
    return score_corpus(lee, engine="dask", scheduler=cluster.scheduler_address, chunk_size=CHUNK)


def same_values(left: pd.Series, right: pd.Series) -> bool:
    """Equal value by value, NaN equal to NaN."""
    return len(left) == len(right) and all(
        (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or a == b
        for a, b in zip(left.tolist(), right.tolist(), strict=True)
    )


def test_local_and_dask_give_analyze_numbers_on_every_lee_document(lee, reference, local_scores, dask_scores):
    columns = ["doc_id", *[c for c in lee.metadata.columns if c != "doc_id"], *reference.columns, "error"]
    for table in (local_scores, dask_scores):
        assert table.columns.tolist() == columns
        assert table["doc_id"].tolist() == lee.doc_ids
        assert table["outlet"].eq("ABC").all() and table["line"].tolist() == list(range(1, 301))
        assert table["error"].eq("").all()
        for column in reference.columns:
            assert same_values(table[column], reference[column]), column
        # the score columns are marked: the metadata ("line" is a number) and doc_id/error are not scores
        assert table.attrs["scores"] == reference.columns.tolist()
    assert reference["target.smugglers.compound"].isna().any()  # NaN is compared too


def test_out_folder_has_one_part_per_chunk_and_reads_back_with_pandas(local_run, local_scores):
    out, _ = local_run
    parts = sorted(p.name for p in out.glob("part-*.parquet"))
    assert parts == [f"part-{n:06d}.parquet" for n in range(300 // CHUNK)]
    header, finished = read_manifest(out)
    assert header["settings"]["chunk_size"] == CHUNK and sum(e["rows"] for e in finished.values()) == 300
    assert json.loads((out / MANIFEST).read_text().splitlines()[-1]) == {"chunks": 12, "complete": True}
    pd.testing.assert_frame_equal(pd.read_parquet(out), local_scores)
    assert pd.read_parquet(out).attrs["scores"] == local_scores.attrs["scores"]


def test_spans_carry_offsets_into_each_document(lee, local_run, local_scores):
    spans = read_parts(local_run[1])
    texts = dict(zip(lee.doc_ids, lee.texts, strict=True))
    assert spans["text"].tolist() == [texts[d][s:e] for d, s, e in spans[["doc_id", "start", "end"]].values]
    counted = spans[spans["counted"]].groupby("doc_id").size().reindex(lee.doc_ids, fill_value=0)
    assert counted.astype(float).tolist() == local_scores["loaded_terms"].tolist()


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_document_that_raises_is_recorded_not_fatal(engine, lee, reference, cluster, tmp_path):
    article = tmp_path / "lee-004.txt"
    article.write_text(lee.texts[3], encoding="utf-8")
    missing = tmp_path / "gone.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    options = {"scheduler": cluster} if engine == "dask" else {"jobs": 2}
    table = score_corpus([article, missing, empty, lee.texts[5]], engine=engine, chunk_size=2, **options)
    assert table["doc_id"].tolist() == [str(article), str(missing), str(empty), "doc-4"]
    assert table["error"].iloc[1].startswith("FileNotFoundError") and str(missing) in table["error"].iloc[1]
    assert table["error"].iloc[2].startswith("DocumentError") and str(empty) in table["error"].iloc[2]
    assert table.loc[1:2, reference.columns].isna().all().all()
    assert table["error"].iloc[[0, 3]].eq("").all()
    for row, lee_row in ((0, 3), (3, 5)):
        assert same_values(table.loc[row, reference.columns], reference.loc[lee_row])


class Stop(Exception):
    pass


def test_an_interrupted_run_resumes_from_the_last_complete_chunk(lee, local_scores, tmp_path):
    twelve = lee.subset(range(12))
    out = tmp_path / "scores.parquet"
    seen: list[int] = []

    def stop_after_two(number, documents):
        seen.append(number)
        if len(seen) == 2:
            raise Stop

    with pytest.raises(Stop):
        score_corpus(twelve, jobs=1, chunk_size=3, out=out, progress=stop_after_two)
    assert seen == [0, 1] and set(read_manifest(out)[1]) == {0, 1}
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.parquet")}
    assert sorted(before) == ["part-000000.parquet", "part-000001.parquet"]

    resumed: list[tuple[int, int]] = []
    assert score_corpus(twelve, jobs=1, out=out, progress=lambda n, d: resumed.append((n, d))) == out
    assert resumed == [(2, 3), (3, 3)]  # only the rest, and the chunk size of the first run
    assert {p: (out / p).stat().st_mtime_ns for p in before} == before
    pd.testing.assert_frame_equal(read_parts(out), local_scores.head(12))


def test_resuming_with_other_settings_is_refused_and_restart_starts_over(tmp_path):
    out = tmp_path / "scores.parquet"
    score_corpus(["Gangs fled.", "Police came."], jobs=1, chunk_size=1, out=out, lexicon="migration")
    with pytest.raises(ValueError, match="other settings .*lexicons"):
        score_corpus(["Gangs fled.", "Police came."], jobs=1, chunk_size=1, out=out, lexicon="loaded")
    scored = []
    score_corpus(
        ["Gangs fled."], jobs=1, chunk_size=1, out=out, resume=False, progress=lambda n, d: scored.append(n)
    )
    assert scored == [0] and read_parts(out)["doc_id"].tolist() == ["doc-1"]
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("x")
    with pytest.raises(ValueError, match="holds other files"):
        score_corpus(["Gangs fled."], jobs=1, out=tmp_path / "notes")


def test_spans_without_out_score_every_chunk_again(tmp_path):
    spans = tmp_path / "spans.parquet"
    for _ in range(2):
        table = score_corpus(["Gangs fled.", "Police came."], jobs=1, chunk_size=1, spans_out=spans)
        assert table["doc_id"].tolist() == ["doc-1", "doc-2"]
    assert read_parts(spans)[["doc_id", "text"]].values.tolist() == [["doc-1", "Gangs"]]


def _characters(document, lexicons, targets, frames):
    """A cheap scorer for format tests: characters of article text (boilerplate left out)."""
    return {"characters": float(sum(end - start for start, end in document.segments))}


@pytest.fixture(scope="module")
def table_of_ten(lee):
    frame = pd.DataFrame(
        {"doc_id": [f"story-{i}" for i in range(10)], "outlet": list("AB") * 5, "body": lee.texts[:10]}
    )
    frame.loc[4, "body"] = None  # a row without text
    return frame


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_tables_stream_in_chunks_with_their_metadata(suffix, table_of_ten, tmp_path):
    path = tmp_path / f"coverage{suffix}"
    if suffix == ".parquet":
        table_of_ten.to_parquet(path, row_group_size=3)
    elif suffix == ".jsonl":
        table_of_ten.to_json(path, orient="records", lines=True)
    else:
        table_of_ten.to_csv(path, index=False)
    source = open_source(path, text="body")
    assert [c.doc_ids for c in source.chunks(4, skip={1})] == [
        [f"story-{i}" for i in range(4)],
        ["story-8", "story-9"],
    ]
    table = score_corpus(path, text="body", jobs=1, chunk_size=4, scorer=_characters)
    assert table.columns.tolist() == ["doc_id", "outlet", "characters", "error"]
    assert table["outlet"].tolist() == list("AB") * 5
    kept = table.drop(index=4)
    assert kept["characters"].tolist() == [float(len(t)) for t in table_of_ten["body"].drop(index=4)]
    row = "row 5 (line 6)" if suffix == ".csv" else "row 5"
    assert table.loc[4, "error"] == f"CorpusError: {path}: {row} has no text in column 'body'"
    assert math.isnan(table.loc[4, "characters"])


def test_a_missing_text_column_is_an_error_before_any_scoring(table_of_ten, tmp_path):
    path = tmp_path / "coverage.parquet"
    table_of_ten.to_parquet(path)
    with pytest.raises(ValueError, match=r"no text column 'text' \(columns: doc_id, outlet, body\)"):
        score_corpus(path, jobs=1, scorer=_characters)


def test_a_folder_of_text_files_streams_with_its_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Gangs fled.\nAdvertisement\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Police came.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet\nsub/b.txt,Y\na.txt,X\n", encoding="utf-8")
    table = score_corpus(tmp_path, jobs=1, chunk_size=1, scorer=_characters)
    assert table[["doc_id", "outlet"]].values.tolist() == [["a.txt", "X"], ["sub/b.txt", "Y"]]
    assert table["characters"].tolist() == [12.0, 12.0]  # "Gangs fled.\n" without the advertisement line


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("file,outlet\na.txt,X\nb.txt,Y\na.txt,Z\n", r"metadata.csv: row 3 names 'a.txt' again"),
        ("file,outlet\na.txt,X\n", r"metadata.csv: no row for 'b.txt'"),
        ("file,outlet\na.txt,X\nb.txt,Y\nc.txt,Z\n", r"metadata.csv: row 3 names 'c.txt', which is not"),
        ("name,outlet\na.txt,X\n", r"metadata.csv: no 'file' column \(columns: name, outlet\)"),
    ],
)
def test_a_folder_streams_and_loads_with_the_same_metadata_rules(tmp_path, rows, message):
    (tmp_path / "a.txt").write_text("Gangs fled.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Police came.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_corpus(tmp_path)
    with pytest.raises(ValueError, match=message):
        score_corpus(tmp_path, jobs=1, scorer=_characters)


def test_the_score_command_writes_the_folder(lee, local_scores, tmp_path, capsys):
    corpus = tmp_path / "three.jsonl"
    records = [{"doc_id": d, "text": t} for d, t in zip(lee.doc_ids[:3], lee.texts[:3], strict=True)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out, spans = tmp_path / "scores.parquet", tmp_path / "spans.parquet"
    status = cli_main(
        ["score", str(corpus), "--out", str(out), "--jobs", "1", "--spans-out", str(spans), "--no-progress"]
    )
    assert status == 0
    assert "3 documents (0 failed)" in capsys.readouterr().out
    written = pd.read_parquet(out)
    expected = local_scores.head(3).drop(columns=["line", "outlet"])
    pd.testing.assert_frame_equal(written, expected)
    assert set(pd.read_parquet(spans)["doc_id"]) <= set(lee.doc_ids[:3])


def test_the_score_command_on_dask_starts_a_cluster_reports_failures_and_shuts_down(tmp_path, capsys):
    import psutil

    corpus = tmp_path / "two.csv"
    pd.DataFrame({"text": ["Gangs fled.", None]}).to_csv(corpus, index=False)
    out = tmp_path / "scores.parquet"

    def workers() -> set[int]:  # processes started by multiprocessing's spawn, as Dask starts its workers
        found = set()
        for process in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if "spawn_main" in " ".join(process.cmdline()):
                    found.add(process.pid)
        return found

    before = workers()
    status = cli_main(
        ["score", str(corpus), "--out", str(out), "--engine", "dask", "--jobs", "1", "--no-progress"]
        + ["--lexicon", "migration"]
    )
    assert workers() <= before  # the LocalCluster it started is gone
    assert status == 1
    assert "2 documents (1 failed)" in capsys.readouterr().out
    written = pd.read_parquet(out)
    assert written["doc_id"].tolist() == ["two-1", "two-2"]
    assert written["loaded_terms"].iloc[0] == 1.0 and np.isnan(written["loaded_terms"].iloc[1])


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        score_corpus(["a"], engine="spark")
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        score_corpus(["a"], jobs=0)
    with pytest.raises(ValueError, match="scheduler is for engine='dask'"):
        score_corpus(["a"], scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="chunk_size must be at least 1"):
        score_corpus(["a"], jobs=1, chunk_size=-1, scorer=_characters)


def test_part_writer_refuses_a_file(tmp_path):
    path = tmp_path / "scores.parquet"
    path.write_text("")
    with pytest.raises(ValueError, match="a file is there"):
        PartWriter(path, {})


def _die_once(document, lexicons, targets, frames, *, marker: str):
    """Kill the worker process the first time any worker gets here; score normally afterwards."""
    from framing.corpus.engines import score_document

    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return score_document(document, lexicons, targets, frames)
    os._exit(1)


_KILLED_PARENT = """
import sys, time
from framing.corpus.engines import score_corpus

def slow(document, lexicons, targets, frames):
    time.sleep(0.05)
    return {"n": 1.0}

if __name__ == "__main__":
    score_corpus(["Text."] * 100_000, jobs=2, chunk_size=10, scorer=slow, out=sys.argv[1])
"""


def test_local_workers_end_when_the_process_that_started_them_is_killed(tmp_path):
    import subprocess

    import psutil

    script = tmp_path / "run.py"
    script.write_text(_KILLED_PARENT, encoding="utf-8")
    out = tmp_path / "scores.parquet"
    parent = subprocess.Popen([sys.executable, str(script), str(out)])
    try:
        deadline = time.monotonic() + 600
        while not list(out.glob("part-*.parquet")):  # the workers are scoring
            assert parent.poll() is None and time.monotonic() < deadline
            time.sleep(0.5)
        family = psutil.Process(parent.pid).children(recursive=True)
        assert len(family) >= 3  # the forkserver and its two workers (and the resource tracker)
    finally:
        parent.kill()  # SIGKILL: no finally, no handler runs in the parent
        parent.wait()
    _, alive = psutil.wait_procs(family, timeout=60)
    assert not alive, [process.cmdline()[-1][:60] for process in alive]


# last in the file: the cluster then restarts the killed worker while no other test waits for it
def test_a_killed_dask_workers_chunk_is_retried(lee, reference, cluster, tmp_path):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this file
    try:
        marker = tmp_path / "killed-once"
        scorer = functools.partial(_die_once, marker=str(marker))
        texts = lee.texts[:4]
        table = score_corpus(texts, engine="dask", scheduler=cluster, chunk_size=1, scorer=scorer)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert marker.exists()  # a worker did die
    assert table["doc_id"].tolist() == ["doc-1", "doc-2", "doc-3", "doc-4"]
    assert table["error"].eq("").all()
    for row in range(4):
        assert same_values(table.loc[row, reference.columns], reference.loc[row])
