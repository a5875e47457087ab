#pragma once

// The `accounts` and `sync` verbs of the command line (connected cloud accounts).

#include <QStringList>
#include <QTextStream>

#include <map>

namespace costscope::app {

struct SyncCommandArgs
{
    QString workspace; // empty: the default workspace
    QString format;    // table, csv or json
    QStringList positional;
    std::multimap<QString, QString> options;
};

// costscope accounts add|list|test|remove ...; secrets of `add` are read from in.
int runAccountsCommand(const SyncCommandArgs &a, QTextStream &in, QTextStream &out, QTextStream &err);
// costscope sync [--account NAME]... [--from D] [--to D]
int runSyncCommand(const SyncCommandArgs &a, QTextStream &out, QTextStream &err);

// The lines of `costscope --help` for these verbs.
QString syncUsage();

} // namespace costscope::app
