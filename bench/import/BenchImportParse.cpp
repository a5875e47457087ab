// Reads and maps a billing file without writing it: the importer's own share of an import
// (CSV reader + format mapper), to tell it apart from the store's. Prints rows, billed total
// and seconds. Usage: costscope_bench_import_parse FILE
// With --store WORKSPACE it runs the whole import (FileImporter and CostWriter) into that
// workspace instead, without the application's other libraries: for callgrind and perf.
// --saas-part-cells N after it sets FileImporter's S3/Redshift part bound (to check that a small
// bound gives the same workspace digest: bench/import/workspace-digest.sh).
#include "model/Money.h"
#include "model/store/CostStore.h"
#include "model/store/CostWriter.h"
#include "providers/import/CsvReader.h"
#include "providers/import/FileImporter.h"
#include "providers/import/FormatReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>

#include <cstdio>

using namespace costscope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool partCells = argc == 6 && qstrcmp(argv[4], "--saas-part-cells") == 0;
    if (argc < 2 || (argc > 2 && ((argc != 4 && !partCells) || qstrcmp(argv[2], "--store") != 0))) {
        std::fprintf(stderr, "usage: %s FILE [--store WORKSPACE [--saas-part-cells N]]\n", argv[0]);
        return 2;
    }
    if (argc >= 4) {
        store::CostStore store;
        QString error;
        if (!store.open(QString::fromLocal8Bit(argv[3]), &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        store::CostWriter writer(store);
        import::FileImporter importer(writer);
        if (partCells)
            importer.setSaasPartCells(QByteArray(argv[5]).toULongLong());
        QElapsedTimer timer;
        timer.start();
        const ImportFileReport report = importer.importFile(QString::fromLocal8Bit(argv[1]));
        if (!report.ok) {
            std::fprintf(stderr, "%s\n", qPrintable(report.error));
            return 1;
        }
        std::printf("%s: %lld rows written, %.2f s\n", qPrintable(report.format), static_cast<long long>(report.rows),
                    static_cast<double>(timer.elapsed()) / 1000.0);
        return 0;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly))
        return 1;
    QElapsedTimer timer;
    timer.start();
    import::CsvReader csv(&file);
    if (!csv.readRow())
        return 1;
    QStringList header;
    for (int i = 0; i < csv.fieldCount(); ++i)
        header << QString::fromUtf8(csv.field(i)).trimmed();
    QString error;
    auto reader = import::detectFormat(header, &error);
    QStringList warnings;
    if (!reader || !reader->bind(header, &warnings, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::vector<import::MappedRow> out;
    MoneySum billed;
    int64_t rows = 0;
    while (csv.readRow()) {
        out.clear();
        import::MapError merr;
        if (!reader->map(csv, &out, &merr)) {
            std::fprintf(stderr, "line %lld: %s\n", static_cast<long long>(csv.rowLine()), qPrintable(merr.message));
            return 1;
        }
        for (const auto &m : out) {
            billed.add(m.row.billedCost);
            ++rows;
        }
    }
    if (csv.hasError()) {
        std::fprintf(stderr, "%s\n", qPrintable(csv.error()));
        return 1;
    }
    std::printf("%s: %lld rows, billed %s, %.2f s\n", qPrintable(reader->formatName()), static_cast<long long>(rows),
                qPrintable(billed.total().toString(2)), static_cast<double>(timer.elapsed()) / 1000.0);
    return 0;
}
