#!/usr/bin/env bash
# A/B timing of `plan` on one export file: a baseline commit against the working tree, in alternating JVMs
# (base, new, base, new, ...) so that load changes on a shared machine hit both alike. Prints the medians of
# wall time and CPU time per variant, their ratios, and whether the plans are identical (JSON digest).
#   tools/plan-ab.sh BASE_REF FILE [ROUNDS=5] [REPEAT=5]      (JAVA_OPTS, default -Xmx256m)
# Both builds use the working tree's dependency classpath; the baseline is compiled from `git archive`, the
# working tree's classes are copied once built, so that a Maven build meanwhile does not change what is timed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base_ref=$1 file=$(realpath "$2") rounds=${3:-5} repeat=${4:-5}
java_opts=${JAVA_OPTS:--Xmx256m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/base"
git -C "$root" archive "$base_ref" | tar -x -C "$work/base"
(cd "$work/base" && mvn -o -q -B -DskipTests compile)
(cd "$root" && mvn -o -q -B -DskipTests test-compile \
  && mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
deps=$(cat "$root/target/classpath.txt")
# shellcheck source=tools/snapshot.sh
. "$root/tools/snapshot.sh"
snapshot_dir "$root/target/classes" "$work/new/classes"
# The timer class goes in front of the baseline's classes: it only uses APIs the baseline has.
mkdir -p "$work/timer/io/linkguard/bench"
cp "$root"/target/test-classes/io/linkguard/bench/PlanFileTimer*.class "$work/timer/io/linkguard/bench/"

for round in $(seq 1 "$rounds"); do
  for variant in base new; do
    if [ "$variant" = base ]; then classes="$work/timer:$work/base/target/classes"; else classes="$work/timer:$work/new/classes"; fi
    # shellcheck disable=SC2086
    java $java_opts -cp "$classes:$deps" io.linkguard.bench.PlanFileTimer "$file" 4 "$repeat" \
      | sed "s/^/variant=$variant round=$round /" | tee -a "$work/results"
  done
done

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
field() { grep "variant=$1 " "$work/results" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
rows=$(field new rows | head -1)
echo
for variant in base new; do
  wall=$(field $variant wall | median); cpu=$(field $variant cpu | median)
  awk -v v=$variant -v w="$wall" -v c="$cpu" -v r="$rows" -v n="$(field $variant wall | wc -l)" \
    'BEGIN {printf "%-4s %d runs: median wall %.3f s = %.0f rows/s, median cpu %.3f s = %.2f us/row\n", v, n, w, r/w, c, 1e6*c/r}'
  eval "${variant}_wall=$wall ${variant}_cpu=$cpu"
done
awk -v bw="$base_wall" -v nw="$new_wall" -v bc="$base_cpu" -v nc="$new_cpu" \
  'BEGIN {printf "new vs base: throughput %.2fx (median wall), cpu per row %.2fx less\n", bw/nw, bc/nc}'
if [ "$(field base digest | sort -u)" = "$(field new digest | sort -u)" ] && [ "$(field new digest | sort -u | wc -l)" = 1 ]; then
  echo "plans identical (digest $(field new digest | head -1))"
else
  echo "PLANS DIFFER: base $(field base digest | sort -u | tr '\n' ' ') new $(field new digest | sort -u | tr '\n' ' ')"
fi
