# Every target sets itself up on first use: a .venv with the game (and, for
# tests, the test tools) installed, refreshed when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SCENARIO ?= scenarios/clean-air-compact.toml

.PHONY: play test lint bench schema golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

play: $(VENV)/.installed
	$(BIN)/sim play $(SCENARIO)

test: $(VENV)/.installed-test
	$(BIN)/ruff check sim tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check sim tests bench
	$(BIN)/ruff format --check sim tests bench

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

# Regenerate what is derived from the models: the JSON Schema and the format reference.
schema: $(VENV)/.installed
	$(BIN)/sim schema -o scenarios/scenario.schema.json
	$(BIN)/python -m sim.scenario.reference docs/authoring.md

# Regenerate every golden file the tests compare against, after a change meant to alter
# them: the pinned state hashes, the debrief reports and the Textual screenshots. Read the
# diff before committing it; a changed pinned hash also means bumping RULES_VERSION.
golden: $(VENV)/.installed-test
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/engine/test_pinned_hashes.py tests/debrief/test_report.py
	$(BIN)/python -m pytest --snapshot-update $(wildcard tests/*/test_*snapshots.py)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache .grimp_cache
