#!/usr/bin/env bash
# Runs LinkGuard's benchmarks and writes their tables into docs/benchmarks.md (between the
# <!-- bench:NAME begin --> / <!-- bench:NAME end --> markers):
#   plan    PlanBenchmark: plan throughput, heap as the file grows, classification (its report, verbatim)
#   pieces  HandWrittenPieces (JMH): the hand-written readers and timestamp parser against the libraries
#   peers   tools/peer-bench.sh: plan vs DuckDB vs zcat, end to end, at each --rows size
# Usage: tools/bench.sh [--quick] [--rows "2000000 8000000"] [--only plan|pieces|peers]...
# --quick: smoke sizes (seconds, figures not meaningful); the docs are then left alone unless --docs is given.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=false rows="2000000 8000000" only=() docs=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --rows) rows=$2; shift ;;
    --only) only+=("$2"); shift ;;
    --docs) docs=yes ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#only[@]} -gt 0 ] || only=(plan pieces peers)
if [ -z "$docs" ]; then docs=$([ "$quick" = true ] && echo no || echo yes); fi
out="$root/target/bench"
mkdir -p "$out"
cd "$root"
mvn -o -q -B -DskipTests package test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
# The JVMs below run from a copy of the build: a Maven build in the work tree meanwhile changes nothing they run.
# shellcheck source=tools/snapshot.sh
. tools/snapshot.sh
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
snapshot_dir target/classes "$build/classes"
snapshot_dir target/test-classes "$build/test-classes"
classpath="$build/test-classes:$build/classes:$(cat target/test-classpath.txt)"
wants() { [[ " ${only[*]} " == *" $1 "* ]]; }

if wants plan; then
  args=(); [ "$quick" = true ] && args=(--quick)
  { echo '```'; java -Xmx256m -cp "$classpath" io.linkguard.bench.PlanBenchmark "${args[@]}"; echo '```'; } | tee "$out/plan.md"
fi
if wants pieces; then
  args=(--out "$out/pieces.md"); [ "$quick" = true ] && args+=(--quick)
  java -cp "$classpath" io.linkguard.bench.HandWrittenPieces "${args[@]}"
fi
if wants peers; then
  # shellcheck disable=SC2086
  if [ "$quick" = true ]; then REPEAT=1 OUT="$out/peers.md" tools/peer-bench.sh 100000
  else OUT="$out/peers.md" tools/peer-bench.sh $rows; fi
fi

if [ "$docs" = yes ]; then
  for name in "${only[@]}"; do
    awk -v name="$name" -v file="$out/$name.md" '
      $0 == "<!-- bench:" name " begin -->" { print; while ((getline line < file) > 0) print line; skip = 1; next }
      $0 == "<!-- bench:" name " end -->" { skip = 0 }
      !skip { print }' docs/benchmarks.md > "$out/benchmarks.md.new"
    grep -q "<!-- bench:$name begin -->" docs/benchmarks.md || echo "bench.sh: no bench:$name markers in docs/benchmarks.md" >&2
    mv "$out/benchmarks.md.new" docs/benchmarks.md
  done
  echo "docs/benchmarks.md updated: ${only[*]}"
fi
