# Common Ground: `make run` serves the app, `make test` runs every test.
# Both install what they need into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app:create_app

.PHONY: run test bench install install-dev translations chromium services pdf-libs lint clean

run: install translations pdf-libs
	$(BIN)/flask db upgrade
	$(BIN)/flask demo seed
	$(BIN)/python wsgi.py

test: install-dev translations chromium services pdf-libs
	$(BIN)/pytest

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled catalogues are build output; the .po files are the source.
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d app/translations -f

# Browser tests drive Debian's Chromium; install it when missing (as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; \
	  fi; }

# WeasyPrint (the PDF export) draws text with Pango; install it when missing.
pdf-libs:
	@ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; \
	  else \
	    echo "PDF exports need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; \
	  fi; }

# The scale tests (tests/scale) and the benchmark start their own PostgreSQL
# cluster (as the postgres user) and Redis server, and tests/test_deploy.py
# runs nginx with deploy/nginx.conf; install them when missing (as root).
services:
	@{ command -v redis-server && { command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl; } \
	  && { command -v nginx || ls /usr/sbin/nginx; }; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server postgresql nginx; \
	  else \
	    echo "Tests need redis-server, postgresql and nginx: sudo apt-get install redis-server postgresql nginx"; exit 1; \
	  fi; }

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) instance .pytest_cache

# After adding or changing interface strings: re-extract messages.pot and
# merge it into every catalogue, then translate the new empty msgstr lines in
# app/translations/*/LC_MESSAGES/messages.po. No fuzzy matching: `translations`
# compiles with -f, so a guessed translation would reach the interface.
.PHONY: translations-update
translations-update: $(VENV)/.installed
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k _l --add-comments=Translators: \
	  --project="Common Ground" -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations \
	  --no-fuzzy-matching --ignore-obsolete

# The benchmark: the app against a bare Flask-SocketIO relay, in the same run
# (docs/performance.md). `make bench ARGS=--quick` takes minutes; the table
# is printed and written under bench/results/. Its PostgreSQL and Redis runs
# start private servers, as the scale tests do.
bench: install-dev translations services
	$(BIN)/python -m bench $(ARGS)
