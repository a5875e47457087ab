// Edit > Preferences driven through the real window: every setting round-trips through
// QSettings (and the keychain fake for the tracking token), a bad port is refused, the rate
// table is edited and imported from CSV, and changing the display currency re-renders the
// Dashboard's totals converted (hand-computed below on a fixture billed in USD and EUR).
// Also: the window's geometry and last tab are remembered, and a position on a screen that is
// gone is brought back.
#include "StoreTestSupport.h"

#include "model/CurrencyRates.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "model/store/CurrencyRateStore.h"
#include "views/MainWindow.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/dashboard/DashboardTab.h"
#include "views/preferences/PreferencesDialog.h"
#include "views/preferences/Theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace costscope;
using namespace costscope::testsupport;

namespace {

const QDate kToday(2026, 4, 10); // the data ends on 2026-03-15: the dashboard's as-of day

// The keychain, in memory; answers on the next turn of the event loop, as QtKeychain does.
class FakeCredentials : public CredentialService
{
public:
    QHash<QString, QString> secrets;
    QString failStore;
    void storeSecret(const QString &accountId, const QString &field, const QString &secret, QObject *context,
                     DoneFn done) override
    {
        const QString fail = failStore;
        if (fail.isEmpty())
            secrets.insert(accountId + u'/' + field, secret);
        QMetaObject::invokeMethod(context, [done, fail] { done(fail); }, Qt::QueuedConnection);
    }
    void readSecret(const QString &accountId, const QString &field, QObject *context, ReadFn done) override
    {
        SecretReadResult r;
        const QString key = accountId + u'/' + field;
        r.ok = secrets.contains(key);
        r.notFound = !r.ok;
        r.secret = secrets.value(key);
        QMetaObject::invokeMethod(context, [done, r] { done(r); }, Qt::QueuedConnection);
    }
    void removeAccount(const QString &, QObject *context, DoneFn done) override
    {
        QMetaObject::invokeMethod(context, [done] { done({}); }, Qt::QueuedConnection);
    }
};

template <typename T> T *child(QObject *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

// AWS billed in USD: 100.00 a day; Azure billed in EUR: 10.33 a day; February and March 1-15.
bool writeTwoCurrencyFixture(store::CostStore &s, QString *error)
{
    std::vector<CostBatch> batches;
    for (const QDate &month : {QDate(2026, 2, 1), QDate(2026, 3, 1)}) {
        CostBatch usd = makeBatch(QStringLiteral("AWS"), QStringLiteral("111111111111"), month);
        usd.currency = QStringLiteral("USD");
        CostBatch eur = makeBatch(QStringLiteral("Azure"), QStringLiteral("eu-billing"), month);
        eur.currency = QStringLiteral("EUR");
        const QDate end = month.month() == 3 ? QDate(2026, 3, 16) : month.addMonths(1);
        for (QDate d = month; d < end; d = d.addDays(1)) {
            usd.rows.push_back(makeRow(d, "100.00", QStringLiteral("Amazon EC2")));
            eur.rows.push_back(makeRow(d, "10.33", QStringLiteral("Virtual Machines"), QStringLiteral("westeurope")));
        }
        batches.push_back(std::move(usd));
        batches.push_back(std::move(eur));
    }
    return store::CostWriter(s).write(source(QStringLiteral("two-currencies")), batches, error);
}

} // namespace

class TestPreferences : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTripsEverySetting();
    void invalidPortRefused_data();
    void invalidPortRefused();
    void tokenRequiredAndKeychainFailure();
    void rateTableEditAndCsvImport();
    void displayCurrencyConvertsDashboard();
    void windowStateRemembered();

private:
    views::MainWindowOptions options();
    views::PreferencesDialog *openPreferences(views::MainWindow &window);
    QString writeFile(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    QString m_path;
    FakeCredentials m_keychain;
    QString m_ratesFile;
};

void TestPreferences::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CostscopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestPreferences"));
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("two.costscope"));
    store::CostStore s;
    QString error;
    QVERIFY2(s.open(m_path, &error), qPrintable(error));
    QVERIFY2(writeTwoCurrencyFixture(s, &error), qPrintable(error));
}

