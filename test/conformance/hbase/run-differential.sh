#!/usr/bin/env bash
# Runs the differential runner: starts a real HBase (unless HBASE_ZK_QUORUM names a running one)
# and Shale's server (unless SHALE_ZK_QUORUM names one), runs the Java runner with the arguments
# given, and stops what it started. `--self` compares HBase with itself (two tables, one cluster)
# instead of starting Shale. `--bench` runs the anchor benchmark instead (it starts both itself).
#   run-differential.sh [--self] [--seeds 1,2,3] [--ops 300] [--corpus] [--minimize 3] [...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
self=0; bench=0; args=()
for a in "$@"; do
  case "$a" in
    --self) self=1 ;;
    --bench) bench=1 ;;
    *) args+=("$a") ;;
  esac
done
bash "$here/build.sh" all >&2
source "$here/jvm-flags.sh"
java_runner=(java -Xmx512m "${HBASE_JDK17_FLAGS[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=off
  -cp "$here/runner/target/differential.jar:$here/runner/target/lib/*" shale.differential.Main)
if [ "$bench" = 1 ]; then
  exec "${java_runner[@]}" --bench --root "$root" "${args[@]}"
fi

work="$(mktemp -d /tmp/shale-differential.XXXXXX)"
started=()
cleanup() {
  for pid in "${started[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Waits (bounded) for a line matching $2 in file $1 while process $3 lives; prints the match.
wait_for_line() {
  local file="$1" pattern="$2" pid="$3" limit="$4"
  for _ in $(seq 1 $((limit * 5))); do
    if grep -Eo "$pattern" "$file" 2>/dev/null | head -1 | grep .; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "run-differential: server exited early; log:" >&2; tail -40 "$file" >&2; return 1; }
    sleep 0.2
  done
  echo "run-differential: no ready line after ${limit}s; log:" >&2; tail -40 "$file" >&2; return 1
}

hbase_quorum="${HBASE_ZK_QUORUM:-}"
if [ -z "$hbase_quorum" ]; then
  t0=$(date +%s%N)
  bash "$here/start-hbase.sh" --data-dir "$work/hbase" > "$work/hbase.log" 2>&1 &
  started+=($!)
  hbase_quorum="$(wait_for_line "$work/hbase.log" '127\.0\.0\.1:[0-9]+' "$!" 300)"
  echo "run-differential: HBase ready at $hbase_quorum after $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
fi
if [ "$self" = 1 ]; then
  "${java_runner[@]}" --a "$hbase_quorum" --b "$hbase_quorum" --a-name hbase-1 --b-name hbase-2 \
    --known "$here/known-differences.md" "${args[@]}" 2> "$work/runner.err" || { rc=$?; tail -20 "$work/runner.err" >&2; exit $rc; }
  exit 0
fi
shale_quorum="${SHALE_ZK_QUORUM:-}"
if [ -z "$shale_quorum" ]; then
  (cd "$root" && exec ./node_modules/.bin/bun server/main.ts --data-dir "$work/shale" --zk-port 0 --master-port 0 \
    --regionserver-port 0 --print-config --log-level warn) > "$work/shale.log" 2>&1 &
  started+=($!)
  shale_quorum="$(wait_for_line "$work/shale.log" '"quorum":"127\.0\.0\.1:[0-9]+' "$!" 60 | grep -Eo '127\.0\.0\.1:[0-9]+')"
  echo "run-differential: Shale ready at $shale_quorum" >&2
fi
"${java_runner[@]}" --a "$hbase_quorum" --b "$shale_quorum" --a-name hbase --b-name shale \
  --known "$here/known-differences.md" "${args[@]}" 2> "$work/runner.err" || {
  rc=$?; tail -20 "$work/runner.err" >&2
  [ -f "$work/shale.log" ] && { echo "--- shale server log (tail)" >&2; tail -20 "$work/shale.log" >&2; }
  exit $rc; }
