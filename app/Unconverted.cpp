#include "app/Unconverted.h"

#include "model/Money.h"

#include <QJsonObject>
#include <QStringList>

namespace costscope::app {

namespace {

QStringList monthTexts(const QList<QDate> &months)
{
    QStringList out;
    for (const QDate &m : months)
        out << m.toString(QStringLiteral("yyyy-MM"));
    return out;
}

} // namespace

QJsonArray unconvertedJson(const std::vector<store::UnconvertedAmount> &list)
{
    QJsonArray out;
    for (const store::UnconvertedAmount &u : list)
        out.append(QJsonObject{{QStringLiteral("currency"), u.currency},
                               {QStringLiteral("amount"), Money::fromNanos(u.nanos).toString(2)},
                               {QStringLiteral("months"), QJsonArray::fromStringList(monthTexts(u.months))}});
    return out;
}

QString notCountedLines(const std::vector<store::UnconvertedAmount> &list, const QString &currency,
                        const QString &label)
{
    QString out;
    for (const store::UnconvertedAmount &u : list)
        out += QStringLiteral("%1: %2 %3 (no rate to %4 for %5)\n")
                   .arg(label, Money::fromNanos(u.nanos).toString(2), u.currency, currency,
                        monthTexts(u.months).join(QStringLiteral(", ")));
    return out;
}

} // namespace costscope::app
