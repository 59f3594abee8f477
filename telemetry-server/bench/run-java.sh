#!/usr/bin/env bash
# The one way the server's benchmark scripts run their Java driver: build the server jar and the test classpath
# (unless SKIP_BUILD=1: build outside `flock /tmp/bench.lock`), then run <driver class> <server jar> <args…> from
# telemetry-server/ with BENCH_OPTS as JVM options, through bench/priority.sh (BENCH_PRIORITY=1).
# Usage: telemetry-server/bench/run-java.sh <driver class> [args…]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q -pl telemetry-server -am package -DskipTests -P'!second-test-jvm' \
    dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
fi
cd telemetry-server
main=$1
shift
# shellcheck disable=SC2086
exec bench/priority.sh java ${BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
  "org.testtelemetry.server.$main" target/telemetry-server-*-SNAPSHOT.jar "$@"
