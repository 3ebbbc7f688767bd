#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh .venv/bin/pytest -m "not browser"
#
# Starts a fresh cluster from Debian's server binaries in a new temporary folder,
# runs the command with DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres,
# then stops the server and removes the folder, whatever the command's outcome.
# The script exits with the command's exit status.
#
# The role is the superuser "postgres" with trust authentication: Django's test
# runner creates and drops its own test database, which needs those rights, and the
# server only listens on 127.0.0.1 for as long as the command runs.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

# The newest installed major version (sort -V orders 9.6 < 10 < 15 correctly).
pg_bin=""
for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
        pg_bin="$dir"
    fi
done
if [ -z "$pg_bin" ]; then
    echo "with-postgres: no PostgreSQL server under /usr/lib/postgresql/*/bin;" \
        "run scripts/ensure-system-packages.sh postgresql" >&2
    exit 1
fi

# initdb and pg_ctl refuse to run as root, so as root they run as the "postgres"
# system user (Debian's postgresql package creates it) and that user owns the folder.
if [ "$(id -u)" -eq 0 ]; then
    if ! id -u postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    as_db_owner() { runuser -u postgres -- "$@"; }
else
    as_db_owner() { "$@"; }
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/pg.XXXXXX")"
datadir="$workdir/data"
sockdir="$workdir/socket"
logfile="$workdir/server.log"
started=""

cleanup() {
    local status=$?
    if [ -n "$started" ]; then
        # "immediate" skips the shutdown checkpoint: the data is thrown away anyway.
        as_db_owner "$pg_bin/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
        # If pg_ctl could not stop it (say the data folder got damaged), end the
        # server by the process id it wrote, so that no server outlives the script.
        if [ -f "$datadir/postmaster.pid" ]; then
            kill -KILL "$(head -n 1 "$datadir/postmaster.pid")" 2>/dev/null || true
        fi
    fi
    rm -rf "$workdir"
    exit "$status"
}
trap cleanup EXIT
# Make Ctrl-C and `kill` go through the EXIT trap too.
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$sockdir"
if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$workdir"
fi

# A free port chosen by the kernel. Another process could take it before the server
# binds it; that is unlikely on a test machine, and pg_ctl would then fail loudly.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

# Run the server tools from inside the temporary folder: the caller's working
# directory may not be readable by the postgres user.
(
    cd "$workdir"
    # --no-sync: nothing here needs to survive a crash of the machine.
    as_db_owner "$pg_bin/initdb" -D "$datadir" --auth=trust -U postgres \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync --no-instructions >"$workdir/initdb.log" 2>&1 \
        || { cat "$workdir/initdb.log" >&2; exit 1; }
)

# Settings for a fast, private, disposable server. Written to the config file rather
# than passed on pg_ctl's command line, which goes through a shell and needs quoting.
cat >>"$datadir/postgresql.conf" <<EOF

# --- added by scripts/with-postgres.sh ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
fsync = off
full_page_writes = off
synchronous_commit = off
EOF

started=yes
(
    cd "$workdir"
    as_db_owner "$pg_bin/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 start >/dev/null \
        || { echo "with-postgres: the server did not start; its log:" >&2; cat "$logfile" >&2; exit 1; }
)

echo "with-postgres: PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port"
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"

# Not `exec`: the EXIT trap must still run after the command to stop the server.
status=0
"$@" || status=$?
exit "$status"
