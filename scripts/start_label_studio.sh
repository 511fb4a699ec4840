#!/usr/bin/env bash
# Install, start and stop a local Label Studio server for gainer's annotation loop (127.0.0.1 only).
#
#   scripts/start_label_studio.sh install   # create the server's own venv and install label-studio (minutes)
#   scripts/start_label_studio.sh start     # start it, wait for /health, write the credentials file
#   scripts/start_label_studio.sh stop      # stop the server this script started
#   scripts/start_label_studio.sh status    # exit 0 when the server answers /health
#
# Label Studio pins its own dependencies (Django, ...), so it lives in a separate virtual environment,
# never in gainer's. gainer only needs label-studio-sdk (the `train` extra).
#
# `start` creates a superuser with a random password and a random legacy API token, enables legacy
# tokens for the organization, and writes
#     $GAINER_LS_STATE/env   (mode 600)
# holding `export LABEL_STUDIO_URL=... LABEL_STUDIO_API_KEY=... LABEL_STUDIO_USERNAME=... LABEL_STUDIO_PASSWORD=...`.
# Source it (`. "$GAINER_LS_STATE/env"`) to use the server; the token is never printed.
#
# Settings (environment):
#   GAINER_LS_VENV      the server's venv          (default ${XDG_CACHE_HOME:-~/.cache}/gainer/ls-venv)
#   GAINER_LS_VERSION   label-studio version       (default 1.23.2)
#   GAINER_LS_PORT      port on 127.0.0.1          (default 8089; start fails when it is taken)
#   GAINER_LS_STATE     pid, log and env file      (default ${TMPDIR:-/tmp}/gainer-label-studio)
#   GAINER_LS_DATA_DIR  database and media         (default: a new temporary directory under the state dir;
#                                                   give a fixed one to keep projects between restarts)
#   GAINER_LS_TIMEOUT   seconds to wait for /health (default 300; the first start runs migrations)
#   GAINER_LS_PYTHON    python used to create the venv (default python3; label-studio needs 3.10-3.13)
set -euo pipefail

LS_VENV="${GAINER_LS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gainer/ls-venv}"
LS_VERSION="${GAINER_LS_VERSION:-1.23.2}"
PORT="${GAINER_LS_PORT:-8089}"
STATE="${GAINER_LS_STATE:-${TMPDIR:-/tmp}/gainer-label-studio}"
TIMEOUT="${GAINER_LS_TIMEOUT:-300}"
PY="${GAINER_LS_PYTHON:-python3}"
HOST=127.0.0.1
URL="http://$HOST:$PORT"

die() { echo "start_label_studio.sh: $*" >&2; exit 1; }

ls_bin() { echo "$LS_VENV/bin/label-studio"; }

cmd_install() {
    if [ -x "$(ls_bin)" ] && "$LS_VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('label-studio') != '$LS_VERSION')" 2>/dev/null; then
        echo "label-studio $LS_VERSION already installed in $LS_VENV"
        return 0
    fi
    mkdir -p "$(dirname "$LS_VENV")"
    "$PY" -m venv "$LS_VENV"
    "$LS_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "label-studio==$LS_VERSION"
    echo "installed label-studio $LS_VERSION in $LS_VENV"
}

healthy() {
    # curl may be missing on a bare machine; python is not
    "${LS_VENV}/bin/python" - "$URL/health" <<'EOF' 2>/dev/null
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=3) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}

