// The abstract provider test suite: every cloud client, synced through the sync service against a
// fake endpoint that speaks its wire format and checks its signature or token, proves the same
// contract: paging, retries, throttling, bad credentials, expired tokens, hangs, truncated and
// malformed bodies, endless paging. Each case ends in the right data or a clear error, and the
// workspace holds only complete steps (whole months, whole resource lists).

#include "support/FakeCloud.h"

#include "model/store/CostStore.h"
#include "providers/sync/AccountRegistry.h"
#include "providers/sync/CloudSyncService.h"
#include "providers/sync/SecretInput.h"

#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace std::chrono_literals;
using namespace costscope;
using costscope::providers::sync::AccountEntry;
using costscope::providers::sync::AccountRegistry;
using costscope::providers::sync::CloudSyncService;
using costscope::providers::sync::SyncOptions;
using costscope::testsupport::Fault;
using costscope::testsupport::FaultPlan;
using costscope::testsupport::FaultTarget;
using costscope::testsupport::FakeCloud;

namespace {

const QDate kToday(2024, 3, 10);

// An independent decimal sum: digits before and after the point, no floating point, no Money::parse.
int64_t decimalNanos(const QString &text)
{
    QString t = text.trimmed();
    const bool negative = t.startsWith(u'-');
    if (negative)
        t.remove(0, 1);
    const qsizetype dot = t.indexOf(u'.');
    const QString whole = dot < 0 ? t : t.left(dot);
    QString fraction = dot < 0 ? QString() : t.mid(dot + 1);
    fraction = fraction.leftJustified(9, u'0');
    const int64_t v = whole.toLongLong() * 1000000000LL + fraction.toLongLong();
    return negative ? -v : v;
}

int64_t servedNanos(const FakeCloud &fake, const QDate &from, const QDate &to)
{
    int64_t sum = 0;
    for (QDate d = from; d < to; d = d.addDays(1)) {
        for (const QString &a : fake.billedAmounts(d))
            sum += decimalNanos(a);
    }
    return sum;
}

struct Fixture
{
    QTemporaryDir dir;
    QString workspace;
    std::unique_ptr<FakeCloud> fake;
    QHash<QString, providers::Secrets> secretsById;
    QList<std::chrono::milliseconds> sleeps;
    SyncOptions options;

    explicit Fixture(const QString &key)
        : fake(testsupport::makeFakeCloud(key))
    {
        workspace = dir.filePath(QStringLiteral("ws.costscope"));
        options.http.connectTimeout = 5s;
        options.http.totalTimeout = 20s;
        options.http.maxAttempts = 3;
        options.sleep = [this](std::chrono::milliseconds d, const CancelFn &) { sleeps.append(d); };
        options.client.maxPages = 8;
        options.today = [] { return kToday; };
    }

    bool addAccount(const QString &name, int initialMonths, const providers::Secrets &secrets)
    {
        AccountRegistry registry(workspace);
        QString error;
        if (!registry.load(&error))
            return false;
        AccountEntry e;
        e.config = fake->account(name);
        e.config.billingAccount = QStringLiteral("billing-") + name;
        e.initialMonths = initialMonths;
        secretsById.insert(e.config.id, secrets);
        return registry.add(e, &error) && registry.save(&error);
    }

    CloudSyncService service()
    {
        return CloudSyncService(options, [this](const QString &id, const QString &field) {
            SecretReadResult r;
            const providers::Secrets s = secretsById.value(id);
            r.ok = s.contains(field);
            r.notFound = !r.ok;
            r.secret = s.value(field);
            return r;
        });
    }

    AccountEntry entry(const QString &name)
    {
        AccountRegistry registry(workspace);
        QString error;
        registry.load(&error);
        const AccountEntry *e = registry.find(name);
        return e ? *e : AccountEntry{};
    }
};

int64_t queryInt(const QString &workspace, const char *sql)
{
    store::CostStore store;
    if (!store.open(workspace))
        return -1;
    return store.db().queryInt(sql, -1);
}

} // namespace

