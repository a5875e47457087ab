#include "views/preferences/PreferencesDialog.h"

#include "model/store/CostStore.h"
#include "model/store/CurrencyRateStore.h"
#include "views/common/DisplayCurrency.h"
#include "views/preferences/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace costscope::views {

namespace {

enum RateColumn { FromColumn, ToColumn, RateValueColumn, ValidFromColumn, OriginColumn, RateColumns };

// Active ISO 4217 codes people are likely to bill or report in; the workspace's own
// currencies and the rate table's are offered as well.
const char *const kIsoCodes[] = {
    "AED", "ARS", "AUD", "BGN", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EGP", "EUR",
    "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "ISK", "JPY", "KRW", "KZT", "MXN", "MYR", "NGN", "NOK",
    "NZD", "PEN", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SEK", "SGD", "THB", "TRY",
    "TWD", "UAH", "USD", "VND", "ZAR"};

// Rates files are small; a bigger file is not a rate table.
constexpr qint64 kMaxRatesFileBytes = 4 * 1024 * 1024;

QString cellText(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QString generateToken()
{
    // 32 random bytes from the system's CSPRNG, as hex.
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

PreferencesDialog::PreferencesDialog(store::CostStore &store, PreferencesOptions options, QWidget *parent)
    : QDialog(parent), m_store(store), m_options(std::move(options))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    resize(760, 520);
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("prefsTabs"));
    m_tabs->addTab(buildGeneralPage(), tr("General"));
    m_tabs->addTab(buildCurrencyPage(), tr("Currencies"));
    m_tabs->addTab(buildSyncPage(), tr("Sync"));
    m_tabs->addTab(buildTrackingPage(), tr("Tracking endpoint"));
    layout->addWidget(m_tabs, 1);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("prefsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: 600;"));
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    m_buttons->setObjectName(QStringLiteral("prefsButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("prefsOk"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("prefsCancel"));
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("prefsApply"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, [this] { apply(); });
    load();
}

QWidget *PreferencesDialog::buildGeneralPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_currency = new QComboBox(page);
    m_currency->setObjectName(QStringLiteral("prefsDisplayCurrency"));
    form->addRow(tr("Display currency:"), m_currency);
    auto *currencyHelp = new QLabel(tr("Every amount on the Dashboard and in the Cost Explorer is converted to this "
                                       "currency with the rate table (Currencies). Amounts with no rate stay in their own "
                                       "currency, with a warning; they are never converted at 1."),
                                    page);
    currencyHelp->setWordWrap(true);
    form->addRow(QString(), currencyHelp);
    m_theme = new QComboBox(page);
    m_theme->setObjectName(QStringLiteral("prefsTheme"));
    m_theme->addItem(tr("System"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    form->addRow(tr("Theme:"), m_theme);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("prefsLanguage"));
    auto languages = m_options.languages;
    if (languages.isEmpty())
        languages = {{QString(), tr("System default")}, {QStringLiteral("en"), QStringLiteral("English")},
                     {QStringLiteral("zh_CN"), QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
    for (const auto &[code, name] : std::as_const(languages))
        m_language->addItem(name, code);
    form->addRow(tr("Language:"), m_language);
    auto *languageNote = new QLabel(tr("A new language takes effect the next time Costscope starts."), page);
    languageNote->setObjectName(QStringLiteral("prefsLanguageNote"));
    form->addRow(QString(), languageNote);
    return page;
}

QWidget *PreferencesDialog::buildSyncPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_schedule = new QComboBox(page);
    m_schedule->setObjectName(QStringLiteral("prefsSyncSchedule"));
    m_schedule->addItem(tr("Off"), 0);
    m_schedule->addItem(tr("Every hour"), 1);
    m_schedule->addItem(tr("Every 6 hours"), 6);
    m_schedule->addItem(tr("Daily"), 24);
    form->addRow(tr("Scheduled sync:"), m_schedule);
    auto *help = new QLabel(tr("Syncs every connected cloud account while Costscope is open (the same setting as "
                               "\u201cScheduled sync\u201d in the Accounts tab)."),
                            page);
    help->setWordWrap(true);
    form->addRow(QString(), help);
    return page;
}

QWidget *PreferencesDialog::buildTrackingPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    auto *intro = new QLabel(tr("The MLflow-compatible endpoint listens on 127.0.0.1 only; MLflow clients log runs into "
                                "this workspace (MLFLOW_TRACKING_URI=http://127.0.0.1:PORT)."),
                             page);
    intro->setWordWrap(true);
    form->addRow(intro);
    m_trackingEnabled = new QCheckBox(tr("Start the endpoint when the window opens"), page);
    m_trackingEnabled->setObjectName(QStringLiteral("prefsTrackingEnabled"));
    form->addRow(m_trackingEnabled);
    m_trackingPort = new QLineEdit(page);
    m_trackingPort->setObjectName(QStringLiteral("prefsTrackingPort"));
    m_trackingPort->setMaximumWidth(120);
    m_trackingPort->setPlaceholderText(QStringLiteral("5000"));
    form->addRow(tr("Port (1024–65535):"), m_trackingPort);
    m_requireToken = new QCheckBox(tr("Require a token (clients send MLFLOW_TRACKING_TOKEN)"), page);
    m_requireToken->setObjectName(QStringLiteral("prefsTrackingRequireToken"));
    form->addRow(m_requireToken);
    auto *tokenRow = new QHBoxLayout;
    m_token = new QLineEdit(page);
    m_token->setObjectName(QStringLiteral("prefsTrackingToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("leave empty to keep the stored token"));
    tokenRow->addWidget(m_token, 1);
    auto *generate = new QPushButton(tr("Generate"), page);
    generate->setObjectName(QStringLiteral("prefsTrackingGenerate"));
    tokenRow->addWidget(generate);
    auto *show = new QCheckBox(tr("Show"), page);
    show->setObjectName(QStringLiteral("prefsTrackingShowToken"));
    tokenRow->addWidget(show);
    form->addRow(tr("Token:"), tokenRow);
    m_tokenState = new QLabel(page);
    m_tokenState->setObjectName(QStringLiteral("prefsTrackingTokenState"));
    m_tokenState->setWordWrap(true);
    form->addRow(QString(), m_tokenState);
    connect(generate, &QPushButton::clicked, this, [this] { m_token->setText(generateToken()); });
    connect(show, &QCheckBox::toggled, this,
            [this](bool on) { m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    if (!m_options.credentials) {
        m_token->setEnabled(false);
        generate->setEnabled(false);
        m_tokenState->setText(tr("No keychain is available, so a token cannot be stored."));
    }
    return page;
}

QWidget *PreferencesDialog::buildCurrencyPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("Exchange rates convert amounts to the display currency: units of “To” per unit "
                                "of “From”, exact decimals with up to 12 fraction digits. A rate holds from its "
                                "date until the next rate of the same pair (empty date: always); each month uses the "
                                "rate in force on its last day. Rates work in one direction only."),
                             page);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_rates = new QTableWidget(0, RateColumns, page);
    m_rates->setObjectName(QStringLiteral("prefsRates"));
    m_rates->setHorizontalHeaderLabels({tr("From"), tr("To"), tr("Rate"), tr("Valid from (YYYY-MM-DD)"), tr("Origin")});
    m_rates->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rates->horizontalHeader()->setSectionResizeMode(RateValueColumn, QHeaderView::Stretch);
    m_rates->verticalHeader()->setVisible(true);
    m_rates->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_rates, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add rate"), page);
    add->setObjectName(QStringLiteral("prefsRateAdd"));
    auto *remove = new QPushButton(tr("Delete"), page);
    remove->setObjectName(QStringLiteral("prefsRateDelete"));
    auto *import = new QPushButton(tr("Import CSV\u2026"), page);
    import->setObjectName(QStringLiteral("prefsRateImport"));
    import->setToolTip(tr("Columns from,to,rate[,valid_from]; an optional header line. Rows with the same pair and "
                          "date replace those in the table."));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(import);
    layout->addLayout(buttons);
    m_ratesNote = new QLabel(page);
    m_ratesNote->setObjectName(QStringLiteral("prefsRatesNote"));
    m_ratesNote->setWordWrap(true);
    layout->addWidget(m_ratesNote);
    connect(add, &QPushButton::clicked, this, [this] {
        CurrencyRate r;
        r.from = QString();
        const QString display = m_currency->currentData().toString();
        r.to = display.isEmpty() ? m_options.mainCurrency : display;
        r.validFrom = currencyRateAlways();
        addRateRow(r);
        m_rates->setCurrentCell(m_rates->rowCount() - 1, FromColumn);
        m_rates->editItem(m_rates->item(m_rates->rowCount() - 1, FromColumn));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex &i : m_rates->selectionModel()->selectedRows())
            rows << i.row();
        if (rows.isEmpty() && m_rates->currentRow() >= 0)
            rows << m_rates->currentRow();
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int r : std::as_const(rows))
            m_rates->removeRow(r);
        m_ratesDirty = true;
    });
    connect(import, &QPushButton::clicked, this, &PreferencesDialog::importRatesCsv);
    connect(m_rates, &QTableWidget::itemChanged, this, [this] { m_ratesDirty = true; });
    return page;
}

void PreferencesDialog::load()
{
    QSettings settings;
    // Display currency: the workspace's main one, then its other currencies, the rate
    // table's, and the ISO list.
    const QString stored = displayCurrencySetting();
    m_currency->addItem(tr("Workspace main currency (%1)").arg(m_options.mainCurrency), QString());
    QStringList codes = m_options.workspaceCurrencies;
    const CurrencyRates rates = store::CurrencyRateStore(m_store).load();
    for (const CurrencyRate &r : rates.rates())
        codes << r.from << r.to;
    QStringList iso;
    for (const char *c : kIsoCodes)
        iso << QString::fromLatin1(c);
    if (!stored.isEmpty())
        codes << stored;
    codes.removeDuplicates();
    std::sort(codes.begin(), codes.end());
    for (const QString &c : std::as_const(codes))
        m_currency->addItem(m_options.workspaceCurrencies.contains(c) ? tr("%1 (billed in this workspace)").arg(c) : c, c);
    if (!codes.isEmpty())
        m_currency->insertSeparator(m_currency->count());
    for (const QString &c : std::as_const(iso))
        if (!codes.contains(c))
            m_currency->addItem(c, c);
    m_currency->setCurrentIndex(std::max(0, m_currency->findData(stored)));

    m_theme->setCurrentIndex(std::max(0, m_theme->findData(themeSetting())));
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.value(QLatin1String(kLanguageKey)).toString())));
    m_schedule->setCurrentIndex(std::max(0, m_schedule->findData(settings.value(QLatin1String(kSyncScheduleKey), 0).toInt())));
    m_trackingEnabled->setChecked(settings.value(QLatin1String(kTrackingEnabledKey), true).toBool());
    m_trackingPort->setText(QString::number(settings.value(QLatin1String(kTrackingPortKey), 5000).toInt()));
    m_requireToken->setChecked(settings.value(QLatin1String(kTrackingRequireTokenKey), false).toBool());

    for (const CurrencyRate &r : rates.rates())
        addRateRow(r);
    m_ratesDirty = false;
    m_ratesNote->setText(tr("%n rate(s) in this workspace.", nullptr, static_cast<int>(rates.rates().size())));

    if (m_options.credentials) {
        m_tokenState->setText(tr("Reading the keychain\u2026"));
        m_options.credentials->readSecret(QLatin1String(kTrackingTokenAccount), QLatin1String(kTrackingTokenField), this,
                                          [this](const SecretReadResult &result) {
                                              m_tokenStored = result.ok && !result.secret.isEmpty();
                                              if (result.ok || result.notFound)
                                                  m_tokenState->setText(m_tokenStored ? tr("A token is stored in the keychain.")
                                                                                      : tr("No token is stored yet."));
                                              else
                                                  m_tokenState->setText(tr("The keychain could not be read: %1").arg(result.error));
                                          });
    }
}