running_pid() {
    [ -f "$STATE/pid" ] || return 1
    local pid
    pid="$(cat "$STATE/pid")"
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

cmd_start() {
    [ -x "$(ls_bin)" ] || die "label-studio is not installed in $LS_VENV; run: scripts/start_label_studio.sh install"
    mkdir -p "$STATE"
    chmod 700 "$STATE"
    if pid="$(running_pid)"; then
        if healthy; then
            echo "Label Studio already running at $URL (pid $pid); credentials in $STATE/env"
            return 0
        fi
        die "a server started from $STATE (pid $pid) is running but $URL/health does not answer; run: scripts/start_label_studio.sh stop"
    fi
    # Label Studio silently moves to another port when its port is taken: refuse instead
    "$LS_VENV/bin/python" - "$HOST" "$PORT" <<'EOF' || die "port $PORT on $HOST is in use; set GAINER_LS_PORT to a free port"
import socket, sys
s = socket.socket()
try:
    s.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF

    local data="${GAINER_LS_DATA_DIR:-}"
    if [ -z "$data" ]; then
        data="$(mktemp -d "$STATE/data.XXXXXX")"
    fi
    mkdir -p "$data"
    chmod 700 "$data"

    # the credentials belong to the data dir: a reused data dir keeps its user and token
    local cred="$data/gainer-credentials"
    if [ ! -f "$cred" ]; then
        (
            umask 077
            "$LS_VENV/bin/python" -c "
import secrets
print('LS_USER=gainer@localhost.test')
print('LS_PASSWORD=' + secrets.token_urlsafe(18))
print('LS_TOKEN=' + secrets.token_hex(20))
print('LS_SECRET_KEY=' + secrets.token_urlsafe(40))
" >"$cred"
        )
    fi
    # shellcheck disable=SC1090
    . "$cred"

    # keep every request on this machine: no version check, no Sentry, no analytics
    export LATEST_VERSION_CHECK=false SENTRY_DSN="" FRONTEND_SENTRY_DSN="" COLLECT_ANALYTICS=false
    export LABEL_STUDIO_BASE_DATA_DIR="$data"
    export LABEL_STUDIO_USERNAME="$LS_USER" LABEL_STUDIO_PASSWORD="$LS_PASSWORD" LABEL_STUDIO_USER_TOKEN="$LS_TOKEN"
    export LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true
    # a fixed Django secret keeps browser logins valid across restarts on the same data dir
    export SECRET_KEY="${LS_SECRET_KEY:-}"
    # the credentials go through the environment, not argv, so `ps` does not show them
    nohup "$(ls_bin)" start \
        --no-browser \
        --internal-host "$HOST" \
        --port "$PORT" \
        --data-dir "$data" \
        --enable-legacy-api-token \
        --log-level WARNING \
        >"$STATE/server.log" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$STATE/pid"
    echo "$data" >"$STATE/data_dir"

    local waited=0
    until healthy; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$STATE/pid"
            tail -n 30 "$STATE/server.log" >&2 || true
            die "Label Studio exited before answering $URL/health (log: $STATE/server.log)"
        fi
        if [ "$waited" -ge "$TIMEOUT" ]; then
            die "Label Studio did not answer $URL/health within ${TIMEOUT}s (log: $STATE/server.log); raise GAINER_LS_TIMEOUT or run: scripts/start_label_studio.sh stop"
        fi
        sleep 2
        waited=$((waited + 2))
    done

    (
        umask 077
        {
            echo "export LABEL_STUDIO_URL='$URL'"
            echo "export LABEL_STUDIO_API_KEY='$LS_TOKEN'"
            echo "export LABEL_STUDIO_USERNAME='$LS_USER'"
            echo "export LABEL_STUDIO_PASSWORD='$LS_PASSWORD'"
        } >"$STATE/env.tmp"
        mv "$STATE/env.tmp" "$STATE/env"
    )
    echo "Label Studio $LS_VERSION running at $URL (pid $pid, data $data)"
    echo "credentials (URL, API key, login): $STATE/env  ->  . $STATE/env"
}

cmd_stop() {
    local pid
    if pid="$(running_pid)"; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
        echo "stopped Label Studio (pid $pid)"
    else
        echo "no Label Studio started from $STATE is running"
    fi
    rm -f "$STATE/pid" "$STATE/env"
}

cmd_status() {
    if healthy; then
        echo "Label Studio answers at $URL"
    else
        echo "no Label Studio answers at $URL" >&2
        return 1
    fi
}

case "${1:-start}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h | --help | help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command ${1}; expected install, start, stop or status" ;;
esac
