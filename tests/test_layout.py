"""The package's wings follow the data flow: no module imports a wing above it.

text -> measures -> analysis -> corpus -> comparison and learn -> views -> report, cli.
Read from the source with ``ast``, so lazy imports inside functions count too.
The one allowance: an engine object's display method (``_repr_html_``,
``plot_*``) may import its view lazily, inside the method, as pandas'
``DataFrame.plot`` does; views themselves import no engine module at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "framing"
RANK = {
    "text": 0,
    "measures": 1,
    "analysis": 2,
    "corpus": 3,
    "comparison": 4,
    "learn": 4,
    "views": 5,
    "report": 6,
    "cli": 6,
}


def wing(module: str) -> str | None:
    """``framing.corpus.core`` -> ``corpus``; the package face ``framing`` -> None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "framing" else None


def imports(path: Path):
    """Every ``framing`` module imported by ``path``: (module, line, whether at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "framing" else [f"framing.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            if name == "framing" or name.startswith("framing."):
                yield name, node.lineno, id(node) in top


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_wing_above_it(path):
    own = wing("framing." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    assert own in RANK, f"{path}: module outside the known wings"
    for name, line, top_level in imports(path):
        other = wing(name)
        where = f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        assert other is not None, f"{where}: import the module, not the package face"
        if own == "views":
            assert other == "views", f"{where}: a view takes tables and imports no engine module"
        elif RANK[other] > RANK[own]:
            assert other == "views" and not top_level, f"{where}: a wing above this one"


def test_every_wing_says_what_it_is_for():
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        doc = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), (
            f"{folder.name}/__init__.py must say what the wing is for and may import"
        )


def test_the_checker_sees_an_upward_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from framing.report.render import render_report\n")
    assert list(imports(module)) == [("framing.report.render", 2, False)]
