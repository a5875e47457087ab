#include "views/common/Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>

namespace costscope::views {

namespace {

DialogHandlers &handlers()
{
    static DialogHandlers h;
    return h;
}

} // namespace

DialogHandlers setDialogHandlers(DialogHandlers h)
{
    DialogHandlers previous = std::move(handlers());
    handlers() = std::move(h);
    return previous;
}

QString askSaveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter)
{
    if (handlers().saveFileName)
        return handlers().saveFileName(caption, suggested, filter);
    return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
}

QString askItem(QWidget *parent, const QString &caption, const QString &label, const QStringList &items)
{
    if (handlers().chooseItem)
        return handlers().chooseItem(caption, items);
    bool ok = false;
    const QString item = QInputDialog::getItem(parent, caption, label, items, 0, false, &ok);
    return ok ? item : QString();
}

void showInformation(QWidget *parent, const QString &title, const QString &text)
{
    if (handlers().information)
        handlers().information(title, text);
    else
        QMessageBox::information(parent, title, text);
}

void showWarning(QWidget *parent, const QString &title, const QString &text)
{
    if (handlers().warning)
        handlers().warning(title, text);
    else
        QMessageBox::warning(parent, title, text);
}

} // namespace costscope::views
