#!/usr/bin/env bash
# Builds the Windows installer's NSIS script with Debian's makensis around a dummy executable
# (nsis-check/CMakeLists.txt uses the real NsisSettings.cmake), then checks that the installer
# was written and that the script registers "Open with Costscope" for .csv and .gz without
# taking their default application, and that the uninstaller removes what was written.
# Usage: check-nsis.sh SOURCE_DIR WORK_DIR VERSION. Run by ctest as NsisInstallerBuilds.
set -euo pipefail
src=$1 work=$2 version=$3
rm -rf "$work"
cmake -S "$src/installer/windows/nsis-check" -B "$work" -DCOSTSCOPE_SOURCE_DIR="$src" \
      -DCOSTSCOPE_VERSION="$version" > "$work.configure.log" 2>&1 || { cat "$work.configure.log"; exit 1; }
(cd "$work" && cpack -G NSIS64 > cpack.log 2>&1) || { cat "$work/cpack.log"; find "$work" -name NSISOutput.log -exec cat {} +; exit 1; }
exe=$(find "$work" -maxdepth 1 -name "costscope-$version-*.exe" | head -n 1)
[[ -n $exe ]] || { echo "no installer costscope-$version-*.exe in $work"; exit 1; }
[[ $(head -c 2 "$exe") == MZ ]] || { echo "$exe: not a Windows executable"; exit 1; }
nsi=$(find "$work/_CPack_Packages" -name project.nsi | head -n 1)
fail() { echo "$nsi: $*"; exit 1; }
has() { grep -qF -- "$1" "$nsi" || fail "missing: $1"; }
cmd="'\"\$INSTDIR\\bin\\costscope.exe\" \"%1\"'"
has "WriteRegStr SHCTX 'Software\\Classes\\Costscope.BillingFile\\shell\\open\\command' '' $cmd"
has "WriteRegStr SHCTX 'Software\\Classes\\Costscope.BillingFile\\DefaultIcon' '' '\$INSTDIR\\bin\\costscope.exe,0'"
has "WriteRegStr SHCTX 'Software\\Classes\\Applications\\costscope.exe\\shell\\open\\command' '' $cmd"
has "DeleteRegKey SHCTX 'Software\\Classes\\Costscope.BillingFile'"
has "DeleteRegKey SHCTX 'Software\\Classes\\Applications\\costscope.exe'"
for ext in csv gz; do
  has "WriteRegStr SHCTX 'Software\\Classes\\.$ext\\OpenWithProgids' 'Costscope.BillingFile' ''"
  has "WriteRegStr SHCTX 'Software\\Classes\\Applications\\costscope.exe\\SupportedTypes' '.$ext' ''"
  has "DeleteRegValue SHCTX 'Software\\Classes\\.$ext\\OpenWithProgids' 'Costscope.BillingFile'"
  # The extension's default value (its default application) is never written or deleted.
  if grep -qE "Reg[A-Za-z]* SHCTX 'Software\\\\Classes\\\\\\.$ext' " "$nsi"; then
    fail "touches the default handler of .$ext"
  fi
done
# The uninstall lines come after the uninstaller section starts.
un=$(grep -n '^Section "Uninstall"' "$nsi" | cut -d: -f1)
del=$(grep -n "DeleteRegKey SHCTX 'Software\\\\Classes\\\\Costscope.BillingFile'" "$nsi" | cut -d: -f1)
[[ -n $un && $del -gt $un ]] || fail "the association is not removed in the uninstaller"
has 'CreateShortCut "$SMPROGRAMS\$STARTMENU_FOLDER\Costscope.lnk" "$INSTDIR\bin\costscope.exe"'
has 'DeleteRegKey SHCTX "Software\Microsoft\Windows\CurrentVersion\Uninstall\Costscope"'
echo "$exe: built by makensis; $nsi: association, shortcut and uninstall entry checked"
