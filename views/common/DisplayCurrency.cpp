#include "views/common/DisplayCurrency.h"

#include "views/common/ChartStyle.h"

#include <QCoreApplication>
#include <QSettings>

namespace costscope::views {

QString displayCurrencySetting()
{
    return QSettings().value(QLatin1String(kDisplayCurrencyKey)).toString().trimmed().toUpper();
}

void setDisplayCurrencySetting(const QString &code)
{
    QSettings().setValue(QLatin1String(kDisplayCurrencyKey), code);
}

QString unconvertedNote(const store::CostSeries &series)
{
    return unconvertedNote(series.unconverted, series.currency);
}

QString unconvertedNote(const std::vector<store::UnconvertedAmount> &unconverted, const QString &currency,
                        bool shownApart)
{
    QStringList parts;
    for (const store::UnconvertedAmount &u : unconverted) {
        QStringList months;
        for (const QDate &m : u.months)
            months << m.toString(QStringLiteral("yyyy-MM"));
        // The count as a plain variable: lupdate 6.4 does not extract a translate() whose %n
        // argument is a static_cast<int>(...).
        const int monthCount = static_cast<int>(u.months.size());
        parts << QCoreApplication::translate("costscope::views::DisplayCurrency",
                                             "%n month(s) of amounts in %1 have no rate to %2 (%3 in %4)", nullptr,
                                             monthCount)
                     .arg(u.currency, currency, moneyText(u.nanos, u.currency), months.join(QStringLiteral(", ")));
    }
    if (parts.isEmpty())
        return {};
    if (!shownApart)
        return parts.join(QStringLiteral("; "))
               + QCoreApplication::translate("costscope::views::DisplayCurrency",
                                             ". They are left out of these figures, never counted at 1; "
                                             "add rates in Edit \u25b8 Preferences \u25b8 Currencies.");
    return parts.join(QStringLiteral("; "))
           + QCoreApplication::translate("costscope::views::DisplayCurrency",
                                         ". They are shown in their own currency and not included in the totals; "
                                         "add rates in Edit \u25b8 Preferences \u25b8 Currencies.");
}

} // namespace costscope::views
