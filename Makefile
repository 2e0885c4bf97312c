# One command surface: make install | run | dev | test | lint | format | bench
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= edu.settings.production

.PHONY: help install run dev test lint format bench clean

help:
	@echo "make run    install, migrate, load the content and serve at http://$(HOST):$(PORT)"
	@echo "make test   install and run the whole test suite"
	@echo "make dev | lint | format | bench | clean"

# Rebuilt only when pyproject.toml changes, so a second `make install` is quick and silent.
$(VENV)/.installed: pyproject.toml
	@PYTHON=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$PYTHON"; "$$PYTHON" -m venv $(VENV); fi
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check '.[test]'
	@touch $@

install: $(VENV)/.installed

var/secret-key:
	@mkdir -p var && chmod 700 var
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@ && chmod 600 $@

run: install var/secret-key
	@export DJANGO_SECRET_KEY="$$(cat var/secret-key)" DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1}" \
	  DJANGO_HTTPS="$${DJANGO_HTTPS:-0}" DJANGO_MAIL_CONSOLE="$${DJANGO_MAIL_CONSOLE:-1}" WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}"; \
	$(PY) manage.py migrate --noinput -v 0 && $(PY) manage.py createcachetable && \
	$(PY) manage.py load_content && $(PY) manage.py load_demo --i-know && \
	$(PY) manage.py collectstatic --noinput -v 0 && \
	$(PY) manage.py ensure_local_editor --url "http://$(HOST):$(PORT)" && \
	exec $(VENV)/bin/gunicorn edu.wsgi:application --config edu/gunicorn.conf.py --bind "$(HOST):$(PORT)"

dev: install
	DJANGO_SETTINGS_MODULE=edu.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=edu.settings.dev $(PY) manage.py load_content
	DJANGO_SETTINGS_MODULE=edu.settings.dev $(PY) manage.py runserver $(HOST):$(PORT)

node_modules/.installed: package.json package-lock.json
	@npm ci --silent --no-audit --no-fund
	@touch $@

test: install node_modules/.installed
	DJANGO_SETTINGS_MODULE=edu.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=edu.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=edu.settings.test $(PY) manage.py validate_templates

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules staticfiles var db.sqlite3 db.sqlite3-wal db.sqlite3-shm
