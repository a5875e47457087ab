// The registry of fake clouds the provider contract suite runs against (one line per provider),
// and the fault schedule they share.

#include "support/FakeCloud.h"

namespace costscope::testsupport {

namespace {

struct Entry
{
    const char *key;
    std::unique_ptr<FakeCloud> (*make)();
};

const Entry kFakes[] = {
    {"aws", &makeFakeAws},
    {"azure", &makeFakeAzure},
    {"gcp", &makeFakeGcp},
    {"alibaba", &makeFakeAlibaba},
    {"kubernetes", &makeFakeOpenCost},
    {"kubernetes-prometheus", &makeFakePrometheus},
    {"snowflake", &makeFakeSnowflake},
    {"databricks", &makeFakeDatabricks},
};

} // namespace

void FaultSchedule::set(const FaultPlan &plan)
{
    std::lock_guard lock(m_mutex);
    m_plan = plan;
    m_served = 0;
}

Fault FaultSchedule::planned() const
{
    std::lock_guard lock(m_mutex);
    return m_plan.fault;
}

Fault FaultSchedule::take(FaultTarget target, const QDate &month)
{
    std::lock_guard lock(m_mutex);
    if (m_plan.fault == Fault::None || m_plan.fault == Fault::BadCredentials || m_plan.target != target)
        return Fault::None;
    if (target == FaultTarget::Costs && m_plan.month.isValid() && month != m_plan.month)
        return Fault::None;
    if (m_plan.times >= 0) {
        if (m_served >= m_plan.times)
            return Fault::None;
        ++m_served;
    }
    return m_plan.fault;
}

providers::sync::SecretReader secretsFrom(const providers::Secrets &secrets)
{
    return [secrets](const QString &, const QString &field) {
        SecretReadResult r;
        r.ok = secrets.contains(field);
        r.notFound = !r.ok;
        r.secret = secrets.value(field);
        return r;
    };
}

QStringList fakeCloudKeys()
{
    QStringList keys;
    for (const Entry &e : kFakes)
        keys << QString::fromLatin1(e.key);
    return keys;
}

std::unique_ptr<FakeCloud> makeFakeCloud(const QString &key)
{
    for (const Entry &e : kFakes) {
        if (key == QLatin1String(e.key))
            return e.make();
    }
    return nullptr;
}

} // namespace costscope::testsupport
