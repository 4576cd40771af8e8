#!/usr/bin/env bash
# Run a command with the services the tests need: a virtual X display for Qt screenshots when
# there is no display. Test fixtures start their own per-test services (pcscd with the vpcd
# virtual reader, the hub, the printer emulator) so each test controls their life cycle.
set -euo pipefail
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
	exec xvfb-run -a -s "-screen 0 1920x1920x24" "$@"
fi
exec "$@"
