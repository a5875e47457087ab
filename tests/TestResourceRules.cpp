#include "model/analysis/AssignmentRules.h"
#include "model/analysis/ResourceInventory.h"
#include "model/analysis/ResourceTtl.h"
#include "model/report/Csv.h"
#include "model/store/CostStore.h"
#include "model/store/ResourceSettings.h"

#include <QTest>

using namespace costscope;
using namespace costscope::analysis;

Q_DECLARE_METATYPE(costscope::analysis::RuleCondition)

namespace {

AssignmentSubject subject()
{
    AssignmentSubject s;
    s.provider = QStringLiteral("AWS");
    s.name = QStringLiteral("Web-Prod-01");
    s.resourceId = QStringLiteral("i-0abc");
    s.type = QStringLiteral("instance");
    s.region = QStringLiteral("eu-west-1");
    s.tags = {{QStringLiteral("env"), QStringLiteral("production")}, {QStringLiteral("team"), QStringLiteral("")}};
    return s;
}

AssignmentRule rule(int64_t id, int priority, std::vector<RuleCondition> conditions, const QString &owner,
                    const QString &pool = {})
{
    AssignmentRule r;
    r.id = id;
    r.priority = priority;
    r.conditions = std::move(conditions);
    r.owner = owner;
    r.pool = pool;
    return r;
}

} // namespace

class TestResourceRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conditions_data();
    void conditions();
    void evaluationOrder();
    void parseAndFormat_data();
    void parseAndFormat();
    void ttl();
    void settingsRoundTrip();
    void inventoryAssignsAndExpires();
    void csvCells_data();
    void csvCells();
};

void TestResourceRules::conditions_data()
{
    QTest::addColumn<RuleCondition>("condition");
    QTest::addColumn<bool>("expected");
    auto row = [](const char *name, ConditionKind k, const char *key, const char *value, bool expected) {
        QTest::newRow(name) << RuleCondition{k, QString::fromUtf8(key), QString::fromUtf8(value)} << expected;
    };
    row("name is (any case)", ConditionKind::NameIs, "", "web-prod-01", true);
    row("name is other", ConditionKind::NameIs, "", "web-prod-0", false);
    row("name starts with", ConditionKind::NameStartsWith, "", "web-", true);
    row("name starts with no", ConditionKind::NameStartsWith, "", "prod", false);
    row("name ends with", ConditionKind::NameEndsWith, "", "-01", true);
    row("name ends with no", ConditionKind::NameEndsWith, "", "-02", false);
    row("name contains", ConditionKind::NameContains, "", "PROD", true);
    row("name contains no", ConditionKind::NameContains, "", "stage", false);
    row("type is", ConditionKind::TypeIs, "", "instance", true);
    row("type is no", ConditionKind::TypeIs, "", "volume", false);
    row("cloud is", ConditionKind::CloudIs, "", "AWS", true);
    row("cloud is (bill spelling)", ConditionKind::CloudIs, "", "Amazon Web Services", true);
    row("cloud is no", ConditionKind::CloudIs, "", "GCP", false);
    row("region is", ConditionKind::RegionIs, "", "eu-west-1", true);
    row("region is no", ConditionKind::RegionIs, "", "eu-west-2", false);
    row("tag is", ConditionKind::TagIs, "env", "production", true);
    row("tag is other value", ConditionKind::TagIs, "env", "prod", false);
    row("tag is empty value", ConditionKind::TagIs, "team", "", true);
    row("tag is missing key", ConditionKind::TagIs, "owner", "", false);
    row("tag exists", ConditionKind::TagExists, "team", "", true);
    row("tag exists no", ConditionKind::TagExists, "owner", "", false);
    row("tag value starts with", ConditionKind::TagValueStartsWith, "env", "prod", true);
    row("tag value starts with (case)", ConditionKind::TagValueStartsWith, "env", "Prod", false);
    row("tag value starts with missing", ConditionKind::TagValueStartsWith, "owner", "a", false);
}

void TestResourceRules::conditions()
{
    QFETCH(RuleCondition, condition);
    QFETCH(bool, expected);
    QCOMPARE(matches(condition, subject()), expected);
}