void TestPreferences::init()
{
    QSettings().clear();
    m_keychain.secrets.clear();
    m_keychain.failStore.clear();
    views::applyTheme(QStringLiteral("system"));
    store::CostStore s;
    QVERIFY(s.open(m_path));
    QString error;
    QVERIFY2(store::CurrencyRateStore(s).replaceAll({}, &error), qPrintable(error));
}

views::MainWindowOptions TestPreferences::options()
{
    views::MainWindowOptions o;
    o.today = [] { return kToday; };
    o.credentialService = &m_keychain;
    o.chooseRatesFile = [this] { return m_ratesFile; };
    return o;
}

views::PreferencesDialog *TestPreferences::openPreferences(views::MainWindow &window)
{
    QAction *action = child<QAction>(&window, "actionPreferences");
    if (!action || action->shortcut() != QKeySequence(Qt::CTRL | Qt::Key_Comma) || action->menuRole() != QAction::PreferencesRole)
        return nullptr;
    action->trigger();
    auto *dialog = window.findChild<views::PreferencesDialog *>();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

QString TestPreferences::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(content);
    return path;
}

void TestPreferences::roundTripsEverySetting()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    views::MainWindow window(s, options());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QPointer<views::PreferencesDialog> dialog = openPreferences(window);
    QVERIFY(dialog);
    // Defaults: main currency, system theme and language, schedule off, endpoint on at 5000.
    auto *currency = child<QComboBox>(dialog, "prefsDisplayCurrency");
    auto *theme = child<QComboBox>(dialog, "prefsTheme");
    auto *language = child<QComboBox>(dialog, "prefsLanguage");
    auto *schedule = child<QComboBox>(dialog, "prefsSyncSchedule");
    auto *enabled = child<QCheckBox>(dialog, "prefsTrackingEnabled");
    auto *port = child<QLineEdit>(dialog, "prefsTrackingPort");
    auto *requireToken = child<QCheckBox>(dialog, "prefsTrackingRequireToken");
    auto *token = child<QLineEdit>(dialog, "prefsTrackingToken");
    QVERIFY(currency && theme && language && schedule && enabled && port && requireToken && token);
    QCOMPARE(currency->currentData().toString(), QString());
    QVERIFY(currency->currentText().contains(QStringLiteral("USD"))); // the main currency, named
    QVERIFY(currency->findData(QStringLiteral("EUR")) > 0);           // billed in the workspace
    QVERIFY(currency->findData(QStringLiteral("JPY")) > 0);           // from the ISO list
    QCOMPARE(theme->currentData().toString(), QStringLiteral("system"));
    QCOMPARE(language->currentData().toString(), QString());
    QCOMPARE(language->count(), 3);
    QCOMPARE(schedule->currentData().toInt(), 0);
    QVERIFY(enabled->isChecked());
    QCOMPARE(port->text(), QStringLiteral("5000"));
    QVERIFY(!requireToken->isChecked());
    QTRY_COMPARE(child<QLabel>(dialog, "prefsTrackingTokenState")->text(), QStringLiteral("No token is stored yet."));

    currency->setCurrentIndex(currency->findData(QStringLiteral("EUR")));
    theme->setCurrentIndex(theme->findData(QStringLiteral("dark")));
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    schedule->setCurrentIndex(schedule->findData(6));
    enabled->setChecked(false);
    port->setText(QStringLiteral("5123"));
    requireToken->setChecked(true);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsTrackingGenerate"), Qt::LeftButton);
    const QString generated = token->text();
    QCOMPARE(generated.size(), 64);
    QVERIFY(generated != QString(64, u'0'));
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull()); // closes once the keychain has the token

    QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("display/currency")).toString(), QStringLiteral("EUR"));
    QCOMPARE(settings.value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    QCOMPARE(settings.value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(settings.value(QStringLiteral("accounts/syncScheduleHours")).toInt(), 6);
    QCOMPARE(settings.value(QStringLiteral("tracking/enabledAtStart")).toBool(), false);
    QCOMPARE(settings.value(QStringLiteral("tracking/port")).toInt(), 5123);
    QCOMPARE(settings.value(QStringLiteral("tracking/requireToken")).toBool(), true);
    // The token only in the keychain: in no settings value.
    QCOMPARE(m_keychain.secrets.value(QStringLiteral("costscope-tracking/token")), generated);
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(generated), qPrintable(key));
    // The theme applies live: a dark window palette.
    QCOMPARE(views::appliedTheme(), QStringLiteral("dark"));
    QVERIFY(views::isDarkPalette(window.palette()));

    // Opened again, the dialog shows what was saved.
    dialog = openPreferences(window);
    QVERIFY(dialog);
    QCOMPARE(child<QComboBox>(dialog, "prefsDisplayCurrency")->currentData().toString(), QStringLiteral("EUR"));
    QCOMPARE(child<QComboBox>(dialog, "prefsTheme")->currentData().toString(), QStringLiteral("dark"));
    QCOMPARE(child<QComboBox>(dialog, "prefsLanguage")->currentData().toString(), QStringLiteral("zh_CN"));
    QCOMPARE(child<QComboBox>(dialog, "prefsSyncSchedule")->currentData().toInt(), 6);
    QVERIFY(!child<QCheckBox>(dialog, "prefsTrackingEnabled")->isChecked());
    QCOMPARE(child<QLineEdit>(dialog, "prefsTrackingPort")->text(), QStringLiteral("5123"));
    QVERIFY(child<QCheckBox>(dialog, "prefsTrackingRequireToken")->isChecked());
    QVERIFY(child<QLineEdit>(dialog, "prefsTrackingToken")->text().isEmpty()); // never shown back
    QTRY_COMPARE(child<QLabel>(dialog, "prefsTrackingTokenState")->text(), QStringLiteral("A token is stored in the keychain."));
    // Back to the system theme and the main currency; Cancel changes nothing.
    child<QComboBox>(dialog, "prefsTheme")->setCurrentIndex(0);
    child<QComboBox>(dialog, "prefsDisplayCurrency")->setCurrentIndex(0);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsCancel"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    dialog = openPreferences(window);
    child<QComboBox>(dialog, "prefsTheme")->setCurrentIndex(0);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsApply"), Qt::LeftButton);
    QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("system"));
    QCOMPARE(views::appliedTheme(), QStringLiteral("system"));
    QVERIFY(!dialog.isNull()); // Apply keeps it open
    dialog->close();
}

