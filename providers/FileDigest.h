#pragma once

#include <QString>

namespace costscope::providers {

// Hex SHA-256 of a file's bytes, read in chunks; empty with error set on failure.
QString fileSha256(const QString &path, QString *error = nullptr);

} // namespace costscope::providers
