#include "providers/SaasPricing.h"

#include <limits>

namespace costscope::providers {

std::optional<Money> priceTimes(Money quantity, Money unitPrice)
{
    const Int128 product = static_cast<Int128>(quantity.nanos()) * unitPrice.nanos();
    const bool negative = product < 0;
    const Int128 magnitude = negative ? -product : product;
    const Int128 scale = Money::kScale;
    Int128 q = magnitude / scale;
    const Int128 r = magnitude % scale;
    if (r * 2 > scale || (r * 2 == scale && q % 2 == 1))
        ++q;
    if (q > static_cast<Int128>(std::numeric_limits<int64_t>::max()))
        return std::nullopt;
    const auto v = static_cast<int64_t>(q);
    return Money::fromNanos(negative ? -v : v);
}

std::optional<Money> decimalQuantity(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.size() > 60)
        return std::nullopt;
    for (const QChar c : t) {
        if (!(c.isDigit() || c == u'.' || c == u'-' || c == u'+' || c == u'e' || c == u'E'))
            return std::nullopt;
    }
    return Money::parse(QStringView(t));
}

} // namespace costscope::providers
