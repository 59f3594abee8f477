#!/usr/bin/env bash
# Fixed-arrival-rate ingest benchmark of the collector (results in BENCHMARKS.md; not a test).
# Usage: telemetry-server/bench/ingest.sh [reports/s=2000 | comma list] [seconds=10] [rounds=2] [postgres]
# Each round runs the server jar as a child process per store: --no-store (the ceiling), SQLite, and, with
# "postgres", a private PostgreSQL cluster (Debian's binaries, fsync on). Everything stays on 127.0.0.1.
# BENCH_OPTS passes driver options (-Dbench.warmup=10 -Dbench.stores=none,sqlite -Dbench.java=… -Dbench.jvmArgs=…
# -Dbench.jfr=<dir>); SKIP_BUILD=1 uses the jar already built (build outside `flock /tmp/bench.lock`).
# BENCH_PRIORITY=1: run the measurement in its own session at autogroup nice -20 (see bench/priority.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q -pl telemetry-server -am package -DskipTests -P'!second-test-jvm' \
    dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
fi
cd telemetry-server
# shellcheck disable=SC2086
bench/priority.sh java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  org.testtelemetry.server.IngestBenchmark target/telemetry-server-*-SNAPSHOT.jar \
  "${1:-2000}" "${2:-10}" "${3:-2}" "${4:-}"
