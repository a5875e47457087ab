# CPack's NSIS settings for the Windows installer. Included by installer/CMakeLists.txt on Windows
# and by the NsisInstallerBuilds test (installer/windows/check-nsis.sh), which builds an installer
# with them around a dummy executable with Debian's makensis, so what is checked here is what
# the release uses. Needs COSTSCOPE_ICON_DIR (resources/icons) and PROJECT_VERSION.
#
# The installer puts bin\costscope.exe (with Qt, its plugins and the other DLLs next to it, see
# app/CMakeLists.txt), a Start-menu shortcut, an uninstaller and its "Apps & features" entry.
# Billing files: "Open with > Costscope" for .csv and .gz through a ProgID of its own, listed in
# the extensions' OpenWithProgids and in Applications\costscope.exe\SupportedTypes. The
# extensions' default value (their default application) is never written, so Excel or whatever
# opened CSV files before still does. The uninstaller removes exactly the keys it wrote.
set(CPACK_NSIS_PACKAGE_NAME "Costscope")
set(CPACK_NSIS_DISPLAY_NAME "Costscope ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${COSTSCOPE_ICON_DIR}/costscope.ico")
set(CPACK_NSIS_MUI_UNIICON "${COSTSCOPE_ICON_DIR}/costscope.ico")
# The uninstall entry's icon and "Apps & features" details.
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\costscope.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "https://costscope.invalid/")
set(CPACK_NSIS_CONTACT "maintainers@costscope.invalid")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH OFF)
# 64-bit only: $PROGRAMFILES64 and the 64-bit registry view.
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
# The Start-menu shortcut comes from CPACK_PACKAGE_EXECUTABLES ("costscope;Costscope": $SMPROGRAMS\
# <folder>\Costscope.lnk to bin\costscope.exe), removed by the uninstaller with its folder. No
# "Run Costscope" on the finish page: it would start the window with the installer's elevation.

# SHCTX is HKLM for an all-users install, HKCU for a per-user one (CPack's template sets the
# shell context first). Two lists of NSIS lines, joined with newlines below.
set(progid "Software\\\\Classes\\\\Costscope.BillingFile")
set(app_key "Software\\\\Classes\\\\Applications\\\\costscope.exe")
# CPackConfig.cmake is written without escaping: a quote for NSIS is \\\" here.
set(open_command "'\\\"$INSTDIR\\\\bin\\\\costscope.exe\\\" \\\"%1\\\"'")
set(install_lines
    "WriteRegStr SHCTX '${progid}' '' 'Billing export (Costscope)'"
    "WriteRegStr SHCTX '${progid}\\\\DefaultIcon' '' '$INSTDIR\\\\bin\\\\costscope.exe,0'"
    "WriteRegStr SHCTX '${progid}\\\\shell\\\\open' 'FriendlyAppName' 'Costscope'"
    "WriteRegStr SHCTX '${progid}\\\\shell\\\\open\\\\command' '' ${open_command}"
    "WriteRegStr SHCTX '${app_key}' 'FriendlyAppName' 'Costscope'"
    "WriteRegStr SHCTX '${app_key}\\\\DefaultIcon' '' '$INSTDIR\\\\bin\\\\costscope.exe,0'"
    "WriteRegStr SHCTX '${app_key}\\\\shell\\\\open\\\\command' '' ${open_command}")
set(uninstall_lines
    "DeleteRegKey SHCTX '${progid}'"
    "DeleteRegKey SHCTX '${app_key}'")
foreach(ext csv gz)
  list(APPEND install_lines
       "WriteRegStr SHCTX 'Software\\\\Classes\\\\.${ext}\\\\OpenWithProgids' 'Costscope.BillingFile' ''"
       "WriteRegStr SHCTX '${app_key}\\\\SupportedTypes' '.${ext}' ''")
  list(APPEND uninstall_lines
       "DeleteRegValue SHCTX 'Software\\\\Classes\\\\.${ext}\\\\OpenWithProgids' 'Costscope.BillingFile'"
       "DeleteRegKey /ifempty SHCTX 'Software\\\\Classes\\\\.${ext}\\\\OpenWithProgids'")
endforeach()
# Explorer rereads the associations (SHCNE_ASSOCCHANGED).
set(notify "System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'")
list(APPEND install_lines "${notify}")
list(APPEND uninstall_lines "${notify}")
list(JOIN install_lines "\n" CPACK_NSIS_EXTRA_INSTALL_COMMANDS)
list(JOIN uninstall_lines "\n" CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS)
unset(progid)
unset(app_key)
unset(open_command)
unset(install_lines)
unset(uninstall_lines)
unset(notify)
