# Two entry points do all the set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-16)

export OMP_WAIT_POLICY ?= passive

.PHONY: setup serve ingest test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

ingest: setup
	$(BIN)/assistant ingest

serve: setup
	$(BIN)/assistant serve

# The browser test drives Debian's chromium (never `playwright install`); CJK fonts make its screenshots legible.
.PHONY: browser
browser:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk; }

test: setup browser
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python evals/bench.py

clean:
	rm -rf $(VENV) indexes/*/
