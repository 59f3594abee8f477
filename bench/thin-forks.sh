#!/usr/bin/env bash
# The fixed cost of an enabled run per test JVM (issue 15), each figure a ratio to a reference measured in the same
# run, paired A B A B whole-process runs, medians:
#   1. console launcher, 10,000 and 1,000 trivial tests: no telemetry (A) vs adapter on with telemetry.runDir (B);
#   2. a generated Maven project of $FORK_CLASSES test classes run with forkCount=2, reuseForks=false, JaCoCo's
#      agent and the plugin in extension mode (file writer): telemetry.enabled=false (A) vs true (B).
# CPU is user+sys of the whole process tree (bash `time`: Maven and every Surefire fork), the steadier figure on a
# shared machine; wall time is printed too, with the load average.
#
#   ./mvnw -B -ntp -pl junit5-extension,maven-plugin -am verify -P'!second-test-jvm'  # jar + target/local-repo
#   RUNS=5 bench/thin-forks.sh                 # SKIP_CONSOLE=1 or SKIP_MAVEN=1 to run one part
#   PROFILE=1 bench/thin-forks.sh              # instead: the classes a thin 1,000-test JVM loads beyond a bare one
#   FORK_PROFILE=1 SKIP_CONSOLE=1 RUNS=2 bench/thin-forks.sh  # instead of timing: each fork's own CPU by profile
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
FORK_CLASSES=${FORK_CLASSES:-64}
WORK=$ROOT/target/thin-forks-bench

source "$ROOT/bench/lib.sh"
timed() { # command...; prints "wall-ms cpu-ms" (cpu = user + sys of the process tree)
    local TIMEFORMAT='%R %U %S' t
    t=$( { time "$@" > "$WORK/last.log" 2>&1; } 2>&1 ) || { tail -50 "$WORK/last.log" >&2; return 1; }
    echo "$t" | awk '{printf "%d %d", $1 * 1000, ($2 + $3) * 1000}'
}
progress() { echo "  run $1: wall ms, CPU ms = $2 (load $(cut -d' ' -f1 /proc/loadavg))" >&2; } # kept if a run is cut short
table() { # title, A label, B label, A walls, B walls, A cpus, B cpus, B JVMs
    local aw bw ac bc
    aw=$(echo "$4" | median); bw=$(echo "$5" | median); ac=$(echo "$6" | median); bc=$(echo "$7" | median)
    echo
    echo "$1 — $RUNS paired runs (A B A B), medians; load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    echo "| variant | wall ms | CPU ms | wall, all runs | CPU, all runs |"
    echo "| ------- | ------- | ------ | -------------- | ------------- |"
    echo "| A: $2 | $aw | $ac | $4 | $6 |"
    echo "| B: $3 | $bw | $bc | $5 | $7 |"
    echo "| B / A | $(ratio "$bw" "$aw")× | $(ratio "$bc" "$ac")× | | |"
    echo "added CPU per test JVM (median B - median A) / $8: $(( (bc - ac) / $8 )) ms"
}

mkdir -p "$WORK"
JUNIT=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
JAR=$(ls "$ROOT"/junit5-extension/target/telemetry-junit5-extension-*.jar | grep -v -e original -e sources | head -1)

