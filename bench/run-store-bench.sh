#!/usr/bin/env bash
# Builds costscope_bench_store and runs it on the default demo workspace (generated on first
# use), printing the table of medians. Extra arguments go to the benchmark, e.g.
#   bash bench/run-store-bench.sh --repeat 31 --workspace /path/to/workspace.costscope
# Environment: BUILD_DIR (default build-bench), COSTSCOPE_BENCH_WORKSPACE.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build-bench}
command -v sqlite3 >/dev/null || echo "note: the sqlite3 tool is missing (apt-get install sqlite3); raw timings are skipped" >&2
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOSTSCOPE_WERROR=ON >/dev/null
ninja -C "$BUILD_DIR" costscope_bench_store
extra=()
command -v sqlite3 >/dev/null || extra=(--no-sqlite3)
QT_LOGGING_RULES='*.info=false' "$BUILD_DIR/bench/costscope_bench_store" "${extra[@]}" "$@"
