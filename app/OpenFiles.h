#pragma once

// Billing files the desktop asks the running window to open: given on the command line (the
// desktop entry's %F, Explorer's "Open with"), handed over by a later start on the same workspace
// (app/SingleInstance), or sent by macOS as QEvent::FileOpen (Finder's Open and Open With, a file
// dropped on the Dock icon: LaunchServices never puts them in argv). All three end in
// importIntoWindow().

#include <QObject>
#include <QStringList>

class QWidget;

namespace costscope::views { class MainWindow; }

namespace costscope::app {

// Restores a minimised window and brings it to the front (a later start, a file opened from Finder).
void bringToFront(QWidget &window);

// Imports `paths` into the window's workspace through its import controller (the report dialog
// shows the result, the error banner a failure). While another job runs (the first start's demo
// generation) the files wait for it to finish.
void importIntoWindow(views::MainWindow &window, const QStringList &paths);

// What the window does with files the desktop sends it: bringToFront, then importIntoWindow.
void openInWindow(views::MainWindow &window, const QStringList &paths);

// Collects the application's QFileOpenEvents (an application-wide event filter). Created right
// after the QApplication, before the window exists: files that arrive before setReady() are kept
// and emitted by it. Events that arrive in one turn of the event loop (Finder sends one per file)
// are emitted together, so several files selected at once are one import.
class FileOpenEvents : public QObject
{
    Q_OBJECT
public:
    explicit FileOpenEvents(QObject *parent = nullptr);
    ~FileOpenEvents() override;

    // From now on files are emitted; the ones that arrived before are emitted now.
    void setReady();
    // Files received and not yet emitted.
    QStringList pending() const { return m_pending; }

    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // Absolute paths of local files the system asked to open (never empty).
    void opened(const QStringList &files);

private:
    void flush();

    QStringList m_pending;
    bool m_ready = false;
    bool m_flushQueued = false;
};

} // namespace costscope::app
