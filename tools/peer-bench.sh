#!/usr/bin/env bash
# LinkGuard `plan` side by side with DuckDB (the same per-identity aggregation, tools/bench/duckdb-aggregate.mjs)
# and zcat (decompression alone), on the same simulated, gzipped exports (`linkguard simulate --gzip`), in one
# run, in every export format. Each timing is a fresh process, end to end: `./linkguard plan` as users run it
# (launcher script, JVM start), from a copy of the build taken at the start, so that a Maven build in the work tree
# meanwhile changes nothing. The three tools alternate, REPEAT times; medians. Prints a markdown table and writes
# it to OUT.
#   tools/peer-bench.sh [ROWS...]     default 2000000 8000000; REPEAT (3), OUT (target/bench/peers.md),
#                                     PLAN_JAVA_OPTS (-Xmx256m, passed as LINKGUARD_JAVA_OPTS), DUCKDB_THREADS
#                                     (nproc), FORMATS ("csv az-json query-json"), WORK (target/peer-bench: the
#                                     simulated files, kept for the next run)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("${@:-2000000 8000000}")
read -r -a sizes <<< "${sizes[*]}"
repeat=${REPEAT:-3}
out=${OUT:-$root/target/bench/peers.md}
java_opts=${PLAN_JAVA_OPTS:--Xmx256m}
threads=${DUCKDB_THREADS:-$(nproc)}
read -r -a formats <<< "${FORMATS:-csv az-json query-json}"
work=${WORK:-$root/target/peer-bench}
mkdir -p "$work" "$(dirname "$out")"

(cd "$root" && mvn -o -q -B -DskipTests package >&2)
[ -d "$root/tools/bench/node_modules/@duckdb/node-api" ] || npm ci --prefix "$root/tools/bench" --no-audit --no-fund --loglevel=error >&2
# shellcheck source=tools/snapshot.sh
. "$root/tools/snapshot.sh"
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
snapshot_app "$app"
classpath="$app/target/classes:$(cat "$app/target/classpath.txt")"

# wall seconds and max RSS (MiB) of one command: "seconds rss"; its standard output is kept in $work/stdout
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$work/time"
}
# the same for a command whose output is thrown away (zcat: writing 1.5 GB to a file would be timed too)
timed_to_null() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$work/time"
}
# Reads a tool's inputs once before it is timed, so that no tool pays for another's page-cache evictions (DuckDB
# on query-API JSON holds gigabytes; the JVM that follows it then read its class path from disk: +4 s at 2M rows).
warm() { cat "$@" > /dev/null; }
plan_inputs=("$app/linkguard")
while IFS= read -r -d: entry || [ -n "$entry" ]; do [ -f "$entry" ] && plan_inputs+=("$entry"); done < "$app/target/classpath.txt"
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

{
  echo "| format (gzip) | valid rows | file MiB | plan s | DuckDB s | zcat s | plan vs DuckDB (≥ 1.5×) | plan vs zcat (≥ 0.5×) | plan max RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$out.tmp"
for rows in "${sizes[@]}"; do
  # The simulator writes about 2.9 rows per identity and hour over its 2 hubs: 24 h and enough identities.
  identities=$(( (rows + 139) / 139 ))
  dir="$work/$rows"
  if [ ! -f "$dir/connections.csv.gz" ]; then
    echo "simulating about $rows rows ($identities identities per hub, 24 h)..." >&2
    java -cp "$classpath" io.linkguard.cli.Main simulate --out "$dir" --identities "$identities" --hours 24 --gzip >&2
  fi
  for format in "${formats[@]}"; do
    case $format in csv) file=$dir/connections.csv.gz ;; az-json) file=$dir/connections.az.json.gz ;;
                    query-json) file=$dir/connections.query.json.gz ;; esac
    : > "$work/plan" ; : > "$work/duckdb" ; : > "$work/zcat" ; : > "$work/rss"
    for i in $(seq 1 "$repeat"); do
      warm "$file" "${plan_inputs[@]}"; find "$app/target/classes" -type f -exec cat {} + > /dev/null
      read -r s rss < <(timed env LINKGUARD_JAVA_OPTS="$java_opts" "$app/linkguard" plan --logs "$file" --format json --out /dev/null)
      echo "$s" >> "$work/plan"; echo "$rss" >> "$work/rss"
      warm "$file"
      read -r s _ < <(timed node "$root/tools/bench/duckdb-aggregate.mjs" "$format" "$file" "$threads"); echo "$s" >> "$work/duckdb"
      sed -n 's/.* rows=\([0-9]*\) .*/\1/p' "$work/stdout" > "$work/rows"
      warm "$file"
      read -r s _ < <(timed_to_null zcat "$file"); echo "$s" >> "$work/zcat"
      echo "$format $rows run $i: plan $(tail -1 "$work/plan") s, duckdb $(tail -1 "$work/duckdb") s, zcat $(tail -1 "$work/zcat") s" >&2
    done
    actual=$(cat "$work/rows")
    p=$(median < "$work/plan"); d=$(median < "$work/duckdb"); z=$(median < "$work/zcat"); r=$(median < "$work/rss")
    mib=$(du -m "$file" | cut -f1)
    awk -v f="$format" -v n="$actual" -v m="$mib" -v p="$p" -v d="$d" -v z="$z" -v r="$r" 'BEGIN {
      vd = d / p; vz = z / p;
      printf "| %s | %\047d | %d | %.1f | %.1f | %.1f | %.2f× %s | %.2f× %s | %d |\n", f, n, m, p, d, z,
        vd, (vd >= 1.5 ? "met" : "**not met**"), vz, (vz >= 0.5 ? "met" : "**not met**"), r }' >> "$out.tmp"
  done
done
{
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))," \
       "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(java -version 2>&1 | head -1 | cut -d'"' -f2) (\`./linkguard plan\`, LINKGUARD_JAVA_OPTS=$java_opts)," \
       "Node.js $(node --version), DuckDB $(node -e "console.log(require('$root/tools/bench/node_modules/@duckdb/node-api/package.json').version)")" \
       "($threads threads); median of $repeat fresh processes each, end to end; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)." \
       "Speed ratios are the other tool's time over plan's (above 1: plan is faster); valid rows as DuckDB counted them."
} >> "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
