"""A batch under signals: Ctrl-C and SIGTERM stop it cleanly, SIGKILL leaves no process behind,
an interrupted batch resumes and its debris goes, a bad file name fails one report only.

Every batch here runs as a real process in a session of its own (as in a terminal). The command-line
tests use the real report template; the others a small one (:func:`small_template`) whose kernel
marks the start of each report and can be held in a long sleep, so that "no report starts after the
signal" is seen, not inferred.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import psutil
import pytest

pytestmark = pytest.mark.slow

ARTICLE = "Smuggling gangs exploit migrants, police said.\nMinisters vowed to slash crossings.\n"
#: Seconds allowed for a kernel to show up (a loaded machine boots them slowly).
BOOT = 300


def framing_command() -> str:
    return str(Path(sys.executable).with_name("framing"))


def small_template(path: Path) -> Path:
    """A report template that marks ``<article>.started``, sleeps when its article is the one named
    by ``$FRAMING_TEST_SLOW``, and writes a minimal scores file."""
    parameters = nbformat.v4.new_code_cell(
        'article_path = None\nreference = "lee"\nlexicon = "migration"\ntitle = None\nscores_path = None'
    )
    parameters.metadata["tags"] = ["parameters"]
    body = nbformat.v4.new_code_cell(
        textwrap.dedent(
            """\
            import json, os, pathlib, time
            article = pathlib.Path(article_path)
            pathlib.Path(f"{article}.started").touch()
            if article.stem == os.environ.get("FRAMING_TEST_SLOW"):
                time.sleep(600)
            words = len(article.read_text(encoding="utf-8").split())
            report = {"report": {"title": article.stem}, "document_scores": {"tokens": float(words)}}
            pathlib.Path(scores_path).write_text(json.dumps(report))
            """
        )
    )
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(
        nbformat.v4.new_notebook(cells=[parameters, body], metadata={"kernelspec": kernelspec}), path
    )
    return path


RUNNER = """\
import sys
from framing.report.render import render_batch

if __name__ == "__main__":
    pattern, out, template, force = sys.argv[1:5]
    batch = render_batch(pattern, out, jobs=1, template=template, progress=False, force=force == "force")
    for result in batch.results:
        print(result.slug, result.status, result.error or "", sep="\\t")
    sys.exit(130 if batch.interrupted else 1 if batch.failed else 0)
"""


def start(command: list[str], env: dict | None = None) -> subprocess.Popen:
    """``command`` as a terminal's foreground job: a process group of its own (what Ctrl-C reaches),
    SIGINT and SIGTERM at their defaults (a test runner's worker may have set them aside)."""

    def as_a_foreground_job() -> None:
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, signal.SIG_DFL)

    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=as_a_foreground_job,
        env={**os.environ, **(env or {})},
    )


def tree(process: subprocess.Popen) -> list[psutil.Process]:
    try:
        return psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def kernels(processes) -> set[int]:
    found = set()
    for child in processes:
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.add(child.pid)
        except psutil.Error:
            pass
    return found


def alive(processes) -> list[psutil.Process]:
    """Those of ``processes`` still running (a zombie waiting for its reaper is not)."""
    running = []
    for child in processes:
        try:
            if child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
                running.append(child)
        except psutil.NoSuchProcess:
            pass
    return running


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def summary(out: Path) -> dict[str, str]:
    with (out / "summary.csv").open(encoding="utf-8") as stream:
        return {row["slug"]: row["status"] for row in csv.DictReader(stream)}


def articles(folder: Path, names) -> str:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    return str(folder / "*.txt")


# ---------------------------------------------------------------------------
# The command line, with the real template


def start_batch(tmp_path: Path, names: str, jobs: int, out: Path) -> subprocess.Popen:
    """``framing batch`` over one article a name in ``names``, started, once a kernel is running."""
    command = [framing_command(), "batch", articles(tmp_path / "in", names), "--jobs", str(jobs)]
    batch = start([*command, "--out", str(out)])
    wait_for(lambda: kernels(tree(batch)), BOOT, "a kernel")
    return batch


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_a_signal_stops_the_batch_cleanly(tmp_path, how):
    out = tmp_path / "reports"
    batch = start_batch(tmp_path, "abcd", jobs=1, out=out)
    before = tree(batch)
    running = kernels(before)
    if how == "ctrl-c":  # the terminal sends SIGINT to the whole foreground group
        os.killpg(batch.pid, signal.SIGINT)
    else:  # a service manager or `kill` sends SIGTERM to the process
        os.kill(batch.pid, signal.SIGTERM)
    seen = set()
    while batch.poll() is None:
        seen |= kernels(tree(batch))
        time.sleep(0.1)
    stdout, stderr = batch.communicate()
    assert batch.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    assert seen <= running  # no report started after the signal
    statuses = summary(out)
    assert sorted(statuses) == ["a", "b", "c", "d"] and "interrupted" in statuses.values()
    assert set(statuses.values()) <= {"rendered", "interrupted"}
    for slug, status in statuses.items():
        assert (out / f"{slug}.html").exists() == (status == "rendered")
    assert "interrupted" in (out / "index.html").read_text(encoding="utf-8")
    assert not [p.name for p in out.iterdir() if ".tmp" in p.name or p.name.endswith(".error.ipynb")]
    wait_for(lambda: not alive(before), 15, "the workers and kernels to exit")


