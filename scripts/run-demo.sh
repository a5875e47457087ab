#!/usr/bin/env bash
# Installs what is missing, builds Costscope and opens the window. On the first start
# (no workspace yet) the window opens on the built-in demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOSTSCOPE_BUILD_TESTS=OFF
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target costscope

exec "$BUILD_DIR/app/costscope" "$@"