console() { # classes per suite (100 tests each)
    local classes=$1 dir=$WORK/console-$1
    trivial_suite "$dir" "$classes" "$CONSOLE"
    local aw="" bw="" ac="" bc="" r t
    launch() { java "$@" -jar "$CONSOLE" execute --class-path "$dir/classes:$JAR" --scan-class-path "$dir/classes" \
        --disable-banner --details=summary; }
    for ((r = 1; r <= RUNS; r++)); do
        t=$(timed launch); aw+="${t% *} "; ac+="${t#* } "; progress "$r A" "$t"
        grep -Eq "\b$((classes * 100)) tests successful" "$WORK/last.log"
        # the run directory as the plugin leaves it before a fork starts: with the fingerprint key in it (without
        # one the JVM creates it, SecureRandom included, which a plugin-mode fork never does)
        rm -rf "$dir/run" && mkdir -p "$dir/run" && printf '%032x' 0 > "$dir/run/telemetry-fingerprint.key"
        t=$(timed launch -Dtelemetry.enabled=true -Dtelemetry.runDir="$dir/run"); bw+="${t% *} "; bc+="${t#* } "
        progress "$r B" "$t"
        grep -Eq "\b$((classes * 100)) tests successful" "$WORK/last.log"
        test "$(ls "$dir/run" | grep -c telemetry-partial)" = 1 || { echo "no partial result" >&2; return 1; }
    done
    table "JUnit $JUNIT console launcher, $((classes * 100)) tests, one JVM" "no telemetry" \
        "adapter on, telemetry.runDir (thin)" "$aw" "$bw" "$ac" "$bc" 1
}

maven_forks() {
    local dir=$WORK/forks c m
    rm -rf "$dir" && mkdir -p "$dir/src/main/java/bench" "$dir/src/test/java/bench"
    local prop version surefire compiler jacoco
    prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
    version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)
    cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>forks</artifactId><version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>$JUNIT</version><scope>test</scope></dependency>
    <dependency><groupId>org.testtelemetry</groupId><artifactId>telemetry-junit5-extension</artifactId><version>$version</version><scope>test</scope></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>$(prop compiler-plugin.version)</version></plugin>
      <plugin><groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId><version>$(prop jacoco.version)</version>
        <executions><execution><goals><goal>prepare-agent</goal></goals></execution></executions></plugin>
      <plugin><artifactId>maven-surefire-plugin</artifactId><version>$(prop surefire.version)</version>
        <configuration><forkCount>2</forkCount><reuseForks>false</reuseForks></configuration></plugin>
      <plugin><groupId>org.testtelemetry</groupId><artifactId>telemetry-maven-plugin</artifactId><version>$version</version>
        <extensions>true</extensions>
        <configuration><writers>file</writers><salt>bench</salt></configuration></plugin>
    </plugins>
  </build>
</project>
POM
    for ((c = 0; c < FORK_CLASSES; c++)); do
        {
            echo "package bench; public class Unit$c {"
            for ((m = 0; m < 20; m++)); do echo "  public static int f$m(int x) { return x > $m ? x - $m : x + $m; }"; done
            echo "}"
        } > "$dir/src/main/java/bench/Unit$c.java"
        {
            echo "package bench; import org.junit.jupiter.api.Test; import static org.junit.jupiter.api.Assertions.assertEquals;"
            echo "class Unit${c}Test {"
            for ((m = 0; m < 30; m++)); do echo "  @Test void t$m() { assertEquals($((m + 1)), Unit$c.f$((m % 20))($((m + 1 + m % 20)))); }"; done
            echo "}"
        } > "$dir/src/test/java/bench/Unit${c}Test.java"
    done
    # The plugin and adapter from this build's target/local-repo (the invoker's install), the rest read-only from
    # ~/.m2: nothing is installed into the shared repository.
    local repo=$ROOT/maven-plugin/target/local-repo
    test -d "$repo/org/testtelemetry/telemetry-maven-plugin" || { echo "run the verify in the header first" >&2; return 1; }
    local mvn=("$ROOT/mvnw" -B -ntp -o -f "$dir/pom.xml" -Dmaven.repo.local="$repo" \
        -Dmaven.repo.local.tail="$HOME/.m2/repository")
    "${mvn[@]}" -q test-compile > "$WORK/compile.log" 2>&1 || { tail -30 "$WORK/compile.log" >&2; return 1; }
    # Every Surefire fork runs through a wrapper that appends its own CPU (user+sys) and wall to a file: the per-fork
    # figures, 64 per build, resolve a few tens of milliseconds where the whole build's spread is minutes.
    mkdir -p "$WORK/timed-jdk/bin"; cat > "$WORK/timed-jdk/bin/java" <<'WRAP'
