#pragma once

// Runs `costscope <verb> ...` in-process through app::runCommandLine and captures what it
// writes, for the command-line tests (TestCommandLine, TestCatalogCommands, TestExportGolden,
// TestLeaderboardCommands, TestMlCommands, TestProviderCycle, TestRecommendationCurrency,
// TestSweepCommands). Add support/RunCli.h and support/RunCli.cpp to a test's SOURCES.

#include <QString>
#include <QStringList>

namespace costscope::testsupport {

struct CliResult
{
    int code = -1; // the exit code
    QString out;   // standard output
    QString err;   // standard error
};

// Arguments without the program name; standard input is the process's own (as `costscope` reads it).
CliResult runCli(const QStringList &args);
// The same with input as standard input (the secrets `accounts add` reads).
CliResult runCli(const QStringList &args, const QString &input);

} // namespace costscope::testsupport
