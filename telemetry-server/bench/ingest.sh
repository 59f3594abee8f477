#!/usr/bin/env bash
# Fixed-arrival-rate ingest benchmark of the collector (results in BENCHMARKS.md; not a test).
# Usage: telemetry-server/bench/ingest.sh [reports/s=2000] [seconds=10] [rounds=2] [postgres]
# Each round runs the server jar three times as a child process: --no-store (the ceiling), SQLite, and, with
# "postgres", a private PostgreSQL cluster (Debian's binaries, fsync on). Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl telemetry-server -am package -DskipTests -P'!second-test-jvm' \
  dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cd telemetry-server
java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" org.testtelemetry.server.IngestBenchmark \
  target/telemetry-server-*-SNAPSHOT.jar "${1:-2000}" "${2:-10}" "${3:-2}" "${4:-}"
