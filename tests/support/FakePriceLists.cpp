#include "support/FakePriceLists.h"

#include "providers/auth/AlibabaRpcSigner.h"
#include "providers/auth/SigV4Signer.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>

namespace costscope::testsupport {

using providers::auth::AlibabaRpcSigner;
using providers::auth::AwsCredentials;
using providers::auth::SigV4Request;
using providers::auth::SigV4Signer;

namespace {

ScriptedResponse json(const QJsonObject &o, int status = 200)
{
    ScriptedResponse r = ScriptedResponse::ok(QJsonDocument(o).toJson(QJsonDocument::Compact));
    r.status = status;
    return r;
}

QJsonObject awsError(const char *type, const char *message)
{
    return QJsonObject{{QStringLiteral("__type"), QString(QStringLiteral("com.amazon.coral.service#") + QLatin1String(type))},
                       {QStringLiteral("message"), QLatin1String(message)}};
}

} // namespace

// ---- AWS Price List ----------------------------------------------------------------------------

FakeAwsPricing::FakeAwsPricing(QString keyId, QString secret)
    : m_keyId(std::move(keyId))
    , m_secret(std::move(secret))
{
}

bool FakeAwsPricing::start()
{
    m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
    return m_server.start();
}

void FakeAwsPricing::addProduct(const Product &p)
{
    std::lock_guard lock(m_mutex);
    m_products.append(p);
}

void FakeAwsPricing::setPageSize(int n)
{
    std::lock_guard lock(m_mutex);
    m_pageSize = n;
}

QList<QJsonArray> FakeAwsPricing::filtersSeen() const
{
    std::lock_guard lock(m_mutex);
    return m_filters;
}

QStringList FakeAwsPricing::rejections() const
{
    std::lock_guard lock(m_mutex);
    return m_rejections;
}

ScriptedResponse FakeAwsPricing::handle(const RecordedRequest &r)
{
    std::lock_guard lock(m_mutex);
    auto reject = [this](const QString &why, int status, const char *type, const char *message) {
        m_rejections << why;
        return json(awsError(type, message), status);
    };
    if (r.method != "POST" || r.path != "/")
        return reject(QStringLiteral("not POST /"), 404, "UnknownOperationException", "Unknown operation");
    if (r.header("X-Amz-Target") != "AWSPriceListService.GetProducts"
        || r.header("Content-Type") != "application/x-amz-json-1.1")
        return reject(QStringLiteral("wrong X-Amz-Target or Content-Type"), 400, "UnknownOperationException",
                      "Unknown operation");
    // SigV4, recomputed over the headers the client says it signed.
    const QByteArray authorization = r.header("Authorization");
    const qsizetype credAt = authorization.indexOf("Credential=");
    const qsizetype at = authorization.indexOf("SignedHeaders=");
    if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || credAt < 0 || at < 0)
        return reject(QStringLiteral("no SigV4 Authorization"), 403, "MissingAuthenticationTokenException",
                      "Missing Authentication Token");
    const QList<QByteArray> scope = authorization.mid(credAt + 11, authorization.indexOf(',', credAt) - credAt - 11).split('/');
    if (scope.size() != 5 || scope[0] != m_keyId.toUtf8() || scope[2] != "us-east-1" || scope[3] != "pricing")
        return reject(QStringLiteral("credential scope is not <key>/<date>/us-east-1/pricing"), 403,
                      "InvalidSignatureException", "Credential should be scoped to correct service: 'pricing'.");
    const QList<QByteArray> names = authorization.mid(at + 14, authorization.indexOf(',', at) - at - 14).split(';');
    if (!names.contains("host") || !names.contains("x-amz-date"))
        return reject(QStringLiteral("host or x-amz-date not signed"), 403, "InvalidSignatureException", "bad headers");
    SigV4Request s;
    s.method = r.method;
    s.path = r.path;
    s.body = r.body;
    for (const auto &[name, value] : r.headers)
        if (names.contains(name.toLower()))
            s.headers.append({name, value});
    QDateTime time = QDateTime::fromString(QString::fromLatin1(r.header("X-Amz-Date")), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    time.setTimeZone(QTimeZone::utc());
    providers::auth::SigV4Options options;
    options.signSessionToken = names.contains("x-amz-security-token");
    const AwsCredentials credentials{m_keyId, m_secret, QString::fromUtf8(r.header("X-Amz-Security-Token"))};
    if (SigV4Signer::sign(s, credentials, QStringLiteral("us-east-1"), QStringLiteral("pricing"), time, options).authorization
        != authorization)
        return reject(QStringLiteral("signature mismatch"), 403, "InvalidSignatureException",
                      "The request signature we calculated does not match the signature you provided.");
    if (std::abs(time.secsTo(QDateTime::currentDateTimeUtc())) > 300)
        return reject(QStringLiteral("stale X-Amz-Date"), 403, "InvalidSignatureException", "Signature expired");

    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (body.value(QStringLiteral("ServiceCode")).toString() != u"AmazonEC2")
        return reject(QStringLiteral("ServiceCode is not AmazonEC2"), 400, "InvalidParameterException", "ServiceCode");
    const QJsonArray filters = body.value(QStringLiteral("Filters")).toArray();
    for (const QJsonValue &f : filters)
        if (f.toObject().value(QStringLiteral("Type")).toString() != u"TERM_MATCH")
            return reject(QStringLiteral("a filter that is not TERM_MATCH"), 400, "InvalidParameterException", "Type");
    m_filters.append(filters);
    auto attributes = [](const Product &p) {
        return QJsonObject{{QStringLiteral("instanceType"), p.instanceType},
                           {QStringLiteral("regionCode"), p.regionCode},
                           {QStringLiteral("operatingSystem"), p.operatingSystem},
                           {QStringLiteral("tenancy"), p.tenancy},
                           {QStringLiteral("preInstalledSw"), p.preInstalledSw},
                           {QStringLiteral("capacitystatus"), p.capacitystatus},
                           {QStringLiteral("licenseModel"), p.licenseModel},
                           {QStringLiteral("servicecode"), QStringLiteral("AmazonEC2")},
                           {QStringLiteral("vcpu"), QStringLiteral("4")},
                           {QStringLiteral("memory"), QStringLiteral("16 GiB")},
                           {QStringLiteral("instanceFamily"), QStringLiteral("General purpose")},
                           {QStringLiteral("usagetype"), QString(QStringLiteral("BoxUsage:") + p.instanceType)},
                           {QStringLiteral("location"), QStringLiteral("US East (N. Virginia)")}};
    };
    QList<QJsonObject> matching;
    for (const Product &p : m_products) {
        const QJsonObject a = attributes(p);
        bool all = true;
        for (const QJsonValue &f : filters) {
            const QJsonObject o = f.toObject();
            const QString field = o.value(QStringLiteral("Field")).toString();
            if (p.ignoresFilters && field != u"instanceType")
                continue;
            all = all && a.value(field).toString() == o.value(QStringLiteral("Value")).toString();
        }
        if (!all)
            continue;
        const QString sku = QStringLiteral("SKU%1").arg(matching.size() + 1);
        QJsonObject terms;
        const QJsonObject dimension{{QStringLiteral("unit"), QStringLiteral("Hrs")},
                                    {QStringLiteral("endRange"), QStringLiteral("Inf")},
                                    {QStringLiteral("beginRange"), QStringLiteral("0")},
                                    {QStringLiteral("description"), QStringLiteral("$%1 per On Demand Linux %2 Instance Hour")
                                                                          .arg(p.usd, p.instanceType)},
                                    {QStringLiteral("pricePerUnit"), QJsonObject{{QStringLiteral("USD"), p.usd}}}};
        const QJsonObject offer{{QStringLiteral("offerTermCode"), QStringLiteral("JRTCKXETXF")},
                                {QStringLiteral("sku"), sku},
                                {QStringLiteral("priceDimensions"),
                                 QJsonObject{{sku + QStringLiteral(".JRTCKXETXF.6YS6EN2CT7"), dimension}}}};
        terms.insert(p.onDemand ? QStringLiteral("OnDemand") : QStringLiteral("Reserved"),
                     QJsonObject{{sku + QStringLiteral(".JRTCKXETXF"), offer}});
        matching.append(QJsonObject{{QStringLiteral("product"),
                                     QJsonObject{{QStringLiteral("productFamily"), QStringLiteral("Compute Instance")},
                                                 {QStringLiteral("sku"), sku},
                                                 {QStringLiteral("attributes"), a}}},
                                    {QStringLiteral("serviceCode"), QStringLiteral("AmazonEC2")},
                                    {QStringLiteral("terms"), terms},
                                    {QStringLiteral("version"), QStringLiteral("20261101000000")}});
    }
    const QString token = body.value(QStringLiteral("NextToken")).toString();
    bool ok = true;
    const int offset = token.isEmpty() ? 0 : token.mid(1).toInt(&ok);
    if (!ok || (!token.isEmpty() && !token.startsWith(u't')))
        return reject(QStringLiteral("unknown NextToken"), 400, "InvalidNextTokenException", "The NextToken is invalid");
    const int size = std::min(m_pageSize, body.value(QStringLiteral("MaxResults")).toInt(100));
    QJsonArray list;
    for (int i = offset; i < std::min<int>(offset + size, int(matching.size())); ++i)
        list.append(QString::fromUtf8(QJsonDocument(matching[i]).toJson(QJsonDocument::Compact)));
    QJsonObject answer{{QStringLiteral("FormatVersion"), QStringLiteral("aws_v1")}, {QStringLiteral("PriceList"), list}};
    if (offset + size < matching.size())
        answer.insert(QStringLiteral("NextToken"), QStringLiteral("t%1").arg(offset + size));
    return json(answer);
}

// ---- GCP Cloud Billing Catalog -----------------------------------------------------------------

struct FakeGcpBillingCatalog::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

FakeGcpBillingCatalog::FakeGcpBillingCatalog()
    : m_key(std::make_unique<Key>())
{
    QFile pem(QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/test_privatekey.pem"));
    if (pem.open(QIODevice::ReadOnly)) {
        const QByteArray text = pem.readAll();
        BIO *bio = BIO_new_mem_buf(text.constData(), int(text.size()));
        EVP_PKEY *pair = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        // Keep only the public half, as Google does.
        unsigned char *der = nullptr;
        const int len = pair ? i2d_PUBKEY(pair, &der) : 0;
        if (len > 0) {
            const unsigned char *p = der;
            m_key->pkey = d2i_PUBKEY(nullptr, &p, len);
            OPENSSL_free(der);
        }
        EVP_PKEY_free(pair);
    }
    QFile account(QStringLiteral(COSTSCOPE_TEST_DATA "/gcp/test_service_account.json"));
    if (account.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(account.readAll()).object();
        m_clientEmail = o.value(QStringLiteral("client_email")).toString();
        m_audience = o.value(QStringLiteral("token_uri")).toString();
    }
}

FakeGcpBillingCatalog::~FakeGcpBillingCatalog()
{
    m_server.stop();
}

bool FakeGcpBillingCatalog::start()
{
    m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
    return m_key->pkey && m_server.start();
}

void FakeGcpBillingCatalog::addSku(const QString &description, const QString &usageType, const QStringList &regions,
                                   qint64 units, int nanos, const QString &usageUnit)
{
    std::lock_guard lock(m_mutex);
    const QString id = QStringLiteral("%1-%2-%3")
                           .arg(m_skus.size() + 1, 4, 10, QLatin1Char('0'))
                           .arg(QStringLiteral("5844"))
                           .arg(QStringLiteral("ABCD"));
    const QJsonObject rate{{QStringLiteral("startUsageAmount"), 0},
                           {QStringLiteral("unitPrice"), QJsonObject{{QStringLiteral("currencyCode"), QStringLiteral("USD")},
                                                                     {QStringLiteral("units"), QString::number(units)},
                                                                     {QStringLiteral("nanos"), nanos}}}};
    const QJsonObject expression{{QStringLiteral("usageUnit"), usageUnit},
                                 {QStringLiteral("displayQuantity"), 1},
                                 {QStringLiteral("tieredRates"), QJsonArray{rate}},
                                 {QStringLiteral("usageUnitDescription"), QStringLiteral("hour")},
                                 {QStringLiteral("baseUnit"), QStringLiteral("s")},
                                 {QStringLiteral("baseUnitConversionFactor"), 3600}};
    m_skus.append(QJsonObject{
        {QStringLiteral("name"), QString(QStringLiteral("services/6F81-5844-456A/skus/") + id)},
        {QStringLiteral("skuId"), id},
        {QStringLiteral("description"), description},
        {QStringLiteral("category"), QJsonObject{{QStringLiteral("serviceDisplayName"), QStringLiteral("Compute Engine")},
                                                 {QStringLiteral("resourceFamily"), QStringLiteral("Compute")},
                                                 {QStringLiteral("resourceGroup"), QStringLiteral("CPU")},
                                                 {QStringLiteral("usageType"), usageType}}},
        {QStringLiteral("serviceRegions"), QJsonArray::fromStringList(regions)},
        {QStringLiteral("pricingInfo"),
         QJsonArray{QJsonObject{{QStringLiteral("summary"), QString()},
                                {QStringLiteral("pricingExpression"), expression},
                                {QStringLiteral("currencyConversionRate"), 1},
                                {QStringLiteral("effectiveTime"), QStringLiteral("2026-11-28T04:03:15.110Z")}}}},
        {QStringLiteral("serviceProviderName"), QStringLiteral("Google")}});
}

void FakeGcpBillingCatalog::setPageSize(int n)
{
    std::lock_guard lock(m_mutex);
    m_pageSize = n;
}

int FakeGcpBillingCatalog::tokensIssued() const
{
    std::lock_guard lock(m_mutex);
    return int(m_tokens.size());
}

int FakeGcpBillingCatalog::skuPagesServed() const
{
    std::lock_guard lock(m_mutex);
    return m_pages;
}

QStringList FakeGcpBillingCatalog::rejections() const
{
    std::lock_guard lock(m_mutex);
    return m_rejections;
}

ScriptedResponse FakeGcpBillingCatalog::token(const RecordedRequest &r)
{
    auto reject = [this](const QString &why, const char *body) {
        m_rejections << why;
        return ScriptedResponse::status_(400, body);
    };
    const QUrlQuery form(QString::fromUtf8(r.body));
    if (r.method != "POST"
        || form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded) != u"urn:ietf:params:oauth:grant-type:jwt-bearer")
        return reject(QStringLiteral("not a JWT bearer grant"), R"({"error":"unsupported_grant_type"})");
    const QList<QByteArray> parts = form.queryItemValue(QStringLiteral("assertion"), QUrl::FullyDecoded).toUtf8().split('.');
    if (parts.size() != 3)
        return reject(QStringLiteral("the assertion is not a JWT"), R"({"error":"invalid_grant"})");
    auto decode = [](const QByteArray &b) {
        return QByteArray::fromBase64(b, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray signedPart = parts[0] + '.' + parts[1];
    const QByteArray signature = decode(parts[2]);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool verified = ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1
                          && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                                              size_t(signature.size()),
                                              reinterpret_cast<const unsigned char *>(signedPart.constData()),
                                              size_t(signedPart.size()))
                                 == 1;
    EVP_MD_CTX_free(ctx);
    if (!verified)
        return reject(QStringLiteral("the assertion's RS256 signature does not verify"),
                      R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})");
    const QJsonObject claims = QJsonDocument::fromJson(decode(parts[1])).object();
    const QStringList scopes = claims.value(QStringLiteral("scope")).toString().split(u' ');
    if (claims.value(QStringLiteral("iss")).toString() != m_clientEmail
        || (!scopes.contains(QStringLiteral("https://www.googleapis.com/auth/cloud-billing.readonly"))
            && !scopes.contains(QStringLiteral("https://www.googleapis.com/auth/cloud-platform"))))
        return reject(QStringLiteral("the assertion's issuer or scope is wrong"), R"({"error":"invalid_scope"})");
    const QByteArray issued = "ya29.catalog-" + QByteArray::number(qulonglong(m_tokens.size() + 1));
    m_tokens.insert(issued);
    return json(QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(issued)},
                            {QStringLiteral("expires_in"), 3599},
                            {QStringLiteral("token_type"), QStringLiteral("Bearer")}});
}

