#include "app/CommandLine.h"
#include "app/OpenFiles.h"
#include "app/SingleInstance.h"
#include "app/Translations.h"
#include "app/Workspace.h"
#include "model/store/CostStore.h"
#include "providers/import/FileImportService.h"
#include "providers/ml/TrackingServerService.h"
#include "providers/sync/CloudAccountService.h"
#include "providers/sync/CloudSyncService.h"
#include "views/MainWindow.h"
#include "views/common/WorkspaceOpener.h"
#include "views/preferences/Theme.h"
#include "providers/credentials/CredentialStore.h"
#include "views/import/ImportController.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QFileInfo>
#include <QIcon>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>
#include <memory>

#ifdef Q_OS_WIN
#include <windows.h>
#endif

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

void attachParentConsole()
{
#ifdef Q_OS_WIN
    // costscope.exe is a GUI program; a verb run from a terminal writes to that terminal.
    if (AttachConsole(ATTACH_PARENT_PROCESS)) {
        std::freopen("CONOUT$", "w", stdout);
        std::freopen("CONOUT$", "w", stderr);
        std::freopen("CONIN$", "r", stdin);
    }
#endif
}

} // namespace

int main(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    const QStringList files = app::takeFilesToOpen(&args);
    if (files.isEmpty() && app::isCommandLineInvocation(args)) {
        attachParentConsole();
        // The report verb draws a PDF with fonts: Qt Gui, without a display.
        std::unique_ptr<QCoreApplication> core;
        if (args.contains(QStringLiteral("report"))) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            core = std::make_unique<QGuiApplication>(argc, argv);
        } else {
            core = std::make_unique<QCoreApplication>(argc, argv);
        }
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
    // macOS opens documents with QEvent::FileOpen, not argv; they may come before the window exists.
    app::FileOpenEvents fileOpens;
    setIdentity();
    // The window's language: QSettings "ui/language" (Preferences), else the system locale.
    app::installTranslatorsFromSettings();
    QApplication::setApplicationDisplayName(QStringLiteral("Costscope"));
    QApplication::setDesktopFileName(QStringLiteral("io.costscope.Costscope"));
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        icon.addFile(QStringLiteral(":/icons/costscope-%1.png").arg(size));
    QApplication::setWindowIcon(icon);
    views::applyTheme(views::themeSetting()); // Preferences: System, Light or Dark
    QString path = workspaceArgument(args);
    const bool isDefaultWorkspace = path.isEmpty();
    if (isDefaultWorkspace)
        path = app::defaultWorkspacePath();
    // The first start (no default workspace yet) fills the new workspace with the demo.
    const bool existedBefore = QFileInfo::exists(path);
    // A window already open on this workspace takes the files and comes to the front.
    app::SingleInstance instance(path);
    if (instance.handOver(files))
        return 0;
    store::CostStore store;
    QString error;
    if (!views::openWorkspaceWithUpgrade(store, path, nullptr, &error)) {
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
    providers::sync::CloudSyncService sync; // the Accounts tab: sync, test
    providers::sync::CloudAccountService accounts(&sync);
    options.accountService = &accounts;
    options.syncService = &sync;
    providers::credentials::CredentialStore keychain; // Preferences: the tracking endpoint's token
    options.credentialService = &keychain;
    options.rememberWindowState = true; // geometry and last tab in QSettings
    for (const app::UiLanguage &language : app::availableLanguages()) // Preferences' language list
        options.languages.append({language.code, language.name});
    ml::TrackingServerService tracking; // the Experiments tab's tracking endpoint, on its own thread
    options.trackingService = &tracking;
    views::MainWindow window(store, options);
    window.show();
    // Files given at start, handed over by a later start or opened from Finder are imported; while
    // another job (the first start's demo) runs they wait for it.
    QString listenError;
    if (!instance.listen(&listenError))
        qWarning("Costscope: other starts on this workspace will open a second window: %s", qPrintable(listenError));
    QObject::connect(&instance, &app::SingleInstance::activated, &window,
                     [&window](const QStringList &paths) { app::openInWindow(window, paths); });
    QObject::connect(&fileOpens, &app::FileOpenEvents::opened, &window,
                     [&window](const QStringList &paths) { app::openInWindow(window, paths); });
    app::importIntoWindow(window, files);
    fileOpens.setReady();
    return QApplication::exec();
}