void TestResourceRules::evaluationOrder()
{
    const RuleCondition isWeb{ConditionKind::NameStartsWith, {}, QStringLiteral("web")};
    const RuleCondition isProd{ConditionKind::TagIs, QStringLiteral("env"), QStringLiteral("production")};
    const RuleCondition isGcp{ConditionKind::CloudIs, {}, QStringLiteral("GCP")};
    // Given out of order: priority decides, then id; all conditions of a rule must hold.
    std::vector<AssignmentRule> rules{rule(5, 3, {isWeb}, QStringLiteral("web-team"), QStringLiteral("Web")),
                                      rule(9, 1, {isProd, isGcp}, QStringLiteral("gcp-prod")),
                                      rule(7, 2, {isProd}, QStringLiteral("ops"), QStringLiteral("Production")),
                                      rule(6, 2, {isWeb, isProd}, QStringLiteral("web-prod"), QStringLiteral("Web"))};
    auto ordered = inEvaluationOrder(rules);
    QCOMPARE(ordered[0].id, int64_t(9));
    QCOMPARE(ordered[1].id, int64_t(6));
    QCOMPARE(ordered[2].id, int64_t(7));
    QCOMPARE(ordered[3].id, int64_t(5));
    Assignment a = assign(ordered, subject());
    QCOMPARE(a.owner, QStringLiteral("web-prod")); // rule 9 fails on cloud; 6 and 7 tie, 6 first
    QCOMPARE(a.pool, QStringLiteral("Web"));
    QCOMPARE(a.ruleId, int64_t(6));

    // An inactive rule is skipped; the next one wins.
    ordered[1].active = false;
    a = assign(ordered, subject());
    QCOMPARE(a.ruleId, int64_t(7));
    QCOMPARE(a.owner, QStringLiteral("ops"));

    // A rule without conditions matches nothing; nothing matching leaves owner and pool empty.
    AssignmentSubject other = subject();
    other.name = QStringLiteral("db-1");
    other.tags.clear();
    const Assignment none = assign(inEvaluationOrder({rule(1, 1, {}, QStringLiteral("x")), rules[0]}), other);
    QCOMPARE(none.ruleId, int64_t(0));
    QVERIFY(none.owner.isEmpty());
    QVERIFY(none.pool.isEmpty());
}

void TestResourceRules::parseAndFormat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("one") << QStringLiteral("name starts with web-") << true << QStringLiteral("name starts with web-");
    QTest::newRow("all kinds")
        << QStringLiteral("name is a and name ends with b and name contains c and type is instance and cloud is AWS and "
                          "region is eu-west-1 and tag env = prod and tag owner exists and tag cc starts with 12")
        << true
        << QStringLiteral("name is a and name ends with b and name contains c and type is instance and cloud is AWS and "
                          "region is eu-west-1 and tag env = prod and tag owner exists and tag cc starts with 12");
    QTest::newRow("case and spaces") << QStringLiteral("  NAME Starts With web  AND  Tag env = prod ") << true
                                     << QStringLiteral("name starts with web and tag env = prod");
    QTest::newRow("tag empty value") << QStringLiteral("tag team =") << true << QStringLiteral("tag team = ");
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("unknown subject") << QStringLiteral("colour is red") << false << QString();
    QTest::newRow("region starts with") << QStringLiteral("region starts with eu") << false << QString();
    QTest::newRow("exists with value") << QStringLiteral("tag env exists prod") << false << QString();
    QTest::newRow("missing value") << QStringLiteral("name is") << false << QString();
    QTest::newRow("one bad part") << QStringLiteral("name is a and nonsense") << false << QString();
}

void TestResourceRules::parseAndFormat()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, normalised);
    std::vector<RuleCondition> parsed;
    QString error;
    QCOMPARE(parseConditions(text, &parsed, &error), ok);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        QVERIFY(parsed.empty());
        return;
    }
    QCOMPARE(conditionsText(parsed), normalised);
    std::vector<RuleCondition> again;
    QVERIFY(parseConditions(conditionsText(parsed), &again, &error));
    QVERIFY(again == parsed);
}