#!/usr/bin/env bash
s=$(date +%s%N)
if [[ -n ${FORK_OWN_COST:-} ]]; then
    "${BENCH_JAVA:-java}" $FORK_EXTRA -Dtelemetry.ownCost="${FORK_TIMES/fork-times-/fork-own-}" "$@"
else
    "${BENCH_JAVA:-java}" $FORK_EXTRA "$@"
fi
rc=$?
e=$(date +%s%N)
times > "$FORK_TIMES.$$" # in this shell: a pipeline's subshell has no children
tail -1 "$FORK_TIMES.$$" | awk -v w=$(( (e - s) / 1000000 )) '{split($1,u,"m"); split($2,s,"m"); printf "%d %d\n", (u[1]*60+u[2]+s[1]*60+s[2])*1000, w}' >> "$FORK_TIMES"
rm -f "$FORK_TIMES.$$"
exit $rc
WRAP
    chmod +x "$WORK/timed-jdk/bin/java"  # Surefire wants a path ending in java
    export BENCH_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
    mvn+=(-Djvm="$WORK/timed-jdk/bin/java")
    rm -f "$WORK"/fork-times-*.txt "$WORK"/fork-own-*.txt
    if [[ -n ${FORK_PROFILE:-} ]]; then
        fork_profile
        return
    fi
    export FORK_OWN_COST=1
    local aw="" bw="" ac="" bc="" r t
    for ((r = 1; r <= RUNS; r++)); do
        rm -rf "$dir/target/telemetry" "$dir/target/jacoco.exec"
        export FORK_TIMES=$WORK/fork-times-A-$r.txt
        t=$(timed "${mvn[@]}" test -Dtelemetry.enabled=false); aw+="${t% *} "; ac+="${t#* } "; progress "$r A" "$t"
        test ! -d "$dir/target/telemetry" || { echo "a report with telemetry off" >&2; return 1; }
        rm -rf "$dir/target/telemetry" "$dir/target/jacoco.exec"
        export FORK_TIMES=$WORK/fork-times-B-$r.txt
        t=$(timed "${mvn[@]}" test -Dtelemetry.enabled=true); bw+="${t% *} "; bc+="${t#* } "; progress "$r B" "$t"
        grep -Eq "\"total\" ?: ?$((FORK_CLASSES * 30))\b" "$dir"/target/telemetry/report-*.json \
            || { echo "no report with $((FORK_CLASSES * 30)) tests:" >&2; cat "$WORK/last.log" >&2; return 1; }
        # C: B without the assertion agent, to split B - A between the thin run and the agent (per fork only)
        rm -rf "$dir/target/telemetry" "$dir/target/jacoco.exec"
        export FORK_TIMES=$WORK/fork-times-C-$r.txt
        t=$(timed "${mvn[@]}" test -Dtelemetry.enabled=true -Dtelemetry.assertions=false); progress "$r C" "$t"
    done
    table "Maven $(("${mvn[@]}" -v 2>/dev/null || true) | head -1 | cut -d' ' -f3), $FORK_CLASSES test classes × 30 tests, forkCount=2 reuseForks=false ($FORK_CLASSES JVMs), JaCoCo agent, plugin in extension mode" \
        "telemetry.enabled=false" "telemetry.enabled=true" "$aw" "$bw" "$ac" "$bc" "$FORK_CLASSES"
    fork_table
}
# FORK_PROFILE=1: instead of timing, $RUNS interleaved builds of A (telemetry.enabled=false) and B (true) with
# async-profiler in every Surefire fork (lib.sh's async_profiler; no OwnCost clock in any fork). Per fork, the samples
# with telemetry's code on the stack (lib.sh's profiled_own), by phase; medians over the forks of all builds.
fork_profile() {
    local lib r v f t prof=$WORK/fork-profile
    lib=$(async_profiler "$ROOT/target/own-profile")
    rm -rf "$prof" && mkdir -p "$prof"
    for ((r = 1; r <= RUNS; r++)); do
        for v in A B; do
            rm -rf "$dir/target/telemetry" "$dir/target/jacoco.exec"
            mkdir -p "$prof/$v-$r"
            export FORK_TIMES=$WORK/fork-times-$v-$r.txt
            export FORK_EXTRA="-agentpath:$lib=start,event=cpu,interval=100us,collapsed,file=$prof/$v-$r/stacks-%p.txt"
            t=$(timed "${mvn[@]}" test -Dtelemetry.enabled=$([[ $v == B ]] && echo true || echo false))
            progress "$r $v" "$t"
            for f in "$prof/$v-$r"/stacks-*.txt; do profiled_own "$f"; done >> "$prof/own-$v.txt"
        done
    done
    unset FORK_EXTRA
    local ms='{printf "%.1f", $1 / 10}' # samples of 100 µs to ms
    echo
    echo "One Surefire fork JVM (1 class x 30 tests, JaCoCo agent), async-profiler cpu every 100 µs in every fork, $RUNS"
    echo "interleaved builds (A B), medians over the forks; profiled ms, i.e. CPU samples with telemetry's code on the stack"
    echo "| variant | forks | agent | start | tests | end | own | of its JVM's samples | JVM's samples ms |"
    echo "| ------- | ----- | ----- | ----- | ----- | --- | --- | -------------------- | ---------------- |"
    local col own all
    for v in A B; do
        f=$prof/own-$v.txt
        col() { awk -v c="$1" '{printf "%s ", $c}' "$f" | median | awk "$ms"; }
        own=$(awk '{printf "%d ", $1 + $2 + $3 + $4}' "$f" | median)
        echo "| $v | $(wc -l < "$f") | $(col 1) | $(col 2) | $(col 3) | $(col 4) | $(echo "$own" | awk "$ms") |" \
            "$(awk '$5 > 0 {printf "%d ", 100000 * ($1 + $2 + $3 + $4) / $5}' "$f" | median | awk '{printf "%.3f", $1 / 1000}') % |" \
            "$(col 5) |"
        eval "own_$v=$own"
    done
    echo "B - A: $(echo "$own_B $own_A" | awk '{printf "%.1f", ($1 - $2) / 10}') profiled ms per fork (median B - median A)"
}

