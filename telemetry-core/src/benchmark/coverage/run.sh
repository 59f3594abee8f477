#!/usr/bin/env bash
# Coverage benchmark: time to get the five coverage totals with telemetry-core's CoverageReader versus JaCoCo's own
# `jacoco:report` goal, on the same exec file and the same classes (Guava + Kotlin stdlib, about 3,000 classes,
# exercised by a real workload under the JaCoCo agent). Prints a table; also checks the totals are equal.
#
#   telemetry-core/src/benchmark/coverage/run.sh            # RUNS=5 for more rounds
#   CORE_JAR=telemetry-core/target/telemetry-core-<version>.jar run.sh   # measure a packaged (shaded) jar instead
#
# Not part of `./mvnw verify`. Needs Maven Central once (Guava, Kotlin stdlib), then runs offline.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
runs=${RUNS:-3}
mvn=("$root/mvnw" -B -q)

echo "== setup (not timed): compile telemetry-core, run the workload under the JaCoCo agent"
"${mvn[@]}" -f "$root/pom.xml" -pl telemetry-core compile dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile="$here/target/core.classpath" >/dev/null
"${mvn[@]}" -f "$here/pom.xml" test >/dev/null
exec_file="$here/target/jacoco.exec"
classes="$here/target/classes"
cp=${CORE_JAR:-"$root/telemetry-core/target/classes:$(cat "$here/target/core.classpath")"}
class_files=$(find "$classes" -name '*.class' | wc -l)

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

report_s=(); startup_s=(); ours_s=(); ours1_s=(); analysis_ms=(); heap_mb=(); rss_mb=()
for ((i = 1; i <= runs; i++)); do
    echo "== round $i/$runs"
    t0=$(now); "${mvn[@]}" -o -f "$here/pom.xml" validate >/dev/null; t1=$(now)
    startup_s+=("$(calc "$t1 - $t0")")
    rm -rf "$here/target/site/jacoco"
    t0=$(now); "${mvn[@]}" -o -f "$here/pom.xml" jacoco:report >/dev/null; t1=$(now)
    report_s+=("$(calc "$t1 - $t0")")
    t0=$(now)
    /usr/bin/time -f "%M" -o "$here/target/rss.txt" java -Xmx256m -cp "$cp" org.testtelemetry.core.cli.Main coverage \
        --exec "$exec_file" --classes "$classes" --stats >"$here/target/ours.txt" 2>"$here/target/stats.txt"
    t1=$(now)
    ours_s+=("$(calc "$t1 - $t0")")
    analysis_ms+=("$(sed -n 's/.*analysis_ms=\([0-9]*\).*/\1/p' "$here/target/stats.txt")")
    heap_mb+=("$(sed -n 's/.*peak_heap_mb=\([0-9]*\).*/\1/p' "$here/target/stats.txt")")
    rss_mb+=("$(( $(cat "$here/target/rss.txt") / 1024 ))")
    t0=$(now)
    java -Xmx256m -XX:ActiveProcessorCount=1 -cp "$cp" org.testtelemetry.core.cli.Main coverage \
        --exec "$exec_file" --classes "$classes" >/dev/null 2>&1
    t1=$(now)
    ours1_s+=("$(calc "$t1 - $t0")")
done

echo "== totals: ours versus jacoco.xml"
python3 - "$here/target/site/jacoco/jacoco.xml" "$here/target/ours.txt" <<'PY'
import re, sys
xml = open(sys.argv[1]).read()
tail = xml[xml.rindex('</package>'):]
report = {t.lower(): (int(c), int(m)) for t, m, c in
          re.findall(r'<counter type="(\w+)" missed="(\d+)" covered="(\d+)"/>', tail)}
ours = {n: (int(c), int(m)) for n, c, m in
        re.findall(r'(\w+) covered=(\d+) missed=(\d+)', open(sys.argv[2]).read())}
ok = True
for name in ("line", "branch", "instruction", "method", "complexity"):
    same = ours.get(name) == report.get(name)
    ok &= same
    print(f"  {name:<12} ours covered/missed={ours.get(name)}  jacoco:report={report.get(name)}  {'equal' if same else 'DIFFERENT'}")
sys.exit(0 if ok else 1)
PY

m_report=$(printf '%s\n' "${report_s[@]}" | median)
m_startup=$(printf '%s\n' "${startup_s[@]}" | median)
m_ours=$(printf '%s\n' "${ours_s[@]}" | median)
m_ours1=$(printf '%s\n' "${ours1_s[@]}" | median)
m_analysis=$(printf '%s\n' "${analysis_ms[@]}" | median)
max_heap=$(printf '%s\n' "${heap_mb[@]}" | sort -n | tail -1)
max_rss=$(printf '%s\n' "${rss_mb[@]}" | sort -n | tail -1)
goal=$(calc "$m_report - $m_startup")
echo
echo "Coverage benchmark: $class_files class files, $(stat -c %s "$exec_file") bytes of exec data, $runs rounds (medians), $(nproc) cores"
printf '| %-62s | %10s |\n' "measure" "value"
printf '| %-62s | %10s |\n' "--------------------------------------------------------------" "----------"
printf '| %-62s | %9.2fs |\n' "mvn jacoco:report (wall, includes Maven startup)" "$m_report"
printf '| %-62s | %9.2fs |\n' "mvn validate (Maven startup alone)" "$m_startup"
printf '| %-62s | %9.2fs |\n' "jacoco:report goal alone (difference)" "$goal"
printf '| %-62s | %9.2fs |\n' "ours: java ... coverage (wall, includes JVM startup), all cores" "$m_ours"
printf '| %-62s | %9.2fs |\n' "ours: same, one core (-XX:ActiveProcessorCount=1)" "$m_ours1"
printf '| %-62s | %8sms |\n' "ours: CoverageReader.fromExecFiles alone, all cores" "$m_analysis"
printf '| %-62s | %8sMB |\n' "ours: peak heap (sum of heap pools' peaks, -Xmx256m)" "$max_heap"
printf '| %-62s | %8sMB |\n' "ours: peak RSS of the whole JVM" "$max_rss"
printf '| %-62s | %9.2f  |\n' "ratio: ours wall / jacoco:report goal alone" "$(calc "$m_ours / $goal")"
