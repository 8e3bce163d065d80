# Two commands do all set-up: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test install migrate demo lint format messages worker clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo "Serving on http://127.0.0.1:8000 (tasks run eagerly). Ctrl-C stops."
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the Vietnamese catalogues after changing UI strings (needs GNU gettext).
# Each app keeps its own catalogue; templates/ and danvan/ use the top-level locale/.
APPS := accounts audit documents units criteria campaigns reports review ratings dashboards public
messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete --no-location -i '.venv/*' -i 'static/*' -i 'tests/*' \
	  -i 'bench/*' $(foreach app,$(APPS),-i '$(app)/*')
	for app in $(APPS); do mkdir -p $$app/locale && \
	  (cd $$app && ../$(PY) ../manage.py makemessages -l vi --no-obsolete --no-location); done
	$(PY) manage.py compilemessages -i .venv

worker: install
	$(VENV)/bin/celery -A danvan worker -l info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
