# Qala Strategy. `make run` serves the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# The test suite runs against the real local services.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qala
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test bench lint setup messages services

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --verbosity=0

setup:
	scripts/system-deps.sh run
	$(MAKE) messages

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Serving on http://127.0.0.1:8000/ (Ctrl+C stops)"
	$(MANAGE) runserver 127.0.0.1:8000

services:
	scripts/services.sh

test:
	scripts/system-deps.sh test
	# axe-core for the accessibility run, exactly as package-lock.json pins it.
	npm ci --no-audit --no-fund --ignore-scripts
	$(MAKE) messages services lint
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest -n 2
	# Again on the embedded default (SQLite, no Redis): the tests marked `embedded`.
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -m embedded

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) spectacular --validate --fail-on-warn --file /dev/null
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=qala.example.kz $(MANAGE) check --deploy --fail-level WARNING

bench: $(VENV)/.installed services
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/python bench/run.py