@pytest.mark.parametrize("target", ["parent", "group"])
def test_no_process_survives_a_killed_batch(tmp_path, target):
    batch = start_batch(tmp_path, "ab", jobs=2, out=tmp_path / "reports")
    children = tree(batch)
    assert kernels(children) and len(children) >= 2
    if target == "parent":
        os.kill(batch.pid, signal.SIGKILL)
    else:  # the whole group at once: workers too, leaving their kernels (in sessions of their own)
        os.killpg(batch.pid, signal.SIGKILL)
    batch.wait(timeout=10)
    wait_for(lambda: not alive(children), 20, "every worker and kernel to exit")


# ---------------------------------------------------------------------------
# Resuming, debris, bad names: the small template


def run_batch(tmp_path, pattern, out, force=False, env=None) -> subprocess.Popen:
    runner, template = tmp_path / "run_batch.py", tmp_path / "small.ipynb"
    if not template.exists():  # written once: a new template (new cell ids) is a changed input
        runner.write_text(RUNNER, encoding="utf-8")
        small_template(template)
    command = [sys.executable, str(runner), pattern, str(out), str(template), "force" if force else "keep"]
    return start(command, env)


def finish(batch: subprocess.Popen) -> tuple[int, dict[str, str], str]:
    stdout, stderr = batch.communicate(timeout=600)
    statuses = dict(line.split("\t")[:2] for line in stdout.splitlines())
    return batch.returncode, statuses, stderr


def test_an_interrupted_batch_resumes_and_its_debris_goes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # rendered in order of size, longest first: big, slow, small
    (folder / "big.txt").write_text(ARTICLE * 3, encoding="utf-8")
    (folder / "slow.txt").write_text(ARTICLE * 2, encoding="utf-8")
    (folder / "small.txt").write_text(ARTICLE, encoding="utf-8")
    pattern, out = str(folder / "*.txt"), tmp_path / "reports"
    out.mkdir()
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    dead = int(finished.stdout)  # a process that has exited: its temporary files are debris
    debris = [out / f".big.{dead}-1.tmp.json", out / f".big.{dead}-1.tmp.ipynb", out / ".index.html.x1y2.tmp"]
    live = out / f".other.{os.getpid()}-1.tmp.json"  # a running process's: left alone
    for path in [*debris, live]:
        path.write_text("{")
    os.utime(debris[-1], (time.time() - 600, time.time() - 600))

    batch = run_batch(tmp_path, pattern, out, env={"FRAMING_TEST_SLOW": "slow"})
    wait_for(lambda: (folder / "slow.txt.started").exists(), BOOT, "the slow report to start")
    os.killpg(batch.pid, signal.SIGINT)
    status, statuses, stderr = finish(batch)
    assert status == 130, stderr
    assert "Traceback" not in stderr
    assert statuses == {"big": "rendered", "slow": "interrupted", "small": "interrupted"}
    assert not (folder / "small.txt.started").exists()  # no report started after the signal
    assert summary(out) == statuses
    assert not any(path.exists() for path in debris) and live.exists()
    assert not [p for p in out.iterdir() if ".tmp" in p.name and p != live]

    for marker in folder.glob("*.started"):
        marker.unlink()
    status, statuses, stderr = finish(run_batch(tmp_path, pattern, out))
    assert status == 0, stderr
    assert statuses == {"big": "unchanged", "slow": "rendered", "small": "rendered"}
    assert sorted(p.name for p in folder.glob("*.started")) == ["slow.txt.started", "small.txt.started"]

    (folder / "small.txt").write_text(ARTICLE + "Police waited.\n", encoding="utf-8")  # a changed input
    status, statuses, stderr = finish(run_batch(tmp_path, pattern, out))
    assert (status, statuses) == (0, {"big": "unchanged", "slow": "unchanged", "small": "rendered"}), stderr
    assert summary(out) == statuses

    status, statuses, stderr = finish(run_batch(tmp_path, pattern, out, force=True))
    assert (status, statuses) == (0, {"big": "rendered", "slow": "rendered", "small": "rendered"}), stderr


def test_a_file_name_that_is_not_utf8_fails_that_report_only(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as stream:
        stream.write(ARTICLE.encode())
    out = tmp_path / "reports"
    batch = run_batch(tmp_path, str(folder / "*.txt"), out)
    stdout, stderr = batch.communicate(timeout=600)
    assert batch.returncode == 1, stderr
    rows = {row["slug"]: row for row in csv.DictReader((out / "summary.csv").open(encoding="utf-8"))}
    assert {slug: row["status"] for slug, row in rows.items()} == {"caf": "failed", "good": "rendered"}
    bad = rows["caf"]
    assert bad["source"] == str(folder / "caf\\xe9.txt")  # the odd byte shown, escaped
    assert "the file name is not UTF-8 text; rename the file" in bad["error"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "caf\\xe9.txt" in index and "good.html" in index
