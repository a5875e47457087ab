#pragma once

#include "model/CurrencyRates.h"
#include "model/Services.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTabWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

// QSettings keys the dialog edits besides the display currency (DisplayCurrency.h) and the
// theme (Theme.h). The schedule key is the Accounts tab's own; the tracking keys are read by
// the Experiments tab; the language by app/Translations at start.
inline constexpr char kSyncScheduleKey[] = "accounts/syncScheduleHours";
inline constexpr char kTrackingEnabledKey[] = "tracking/enabledAtStart"; // default true
inline constexpr char kTrackingPortKey[] = "tracking/port";              // default 5000
inline constexpr char kTrackingRequireTokenKey[] = "tracking/requireToken"; // default false
inline constexpr char kLanguageKey[] = "ui/language";                     // "", "en", "zh_CN"
// The tracking endpoint's token lives only in the keychain, under this account id and field.
inline constexpr char kTrackingTokenAccount[] = "costscope-tracking";
inline constexpr char kTrackingTokenField[] = "token";

struct PreferencesOptions
{
    // Currencies billed in the workspace (offered first for the display currency).
    QStringList workspaceCurrencies;
    // The workspace's main currency, what "Workspace main currency" stands for.
    QString mainCurrency;
    // Languages offered: code ("" follows the system) and name; empty gives system, English, Chinese.
    QList<QPair<QString, QString>> languages;
    // The keychain for the tracking token; null disables the token field. Not owned.
    CredentialService *credentials = nullptr;
    // Seam for the rate CSV file picker; empty means QFileDialog.
    std::function<QString()> chooseRatesFile;
};

// Edit > Preferences: display currency, theme, language, sync schedule, the tracking endpoint
// and the exchange rate table. OK and Apply validate everything first and write nothing when a
// field is wrong (the message says which); rates go to the workspace in one transaction.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    PreferencesDialog(store::CostStore &store, PreferencesOptions options, QWidget *parent = nullptr);

    // Validates and saves; false with the reason shown in the dialog (prefsError).
    bool apply();
    QString errorText() const;

Q_SIGNALS:
    // Saved. The window re-reads the settings: theme, schedule, and reloads its tabs when the
    // display currency or the rates changed.
    void applied(bool currencyOrRatesChanged);

private:
    QWidget *buildGeneralPage();
    QWidget *buildSyncPage();
    QWidget *buildTrackingPage();
    QWidget *buildCurrencyPage();
    void load();
    void addRateRow(const CurrencyRate &rate);
    void importRatesCsv();
    bool readRates(std::vector<CurrencyRate> *rates, QString *error) const;
    void showError(const QString &text);
    void done(int result) override;

    store::CostStore &m_store;
    PreferencesOptions m_options;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_currency = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_schedule = nullptr;
    QCheckBox *m_trackingEnabled = nullptr;
    QLineEdit *m_trackingPort = nullptr;
    QCheckBox *m_requireToken = nullptr;
    QLineEdit *m_token = nullptr;
    QLabel *m_tokenState = nullptr;
    QTableWidget *m_rates = nullptr;
    QLabel *m_ratesNote = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_tokenStored = false;
    bool m_ratesDirty = false;
    bool m_acceptWhenStored = false;
    bool m_tokenSaving = false;
};

} // namespace costscope::views
