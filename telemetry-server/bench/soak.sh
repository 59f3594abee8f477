#!/usr/bin/env bash
# Memory soak of the collector (SQLite): a fixed arrival rate for some minutes, one table row per sample period
# (rate, p99, live heap after a forced full GC, lowest heap after GC, RSS, threads, database size).
# Usage: telemetry-server/bench/soak.sh [reports/s=500] [minutes=10] [sample seconds=30]
# SKIP_BUILD=1 uses the jar already built; BENCH_PRIORITY=1 see bench/priority.sh. It measures memory, not speed:
# it may run without the benchmark lock, but its load then disturbs a benchmark running meanwhile.
set -euo pipefail
exec "$(dirname "$0")/run-java.sh" SoakBenchmark "${1:-500}" "${2:-10}" "${3:-30}"