void TestResourceRules::ttl()
{
    const std::vector<Pool> pools{{1, QStringLiteral("Org"), {}, 72},
                                  {2, QStringLiteral("Dev"), QStringLiteral("Org"), 0},
                                  {3, QStringLiteral("Sandbox"), QStringLiteral("Dev"), 2},
                                  {4, QStringLiteral("Loop-a"), QStringLiteral("Loop-b"), 0},
                                  {5, QStringLiteral("Loop-b"), QStringLiteral("Loop-a"), 0}};
    QCOMPARE(inheritedTtlHours(pools, QStringLiteral("Org")), 72);
    QCOMPARE(inheritedTtlHours(pools, QStringLiteral("Dev")), 72);     // from the parent
    QCOMPARE(inheritedTtlHours(pools, QStringLiteral("Sandbox")), 2); // its own
    QCOMPARE(inheritedTtlHours(pools, QStringLiteral("Loop-a")), 0);  // a cycle ends
    QCOMPARE(inheritedTtlHours(pools, QStringLiteral("Unknown")), 0);
    QCOMPARE(inheritedTtlHours(pools, QString()), 0);

    const int64_t created = 1'000'000;
    // Pool TTL counts from creation (else first seen); expired at the boundary itself.
    TtlState s = ttlState(0, 2, created, created + 500, true, created + 7199);
    QCOMPARE(s.expiresAt, created + 7200);
    QVERIFY(s.inherited);
    QVERIFY(!s.expired);
    QVERIFY(ttlState(0, 2, created, created + 500, true, created + 7200).expired);
    QCOMPARE(ttlState(0, 2, 0, created + 500, true, 0).expiresAt, created + 500 + 7200);
    // The resource's own TTL wins over the pool's.
    s = ttlState(created + 10, 2, created, created, true, created + 11);
    QCOMPARE(s.expiresAt, created + 10);
    QVERIFY(!s.inherited);
    QVERIFY(s.expired);
    // An inactive resource (gone from the cloud) is no violation.
    QVERIFY(!ttlState(created + 10, 0, created, created, false, created + 11).expired);
    // No TTL anywhere.
    QCOMPARE(ttlState(0, 0, created, created, true, created * 2).expiresAt, int64_t(0));
}

void TestResourceRules::settingsRoundTrip()
{
    store::CostStore s;
    QString error;
    QVERIFY(s.open(QStringLiteral(":memory:"), &error));
    store::ResourceSettings settings(s);
    QVERIFY2(settings.setPools({{0, QStringLiteral("Org"), {}, 48}, {0, QStringLiteral("Dev"), QStringLiteral("Org"), 0}},
                               &error),
             qPrintable(error));
    auto pools = settings.pools();
    QCOMPARE(pools.size(), size_t(2));
    QCOMPARE(pools[0].name, QStringLiteral("Dev"));
    QCOMPARE(pools[0].parent, QStringLiteral("Org"));
    QCOMPARE(pools[1].ttlHours, 48);

    AssignmentRule r1 = rule(0, 2, {{ConditionKind::TagIs, QStringLiteral("env"), QStringLiteral("dev")},
                                    {ConditionKind::RegionIs, {}, QStringLiteral("eu-west-1")}},
                             QStringLiteral("alice"), QStringLiteral("Dev"));
    AssignmentRule r2 = rule(0, 1, {{ConditionKind::TypeIs, {}, QStringLiteral("volume")}}, QStringLiteral("bob"));
    r2.active = false;
    QVERIFY2(settings.setRules({r1, r2}, &error), qPrintable(error));
    auto rules = settings.rules();
    QCOMPARE(rules.size(), size_t(2));
    QCOMPARE(rules[0].owner, QStringLiteral("bob")); // evaluation order
    QVERIFY(!rules[0].active);
    QCOMPARE(rules[1].pool, QStringLiteral("Dev"));
    QVERIFY(rules[1].conditions == r1.conditions);

    // A rule naming an unknown pool is refused and nothing changes.
    AssignmentRule bad = rule(0, 1, {{ConditionKind::TypeIs, {}, QStringLiteral("x")}}, {}, QStringLiteral("Nope"));
    QVERIFY(!settings.setRules({bad}, &error));
    QVERIFY(error.contains(QStringLiteral("Nope")));
    QCOMPARE(settings.rules().size(), size_t(2));
    // Two pools of one name are refused.
    QVERIFY(!settings.setPools({{0, QStringLiteral("A"), {}, 0}, {0, QStringLiteral("A"), {}, 1}}, &error));
    // Dropping a pool leaves its rules without a pool.
    QVERIFY2(settings.setPools({{0, QStringLiteral("Org"), {}, 48}}, &error), qPrintable(error));
    QCOMPARE(settings.rules()[1].pool, QString());
    QCOMPARE(settings.pools().size(), size_t(1));
}

