#pragma once

// A month and its year as people of the locale write them: "November 2026", "2026年11月".
// QLocale has month names but no year-month pattern, and "MMMM yyyy" puts the Chinese month
// name before the year ("十一月 2026"); CLDR's yMMMM pattern for Chinese and Japanese is
// "y年M月", for Korean "y년 M월".

#include <QDate>
#include <QLocale>
#include <QString>

namespace costscope::views {

inline QString monthYearText(const QDate &month, const QLocale &locale = QLocale())
{
    switch (locale.language()) {
    case QLocale::Chinese:
    case QLocale::Japanese:
        return locale.toString(month, QStringLiteral("yyyy年M月"));
    case QLocale::Korean:
        return locale.toString(month, QStringLiteral("yyyy년 M월"));
    default:
        return locale.toString(month, QStringLiteral("MMMM yyyy"));
    }
}

} // namespace costscope::views
