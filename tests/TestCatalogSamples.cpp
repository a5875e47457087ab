// The bundled flavour catalog (resources/catalog/flavors.csv) against the public billing samples
// in tests/data/import (copied from ../shared/data): every sample line that prices an on-demand
// Linux instance of a flavour the catalog lists in the same region must carry the catalog's price,
// within half of the catalog's last published digit (resources/catalog/README.md, "Cross-checks").
// What the samples cannot check is listed in that README; the counts asserted here say how much
// each sample holds, so a changed sample shows up.

#include "model/analysis/recommendations/FlavorCatalog.h"
#include "providers/import/CsvReader.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <map>

using namespace costscope;
using costscope::analysis::Flavor;
using costscope::analysis::FlavorCatalog;

namespace {

// Half of 0.0001 USD: AWS publishes on-demand Linux prices to four decimals (or fewer).
constexpr int64_t kToleranceNanos = 50'000;

struct Table
{
    std::map<QByteArray, int> column;
    QList<QList<QByteArray>> rows;
    QString error;

    QByteArray value(const QList<QByteArray> &row, const char *name) const
    {
        const auto it = column.find(QByteArray(name));
        return it == column.end() || it->second >= row.size() ? QByteArray() : row[it->second];
    }
};

Table readCsv(const QString &path)
{
    Table t;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        t.error = f.errorString();
        return t;
    }
    import::CsvReader reader(&f);
    bool header = true;
    while (reader.readRow()) {
        QList<QByteArray> row;
        for (int i = 0; i < reader.fieldCount(); ++i)
            row << reader.field(i).toByteArray();
        if (header) {
            for (int i = 0; i < row.size(); ++i)
                t.column[row[i]] = i;
            header = false;
        } else {
            t.rows << row;
        }
    }
    if (reader.hasError())
        t.error = reader.error();
    return t;
}

struct Check
{
    QString key;    // "region flavour"
    Money sample;
    Money catalog;
};

} // namespace

class TestCatalogSamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void focusAwsOnDemandRates();
    void curBoxUsageRates();
    void gcpExportComputeRates();
};

// FOCUS 1.0 sample: AWS rows "$0.34 per On Demand Linux c5.2xlarge Instance Hour" carry the
// public on-demand rate in ListUnitPrice (and in the description).
void TestCatalogSamples::focusAwsOnDemandRates()
{
    const Table t = readCsv(QStringLiteral(COSTSCOPE_TEST_DATA "/import/focus/focus_sample_1.0.csv"));
    QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
    QCOMPARE(t.rows.size(), 1000);
    const QRegularExpression re(QStringLiteral(R"(^\$([0-9.]+) per On Demand Linux ([a-z0-9.-]+) Instance Hour$)"));
    const FlavorCatalog &catalog = FlavorCatalog::bundled();
    std::map<QString, Check> checked;
    QStringList notListed;
    int linuxRows = 0;
    for (const QList<QByteArray> &row : t.rows) {
        if (t.value(row, "ProviderName") != "AWS")
            continue;
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(t.value(row, "ChargeDescription")));
        if (!m.hasMatch())
            continue;
        ++linuxRows;
        const std::optional<Money> listed = Money::parse(t.value(row, "ListUnitPrice"));
        const std::optional<Money> described = Money::parse(m.captured(1));
        QVERIFY(listed && described);
        QCOMPARE(listed->nanos(), described->nanos()); // the sample agrees with itself
        const QString region = QString::fromUtf8(t.value(row, "RegionId"));
        const QString flavor = m.captured(2);
        bool regionMatched = false;
        const Flavor *f = catalog.find(QStringLiteral("AWS"), region, flavor, &regionMatched);
        if (!f || !regionMatched) {
            notListed << region + u' ' + flavor;
            continue;
        }
        checked[region + u' ' + flavor] = {region + u' ' + flavor, *listed, f->hourly};
    }
    QCOMPARE(linuxRows, 26);
    for (const auto &[key, c] : checked)
        QVERIFY2(std::abs(c.sample.nanos() - c.catalog.nanos()) <= kToleranceNanos,
                 qPrintable(QStringLiteral("%1: sample %2, catalog %3").arg(key, c.sample.toString(), c.catalog.toString())));
    QStringList keys;
    for (const auto &[key, c] : checked)
        keys << key;
    QCOMPARE(keys, (QStringList{QStringLiteral("us-east-1 c5.2xlarge"), QStringLiteral("us-east-1 c5.4xlarge"),
                                QStringLiteral("us-east-1 c5.large"), QStringLiteral("us-east-1 g5.4xlarge")}));
    notListed.removeDuplicates();
    notListed.sort();
    // Flavours or regions the catalog does not list (resources/catalog/README.md names them).
    QCOMPARE(notListed, (QStringList{QStringLiteral("ap-south-1 m5.2xlarge"), QStringLiteral("ap-south-1 t3.micro"),
                                     QStringLiteral("eu-west-2 m5.2xlarge"), QStringLiteral("eu-west-2 m5.large"),
                                     QStringLiteral("us-east-1 g3.4xlarge"), QStringLiteral("us-east-1 m4.10xlarge"),
                                     QStringLiteral("us-east-2 t2.micro"), QStringLiteral("us-east-2 t3.medium"),
                                     QStringLiteral("us-west-2 c5.xlarge"), QStringLiteral("us-west-2 m7i-flex.xlarge"),
                                     QStringLiteral("us-west-2 t2.medium")}));
}

