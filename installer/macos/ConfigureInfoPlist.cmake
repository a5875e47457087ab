# Writes Costscope.app's Info.plist from Info.plist.in. Included by app/CMakeLists.txt on macOS
# (the result is the target's MACOSX_BUNDLE_INFO_PLIST) and run with `cmake -P` by the
# InfoPlistValid test, so the test checks the file the bundle gets.
#   COSTSCOPE_INFO_PLIST_OUTPUT   where to write it (required)
#   COSTSCOPE_BUNDLE_VERSION      the project version (required)
#   COSTSCOPE_MACOS_MINIMUM       LSMinimumSystemVersion; default the deployment target, else
#                                 10.14 (the oldest macOS Qt 6.4 supports)
if(NOT COSTSCOPE_INFO_PLIST_OUTPUT OR NOT COSTSCOPE_BUNDLE_VERSION)
  message(FATAL_ERROR "ConfigureInfoPlist.cmake needs COSTSCOPE_INFO_PLIST_OUTPUT and COSTSCOPE_BUNDLE_VERSION")
endif()
if(NOT COSTSCOPE_MACOS_MINIMUM)
  if(CMAKE_OSX_DEPLOYMENT_TARGET)
    set(COSTSCOPE_MACOS_MINIMUM "${CMAKE_OSX_DEPLOYMENT_TARGET}")
  else()
    set(COSTSCOPE_MACOS_MINIMUM "10.14")
  endif()
endif()
set(COSTSCOPE_BUNDLE_EXECUTABLE "Costscope")
set(COSTSCOPE_BUNDLE_ID "io.costscope.Costscope")
configure_file("${CMAKE_CURRENT_LIST_DIR}/Info.plist.in" "${COSTSCOPE_INFO_PLIST_OUTPUT}" @ONLY)
