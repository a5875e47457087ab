#pragma once

// The "the secret is nowhere but in the keyring" search the account cycle tests share
// (TestProviderCycle, TestAccountsCycle): every file under the test's folder, its home and XDG
// folders, read whole and searched for each secret value; and the log they search too. Add
// support/SecretSearch.h and support/SecretSearch.cpp to a test's SOURCES.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace costscope::testsupport {

// The files under root, hidden ones included, symbolic links not followed.
QStringList filesUnder(const QString &root);

// The files under $HOME, $XDG_DATA_HOME, $XDG_CONFIG_HOME, $XDG_CACHE_HOME and $XDG_RUNTIME_DIR
// (those that are set), in that order; a file under two of them is listed twice.
QStringList filesUnderHomeAndXdg();

struct SecretSearch
{
    QStringList read;  // the files read, in the order given (a path given twice is read twice)
    QStringList found; // "<name> found in <path>", one per value per file that holds it
};

// Reads each of files except the keyring's (a path with "/keyrings/") and the unreadable ones,
// and looks in it for the UTF-8 bytes of each value; the pairs are (name, value).
SecretSearch searchFiles(const QStringList &files, const QList<QPair<QString, QString>> &namedValues);

// From startLogCapture() (which also turns the costscope.* debug and info categories on) to
// stopLogCapture(), every log message is kept, and all but debug ones passed on to the handler
// that was installed before. For initTestCase() and cleanupTestCase().
void startLogCapture();
void stopLogCapture();
// The messages kept so far (a copy; other threads may still log), and forgetting them.
QStringList capturedLog();
void clearCapturedLog();

} // namespace costscope::testsupport