// Legacy CUR sample: BoxUsage line items would give pricing/publicOnDemandRate per instance
// type; this anonymised sample holds S3, KMS, transfer and other items but no BoxUsage.
void TestCatalogSamples::curBoxUsageRates()
{
    const Table t = readCsv(QStringLiteral(COSTSCOPE_TEST_DATA "/import/aws/cur_legacy_sample.csv"));
    QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
    QCOMPARE(t.rows.size(), 1281);
    const FlavorCatalog &catalog = FlavorCatalog::bundled();
    int boxUsage = 0, compared = 0;
    for (const QList<QByteArray> &row : t.rows) {
        const QByteArray usageType = t.value(row, "lineItem/UsageType");
        const qsizetype at = usageType.indexOf("BoxUsage:");
        if (at < 0)
            continue;
        ++boxUsage;
        const QString flavor = QString::fromUtf8(usageType.mid(at + 9));
        const QString region = QString::fromUtf8(t.value(row, "product/regionCode"));
        bool regionMatched = false;
        const Flavor *f = catalog.find(QStringLiteral("AWS"), region, flavor, &regionMatched);
        const std::optional<Money> rate = Money::parse(t.value(row, "pricing/publicOnDemandRate"));
        if (!f || !regionMatched || !rate || t.value(row, "product/operatingSystem") != "Linux")
            continue;
        ++compared;
        QVERIFY2(std::abs(rate->nanos() - f->hourly.nanos()) <= kToleranceNanos,
                 qPrintable(QStringLiteral("%1 %2: CUR %3, catalog %4").arg(region, flavor, rate->toString(), f->hourly.toString())));
    }
    QCOMPARE(boxUsage, 0);
    QCOMPARE(compared, 0);
}

// GCP billing export sample: Compute Engine "Instance Core/Ram running in" SKUs would give core
// and RAM rates; this sample holds only network egress SKUs.
void TestCatalogSamples::gcpExportComputeRates()
{
    const Table t = readCsv(QStringLiteral(COSTSCOPE_TEST_DATA "/import/gcp/gcp_billing_export_sample.csv"));
    QVERIFY2(t.error.isEmpty(), qPrintable(t.error));
    QVERIFY(!t.rows.isEmpty());
    int computeSkus = 0;
    for (const QList<QByteArray> &row : t.rows) {
        const QByteArray d = t.value(row, "sku.description");
        if (d.contains(" Core running in ") || d.contains(" Ram running in "))
            ++computeSkus;
        QVERIFY(t.value(row, "service.description") == "Compute Engine");
    }
    QCOMPARE(computeSkus, 0);
}

QTEST_GUILESS_MAIN(TestCatalogSamples)
#include "TestCatalogSamples.moc"
