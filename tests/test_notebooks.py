"""Every notebook in notebooks/ is committed clean and runs top to bottom in a real kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= {
        "report.ipynb",
        "01_explore_article.ipynb",
        "02_compare_reference.ipynb",
        "03_validate_and_train.ipynb",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_with_a_kernelspec(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.metadata.kernelspec.language == "python"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    assert "papermill" not in notebook.metadata  # not an executed copy


def test_report_template_parameters():
    parameters = papermill.inspect_notebook(str(ROOT / "notebooks" / "report.ipynb"))
    defaults = {name: spec["default"] for name, spec in parameters.items()}
    assert defaults["reference"] == '"lee"'
    assert defaults["lexicon"] == '"migration,loaded"'
    assert defaults["title"] == "None"
    assert defaults["article_path"] == "None"  # the seed article


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(path, tmp_path):
    executed = papermill.execute_notebook(
        str(path),
        str(tmp_path / path.name),
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
