#include "model/analysis/recommendations/FlavorCatalog.h"

#include <QFile>
#include <QList>
#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcRecommendations)

namespace costscope::analysis {

const FlavorCatalog &FlavorCatalog::bundled()
{
    static const FlavorCatalog catalog = [] {
        QFile f(QStringLiteral(":/catalog/flavors.csv"));
        if (!f.open(QIODevice::ReadOnly)) {
            qCWarning(lcRecommendations) << "the bundled flavour catalog is missing";
            return FlavorCatalog();
        }
        int bad = 0;
        FlavorCatalog c = fromCsv(f.readAll(), &bad);
        if (bad > 0)
            qCWarning(lcRecommendations) << bad << "rows of the bundled flavour catalog do not parse";
        return c;
    }();
    return catalog;
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

} // namespace costscope::analysis
