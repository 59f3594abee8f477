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
