#pragma once

#include <QString>

#include <atomic>

namespace costscope::providers {

// Hex SHA-256 of a file's bytes, read in chunks; empty with error set on failure. With stop, gives
// up (empty, error "stopped") when it becomes true, checked at every MiB.
QString fileSha256(const QString &path, QString *error = nullptr, const std::atomic<bool> *stop = nullptr);

} // namespace costscope::providers
