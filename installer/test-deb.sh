#!/usr/bin/env bash
# Builds the .deb and installs it into a clean Debian 12 root made with debootstrap (nothing of the
# build machine inside), then runs `costscope --version`, a small demo, a summary and the window
# (offscreen) there. Needs root and the Debian mirror; not part of the CI suite (it downloads a
# base system). Usage: bash installer/test-deb.sh   (ROOT=... to reuse a root, BUILD_DIR=...)
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT=${ROOT:-/var/tmp/costscope-clean-root}
BUILD_DIR=${BUILD_DIR:-build-pkg}
MIRROR=${MIRROR:-http://deb.debian.org/debian}

bash scripts/install-deps.sh
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap

# The same compiler flags as scripts/test.sh, so ccache reuses the test build's objects.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" -DCMAKE_INSTALL_PREFIX=/usr \
  -DCOSTSCOPE_BUILD_TESTS=OFF -DCOSTSCOPE_BUILD_BENCH=OFF
cmake --build "$BUILD_DIR" --target package --parallel "$(nproc)"
deb=$(ls -t "$BUILD_DIR"/costscope_*_amd64.deb | head -1)
echo "package: $deb"
dpkg-deb --info "$deb" | sed -n '/Depends/p;/Recommends/p'

if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR"
fi
# A previous run's install is removed first, so the package is installed into a clean root.
chroot "$ROOT" dpkg --purge costscope >/dev/null 2>&1 || true
cp "$deb" "$ROOT/tmp/costscope.deb"
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
trap 'umount "$ROOT/proc" 2>/dev/null || true' EXIT
chroot "$ROOT" apt-get update -qq
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/costscope.deb

run() { chroot "$ROOT" env HOME=/root QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 "$@"; }
run costscope --version
run rm -f /tmp/demo.costscope
run costscope demo --workspace /tmp/demo.costscope --months 2
run costscope summary --workspace /tmp/demo.costscope --by provider
# The window starts, loads its plugins and shows the workspace; it is stopped after a while.
set +e
run timeout 15 costscope --workspace /tmp/demo.costscope
rc=$?
set -e
if [ "$rc" -ne 124 ]; then
  echo "the window exited with $rc instead of running until stopped" >&2
  exit 1
fi
for f in /usr/share/applications/io.costscope.Costscope.desktop /usr/share/metainfo/io.costscope.Costscope.metainfo.xml \
         /usr/share/icons/hicolor/256x256/apps/io.costscope.Costscope.png; do
  test -f "$ROOT$f" || { echo "missing in the package: $f" >&2; exit 1; }
done
echo "OK: the .deb installs into a clean Debian 12 root and runs there"
