# The README's two commands: `make report` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARTICLE ?= corpora/articles/express-balkans-drones.txt
REFERENCE ?= lee

.PHONY: report test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/framing report $(ARTICLE) --reference $(REFERENCE) --out reports/

test: $(STAMP)
	$(BIN)/ruff check framing tests bench
	$(BIN)/ruff format --check framing tests bench
	$(BIN)/pytest -n 2 framing tests

lint: $(STAMP)
	$(BIN)/ruff check framing tests bench
	$(BIN)/ruff format --check framing tests bench

format: $(STAMP)
	$(BIN)/ruff format framing tests bench
	$(BIN)/ruff check --fix framing tests bench

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info
