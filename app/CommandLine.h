#pragma once

#include <QStringList>
#include <QTextStream>

namespace costscope::app {

// True when the arguments name a verb (or --version / --help), so no window is needed.
bool isCommandLineInvocation(const QStringList &arguments);

// Runs `costscope <verb> ...` (arguments without the program name). Output goes to out,
// the one-line error to err. Returns the process exit code.
int runCommandLine(const QStringList &arguments, QTextStream &out, QTextStream &err);
// The same, reading standard input (secrets of `accounts add`) from in instead of stdin.
int runCommandLine(const QStringList &arguments, QTextStream &in, QTextStream &out, QTextStream &err);

} // namespace costscope::app
