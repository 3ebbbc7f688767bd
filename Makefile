# Build, run and test the dashboard. `make help` lists the targets.
#
# Everything runs from the project's own virtualenv in .venv, made on first use from
# the machine's python3 (3.11), and the static assets from npm into node_modules, so a
# fresh machine needs only python3 and make; npm and the Debian packages the tests need
# are installed (as root) or asked for by scripts/ensure-system-packages.sh.

# bash with -e and pipefail: a failing command anywhere in a recipe line stops make.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# The steps of `make test` depend on each other's order (packages before venv, venv
# before tests); keep them in that order even under `make -j`.
.NOTPARALLEL:

PYTHON ?= python3
# Where `make run` serves: make run PORT=8001 (HOST=0.0.0.0 to be reached from elsewhere).
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; newer than pyproject.toml means nothing to do.
STAMP := $(VENV)/.installed
# The same for the static assets from npm (plotly.js), newer than package-lock.json.
NODE_STAMP := node_modules/.installed
MANAGE := $(BIN)/python manage.py
PYTEST := $(BIN)/pytest
# Extra pytest arguments for the test targets, e.g. make test-sqlite PYTEST_ARGS="-k units -x"
PYTEST_ARGS ?=
# The suite that runs on both databases; the browser tests run once, on SQLite.
SUITE := $(PYTEST) -m "not browser" $(PYTEST_ARGS)
# pytest exits 5 when it selected no test at all. For the database suites that only
# means no such tests exist yet, which is no reason to fail the build.
ALLOW_NO_TESTS := || [ $$? -eq 5 ]

# Apps that keep their own translations (an app folder with a locale/ inside).
APP_LOCALE_APPS := $(patsubst %/locale,%,$(wildcard */locale))

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run install system-packages migrate compilemessages messages lint \
	test test-sqlite test-postgres test-browser

help:
	@echo "make run            set up .venv, migrate, load units and demo data, serve on 127.0.0.1:8000 (PORT=8001 for another port)"
	@echo "make test           everything CI runs: lint, the suite on SQLite and PostgreSQL, browser tests"
	@echo "make lint           ruff check and mypy (types of the apps and config)"
	@echo "make test-sqlite    the suite (without browser tests) on SQLite"
	@echo "make test-postgres  the suite on PostgreSQL: DATABASE_URL if set, else a throwaway server"
	@echo "make test-browser   the browser tests (headless Chromium) on SQLite"
	@echo "make messages       update the Vietnamese .po files (makemessages -l vi)"
	@echo "make install        create .venv and install the project with its dev tools"

# --- Setting up ----------------------------------------------------------------

# The venv is (re)installed only when pyproject.toml changed since the last install,
# so a second `make run` or `make test` starts at once.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

# plotly.js's basic bundle, pinned in package-lock.json; `npm ci` installs exactly that
# (Debian's npm, installed as root or asked for like the other system packages).
$(NODE_STAMP): package.json package-lock.json
	scripts/ensure-system-packages.sh npm
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

# Everything the test targets need from Debian (PostgreSQL server, Chromium, gettext).
system-packages:
	scripts/ensure-system-packages.sh

migrate: install
	$(MANAGE) migrate --noinput

# Compiles the .po files to .mo (not kept in git). .venv is skipped: Django's own
# catalogues there are compiled already. With no .po file yet there is nothing to do,
# and compilemessages would stop with an error about not finding any locale folder.
compilemessages: install
	scripts/ensure-system-packages.sh gettext
	@if find . -path ./$(VENV) -prune -o -name '*.po' -print -quit | grep -q .; then \
		echo "$(MANAGE) compilemessages --ignore=$(VENV)"; \
		$(MANAGE) compilemessages --ignore=$(VENV); \
	else \
		echo "No .po files yet: nothing to compile."; \
	fi

# One catalogue for the project (locale/: templates/, config/ and apps without their
# own) and one per app that has a locale/ folder, each made from inside that app.
messages: install
	scripts/ensure-system-packages.sh gettext
	$(MANAGE) makemessages -l vi --no-location --no-obsolete --ignore=$(VENV) --ignore=tests --ignore=test-artifacts \
		$(foreach app,$(APP_LOCALE_APPS),--ignore=$(app))
	@for app in $(APP_LOCALE_APPS); do \
		echo "cd $$app && makemessages -l vi"; \
		(cd "$$app" && ../$(BIN)/python ../manage.py makemessages -l vi --no-location --no-obsolete) || exit 1; \
	done

# --- Running -------------------------------------------------------------------

# DEBUG=true: a development server over plain HTTP needs cookies that are not
# Secure-only and static files served from the app folders (see config/settings.py).
run: export DEBUG ?= true
# Mails (reminders, notices) are printed in the terminal instead of being sent.
run: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
run: export SITE_URL ?= http://$(HOST):$(PORT)
# The background worker (large imports, the notices' mails) runs beside the web server
# and is stopped with it: Ctrl-C, or the server ending for any reason, ends the worker.
run: install migrate compilemessages
	$(MANAGE) load_units
	$(MANAGE) load_demo
	$(MANAGE) db_worker --verbosity 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	$(MANAGE) runserver $(HOST):$(PORT)

# --- Checking ------------------------------------------------------------------

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# The browser tests come last so that their summary is the last line printed.
# make stops at the first step that fails; `make -k test` runs the rest anyway.
test: system-packages install lint compilemessages test-sqlite test-postgres test-browser

# env -u: a DATABASE_URL in the caller's environment must not turn these into
# PostgreSQL runs.
test-sqlite: install compilemessages
	env -u DATABASE_URL $(SUITE) $(ALLOW_NO_TESTS)

# A DATABASE_URL given by the caller (a CI service, a developer's server) is used as
# it is; otherwise a private server lives just as long as the run.
test-postgres: install compilemessages
ifdef DATABASE_URL
	$(SUITE) $(ALLOW_NO_TESTS)
else
	scripts/ensure-system-packages.sh postgresql
	scripts/with-postgres.sh $(SUITE) $(ALLOW_NO_TESTS)
endif

test-browser: install compilemessages
	scripts/ensure-system-packages.sh chromium
	env -u DATABASE_URL $(PYTEST) -m browser $(PYTEST_ARGS)

# --- Benchmarks ----------------------------------------------------------------

# A national report file (every 2025 commune × every indicator) imported into
# PostgreSQL: rows per second against a plain COPY, and peak memory (bench/README.md).
.PHONY: bench-import
bench-import: install
ifdef DATABASE_URL
	$(BIN)/python bench/import_bench.py
else
	scripts/ensure-system-packages.sh postgresql
	scripts/with-postgres.sh $(BIN)/python bench/import_bench.py
endif

# The dashboard and report pages of one province timed on a national data set (every unit
# of both eras, ten years, about a million actuals) in PostgreSQL (bench/README.md).
.PHONY: bench-dashboard
bench-dashboard: install
ifdef DATABASE_URL
	$(BIN)/python bench/dashboard_bench.py $(BENCH_ARGS)
else
	scripts/ensure-system-packages.sh postgresql
	scripts/with-postgres.sh $(BIN)/python bench/dashboard_bench.py $(BENCH_ARGS)
endif

# The dashboard, progress and entry pages under 1 and 10 concurrent clients, served by
# gunicorn (4 workers) on the national data set of bench-dashboard, against a plain page
# (bench/README.md).
.PHONY: bench-load
bench-load: install
ifdef DATABASE_URL
	$(BIN)/python bench/load_bench.py
else
	scripts/ensure-system-packages.sh postgresql
	scripts/with-postgres.sh $(BIN)/python bench/load_bench.py
endif
