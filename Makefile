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
# Building the Debian package, and trying it in a fresh Debian 12 root (make deb, make deb-check).
DEB_APT_PACKAGES := debhelper dpkg-dev python3.11-dev python3.11-venv libpcsclite-dev swig lintian \
	mmdebstrap
DEB_COMPRESSION ?= xz
DEB_DIR := build/deb

.PHONY: demo test check lint typecheck contracts pytest apt venv qm translations clean deb deb-apt \
	deb-check deb-lint

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

# The Debian package yimen (packaging/debian): the application in /opt/yimen with its own virtual
# environment from constraints.txt, the yimen-kiosk and yimen-hub units, udev rules. Built from
# a copy of the checkout's files (dpkg-buildpackage writes next to its source folder), then
# checked by lintian (make deb-lint). Result: $(DEB_DIR)/yimen_VERSION_amd64.deb
deb: deb-apt
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/yimen
	git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - \
		| tar -xf - -C $(DEB_DIR)/yimen
	cp -r packaging/debian $(DEB_DIR)/yimen/debian
	cd $(DEB_DIR)/yimen && DEB_COMPRESSION=$(DEB_COMPRESSION) dpkg-buildpackage -b -us -uc
	@ls -l $(DEB_DIR)/*.deb

# lintian on the built package (a few minutes: it reads every file of the 1 GB environment).
deb-lint:
	lintian --fail-on error,warning $(DEB_DIR)/*.changes

# Install the package into a fresh Debian 12 root (mmdebstrap, cached in ~/.cache/yimen), run
# kiosk doctor and the hub as their units would (tests/e2e/deb, after make deb).
deb-check: venv
	KIOSK_TEST_DEB=1 $(BIN)/pytest tests/e2e/deb

deb-apt:
	@$(MAKE) --no-print-directory apt APT_PACKAGES="$(DEB_APT_PACKAGES)"

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
