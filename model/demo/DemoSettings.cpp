#include "model/demo/DemoSettings.h"

#include "model/store/AllocationStore.h"
#include "model/store/CostStore.h"
#include "model/store/ResourceSettings.h"

namespace costscope::demo {

namespace {

using analysis::AssignmentRule;
using analysis::ConditionKind;
using analysis::Pool;
using analysis::RuleCondition;

AssignmentRule rule(int priority, const QString &name, std::vector<RuleCondition> conditions, const QString &owner,
                    const QString &pool)
{
    AssignmentRule r;
    r.priority = priority;
    r.name = name;
    r.conditions = std::move(conditions);
    r.owner = owner;
    r.pool = pool;
    return r;
}

RuleCondition tagIs(const QString &key, const QString &value) { return {ConditionKind::TagIs, key, value}; }

// The organisation of DemoCatalog: one pool per team tag, under its business unit (Platform
// directly under the company). The ML team's dev
// instances live in a sandbox pool whose TTL (30 days from creation) the old ones have outlived,
// so the demo shows TTL violations.
bool seedPoolsAndRules(store::CostStore &store, QString *error)
{
    store::ResourceSettings settings(store);
    if (!settings.pools().empty() || !settings.rules().empty())
        return true;
    // Organisation -> business unit -> team -> project.
    const QString acme = QStringLiteral("Acme Corp");
    const QString digital = QStringLiteral("Digital");
    const QString dataMl = QStringLiteral("Data & ML");
    const std::vector<Pool> pools = {
        {0, acme, {}, 0},
        {0, digital, acme, 0},
        {0, dataMl, acme, 0},
        {0, QStringLiteral("Web"), digital, 0},
        {0, QStringLiteral("Payments"), digital, 0},
        {0, QStringLiteral("E-commerce"), digital, 0},
        {0, QStringLiteral("Data"), dataMl, 0},
        {0, QStringLiteral("ML"), dataMl, 0},
        {0, QStringLiteral("ML Sandbox"), QStringLiteral("ML"), 30 * 24},
        {0, QStringLiteral("Platform"), acme, 0},
    };
    const QString team = QStringLiteral("team");
    const std::vector<AssignmentRule> rules = {
        rule(1, QStringLiteral("ML sandbox instances"),
             {tagIs(team, QStringLiteral("ml")), tagIs(QStringLiteral("env"), QStringLiteral("dev")),
              {ConditionKind::TypeIs, {}, QStringLiteral("instance")}},
             QStringLiteral("chen@acme.example"), QStringLiteral("ML Sandbox")),
        rule(2, QStringLiteral("Web team"), {tagIs(team, QStringLiteral("web"))}, QStringLiteral("alice@acme.example"),
             QStringLiteral("Web")),
        rule(3, QStringLiteral("Payments team"), {tagIs(team, QStringLiteral("payments"))},
             QStringLiteral("bob@acme.example"), QStringLiteral("Payments")),
        rule(4, QStringLiteral("E-commerce team"), {tagIs(team, QStringLiteral("ecommerce"))},
             QStringLiteral("farah@acme.example"), QStringLiteral("E-commerce")),
        rule(5, QStringLiteral("Data team"), {tagIs(team, QStringLiteral("data"))}, QStringLiteral("dana@acme.example"),
             QStringLiteral("Data")),
        rule(6, QStringLiteral("ML team"), {tagIs(team, QStringLiteral("ml"))}, QStringLiteral("chen@acme.example"),
             QStringLiteral("ML")),
        rule(7, QStringLiteral("Platform team"), {tagIs(team, QStringLiteral("platform"))},
             QStringLiteral("emeka@acme.example"), QStringLiteral("Platform")),
        // Untagged backups still have an owner: the platform team runs them.
        rule(8, QStringLiteral("Backups"), {{ConditionKind::NameContains, {}, QStringLiteral("backup")}},
             QStringLiteral("emeka@acme.example"), QStringLiteral("Platform")),
    };
    return settings.setPools(pools, error) && settings.setRules(rules, error);
}

// Shared costs split to the teams: monitoring and Kubernetes idle capacity by usage, untagged cost
// by fixed shares.
bool seedAllocation(store::CostStore &store, QString *error)
{
    store::AllocationStore allocation(store);
    if (!allocation.settings().rules.empty())
        return true;
    using analysis::AllocationMethod;
    using analysis::AllocationSource;
    analysis::AllocationSettings s;
    analysis::AllocationRule monitoring;
    monitoring.name = QStringLiteral("Monitoring");
    monitoring.source = AllocationSource::Service;
    monitoring.value = QStringLiteral("Amazon CloudWatch");
    monitoring.method = AllocationMethod::Usage;
    analysis::AllocationRule idle;
    idle.name = QStringLiteral("Kubernetes idle capacity");
    idle.source = AllocationSource::KubernetesIdle;
    idle.method = AllocationMethod::Usage;
    analysis::AllocationRule untagged;
    untagged.name = QStringLiteral("Untagged cost");
    untagged.source = AllocationSource::Untagged;
    untagged.method = AllocationMethod::Fixed;
    untagged.targets = {{QStringLiteral("web"), 4000}, {QStringLiteral("data"), 3000}, {QStringLiteral("ml"), 2000},
                        {QStringLiteral("platform"), 1000}};
    s.rules = {monitoring, idle, untagged};
    return allocation.setSettings(s, error);
}

} // namespace

bool seedDemoSettings(store::CostStore &store, QString *error)
{
    return seedPoolsAndRules(store, error) && seedAllocation(store, error);
}

} // namespace costscope::demo
