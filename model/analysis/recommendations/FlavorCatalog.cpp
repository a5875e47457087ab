#include "model/analysis/recommendations/FlavorCatalog.h"

#include <QFile>
#include <QList>
#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcRecommendations)

namespace costscope::analysis {

namespace {
QByteArray readResource(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        qCWarning(lcRecommendations) << "the bundled catalog file is missing:" << path;
        return {};
    }
    return f.readAll();
}

// Non-empty, non-comment lines split at commas.
QList<QList<QByteArray>> csvRows(const QByteArray &csv)
{
    QList<QList<QByteArray>> out;
    const QList<QByteArray> lines = csv.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QList<QByteArray> fields = line.split(',');
        for (QByteArray &f : fields)
            f = f.trimmed();
        out.push_back(fields);
    }
    return out;
}
} // namespace

const FlavorCatalog &FlavorCatalog::bundled()
{
    static const FlavorCatalog catalog = [] {
        int bad = 0;
        FlavorCatalog c = fromCsv(readResource(QStringLiteral(":/catalog/flavors.csv")), &bad);
        int badCommitments = 0, badGenerations = 0;
        c.addCommitmentsCsv(readResource(QStringLiteral(":/catalog/commitments.csv")), &badCommitments);
        c.addGenerationsCsv(readResource(QStringLiteral(":/catalog/generations.csv")), &badGenerations);
        if (bad + badCommitments + badGenerations > 0)
            qCWarning(lcRecommendations) << bad + badCommitments + badGenerations
                                         << "rows of the bundled catalog do not parse";
        return c;
    }();
    return catalog;
}

QString FlavorCatalog::workspaceFile(const QString &workspacePath)
{
    return workspacePath + QStringLiteral(".flavors.csv");
}

FlavorCatalog FlavorCatalog::forWorkspace(const QString &workspacePath, QString *source)
{
    FlavorCatalog c = bundled();
    if (source)
        *source = QStringLiteral("bundled");
    QFile f(workspaceFile(workspacePath));
    if (workspacePath.isEmpty() || !f.exists() || !f.open(QIODevice::ReadOnly))
        return c;
    int bad = 0;
    FlavorCatalog refreshed = fromCsv(f.readAll(), &bad);
    if (bad > 0 || refreshed.m_flavors.empty()) {
        qCWarning(lcRecommendations) << "ignoring the refreshed catalog" << f.fileName() << ":" << bad
                                     << "rows do not parse";
        return c;
    }
    c.m_flavors = std::move(refreshed.m_flavors);
    if (source)
        *source = f.fileName();
    return c;
}

QByteArray FlavorCatalog::toCsv(const QString &comment) const
{
    QByteArray out;
    for (const QString &line : comment.split(QLatin1Char('\n')))
        out += "# " + line.toUtf8() + '\n';
    out += "# provider,region,flavor,family,vcpus,memory_gib,hourly_usd\n";
    for (const Flavor &f : m_flavors)
        out += f.provider.toUtf8() + ',' + f.region.toUtf8() + ',' + f.name.toUtf8() + ',' + f.family.toUtf8() + ','
               + QByteArray::number(f.vcpus) + ',' + QByteArray::number(f.memoryGiB) + ','
               + f.hourly.toString().toUtf8() + '\n';
    return out;
}

int FlavorCatalog::applyPrices(const QString &provider,
                               const std::vector<std::tuple<QString, QString, Money>> &regionFlavorPrice)
{
    int changed = 0;
    for (const auto &[region, name, price] : regionFlavorPrice) {
        if (price.nanos() <= 0)
            continue;
        Flavor *same = nullptr;
        const Flavor *other = nullptr;
        for (Flavor &f : m_flavors) {
            if (f.provider != provider || f.name != name)
                continue;
            if (f.region == region)
                same = &f;
            else
                other = &f;
        }
        if (same) {
            if (same->hourly != price) {
                same->hourly = price;
                ++changed;
            }
        } else if (other) {
            Flavor f = *other;
            f.region = region;
            f.hourly = price;
            m_flavors.push_back(std::move(f));
            ++changed;
        }
    }
    return changed;
}

