#pragma once

// One wording for a failed request of the Kubernetes clients (OpenCost's allocation API and the
// Prometheus HTTP API): both send the account's optional bearer token, both answer errors as JSON
// with "message"/"error" (Prometheus adds "errorType"), and both sit behind proxies that may say
// "expired" in WWW-Authenticate. The caller scrubs the result of its token.

#include "providers/net/HttpClient.h"

#include <QString>

namespace costscope::providers::kubernetes {

struct BearerApi
{
    QString forbidden;          // the cause of a 403 that is not an expired token
    QString notFound;           // the cause of a 404 (%1 = the account name)
    bool errorFirst = false;    // read "error" before "message" (Prometheus), else the reverse
    bool readsErrorType = false; // Prometheus' errorType names the refusal when no other cause does
    QString errorTypeCause;     // its wording (%1 = errorType)
};

// "<what>: <cause>: <server message> (<HTTP status or transport error>)", any part left out when
// empty; "<what>: cancelled" for a cancelled request.
QString describeBearerFailure(const QString &what, const net::HttpResult &result, const QString &accountName,
                              bool hasToken, const BearerApi &api);

} // namespace costscope::providers::kubernetes
