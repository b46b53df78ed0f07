# Two entry points for a fresh machine: `make run` and `make test`.
# Both create the virtualenv and install the project on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# every install (this Makefile, the Dockerfile) takes its versions from here;
# `make constraints` refreshes it after a change of pyproject.toml's dependencies
CONSTRAINTS := constraints.txt

.PHONY: install run test lint bench chaos clean constraints

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# the embedded runner with the web app beside it: http://127.0.0.1:8080 (first start prints the login)
run: install
	$(VENV)/bin/monitor run --web 127.0.0.1:8080

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check monitor workers tests bench
	$(VENV)/bin/mypy

bench: install
	@set -e; for script in bench/bench_*.py; do \
		echo "== $$script"; $(PY) $$script; \
	done

# resolve the newest versions pyproject.toml allows in a fresh virtualenv and pin them
constraints:
	rm -rf .constraints-venv
	$(PYTHON) -m venv .constraints-venv
	.constraints-venv/bin/python -m pip install --quiet --upgrade pip
	.constraints-venv/bin/python -m pip install --quiet '.[dev]'
	{ echo "# pinned versions for make install and the Dockerfile; refresh with: make constraints"; \
	  .constraints-venv/bin/python -m pip freeze --exclude-editable | grep -v '^monitor[= @]'; } > $(CONSTRAINTS)
	rm -rf .constraints-venv

# the distributed mode under kill -9, a Redis restart and a database outage (a few minutes)
chaos: install
	$(PY) -m tests.workers.chaos

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis monitor.egg-info
