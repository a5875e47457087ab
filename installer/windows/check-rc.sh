#!/usr/bin/env bash
# Compiles app/costscope.rc the way the Windows build does (its version header configured from
# app/costscope_version.h.in, the icon) with MinGW's windres and reads the result back: the
# VERSIONINFO must carry the project version and the product's names.
# Usage: check-rc.sh SOURCE_DIR WORK_DIR VERSION WINDRES. Run by ctest as WindowsResourceCompiles.
set -euo pipefail
src=$1 work=$2 version=$3 windres=$4
rm -rf "$work" && mkdir -p "$work"
IFS=. read -r major minor patch <<< "$version"
cmake -DIN="$src/app/costscope_version.h.in" -DOUT="$work/costscope_version.h" \
      -DPROJECT_VERSION="$version" -DPROJECT_VERSION_MAJOR="$major" -DPROJECT_VERSION_MINOR="$minor" \
      -DPROJECT_VERSION_PATCH="$patch" -P "$src/installer/windows/ConfigureVersionHeader.cmake"
# No MinGW compiler here: the host cpp preprocesses, with the MinGW headers next to windres.
mingw_include=$(dirname "$(readlink -f "$windres")")/../x86_64-w64-mingw32/include
"$windres" --preprocessor=cpp -DRC_INVOKED -D_WIN32 -D_WIN64 -I"$mingw_include" -I"$work" -I"$src/app" "$src/app/costscope.rc" -O res -o "$work/costscope.res"
"$windres" -i "$work/costscope.res" -O rc -o "$work/decompiled.rc"
fail() { echo "app/costscope.rc: $*"; cat "$work/decompiled.rc"; exit 1; }
rc=$(tr -d '\r' < "$work/decompiled.rc")
grep -qF "FILEVERSION $major, $minor, $patch, 0" <<< "$rc" || fail "no FILEVERSION $major,$minor,$patch,0"
grep -qF "PRODUCTVERSION $major, $minor, $patch, 0" <<< "$rc" || fail "no PRODUCTVERSION $major,$minor,$patch,0"
for value in "\"FileVersion\", \"$version\"" "\"ProductVersion\", \"$version\"" \
             '"CompanyName", "Costscope maintainers"' '"ProductName", "Costscope"' \
             '"OriginalFilename", "costscope.exe"' '"FileDescription", "Costscope: '; do
  grep -qF -- "$value" <<< "$rc" || fail "no VALUE $value"
done
grep -qF 'Name: "IDI_ICON1"' <<< "$rc" || fail "no group icon IDI_ICON1"
echo "app/costscope.rc: compiled; version $version, names and icon present"