class TestProviderContract : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contract_data();
    void contract();
    void totalsEqualServedDecimals_data();
    void totalsEqualServedDecimals();
    void oneFailingAccountDoesNotStopOthers_data();
    void oneFailingAccountDoesNotStopOthers();
    void cancelKeepsCompletedMonths_data();
    void cancelKeepsCompletedMonths();
    void incrementalSecondSync_data();
    void incrementalSecondSync();
    void syncRange_data();
    void syncRange();
    void secretInput_data();
    void secretInput();
    void registryRoundTripAndDamage();
};

void TestProviderContract::contract_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("times");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("months");      // complete months in the workspace afterwards
    QTest::addColumn<QString>("errorHas"); // a piece of the plain-words error
    const auto c = static_cast<int>(FaultTarget::Costs);
    const auto r = static_cast<int>(FaultTarget::Resources);
    for (const QString &p : testsupport::fakeCloudKeys()) {
        auto row = [&](const char *name) { return &QTest::newRow(qPrintable(p + QStringLiteral(": ") + QLatin1String(name))); };
        *row("clean, paged") << p << int(Fault::None) << c << -1 << true << 2 << QString();
        *row("throttled twice, then served") << p << int(Fault::Throttle) << c << 2 << true << 2 << QString();
        *row("500 once, then served") << p << int(Fault::ServerError) << c << 1 << true << 2 << QString();
        *row("resources throttled once") << p << int(Fault::Throttle) << r << 1 << true << 2 << QString();
        *row("503 always") << p << int(Fault::Unavailable) << c << -1 << false << 1 << QStringLiteral("HTTP 503");
        *row("hangs") << p << int(Fault::Hang) << c << -1 << false << 1 << QStringLiteral("timed out");
        *row("truncated body") << p << int(Fault::Truncate) << c << -1 << false << 1 << QStringLiteral("truncated");
        *row("malformed body") << p << int(Fault::Malformed) << c << -1 << false << 1 << QStringLiteral("not valid JSON");
        *row("bad credentials") << p << int(Fault::BadCredentials) << c << -1 << false << 0 << QStringLiteral("rejected the credentials");
        *row("expired token") << p << int(Fault::ExpiredToken) << c << -1 << false << 1 << QStringLiteral("expired");
        const QString endless = testsupport::makeFakeCloud(p)->endlessPagingError();
        *row("pages forever") << p << int(Fault::PagesForever) << c << -1 << false << 1 << endless;
        *row("resources 503") << p << int(Fault::Unavailable) << r << -1 << false << 2 << QStringLiteral("HTTP 503");
        *row("resources truncated") << p << int(Fault::Truncate) << r << -1 << false << 2 << QStringLiteral("truncated");
        *row("resources malformed") << p << int(Fault::Malformed) << r << -1 << false << 2 << QStringLiteral("not usable");
        *row("resources expired token") << p << int(Fault::ExpiredToken) << r << -1 << false << 2 << QStringLiteral("expired");
        *row("resources pages forever") << p << int(Fault::PagesForever) << r << -1 << false << 2 << endless;
    }
}

