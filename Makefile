# The two commands a new user needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DJANGO_SETTINGS_MODULE=solidarity.settings.dev

.PHONY: install run test lint bench seed clean browser-deps

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

var:
	mkdir -p var/static var/celery/broker var/celery/control var/celery/processed var/media

# Migrate, then seed the demo site and its admin user if the database has no content yet.
seed: install var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo --if-empty

# The site on http://127.0.0.1:8000/ with a Celery worker and Celery beat, from the Procfile.
run: seed
	$(DEV_ENV) BIND_HOST=127.0.0.1 PATH="$(CURDIR)/$(BIN):$$PATH" \
		$(BIN)/honcho --procfile Procfile start --port 8000 web worker beat

# Ruff, and the layers of DESIGN.md held by import-linter (pyproject.toml, [tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: install var lint
	DJANGO_SETTINGS_MODULE=solidarity.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The browser tests (tests/browser/) drive Debian's Chromium; `make test` runs them when it is
# installed and skips them otherwise. CI installs it here first: never a browser from a test tool.
CHROMIUM := /usr/bin/chromium
browser-deps:
	@if [ -x $(CHROMIUM) ]; then \
		echo "Browser tests use $$($(CHROMIUM) --version 2>/dev/null || echo $(CHROMIUM))"; \
	else \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get update -q && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi

bench: install var
	DJANGO_SETTINGS_MODULE=solidarity.settings.test $(BIN)/python -m tests.bench

clean:
	rm -rf var $(VENV)
