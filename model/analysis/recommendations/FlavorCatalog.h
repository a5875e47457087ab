#pragma once

#include "model/Money.h"

#include <QString>

#include <vector>

namespace costscope::analysis {

struct Flavor
{
    QString provider;
    QString region;
    QString name;
    QString family;
    int vcpus = 0;
    double memoryGiB = 0;
    Money hourly; // on-demand list price per hour, USD
};

// The bundled price and flavour catalog (resources/catalog/flavors.csv).
class FlavorCatalog
{
public:
    // The catalog compiled into the application; loaded once, read-only afterwards.
    static const FlavorCatalog &bundled();
    // Parses the CSV format of flavors.csv; rows that do not parse are skipped (and counted).
    static FlavorCatalog fromCsv(const QByteArray &csv, int *badRows = nullptr);

    // The flavour in that region, else the same flavour in any region of the provider;
    // nullptr when unknown. regionMatched tells which one it was.
    const Flavor *find(const QString &provider, const QString &region, const QString &name,
                       bool *regionMatched = nullptr) const;
    // Flavours of the same provider and family, in the region of `of` (cheapest first).
    std::vector<const Flavor *> family(const Flavor &of) const;
    const std::vector<Flavor> &flavors() const { return m_flavors; }

private:
    std::vector<Flavor> m_flavors;
};

} // namespace costscope::analysis