void TestProviderContract::contract()
{
    QFETCH(QString, provider);
    QFETCH(int, fault);
    QFETCH(int, target);
    QFETCH(int, times);
    QFETCH(bool, ok);
    QFETCH(int, months);
    QFETCH(QString, errorHas);
    Fixture f(provider);
    QVERIFY(f.fake->start());
    if (static_cast<Fault>(fault) == Fault::Hang) {
        f.options.http.totalTimeout = 400ms;
        f.options.http.maxAttempts = 2;
    }
    // Two months (February and March 2024); the fault hits the second one.
    FaultPlan plan{static_cast<Fault>(fault), static_cast<FaultTarget>(target), QDate(2024, 3, 1), times};
    f.fake->setFault(plan);
    QVERIFY(f.addAccount(QStringLiteral("main"), 2, f.fake->secrets()));
    CloudSyncService service = f.service();
    QStringList progressMessages;
    const auto reports = service.syncAccounts(f.workspace, {}, {}, {},
                                              [&](double, const QString &m) { progressMessages << m; }, {});
    QCOMPARE(reports.size(), size_t(1));
    const AccountSyncReport &report = reports.front();
    QVERIFY2(report.ok == ok, qPrintable(report.error + u'\n' + f.fake->rejection()));
    QCOMPARE(report.from, QDate(2024, 2, 1));
    QCOMPARE(report.to, kToday.addDays(1));
    QCOMPARE(report.monthsWritten, months);
    QVERIFY(!progressMessages.isEmpty());
    if (!ok) {
        QVERIFY2(report.error.contains(errorHas), qPrintable(report.error));
        // No secret value of any field (QString::contains("") is true, so only non-empty ones).
        const providers::Secrets secrets = f.fake->secrets();
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
            if (!it.value().isEmpty())
                QVERIFY2(!report.error.contains(it.value()), qPrintable(it.key()));
        }
    }
    if (static_cast<Fault>(fault) == Fault::Throttle) {
        QVERIFY(!f.sleeps.isEmpty());
        for (const auto d : std::as_const(f.sleeps))
            QCOMPARE(d, 1000ms); // Retry-After: 1
    }
    // The workspace holds exactly the complete months, with the amounts served.
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM billing_period"), int64_t(months));
    const QDate end = months == 2 ? kToday.addDays(1) : QDate(2024, 3, 1);
    const int64_t expected = months == 0 ? 0 : servedNanos(*f.fake, QDate(2024, 2, 1), end);
    QCOMPARE(queryInt(f.workspace, "SELECT COALESCE(SUM(billed), 0) FROM line_item"), expected);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM resource"), int64_t(ok ? f.fake->resourceCount() : 0));
    QCOMPARE(report.resources, ok ? f.fake->resourceCount() : -1);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM (SELECT DISTINCT resource_id, metric FROM metric_point)"),
             int64_t(ok ? f.fake->metricSeriesCount() : 0));
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM metric_point"), int64_t(ok ? 4 * f.fake->metricSeriesCount() : 0));
    // The account remembers how it went, in plain words.
    const AccountEntry e = f.entry(QStringLiteral("main"));
    QCOMPARE(e.lastStatus, ok ? QStringLiteral("ok") : QStringLiteral("failed"));
    QCOMPARE(e.lastError, ok ? QString() : report.error);
    QVERIFY(e.lastSyncAt.isValid());
    QCOMPARE(e.syncedFrom, ok ? QDate(2024, 2, 1) : QDate());
}

void TestProviderContract::totalsEqualServedDecimals_data()
{
    QTest::addColumn<QString>("provider");
    for (const QString &p : testsupport::fakeCloudKeys())
        QTest::newRow(qPrintable(p)) << p;
}

void TestProviderContract::totalsEqualServedDecimals()
{
    QFETCH(QString, provider);
    Fixture f(provider);
    QVERIFY(f.fake->start());
    QVERIFY(f.addAccount(QStringLiteral("main"), 1, f.fake->secrets()));
    f.options.resources = false;
    CloudSyncService service = f.service();
    // An explicit range inside a month is rounded out to the whole month.
    const auto reports = service.syncAccounts(f.workspace, {QStringLiteral("main")}, QDate(2023, 11, 20), QDate(2024, 1, 5), {}, {});
    QCOMPARE(reports.size(), size_t(1));
    QVERIFY2(reports.front().ok, qPrintable(reports.front().error));
    QCOMPARE(reports.front().from, QDate(2023, 11, 1));
    QCOMPARE(reports.front().to, QDate(2024, 2, 1));
    QCOMPARE(reports.front().monthsWritten, 3);
    const int64_t expected = servedNanos(*f.fake, QDate(2023, 11, 1), QDate(2024, 2, 1));
    QCOMPARE(queryInt(f.workspace, "SELECT SUM(billed) FROM line_item"), expected);
    QCOMPARE(queryInt(f.workspace, "SELECT SUM(billed_total) FROM billing_period"), expected);
    QCOMPARE(queryInt(f.workspace, "SELECT SUM(billed) FROM rollup_daily"), expected);
    int64_t rows = 0;
    for (QDate d(2023, 11, 1); d < QDate(2024, 2, 1); d = d.addDays(1))
        rows += f.fake->billedAmounts(d).size();
    QCOMPARE(reports.front().rows, rows);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM line_item"), rows);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM resource"), int64_t(0));
}

void TestProviderContract::oneFailingAccountDoesNotStopOthers_data()
{
    totalsEqualServedDecimals_data();
}

