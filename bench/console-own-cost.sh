#!/usr/bin/env bash
# The issue 15 console targets (10,000 tests <= 1.01x, 1,000 tests <= 1.03x against no listener) read in telemetry's
# own thread CPU (OwnCost), because the whole process's CPU moves by +-20 % between runs of the same JVM on a shared
# machine. Suites of 100 trivial tests per class (100 and 10 classes) run through the JUnit console launcher, in
# interleaved rounds of:
#   N: no adapter on the class path (the reference); A: the adapter's jar, telemetry off;
#   B: telemetry on, thin as in a plugin-mode fork (telemetry.runDir, with the fingerprint key in place);
#   R: B with another adapter jar (REF_JAR, e.g. main's), when given.
# Prints medians of OwnCost's sections (ms) and of the whole process's CPU, and for B/R the own CPU less the
# instrument's clock reads (pairs x the clock cost OwnCost measures at exit) as a share of N's CPU.
#
#   ./mvnw -B -ntp -pl junit5-extension -am package -DskipTests -P'!second-test-jvm'   # the adapter jar
#   RUNS=11 bench/console-own-cost.sh                 # CLASSES="100" for the 10,000-test suite only
#   RUNS=11 REF_JAR=/path/to/other/telemetry-junit5-extension.jar bench/console-own-cost.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-11}
CLASSES=${CLASSES:-"100 10"}
WORK=$ROOT/target/console-own-cost
JUNIT=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
JAR=$(ls "$ROOT"/junit5-extension/target/telemetry-junit5-extension-*.jar | grep -v -e original -e sources | head -1)
CONSOLE=$ROOT/target/thin-forks-bench/junit-platform-console-standalone-$JUNIT.jar
test -f "$CONSOLE" || "$ROOT/mvnw" -B -q -ntp -f "$ROOT/pom.xml" -N dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT" -DoutputDirectory="$(dirname "$CONSOLE")"
source "$ROOT/bench/lib.sh"
VARIANTS="N A B${REF_JAR:+ R}"

run() { # classes variant
    local dir=$WORK/suite-$1 v=$2 jar=$JAR opts=() t
    case $v in
        N) jar=$WORK/none.jar ;;
        A) opts=(-Dtelemetry.ownCost="$WORK/own-$1-$v.txt") ;;
        B | R)
            [[ $v == R ]] && jar=$REF_JAR
            rm -rf "$WORK/run" && mkdir -p "$WORK/run"
            printf '%032x' 0 > "$WORK/run/telemetry-fingerprint.key" # the plugin leaves a key before forks start
            opts=(-Dtelemetry.ownCost="$WORK/own-$1-$v.txt" -Dtelemetry.enabled=true -Dtelemetry.runDir="$WORK/run") ;;
    esac
    local TIMEFORMAT='%U %S'
    t=$( { time java "${opts[@]}" -jar "$CONSOLE" execute --class-path "$dir/classes:$jar" \
        --scan-class-path "$dir/classes" --disable-banner --details=summary > "$WORK/last.log" 2>&1; } 2>&1 )
    grep -Eq "\b$(($1 * 100)) tests successful" "$WORK/last.log" || { tail -20 "$WORK/last.log" >&2; exit 1; }
    echo "$t" | awk '{printf "%d\n", ($1 + $2) * 1000}' >> "$WORK/cpu-$1-$v.txt"
}

column() { awk -v c="$2" '{printf "%s ", $c}' "$1" | median; }
ms() { echo "scale=1; $1 / 1000" | bc -l; }

mkdir -p "$WORK" && rm -f "$WORK"/own-*.txt "$WORK"/cpu-*.txt
for classes in $CLASSES; do
    trivial_suite "$WORK/suite-$classes" "$classes" "$CONSOLE"
    for ((r = 1; r <= RUNS; r++)); do
        for v in $VARIANTS; do run "$classes" "$v"; done
        echo "  $((classes * 100)) tests, round $r of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
    n=$(median < "$WORK/cpu-$classes-N.txt")
    echo
    echo "JUnit $JUNIT console launcher, $((classes * 100)) tests, $RUNS interleaved rounds ($VARIANTS), medians;" \
        "load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    echo "| variant | start ms | tests ms | end ms | own ms | clock reads ms | own less clock reads ms | of N's CPU | process CPU ms |"
    echo "| ------- | -------- | -------- | ------ | ------ | -------------- | ----------------------- | ---------- | -------------- |"
    for v in $VARIANTS; do
        cpu=$(median < "$WORK/cpu-$classes-$v.txt")
        own=$WORK/own-$classes-$v.txt
        if [[ ! -f $own ]]; then
            echo "| $v | | | | | | | | $cpu |"
            continue
        fi
        total=$(column "$own" 5)
        sections="$(ms "$(column "$own" 2)") | $(ms "$(column "$own" 3)") | $(ms "$(column "$own" 4)") | $(ms "$total")"
        if awk 'NF < 7 { exit 1 }' "$own"; then
            clock=$(awk '{printf "%d ", $6 * $7 / 1000}' "$own" | median) # µs: pairs x ns per pair
            net=$((total - clock))
            echo "| $v | $sections | $(ms "$clock") | $(ms "$net") | $(echo "scale=2; $net / 10 / $n" | bc -l) % | $cpu |"
        else # a jar older than OwnCost's clock figures
            echo "| $v | $sections | n/a | n/a | $(echo "scale=2; $total / 10 / $n" | bc -l) % (own) | $cpu |"
        fi
    done
done
