# Two entry points do all the set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-16)

export OMP_WAIT_POLICY ?= passive

.PHONY: setup serve ingest test bench clean

# Bytecode is compiled at set-up, so a process started where PYTHONDONTWRITEBYTECODE is set (or the checkout
# is read-only) does not compile every module again (0.7 s of a one-shot `assistant ask`).
setup: $(STAMP)
	$(BIN)/python -m compileall -q assistant api >/dev/null

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

# Browser libraries from the npm registry, pinned and committed (api/static/vendor/, tests/e2e/vendor/), so
# neither `serve` nor `test` needs npm or a CDN. `make vendor` fetches them again and checks their hashes.
NPM_PACKAGES := vega@6.4.0 vega-lite@6.5.0 vega-embed@7.3.0 axe-core@4.14.1
.PHONY: vendor
vendor:
	rm -rf .vendor && mkdir .vendor
	cd .vendor && npm pack --silent $(NPM_PACKAGES) >/dev/null && for f in *.tgz; do mkdir "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp .vendor/vega-6.4.0/package/build/vega.min.js api/static/vendor/
	cp .vendor/vega-6.4.0/package/LICENSE api/static/vendor/vega.LICENSE
	cp .vendor/vega-lite-6.5.0/package/build/vega-lite.min.js api/static/vendor/
	cp .vendor/vega-lite-6.5.0/package/LICENSE api/static/vendor/vega-lite.LICENSE
	cp .vendor/vega-embed-7.3.0/package/build/vega-embed.min.js api/static/vendor/
	cp .vendor/vega-embed-7.3.0/package/LICENSE api/static/vendor/vega-embed.LICENSE
	cp .vendor/axe-core-4.14.1/package/axe.min.js tests/e2e/vendor/
	cp .vendor/axe-core-4.14.1/package/LICENSE tests/e2e/vendor/axe-core.LICENSE
	cd api/static/vendor && sha256sum -c SHA256SUMS
	cd tests/e2e/vendor && sha256sum -c SHA256SUMS
	rm -rf .vendor

test: setup browser
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python evals/bench.py

clean:
	rm -rf $(VENV) indexes/*/
