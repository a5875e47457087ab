#pragma once

// For the tests that need the desktop keyring (labelled KEYCHAIN in tests/CMakeLists.txt).
// Without COSTSCOPE_KEYRING_READY (a developer running the binary by hand) such a test skips;
// under scripts/with-keyring.sh (CTest, CI) a broken keychain is a failure.

#include <QTest>

#define REQUIRE_KEYRING()                                                                                   \
    do {                                                                                                    \
        if (qEnvironmentVariableIsEmpty("COSTSCOPE_KEYRING_READY"))                                         \
            QSKIP("No test keyring: run under `dbus-run-session -- bash scripts/with-keyring.sh <binary>` " \
                  "(CTest does this via scripts/test.sh)");                                                 \
    } while (false)
