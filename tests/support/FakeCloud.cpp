// The registry of fake clouds the provider contract suite runs against: one line per provider.

#include "support/FakeCloud.h"

namespace costscope::testsupport {

namespace {

struct Entry
{
    const char *key;
    std::unique_ptr<FakeCloud> (*make)();
};

const Entry kFakes[] = {
    {"aws", &makeFakeAws},
    {"azure", &makeFakeAzure},
    {"gcp", &makeFakeGcp},
    {"alibaba", &makeFakeAlibaba},
    {"kubernetes", &makeFakeOpenCost},
    {"kubernetes-prometheus", &makeFakePrometheus},
    {"snowflake", &makeFakeSnowflake},
    {"databricks", &makeFakeDatabricks},
};

} // namespace

QStringList fakeCloudKeys()
{
    QStringList keys;
    for (const Entry &e : kFakes)
        keys << QString::fromLatin1(e.key);
    return keys;
}

std::unique_ptr<FakeCloud> makeFakeCloud(const QString &key)
{
    for (const Entry &e : kFakes) {
        if (key == QLatin1String(e.key))
            return e.make();
    }
    return nullptr;
}

} // namespace costscope::testsupport
