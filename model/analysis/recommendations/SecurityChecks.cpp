#include "model/analysis/recommendations/SecurityChecks.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace costscope::analysis {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(costscope::analysis::SecurityChecks)
};

const QString kAws = QStringLiteral("AWS");

RecommendationItem riskItem(const QString &module, const store::ResourceInfo &r)
{
    RecommendationItem item;
    item.module = module;
    item.resource = r;
    item.computation = Text::tr("No saving: this is a security risk, not a cost.");
    return item;
}

// "No <what> data for account(s) A, B": the AWS accounts of the inventory in which no current
// resource carries the data the rule reads (facts of gone resources are no longer known).
QStringList missingData(const RecommendationInput &in, const QString &what,
                        const std::function<bool(const store::ResourceInfo &)> &hasData)
{
    std::set<QString> accounts, withData;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.provider != kAws)
            continue;
        accounts.insert(r.accountId);
        if (hasData(r) && !isGone(r))
            withData.insert(r.accountId);
    }
    QStringList without;
    for (const QString &a : accounts)
        if (!withData.count(a))
            without << a;
    QStringList notes;
    if (accounts.empty())
        notes << Text::tr("No AWS account in the inventory: there is no %1 data to check.").arg(what);
    else if (!without.isEmpty())
        notes << Text::tr("No %1 data for %n AWS account(s): %2. Nothing can be said about them.", nullptr,
                          static_cast<int>(without.size()))
                     .arg(what, without.join(QStringLiteral(", ")));
    return notes;
}

bool isPublic(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == u"public" || v == u"true" || v == u"yes" || v == u"public-read" || v == u"public-read-write";
}

// "2026-08-01" or "2026-08-01T10:00:00Z" as UTC seconds; false when it is neither.
bool parseWhen(const QString &text, int64_t *out)
{
    const QString t = text.trimmed();
    QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (!d.isValid())
            return false;
        dt = QDateTime(d, QTime(0, 0), QTimeZone::utc());
    }
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeZone(QTimeZone::utc());
    *out = dt.toSecsSinceEpoch();
    return true;
}
} // namespace

bool openToWorld(const QString &ingress, int port, QString *rule)
{
    const QStringList rules = ingress.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &raw : rules) {
        const QString r = raw.trimmed();
        // proto:ports:cidr; the cidr may itself hold colons (::/0), so split at the first two.
        const int a = r.indexOf(QLatin1Char(':'));
        const int b = a < 0 ? -1 : r.indexOf(QLatin1Char(':'), a + 1);
        if (a < 0 || b < 0)
            continue;
        const QString proto = r.left(a).trimmed().toLower();
        const QString ports = r.mid(a + 1, b - a - 1).trimmed().toLower();
        const QString cidr = r.mid(b + 1).trimmed();
        if (proto != u"tcp" && proto != u"all" && proto != u"-1")
            continue;
        if (cidr != u"0.0.0.0/0" && cidr != u"::/0")
            continue;
        bool covers = ports == u"all" || ports == u"*";
        if (!covers) {
            const int dash = ports.indexOf(QLatin1Char('-'));
            bool ok1 = false, ok2 = false;
            const int lo = (dash < 0 ? ports : ports.left(dash)).toInt(&ok1);
            const int hi = dash < 0 ? lo : ports.mid(dash + 1).toInt(&ok2);
            covers = ok1 && (dash < 0 || ok2) && lo <= port && port <= hi;
        }
        if (covers) {
            if (rule)
                *rule = r;
            return true;
        }
    }
    return false;
}

// ---- public buckets -------------------------------------------------------------------------

QString PublicBuckets::title() const { return Text::tr("Public S3 buckets"); }

QString PublicBuckets::description() const
{
    return Text::tr("S3 buckets that anyone on the internet can read (or write).");
}

std::vector<OptionSpec> PublicBuckets::ownOptions() const { return {}; }

std::vector<RecommendationItem> PublicBuckets::run(const RecommendationInput &in, const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"bucket" || r.provider != kAws || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const QString access = RecommendationInput::tag(r, kTagPublicAccess);
        if (!isPublic(access))
            continue;
        RecommendationItem item = riskItem(id(), r);
        item.finding = Text::tr("Public access: %1 (bucket policy or ACL grants everyone access).").arg(access);
        item.action = Text::tr("Turn on S3 Block Public Access for the bucket unless it serves a public website.");
        out.push_back(std::move(item));
    }
    return out;
}

