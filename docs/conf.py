"""Sphinx configuration of framing's documentation site.

Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html`` (``make docs``). The site is
offline by construction, as the package is: no CDN, no analytics, no web fonts; the notebooks are
rendered as committed, never executed; formulas are written in plain Unicode, so no MathJax loads.
"""

from __future__ import annotations

import sys
from pathlib import Path

import framing

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

project = "framing"
author = "The framing developers"
copyright = "The framing developers, BSD-3-Clause licence"
release = version = framing.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
    "framing_docs",
]
source_suffix = {".rst": "restructuredtext", ".ipynb": "myst-nb"}
root_doc = "index"
# notebooks/report.ipynb is the papermill template: its output is the report, not a page.
exclude_patterns = ["_build", "**/.ipynb_checkpoints", "notebooks/report.ipynb"]
templates_path: list[str] = []
nitpicky = False
# Docstrings say ``code`` with double backquotes; a single-backquoted name is a cross-reference.
default_role = "py:obj"

# --- API reference (autodoc + numpydoc) ------------------------------------------------------------
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"  # numpydoc's Parameters sections give the types
autodoc_inherit_docstrings = False
autosummary_generate = False  # no generated stub files: the wing pages document every module
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()
numpydoc_xref_param_type = False
numpydoc_use_plots = False

# --- notebooks (myst-nb): rendered as committed, never run -------------------------------------------
nb_execution_mode = "off"
# ... and shown without outputs: committed notebooks have none, and a notebook run and saved in a
# working copy (outputs that git's nbstripout filter keeps out of commits) does not change the site.
nb_remove_code_outputs = True
nb_ipywidgets_js: dict = {}  # widget manager scripts come from a CDN: none
myst_enable_extensions: list[str] = []  # no dollarmath: no MathJax

# --- HTML --------------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"framing {release}"
html_static_path: list[str] = []
html_last_updated_fmt = None
html_theme_options = {
    "icon_links": [],
    "navbar_end": ["theme-switcher"],
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
    "secondary_sidebar_items": ["page-toc"],
}
# The colour mode follows the reader's system until they choose one (an empty default logs an error).
html_context = {"default_mode": "auto"}
# Section navigation only where a page has children: the notebooks and the API reference.
NAVIGATION = ["sidebar-nav-bs"]
html_sidebars = {"*": [], "notebooks": NAVIGATION, "notebooks/*": NAVIGATION, "api/*": NAVIGATION}
