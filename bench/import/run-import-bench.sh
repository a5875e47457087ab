#!/usr/bin/env bash
# Import benchmark: generates a CUR-like and a FOCUS CSV of each size given as arguments
# (or in $ROWS; default "1000000 5000000"), each like a real bill (resources keep their account,
# service and region: kinds cur, focus) and as the rollups' worst case (every row a rollup cell of
# its own: cur-scattered, focus-scattered; see gen_bill.py), then measures in one run, per file:
#   - costscope import (fresh workspace): wall time and peak RSS
#   - sqlite3 `.import` of the same file into a plain table
#   - DuckDB (@duckdb/node-api, installed with npm into $WORK/duckdb) reading it into a table
# and prints the figures and the ratios, the importer alone (costscope_bench_import_parse), and the
# load average before and after the run. Peak memory comes from /usr/bin/time -v.
# Usage: run-import-bench.sh [ROWS...]     e.g. run-import-bench.sh 1000000
# Env: BUILD_DIR (default build-import), WORK (scratch, default /tmp/costscope-import-bench),
#      KINDS (default "cur focus cur-scattered focus-scattered").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build-import}"
WORK="${WORK:-/tmp/costscope-import-bench}"
SIZES="${*:-${ROWS:-1000000 5000000}}"
KINDS="${KINDS:-cur focus cur-scattered focus-scattered}"
for kind in $KINDS; do
  case "$kind" in cur|focus|cur-scattered|focus-scattered) ;; *) echo "unknown kind in KINDS: $kind" >&2; exit 2 ;; esac
done
GEN="$ROOT/bench/import/gen_bill.py"
GEN_STAMP=$(md5sum < "$GEN" | cut -c1-12)
for n in $SIZES; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [ROWS...]  (row counts, e.g. 1000000)" >&2; exit 2; }
done
BIN="$BUILD/app/costscope"
mkdir -p "$WORK"
[ -x "$BIN" ] || { cmake -S "$ROOT" -B "$BUILD" -G Ninja >/dev/null && ninja -C "$BUILD" costscope costscope_bench_import_parse; }

# DuckDB via npm, if it installs.
DUCK=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$WORK/duckdb/node_modules/@duckdb/node-api" ]; then
    mkdir -p "$WORK/duckdb"
    (cd "$WORK/duckdb" && npm install --no-audit --no-fund @duckdb/node-api >/dev/null 2>&1) || true
  fi
  if [ -d "$WORK/duckdb/node_modules/@duckdb/node-api" ]; then
    cp "$ROOT/bench/import/duckdb_load.mjs" "$WORK/duckdb/"
    DUCK="$WORK/duckdb/duckdb_load.mjs"
  else
    echo "note: @duckdb/node-api did not install; DuckDB column left empty"
  fi
fi

# measure CMD... -> prints "wall_seconds cpu_seconds maxrss_kb" (cpu = user + system, all threads)
measure() {
  local log="$WORK/time.log"
  /usr/bin/time -v "$@" >"$WORK/out.log" 2>"$log" || { echo "FAILED: $*" >&2; tail -5 "$log" >&2; echo "nan nan nan"; return; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  echo "$wall $cpu $rss"
}

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-15s %8s | %-22s | %-22s | %-22s | %-15s %-15s\n' kind rows "costscope wall/cpu/MiB" "sqlite3 wall/cpu/MiB" \
  "duckdb wall/cpu/MiB" "cs/sqlite w/cpu" "cs/duckdb w/cpu"
for n in $SIZES; do
  for kind in $KINDS; do
    csv="$WORK/$kind-$n.csv"
    # A file is made again when gen_bill.py changed since it was written (its digest beside the file).
    if ! [ -s "$csv" ] || [ "$(cat "$csv.gen" 2>/dev/null)" != "$GEN_STAMP" ]; then
      python3 "$GEN" "$kind" "$n" "$csv" && echo "$GEN_STAMP" > "$csv.gen"
    fi
    rm -f "$WORK/ws.db" "$WORK/ws.db-wal" "$WORK/ws.db-shm" "$WORK/plain.db" "$WORK/bench.duckdb" "$WORK/bench.duckdb.wal"
    read -r cs_t cs_c cs_m < <(measure "$BIN" --workspace "$WORK/ws.db" import "$csv")
    read -r sq_t sq_c sq_m < <(measure sqlite3 "$WORK/plain.db" -cmd ".mode csv" ".import $csv bill")
    dk_t=0; dk_c=0; dk_m=0
    if [ -n "$DUCK" ]; then
      read -r dk_t dk_c dk_m < <(cd "$WORK/duckdb" && measure node "$DUCK" "$csv" "$WORK/bench.duckdb")
    fi
    awk -v k="$kind" -v n="$n" -v a="$cs_t" -v ac="$cs_c" -v am="$cs_m" -v b="$sq_t" -v bc="$sq_c" -v bm="$sq_m" \
        -v c="$dk_t" -v cc="$dk_c" -v cm="$dk_m" 'BEGIN {
      printf "%-15s %8d | %6.1fs %6.1fs %6.0f  | %6.1fs %6.1fs %6.0f  | %6.1fs %6.1fs %6.0f  | %5.2f %5.2f     %5.2f %5.2f\n",
        k, n, a, ac, am/1024, b, bc, bm/1024, c, cc, cm/1024,
        (b>0 ? a/b : 0), (bc>0 ? ac/bc : 0), (c>0 ? a/c : 0), (cc>0 ? ac/cc : 0) }'
  done
done
# The importer's own share (read + map, no store writes), to tell it from the store writer's.
PARSE="$BUILD/bench/import/costscope_bench_import_parse"
if [ -x "$PARSE" ]; then
  for n in $SIZES; do
    for kind in $KINDS; do
      read -r p_t p_c p_m < <(measure "$PARSE" "$WORK/$kind-$n.csv")
      printf 'parse only (no store): %-15s %8d  wall %6.1fs  cpu %6.1fs  %5.0f MiB\n' "$kind" "$n" "$p_t" "$p_c" "$(echo "$p_m / 1024" | bc -l)"
    done
  done
fi
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "(ratios are costscope / peer, for wall time and for CPU time: below 1 is faster; MiB is peak RSS)"