void FlavorCatalog::addCommitmentsCsv(const QByteArray &csv, int *badRows)
{
    int bad = 0;
    for (const QList<QByteArray> &f : csvRows(csv)) {
        bool okNo = false, okAll = false;
        CommitmentRate r;
        if (f.size() == 4) {
            r.provider = QString::fromUtf8(f[0]);
            r.family = QString::fromUtf8(f[1]);
            r.noUpfrontPercent = f[2].toDouble(&okNo);
            r.allUpfrontPercent = f[3].toDouble(&okAll);
        }
        if (!okNo || !okAll || r.provider.isEmpty() || r.family.isEmpty() || r.noUpfrontPercent < 0
            || r.noUpfrontPercent >= 100 || r.allUpfrontPercent < 0 || r.allUpfrontPercent >= 100) {
            ++bad;
            continue;
        }
        m_commitments.push_back(std::move(r));
    }
    if (badRows)
        *badRows = bad;
}

void FlavorCatalog::addGenerationsCsv(const QByteArray &csv, int *badRows)
{
    int bad = 0;
    for (const QList<QByteArray> &f : csvRows(csv)) {
        if (f.size() != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty() || f[1] == f[2]) {
            ++bad;
            continue;
        }
        m_generations.emplace_back(QString::fromUtf8(f[0]) + QLatin1Char('\x1f') + QString::fromUtf8(f[1]),
                                   QString::fromUtf8(f[2]));
    }
    if (badRows)
        *badRows = bad;
}

const CommitmentRate *FlavorCatalog::commitment(const QString &provider, const QString &family) const
{
    for (const CommitmentRate &r : m_commitments)
        if (r.provider == provider && r.family == family)
            return &r;
    return nullptr;
}

QString FlavorCatalog::newerFamily(const QString &provider, const QString &family) const
{
    const QString key = provider + QLatin1Char('\x1f') + family;
    for (const auto &g : m_generations)
        if (g.first == key)
            return g.second;
    return {};
}

std::vector<const Flavor *> FlavorCatalog::regionsOf(const QString &provider, const QString &name) const
{
    std::vector<const Flavor *> out;
    for (const Flavor &f : m_flavors)
        if (f.provider == provider && f.name == name)
            out.push_back(&f);
    return out;
}

FlavorCatalog FlavorCatalog::fromCsv(const QByteArray &csv, int *badRows)
{
    FlavorCatalog c;
    int bad = 0;
    const QList<QByteArray> lines = csv.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> f = line.split(',');
        bool okCpu = false, okMem = false;
        Flavor fl;
        if (f.size() == 7) {
            fl.provider = QString::fromUtf8(f[0]);
            fl.region = QString::fromUtf8(f[1]);
            fl.name = QString::fromUtf8(f[2]);
            fl.family = QString::fromUtf8(f[3]);
            fl.vcpus = f[4].toInt(&okCpu);
            fl.memoryGiB = f[5].toDouble(&okMem);
            const auto price = Money::parse(QByteArrayView(f[6]));
            if (okCpu && okMem && price && fl.vcpus > 0 && !fl.name.isEmpty()) {
                fl.hourly = *price;
                c.m_flavors.push_back(std::move(fl));
                continue;
            }
        }
        ++bad;
    }
    if (badRows)
        *badRows = bad;
    return c;
}

const Flavor *FlavorCatalog::find(const QString &provider, const QString &region, const QString &name,
                                  bool *regionMatched) const
{
    const Flavor *fallback = nullptr;
    for (const Flavor &f : m_flavors) {
        if (f.provider != provider || f.name != name)
            continue;
        if (f.region == region) {
            if (regionMatched)
                *regionMatched = true;
            return &f;
        }
        if (!fallback)
            fallback = &f;
    }
    if (regionMatched)
        *regionMatched = false;
    return fallback;
}

std::vector<const Flavor *> FlavorCatalog::family(const Flavor &of) const
{
    std::vector<const Flavor *> out;
    for (const Flavor &f : m_flavors)
        if (f.provider == of.provider && f.region == of.region && f.family == of.family)
            out.push_back(&f);
    std::stable_sort(out.begin(), out.end(), [](const Flavor *a, const Flavor *b) { return a->hourly < b->hourly; });
    return out;
}

std::optional<Money> FlavorCatalog::hourlyPrice(const QString &provider, const QString &region,
                                                const QString &name) const
{
    if (!provider.isEmpty())
        if (const Flavor *f = find(provider, region, name))
            return f->hourly;
    for (const Flavor &f : m_flavors)
        if (f.name == name)
            return f.hourly;
    return std::nullopt;
}

} // namespace costscope::analysis