void PreferencesDialog::addRateRow(const CurrencyRate &rate)
{
    const QSignalBlocker block(m_rates);
    const int row = m_rates->rowCount();
    m_rates->insertRow(row);
    m_rates->setItem(row, FromColumn, new QTableWidgetItem(rate.from));
    m_rates->setItem(row, ToColumn, new QTableWidgetItem(rate.to));
    m_rates->setItem(row, RateValueColumn, new QTableWidgetItem(rate.rate.scaled() > 0 ? rate.rate.toString() : QString()));
    m_rates->setItem(row, ValidFromColumn, new QTableWidgetItem(rate.validFrom == currencyRateAlways()
                                                                    ? QString()
                                                                    : rate.validFrom.toString(Qt::ISODate)));
    auto *origin = new QTableWidgetItem(rate.origin == u"csv" ? tr("imported") : tr("entered"));
    origin->setData(Qt::UserRole, rate.origin);
    origin->setFlags(origin->flags() & ~Qt::ItemIsEditable);
    m_rates->setItem(row, OriginColumn, origin);
    m_ratesDirty = true;
}

bool PreferencesDialog::readRates(std::vector<CurrencyRate> *rates, QString *error) const
{
    rates->clear();
    for (int row = 0; row < m_rates->rowCount(); ++row) {
        const QString from = cellText(m_rates, row, FromColumn);
        const QString to = cellText(m_rates, row, ToColumn);
        const QString value = cellText(m_rates, row, RateValueColumn);
        const QString date = cellText(m_rates, row, ValidFromColumn);
        if (from.isEmpty() && to.isEmpty() && value.isEmpty() && date.isEmpty())
            continue; // an added row left empty
        auto fail = [&](const QString &why) {
            *error = tr("Rate row %1: %2").arg(row + 1).arg(why);
            return false;
        };
        CurrencyRate r;
        r.from = normalizedCurrencyCode(from);
        if (r.from.isEmpty())
            return fail(tr("\u201c%1\u201d is not a three-letter currency code (From)").arg(from));
        r.to = normalizedCurrencyCode(to);
        if (r.to.isEmpty())
            return fail(tr("\u201c%1\u201d is not a three-letter currency code (To)").arg(to));
        const auto parsed = ExchangeRate::parse(value);
        if (!parsed)
            return fail(tr("the rate \u201c%1\u201d is not a positive decimal number with at most 12 fraction digits")
                            .arg(value));
        r.rate = *parsed;
        r.validFrom = date.isEmpty() ? currencyRateAlways() : QDate::fromString(date, Qt::ISODate);
        if (!r.validFrom.isValid() || (!date.isEmpty() && date.size() != 10))
            return fail(tr("the date \u201c%1\u201d is not YYYY-MM-DD (or empty for always)").arg(date));
        const QTableWidgetItem *origin = m_rates->item(row, OriginColumn);
        r.origin = origin && origin->data(Qt::UserRole).toString() == u"csv" ? QStringLiteral("csv") : QStringLiteral("user");
        QString why;
        if (!validateCurrencyRate(r, &why))
            return fail(why);
        for (size_t i = 0; i < rates->size(); ++i) {
            const CurrencyRate &o = (*rates)[i];
            if (o.from == r.from && o.to == r.to && o.validFrom == r.validFrom)
                return fail(tr("%1 to %2 from the same date is already in row %3").arg(r.from, r.to).arg(i + 1));
        }
        rates->push_back(std::move(r));
    }
    return true;
}

