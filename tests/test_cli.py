"""The command line, run as a real subprocess: output, exit statuses, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from framing.cli import TABLE_CELL_CHARS, build_parser

ROOT = Path(__file__).resolve().parent.parent


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


def test_analyze_prints_targets_as_a_json_array_or_json_lines(seed_path):
    result = framing("analyze", str(seed_path), "--table", "targets", "--format", "json")
    assert result.returncode == 0, result.stderr
    targets = json.loads(result.stdout)  # one document: an array of records
    assert [t["target"] for t in targets[:4]] == ["migrants", "smugglers", "government", "police"]
    result = framing("analyze", str(seed_path), "--table", "targets", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == targets


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


# ---------------------------------------------------------------------------
# Exit statuses and one-line errors


def one_error_line(result: subprocess.CompletedProcess, command: str) -> str:
    """The single line a failed command printed, after checking it is only that (no traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"framing {command}: error: "), lines[0]
    return lines[0]


def not_articles(folder: Path) -> dict[str, Path]:
    """Files that are not articles, and what each is refused for."""
    files = {
        "the file is empty": b"",
        "the file holds only whitespace": b" \n\t\n  \r\n",
        "only NUL bytes": b"\x00" * 2048,
        "binary data": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    }
    made = {}
    for number, (reason, content) in enumerate(files.items()):
        path = folder / f"not-an-article-{number}.txt"
        path.write_bytes(content)
        made[reason] = path
    return made


@pytest.mark.parametrize("command", ["analyze", "compare"])
def test_what_is_not_an_article_is_refused_the_same_way(tmp_path, command):
    for reason, path in not_articles(tmp_path).items():
        result = framing(command, str(path))
        assert result.returncode == 2, (path, result.stderr)
        assert str(path) in one_error_line(result, command) and reason in result.stderr
        assert result.stdout == ""


def test_report_refuses_what_is_not_an_article_before_a_kernel(tmp_path):
    out = tmp_path / "reports"
    for reason, path in not_articles(tmp_path).items():
        result = framing("report", str(path), "--out", str(out))
        assert result.returncode == 2
        assert str(path) in one_error_line(result, "report") and reason in result.stderr
    assert not out.exists() or not list(out.iterdir())


def test_a_directory_is_named_as_one(tmp_path):
    for command, *options in (("analyze",), ("compare",), ("report", "--out", str(tmp_path / "out"))):
        result = framing(command, str(tmp_path), *options)
        assert result.returncode == 2
        assert f"{tmp_path}: is a directory, not an article file" in one_error_line(result, command)


def test_an_empty_reference_name_is_an_error_not_every_txt_below(tmp_path, seed_path):
    result = framing("compare", str(seed_path), "--reference", "")
    assert result.returncode == 2
    assert "no corpus named: '' is empty" in one_error_line(result, "compare")


def test_an_empty_reference_corpus_is_refused(tmp_path, seed_path):
    header_only = tmp_path / "header.csv"
    header_only.write_text("doc_id,text\n", encoding="utf-8")
    blank = tmp_path / "blank"
    blank.mkdir()
    for name in ("a.txt", "b.txt"):
        (blank / name).write_text(" \n", encoding="utf-8")
    for table in ("keyness", "positioning"):
        result = framing("compare", str(seed_path), "--reference", str(header_only), "--table", table)
        assert result.returncode == 2
        assert f"{header_only}: no documents: the file has no rows" in one_error_line(result, "compare")
        result = framing("compare", str(seed_path), "--reference", str(blank), "--table", table)
        assert result.returncode == 2
        assert f"{blank}: no documents with text (all 2 are empty)" in one_error_line(result, "compare")


