#pragma once

#include "model/Money.h"

#include <QString>

#include <optional>
#include <tuple>
#include <vector>

namespace costscope::analysis {

// The currency of every catalog price, bundled or refreshed (the clouds' public price lists).
inline const QString kCatalogCurrency = QStringLiteral("USD");

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

// 1-year commitment discounts of a family, in percent off the on-demand price.
struct CommitmentRate
{
    QString provider;
    QString family;
    double noUpfrontPercent = 0;
    double allUpfrontPercent = 0;
};

// The bundled price and flavour catalog (resources/catalog/flavors.csv, commitments.csv,
// generations.csv).
class FlavorCatalog
{
public:
    // The catalog compiled into the application; loaded once, read-only afterwards.
    static const FlavorCatalog &bundled();
    // Parses the CSV format of flavors.csv; rows that do not parse are skipped (and counted).
    static FlavorCatalog fromCsv(const QByteArray &csv, int *badRows = nullptr);
    // The catalog a workspace uses: <workspace>.flavors.csv (written by `costscope catalog
    // refresh`) when it exists and parses without a bad row, else the bundled one; commitment
    // rates and generations always come from the bundled catalog.
    static FlavorCatalog forWorkspace(const QString &workspacePath, QString *source = nullptr);
    static QString workspaceFile(const QString &workspacePath);
    // The flavours as flavors.csv text (header comment included).
    QByteArray toCsv(const QString &comment) const;
    // Replaces the hourly price of each listed (provider, region, flavour) that the catalog has
    // and adds the flavour in a region it lacks (same family, vCPUs and memory as in its other
    // region). Returns how many prices changed or were added.
    int applyPrices(const QString &provider, const std::vector<std::tuple<QString, QString, Money>> &regionFlavorPrice);
    // Adds commitments.csv rows (provider,family,no_upfront_percent,all_upfront_percent);
    // rows that do not parse or lie outside 0-100 are skipped and counted.
    void addCommitmentsCsv(const QByteArray &csv, int *badRows = nullptr);
    // Adds generations.csv rows (provider,family,newer_family).
    void addGenerationsCsv(const QByteArray &csv, int *badRows = nullptr);

    // The flavour in that region, else the same flavour in any region of the provider;
    // nullptr when unknown. regionMatched tells which one it was.
    const Flavor *find(const QString &provider, const QString &region, const QString &name,
                       bool *regionMatched = nullptr) const;
    // The hourly on-demand price of a flavour for pricing ML runs and sweeps: find() when the
    // provider is known, else the first flavour of that name in the catalog; nullopt when unknown.
    std::optional<Money> hourlyPrice(const QString &provider, const QString &region, const QString &name) const;
    // Flavours of the same provider and family, in the region of `of` (cheapest first).
    std::vector<const Flavor *> family(const Flavor &of) const;
    const std::vector<Flavor> &flavors() const { return m_flavors; }
    // Every flavour with that provider and name, one per region listed.
    std::vector<const Flavor *> regionsOf(const QString &provider, const QString &name) const;

    // The 1-year commitment rates of a family; nullptr when the catalog has none.
    const CommitmentRate *commitment(const QString &provider, const QString &family) const;
    // The family that replaces `family` (empty when none is listed).
    QString newerFamily(const QString &provider, const QString &family) const;

private:
    std::vector<Flavor> m_flavors;
    std::vector<CommitmentRate> m_commitments;
    std::vector<std::pair<QString, QString>> m_generations; // "provider\x1ffamily" -> newer family
};

} // namespace costscope::analysis
