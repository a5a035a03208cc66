# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run    — the site at http://127.0.0.1:8000/ on SQLite, with the seed facts loaded
#   make test   — the test suite (SQLite by default; PostgreSQL and Redis when
#                 DATABASE_URL and REDIS_URL are set)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser lint format translations messages check-deploy clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

translations: $(VENV)/.installed
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv -v0

run: translations
	DEBUG=true $(PY) manage.py migrate --noinput -v0
	DEBUG=true $(PY) manage.py load_seed_facts
	DEBUG=true $(PY) manage.py create_local_editor
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: translations
	$(PY) -m pytest -m "not browser" $(ARGS)

test-browser: translations
	$(PY) -m pytest -m browser $(ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh locale/zh_Hans/LC_MESSAGES/django.po after changing interface strings.
messages: $(VENV)/.installed
	DEBUG=true $(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --no-obsolete

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
