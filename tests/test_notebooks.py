"""Every notebook in notebooks/ is committed clean and runs top to bottom in a real kernel.

"Committed" is what git holds (its index: what is committed, or staged to be), so a notebook run
and saved in the working copy does not fail these tests: git's clean filter (nbstripout, set up by
``make``; ``.gitattributes`` routes ``*.ipynb`` to it) strips the outputs again as it is staged.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def committed(path: Path) -> nbformat.NotebookNode:
    """The notebook as git holds it in the index; the file itself outside a git checkout or if untracked."""
    name = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f":{name}"], capture_output=True, check=False)
    text = shown.stdout.decode("utf-8") if shown.returncode == 0 else path.read_text(encoding="utf-8")
    return nbformat.reads(text, as_version=4)


def nbstripout_options() -> list[str]:
    """The options the Makefile gives git's clean filter (``NBSTRIPOUT_OPTIONS``)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return shlex.split(re.search(r"^NBSTRIPOUT_OPTIONS := (.*)$", makefile, re.MULTILINE).group(1))


def assert_clean(notebook: nbformat.NotebookNode) -> None:
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.metadata.kernelspec.language == "python"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata
    assert "papermill" not in notebook.metadata  # not an executed copy


def test_the_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= {
        "report.ipynb",
        "01_explore_article.ipynb",
        "02_compare_reference.ipynb",
        "03_validate_and_train.ipynb",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_with_a_kernelspec(path):
    assert_clean(committed(path))


def test_git_stages_notebooks_through_nbstripout():
    for path in NOTEBOOKS:
        name = path.relative_to(ROOT).as_posix()
        result = subprocess.run(
            ["git", "-C", str(ROOT), "check-attr", "filter", "diff", "--", name],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.splitlines() == [f"{name}: filter: nbstripout", f"{name}: diff: ipynb"]


def test_report_template_parameters():
    parameters = papermill.inspect_notebook(str(ROOT / "notebooks" / "report.ipynb"))
    defaults = {name: spec["default"] for name, spec in parameters.items()}
    assert defaults["reference"] == '"lee"'
    assert defaults["lexicon"] == '"migration,loaded"'
    assert defaults["title"] == "None"
    assert defaults["article_path"] == "None"  # the seed article


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_and_strips_back_to_what_is_committed(path, tmp_path):
    executed_path = tmp_path / path.name
    executed = papermill.execute_notebook(
        str(path),
        str(executed_path),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(ROOT),
        request_save_on_cell_execute=False,
    )
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    if path.name != "02_compare_reference.ipynb":
        assert '<mark class="framing-term"' in html  # the highlighted article
    assert len(images) >= 2

    # run and saved, then staged: git's clean filter gives back the notebook without outputs
    strip = [sys.executable, "-m", "nbstripout", *nbstripout_options(), str(executed_path)]
    subprocess.run(strip, check=True)
    stripped, original = nbformat.read(executed_path, as_version=4), nbformat.read(path, as_version=4)
    assert_clean(stripped)
    assert [(c.id, c.cell_type, c.source) for c in stripped.cells] == [
        (c.id, c.cell_type, c.source) for c in original.cells
    ]