ScriptedResponse FakeGcpBillingCatalog::handle(const RecordedRequest &r)
{
    std::lock_guard lock(m_mutex);
    if (r.path == "/token")
        return token(r);
    const QByteArray auth = r.header("Authorization");
    if (!auth.startsWith("Bearer ") || !m_tokens.count(auth.mid(7))) {
        m_rejections << QStringLiteral("a call without a token the server issued");
        return json(QJsonObject{{QStringLiteral("error"),
                                 QJsonObject{{QStringLiteral("code"), 401},
                                             {QStringLiteral("message"), QStringLiteral("Request had invalid authentication "
                                                                                        "credentials.")},
                                             {QStringLiteral("status"), QStringLiteral("UNAUTHENTICATED")}}}},
                    401);
    }
    if (r.method != "GET" || r.path != "/v1/services/6F81-5844-456A/skus") {
        m_rejections << QStringLiteral("unknown path");
        return ScriptedResponse::status_(404, "{}");
    }
    const QUrlQuery q(QString::fromUtf8(r.query));
    if (q.queryItemValue(QStringLiteral("currencyCode")) != u"USD") {
        m_rejections << QStringLiteral("no currencyCode=USD");
        return ScriptedResponse::status_(400, "{}");
    }
    const QString token = q.queryItemValue(QStringLiteral("pageToken"));
    bool ok = true;
    const int offset = token.isEmpty() ? 0 : token.mid(1).toInt(&ok);
    if (!ok) {
        m_rejections << QStringLiteral("unknown pageToken");
        return ScriptedResponse::status_(400, "{}");
    }
    const int size = std::min(m_pageSize, q.queryItemValue(QStringLiteral("pageSize")).toInt() > 0
                                              ? q.queryItemValue(QStringLiteral("pageSize")).toInt()
                                              : 5000);
    QJsonArray page;
    for (int i = offset; i < std::min<int>(offset + size, int(m_skus.size())); ++i)
        page.append(m_skus[i]);
    ++m_pages;
    return json(QJsonObject{{QStringLiteral("skus"), page},
                            {QStringLiteral("nextPageToken"),
                             offset + size < m_skus.size() ? QStringLiteral("p%1").arg(offset + size) : QString()}});
}

