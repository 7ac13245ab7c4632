#!/bin/sh
# A PostgreSQL 15 server of the test suite's own: `start` (prints its URL), `url`, `stop`.
#
# The cluster lives in a folder of its own (CONNECT_PG_DIR, default $TMPDIR/connect-pg), owned by
# the `postgres` user, listening on 127.0.0.1 only, on a free port, with its Unix socket in that
# folder: the system's default cluster (/etc/postgresql, /var/run/postgresql) is never touched.
# Host connections need a password (scram-sha-256), so the suite can test a wrong one; the
# superuser's password is made at random by `start` and kept in the folder.
#
#   export CONNECT_TEST_PG_URL="$(tests/pg/server.sh start)"   # the PostgreSQL tests then run
#   tests/pg/server.sh stop                                     # stops it, removes the folder
#
# Debian's `postgresql` package is installed when missing (apt-get; needs root). Server binaries
# run as `postgres` (they refuse to run as root).
set -eu

BIN=/usr/lib/postgresql/15/bin
DIR="${CONNECT_PG_DIR:-${TMPDIR:-/tmp}/connect-pg}"
DATA="$DIR/data"

as_postgres() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

say() { echo "server.sh: $*" >&2; }

url() {
    [ -f "$DIR/port" ] || { say "no server is running in $DIR; run '$0 start' first."; exit 1; }
    echo "postgresql://postgres:$(cat "$DIR/password")@127.0.0.1:$(cat "$DIR/port")/postgres"
}

running() {
    [ -f "$DATA/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

install() {
    [ -x "$BIN/initdb" ] && return
    say "installing Debian's postgresql package (apt-get)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    install
    if running; then url; return; fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chmod 0700 "$DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
    password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" | as_postgres sh -c "cat > '$DIR/password'"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$DIR/password" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    port="$(free_port)"
    as_postgres sh -c "echo $port > '$DIR/port'"
    # fsync off: a throwaway cluster for tests, rebuilt on every start
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c fsync=off -c full_page_writes=off" \
        start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
    url
}

stop() {
    if running; then
        as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *) say "usage: $0 start|stop|url"; exit 2 ;;
esac
