#!/usr/bin/env bash
# Builds the importer's libFuzzer targets with clang (in build-fuzz, or $FUZZ_BUILD_DIR) and runs
# each for $FUZZ_SECONDS (default 20) seconds, starting from tests/fuzz/corpus/<target>. With
# $FUZZ_RUNS set, each target instead replays its corpus and then tries that many inputs from the
# fixed seed $FUZZ_SEED (default 1): the same inputs on every run, so CI (scripts/test.sh) cannot
# fail by chance. New inputs go to a scratch folder; a crash leaves its input in the current
# folder and fails the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
SECONDS_EACH="${FUZZ_SECONDS:-20}"
CXX_BIN="${CXX:-clang++-14}"
command -v "$CXX_BIN" >/dev/null || { echo "run-fuzzers: $CXX_BIN not found (apt-get install clang-14)"; exit 2; }

TARGETS=(csv_reader detect focus aws_cur aws_cur2 azure gcp oci)
CXX="$CXX_BIN" cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCOSTSCOPE_FUZZ=ON -DCOSTSCOPE_BUILD_BENCH=OFF >/dev/null
ninja -C "$BUILD" -j2 "${TARGETS[@]/#/fuzz_}"

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$SCRATCH/$t"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    limit=(-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}")
    echo "== fuzz_$t (corpus, then $FUZZ_RUNS runs from seed ${FUZZ_SEED:-1})"
  else
    limit=(-max_total_time="$SECONDS_EACH")
    echo "== fuzz_$t (${SECONDS_EACH}s)"
  fi
  if ! "$BUILD/tests/fuzz/fuzz_$t" "${limit[@]}" -max_len=65536 -print_final_stats=1 \
        "$SCRATCH/$t" "$ROOT/tests/fuzz/corpus/$t" 2>&1 | tail -n 12; then
    status=1
  fi
done
exit $status
