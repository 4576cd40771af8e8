# 一门通 (Yimen): the two commands a newcomer needs.
#   make demo   install what is missing, then run the kiosk demo (or its headless tour)
#   make test   install what is missing, start what the tests need, run every check
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := python3-venv python3-dev build-essential libpcsclite-dev swig pcscd \
	vsmartcard-vpcd pcsc-tools libxcb-cursor0 libegl1 libgl1 libpulse0 libxkbcommon-x11-0 \
	libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
	libxcb-xinerama0 libxcb-xkb1 libfontconfig1 libdbus-1-3 fonts-noto-cjk xvfb xauth \
	speech-dispatcher espeak-ng postgresql-15 chromium chromium-driver \
	fonts-liberation cups cups-client printer-driver-cups-pdf poppler-utils
DEMO_OUT ?= demo-out

.PHONY: demo test check lint typecheck contracts pytest apt venv qm translations clean

demo: apt venv qm
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/kiosk demo; \
	else \
		echo "No display: running the headless demo tour into $(DEMO_OUT)/"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/kiosk demo --tour $(DEMO_OUT); \
	fi

test: apt venv qm check

check: lint typecheck contracts pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

contracts:
	$(BIN)/lint-imports

# The whole suite on SQLite, then the hub's tests again on the throwaway PostgreSQL the services
# script starts (KIOSK_TEST_PG_SERVER). pytest's own exit code is kept: 5 (no tests collected)
# fails the build like any other.
pytest:
	bash tools/with-test-services.sh sh -ec \
		'$(BIN)/pytest; KIOSK_TEST_PG_URL="$$KIOSK_TEST_PG_SERVER" $(BIN)/pytest tests/hub'

# English UI: compile the Qt Linguist sources (.ts) the app loads (.qm).
qm: venv
	$(BIN)/pyside6-lrelease -silent ui/translations/*.ts

# After changing UI strings: refresh the .ts, then translate the new entries with Qt Linguist.
translations: venv
	$(BIN)/pyside6-lupdate -no-obsolete $$(find ui -name '*.py' | sort) -ts ui/translations/yimen_en.ts

# Debian packages: only the missing ones are installed (sudo when not root).
apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	@touch $@

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
