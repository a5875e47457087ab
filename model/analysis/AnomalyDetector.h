#pragma once

#include <cstdint>
#include <vector>

namespace costscope::analysis {

// How the expected value of a day is derived from the days before it.
enum class Baseline {
    Mean,      // the mean of the previous N days (as OptScale does)
    MedianMad, // the median of the previous N days; the jump must also exceed k robust deviations
};

struct AnomalyOptions
{
    int windowDays = 7;            // N: days before the judged day that make its baseline
    double thresholdPercent = 30;  // T: a day is anomalous when it exceeds the baseline by more than T %
    Baseline baseline = Baseline::Mean;
    double madFactor = 3.0;        // MedianMad: the jump must exceed madFactor x 1.4826 x MAD as well
    // A day is only judged when every day of its window has a value above zero: a zero baseline
    // gives no percentage, and a scope that starts, stops or idles within the window has no
    // steady level to compare with.
    bool requireSteadyWindow = true;
};

// One day that jumped.
struct Jump
{
    int index = 0;          // index of the day in the series
    int64_t expected = 0;   // baseline (mean by integer division, or median)
    int64_t actual = 0;
};

// Judges every day of `values` (one value per day: nano-units of money or a count) against its
// window, starting at `firstJudged` (earlier days only serve as history). A jump must also be
// at least `minExcess` above the baseline, so that tiny amounts do not count.
std::vector<Jump> detectJumps(const std::vector<int64_t> &values, const AnomalyOptions &options, int64_t minExcess = 0,
                              int firstJudged = 0);

// The change of `actual` against `expected` in percent (0 when expected is not positive).
double changePercent(int64_t expected, int64_t actual);

} // namespace costscope::analysis
