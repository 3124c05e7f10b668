# Two commands from nothing: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_DB := var/demo.sqlite3

.PHONY: setup demo demo-reset test messages messages-extract check bench clean

# The venv is rebuilt whenever the lock file changes.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

setup: $(VENV)/.installed messages
	@mkdir -p var staticfiles

# The zh_Hans catalogues are compiled with polib, so no gettext tools are needed.
messages: $(VENV)/.installed
	@$(BIN)/gonghui compile_catalogues

demo: setup
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) GONGHUI_DEMO=1 $(BIN)/gonghui migrate --noinput -v0
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) GONGHUI_DEMO=1 $(BIN)/gonghui demo-data
	DATABASE_URL=sqlite:///$(CURDIR)/$(DEMO_DB) GONGHUI_DEMO=1 $(BIN)/gonghui demo-serve --port $(PORT)

demo-reset:
	# a fresh demo database on the next `make demo`
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

test: setup
	$(BIN)/gonghui makemigrations --check --dry-run -v0 --settings=config.settings.test
	$(BIN)/ruff check --quiet .
	$(BIN)/pytest

check: setup
	DJANGO_SECRET_KEY=check-$$(date +%s)-not-a-real-secret-but-long-enough-for-the-check GONGHUI_FIELD_KEY=$$($(BIN)/python -c "import secrets;print(secrets.token_urlsafe(32))") DJANGO_ALLOWED_HOSTS=gonghui.example \
	  $(BIN)/gonghui check --deploy --fail-level WARNING --settings=config.settings.production

bench: setup
	for b in bench/*.py; do $(BIN)/python $$b --quick | tail -n 1; done

clean:
	rm -rf $(VENV) var *.egg-info

# Re-extract every app's strings into its zh_Hans catalogue (needs GNU gettext; developers only).
APPS := $(notdir $(patsubst %/apps.py,%,$(wildcard gonghui/*/apps.py)))
messages-extract: $(VENV)/.installed
	for app in $(APPS); do \
	  mkdir -p gonghui/$$app/locale && \
	  (cd gonghui/$$app && DJANGO_SETTINGS_MODULE=config.settings.test PYTHONPATH=$(CURDIR) \
	    $(CURDIR)/$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete --no-location -v0) ; \
	done
