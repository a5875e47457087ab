#include "model/Domain.h"

namespace costscope {

QString chargeCategoryName(ChargeCategory c)
{
    switch (c) {
    case ChargeCategory::Usage: return QStringLiteral("Usage");
    case ChargeCategory::Purchase: return QStringLiteral("Purchase");
    case ChargeCategory::Tax: return QStringLiteral("Tax");
    case ChargeCategory::Credit: return QStringLiteral("Credit");
    case ChargeCategory::Adjustment: return QStringLiteral("Adjustment");
    }
    return QStringLiteral("Usage");
}

bool chargeCategoryFromName(QStringView name, ChargeCategory *out)
{
    static const struct { const char16_t *n; ChargeCategory c; } table[] = {
        {u"Usage", ChargeCategory::Usage},   {u"Purchase", ChargeCategory::Purchase},
        {u"Tax", ChargeCategory::Tax},       {u"Credit", ChargeCategory::Credit},
        {u"Adjustment", ChargeCategory::Adjustment},
    };
    for (const auto &e : table) {
        if (name.compare(QStringView(e.n), Qt::CaseInsensitive) == 0) {
            *out = e.c;
            return true;
        }
    }
    return false;
}

QString canonicalProvider(const QString &name)
{
    const QString n = name.trimmed();
    const QString lower = n.toLower();
    if (lower == u"aws" || lower == u"amazon web services" || lower == u"amazon")
        return QStringLiteral("AWS");
    if (lower == u"microsoft" || lower == u"azure" || lower == u"microsoft azure")
        return QStringLiteral("Azure");
    if (lower == u"google cloud" || lower == u"gcp" || lower == u"google" || lower == u"google cloud platform")
        return QStringLiteral("GCP");
    if (lower == u"alibaba cloud" || lower == u"alibaba" || lower == u"aliyun")
        return QStringLiteral("Alibaba Cloud");
    if (lower == u"kubernetes" || lower == u"k8s" || lower == u"opencost")
        return QStringLiteral("Kubernetes");
    if (lower == u"oracle" || lower == u"oci" || lower == u"oracle cloud infrastructure" || lower == u"oracle cloud")
        return QStringLiteral("OCI");
    return n;
}

int32_t dayNumber(const QDate &date)
{
    static const qint64 epoch = QDate(1970, 1, 1).toJulianDay();
    return static_cast<int32_t>(date.toJulianDay() - epoch);
}

QDate dateFromDayNumber(int32_t day)
{
    static const qint64 epoch = QDate(1970, 1, 1).toJulianDay();
    return QDate::fromJulianDay(epoch + day);
}

} // namespace costscope
