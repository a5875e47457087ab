#!/usr/bin/env bash
# Times every recommendation module and the anomaly detection together on the default demo
# workspace (issue 5: under 10 s), with costscope_bench_recommendations.
#
#   bench/run-analysis-bench.sh [BUILD_DIR] [REPEAT]
#
# The demo workspace is generated once into $COSTSCOPE_BENCH_WORKSPACE (default
# /tmp/costscope-bench/demo.costscope); delete it to measure a freshly generated demo.
set -euo pipefail
build=${1:-build}
repeat=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$here/$build" --target costscope_bench_recommendations -j2 >/dev/null
export COSTSCOPE_BENCH_WORKSPACE=${COSTSCOPE_BENCH_WORKSPACE:-/tmp/costscope-bench/demo.costscope}
echo "nproc $(nproc), $(uname -m), $(date -u +%Y-%m-%dT%H:%MZ)"
/usr/bin/time -f "wall %e s, user %U s, system %S s, peak %M KiB" \
    "$here/$build/bench/costscope_bench_recommendations" --repeat "$repeat"
