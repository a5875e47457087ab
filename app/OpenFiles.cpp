#include "app/OpenFiles.h"

#include "views/MainWindow.h"
#include "views/import/ImportController.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFileOpenEvent>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QTimer>

#include <memory>
#include <utility>

namespace costscope::app {

Q_LOGGING_CATEGORY(lcOpenFiles, "costscope.app.open")

void bringToFront(QWidget &window)
{
    window.setWindowState((window.windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    window.show();
    window.raise();
    window.activateWindow();
}

void importIntoWindow(views::MainWindow &window, const QStringList &paths)
{
    views::ImportController *importer = window.importer();
    if (paths.isEmpty() || importer == nullptr)
        return;
    if (importer->importPaths(paths))
        return;
    // Busy (the demo of a first start, an earlier import): once that job ends, try again; the
    // controller's banner says why if it still cannot start.
    auto waiting = std::make_shared<QMetaObject::Connection>();
    *waiting = QObject::connect(&window, &views::MainWindow::jobFinished, &window, [&window, paths, waiting](bool) {
        QObject::disconnect(*waiting);
        if (window.importer() != nullptr)
            window.importer()->importPaths(paths);
    });
}

void openInWindow(views::MainWindow &window, const QStringList &paths)
{
    bringToFront(window);
    importIntoWindow(window, paths);
}

FileOpenEvents::FileOpenEvents(QObject *parent)
    : QObject(parent)
{
    if (QCoreApplication *application = QCoreApplication::instance())
        application->installEventFilter(this);
}

FileOpenEvents::~FileOpenEvents()
{
    if (QCoreApplication *application = QCoreApplication::instance())
        application->removeEventFilter(this);
}

void FileOpenEvents::setReady()
{
    m_ready = true;
    flush();
}

bool FileOpenEvents::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::FileOpen || watched != QCoreApplication::instance())
        return QObject::eventFilter(watched, event);
    const auto *open = static_cast<QFileOpenEvent *>(event);
    // A local file only; a URL of another scheme is not something to import.
    const QString file = open->file().isEmpty() ? open->url().toLocalFile() : open->file();
    if (file.isEmpty()) {
        qCWarning(lcOpenFiles) << "ignored an open request that is not a local file:" << open->url().toDisplayString();
        return true;
    }
    const QString path = QFileInfo(file).absoluteFilePath();
    qCInfo(lcOpenFiles) << "asked to open" << path;
    if (!m_pending.contains(path))
        m_pending.append(path);
    if (m_ready && !m_flushQueued) {
        m_flushQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_flushQueued = false;
            flush();
        });
    }
    return true;
}

void FileOpenEvents::flush()
{
    if (!m_ready || m_pending.isEmpty())
        return;
    const QStringList files = std::exchange(m_pending, {});
    Q_EMIT opened(files);
}

} // namespace costscope::app
