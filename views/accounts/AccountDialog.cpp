#include "views/accounts/AccountDialog.h"

#include "views/common/Banner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace costscope::views {

namespace {

// A service-account key is a few KiB; anything much larger is the wrong file.
constexpr qint64 kMaxFileBytes = 256 * 1024;

QString settingOf(const AccountInfo &info, const QString &key)
{
    for (const auto &[k, v] : info.settings)
        if (k == key)
            return v;
    return {};
}

QString valueOf(const AccountChange &change, const QString &key)
{
    for (const auto &[k, v] : change.values)
        if (k == key)
            return v;
    return {};
}

} // namespace

AccountDialog::AccountDialog(AccountDialogSetup setup, ChooseFileFn chooseFile, QWidget *parent)
    : QDialog(parent), m_setup(std::move(setup)), m_chooseFile(std::move(chooseFile))
{
    setObjectName(QStringLiteral("accountDialog"));
    const bool editing = m_setup.existing.has_value();
    setWindowTitle(editing ? tr("Edit cloud account") : tr("Add a cloud account"));
    if (!m_chooseFile) {
        m_chooseFile = [](QWidget *p, const AccountField &f) {
            return QFileDialog::getOpenFileName(p, f.label, QString(), tr("JSON key files (*.json);;All files (*)"));
        };
    }

    auto *layout = new QVBoxLayout(this);
    m_error = new Banner(this);
    m_error->setObjectName(QStringLiteral("accountError"));
    layout->addWidget(m_error);

    auto *top = new QFormLayout;
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("accountProvider"));
    for (const AccountForm &f : std::as_const(m_setup.forms))
        m_provider->addItem(f.title, f.provider);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_name->setPlaceholderText(tr("what you call this account, e.g. prod"));
    m_name->setMaxLength(100);
    top->addRow(tr("Cloud"), m_provider);
    top->addRow(tr("Name"), m_name);
    layout->addLayout(top);

    m_providerHelp = new QLabel(this);
    m_providerHelp->setObjectName(QStringLiteral("accountProviderHelp"));
    m_providerHelp->setWordWrap(true);
    layout->addWidget(m_providerHelp);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_fieldsHost = new QWidget(scroll);
    scroll->setWidget(m_fieldsHost);
    layout->addWidget(scroll, 1);

    auto *note = new QLabel(tr("Secret fields are stored only in the OS keychain, never in the workspace or a "
                               "settings file."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(note);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("accountOk"));
    ok->setText(editing ? tr("Save") : tr("Add account"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    // Which provider and name to start with: the account edited, the values of a failed save, or AWS.
    QString provider = m_setup.previous.provider;
    QString name = m_setup.previous.name;
    if (editing) {
        provider = m_setup.existing->provider;
        if (name.isEmpty())
            name = m_setup.existing->name;
        m_provider->setEnabled(false);
    }
    const int index = m_provider->findData(provider);
    if (index >= 0)
        m_provider->setCurrentIndex(index);
    m_name->setText(name);
    buildFields();
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        m_fileValues.clear();
        buildFields();
    });
    if (!m_setup.error.isEmpty())
        setError(m_setup.error);
    resize(680, 640);
}

AccountDialog::~AccountDialog()
{
    for (auto it = m_fileValues.begin(); it != m_fileValues.end(); ++it)
        it.value().fill(u'\0');
}

const AccountForm *AccountDialog::currentForm() const
{
    const QString provider = m_provider->currentData().toString();
    for (const AccountForm &f : m_setup.forms)
        if (f.provider == provider)
            return &f;
    return nullptr;
}

QString AccountDialog::provider() const
{
    return m_provider->currentData().toString();
}

