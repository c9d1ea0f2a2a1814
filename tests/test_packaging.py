"""The project's set-up files agree with each other."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def requirement(spec: str) -> tuple[str, str]:
    name, version = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", spec).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), version.replace(" ", "")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [
        d for d in environment["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))
    ]
    assert sorted(map(requirement, conda)) == sorted(map(requirement, pyproject["project"]["dependencies"]))
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e ."]


def test_package_data_ships_the_lexicon_targets_and_punkt_parameters():
    from importlib import resources

    data = resources.files("framing") / "data"
    assert (data / "lexicons" / "migration.yaml").is_file()
    assert (data / "targets.yaml").is_file()
    for name in ("abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab"):
        assert (data / "nltk_data" / "tokenizers" / "punkt_tab" / "english" / name).is_file()


def test_importing_framing_loads_no_heavy_library():
    import subprocess
    import sys

    heavy = "('pandas', 'nltk', 'matplotlib', 'sklearn')"
    code = f"import sys, framing; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_report_template_ships_with_the_package():
    from framing.report.render import TEMPLATE

    assert TEMPLATE.is_file()
    assert TEMPLATE.read_bytes() == (ROOT / "notebooks" / "report.ipynb").read_bytes()
