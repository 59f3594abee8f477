#!/usr/bin/env bash
# The added CPU of one plugin-mode test JVM (issue 15: <= 30 ms), measured on the JVM itself rather than as a
# difference of two whole 64-fork Maven builds (whose run-to-run spread is minutes on a shared machine). Each run is
# what one Surefire fork of bench/thin-forks.sh's project does: one test class of 30 tests through the JUnit console
# launcher, with JaCoCo's agent. A: telemetry off (adapter on the class path, as in that build); B: what the plugin's
# extension mode gives the fork: telemetry.enabled, telemetry.runDir (thin) and the assertion agent
# (-javaagent:<adapter jar>); C: B without the assertion agent (telemetry.assertions=false). Paired A B C rounds,
# medians of user+sys CPU and wall; load printed.
#
#   ./mvnw -B -ntp -pl junit5-extension -am package -DskipTests -P'!second-test-jvm'   # the adapter jar
#   RUNS=21 bench/fork-jvm-cost.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-21}
WORK=$ROOT/target/fork-jvm-cost
JUNIT=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
JACOCO=$(sed -n 's:.*<jacoco.version>\(.*\)</jacoco.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
JAR=$(ls "$ROOT"/junit5-extension/target/telemetry-junit5-extension-*.jar | grep -v -e original -e sources | head -1)
AGENT=$HOME/.m2/repository/org/jacoco/org.jacoco.agent/$JACOCO/org.jacoco.agent-$JACOCO-runtime.jar
CONSOLE=$ROOT/target/thin-forks-bench/junit-platform-console-standalone-$JUNIT.jar
test -f "$CONSOLE" || "$ROOT/mvnw" -B -q -ntp -f "$ROOT/pom.xml" -N dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT" -DoutputDirectory="$(dirname "$CONSOLE")"
test -f "$AGENT" || { echo "no JaCoCo agent at $AGENT" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/src/bench" "$WORK/classes"
{
    echo "package bench; public class Unit0 {"
    for ((m = 0; m < 20; m++)); do echo "  public static int f$m(int x) { return x > $m ? x - $m : x + $m; }"; done
    echo "}"
} > "$WORK/src/bench/Unit0.java"
{
    echo "package bench; import org.junit.jupiter.api.Test; import static org.junit.jupiter.api.Assertions.assertEquals;"
    echo "class Unit0Test {"
    for ((m = 0; m < 30; m++)); do echo "  @Test void t$m() { assertEquals($((m + 1)), Unit0.f$((m % 20))($((m + 1 + m % 20)))); }"; done
    echo "}"
} > "$WORK/src/bench/Unit0Test.java"
javac -d "$WORK/classes" -cp "$CONSOLE" "$WORK"/src/bench/*.java

source "$ROOT/bench/lib.sh"
timed() { # prints "wall-ms cpu-ms"
    local TIMEFORMAT='%R %U %S' t
    t=$( { time "$@" > "$WORK/last.log" 2>&1; } 2>&1 ) || { tail -30 "$WORK/last.log" >&2; return 1; }
    grep -q "30 tests successful" "$WORK/last.log" || { cat "$WORK/last.log" >&2; return 1; }
    echo "$t" | awk '{printf "%d %d", $1 * 1000, ($2 + $3) * 1000}'
}
# JaCoCo's agent as the plugin leaves it: with telemetry on (B, C) extension mode adds org.testtelemetry.* to its
# excludes; with telemetry off (A) it changes nothing
fork() { local jacoco=$1; shift; java ${FORK_OPTS:-} -javaagent:"$AGENT"=destfile="$WORK/jacoco.exec$jacoco" "$@" \
    -jar "$CONSOLE" execute --class-path "$WORK/classes:$JAR" --select-class bench.Unit0Test --disable-banner \
    --details=summary; }
EXCLUDED=",excludes=org.testtelemetry.*"

# the run directory as the plugin leaves it before the forks start: with the module's fingerprint key in it
fresh_run() { rm -rf "$WORK/run" && mkdir -p "$WORK/run" && printf '%032x' 0 > "$WORK/run/telemetry-fingerprint.key"; }

declare -A wall cpu
for ((r = 1; r <= RUNS; r++)); do
    t=$(timed fork "" -Dtelemetry.ownCost="$WORK/own-A.txt"); wall[A]+="${t% *} "; cpu[A]+="${t#* } "
    fresh_run
    t=$(timed fork "$EXCLUDED" -javaagent:"$JAR" -Dtelemetry.ownCost="$WORK/own-B.txt" -Dtelemetry.enabled=true -Dtelemetry.runDir="$WORK/run"); wall[B]+="${t% *} "; cpu[B]+="${t#* } "
    test "$(ls "$WORK/run" | grep -c telemetry-partial)" = 1 || { echo "no partial result" >&2; exit 1; }
    fresh_run
    t=$(timed fork "$EXCLUDED" -Dtelemetry.ownCost="$WORK/own-C.txt" -Dtelemetry.enabled=true -Dtelemetry.runDir="$WORK/run"); wall[C]+="${t% *} "; cpu[C]+="${t#* } "
done
a=$(echo "${cpu[A]}" | median)
echo
echo "One plugin-mode test JVM (1 class x 30 tests, JUnit $JUNIT console launcher, JaCoCo agent) — $RUNS rounds (A B C), medians; load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "| variant | wall ms | CPU ms | CPU / A | added CPU ms | CPU, all runs |"
echo "| ------- | ------- | ------ | ------- | ------------ | ------------- |"
for v in A B C; do
    label=$([[ $v == A ]] && echo "A: telemetry off" || { [[ $v == B ]] && echo "B: thin + assertion agent (extension mode)" || echo "C: thin, telemetry.assertions=false"; })
    c=$(echo "${cpu[$v]}" | median)
    echo "| $label | $(echo "${wall[$v]}" | median) | $c | $(echo "scale=3; $c / $a" | bc -l)× | $((c - a)) | ${cpu[$v]}|"
done
# The median of the per-round differences: each round runs A, B and C back to back, so a slow stretch of the shared
# machine moves all three; this is the figure to read against the 30 ms target.
paired() { paste -d' ' <(echo "${cpu[$1]}" | tr ' ' '\n' | grep -v '^$') <(echo "${cpu[A]}" | tr ' ' '\n' | grep -v '^$') \
    | awk '{printf "%d ", $1 - $2}' | median; }
echo "median of the per-round CPU differences: B - A $(paired B) ms, C - A $(paired C) ms"
# Telemetry's own CPU on the threads that run it (-Dtelemetry.ownCost, see OwnCost): a few milliseconds measured
# directly, where the whole JVM's CPU above varies by hundreds. Columns: microseconds, medians over the rounds.
echo
echo "Telemetry's own thread CPU per JVM (telemetry.ownCost), medians in µs"
echo "| variant | agent | start | tests | end | total | own total − A's |"
echo "| ------- | ----- | ----- | ----- | --- | ----- | --------------- |"
own() { awk -v c="$2" '{printf "%s ", $c}' "$WORK/own-$1.txt" | median; }
for v in A B C; do
    echo "| $v | $(own $v 1) | $(own $v 2) | $(own $v 3) | $(own $v 4) | $(own $v 5) | $(( $(own $v 5) - $(own A 5) )) |"
done
