#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace costscope::views {

// The file pickers and message boxes the window's export and report actions use. Each goes to
// the real dialog unless a test has set a handler (tests pre-set the answer; KeePassXC's
// MessageBox seam).
struct DialogHandlers
{
    // suggested: the proposed path; return the chosen path, empty when the user cancelled.
    std::function<QString(const QString &caption, const QString &suggested, const QString &filter)> saveFileName;
    // items: the choices, first is the default; return the chosen one, empty when cancelled.
    std::function<QString(const QString &caption, const QStringList &items)> chooseItem;
    // Information and warning boxes: the handler receives the text instead of a modal box.
    std::function<void(const QString &title, const QString &text)> information;
    std::function<void(const QString &title, const QString &text)> warning;
};

// Replaces the handlers (an empty one means the real dialog); returns the previous set.
DialogHandlers setDialogHandlers(DialogHandlers handlers);

QString askSaveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter);
QString askItem(QWidget *parent, const QString &caption, const QString &label, const QStringList &items);
void showInformation(QWidget *parent, const QString &title, const QString &text);
void showWarning(QWidget *parent, const QString &title, const QString &text);

} // namespace costscope::views
