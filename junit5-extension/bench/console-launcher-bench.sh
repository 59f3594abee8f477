#!/usr/bin/env bash
# Wall time of a 10,000-test suite run by the JUnit console launcher: without telemetry, with the adapter's jar
# on the class path but telemetry off, with telemetry on (writing a partial result), and with Allure's JUnit
# Platform listener as a reference, and with the assertion agent attached. Prints a table of medians of wall time and of the JVM's CPU time (user + sys),
# the steadier figure on a shared machine.
#
#   ./mvnw -B -pl junit5-extension -am package -DskipTests   # builds the shaded adapter jar
#   RUNS=7 junit5-extension/bench/console-launcher-bench.sh
#   RUNS=7 VARIANTS="telemetry-on agent" junit5-extension/bench/console-launcher-bench.sh   # the agent's cost alone
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$ROOT/junit5-extension/target/console-bench
RUNS=${RUNS:-5}
CLASSES=${CLASSES:-100}
METHODS=${METHODS:-100}

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
JUNIT=$(prop junit.version)
ALLURE=$(prop bench.allure.version)
JAR=$(ls "$ROOT"/junit5-extension/target/telemetry-junit5-extension-*.jar | grep -v -e original -e sources | head -1)

rm -rf "$WORK" && mkdir -p "$WORK/src/bench" "$WORK/classes"

# The console launcher and Allure (with its dependencies), resolved by Maven from Central.
cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>console-bench</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.qameta.allure</groupId><artifactId>allure-junit-platform</artifactId><version>$ALLURE</version></dependency>
  </dependencies>
</project>
POM
"$ROOT/mvnw" -B -q -f "$WORK/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/allure.cp" \
    -Dmdep.excludeGroupIds=org.junit.platform,org.junit.jupiter,org.opentest4j,org.apiguardian
"$ROOT/mvnw" -B -q -f "$WORK/pom.xml" dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT" -DoutputDirectory="$WORK"
CONSOLE=$WORK/junit-platform-console-standalone-$JUNIT.jar

# 100 classes x 100 trivial tests.
for ((c = 0; c < CLASSES; c++)); do
    {
        echo "package bench; import org.junit.jupiter.api.Test; import static org.junit.jupiter.api.Assertions.assertEquals;"
        echo "class Suite${c}Test {"
        for ((m = 0; m < METHODS; m++)); do echo "  @Test void t$m() { assertEquals($m, $m); }"; done
        echo "}"
    } > "$WORK/src/bench/Suite${c}Test.java"
done
javac -d "$WORK/classes" -cp "$CONSOLE" "$WORK"/src/bench/*.java

run() { # $1 = extra class path, rest = JVM options; prints "wall-ms cpu-ms" (cpu = user + sys of the JVM)
    local cp=$1; shift
    local TIMEFORMAT='%R %U %S'
    local t
    t=$( { time java "$@" -jar "$CONSOLE" execute --class-path "$WORK/classes$cp" --scan-class-path "$WORK/classes" \
        --disable-banner --details=summary > "$WORK/last.log" 2>&1; } 2>&1 ) || { cat "$WORK/last.log" >&2; exit 1; }
    grep -Eq "\b$((CLASSES * METHODS)) tests successful" "$WORK/last.log" || { echo "unexpected run:" >&2; cat "$WORK/last.log" >&2; exit 1; }
    echo "$t" | awk '{printf "%d %d", $1 * 1000, ($2 + $3) * 1000}'
}

declare -A wall cpu
# VARIANTS="telemetry-on agent" runs only those; "agent" is telemetry-on with the assertion agent (-javaagent:<jar>)
read -r -a variants <<< "${VARIANTS:-baseline telemetry-off telemetry-on allure agent}"
record() { # $1 = variant, $2 = "wall cpu"
    wall[$1]+="${2% *} "
    cpu[$1]+="${2#* } "
}
for ((r = 1; r <= RUNS; r++)); do
    for v in "${variants[@]}"; do
        case $v in
            baseline) record baseline "$(run "")" ;;
            telemetry-off) record telemetry-off "$(run ":$JAR")" ;;
            telemetry-on | agent)
                rm -rf "$WORK/run"
                agent=()
                [ "$v" = agent ] && agent=("-javaagent:$JAR")
                record "$v" "$(run ":$JAR" "${agent[@]}" -Dtelemetry.enabled=true -Dtelemetry.runDir="$WORK/run" -Dtelemetry.salt=bench)"
                test "$(ls "$WORK/run" | wc -l)" = 1 || { echo "telemetry wrote no partial result" >&2; exit 1; }
                if [ "$v" = agent ]; then # every test made its one assertion
                    grep -q "\"assertions\":{\"total\":$((CLASSES * METHODS)),\"passed\":$((CLASSES * METHODS)),\"failed\":0}" "$WORK"/run/*.json \
                        || { echo "the agent did not count $((CLASSES * METHODS)) assertions" >&2; cat "$WORK"/run/*.json >&2; exit 1; }
                fi ;;
            allure)
                rm -rf "$WORK/allure-results"
                record allure "$(run ":$(cat "$WORK/allure.cp")" -Dallure.results.directory="$WORK/allure-results")" ;;
        esac
    done
done

source "$ROOT/bench/lib.sh"
base=${variants[0]} # the first variant is the reference
baseWall=$(echo "${wall[$base]}" | median)
baseCpu=$(echo "${cpu[$base]}" | median)
echo "JUnit $JUNIT console launcher, $((CLASSES * METHODS)) tests, $RUNS runs each (alternating), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-13s | %8s | %8s | %7s | %7s | %-30s | %-30s |\n' variant "wall ms" "vs base" "CPU ms" "vs base" "wall, all runs" "CPU, all runs"
printf '| %-13s | %8s | %8s | %7s | %7s | %-30s | %-30s |\n' ------------- -------- -------- ------- ------- ------------------------------ ------------------------------
for v in "${variants[@]}"; do
    w=$(echo "${wall[$v]}" | median)
    c=$(echo "${cpu[$v]}" | median)
    printf '| %-13s | %8s | %+7.1f%% | %7s | %+6.1f%% | %-30s | %-30s |\n' "$v" "$w" \
        "$(echo "($w - $baseWall) * 100 / $baseWall" | bc -l)" "$c" "$(echo "($c - $baseCpu) * 100 / $baseCpu" | bc -l)" \
        "${wall[$v]}" "${cpu[$v]}"
done

# Paired: each round ran every variant back to back, so a round's ratio cancels the load of that moment.
if [[ " ${variants[*]} " == *" agent "* && " ${variants[*]} " == *" telemetry-on "* ]]; then
    read -r -a aw <<< "${wall[agent]}"; read -r -a ow <<< "${wall[telemetry-on]}"
    read -r -a ac <<< "${cpu[agent]}"; read -r -a oc <<< "${cpu[telemetry-on]}"
    rw=""; rc=""
    for ((i = 0; i < RUNS; i++)); do
        rw+="$(echo "${aw[$i]} * 1000 / ${ow[$i]}" | bc) "
        rc+="$(echo "${ac[$i]} * 1000 / ${oc[$i]}" | bc) "
    done
    printf 'agent / telemetry-on, median of the %d paired ratios: wall %.3f (%s) CPU %.3f (%s) [x1000 per round]\n' "$RUNS" \
        "$(echo "$(echo "$rw" | median) / 1000" | bc -l)" "$rw" "$(echo "$(echo "$rc" | median) / 1000" | bc -l)" "$rc"
fi
