# Two commands do all set-up on a fresh machine (python3, pip, make, Pango):
#   make demo   validate the bundled case and build its campaign: every document, a letter
#               and an email draft per recipient, the manifest
#   make test   every check: ruff, mypy --strict, pytest
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CASE := facts/kz-toregozhina-2025.yaml

.PHONY: demo test bench harfbuzz chromium clean

demo: $(STAMP)
	$(BIN)/advocacy validate $(CASE)
	$(BIN)/advocacy build $(CASE) --emails

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/render_appeal.py
	$(BIN)/python bench/campaign.py
	$(BIN)/python bench/cold_start.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(MAKE) --no-print-directory harfbuzz
	@$(MAKE) --no-print-directory chromium
	@touch $(STAMP)

# Best effort: WeasyPrint subsets fonts through HarfBuzz when libharfbuzz-subset is there and
# falls back to fontTools (about 2x slower) when it is not. Installed where we can (Debian, root).
harfbuzz:
	@if ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1)) \
	  || echo "note: could not install libharfbuzz-subset0; PDFs render, about 2x slower"; \
	else echo "note: install libharfbuzz-subset0 (Debian/Ubuntu) for 2x faster PDF rendering"; fi

# Best effort: the preview's browser test drives a headless Chromium and is skipped without one.
chromium:
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
	    command -v google-chrome >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1)) \
	  || echo "note: could not install chromium; the preview's browser test will be skipped"; \
	else echo "note: install chromium (Debian/Ubuntu) to run the preview's browser test"; fi

clean:
	rm -rf $(VENV) output/*/

# After adding or changing a word in a template or the code: extract the messages into
# advocacy/i18n/locales/advocacy.pot and merge them into every catalog (then translate what is new).
.PHONY: catalogs
catalogs: $(STAMP)
	$(BIN)/python -m advocacy.authoring.extract
