#!/usr/bin/env bash
# Start-up time of `java -jar telemetry-server-<version>.jar` with SQLite: process start to the "listening on" line
# and to the first 200 from GET /ready, paired runs (a fresh data directory, then an existing one), medians.
# Usage: telemetry-server/bench/startup.sh [pairs=7]
# BENCH_OPTS passes driver options (-Dbench.reference=<other jar> runs it A B A B with this one, -Dbench.java=…,
# -Dbench.jvmArgs=…); SKIP_BUILD=1 uses the jar already built
# (build outside `flock /tmp/bench.lock`); BENCH_PRIORITY=1 see bench/priority.sh.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" StartupBenchmark "${1:-7}"