// ---- Alibaba Cloud ECS DescribePrice -----------------------------------------------------------

FakeAlibabaPricing::FakeAlibabaPricing(QString keyId, QString secret)
    : m_keyId(std::move(keyId))
    , m_secret(std::move(secret))
{
}

bool FakeAlibabaPricing::start()
{
    m_server.setHandler([this](const RecordedRequest &r) { return handle(r); });
    return m_server.start();
}

void FakeAlibabaPricing::setPrice(const QString &region, const QString &instanceType, double price, const QString &currency,
                                  bool withDetails)
{
    std::lock_guard lock(m_mutex);
    m_prices[{region, instanceType}] = {price, currency, withDetails};
}

QStringList FakeAlibabaPricing::rejections() const
{
    std::lock_guard lock(m_mutex);
    return m_rejections;
}

ScriptedResponse FakeAlibabaPricing::handle(const RecordedRequest &r)
{
    std::lock_guard lock(m_mutex);
    auto error = [](const char *code, const char *message, int status) {
        return json(QJsonObject{{QStringLiteral("RequestId"), QStringLiteral("6E8B1C3A-0000-4A5B-9F6E-1C2D3E4F5A6B")},
                                {QStringLiteral("Code"), QLatin1String(code)},
                                {QStringLiteral("Message"), QLatin1String(message)}},
                    status);
    };
    auto reject = [&](const QString &why, const char *code, const char *message) {
        m_rejections << why;
        return error(code, message, 400);
    };
    providers::auth::QueryParams pairs;
    QHash<QString, QString> p;
    for (const QByteArray &item : r.query.split('&')) {
        const qsizetype eq = item.indexOf('=');
        const QString key = QUrl::fromPercentEncoding(item.left(eq));
        const QString value = QUrl::fromPercentEncoding(item.mid(eq + 1));
        p.insert(key, value);
        if (key != u"Signature")
            pairs.append({key, value});
    }
    if (r.method != "GET" || p.value(QStringLiteral("Action")) != u"DescribePrice"
        || p.value(QStringLiteral("Version")) != u"2014-05-26")
        return reject(QStringLiteral("not DescribePrice 2014-05-26"), "InvalidAction.NotFound", "Specified api is not found.");
    if (p.value(QStringLiteral("AccessKeyId")) != m_keyId)
        return reject(QStringLiteral("unknown AccessKeyId"), "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    if (p.value(QStringLiteral("SignatureMethod")) != u"HMAC-SHA1" || p.value(QStringLiteral("SignatureVersion")) != u"1.0")
        return reject(QStringLiteral("bad SignatureMethod or SignatureVersion"), "IncompleteSignature",
                      "The request signature does not conform to Aliyun standards.");
    if (AlibabaRpcSigner::signature("GET", pairs, m_secret) != p.value(QStringLiteral("Signature")))
        return reject(QStringLiteral("signature mismatch"), "SignatureDoesNotMatch",
                      "Specified signature is not matched with our calculation.");
    const QString nonce = p.value(QStringLiteral("SignatureNonce"));
    if (nonce.isEmpty() || !m_nonces.insert(nonce).second)
        return reject(QStringLiteral("nonce reused"), "SignatureNonceUsed", "Specified signature nonce was used already.");
    if (p.value(QStringLiteral("ResourceType")) != u"instance" || p.value(QStringLiteral("PriceUnit")) != u"Hour")
        return reject(QStringLiteral("not ResourceType instance, PriceUnit Hour"), "InvalidParameter", "ResourceType");
    const auto it = m_prices.find({p.value(QStringLiteral("RegionId")), p.value(QStringLiteral("InstanceType"))});
    if (it == m_prices.end())
        return error("InvalidInstanceType.ValueNotSupported", "The specified InstanceType does not exist or is not supported.",
                     400);
    const double disk = 0.02;
    QJsonObject price{{QStringLiteral("OriginalPrice"), it->second.price + disk},
                      {QStringLiteral("DiscountPrice"), 0},
                      {QStringLiteral("TradePrice"), it->second.price + disk},
                      {QStringLiteral("Currency"), it->second.currency}};
    if (it->second.details)
        price.insert(QStringLiteral("DetailInfos"),
                     QJsonObject{{QStringLiteral("DetailInfo"),
                                  QJsonArray{QJsonObject{{QStringLiteral("Resource"), QStringLiteral("instanceType")},
                                                         {QStringLiteral("OriginalPrice"), it->second.price},
                                                         {QStringLiteral("DiscountPrice"), 0},
                                                         {QStringLiteral("TradePrice"), it->second.price}},
                                             QJsonObject{{QStringLiteral("Resource"), QStringLiteral("systemDisk")},
                                                         {QStringLiteral("OriginalPrice"), disk},
                                                         {QStringLiteral("DiscountPrice"), 0},
                                                         {QStringLiteral("TradePrice"), disk}}}}});
    return json(QJsonObject{{QStringLiteral("RequestId"), QStringLiteral("A1B2C3D4-0000-4E5F-8A9B-0C1D2E3F4A5B")},
                            {QStringLiteral("PriceInfo"), QJsonObject{{QStringLiteral("Price"), price},
                                                                      {QStringLiteral("Rules"),
                                                                       QJsonObject{{QStringLiteral("Rule"), QJsonArray()}}}}}});
}

} // namespace costscope::testsupport
