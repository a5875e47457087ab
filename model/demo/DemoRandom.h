#pragma once

#include <QString>

#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>

namespace costscope::demo {

// The demo's only source of randomness. Uniform and normal draws are computed here rather
// than with <random>'s distributions, whose output differs between standard libraries.
class DemoRng
{
public:
    explicit DemoRng(uint64_t seed) : m_engine(seed) { }

    uint64_t next() { return m_engine(); }
    // [0, 1)
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // [lo, hi] inclusive
    int between(int lo, int hi) { return lo + static_cast<int>(m_engine() % static_cast<uint64_t>(hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    // Standard normal (Box-Muller, one value per call).
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
    }
    template <typename T, size_t N> const T &pick(const T (&items)[N]) { return items[m_engine() % N]; }

private:
    std::mt19937_64 m_engine;
};

// Identifiers derived from a label, independent of the seed, so the planted resources keep
// the ids that docs/demo.md lists whatever the seed and scale.
class DemoIds
{
public:
    static uint64_t hash(std::string_view label, uint64_t salt = 0)
    {
        uint64_t h = 1469598103934665603ULL ^ salt;
        for (char c : label) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
        // splitmix64 finaliser
        h += 0x9e3779b97f4a7c15ULL;
        h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
        h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
        return h ^ (h >> 31);
    }

    // n lowercase hex digits.
    static QString hex(const QString &label, int n)
    {
        static const char digits[] = "0123456789abcdef";
        const QByteArray utf8 = label.toUtf8();
        QString out;
        out.reserve(n);
        uint64_t salt = 0;
        uint64_t h = hash(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), salt);
        for (int i = 0; i < n; ++i) {
            if (i > 0 && i % 16 == 0)
                h = hash(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), ++salt);
            out += QLatin1Char(digits[h & 0xf]);
            h >>= 4;
        }
        return out;
    }

    // n lowercase base-36 characters (Alibaba Cloud style).
    static QString base36(const QString &label, int n)
    {
        static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
        const QByteArray utf8 = label.toUtf8();
        QString out;
        out.reserve(n);
        uint64_t salt = 0;
        uint64_t h = hash(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), salt);
        for (int i = 0; i < n; ++i) {
            if (i > 0 && i % 10 == 0)
                h = hash(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), ++salt);
            out += QLatin1Char(digits[h % 36]);
            h /= 36;
        }
        return out;
    }

    // 8-4-4-4-12 lowercase GUID.
    static QString guid(const QString &label)
    {
        const QString h = hex(label, 32);
        return h.mid(0, 8) + QLatin1Char('-') + h.mid(8, 4) + QLatin1Char('-') + h.mid(12, 4) + QLatin1Char('-')
            + h.mid(16, 4) + QLatin1Char('-') + h.mid(20, 12);
    }
};

} // namespace costscope::demo