void TestPreferences::invalidPortRefused_data()
{
    QTest::addColumn<QString>("port");
    QTest::newRow("too large") << QStringLiteral("70000");
    QTest::newRow("privileged") << QStringLiteral("80");
    QTest::newRow("zero") << QStringLiteral("0");
    QTest::newRow("negative") << QStringLiteral("-5000");
    QTest::newRow("word") << QStringLiteral("http");
    QTest::newRow("empty") << QString();
    QTest::newRow("decimal") << QStringLiteral("5000.5");
}

void TestPreferences::invalidPortRefused()
{
    QFETCH(QString, port);
    store::CostStore s;
    QVERIFY(s.open(m_path));
    views::MainWindow window(s, options());
    window.show();
    QPointer<views::PreferencesDialog> dialog = openPreferences(window);
    QVERIFY(dialog);
    child<QComboBox>(dialog, "prefsSyncSchedule")->setCurrentIndex(3);
    child<QLineEdit>(dialog, "prefsTrackingPort")->setText(port);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QVERIFY(!dialog.isNull()); // stays open
    QVERIFY2(dialog->errorText().contains(QStringLiteral("is not a number from 1024 to 65535")), qPrintable(dialog->errorText()));
    QCOMPARE(child<QTabWidget>(dialog, "prefsTabs")->currentIndex(), 3); // the page with the field
    // Nothing was written, not even the valid fields.
    QVERIFY(!QSettings().contains(QStringLiteral("tracking/port")));
    QVERIFY(!QSettings().contains(QStringLiteral("accounts/syncScheduleHours")));
    // Fixed, it saves.
    child<QLineEdit>(dialog, "prefsTrackingPort")->setText(QStringLiteral("65535"));
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(QSettings().value(QStringLiteral("tracking/port")).toInt(), 65535);
    QCOMPARE(QSettings().value(QStringLiteral("accounts/syncScheduleHours")).toInt(), 24);
}

