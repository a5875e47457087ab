#include "support/RunCli.h"

#include "app/CommandLine.h"

#include <QTextStream>

namespace costscope::testsupport {

CliResult runCli(const QStringList &args)
{
    CliResult r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = app::runCommandLine(args, out, err);
    out.flush();
    err.flush();
    return r;
}

CliResult runCli(const QStringList &args, const QString &input)
{
    CliResult r;
    QString inText = input;
    QTextStream in(&inText);
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = app::runCommandLine(args, in, out, err);
    out.flush();
    err.flush();
    return r;
}

} // namespace costscope::testsupport
