#include "app/CommandLine.h"
#include "app/Workspace.h"
#include "model/store/CostStore.h"
#include "providers/import/FileImportService.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>

using namespace costscope;

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Costscope"));
    QCoreApplication::setApplicationName(QStringLiteral("costscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COSTSCOPE_VERSION));
}

QString workspaceArgument(const QStringList &args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == u"--workspace" && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(QStringLiteral("--workspace=")))
            return args[i].mid(12);
    }
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (app::isCommandLineInvocation(args)) {
        QCoreApplication core(argc, argv);
        setIdentity();
        // Scripts read stdout and a one-line error; informational logs stay quiet unless asked for.
        if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(QStringLiteral("costscope.*.debug=false\ncostscope.*.info=false"));
        QTextStream out(stdout);
        QTextStream err(stderr);
        const int rc = app::runCommandLine(args, out, err);
        out.flush();
        err.flush();
        return rc;
    }

    QApplication application(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Costscope"));
    QString path = workspaceArgument(args);
    const bool isDefaultWorkspace = path.isEmpty();
    if (isDefaultWorkspace)
        path = app::defaultWorkspacePath();
    // The first start (no default workspace yet) fills the new workspace with the demo.
    const bool existedBefore = QFileInfo::exists(path);
    store::CostStore store;
    QString error;
    if (!store.open(path, &error)) {
        QMessageBox::critical(nullptr, QObject::tr("Cannot open workspace"),
                              QObject::tr("Costscope could not open the workspace %1:\n%2\n\n"
                                          "Start it with --workspace PATH to open or create another one.")
                                  .arg(path, error));
        return 1;
    }
    views::MainWindowOptions options;
    options.firstStart = isDefaultWorkspace && !existedBefore;
    import::FileImportService importer; // File > Import and drag-and-drop
    options.importService = &importer;
    views::MainWindow window(store, options);
    window.show();
    return QApplication::exec();
}
