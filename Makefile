# Stadkraft: `make run` sets up and starts the dashboard; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Where the data build reads its sources: nothing = the snapshot the project carries (data/kilder),
# a folder laid out like ../shared/data, or "ssb" (SSB's PxWebApi; needs internet).
KILDE  ?= $(STADKRAFT_KILDE)
DB     ?= $(or $(STADKRAFT_DB),data/stadkraft.duckdb)
PORT   ?= 8501
SNAPSHOT := data/kilder/manifest.json
# What the tests compare the snapshot with (the offline mirror, where it lies beside the clone),
# and the PostgreSQL database scripts/testmiljo.sh sets up for the workshop store's tests.
TESTKILDE ?= $(or $(STADKRAFT_KILDE),$(wildcard ../shared/data))
TEST_PG_URL ?= $(or $(STADKRAFT_TEST_PG_URL),postgresql://stadkraft:stadkraft@127.0.0.1:5432/stadkraft_test)

.PHONY: run data snapshot test e2e bench last last-side clean

$(BIN)/.installert: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Built when missing or older than the snapshot (a pull with new figures); `make data` rebuilds.
$(DB): $(SNAPSHOT) | $(BIN)/.installert
	$(BIN)/python -m stadkraft.data build $(if $(KILDE),--kilde "$(KILDE)") --db "$(DB)"

run: $(BIN)/.installert $(DB)
	STADKRAFT_DB="$(DB)" $(BIN)/python -m stadkraft.start --server.port $(PORT)

data: $(BIN)/.installert
	$(BIN)/python -m stadkraft.data build $(if $(KILDE),--kilde "$(KILDE)") --db "$(DB)"

# Writes data/kilder from the offline mirror (or KILDE=<folder>); commit the result.
snapshot: $(BIN)/.installert
	$(BIN)/python -m stadkraft.data snapshot --kilde "$(or $(KILDE),../shared/data)"

# Test artifacts (the evidence pack's page 1 as PNG, ...) are kept in artefakter/ for a look after the run.
test: $(BIN)/.installert
	scripts/testmiljo.sh
	STADKRAFT_KILDE="$(TESTKILDE)" STADKRAFT_TEST_PG_URL="$(TEST_PG_URL)" STADKRAFT_ARTEFAKTER="$(CURDIR)/artefakter" \
		$(BIN)/python -m pytest -q

# Only the browser tests (tests/test_nettleser_*.py); -s shows the pages' timing and bytes table.
e2e: $(BIN)/.installert
	scripts/testmiljo.sh
	STADKRAFT_KILDE="$(TESTKILDE)" STADKRAFT_TEST_PG_URL="$(TEST_PG_URL)" $(BIN)/python -m pytest -q -s tests/test_nettleser_*.py

bench: $(BIN)/.installert $(DB)
	STADKRAFT_KILDE="$(TESTKILDE)" STADKRAFT_DB="$(DB)" $(BIN)/python scripts/bench.py

last: $(BIN)/.installert
	$(BIN)/python scripts/last.py --deltakere 200 --backend duckdb

# The same room through the real server (Streamlit's websocket protocol, localhost only).
last-side: $(BIN)/.installert $(DB)
	$(BIN)/python scripts/last_side.py --deltakere 200 --backend duckdb --stat-db "$(DB)"

clean:
	rm -rf $(VENV) .pytest_cache
