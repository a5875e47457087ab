#pragma once

// Reads an account's secret fields as `costscope accounts add` receives them on standard input:
// one JSON object, or key=value lines (blank lines and lines starting with '#' ignored). For GCP
// the service-account key file itself is accepted too. Errors name fields and line numbers, never
// values.

#include "providers/CloudClient.h"

namespace costscope::providers::sync {

bool parseSecretInput(const QString &provider, const QString &text, Secrets *secrets, QString *error);

} // namespace costscope::providers::sync
