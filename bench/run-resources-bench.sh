#!/usr/bin/env bash
# Builds costscope_bench_resources and runs it: generates a workspace of 100,000 resources (with
# costs and CPU series) in a temporary folder and times the Resources tab's inventory query, table
# model, sorts, filters and grouping. Extra arguments go to the benchmark, e.g.
#   bash bench/run-resources-bench.sh --resources 200000 --repeat 3
# Environment: BUILD_DIR (default build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build-bench}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOSTSCOPE_WERROR=ON >/dev/null
ninja -C "$BUILD_DIR" costscope_bench_resources
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.info=false' "$BUILD_DIR/bench/costscope_bench_resources" "$@"