void TestPreferences::tokenRequiredAndKeychainFailure()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    views::MainWindow window(s, options());
    window.show();
    QPointer<views::PreferencesDialog> dialog = openPreferences(window);
    QVERIFY(dialog);
    QTRY_COMPARE(child<QLabel>(dialog, "prefsTrackingTokenState")->text(), QStringLiteral("No token is stored yet."));
    child<QCheckBox>(dialog, "prefsTrackingRequireToken")->setChecked(true);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsApply"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("none is stored")), qPrintable(dialog->errorText()));
    QVERIFY(!QSettings().contains(QStringLiteral("tracking/requireToken")));
    child<QLineEdit>(dialog, "prefsTrackingToken")->setText(QStringLiteral("short"));
    QTest::mouseClick(child<QPushButton>(dialog, "prefsApply"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("at least 16 characters")), qPrintable(dialog->errorText()));
    // The keychain refuses: the dialog stays open and says so.
    m_keychain.failStore = QStringLiteral("the keychain is locked");
    child<QLineEdit>(dialog, "prefsTrackingToken")->setText(QStringLiteral("0123456789abcdef0123"));
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog->errorText().contains(QStringLiteral("the keychain is locked")));
    QVERIFY(!dialog.isNull());
    QVERIFY(m_keychain.secrets.isEmpty());
    m_keychain.failStore.clear();
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QCOMPARE(m_keychain.secrets.value(QStringLiteral("costscope-tracking/token")), QStringLiteral("0123456789abcdef0123"));
}

