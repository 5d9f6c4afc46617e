# gw_plugin — build, test and demo commands. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
export QT_QPA_PLATFORM ?= offscreen
export PYTHONPATH := $(CURDIR):/usr/share/qgis/python/plugins:$(PYTHONPATH)
export PYTHONDONTWRITEBYTECODE := 1
OUT ?= $(CURDIR)/build/demo
PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)

.PHONY: setup demo test lint format package deploy screenshot screenshots bench soak fuzz i18n ts clean

setup:
	@bash scripts/setup.sh

i18n: setup
	@bash scripts/build_i18n.sh

ts: setup
	bash scripts/update_ts.sh

demo: setup i18n
	$(PY) scripts/demo.py --output "$(OUT)"

test: setup i18n
	$(PY) -m pytest -q tests

lint: setup
	.venv/bin/ruff check gw_plugin tests bench scripts
	.venv/bin/ruff format --check gw_plugin tests bench scripts
	.venv/bin/lint-imports --no-cache
	$(PY) -m pytest -q -p no:cacheprovider tests/test_architecture.py

format: setup
	.venv/bin/ruff format gw_plugin tests bench scripts
	.venv/bin/ruff check --fix gw_plugin tests bench scripts

package: i18n
	$(PY) scripts/package.py --output build/gw_plugin-$(VERSION).zip

deploy: i18n
	$(PY) scripts/package.py --deploy "$(PROFILE)/python/plugins"

screenshot: setup i18n
	bash scripts/screenshot.sh "$(OUT)"

screenshots: setup i18n
	bash scripts/screenshots.sh "$(OUT)"

bench: setup
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

fuzz: setup
	FUZZ_SCALE=$${FUZZ_SCALE:-10} $(PY) -m pytest -q -s -p no:cacheprovider tests/fuzz

soak: setup
	$(PY) tests/soak/soak_sync.py --kills 5 --drops 5 --time-limit 1800

clean:
	rm -rf build .pytest_cache