void TestResourceRules::inventoryAssignsAndExpires()
{
    Inventory inv;
    inv.now = 10'000'000;
    store::ResourceRow web;
    web.provider = QStringLiteral("AWS");
    web.name = QStringLiteral("web-1");
    web.type = QStringLiteral("instance");
    web.createdAt = inv.now - 3 * 3600;
    store::ResourceRow db = web;
    db.name = QStringLiteral("db-1");
    store::ResourceRow gone = web;
    gone.name = QStringLiteral("web-old");
    gone.active = false;
    for (const auto &r : {web, db, gone})
        inv.rows.push_back(InventoryRow{r, {}, {}, 0, {}});
    applyRules(inv, {rule(1, 1, {{ConditionKind::NameStartsWith, {}, QStringLiteral("web")}}, QStringLiteral("ann"), QStringLiteral("Web"))},
               {{1, QStringLiteral("Web"), {}, 2}});
    QCOMPARE(inv.rows[0].owner, QStringLiteral("ann"));
    QCOMPARE(inv.rows[0].pool, QStringLiteral("Web"));
    QVERIFY(inv.rows[0].ttl.expired); // 3 h old in a 2 h pool
    QVERIFY(inv.rows[1].owner.isEmpty());
    QVERIFY(!inv.rows[1].ttl.expired);
    QCOMPARE(inv.rows[2].pool, QStringLiteral("Web"));
    QVERIFY(!inv.rows[2].ttl.expired); // inactive
    QCOMPARE(resourceCellText(inv.rows[0], ResourceColumn::Owner), QStringLiteral("ann"));
    QVERIFY(resourceCellText(inv.rows[0], ResourceColumn::Ttl).endsWith(QStringLiteral("(expired)")));
    QCOMPARE(resourceCellText(inv.rows[2], ResourceColumn::State), QStringLiteral("inactive"));

    // Edited rules re-assign the same rows.
    applyRules(inv, {rule(1, 1, {{ConditionKind::NameContains, {}, QStringLiteral("db")}}, QStringLiteral("dba"))}, {});
    QVERIFY(inv.rows[0].owner.isEmpty());
    QVERIFY(!inv.rows[0].ttl.expired);
    QCOMPARE(inv.rows[1].owner, QStringLiteral("dba"));
}

void TestResourceRules::csvCells_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << QStringLiteral("web-1") << QStringLiteral("web-1");
    QTest::newRow("comma") << QStringLiteral("a=1; b,2") << QStringLiteral("\"a=1; b,2\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"x\")") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
    QTest::newRow("plus") << QStringLiteral("+cmd") << QStringLiteral("'+cmd");
    QTest::newRow("at") << QStringLiteral("@SUM") << QStringLiteral("'@SUM");
    QTest::newRow("negative number") << QStringLiteral("-12.50") << QStringLiteral("-12.50");
    QTest::newRow("unicode") << QStringLiteral("caf\u00e9 \u6570\u636e") << QStringLiteral("caf\u00e9 \u6570\u636e");
}

void TestResourceRules::csvCells()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(report::csvCell(in), out);
}

QTEST_GUILESS_MAIN(TestResourceRules)
#include "TestResourceRules.moc"
