#!/usr/bin/env bash
# Configures Info.plist.in with ConfigureInfoPlist.cmake, as the macOS build does, and checks the
# result with check-info-plist.py. Usage: check-info-plist.sh SOURCE_DIR OUTPUT VERSION.
# Run by ctest as InfoPlistValid.
set -euo pipefail
src=$1 out=$2 version=$3
cmake -DCOSTSCOPE_INFO_PLIST_OUTPUT="$out" -DCOSTSCOPE_BUNDLE_VERSION="$version" \
      -P "$src/installer/macos/ConfigureInfoPlist.cmake"
python3 "$src/installer/macos/check-info-plist.py" "$out" "$version"