void TestProviderContract::oneFailingAccountDoesNotStopOthers()
{
    QFETCH(QString, provider);
    Fixture f(provider);
    QVERIFY(f.fake->start());
    providers::Secrets wrong = f.fake->secrets();
    for (auto it = wrong.begin(); it != wrong.end(); ++it)
        it.value() += QStringLiteral("-wrong");
    QVERIFY(f.addAccount(QStringLiteral("broken"), 1, wrong));
    QVERIFY(f.addAccount(QStringLiteral("missing-secrets"), 1, {}));
    QVERIFY(f.addAccount(QStringLiteral("good"), 1, f.fake->secrets()));
    CloudSyncService service = f.service();
    const auto reports = service.syncAccounts(f.workspace, {}, {}, {}, {}, {});
    QCOMPARE(reports.size(), size_t(3));
    QVERIFY(!reports[0].ok);
    QVERIFY2(!reports[0].error.isEmpty(), "a failed account says why");
    QVERIFY(!reports[1].ok);
    QVERIFY2(reports[1].error.contains(QStringLiteral("keychain holds no")), qPrintable(reports[1].error));
    QVERIFY2(reports[2].ok, qPrintable(reports[2].error));
    QCOMPARE(f.entry(QStringLiteral("broken")).lastStatus, QStringLiteral("failed"));
    QCOMPARE(f.entry(QStringLiteral("good")).lastStatus, QStringLiteral("ok"));
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM billing_period"), int64_t(1));
    QCOMPARE(queryInt(f.workspace, "SELECT SUM(billed) FROM line_item"), servedNanos(*f.fake, QDate(2024, 3, 1), kToday.addDays(1)));
}

void TestProviderContract::cancelKeepsCompletedMonths_data()
{
    totalsEqualServedDecimals_data();
}

void TestProviderContract::cancelKeepsCompletedMonths()
{
    QFETCH(QString, provider);
    Fixture f(provider);
    QVERIFY(f.fake->start());
    QVERIFY(f.addAccount(QStringLiteral("main"), 3, f.fake->secrets()));
    CloudSyncService service = f.service();
    int steps = 0;
    bool cancel = false;
    // Cancel once the second month has started: the first stays, the second is not written.
    const auto reports = service.syncAccounts(
        f.workspace, {}, {}, {}, [&](double, const QString &) { cancel = ++steps >= 2; }, [&] { return cancel; });
    QCOMPARE(reports.size(), size_t(1));
    QVERIFY(!reports.front().ok);
    QVERIFY(reports.front().cancelled);
    QCOMPARE(reports.front().monthsWritten, 1);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM billing_period"), int64_t(1));
    QCOMPARE(f.entry(QStringLiteral("main")).lastStatus, QStringLiteral("cancelled"));
}

void TestProviderContract::incrementalSecondSync_data()
{
    totalsEqualServedDecimals_data();
}

void TestProviderContract::incrementalSecondSync()
{
    QFETCH(QString, provider);
    Fixture f(provider);
    QVERIFY(f.fake->start());
    QVERIFY(f.addAccount(QStringLiteral("main"), 3, f.fake->secrets()));
    f.options.resources = false;
    {
        CloudSyncService service = f.service();
        const auto first = service.syncAccounts(f.workspace, {}, {}, {}, {}, {});
        QVERIFY2(first.front().ok, qPrintable(first.front().error));
        QCOMPARE(first.front().from, QDate(2024, 1, 1));
        QCOMPARE(first.front().monthsWritten, 3);
    }
    // A month later only the previous and the current month are fetched again.
    f.options.today = [] { return QDate(2024, 4, 2); };
    CloudSyncService service = f.service();
    const int requestsBefore = f.fake->requestCount();
    const auto second = service.syncAccounts(f.workspace, {}, {}, {}, {}, {});
    QVERIFY2(second.front().ok, qPrintable(second.front().error));
    QCOMPARE(second.front().from, QDate(2024, 3, 1));
    QCOMPARE(second.front().to, QDate(2024, 4, 3));
    QCOMPARE(second.front().monthsWritten, 2);
    QVERIFY(f.fake->requestCount() > requestsBefore);
    QCOMPARE(queryInt(f.workspace, "SELECT COUNT(*) FROM billing_period"), int64_t(4));
    QCOMPARE(queryInt(f.workspace, "SELECT SUM(billed) FROM line_item"), servedNanos(*f.fake, QDate(2024, 1, 1), QDate(2024, 4, 3)));
    QCOMPARE(f.entry(QStringLiteral("main")).syncedFrom, QDate(2024, 1, 1));
}

