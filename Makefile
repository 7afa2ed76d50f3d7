# Jiayuan quick start: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export DJANGO_SETTINGS_MODULE ?= core.settings.dev

.PHONY: run test install lint check-migrations clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Migrate, load site/ (grid tree, demo users and notices), collect static files and
# serve with gunicorn + whitenoise. Safe to run again: nothing is duplicated.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_site --demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "嘉园 is serving on http://127.0.0.1:$(PORT)/  (admin: /admin/)"
	JIAYUAN_DEBUG=0 $(VENV)/bin/gunicorn core.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# The whole suite on SQLite with a local-memory cache: no other service needed.
test: install
	DJANGO_SETTINGS_MODULE=core.settings.test $(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .

check-migrations: install
	DJANGO_SETTINGS_MODULE=core.settings.test $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) static_collected site/var
