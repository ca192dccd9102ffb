# Two entry points: `make run` (process raw/) and `make test` (the test suite).
# Both create the virtual environment on first use; `make test` also installs and
# starts what the tests need (tesseract, PostgreSQL, Chromium) through scripts/.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test system clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

system:
	bash scripts/setup-system.sh

run: $(STAMP)
	-bash scripts/setup-system.sh ocr
	$(BIN)/mgi run raw --out extracted

test: $(STAMP) system
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/score_structure.py
	$(BIN)/python bench/bench_speed.py
	$(BIN)/python bench/ocr_cer.py
	$(BIN)/python bench/bench_workers.py

clean:
	rm -rf $(VENV) extracted/*.parquet extracted/*.csv extracted/*.jsonl extracted/*.sqlite