void TestProviderContract::syncRange_data()
{
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QDate>("syncedFrom");
    QTest::addColumn<int>("initialMonths");
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QDate>("rangeFrom");
    QTest::addColumn<QDate>("rangeTo");
    const QDate none;
    QTest::newRow("first sync, 3 months") << QDate(2024, 3, 10) << none << 3 << none << none << QDate(2024, 1, 1) << QDate(2024, 3, 11);
    QTest::newRow("first sync, 1 month") << QDate(2024, 3, 1) << none << 1 << none << none << QDate(2024, 3, 1) << QDate(2024, 3, 2);
    QTest::newRow("first sync across a year") << QDate(2024, 1, 31) << none << 3 << none << none << QDate(2023, 11, 1) << QDate(2024, 2, 1);
    QTest::newRow("zero months means one") << QDate(2024, 3, 10) << none << 0 << none << none << QDate(2024, 3, 1) << QDate(2024, 3, 11);
    QTest::newRow("later sync") << QDate(2024, 3, 10) << QDate(2023, 1, 1) << 3 << none << none << QDate(2024, 2, 1) << QDate(2024, 3, 11);
    QTest::newRow("later sync in January") << QDate(2024, 1, 3) << QDate(2023, 1, 1) << 3 << none << none << QDate(2023, 12, 1) << QDate(2024, 1, 4);
    QTest::newRow("explicit, rounded to months") << QDate(2024, 3, 10) << none << 3 << QDate(2023, 5, 17) << QDate(2023, 7, 2)
                                                 << QDate(2023, 5, 1) << QDate(2023, 8, 1);
    QTest::newRow("explicit end on a month start") << QDate(2024, 3, 10) << none << 3 << QDate(2023, 5, 1) << QDate(2023, 7, 1)
                                                   << QDate(2023, 5, 1) << QDate(2023, 7, 1);
    QTest::newRow("explicit end capped at today") << QDate(2024, 3, 10) << none << 3 << QDate(2024, 2, 1) << QDate(2025, 1, 1)
                                                  << QDate(2024, 2, 1) << QDate(2024, 3, 11);
    QTest::newRow("explicit from only") << QDate(2024, 3, 10) << QDate(2024, 1, 1) << 3 << QDate(2023, 12, 24) << none
                                        << QDate(2023, 12, 1) << QDate(2024, 3, 11);
}

void TestProviderContract::syncRange()
{
    QFETCH(QDate, today);
    QFETCH(QDate, syncedFrom);
    QFETCH(int, initialMonths);
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QDate, rangeFrom);
    QFETCH(QDate, rangeTo);
    QDate a, b;
    CloudSyncService::syncRange(today, syncedFrom, initialMonths, from, to, &a, &b);
    QCOMPARE(a, rangeFrom);
    QCOMPARE(b, rangeTo);
}

