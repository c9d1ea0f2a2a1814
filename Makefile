# The README's two commands: `make report` and `make test`. Both set up everything on first use:
# .venv with framing and its dependencies, and (for the browser test) a headless Chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLE ?= corpora/articles/express-balkans-drones.txt
REFERENCE ?= lee
# The browser test's Chromium: Debian's, else the one Playwright installs for itself.
CHROMIUM ?= /usr/bin/chromium
# Notebooks are committed without outputs: git's clean filter (nbstripout, set up with .venv) strips
# outputs, execution counts and papermill's run records as a notebook is staged; cell ids stay.
NBSTRIPOUT_OPTIONS := --keep-id --extra-keys 'metadata.papermill cell.metadata.papermill metadata.language_info.version'
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

.PHONY: report test browser docs notebooks git-filter lint format bench clean

# pip's log goes to $(VENV)/install.log; the terminal gets one line per package as it is collected.
$(STAMP): pyproject.toml
	@echo "framing: first use: setting up $(VENV) (framing and its dependencies; a minute or two)"
	@echo "framing: creating the virtual environment with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "framing: '$(PYTHON) -m venv' failed: Python 3.11+ with venv is needed (Debian: apt-get install python3-venv)"; \
		exit 1; }
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "framing: installing framing and its dependencies into $(VENV) (full log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install --progress-bar off -e '.[dev]' 2>&1 | tee $(VENV)/install.log \
		| { grep --line-buffered -E '^(Collecting|Installing collected|Successfully installed)' | cut -c1-110 || true; } \
		|| { echo "framing: pip failed; the end of $(VENV)/install.log:"; tail -n 30 $(VENV)/install.log; exit 1; }
	@echo "framing: registering the Jupyter kernel 'python3' in $(VENV)"
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@$(MAKE) --no-print-directory git-filter
	@touch $(STAMP)
	@echo "framing: $(VENV) is ready"

# In a git checkout: stage notebooks through nbstripout (.gitattributes routes *.ipynb to the filter
# `nbstripout`; git keeps the filter's command in .git/config, so it is set here, on first use).
git-filter:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		echo "framing: git strips notebook outputs on staging (filter nbstripout in .git/config)"; \
		git config filter.nbstripout.clean "$(BIN)/python -m nbstripout $(NBSTRIPOUT_OPTIONS)"; \
		git config filter.nbstripout.smudge cat; \
		git config diff.ipynb.textconv "$(BIN)/python -m nbstripout -t $(NBSTRIPOUT_OPTIONS)"; \
	fi

report: $(STAMP)
	$(BIN)/framing report $(ARTICLE) --reference $(REFERENCE) --out reports/

# A Chromium for the browser test, installed if none is found: Debian's `chromium` through apt-get
# when we are root on a system that has it, otherwise Playwright's own (`playwright install chromium`).
browser: $(STAMP)
	@if [ -x "$(CHROMIUM)" ] || $(BIN)/python -c 'import os, sys; \
		from playwright.sync_api import sync_playwright; p = sync_playwright().start(); \
		found = os.path.exists(p.chromium.executable_path); p.stop(); sys.exit(not found)' 2>/dev/null; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "framing: no Chromium for the browser test: installing Debian's (apt-get install chromium)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		if apt-get update -qq && apt-get install -y -qq chromium >/dev/null \
			&& "$(CHROMIUM)" --version >/dev/null 2>&1; then exit 0; fi; \
		echo "framing: apt-get gave no working chromium: installing Playwright's (playwright install chromium)"; \
	else \
		echo "framing: no Chromium for the browser test: installing Playwright's (playwright install chromium)"; \
	fi; \
	$(BIN)/python -m playwright install chromium

test: $(STAMP) browser
	$(BIN)/ruff check framing tests bench
	$(BIN)/ruff format --check framing tests bench
	$(BIN)/pytest -n 2 framing tests

# The documentation site, warnings as errors (`make test` builds it too, in tests/test_docs.py).
docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html

# Every notebook in notebooks/, run top to bottom in the venv's kernel; the executed copies (with
# their outputs) go to build/notebooks/, and the notebooks in notebooks/ stay as committed.
notebooks: $(STAMP)
	@mkdir -p build/notebooks
	@for notebook in notebooks/*.ipynb; do \
		echo "framing: running $$notebook -> build/$$notebook"; \
		JUPYTER_PREFER_ENV_PATH=1 $(BIN)/papermill "$$notebook" "build/$$notebook" --cwd . \
			--kernel python3 --no-progress-bar --log-level WARNING; \
	done

lint: $(STAMP)
	$(BIN)/ruff check framing tests bench
	$(BIN)/ruff format --check framing tests bench

format: $(STAMP)
	$(BIN)/ruff format framing tests bench
	$(BIN)/ruff check --fix framing tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info docs/_build
