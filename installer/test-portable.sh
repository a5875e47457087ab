#!/usr/bin/env bash
# Unpacks the portable tarball into a copy of a clean Debian 12 root from which Costscope, Qt and
# every library they pulled in have been removed, then runs `costscope --version`, a small demo,
# `costscope summary` (offscreen) and the window (offscreen, 15 s) there. Needs root. The clean
# root is the one installer/test-deb.sh makes (debootstrap); it is copied, never changed.
# Not part of the CI suite (slow). Usage: bash installer/test-portable.sh [TARBALL]
#   SOURCE_ROOT=/var/tmp/costscope-clean-root  ROOT=/var/tmp/costscope-portable-root  BUILD_DIR=build-portable
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE_ROOT=${SOURCE_ROOT:-/var/tmp/costscope-clean-root}
ROOT=${ROOT:-/var/tmp/costscope-portable-root}
BUILD_DIR=${BUILD_DIR:-build-portable}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

tarball=${1:-}
if [ -z "$tarball" ]; then
  BUILD_DIR="$BUILD_DIR" bash installer/build-portable.sh
  tarball=$(ls -t "$BUILD_DIR"/costscope-*-linux-x86_64.tar.gz | head -1)
fi
[ -f "$tarball" ] || { echo "no tarball: $tarball" >&2; exit 1; }
echo "tarball: $tarball"

if [ ! -x "$SOURCE_ROOT/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap
  debootstrap --variant=minbase bookworm "$SOURCE_ROOT" "$MIRROR"
fi
for m in proc dev; do
  if mountpoint -q "$SOURCE_ROOT/$m"; then
    echo "$SOURCE_ROOT/$m is mounted (is test-deb.sh running?); not copying a live root" >&2
    exit 1
  fi
done

# A private copy: the source root stays as test-deb.sh left it.
rm -rf "$ROOT"
cp -a "$SOURCE_ROOT" "$ROOT"
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
trap 'umount "$ROOT/proc" 2>/dev/null || true' EXIT

# test-deb.sh may have installed the .deb there: remove it and everything it pulled in (offline).
chroot "$ROOT" dpkg --purge costscope >/dev/null 2>&1 || true
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -qq >/dev/null
if chroot "$ROOT" sh -c 'ldconfig -p | grep -E "libQt6|libcurl|libqt6keychain|libsqlite3"'; then
  echo "the clean root still holds Qt, curl, QtKeychain or SQLite" >&2
  exit 1
fi
echo "clean root: $(chroot "$ROOT" dpkg -l | grep -c '^ii') packages, no Qt"

mkdir -p "$ROOT/opt"
tar -C "$ROOT/opt" -xzf "$tarball"
dir=$(basename "$tarball" .tar.gz)
app="/opt/$dir/costscope"

run() { chroot "$ROOT" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C.UTF-8 "$@"; }
# Every bundled library and plugin resolves inside the root (nothing "not found").
if run sh -c "LD_LIBRARY_PATH=/opt/$dir/lib ldd /opt/$dir/bin/costscope /opt/$dir/plugins/*/*.so" | grep 'not found'; then
  echo "unresolved libraries in the clean root" >&2
  exit 1
fi
run "$app" --version
run rm -f /tmp/portable.costscope /tmp/portable.costscope-wal /tmp/portable.costscope-shm
run "$app" demo --workspace /tmp/portable.costscope --months 1
run env QT_QPA_PLATFORM=offscreen "$app" summary --workspace /tmp/portable.costscope --by provider
# The window starts with the bundled offscreen platform and runs until stopped.
set +e
run env QT_QPA_PLATFORM=offscreen timeout 15 "$app" --workspace /tmp/portable.costscope
rc=$?
set -e
if [ "$rc" -ne 124 ]; then
  echo "the window exited with $rc instead of running until stopped" >&2
  exit 1
fi
echo "OK: the portable tarball runs in a clean Debian 12 root without Qt"