void TestProviderContract::secretInput_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("fields");   // sorted, comma-separated, when ok
    QTest::addColumn<QString>("errorHas"); // when not ok
    QTest::newRow("aws key=value") << QStringLiteral("aws") << QStringLiteral("access_key_id=AKID\nsecret_access_key=a+b/c==\n")
                                   << true << QStringLiteral("access_key_id,secret_access_key") << QString();
    QTest::newRow("aws CRLF, comments, token") << QStringLiteral("aws")
                                               << QStringLiteral("# prod\r\naccess_key_id = AKID\r\n\r\nsecret_access_key=s\r\nsession_token=t\r\n")
                                               << true << QStringLiteral("access_key_id,secret_access_key,session_token") << QString();
    QTest::newRow("aws JSON") << QStringLiteral("aws") << QStringLiteral(R"({"access_key_id":"A","secret_access_key":"S"})") << true
                              << QStringLiteral("access_key_id,secret_access_key") << QString();
    QTest::newRow("aws empty optional dropped") << QStringLiteral("aws") << QStringLiteral(R"({"access_key_id":"A","secret_access_key":"S","session_token":""})")
                                                << true << QStringLiteral("access_key_id,secret_access_key") << QString();
    QTest::newRow("aws missing secret") << QStringLiteral("aws") << QStringLiteral("access_key_id=AKID\n") << false << QString()
                                        << QStringLiteral("missing secret field 'secret_access_key'");
    QTest::newRow("unknown field") << QStringLiteral("aws") << QStringLiteral("access_key_id=A\nsecret_access_key=S\npassword=hunter2\n")
                                   << false << QString() << QStringLiteral("unknown secret field 'password'");
    QTest::newRow("not key=value") << QStringLiteral("aws") << QStringLiteral("access_key_id=A\nhunter2\n") << false << QString()
                                   << QStringLiteral("line 2");
    QTest::newRow("broken JSON") << QStringLiteral("aws") << QStringLiteral(R"({"access_key_id":"A",)") << false << QString()
                                 << QStringLiteral("not a valid JSON object");
    QTest::newRow("JSON number") << QStringLiteral("aws") << QStringLiteral(R"({"access_key_id":1,"secret_access_key":"S"})") << false
                                 << QString() << QStringLiteral("must be a string");
    QTest::newRow("empty input") << QStringLiteral("azure") << QString() << false << QString() << QStringLiteral("missing secret field");
    QTest::newRow("gcp key file itself") << QStringLiteral("gcp")
                                         << QStringLiteral(R"({"type":"service_account","client_email":"a@b","private_key":"k"})") << true
                                         << QStringLiteral("service_account_json") << QString();
    QTest::newRow("kubernetes without token") << QStringLiteral("kubernetes") << QString() << true << QString() << QString();
}

void TestProviderContract::secretInput()
{
    QFETCH(QString, provider);
    QFETCH(QString, input);
    QFETCH(bool, ok);
    QFETCH(QString, fields);
    QFETCH(QString, errorHas);
    providers::Secrets secrets;
    QString error;
    QCOMPARE(providers::sync::parseSecretInput(provider, input, &secrets, &error), ok);
    if (ok) {
        QStringList keys = secrets.keys();
        keys.sort();
        QCOMPARE(keys.join(u','), fields);
    } else {
        QVERIFY2(error.contains(errorHas), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("hunter2")));
    }
}

void TestProviderContract::registryRoundTripAndDamage()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.costscope"));
    AccountRegistry registry(ws);
    QString error;
    QVERIFY(registry.load(&error)); // missing file: empty
    QVERIFY(registry.accounts().isEmpty());
    AccountEntry e;
    e.config.id = AccountRegistry::newAccountId(QStringLiteral("aws"));
    e.config.name = QStringLiteral("prod");
    e.config.provider = QStringLiteral("aws");
    e.config.region = QStringLiteral("eu-west-1");
    e.lastSyncAt = QDateTime(QDate(2024, 3, 1), QTime(10, 0), QTimeZone::utc());
    e.lastStatus = QStringLiteral("failed");
    e.lastError = QStringLiteral("AWS rejected the credentials");
    e.syncedFrom = QDate(2024, 1, 1);
    QVERIFY(registry.add(e, &error));
    QVERIFY(!registry.add(e, &error));
    QVERIFY(error.contains(QStringLiteral("exists already")));
    QVERIFY(registry.save(&error));
    AccountRegistry again(ws);
    QVERIFY2(again.load(&error), qPrintable(error));
    QCOMPARE(again.accounts().size(), 1);
    const AccountEntry &r = again.accounts().first();
    QCOMPARE(r.config.id, e.config.id);
    QCOMPARE(r.config.region, e.config.region);
    QCOMPARE(r.lastSyncAt, e.lastSyncAt);
    QCOMPARE(r.lastStatus, e.lastStatus);
    QCOMPARE(r.lastError, e.lastError);
    QCOMPARE(r.syncedFrom, e.syncedFrom);
    QVERIFY(again.remove(QStringLiteral("prod")));
    QVERIFY(!again.remove(QStringLiteral("prod")));

    QFile damaged(AccountRegistry::pathFor(ws));
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("{\"accounts\": [");
    damaged.close();
    AccountRegistry broken(ws);
    QVERIFY(!broken.load(&error));
    QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestProviderContract)
#include "TestProviderContract.moc"
