#include "providers/FileDigest.h"

#include <QFile>

#include <openssl/evp.h>

#include <memory>
#include <vector>

namespace costscope::providers {

// OpenSSL's SHA-256 (SHA-NI / AVX2 code paths) rather than QCryptographicHash's portable C:
// the digest of a billing file was ~18 % of an import's instructions with the latter.
QString fileSha256(const QString &path, QString *error, const std::atomic<bool> *stop)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return {};
    }
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        if (error)
            *error = QStringLiteral("%1: cannot start SHA-256").arg(path);
        return {};
    }
    std::vector<char> buffer(1 << 20);
    for (;;) {
        if (stop && stop->load(std::memory_order_relaxed)) {
            if (error)
                *error = QStringLiteral("%1: stopped").arg(path);
            return {};
        }
        const qint64 n = file.read(buffer.data(), static_cast<qint64>(buffer.size()));
        if (n < 0) {
            if (error)
                *error = QStringLiteral("%1: read failed: %2").arg(path, file.errorString());
            return {};
        }
        if (n == 0)
            break;
        if (EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(n)) != 1) {
            if (error)
                *error = QStringLiteral("%1: SHA-256 failed").arg(path);
            return {};
        }
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1) {
        if (error)
            *error = QStringLiteral("%1: SHA-256 failed").arg(path);
        return {};
    }
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex());
}

} // namespace costscope::providers