void AccountDialog::buildFields()
{
    delete m_fieldsHost->layout();
    qDeleteAll(m_fieldsHost->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_editors.clear();
    m_fields = new QFormLayout(m_fieldsHost);
    m_fields->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const AccountForm *form = currentForm();
    if (!form)
        return;
    const bool editing = m_setup.existing.has_value();
    const bool sameProvider = m_setup.previous.provider == form->provider;
    m_providerHelp->setText(form->help);
    for (const AccountField &f : form->fields) {
        auto *cell = new QWidget(m_fieldsHost);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 4);
        cellLayout->setSpacing(2);
        auto *row = new QHBoxLayout;
        QString initial = sameProvider ? valueOf(m_setup.previous, f.key) : QString();
        if (initial.isEmpty() && editing && !f.secret)
            initial = settingOf(*m_setup.existing, f.key);
        if (!f.choices.isEmpty()) {
            auto *combo = new QComboBox(cell);
            combo->addItems(f.choices);
            if (!initial.isEmpty())
                combo->setCurrentText(initial);
            combo->setObjectName(QStringLiteral("field_") + f.key);
            row->addWidget(combo, 1);
            m_editors.insert(f.key, combo);
        } else {
            auto *edit = new QLineEdit(cell);
            edit->setObjectName(QStringLiteral("field_") + f.key);
            if (f.secret && !f.fromFile)
                edit->setEchoMode(QLineEdit::Password);
            QString placeholder = f.placeholder;
            if (f.secret && editing)
                placeholder = f.fromFile ? tr("stored in the keychain; choose a file to replace it")
                                         : tr("stored in the keychain; leave empty to keep it");
            edit->setPlaceholderText(placeholder);
            row->addWidget(edit, 1);
            m_editors.insert(f.key, edit);
            if (f.fromFile) {
                edit->setReadOnly(true);
                if (!initial.isEmpty()) {
                    m_fileValues.insert(f.key, initial);
                    edit->setText(tr("key file loaded (%1 bytes)").arg(initial.toUtf8().size()));
                }
                auto *choose = new QPushButton(tr("Choose file\u2026"), cell);
                choose->setObjectName(QStringLiteral("fieldFile_") + f.key);
                row->addWidget(choose);
                const QString key = f.key;
                connect(choose, &QPushButton::clicked, this, [this, key] {
                    const AccountForm *current = currentForm();
                    if (!current)
                        return;
                    for (const AccountField &field : current->fields) {
                        if (field.key != key)
                            continue;
                        const QString path = m_chooseFile(this, field);
                        if (!path.isEmpty())
                            loadFile(key, path);
                    }
                });
            } else {
                edit->setText(initial);
            }
        }
        cellLayout->addLayout(row);
        if (!f.help.isEmpty()) {
            auto *help = new QLabel(f.help, cell);
            help->setObjectName(QStringLiteral("fieldHelp_") + f.key);
            help->setWordWrap(true);
            help->setForegroundRole(QPalette::PlaceholderText);
            help->setTextInteractionFlags(Qt::TextSelectableByMouse);
            QFont small = help->font();
            small.setPointSizeF(small.pointSizeF() * 0.9);
            help->setFont(small);
            cellLayout->addWidget(help);
        }
        const QString label = f.required ? f.label : tr("%1 (optional)").arg(f.label);
        m_fields->addRow(label, cell);
    }
}

bool AccountDialog::loadFile(const QString &key, const QString &path)
{
    auto *edit = qobject_cast<QLineEdit *>(m_editors.value(key));
    if (!edit)
        return false;
    QFile file(path);
    const QString fileName = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly)) {
        setError(tr("Cannot read %1: %2").arg(fileName, file.errorString()));
        return false;
    }
    if (file.size() > kMaxFileBytes) {
        setError(tr("%1 is %2 bytes; a service-account key file is a few kilobytes. Pick the .json key file.")
                     .arg(fileName)
                     .arg(file.size()));
        return false;
    }
    QByteArray bytes = file.readAll();
    QString content = QString::fromUtf8(bytes);
    bytes.fill('\0');
    if (content.trimmed().isEmpty()) {
        setError(tr("%1 is empty. Pick the .json key file.").arg(fileName));
        return false;
    }
    m_fileValues.insert(key, content);
    content.fill(u'\0');
    edit->setText(tr("%1 loaded (the file itself is not kept)").arg(fileName));
    edit->setCursorPosition(0); // the file name first, not the tail of the sentence
    m_error->hide();
    return true;
}

AccountChange AccountDialog::change() const
{
    AccountChange c;
    c.provider = provider();
    c.name = m_name->text().trimmed();
    if (m_setup.existing)
        c.originalName = m_setup.existing->name;
    const AccountForm *form = currentForm();
    if (!form)
        return c;
    for (const AccountField &f : form->fields) {
        QWidget *editor = m_editors.value(f.key);
        QString value;
        if (f.fromFile)
            value = m_fileValues.value(f.key);
        else if (auto *combo = qobject_cast<QComboBox *>(editor))
            value = combo->currentText();
        else if (auto *edit = qobject_cast<QLineEdit *>(editor))
            value = edit->text();
        c.values.append({f.key, value});
    }
    return c;
}

void AccountDialog::setError(const QString &text)
{
    if (text.isEmpty())
        m_error->hide();
    else
        m_error->showMessage(Banner::Kind::Error, text.toHtmlEscaped());
}

void AccountDialog::accept()
{
    if (m_setup.validate) {
        const QString error = m_setup.validate(change());
        if (!error.isEmpty()) {
            setError(error);
            return;
        }
    }
    QDialog::accept();
}

} // namespace costscope::views
