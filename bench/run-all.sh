#!/usr/bin/env bash
# Reproduces every figure of BENCHMARKS.md in one run, each benchmark against the reference it names, measured in
# the same run (no figure is compared with one from another day). Each section's own command is the one
# BENCHMARKS.md gives; this script runs them one after the other (never two at once: they share the cores), keeps
# every tool's full output under bench/results/<UTC timestamp>/ and ends with an index of what ran and where its
# table is.
#
#   bench/run-all.sh                  # everything (about an hour on 2 idle cores)
#   ONLY="delivery surefire" bench/run-all.sh
#   RUNS=7 bench/run-all.sh           # more paired rounds for the whole-process benchmarks
#
# Sections: surefire coverage delivery junit-jmh junit-suite testng assertions thin-forks server dashboard
# A section that fails is marked FAILED in the index, with its full output kept; the others still run.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$STAMP
mkdir -p "$OUT"
RUNS=${RUNS:-5}
ONLY=${ONLY:-"surefire coverage delivery junit-jmh junit-suite testng assertions thin-forks server dashboard"}
MVN=("$ROOT/mvnw" -B -ntp -q)
declare -a INDEX=()

{
    echo "# bench/run-all.sh, $STAMP"
    echo "host: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee "$OUT/machine.txt"

section() { # name, description, command...
    local name=$1 what=$2; shift 2
    [[ " $ONLY " == *" $name "* ]] || return 0
    local log=$OUT/$name.txt start=$SECONDS status
    echo "== $name: $what" | tee "$log"
    echo "   load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
    "$@" >>"$log" 2>&1
    status=$?
    INDEX+=("$(printf '| %-11s | %-6s | %5d s | %s |' "$name" "$([[ $status -eq 0 ]] && echo ok || echo FAILED)" \
        $((SECONDS - start)) "bench/results/$STAMP/$name.txt")")
    tail -25 "$log"
}

build_all() { "${MVN[@]}" install -DskipTests -DskipITs; }

surefire() {
    "${MVN[@]}" -pl telemetry-core -am test-compile &&
    java -Xmx32m -cp telemetry-core/target/classes:telemetry-core/target/test-classes:telemetry-report/target/classes \
        org.testtelemetry.core.surefire.SurefireReportsBenchmark
}

coverage() { RUNS=3 bash telemetry-core/src/benchmark/coverage/run.sh; }

delivery() {
    "${MVN[@]}" -pl telemetry-core -am test-compile &&
    "${MVN[@]}" -pl telemetry-core exec:java -Dexec.classpathScope=test \
        -Dexec.mainClass=org.testtelemetry.core.delivery.DeliveryBenchmark -Dexec.args="200 5"
}

junit_jmh() { "${MVN[@]}" -pl junit5-extension -am -Pbenchmarks verify -DskipTests -DskipITs; }

junit_suite() { RUNS=$RUNS bash junit5-extension/bench/console-launcher-bench.sh; }

testng() { "${MVN[@]}" -pl testng-listener -am -Pbenchmarks verify -DskipTests -DskipITs; }

assertions() { # JMH per counted assertion and class loading, then the 10,000-test suite with vs without the agent
    "${MVN[@]}" -pl telemetry-core -am -Pbenchmarks verify -DskipTests -DskipITs &&
    "${MVN[@]}" -pl junit5-extension -am package -DskipTests -DskipITs &&
    RUNS=$RUNS VARIANTS="telemetry-on agent" bash junit5-extension/bench/console-launcher-bench.sh
}

thin_forks() {
    "${MVN[@]}" -pl junit5-extension,maven-plugin -am verify -P'!second-test-jvm' &&
    RUNS=$RUNS bash bench/thin-forks.sh && bash bench/fork-jvm-cost.sh && RUNS=$RUNS bash bench/console-own-cost.sh && RUNS=$RUNS bash bench/own-profile.sh
}

server() { bash telemetry-server/bench/ingest.sh 2000 10 2 postgres; }

dashboard() {
    "${MVN[@]}" -pl telemetry-server -am test-compile -P'!second-test-jvm' &&
    "${MVN[@]}" -pl telemetry-server dependency:build-classpath -Dmdep.outputFile="$OUT/server-test.cp" \
        -Dmdep.includeScope=test &&
    java -cp "telemetry-server/target/test-classes:telemetry-server/target/classes:$(cat "$OUT/server-test.cp")" \
        org.testtelemetry.server.DashboardLoadBenchmark 60 15 &&
    java -cp "telemetry-server/target/test-classes:telemetry-server/target/classes:$(cat "$OUT/server-test.cp")" \
        org.testtelemetry.server.DashboardLoadBenchmark 60 15 postgres
}

section build "build and install every module once (not a benchmark)" build_all
section surefire "Surefire XML: 100,000 test cases (target < 1 s, constant memory)" surefire
section coverage "Coverage: CoverageReader vs jacoco:report on ~3,000 classes (ratio, target <= 0.5)" coverage
section delivery "Delivery: healthy, refused, blackhole (ms vs targets)" delivery
section junit-jmh "JUnit listener per test, JMH -prof gc (ns/op, B/op)" junit_jmh
section junit-suite "10,000 JUnit tests: baseline / adapter off / on / Allure (ratios)" junit_suite
section testng "10,000 TestNG tests: baseline / off / on / Allure (ratios)" testng
section assertions "Assertion agent: per assertion (JMH), class loading, suite with vs without (ratio)" assertions
section thin-forks "Per-JVM fixed cost and a 64-fork build, telemetry on vs off (ratios)" thin_forks
section server "Collector ingest: SQLite, PostgreSQL vs the no-store ceiling (reports/s, p50/p99)" server
section dashboard "Dashboard read API with a year of data, SQLite then PostgreSQL, raw and rolled up (ratio to /health)" dashboard

{
    echo
    echo "| section     | status |   time | full output |"
    echo "| ----------- | ------ | ------ | ----------- |"
    printf '%s\n' "${INDEX[@]}"
    echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/index.md"
