# cmake -DIN=app/costscope_version.h.in -DOUT=... -DPROJECT_VERSION=... -DPROJECT_VERSION_MAJOR=...
#       -DPROJECT_VERSION_MINOR=... -DPROJECT_VERSION_PATCH=... -P ConfigureVersionHeader.cmake
# The same configure_file app/CMakeLists.txt does on Windows, for check-rc.sh.
configure_file("${IN}" "${OUT}" @ONLY)