def test_a_binary_corpus_file_is_named(tmp_path, seed_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text("Police met the ministers.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = framing("compare", str(seed_path), "--reference", str(folder))
    assert result.returncode == 2
    assert f"{folder / 'bad.txt'}: not text" in one_error_line(result, "compare")


def test_a_windows_1252_corpus_file_is_read(tmp_path, seed_path):
    table = tmp_path / "coverage.csv"
    rows = "\n".join(
        f'{i},"Ministers said \u201cillegal migrants\u201d crossed \u2013 again {i}."' for i in range(5)
    )
    table.write_bytes(f"doc_id,text\n{rows}\n".encode("cp1252"))
    result = framing("compare", str(seed_path), "--reference", str(table), "--table", "positioning")
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------
# Permissions (root reads everything: the command runs without the capability that lets it)

_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _PR_CAPBSET_DROP = 1, 2, 24


def _without_root_override() -> None:  # in the child, before exec: root then obeys file permissions
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def framing_bound_by_permissions(*args: str) -> subprocess.CompletedProcess:
    preexec = _without_root_override if os.geteuid() == 0 else None
    return subprocess.run(
        [sys.executable, "-m", "framing.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        preexec_fn=preexec,
    )


def test_unreadable_files_are_one_line_errors(tmp_path, seed_path, seed_text):
    article = tmp_path / "locked.txt"
    article.write_text(seed_text, encoding="utf-8")
    lexicon = tmp_path / "locked.yaml"
    lexicon.write_text(
        "name: m\ncategories: {a: {}}\nentries:\n  - {id: x, variants: [gangs], category: a}\n"
    )
    corpus = tmp_path / "locked.csv"
    corpus.write_text("text\nPolice met the ministers.\nGangs fled.\n", encoding="utf-8")
    for path in (article, lexicon, corpus):
        path.chmod(0)
    cases = [
        ("analyze", [str(article)], article),
        ("compare", [str(article)], article),
        ("report", [str(article), "--out", str(tmp_path / "out")], article),
        ("analyze", [str(seed_path), "--lexicon", str(lexicon)], lexicon),
        ("compare", [str(seed_path), "--reference", str(corpus)], corpus),
    ]
    for command, args, path in cases:
        result = framing_bound_by_permissions(command, *args)
        assert result.returncode == 2, (command, path, result.stderr)
        line = one_error_line(result, command)
        assert str(path) in line and "ermission denied" in line, line


def test_an_out_that_cannot_be_written_is_one_line_error(tmp_path, seed_path):
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    a_file = tmp_path / "reports.txt"
    a_file.write_text("not a folder")
    for command in ("report", "batch"):
        result = framing_bound_by_permissions(command, str(seed_path), "--out", str(read_only / "reports"))
        assert result.returncode == 2, result.stderr
        assert f"{read_only / 'reports'}: cannot write in the output folder" in one_error_line(
            result, command
        )
        result = framing(command, str(seed_path), "--out", str(a_file))
        assert result.returncode == 2, result.stderr
        assert f"{a_file}: the output folder is a file" in one_error_line(result, command)
    assert a_file.read_text() == "not a folder"


# ---------------------------------------------------------------------------
# Report and batch check their inputs before any notebook runs


def test_report_with_a_bad_lexicon_or_reference_fails_at_once_and_leaves_nothing(tmp_path, seed_path):
    bad_lexicon = tmp_path / "bad.yaml"
    bad_lexicon.write_text("name: m\ncategories: {a: {}}\nentries:\n  - {id: x, variants: [], category: a}\n")
    empty_reference = tmp_path / "empty.csv"
    empty_reference.write_text("text\n", encoding="utf-8")
    cases = [
        (["--lexicon", str(bad_lexicon)], f"{bad_lexicon}: entry 1 ('x'): 'variants' is empty"),
        (["--lexicon", "no-such-lexicon"], "no-such-lexicon: no such lexicon file or packaged lexicon"),
        (["--reference", str(tmp_path / "missing-corpus")], "missing-corpus: no such corpus file or folder"),
        (["--reference", str(empty_reference)], f"{empty_reference}: no documents"),
        (["--reference", ""], "no corpus named: '' is empty"),
    ]
    for command in ("report", "batch"):
        out = tmp_path / f"{command}-out"
        for options, message in cases:
            result = framing(command, str(seed_path), "--out", str(out), *options)
            assert result.returncode == 2, result.stderr
            assert message in one_error_line(result, command)
            assert not out.exists() or not list(out.iterdir())  # no .error.ipynb, no index


# ---------------------------------------------------------------------------
# Output: pipes, lists in CSV


def test_a_closed_pipe_ends_quietly(tmp_path, seed_text):
    body = seed_text[: seed_text.index("You may also like")]
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n".join([body] * 40), encoding="utf-8")  # far more CSV than a pipe holds
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "framing.cli",
            "analyze",
            str(long_article),
            "--table",
            "sentences",
            "--format",
            "csv",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.read(200)  # like `| head -c 200`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == 141
    assert first.startswith(b"sentence,start,end,text,")
    assert stderr == ""


def test_csv_list_columns_are_semicolon_joined(seed_path):
    import yaml

    result = framing("analyze", str(seed_path), "--table", "sentences", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    groups = set(yaml.safe_load((ROOT / "framing" / "data" / "targets.yaml").read_text())["categories"])
    named = [row["targets"] for row in rows if row["targets"]]
    assert any(";" in value for value in named)  # the headline names migrants and police
    for value in named:
        assert "(" not in value and "'" not in value and set(value.split(";")) <= groups
    result = framing("analyze", str(seed_path), "--table", "sentences", "--format", "json")
    records = json.loads(result.stdout)
    assert [";".join(r["targets"]) for r in records if r["targets"]] == named  # JSON keeps lists


# ---------------------------------------------------------------------------
# Version, help, formats, empty results


def test_version_is_the_package_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = framing("--version")
    assert result.returncode == 0 and result.stdout == f"framing {version}\n"


@pytest.mark.parametrize("command", ["analyze", "compare", "report", "batch", "score"])
def test_every_help_ends_in_examples_that_parse(command):
    result = framing(command, "--help")
    assert result.returncode == 0, result.stderr
    epilog = result.stdout.split("\nexamples:\n", 1)[1]
    examples = [line.strip() for line in epilog.splitlines() if line.strip()]
    assert len(examples) >= 3 and all(line.startswith(f"framing {command} ") for line in examples)
    for line in examples:
        words = shlex.split(line.split(" > ")[0])  # without a shell redirection
        assert build_parser().parse_args(words[1:]).command == command, line
    assert "--format" not in result.stdout or "JSON Lines" in " ".join(result.stdout.split())


def test_an_article_without_loaded_terms_says_so(tmp_path):
    article = tmp_path / "plain.txt"
    article.write_text(
        "The committee met on Tuesday to review the budget of the library.\n", encoding="utf-8"
    )
    result = framing("analyze", str(article), "--lexicon", "migration")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"No loaded terms found in {article} with lexicon migration.\n"
    result = framing("analyze", str(article), "--table", "quotes")
    assert result.stdout == f"No quotes found in {article}.\n"
    result = framing("analyze", str(article), "--format", "csv")  # CSV: the header, no rows
    assert (
        result.stdout.splitlines()[0].startswith("start,end,text,") and len(result.stdout.splitlines()) == 1
    )
    assert framing("analyze", str(article), "--format", "json").stdout.strip() == "[]"
    assert framing("analyze", str(article), "--format", "jsonl").stdout == ""


def test_no_key_term_is_a_sentence(seed_path):
    # no word of the article is seen 100,000 times in it and the 300 Lee stories together
    result = framing("compare", str(seed_path), "--min-freq", "100000")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"No term seen at least 100000 times in {seed_path} and the reference together.\n"
    )


def test_table_format_cuts_long_text_and_csv_keeps_it(seed_path):
    rows = list(csv.DictReader(io.StringIO(framing("analyze", str(seed_path), "--format", "csv").stdout)))
    table = framing("analyze", str(seed_path)).stdout
    rationales = {row["rationale"] for row in rows}
    long = [r for r in rationales if len(r) > TABLE_CELL_CHARS]
    assert long  # the packaged lexicons explain their entries in full sentences
    for rationale in long:
        assert rationale not in table and rationale[: TABLE_CELL_CHARS - 1] + "\u2026" in table
    short = [r for r in rationales if len(r) <= TABLE_CELL_CHARS]
    assert all(r in table for r in short)


def test_analyze_prints_target_mentions_at_their_offsets(seed_path, seed_text):
    result = framing("analyze", str(seed_path), "--table", "target_mentions", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(seed_text[int(r["start"]) : int(r["end"])] == r["mention"] for r in rows)
    assert {r["sentiment"] for r in rows} <= {"negative", "neutral", "positive"}
    assert "police officers" in {r["mention"] for r in rows}  # the headline's "give police officers"


def test_report_and_batch_take_the_comparison_options(tmp_path, seed_path):
    reference = tmp_path / "reference.csv"
    reference.write_text(
        'id,body\n1,"Police said smuggling gangs crossed the border."\n2,"Ministers met on Tuesday."\n',
        encoding="utf-8",
    )
    for command in ("report", "batch"):
        out = str(tmp_path / f"{command}-refused")
        result = framing(command, str(seed_path), "--reference", str(reference), "--out", out)
        assert result.returncode == 2 and "no text column 'text'" in one_error_line(result, command)
        options = ("--reference", str(reference), "--text", "headline", "--out", out)
        result = framing(command, str(seed_path), *options)  # --text reaches the reference check
        assert result.returncode == 2 and "no text column 'headline'" in one_error_line(result, command)
        result = framing(command, str(seed_path), "--ngrams", "4", "--out", out)
        assert result.returncode == 2 and "--ngrams 1, 2 or 3" in one_error_line(result, command)
    out = tmp_path / "reports"
    options = ("--reference", str(reference), "--text", "body", "--ngrams", "2", "--min-freq", "1")
    result = framing("report", str(seed_path), *options, "--out", str(out))
    assert result.returncode == 0, result.stderr
    scores = json.loads((out / f"{seed_path.stem}.json").read_text(encoding="utf-8"))
    used = scores["provenance"]["comparison"]  # what the kernel's compare() was called with
    assert used["ngram_range"] == [1, 2] and used["min_freq"] == 1
    assert any(" " in row["term"] for row in scores["comparison"]["keyness"])  # bigrams were counted
