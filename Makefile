# The two commands of the README: `make render` and `make test`.
# Each sets up what is missing first (Debian packages, .venv, the project);
# a stamp makes the second run skip all of that.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
CALCREEL := $(VENV)/bin/calcreel
STAMP := $(VENV)/.calcreel-installed
CONFIG ?= config.yaml
PYTHON ?= python3

DEB_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config ffmpeg fonts-dejavu-core \
	texlive-latex-base texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended dvisvgm poppler-utils chromium \
	flite festival festvox-us-slt-hts espeak-ng

.PHONY: setup render test corpus fuzz bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$(echo $$missing)"; \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing Debian packages: $$(echo $$missing)"; \
			bash -c "$$cmd" || exit 1; \
		else \
			echo "calcreel needs Debian packages that are missing; run as root:"; \
			echo "  sudo bash -c '$$cmd'"; \
			exit 1; \
		fi; \
	fi
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

render: $(STAMP)
	$(CALCREEL) practice $(CONFIG); practice=$$?; \
	$(CALCREEL) render $(CONFIG) --lecture --slides && exit $$practice

test: $(STAMP)
	$(PY) -m pytest -q -n auto --dist loadgroup --durations=25

# The textbook corpus with every sampled lesson previewed (make test previews 10 of them).
corpus: $(STAMP)
	CALCREEL_CORPUS=1 $(PY) -m pytest -q -n auto --dist loadgroup tests/corpus

# Over 10 000 random formulas and course files (make test runs a fixed ~150).
fuzz: $(STAMP)
	CALCREEL_FUZZ=1 $(PY) -m pytest -q -p no:cacheprovider --hypothesis-show-statistics tests/test_fuzz.py

bench: $(STAMP)
	$(PY) scripts/bench.py --config $(CONFIG) --out bench.json

lint: $(STAMP)
	$(VENV)/bin/ruff check mathcore scenes scripts tests

clean:
	rm -rf $(VENV) media out bench.json
