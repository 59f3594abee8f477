#!/usr/bin/env bash
# Fixed-arrival-rate ingest benchmark of the collector (results in BENCHMARKS.md; not a test).
# Usage: telemetry-server/bench/ingest.sh [reports/s=2000 | comma list] [seconds=10] [rounds=2] [postgres]
# Each round runs the server jar as a child process per store: --no-store (the ceiling), SQLite, and, with
# "postgres", a private PostgreSQL cluster (Debian's binaries, fsync on). Everything stays on 127.0.0.1.
# BENCH_OPTS passes driver options (-Dbench.warmup=10 -Dbench.stores=none,sqlite -Dbench.java=… -Dbench.jvmArgs=…
# -Dbench.jfr=<dir>); SKIP_BUILD=1 uses the jar already built (build outside `flock /tmp/bench.lock`).
# BENCH_PRIORITY=1: run the measurement in its own session at autogroup nice -20 (see bench/priority.sh).
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" IngestBenchmark "${1:-2000}" "${2:-10}" "${3:-2}" "${4:-}"
