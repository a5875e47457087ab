#!/usr/bin/env bash
# Installs every Debian 12 package Costscope needs to build, run and test.
# Safe to run again: apt-get only installs what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6opengl6-dev qtkeychain-qt6-dev libgl-dev
  libcurl4-openssl-dev libsqlite3-dev sqlite3 zlib1g-dev libssl-dev
  nlohmann-json3-dev libfast-float-dev
  xvfb xauth fonts-dejavu-core
  gnome-keyring dbus dbus-x11 libsecret-tools
  python3 python3-botocore python3-google-auth python3-cryptography
  poppler-utils desktop-file-utils appstream
  nsis binutils-mingw-w64-x86-64 mingw-w64-x86-64-dev
  clang-14 libclang-rt-14-dev libfuzzer-14-dev
  qt6-translations-l10n fonts-wqy-microhei
)

# Node.js and npm run the third-party mlflow client test (TestMlflowNpmClient). Machines that
# already have them (e.g. from NodeSource, whose nodejs bundles npm) keep theirs.
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
