# Stadkraft: `make run` sets up and starts the dashboard; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Where the data build reads its sources: a folder laid out like ../shared/data, or "ssb".
KILDE  ?= $(or $(STADKRAFT_KILDE),../shared/data)
DB     ?= $(or $(STADKRAFT_DB),data/stadkraft.duckdb)
PORT   ?= 8501

.PHONY: run data test bench last clean

$(BIN)/.installert: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Built on first run only; `make data` rebuilds.
$(DB): | $(BIN)/.installert
	$(BIN)/python -m stadkraft.data build --kilde "$(KILDE)" --db "$(DB)"

run: $(BIN)/.installert $(DB)
	STADKRAFT_DB="$(DB)" $(BIN)/python -m stadkraft.start --server.port $(PORT)

data: $(BIN)/.installert
	$(BIN)/python -m stadkraft.data build --kilde "$(KILDE)" --db "$(DB)"

test: $(BIN)/.installert
	scripts/testmiljo.sh
	STADKRAFT_KILDE="$(KILDE)" $(BIN)/python -m pytest -q

bench: $(BIN)/.installert $(DB)
	STADKRAFT_KILDE="$(KILDE)" STADKRAFT_DB="$(DB)" $(BIN)/python scripts/bench.py

last: $(BIN)/.installert
	$(BIN)/python -m stadkraft.workshop.last --deltakere 200 --backend duckdb

clean:
	rm -rf $(VENV) .pytest_cache
