#pragma once

#include "views/accounts/AccountPrompts.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace costscope::views {

class Banner;

// Adds or edits one cloud account: a provider, a name and the fields that provider's form asks
// for (providers/CloudClient.cpp), each with where to find it. Secret fields are password fields;
// when editing, an empty secret keeps the one in the keychain. A file field (GCP key) reads the
// picked file's content into the secret; the path is not kept. Object names: accountProvider,
// accountName, accountError, accountProviderHelp, field_<key>, fieldFile_<key>, fieldHelp_<key>,
// accountOk.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    using ChooseFileFn = std::function<QString(QWidget *parent, const AccountField &field)>;

    AccountDialog(AccountDialogSetup setup, ChooseFileFn chooseFile, QWidget *parent = nullptr);
    ~AccountDialog() override;

    // The values as entered (secrets included).
    AccountChange change() const;
    QString provider() const;
    // Shows an error at the top.
    void setError(const QString &text);
    // Reads a file into a file field, as the Choose file button does; false with an error shown.
    bool loadFile(const QString &key, const QString &path);

    void accept() override;

private:
    void buildFields();
    const AccountForm *currentForm() const;

    AccountDialogSetup m_setup;
    ChooseFileFn m_chooseFile;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_name = nullptr;
    Banner *m_error = nullptr;
    QLabel *m_providerHelp = nullptr;
    QWidget *m_fieldsHost = nullptr;
    QFormLayout *m_fields = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QHash<QString, QWidget *> m_editors;   // field key -> QLineEdit or QComboBox
    QHash<QString, QString> m_fileValues;  // field key -> the picked file's content
};

} // namespace costscope::views
