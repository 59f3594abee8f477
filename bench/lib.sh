# Shared by the whole-process benchmark scripts (sourced, not run).
# median: the median of whitespace-separated integers on stdin (the mean of the middle two, rounded down).
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
# ratio B A: B / A to three decimals.
ratio() { echo "scale=3; $1 / $2" | bc -l; }
