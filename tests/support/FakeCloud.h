#pragma once

// A fake cloud endpoint per provider for the abstract provider contract tests: a LocalHttpServer
// on 127.0.0.1 speaking that provider's documented wire format, checking the signature or token of
// every request, and injecting faults on demand.

#include "model/Money.h"
#include "providers/CloudClient.h"
#include "providers/sync/CloudSyncService.h"

#include <QDate>
#include <QString>

#include <memory>
#include <mutex>

namespace costscope::testsupport {

enum class Fault {
    None,
    Throttle,        // 429 with Retry-After: 1, `times` times, then served
    ServerError,     // 500, `times` times, then served
    Unavailable,     // 503 always
    Hang,            // never answers
    Truncate,        // declares the full length, sends half, closes
    Malformed,       // a well-delivered body that is not valid JSON / XML
    BadCredentials,  // the server knows another secret (or token)
    ExpiredToken,    // the provider's "expired token" error
    PagesForever,    // always one more page token
};

enum class FaultTarget { Costs, Resources };

struct FaultPlan
{
    Fault fault = Fault::None;
    FaultTarget target = FaultTarget::Costs;
    QDate month;    // costs: only requests for this month (invalid: every month)
    int times = -1; // Throttle / ServerError: how many requests fault before serving (-1: always)
};

// A fake's fault plan and how many of its faults it has served, shared by every fake cloud
// (they answer on the server's thread, hence the lock).
class FaultSchedule
{
public:
    // A new plan; its faults count from zero again.
    void set(const FaultPlan &plan);
    // The plan's fault whatever the request (the fakes check Fault::BadCredentials themselves).
    Fault planned() const;
    // The fault one request for target (costs: of the month starting on month) is answered
    // with: the plan's, unless it is None or BadCredentials, is for the other target or another
    // month, or has been served `times` times already. Each fault returned counts as served.
    Fault take(FaultTarget target, const QDate &month);

private:
    mutable std::mutex m_mutex;
    FaultPlan m_plan;
    int m_served = 0;
};

class FakeCloud
{
public:
    virtual ~FakeCloud() = default;

    virtual QString providerKey() const = 0;     // "aws"
    virtual bool start() = 0;
    // An account pointing at this server.
    virtual providers::AccountConfig account(const QString &name) const = 0;
    // The secrets the server accepts.
    virtual providers::Secrets secrets() const = 0;
    virtual void setFault(const FaultPlan &plan) = 0;
    // The cost amounts (decimal strings) served for one day, billed cost.
    virtual QStringList billedAmounts(const QDate &day) const = 0;
    // Resources the server lists.
    virtual int resourceCount() const = 0;
    // Metric series (resource x metric) the server serves, four points each.
    virtual int metricSeriesCount() const = 0;
    virtual int requestCount() const = 0;
    // Why the server last refused a request's signature or token (empty when none).
    virtual QString rejection() const = 0;
    // A piece of the error a sync ends with under Fault::PagesForever (a server without paging
    // stands in another endless answer there).
    virtual QString endlessPagingError() const { return QStringLiteral("kept sending page tokens"); }
};

// The keychain a sync of a fake's account reads (CloudSyncService's SecretReader): the fields of
// secrets, whatever the account; any other field is "not found".
providers::sync::SecretReader secretsFrom(const providers::Secrets &secrets);

// One factory per provider (each in its Fake<Provider>Server.cpp); the registry is FakeCloud.cpp.
std::unique_ptr<FakeCloud> makeFakeAws();
std::unique_ptr<FakeCloud> makeFakeAzure();
std::unique_ptr<FakeCloud> makeFakeGcp();
std::unique_ptr<FakeCloud> makeFakeAlibaba();
std::unique_ptr<FakeCloud> makeFakeOpenCost();
std::unique_ptr<FakeCloud> makeFakePrometheus();
std::unique_ptr<FakeCloud> makeFakeSnowflake();
std::unique_ptr<FakeCloud> makeFakeDatabricks();

// The providers that have a fake: "aws", ...
QStringList fakeCloudKeys();
std::unique_ptr<FakeCloud> makeFakeCloud(const QString &key);

} // namespace costscope::testsupport
