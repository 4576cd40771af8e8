#!/usr/bin/env bash
# Run a command with the services the tests need: a throwaway PostgreSQL, and a virtual X display
# for Qt screenshots when there is no display. Test fixtures start their own per-test services
# (pcscd with the vpcd virtual reader, the hub, the printer emulator) so each test controls their
# life cycle.
#
# PostgreSQL: a new cluster in a temp dir, listening only on a Unix socket in that dir (no port
# to collide with), without fsync. The command finds its database in KIOSK_TEST_PG_SERVER. The
# server is stopped and the dir removed however the command ends: success, failure or Ctrl-C.
# initdb and postgres refuse to run as root: as root they run as the postgres user.
set -euo pipefail

# Debian keeps PostgreSQL's programs out of PATH: the newest installed, else PATH's.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ] && command -v pg_ctl >/dev/null; then
	pg_bin=$(dirname "$(command -v pg_ctl)")
fi
if [ ! -x "$pg_bin/initdb" ]; then
	echo "$0: PostgreSQL is not installed (make apt installs postgresql-15)" >&2
	exit 1
fi

pg_dir=$(mktemp -d -t yimen-test-pg.XXXXXX)
as_postgres() {
	if [ "$(id -u)" = 0 ]; then
		(cd "$pg_dir" && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}
stop_postgres() {
	if [ -f "$pg_dir/data/postmaster.pid" ]; then
		as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$pg_dir"
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ "$(id -u)" = 0 ]; then
	chown postgres "$pg_dir"
fi
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync \
	>"$pg_dir/initdb.log" || { cat "$pg_dir/initdb.log" >&2; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o \
	"-c listen_addresses='' -c unix_socket_directories='$pg_dir' -c fsync=off" start >/dev/null \
	|| { cat "$pg_dir/server.log" >&2; exit 1; }
# The cluster is throwaway: the tests may wipe its default database.
export KIOSK_TEST_PG_SERVER="postgresql+psycopg://postgres@/postgres?host=$pg_dir"

if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
	xvfb-run -a -s "-screen 0 1920x1920x24" "$@"
else
	"$@"
fi
