#!/usr/bin/env bash
# The main job, end to end on the embedded defaults: build this repository, start the collector server (SQLite
# under ./telemetry-data, port 8087 or a free one), run the example projects with telemetry sent to it, and print
# what arrived and where to look. Needs Java 17+ and nothing else; safe to run again (the running server is reused
# and the new reports appear next to the earlier ones).
#
#   ./demo.sh          build, start (or reuse) the server, run the examples, print the summary
#   ./demo.sh stop     stop the server this script started
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DATA_DIR=$ROOT/telemetry-data
PID_FILE=$DATA_DIR/demo-server.pid
URL_FILE=$DATA_DIR/demo-server.url
LOG_FILE=$DATA_DIR/demo-server.log

say() { printf '%s\n' "$*"; }

# GET http://127.0.0.1:<port><path> with bash alone (no curl on a fresh machine); prints the body.
http_get() {
    local port=$1 path=$2
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
    local response
    response=$(timeout 10 cat <&3) || { exec 3<&-; return 1; }
    exec 3<&-
    [[ $response == HTTP/1.?\ 2* ]] || return 1
    printf '%s\n' "${response#*$'\r\n\r\n'}"
}

port_of() { local url=$1; url=${url##*:}; printf '%s' "${url%%/*}"; }

server_alive() {
    [[ -f $PID_FILE && -f $URL_FILE ]] || return 1
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || return 1
    http_get "$(port_of "$(cat "$URL_FILE")")" /health >/dev/null 2>&1
}

stop_server() {
    if [[ -f $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
        kill "$(cat "$PID_FILE")"   # SIGTERM: the server drains, commits what it accepted and exits 0
        for _ in $(seq 1 100); do kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 0.1; done
        say "Collector server stopped."
    else
        say "No collector server started by demo.sh is running."
    fi
    rm -f "$PID_FILE" "$URL_FILE"
}

if [[ ${1:-} == stop ]]; then
    stop_server
    exit 0
fi

VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
SERVER_JAR=$ROOT/telemetry-server/target/telemetry-server-$VERSION.jar

say "==> Building Test Telemetry $VERSION (adapters, Maven plugin, collector server)"
./mvnw -B -q install -DskipTests -DskipITs

mkdir -p "$DATA_DIR"
if server_alive; then
    URL=$(cat "$URL_FILE")
    say "==> Reusing the collector server already running at $URL (pid $(cat "$PID_FILE"))"
else
    rm -f "$PID_FILE" "$URL_FILE"
    PORT=8087
    if (exec 3<>/dev/tcp/127.0.0.1/8087) 2>/dev/null; then
        PORT=0   # 8087 is taken: let the server pick a free port and tell us which
    fi
    say "==> Starting the collector server (SQLite in $DATA_DIR)"
    java -jar "$SERVER_JAR" --port "$PORT" --bind 127.0.0.1 --data-dir "$DATA_DIR" >"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    URL=
    for _ in $(seq 1 600); do
        URL=$(grep -o 'listening on http://[^ ]*' "$LOG_FILE" | head -1 | sed 's/^listening on //; s:/$::' || true)
        if [[ -n $URL ]] && http_get "$(port_of "$URL")" /health >/dev/null 2>&1; then break; fi
        if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
            say "The collector server did not start:"; cat "$LOG_FILE"; rm -f "$PID_FILE"; exit 1
        fi
        URL=; sleep 0.1
    done
    [[ -n $URL ]] || { say "The collector server did not answer within 60 s; see $LOG_FILE"; exit 1; }
    URL=${URL/0.0.0.0/127.0.0.1}
    echo "$URL" >"$URL_FILE"
    say "    listening at $URL"
fi

SUMMARIES=()
run_example() {
    local name=$1 expect=$2 out status=0
    say "==> Running examples/$name with telemetry sent to $URL"
    out=$(./mvnw -B -f "examples/$name/pom.xml" verify -Dtelemetry.enabled=true -Dtelemetry.endpoint="$URL" \
        -Dtelemetry.version="$VERSION" 2>&1) || status=$?
    mapfile -t lines < <(printf '%s\n' "$out" | grep -o 'Test telemetry: .*' || true)
    if [[ ${#lines[@]} -eq 0 ]]; then
        printf '%s\n' "$out" | tail -40
        say "examples/$name printed no telemetry line (build exit code $status)"; exit 1
    fi
    SUMMARIES+=("${lines[@]/#/  $name: }")
    if [[ $expect == fails && $status -eq 0 ]]; then
        say "examples/$name was expected to fail (one test fails on purpose) but passed"; exit 1
    elif [[ $expect == passes && $status -ne 0 ]]; then
        printf '%s\n' "$out" | tail -40; say "examples/$name failed (exit code $status)"; exit 1
    fi
}
run_example junit5-maven passes
run_example testng-maven passes
run_example maven-plugin-multimodule fails   # CheckoutIT.failsOnPurpose: the build fails, its report arrives

say ""
say "Reports (one line each, as the builds printed them):"
printf '%s\n' "${SUMMARIES[@]}"
say ""
say "Collector summary, GET $URL/api/v1/summary:"
SUMMARY=""
for _ in $(seq 1 50); do   # the worker stores accepted reports within a second; wait for them to show
    SUMMARY=$(http_get "$(port_of "$URL")" /api/v1/summary || true)
    [[ $SUMMARY == *'"runs"'* && $SUMMARY != *'"runs":0'* && $SUMMARY != *'"runs": 0'* ]] && break
    sleep 0.2
done
say "  ${SUMMARY:-<no answer>}"
say ""
say "Dashboard:   $URL/"
say "Stop it:     ./demo.sh stop      (server log: $LOG_FILE)"
say "(The maven-plugin-multimodule build fails on purpose: one integration test fails, and its report still arrived.)"
