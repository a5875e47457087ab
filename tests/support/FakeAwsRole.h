#pragma once

// The AWS fake with a role (docs/sync.md, "AWS role"): its accounts carry a role ARN; the server
// answers STS AssumeRole signed with the long-term keys by issuing temporary keys and a session
// token, and then accepts Cost Explorer, EC2 and CloudWatch calls only when signed with live
// temporary keys and their X-Amz-Security-Token.

#include "support/FakeCloud.h"

namespace costscope::testsupport {

class FakeAwsRole : public FakeCloud
{
public:
    enum class StsAnswer { Grant, AccessDenied, Malformed };

    static QString roleArn() { return QStringLiteral("arn:aws:iam::123456789012:role/costscope/CostscopeRead"); }

    virtual void setStsAnswer(StsAnswer answer) = 0;
    // Seconds from issue to the Expiration of the temporary credentials (default 3600).
    virtual void setTemporaryLifetime(int seconds) = 0;
    virtual int assumeRoleCount() const = 0;
    // Every secret access key and session token the server issued, for leak checks.
    virtual QStringList issuedSecrets() const = 0;
    // The RoleSessionName of the last AssumeRole.
    virtual QString lastSessionName() const = 0;
    // Service calls accepted with temporary credentials.
    virtual int temporaryCalls() const = 0;
};

std::unique_ptr<FakeAwsRole> makeFakeAwsWithRole();

} // namespace costscope::testsupport
