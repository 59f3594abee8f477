#!/usr/bin/env bash
# Telemetry's own CPU in a 10,000-test (or 1,000-test) console-launcher JVM, read from a sampling profile instead of
# OwnCost's clocks: async-profiler (cpu samples every 100 µs, Java frames interpreted or not, and the JVM's native
# frames: class loading, verification, lambda and call-site linking) runs in every variant alike, and a sample is
# telemetry's when a frame of org.testtelemetry is on its stack. Nothing is timed inside telemetry, so the figure has
# no instrument to take out; it leaves out what no stack shows as ours (JIT compiling our methods on the compiler
# threads, GC of our garbage, JUnit calling one more listener), which the whole-process CPU column still holds.
# Interleaved rounds of N0 (no adapter, no profiler), N (no adapter), A (adapter, telemetry off), B (thin, as in a
# plugin-mode fork) and, with REF_JAR, RA and R (A and B with another adapter jar, e.g. main's). Prints medians: own
# ms by phase (start: session opened, plan started; tests: test callbacks; end: session closed), own as a share of
# N0's process CPU, own as a share of all samples of the same JVM, and process CPU. The profiler's own work (its
# signal handler walks a deep stack 10,000 times a second) inflates every profiled JVM's CPU, ours included, by
# 50-90 % here: the share of the JVM's samples cancels that out, and the machine's speed (+-20 % between runs here)
# too, so it is the figure to compare; the ms columns only compare with each other.
#
#   ./mvnw -B -ntp -pl junit5-extension -am package -DskipTests -P'!second-test-jvm'   # the adapter jar
#   RUNS=7 bench/own-profile.sh                       # CLASSES="100 10" for the 1,000-test suite too
#   RUNS=7 REF_JAR=/path/to/other/telemetry-junit5-extension.jar bench/own-profile.sh
#   KEEP=1 ...                                        # keeps each run's collapsed stacks in target/own-profile
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-7}
CLASSES=${CLASSES:-100}
INTERVAL_US=${INTERVAL_US:-100}
WORK=$ROOT/target/own-profile
version() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
JUNIT=$(version junit.version)
AP=$(version bench.ap-loader.version) # for the table's title; lib.sh's async_profiler fetches it
JAR=$(ls "$ROOT"/junit5-extension/target/telemetry-junit5-extension-*.jar | grep -v -e original -e sources | head -1)
mkdir -p "$WORK"
CONSOLE=$ROOT/target/thin-forks-bench/junit-platform-console-standalone-$JUNIT.jar
test -f "$CONSOLE" || "$ROOT/mvnw" -B -q -ntp -f "$ROOT/pom.xml" -N dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT" -DoutputDirectory="$(dirname "$CONSOLE")"
source "$ROOT/bench/lib.sh"
LIB=$(async_profiler "$WORK")
VARIANTS=${VARIANTS:-"N0 N A B${REF_JAR:+ RA R}"}

# own STACKS: "start tests end all" in samples (lib.sh's profiled_own; no assertion agent here, its column would go to
# start).
own() { profiled_own "$1" | awk '{print $1 + $2, $3, $4, $5}'; }

run() { # classes variant round
    local dir=$WORK/suite-$1 v=$2 jar=$JAR opts=() t out=$WORK/stacks-$1-$2-$3.txt
    local profiler=(-agentpath:"$LIB=start,event=cpu,interval=${INTERVAL_US}us,collapsed,file=$out")
    case $v in
        N0) jar=$WORK/none.jar profiler=() ;;
        N) jar=$WORK/none.jar ;;
        RA) jar=$REF_JAR ;;
        B | R)
            [[ $v == R ]] && jar=$REF_JAR
            rm -rf "$WORK/run" && mkdir -p "$WORK/run"
            printf '%032x' 0 > "$WORK/run/telemetry-fingerprint.key" # the plugin leaves a key before forks start
            opts=(-Dtelemetry.enabled=true -Dtelemetry.runDir="$WORK/run") ;;
    esac
    local TIMEFORMAT='%U %S'
    t=$( { time java "${profiler[@]}" "${opts[@]}" \
        -jar "$CONSOLE" execute --class-path "$dir/classes:$jar" --scan-class-path "$dir/classes" --disable-banner \
        --details=summary > "$WORK/last.log" 2>&1; } 2>&1 )
    grep -Eq "\b$(($1 * 100)) tests successful" "$WORK/last.log" || { tail -20 "$WORK/last.log" >&2; exit 1; }
    echo "$t" | awk '{printf "%d\n", ($1 + $2) * 1000}' >> "$WORK/cpu-$1-$v.txt"
    if [[ -f $out ]]; then
        own "$out" >> "$WORK/own-$1-$v.txt"
        [[ -n ${KEEP:-} ]] || rm -f "$out"
    fi
}

column() { awk -v c="$2" '{printf "%s ", $c}' "$1" | median; }
ms() { echo "scale=1; $1 * $INTERVAL_US / 1000" | bc -l; } # samples to ms

rm -f "$WORK"/own-*.txt "$WORK"/cpu-*.txt "$WORK"/stacks-*.txt
for classes in $CLASSES; do
    trivial_suite "$WORK/suite-$classes" "$classes" "$CONSOLE"
    for ((r = 1; r <= RUNS; r++)); do
        for v in $VARIANTS; do run "$classes" "$v" "$r"; done
        echo "  $((classes * 100)) tests, round $r of $RUNS (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
    n=$(median < "$WORK/cpu-$classes-$(test -f "$WORK/cpu-$classes-N0.txt" && echo N0 || echo N).txt")
    echo
    echo "JUnit $JUNIT console launcher, $((classes * 100)) tests, async-profiler $AP cpu every $INTERVAL_US µs," \
        "$RUNS interleaved rounds ($VARIANTS), medians; load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    echo "| variant | start ms | tests ms | end ms | own ms | of N0's CPU | of its JVM's samples | process CPU ms |"
    echo "| ------- | -------- | -------- | ------ | ------ | ----------- | -------------------- | -------------- |"
    for v in $VARIANTS; do
        own=$WORK/own-$classes-$v.txt
        if [[ ! -f $own ]]; then
            echo "| $v | | | | | | | $(median < "$WORK/cpu-$classes-$v.txt") |"
            continue
        fi
        total=$(awk '{printf "%d ", $1 + $2 + $3}' "$own" | median)
        echo "| $v | $(ms "$(column "$own" 1)") | $(ms "$(column "$own" 2)") | $(ms "$(column "$own" 3)") |" \
            "$(ms "$total") | $(echo "scale=2; $total * $INTERVAL_US / 10 / $n" | bc -l) % |" \
            "$(awk '$4 > 0 {printf "%d ", 100000 * ($1 + $2 + $3) / $4}' "$own" | median | awk '{printf "%.3f", $1 / 1000}') % |" \
            "$(median < "$WORK/cpu-$classes-$v.txt") |"
    done
done
