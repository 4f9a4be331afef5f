# approx-notebooks — every target sets up .venv first when it is missing or older than pyproject.toml.
#   make run  [SCALE=quick|full] [SEED=0] [ONLY="21 59"] [JOBS=<cores>] [THREADS=1]  execute notebooks → runs/<scale>-seed<seed>/REPORT.md
#   make test                                                            unit tests, collection checks, every notebook under nbval
#   make lab                                                             JupyterLab with the repo's kernel
#   make report [SCALE=..] [SEED=..]                                     rewrite REPORT.md from the last run, executing nothing
#   make execute ONLY="21"                                               re-execute notebooks in place at defaults (before committing)
#   make new ID=21 SLUG=flashattention2                                  start a notebook from tools/template.ipynb
#   make index                                                           refresh the README index from the committed notebooks
#   make clean                                                           remove runs/ and caches (never notebooks)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNEL := approx-notebooks
SCALE ?= quick
SEED ?= 0
ONLY ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
THREADS ?= 1
FORCE ?=

.PHONY: run test lab report execute new index clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	@echo "== setting up $(VENV): python -m venv, pip install -e '.[dev]', kernel '$(KERNEL)'"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3 (approx-notebooks)" >/dev/null
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python tools/run.py --scale "$(SCALE)" --seed "$(SEED)" --only "$(ONLY)" --jobs "$(JOBS)" --threads "$(THREADS)" $(if $(FORCE),--force,)

report: $(STAMP)
	$(BIN)/python tools/run.py --scale "$(SCALE)" --seed "$(SEED)" --only "$(ONLY)" --report-only

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax --nbval-cell-timeout=300 --nbval-kernel-name=$(KERNEL) -q

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=.

execute: $(STAMP)
	$(BIN)/python tools/execute.py $(ONLY)

new: $(STAMP)
	$(BIN)/python tools/new_notebook.py "$(ID)" "$(SLUG)"

index: $(STAMP)
	$(BIN)/python tools/index.py

clean:
	rm -rf runs .pytest_cache data/cache
	find . -path ./.venv -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints -o -name '*.egg-info' \) -type d -print0 | xargs -0 rm -rf