# The Surefire fork JVMs of all builds, pooled per variant: median CPU and wall of one fork, and B - A.
fork_table() {
    local ca cb wa wb
    col() { cat "$WORK"/fork-times-"$1"-*.txt | awk -v c="$2" '{printf "%s ", $c}'; }
    ca=$(col A 1 | median); cb=$(col B 1 | median); wa=$(col A 2 | median); wb=$(col B 2 | median)
    echo
    echo "One Surefire fork JVM, pooled over the $RUNS builds of each variant (each fork timed by its own wrapper), medians"
    echo "| variant | forks | CPU ms | wall ms |"
    echo "| ------- | ----- | ------ | ------- |"
    echo "| A: telemetry.enabled=false | $(cat "$WORK"/fork-times-A-*.txt | wc -l) | $ca | $wa |"
    echo "| B: telemetry.enabled=true | $(cat "$WORK"/fork-times-B-*.txt | wc -l) | $cb | $wb |"
    echo "| B - A | | $((cb - ca)) ($(ratio "$cb" "$ca")×) | $((wb - wa)) |"
    local cc wc
    cc=$(col C 1 | median); wc=$(col C 2 | median)
    echo "| C: telemetry.enabled=true, telemetry.assertions=false | $(cat "$WORK"/fork-times-C-*.txt | wc -l) | $cc | $wc |"
    echo "| C - A (thin run alone) | | $((cc - ca)) ($(ratio "$cc" "$ca")×) | $((wc - wa)) |"
    echo "| B - C (assertion agent) | | $((cb - cc)) | $((wb - wc)) |"
    echo
    echo "Telemetry's own thread CPU per fork (telemetry.ownCost, see OwnCost), medians in µs over the same forks; the"
    echo "instrument's clock reads (pairs x the warm pair cost OwnCost measures at exit) taken out in the last column."
    echo "Cold pairs cost more than warm ones, so that column still holds part of the instrument: the agent times every"
    echo "class the JVM loads (~1,300 pairs per fork). bench/own-profile.sh's share of samples has no instrument."
    echo "| variant | agent | start | tests | end | total | clock reads | total less clock reads |"
    echo "| ------- | ----- | ----- | ----- | --- | ----- | ----------- | ---------------------- |"
    local v c line
    for v in A B C; do
        line="| $v |"
        for c in 1 2 3 4 5; do line+=" $(cat "$WORK"/fork-own-$v-*.txt | awk -v c=$c '{printf "%s ", $c}' | median) |"; done
        line+=" $(cat "$WORK"/fork-own-$v-*.txt | awk '{printf "%d ", $6 * $7 / 1000}' | median) |"
        line+=" $(cat "$WORK"/fork-own-$v-*.txt | awk '{printf "%d ", $5 - $6 * $7 / 1000}' | median) |"
        echo "$line"
    done
}

