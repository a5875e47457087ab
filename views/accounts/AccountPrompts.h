#pragma once

#include "model/Services.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace costscope::views {

// What the account dialog is opened with.
struct AccountDialogSetup
{
    QList<AccountForm> forms;
    std::optional<AccountInfo> existing; // set when editing an account
    AccountChange previous;              // values to show again after a failed save (may hold secrets)
    QString error;                       // shown at the top of the dialog
    // Checks the values before the dialog closes; empty when they are fine.
    std::function<QString(const AccountChange &change)> validate;
};

// The questions the Accounts tab asks. Each empty function means the real dialog; tests pre-set
// the answers.
struct AccountPrompts
{
    // The add/edit dialog; nullopt when the user cancelled.
    std::function<std::optional<AccountChange>(QWidget *parent, const AccountDialogSetup &setup)> editAccount;
    // "Remove this account and its keychain secrets?"
    std::function<bool(QWidget *parent, const QString &name)> confirmRemove;
    // A file for a field whose value is a file's content (GCP key); empty when cancelled.
    std::function<QString(QWidget *parent, const AccountField &field)> chooseFile;
};

} // namespace costscope::views
