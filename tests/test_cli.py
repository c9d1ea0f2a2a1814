"""The ``framing analyze`` command, run as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys


def framing(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "framing.cli", *args], capture_output=True, text=True, check=False, timeout=120
    )


def test_analyze_prints_spans_as_csv(seed_path, seed_text):
    result = framing("analyze", str(seed_path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(seed_text[int(r["start"]) : int(r["end"])] == r["text"] for r in rows)
    assert {"kingpins", "can reveal"} <= {r["text"] for r in rows}


def test_analyze_prints_targets_as_json_lines(seed_path):
    result = framing("analyze", str(seed_path), "--table", "targets", "--format", "json")
    assert result.returncode == 0, result.stderr
    targets = [json.loads(line) for line in result.stdout.splitlines()]
    assert [t["target"] for t in targets] == ["migrants", "smugglers", "government", "police"]


def test_analyze_table_format_is_aligned_text(seed_path):
    result = framing("analyze", str(seed_path), "--table", "scores")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["metric", "lexicon", "category", "value"]


def test_bad_lexicon_is_one_clear_line_and_exit_2(seed_path, tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("name: m\ncategories: {a: {}}\nentries:\n  - {id: x, variants: [], category: a}\n")
    result = framing("analyze", str(seed_path), "--lexicon", str(lexicon))
    assert result.returncode == 2
    assert result.stderr.strip() == f"framing analyze: error: {lexicon}: entry 1 ('x'): 'variants' is empty"
    assert result.stdout == ""


def test_missing_article_names_it(tmp_path):
    result = framing("analyze", str(tmp_path / "gone.txt"))
    assert result.returncode == 2
    assert "gone.txt" in result.stderr
