#!/usr/bin/env bash
# Start-up time of `java -jar telemetry-server-<version>.jar` with SQLite: process start to the "listening on" line
# and to the first 200 from GET /ready, paired runs (a fresh data directory, then an existing one), medians.
# Usage: telemetry-server/bench/startup.sh [pairs=7]
# BENCH_OPTS passes driver options (-Dbench.reference=<other jar> runs it A B A B with this one, -Dbench.java=…,
# -Dbench.jvmArgs=…); SKIP_BUILD=1 uses the jar already built
# (build outside `flock /tmp/bench.lock`); BENCH_PRIORITY=1 see bench/priority.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q -pl telemetry-server -am package -DskipTests -P'!second-test-jvm' \
    dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
fi
cd telemetry-server
# shellcheck disable=SC2086
bench/priority.sh java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  org.testtelemetry.server.StartupBenchmark target/telemetry-server-*-SNAPSHOT.jar "${1:-7}"
