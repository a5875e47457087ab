#include "model/analysis/AnomalyDetector.h"

#include "model/Money.h"

#include <algorithm>

namespace costscope::analysis {

namespace {

int64_t median(std::vector<int64_t> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    if (n == 0)
        return 0;
    if (n % 2 == 1)
        return v[n / 2];
    // Halves first, so two large amounts cannot overflow.
    return v[n / 2 - 1] / 2 + v[n / 2] / 2 + (v[n / 2 - 1] % 2 + v[n / 2] % 2) / 2;
}

} // namespace

double changePercent(int64_t expected, int64_t actual)
{
    if (expected <= 0)
        return 0;
    return (static_cast<double>(actual) - static_cast<double>(expected)) * 100.0 / static_cast<double>(expected);
}

std::vector<Jump> detectJumps(const std::vector<int64_t> &values, const AnomalyOptions &options, int64_t minExcess,
                              int firstJudged)
{
    std::vector<Jump> out;
    const int n = std::max(1, options.windowDays);
    const int size = static_cast<int>(values.size());
    std::vector<int64_t> window(static_cast<size_t>(n));
    for (int i = std::max(n, firstJudged); i < size; ++i) {
        bool steady = true;
        Int128 sum = 0;
        for (int k = 0; k < n; ++k) {
            const int64_t v = values[static_cast<size_t>(i - n + k)];
            window[static_cast<size_t>(k)] = v;
            sum += v;
            if (v <= 0)
                steady = false;
        }
        if (options.requireSteadyWindow && !steady)
            continue;
        const int64_t actual = values[static_cast<size_t>(i)];
        int64_t expected = 0;
        if (options.baseline == Baseline::Mean) {
            expected = static_cast<int64_t>(sum / n);
        } else {
            expected = median(window);
        }
        if (expected <= 0 || actual - expected < std::max<int64_t>(minExcess, 1))
            continue;
        // Exceeds by more than T percent: (actual - expected) * 100 > T * expected, in doubles
        // that are exact for amounts below 2^53 nanos (9 million units).
        const double excess = static_cast<double>(actual - expected) * 100.0;
        if (!(excess > options.thresholdPercent * static_cast<double>(expected)))
            continue;
        if (options.baseline == Baseline::MedianMad) {
            std::vector<int64_t> deviations;
            deviations.reserve(window.size());
            for (int64_t v : window)
                deviations.push_back(v >= expected ? v - expected : expected - v);
            const double mad = static_cast<double>(median(deviations));
            if (!(static_cast<double>(actual - expected) > options.madFactor * 1.4826 * mad))
                continue;
        }
        out.push_back({i, expected, actual});
    }
    return out;
}

} // namespace costscope::analysis
