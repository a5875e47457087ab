#!/usr/bin/env bash
# Builds the portable Linux tarball costscope-<version>-linux-x86_64.tar.gz: the executable with
# the shared libraries it needs (found with ldd), the Qt plugins it loads, a qt.conf and a
# launcher that sets LD_LIBRARY_PATH. Unpack anywhere and run ./costscope-<version>-linux-x86_64/costscope.
#
# What is left to the system: glibc (libc, libm, ld-linux, ...), libstdc++ and libgcc_s. The
# tarball runs where those are at least as new as on the build machine (built here on Debian 12:
# glibc 2.36, GCC 12). Everything else (Qt, QtKeychain, libcurl, OpenSSL, SQLite, ICU, xcb, ...)
# is inside. See docs/packaging.md.
#
# Usage: bash installer/build-portable.sh   (BUILD_DIR=build-portable, OUT_DIR=$BUILD_DIR, JOBS=2)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build-portable}
OUT_DIR=${OUT_DIR:-$BUILD_DIR}
JOBS=${JOBS:-2}
QT_PLUGINS=${QT_PLUGINS:-$(qtpaths6 --query QT_INSTALL_PLUGINS 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/qt6/plugins)}
QT_TRANSLATIONS=${QT_TRANSLATIONS:-$(qtpaths6 --query QT_INSTALL_TRANSLATIONS 2>/dev/null || echo /usr/share/qt6/translations)}

if [ ! -x "$BUILD_DIR/app/costscope" ]; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" -DCOSTSCOPE_BUILD_TESTS=OFF -DCOSTSCOPE_BUILD_BENCH=OFF
  cmake --build "$BUILD_DIR" --target costscope --parallel "$JOBS"
fi
exe="$BUILD_DIR/app/costscope"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$BUILD_DIR/CMakeCache.txt")
[ -n "$version" ] || { echo "no project version in $BUILD_DIR/CMakeCache.txt" >&2; exit 1; }
name="costscope-$version-linux-x86_64"
stage="$OUT_DIR/portable/$name"
rm -rf "$OUT_DIR/portable"
mkdir -p "$stage/bin" "$stage/lib" "$stage/plugins"

# The libraries the system keeps: the C library family and the compiler's runtime.
is_system_lib() {
  case "$1" in
    linux-vdso.so.*|ld-linux*.so.*|libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libresolv.so.*|\
    libutil.so.*|libanl.so.*|libnsl.so.*|libmvec.so.*|libBrokenLocale.so.*|libstdc++.so.*|libgcc_s.so.*) return 0 ;;
  esac
  return 1
}

# Copies every non-system library an ELF file needs (ldd resolves the whole tree) into lib/.
bundle_deps() {
  local file=$1 line soname path
  ldd "$file" | while read -r line; do
    case "$line" in
      *"not found"*) echo "missing library for $file: $line" >&2; exit 1 ;;
      *"=>"*/*) soname=${line%% *}; path=${line#*=> }; path=${path%% (*} ;;
      *) continue ;;
    esac
    is_system_lib "$soname" && continue
    [ -e "$stage/lib/$soname" ] || cp -L "$path" "$stage/lib/$soname"
  done
}

cp "$exe" "$stage/bin/costscope"
strip --strip-unneeded "$stage/bin/costscope"
bundle_deps "$exe"

# Qt plugins: the X11 and offscreen platforms (with xcb's GL integrations), image formats and
# the SVG icon engine, the compose-key input context, and the TLS backends of Qt Network.
for p in platforms/libqxcb.so platforms/libqoffscreen.so platforms/libqminimal.so \
         xcbglintegrations/libqxcb-glx-integration.so xcbglintegrations/libqxcb-egl-integration.so \
         imageformats/libqsvg.so imageformats/libqjpeg.so imageformats/libqgif.so imageformats/libqico.so \
         iconengines/libqsvgicon.so platforminputcontexts/libcomposeplatforminputcontextplugin.so \
         tls/libqopensslbackend.so tls/libqcertonlybackend.so; do
  [ -e "$QT_PLUGINS/$p" ] || { echo "Qt plugin not found: $QT_PLUGINS/$p" >&2; exit 1; }
  mkdir -p "$stage/plugins/$(dirname "$p")"
  cp -L "$QT_PLUGINS/$p" "$stage/plugins/$p"
  bundle_deps "$QT_PLUGINS/$p"
done
# Qt's own translations for the dialogs' standard buttons (the application's are compiled in).
if ls "$QT_TRANSLATIONS"/qtbase_zh_CN.qm >/dev/null 2>&1; then
  mkdir -p "$stage/translations"
  cp "$QT_TRANSLATIONS"/qtbase_zh_CN.qm "$stage/translations/"
fi
# OpenSSL loads its providers at run time from its own module folder; libcurl and Qt use the
# default provider, which is built into libcrypto, so no module is copied.
strip --strip-unneeded "$stage"/lib/*.so* "$stage"/plugins/*/*.so 2>/dev/null || true

# qt.conf next to the executable: plugins and translations relative to the tarball.
cat > "$stage/bin/qt.conf" <<'CONF'
[Paths]
Prefix = ..
Plugins = plugins
Translations = translations
CONF

cat > "$stage/costscope" <<'LAUNCHER'
#!/bin/sh
# Runs the bundled Costscope with the bundled libraries and Qt plugins.
here=$(dirname "$(readlink -f "$0")")
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export LD_LIBRARY_PATH
# A system Qt's plugin folders would load plugins built for another Qt.
unset QT_PLUGIN_PATH QT_QPA_PLATFORM_PLUGIN_PATH
exec "$here/bin/costscope" "$@"
LAUNCHER
chmod 755 "$stage/costscope" "$stage/bin/costscope"

# Desktop entry and icon, for a user who wants to add it to a menu by hand.
mkdir -p "$stage/share"
cp resources/desktop/io.costscope.Costscope.desktop "$stage/share/"
cp resources/icons/hicolor/256x256/apps/io.costscope.Costscope.png "$stage/share/"

tarball="$OUT_DIR/$name.tar.gz"
tar -C "$OUT_DIR/portable" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "portable: $tarball ($(du -h "$tarball" | cut -f1), $(ls "$stage/lib" | wc -l) libraries)"
