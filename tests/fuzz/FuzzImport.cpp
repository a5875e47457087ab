// libFuzzer targets for the billing-file import: the CSV reader alone (FUZZ_TARGET_CSV), or one
// format's mapper fed rows under that format's header (FUZZ_HEADER), or format detection on
// whole files (FUZZ_TARGET_DETECT). Built only with -DCOSTSCOPE_FUZZ=ON and clang.

#include "providers/import/CsvReader.h"
#include "providers/import/FormatReader.h"

#include <QBuffer>
#include <QByteArray>
#include <QStringList>

#include <cstddef>
#include <cstdint>

using namespace costscope::import;

namespace {

#ifndef FUZZ_TARGET_CSV
void mapAll(CsvReader &csv, FormatReader &reader)
{
    std::vector<MappedRow> out;
    while (csv.readRow()) {
        out.clear();
        MapError error;
        if (!reader.map(csv, &out, &error))
            return;
    }
}
#endif

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes;
#ifdef FUZZ_HEADER
    bytes = QByteArray(FUZZ_HEADER) + '\n';
#endif
    bytes.append(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader csv(&buffer, 4096, 256); // small caps so the fuzzer reaches them
#ifdef FUZZ_TARGET_CSV
    while (csv.readRow()) {
        for (int i = 0; i < csv.fieldCount(); ++i)
            (void)csv.field(i).size();
    }
#else
    if (!csv.readRow())
        return 0;
    QStringList header;
    for (int i = 0; i < csv.fieldCount(); ++i)
        header << QString::fromUtf8(csv.field(i)).trimmed();
    QString error;
    auto reader = detectFormat(header, &error);
    if (!reader)
        return 0;
    QStringList warnings;
    if (!reader->bind(header, &warnings, &error))
        return 0;
    mapAll(csv, *reader);
#endif
    return 0;
}