void TestPreferences::rateTableEditAndCsvImport()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    views::MainWindow window(s, options());
    window.show();
    QPointer<views::PreferencesDialog> dialog = openPreferences(window);
    QVERIFY(dialog);
    auto *rates = child<QTableWidget>(dialog, "prefsRates");
    QVERIFY(rates);
    QCOMPARE(rates->rowCount(), 0);
    // Add: the "To" column starts with the display currency.
    QTest::mouseClick(child<QPushButton>(dialog, "prefsRateAdd"), Qt::LeftButton);
    QCOMPARE(rates->rowCount(), 1);
    QCOMPARE(rates->item(0, 1)->text(), QStringLiteral("USD"));
    rates->item(0, 0)->setText(QStringLiteral("eur"));
    rates->item(0, 2)->setText(QStringLiteral("1,10")); // a decimal comma is refused
    QTest::mouseClick(child<QPushButton>(dialog, "prefsApply"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().startsWith(QStringLiteral("Rate row 1: the rate \u201c1,10\u201d")), qPrintable(dialog->errorText()));
    QCOMPARE(s.db().queryInt("SELECT count(*) FROM currency_rate"), int64_t(0));
    rates->item(0, 2)->setText(QStringLiteral("1.10"));
    rates->item(0, 3)->setText(QStringLiteral("2026-02-30"));
    QTest::mouseClick(child<QPushButton>(dialog, "prefsApply"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("2026-02-30")), qPrintable(dialog->errorText()));
    rates->item(0, 3)->setText(QString());
    QTest::mouseClick(child<QPushButton>(dialog, "prefsApply"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QCOMPARE(s.db().queryText("SELECT from_currency || '>' || to_currency || '=' || rate || '@' || valid_from || ' ' || origin "
                              "FROM currency_rate"),
             QStringLiteral("EUR>USD=1.1@0 user"));

    // A hostile CSV: nothing is imported, the message names the file and the line.
    m_ratesFile = writeFile(QStringLiteral("bad-rates.csv"), "from,to,rate,valid_from\nGBP,USD,1.27\n@SUM(A1),USD,1\n");
    QTest::mouseClick(child<QPushButton>(dialog, "prefsRateImport"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("bad-rates.csv line 3:")), qPrintable(dialog->errorText()));
    QCOMPARE(rates->rowCount(), 1);
    // A good one: the same pair and date replaces the row, others are added; OK saves them all.
    m_ratesFile = writeFile(QStringLiteral("rates.csv"), "from,to,rate,valid_from\r\nEUR,USD,1.0845,\r\nGBP,USD,1.27,2026-03-01\r\n");
    QTest::mouseClick(child<QPushButton>(dialog, "prefsRateImport"), Qt::LeftButton);
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QCOMPARE(rates->rowCount(), 2);
    QVERIFY(child<QLabel>(dialog, "prefsRatesNote")->text().contains(QStringLiteral("rates.csv: 2 rate(s) read (1 replaced")));
    // Delete the GBP row again before saving.
    rates->selectRow(1);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsRateDelete"), Qt::LeftButton);
    QCOMPARE(rates->rowCount(), 1);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    const CurrencyRates stored = store::CurrencyRateStore(s).load();
    QCOMPARE(stored.rates().size(), size_t(1));
    QCOMPARE(stored.rates()[0].rate.toString(), QStringLiteral("1.0845"));
    QCOMPARE(stored.rates()[0].origin, QStringLiteral("csv"));
    QCOMPARE(stored.rates()[0].validFrom, currencyRateAlways());
}

void TestPreferences::displayCurrencyConvertsDashboard()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    QString error;
    // EUR->USD: 1.10 always, 1.2 from 2026-03-10 (so all of March, the rate at month end).
    CurrencyRate always;
    always.from = QStringLiteral("EUR");
    always.to = QStringLiteral("USD");
    always.validFrom = currencyRateAlways();
    always.rate = *ExchangeRate::parse(QStringLiteral("1.10"));
    CurrencyRate march = always;
    march.validFrom = QDate(2026, 3, 10);
    march.rate = *ExchangeRate::parse(QStringLiteral("1.2"));
    QVERIFY2(store::CurrencyRateStore(s).replaceAll({always, march}, &error), qPrintable(error));

    views::MainWindow window(s, options());
    QSignalSpy loaded(window.dashboard(), &views::DashboardTab::loaded);
    window.show();
    QTRY_VERIFY(loaded.count() >= 1);
    auto *mtd = child<QLabel>(&window, "dashboardMonthToDate");
    auto *lastMonth = child<QLabel>(&window, "dashboardLastMonth");
    auto *note = child<QLabel>(&window, "dashboardCurrencyNote");
    // USD (the main currency): March 1-15 is 15 x 100.00 + 15 x 10.33 EUR x 1.2
    // = 1,500.00 + 185.94 = 1,685.94 USD; February is 28 x 100.00 + 28 x 10.33 x 1.10
    // = 2,800.00 + 318.164 = 3,118.164 USD.
    QCOMPARE(mtd->text(), views::moneyText(money("1685.94").nanos(), QStringLiteral("USD")));
    QCOMPARE(lastMonth->text(), views::moneyText(money("3118.164").nanos(), QStringLiteral("USD")));
    QVERIFY2(note->text().contains(QStringLiteral("EUR are converted")), qPrintable(note->text()));

    // Display in EUR: there is no USD->EUR rate, so USD stays USD, with a warning; never at 1.
    QPointer<views::PreferencesDialog> dialog = openPreferences(window);
    QVERIFY(dialog);
    auto *currency = child<QComboBox>(dialog, "prefsDisplayCurrency");
    currency->setCurrentIndex(currency->findData(QStringLiteral("EUR")));
    loaded.clear();
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(mtd->text(), views::moneyText(money("154.95").nanos(), QStringLiteral("EUR")));
    QCOMPARE(lastMonth->text(), views::moneyText(money("289.24").nanos(), QStringLiteral("EUR")));
    // 90 days back from March 15 reach into February: both months of USD are named.
    QVERIFY2(note->text().contains(QStringLiteral("2 month(s) of amounts in USD have no rate to EUR")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(views::moneyText(money("4300.00").nanos(), QStringLiteral("USD"))), qPrintable(note->text()));

    // Add USD->EUR 0.9 in the rate table: 154.95 + 1,500.00 x 0.9 = 1,504.95 EUR; February
    // 289.24 + 2,800.00 x 0.9 = 2,809.24 EUR.
    dialog = openPreferences(window);
    QVERIFY(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "prefsRateAdd"), Qt::LeftButton);
    auto *rates = child<QTableWidget>(dialog, "prefsRates");
    const int row = rates->rowCount() - 1;
    QCOMPARE(rates->item(row, 1)->text(), QStringLiteral("EUR"));
    rates->item(row, 0)->setText(QStringLiteral("USD"));
    rates->item(row, 2)->setText(QStringLiteral("0.9"));
    loaded.clear();
    QTest::mouseClick(child<QPushButton>(dialog, "prefsOk"), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull());
    QTRY_VERIFY(loaded.count() >= 1);
    QCOMPARE(mtd->text(), views::moneyText(money("1504.95").nanos(), QStringLiteral("EUR")));
    QCOMPARE(lastMonth->text(), views::moneyText(money("2809.24").nanos(), QStringLiteral("EUR")));
    QVERIFY2(!note->text().contains(QStringLiteral("no rate")), qPrintable(note->text()));
    QVERIFY2(note->text().contains(QStringLiteral("USD are converted")), qPrintable(note->text()));
}

void TestPreferences::windowStateRemembered()
{
    store::CostStore s;
    QVERIFY(s.open(m_path));
    views::MainWindowOptions o = options();
    o.rememberWindowState = true;
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    const QSize size(std::min(640, available.width() - 40), std::min(420, available.height() - 40));
    QRect saved;
    {
        views::MainWindow window(s, o);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(size);
        window.move(available.topLeft() + QPoint(15, 20));
        saved = window.geometry(); // the size may be held up by the window's minimum size
        auto *tabs = child<QTabWidget>(&window, "tabs");
        tabs->setCurrentWidget(window.findChild<QWidget *>(QStringLiteral("explorerTab")));
        window.close();
    }
    QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));
    QCOMPARE(QSettings().value(QStringLiteral("window/lastTab")).toString(), QStringLiteral("explorerTab"));
    {
        views::MainWindow window(s, o);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.geometry(), saved);
        QCOMPARE(child<QTabWidget>(&window, "tabs")->currentWidget()->objectName(), QStringLiteral("explorerTab"));
        // Saved on a screen that is gone: far right of any screen here.
        window.move(available.right() + 5000, available.bottom() + 3000);
        window.close();
    }
    {
        views::MainWindow window(s, o);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect frame = window.frameGeometry();
        QVERIFY2(available.intersects(frame), qPrintable(QStringLiteral("%1,%2").arg(frame.x()).arg(frame.y())));
        QVERIFY(available.contains(frame.topLeft()) || available.intersected(frame).width() >= 80);
    }
    // A tab that no longer exists (or a hand-edited value) falls back to the Dashboard.
    QSettings().setValue(QStringLiteral("window/lastTab"), QStringLiteral("noSuchTab"));
    QSettings().setValue(QStringLiteral("window/geometry"), QByteArray("garbage"));
    views::MainWindow window(s, o);
    window.show();
    QCOMPARE(child<QTabWidget>(&window, "tabs")->currentWidget()->objectName(), QStringLiteral("dashboardTab"));
    QVERIFY(available.intersects(window.frameGeometry()));
}

QTEST_MAIN(TestPreferences)
#include "TestPreferences.moc"
