# Two entry points for a fresh machine: `make run` and `make test`.
# Both create the virtualenv and install the project on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
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

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis monitor.egg-info
