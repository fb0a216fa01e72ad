# Two commands do all set-up on a fresh machine with python3 and make:
#   make run   - create .venv, install, start the dashboard on seeds/
#   make test  - create .venv, install with test extras, run the whole suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test quick lint lock bench eval clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet -c requirements.lock -e ".[tone]"
	touch $@

$(TEST_STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet -c requirements.lock -e ".[test,dask,tone]"
	touch $@ $(STAMP)

# make run [PORT=8600] [ADDRESS=0.0.0.0] [CORPUS=path[:path]] [STORE=path.duckdb] [ARGS="..."]
PORT ?= 8501
ADDRESS ?= localhost
run: $(STAMP)
	$(if $(CORPUS),THEMEWATCH_CORPORA="$(CORPUS)") $(if $(STORE),THEMEWATCH_STORE="$(STORE)") \
	$(PY) -m streamlit run dashboard/serve.py --server.port $(PORT) --server.address $(ADDRESS) $(ARGS)

test: $(TEST_STAMP) browser
	$(PY) -m ruff check .
	$(PY) -m pytest

# The inner loop: everything but the browser and Dask cluster tests (CI runs 'make test').
quick: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -q -m "not browser and not cluster"

# Pin every installed version again (after a dependency change in pyproject.toml).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e ".[test,dask,tone]"
	{ sed -n '1,3p' requirements.lock; .lock-venv/bin/pip freeze --exclude-editable; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .lock-venv

# The browser test drives Debian's chromium; never a downloaded browser.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "WARNING: /usr/bin/chromium missing and not root: the browser test will skip (fails under CI=true)"; fi; \
	fi

lint: $(TEST_STAMP)
	$(PY) -m ruff check .

eval: $(TEST_STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) benchmarks/eval_figures.py
	$(PY) benchmarks/eval_blind.py --quiet
	$(PY) benchmarks/eval_themes.py
	$(PY) benchmarks/eval_sentiment.py

bench: $(TEST_STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) benchmarks/bench.py --docs 2000 --workers 2
	$(PY) benchmarks/bench_dashboard.py --docs 10000 --workers 2

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/artifacts