void PreferencesDialog::importRatesCsv()
{
    const QString path = m_options.chooseRatesFile
                             ? m_options.chooseRatesFile()
                             : QFileDialog::getOpenFileName(this, tr("Import exchange rates"), QString(),
                                                            tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("%1 could not be read: %2").arg(name, file.errorString()));
        return;
    }
    if (file.size() > kMaxRatesFileBytes) {
        showError(tr("%1 is larger than 4 MB, which is not a rate table.").arg(name));
        return;
    }
    std::vector<CurrencyRate> imported;
    QString error;
    if (!parseCurrencyRatesCsv(file.readAll(), name, &imported, &error)) {
        showError(tr("Nothing was imported: %1").arg(error));
        return;
    }
    // Same pair and date: the file's rate replaces the table's.
    int replaced = 0;
    for (const CurrencyRate &r : imported) {
        bool found = false;
        for (int row = 0; row < m_rates->rowCount() && !found; ++row) {
            const QString date = cellText(m_rates, row, ValidFromColumn);
            const QDate d = date.isEmpty() ? currencyRateAlways() : QDate::fromString(date, Qt::ISODate);
            if (normalizedCurrencyCode(cellText(m_rates, row, FromColumn)) == r.from
                && normalizedCurrencyCode(cellText(m_rates, row, ToColumn)) == r.to && d == r.validFrom) {
                m_rates->item(row, RateValueColumn)->setText(r.rate.toString());
                m_rates->item(row, OriginColumn)->setText(tr("imported"));
                m_rates->item(row, OriginColumn)->setData(Qt::UserRole, QStringLiteral("csv"));
                found = true;
                ++replaced;
            }
        }
        if (!found)
            addRateRow(r);
    }
    m_ratesDirty = true;
    m_error->hide();
    m_ratesNote->setText(tr("%1: %n rate(s) read (%2 replaced rows of the table). OK or Apply saves them.", nullptr,
                            static_cast<int>(imported.size()))
                             .arg(name)
                             .arg(replaced));
}

void PreferencesDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

QString PreferencesDialog::errorText() const { return m_error->isVisible() ? m_error->text() : QString(); }

bool PreferencesDialog::apply()
{
    // Validate everything before writing anything.
    bool portOk = false;
    const int port = m_trackingPort->text().trimmed().toInt(&portOk);
    if (!portOk || port < 1024 || port > 65535) {
        m_tabs->setCurrentIndex(3);
        m_trackingPort->setFocus();
        showError(tr("The tracking port \u201c%1\u201d is not a number from 1024 to 65535 (ports below 1024 need "
                     "administrator rights).")
                      .arg(m_trackingPort->text().trimmed()));
        return false;
    }
    const QString newToken = m_token->text().trimmed();
    if (m_requireToken->isChecked() && newToken.isEmpty() && !m_tokenStored) {
        m_tabs->setCurrentIndex(3);
        showError(m_options.credentials ? tr("A token is required but none is stored: enter one or press Generate.")
                                        : tr("A token is required but there is no keychain to keep it in."));
        return false;
    }
    if (!newToken.isEmpty() && (newToken.size() < 16 || newToken.contains(u' '))) {
        m_tabs->setCurrentIndex(3);
        showError(tr("The token must be at least 16 characters without spaces."));
        return false;
    }
    std::vector<CurrencyRate> rates;
    QString error;
    if (!readRates(&rates, &error)) {
        m_tabs->setCurrentIndex(1);
        showError(error);
        return false;
    }
    const QString currency = m_currency->currentData().toString();
    if (!currency.isEmpty() && normalizedCurrencyCode(currency) != currency) {
        showError(tr("The display currency \u201c%1\u201d is not a three-letter code.").arg(currency));
        return false;
    }
    if (m_ratesDirty && !store::CurrencyRateStore(m_store).replaceAll(rates, &error)) {
        m_tabs->setCurrentIndex(1);
        showError(tr("The rates were not saved: %1").arg(error));
        return false;
    }
    const bool ratesChanged = m_ratesDirty;
    m_ratesDirty = false;
    QSettings settings;
    const bool currencyChanged = displayCurrencySetting() != currency;
    setDisplayCurrencySetting(currency);
    settings.setValue(QLatin1String(kThemeKey), m_theme->currentData().toString());
    settings.setValue(QLatin1String(kLanguageKey), m_language->currentData().toString());
    settings.setValue(QLatin1String(kSyncScheduleKey), m_schedule->currentData().toInt());
    settings.setValue(QLatin1String(kTrackingEnabledKey), m_trackingEnabled->isChecked());
    settings.setValue(QLatin1String(kTrackingPortKey), port);
    settings.setValue(QLatin1String(kTrackingRequireTokenKey), m_requireToken->isChecked());
    settings.sync();
    applyTheme(m_theme->currentData().toString());
    m_ratesNote->setText(tr("%n rate(s) in this workspace.", nullptr, static_cast<int>(rates.size())));
    showError(QString());
    if (!newToken.isEmpty() && m_options.credentials) {
        m_tokenState->setText(tr("Saving the token in the keychain\u2026"));
        m_tokenSaving = true;
        m_options.credentials->storeSecret(QLatin1String(kTrackingTokenAccount), QLatin1String(kTrackingTokenField), newToken,
                                           this, [this](const QString &storeError) {
                                               m_tokenSaving = false;
                                               if (!storeError.isEmpty()) {
                                                   m_acceptWhenStored = false;
                                                   m_tokenState->setText(QString());
                                                   showError(tr("The token was not saved in the keychain: %1").arg(storeError));
                                                   return;
                                               }
                                               m_tokenStored = true;
                                               m_token->clear();
                                               m_tokenState->setText(tr("A token is stored in the keychain."));
                                               if (m_acceptWhenStored)
                                                   QDialog::done(QDialog::Accepted);
                                           });
    }
    Q_EMIT applied(currencyChanged || ratesChanged);
    return true;
}

void PreferencesDialog::done(int result)
{
    if (result != QDialog::Accepted) {
        QDialog::done(result);
        return;
    }
    if (!apply())
        return;
    if (m_tokenSaving) {
        m_acceptWhenStored = true; // closes when the keychain has the token
        return;
    }
    QDialog::done(result);
}

} // namespace costscope::views