# What telemetry still loads in a thin JVM: the 1,000-test suite once bare and once with the adapter and
# telemetry.runDir, both with -Xlog:class+load; the extra classes, counted by group.
profile_classes() {
    local dir=$WORK/console-10 bare=$WORK/classes-bare.log thin=$WORK/classes-thin.log
    test -d "$dir/classes" || { echo "run the console part first (it compiles the suite)" >&2; return 1; }
    launch() { java "$@" -jar "$CONSOLE" execute --class-path "$dir/classes:$JAR" --scan-class-path "$dir/classes" \
        --disable-banner --details=summary > "$WORK/last.log" 2>&1; }
    launch -Xlog:class+load=info:file="$bare"
    rm -rf "$dir/run" && mkdir -p "$dir/run" && printf '%032x' 0 > "$dir/run/telemetry-fingerprint.key"
    launch -Xlog:class+load=info:file="$thin" -Dtelemetry.enabled=true -Dtelemetry.runDir="$dir/run"
    names() { sed -E 's/^(\[[^]]*])+ //; s/ .*//; s/\$\$Lambda.*/$$Lambda/; s/\/0x.*//' "$1" | sort -u; }
    comm -13 <(names "$bare") <(names "$thin") > "$WORK/classes-extra.txt"
    echo "classes loaded: bare $(names "$bare" | wc -l), thin $(names "$thin" | wc -l), extra $(wc -l < "$WORK/classes-extra.txt") ($WORK/classes-extra.txt); by group:"
    sed -E 's/^(org\.testtelemetry\.[a-z0-9]+\.[a-z0-9]+|org\.testtelemetry\.[a-z0-9]+|[a-z0-9]+\.[a-z0-9]+\.[a-z0-9]+|[a-z0-9]+\.[a-z0-9]+)\..*/\1/' \
        "$WORK/classes-extra.txt" | sort | uniq -c | sort -rn | head -25
}

if [[ -n ${PROFILE:-} ]]; then
    CONSOLE=$WORK/junit-platform-console-standalone-$JUNIT.jar
    profile_classes
    exit
fi
if [[ -z ${SKIP_CONSOLE:-} ]]; then
    "$ROOT/mvnw" -B -q -ntp -f "$ROOT/pom.xml" -N dependency:copy \
        -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT" -DoutputDirectory="$WORK"
    CONSOLE=$WORK/junit-platform-console-standalone-$JUNIT.jar
    console 100
    console 10
fi
[[ -n ${SKIP_MAVEN:-} ]] || maven_forks