QStringList PublicBuckets::notes(const RecommendationInput &in, const ModuleOptions &) const
{
    return missingData(in, Text::tr("bucket access"), [](const store::ResourceInfo &r) {
        return r.type == u"bucket" && !RecommendationInput::tag(r, kTagPublicAccess).isEmpty();
    });
}

// ---- security groups ------------------------------------------------------------------------

QString InsecureSecurityGroups::title() const { return Text::tr("Insecure security groups"); }

QString InsecureSecurityGroups::description() const
{
    return Text::tr("Security groups that open SSH or RDP (or other listed ports) to the whole internet.");
}

std::vector<OptionSpec> InsecureSecurityGroups::ownOptions() const
{
    return {
        {QStringLiteral("ports"), Text::tr("Ports that must not be open to the world"), OptionSpec::Kind::List,
         QStringLiteral("22,3389"), Text::tr("comma-separated")},
    };
}

std::vector<RecommendationItem> InsecureSecurityGroups::run(const RecommendationInput &in,
                                                            const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    std::vector<int> ports;
    for (const QString &p : options.list(QStringLiteral("ports"))) {
        bool ok = false;
        const int n = p.toInt(&ok);
        if (ok && n >= 0 && n <= 65535)
            ports.push_back(n);
    }
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"security_group" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const QString ingress = RecommendationInput::tag(r, kTagIngress);
        QStringList open, rules;
        for (int port : ports) {
            QString rule;
            if (openToWorld(ingress, port, &rule)) {
                open << QString::number(port);
                if (!rules.contains(rule))
                    rules << rule;
            }
        }
        if (open.isEmpty())
            continue;
        RecommendationItem item = riskItem(id(), r);
        item.finding = Text::tr("Port(s) %1 open to the world by the inbound rule(s) %2.")
                           .arg(open.join(QStringLiteral(", ")), rules.join(QStringLiteral("; ")));
        item.action = Text::tr("Restrict the source of those rules to your own address ranges or use a bastion / "
                               "Session Manager.");
        out.push_back(std::move(item));
    }
    return out;
}

QStringList InsecureSecurityGroups::notes(const RecommendationInput &in, const ModuleOptions &) const
{
    return missingData(in, Text::tr("security group"),
                       [](const store::ResourceInfo &r) { return r.type == u"security_group"; });
}

// ---- IAM users ------------------------------------------------------------------------------

QString InactiveIamUsers::title() const { return Text::tr("Inactive IAM users"); }

QString InactiveIamUsers::description() const
{
    return Text::tr("IAM users who have not signed in or used an access key for months.");
}

std::vector<OptionSpec> InactiveIamUsers::ownOptions() const
{
    return {
        {QStringLiteral("days"), Text::tr("Inactive for at least"), OptionSpec::Kind::Number, QStringLiteral("90"),
         Text::tr("days")},
    };
}

std::vector<RecommendationItem> InactiveIamUsers::run(const RecommendationInput &in,
                                                      const ModuleOptions &options) const
{
    std::vector<RecommendationItem> out;
    const int days = std::max(1, static_cast<int>(options.number(QStringLiteral("days"))));
    const int64_t before = in.now - static_cast<int64_t>(days) * 86400;
    for (const store::ResourceInfo &r : in.resources) {
        if (r.type != u"iam_user" || isGone(r) || RecommendationInput::excluded(r, options))
            continue;
        const QString last = RecommendationInput::tag(r, kTagLastActivity);
        int64_t when = 0;
        const bool known = parseWhen(last, &when);
        const int64_t since = known ? when : r.createdAt;
        if (since > before || since <= 0)
            continue;
        const int64_t idleDays = (in.now - since) / 86400;
        RecommendationItem item = riskItem(id(), r);
        item.finding = known ? Text::tr("Last activity %1, %2 days ago.")
                                   .arg(QDateTime::fromSecsSinceEpoch(when, QTimeZone::utc()).date().toString(Qt::ISODate))
                                   .arg(idleDays)
                             : Text::tr("Never active; created %1 days ago.").arg(idleDays);
        item.action = Text::tr("Deactivate the user's access keys and console password, then delete the user.");
        out.push_back(std::move(item));
    }
    return out;
}

QStringList InactiveIamUsers::notes(const RecommendationInput &in, const ModuleOptions &) const
{
    return missingData(in, Text::tr("IAM user"), [](const store::ResourceInfo &r) { return r.type == u"iam_user"; });
}

} // namespace costscope::analysis
