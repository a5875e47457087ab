#include "model/demo/DemoWorld.h"
#include "model/demo/DemoSaas.h"

#include "model/demo/DemoCatalog.h"
#include "model/demo/DemoRandom.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace costscope::demo {

namespace {

constexpr int64_t kDay = 86400;
// Multiplies every population count at scale 1.0 so the default demo holds over a million rows.
constexpr double kPopulation = 1.4;

struct Svc
{
    const char *name;
    const char *category;
};

// The services, units and prices one cloud bills its building blocks under.
struct CloudStyle
{
    Svc compute, disk, ip, objectStore, egress;
    const char *hourUnit, *gbMonthUnit, *gbUnit;
    double diskPrice, snapshotPrice, ipHourly, objectPrice, egressPrice;
};

const CloudStyle kAws { { "Amazon EC2", "Compute" }, { "Amazon EBS", "Storage" }, { "Amazon VPC", "Networking" },
    { "Amazon S3", "Storage" }, { "AWS Data Transfer", "Networking" }, "Hrs", "GB-Mo", "GB", 0.08, 0.05, 0.005, 0.023,
    0.09 };
const CloudStyle kAzure { { "Virtual Machines", "Compute" }, { "Managed Disks", "Storage" },
    { "Virtual Network", "Networking" }, { "Storage", "Storage" }, { "Bandwidth", "Networking" }, "1 Hour",
    "1 GB/Month", "1 GB", 0.12, 0.05, 0.005, 0.0184, 0.087 };
const CloudStyle kGcp { { "Compute Engine", "Compute" }, { "Compute Engine", "Compute" },
    { "Compute Engine", "Compute" }, { "Cloud Storage", "Storage" }, { "Compute Engine", "Compute" }, "hour",
    "gibibyte month", "gibibyte", 0.10, 0.05, 0.005, 0.020, 0.12 };
const CloudStyle kAlibaba { { "Elastic Compute Service", "Compute" }, { "Elastic Compute Service", "Compute" },
    { "Elastic IP Address", "Networking" }, { "Object Storage Service", "Storage" },
    { "Cloud Data Transfer", "Networking" }, "Hour", "GB-Month", "GB", 0.12, 0.03, 0.004, 0.0198, 0.117 };

const CloudStyle &styleOf(Cloud c)
{
    switch (c) {
    case Cloud::Aws:
        return kAws;
    case Cloud::Azure:
        return kAzure;
    case Cloud::Gcp:
        return kGcp;
    default:
        return kAlibaba;
    }
}

const char *const kOwners[] = { "alice@acme.example", "bob@acme.example", "chen@acme.example", "dana@acme.example",
    "emeka@acme.example", "farah@acme.example" };

QString qs(const char *s)
{
    return QString::fromLatin1(s);
}

QString awsRegionCode(const QString &region)
{
    if (region == u"us-east-1")
        return QStringLiteral("USE1");
    if (region == u"us-west-2")
        return QStringLiteral("USW2");
    if (region == u"us-west-1")
        return QStringLiteral("USW1");
    return QStringLiteral("EU");
}

QString alibabaPrefix(const QString &region)
{
    if (region == u"cn-hangzhou")
        return QStringLiteral("bp1");
    if (region == u"cn-shanghai")
        return QStringLiteral("uf6");
    return QStringLiteral("t4n");
}

// Which kind of thing an id is for, in each cloud's id style.
enum class Kind { Instance, Volume, Snapshot, Image, Ip, Bucket };

class WorldBuilder
{
public:
    explicit WorldBuilder(const DemoOptions &options)
        : m_rng(options.seed * 0x9e3779b97f4a7c15ULL + 0x0de30de3ULL), m_scale(options.scale),
          m_accounts(demoAccounts())
    {
        m_w.firstDay = dayNumber(demoFirstDate(options));
        m_w.endDay = dayNumber(demoEndDate(options));
        m_w.observedAt = static_cast<int64_t>(m_w.endDay) * kDay + 23 * 3600;
    }

    DemoWorld build()
    {
        buildCommitments();
        buildAws();
        buildAzure();
        buildGcp();
        buildAlibaba();
        buildKubernetes();
        buildMl();
        buildMonthEnds();
        buildSpikes();
        buildAwsSecurity();
        return std::move(m_w);
    }

private:
    // ---- helpers ---------------------------------------------------------------------------

    int scaled(int base) const
    {
        if (base <= 0)
            return 0;
        return std::max(1, static_cast<int>(std::lround(base * m_scale * kPopulation)));
    }
    int32_t E() const { return m_w.endDay; }
    const AccountDef &acc(int a) const { return m_accounts[static_cast<size_t>(a)]; }
    const SubAccountDef &subOf(int a, int s) const { return acc(a).subs[static_cast<size_t>(s)]; }

    Tags tagsFor(int a, int s, const QString &project, bool forceTags = false)
    {
        const SubAccountDef &sub = subOf(a, s);
        const bool untagged = m_rng.chance(0.2);
        const bool noOwner = m_rng.chance(0.15);
        const char *owner = m_rng.pick(kOwners);
        if (untagged && !forceTags)
            return {};
        Tags t { { QStringLiteral("team"), qs(sub.team) }, { QStringLiteral("env"), qs(sub.env) },
            { QStringLiteral("project"), project }, { QStringLiteral("cost-center"), qs(sub.costCenter) } };
        if (!noOwner)
            t.append({ QStringLiteral("owner"), qs(owner) });
        return t;
    }

    QString azureBase(int a, int s, const QString &region) const
    {
        const SubAccountDef &sub = subOf(a, s);
        return QStringLiteral("/subscriptions/") + qs(sub.id) + QStringLiteral("/resourceGroups/rg-")
            + qs(sub.name).toLower() + QLatin1Char('-') + region + QStringLiteral("/providers/");
    }

    QString makeId(Kind kind, int a, int s, const QString &region, const QString &name) const
    {
        const SubAccountDef &sub = subOf(a, s);
        const QString label = qs(acc(a).provider) + QLatin1Char('/') + qs(sub.id) + QLatin1Char('/')
            + QString::number(static_cast<int>(kind)) + QLatin1Char('/') + name;
        switch (acc(a).cloud) {
        case Cloud::Aws:
            switch (kind) {
            case Kind::Instance:
                return QStringLiteral("i-0") + DemoIds::hex(label, 16);
            case Kind::Volume:
                return QStringLiteral("vol-0") + DemoIds::hex(label, 16);
            case Kind::Snapshot:
                return QStringLiteral("snap-0") + DemoIds::hex(label, 16);
            case Kind::Image:
                return QStringLiteral("ami-0") + DemoIds::hex(label, 16);
            case Kind::Ip:
                return QStringLiteral("eipalloc-0") + DemoIds::hex(label, 16);
            case Kind::Bucket:
                return name;
            }
            break;
        case Cloud::Azure: {
            const QString base = azureBase(a, s, region);
            switch (kind) {
            case Kind::Instance:
                return base + QStringLiteral("Microsoft.Compute/virtualMachines/") + name;
            case Kind::Volume:
                return base + QStringLiteral("Microsoft.Compute/disks/") + name;
            case Kind::Snapshot:
                return base + QStringLiteral("Microsoft.Compute/snapshots/") + name;
            case Kind::Image:
                return base + QStringLiteral("Microsoft.Compute/images/") + name;
            case Kind::Ip:
                return base + QStringLiteral("Microsoft.Network/publicIPAddresses/") + name;
            case Kind::Bucket:
                return base + QStringLiteral("Microsoft.Storage/storageAccounts/") + name;
            }
            break;
        }
        case Cloud::Gcp: {
            const QString project = QStringLiteral("projects/") + qs(sub.id);
            const QString zone = region + QStringLiteral("-b");
            switch (kind) {
            case Kind::Instance:
                return project + QStringLiteral("/zones/") + zone + QStringLiteral("/instances/") + name;
            case Kind::Volume:
                return project + QStringLiteral("/zones/") + zone + QStringLiteral("/disks/") + name;
            case Kind::Snapshot:
                return project + QStringLiteral("/global/snapshots/") + name;
            case Kind::Image:
                return project + QStringLiteral("/global/images/") + name;
            case Kind::Ip:
                return project + QStringLiteral("/regions/") + region + QStringLiteral("/addresses/") + name;
            case Kind::Bucket:
                return name;
            }
            break;
        }
        default: {
            const QString pre = alibabaPrefix(region);
            switch (kind) {
            case Kind::Instance:
                return QStringLiteral("i-") + pre + DemoIds::base36(label, 17);
            case Kind::Volume:
                return QStringLiteral("d-") + pre + DemoIds::base36(label, 17);
            case Kind::Snapshot:
                return QStringLiteral("s-") + pre + DemoIds::base36(label, 17);
            case Kind::Image:
                return QStringLiteral("m-") + pre + DemoIds::base36(label, 17);
            case Kind::Ip:
                return QStringLiteral("eip-") + pre + DemoIds::base36(label, 17);
            case Kind::Bucket:
                return name;
            }
            break;
        }
        }
        return name;
    }

    // A resource with its inventory record; lifetime and usages are added by the caller.
    DemoResource &newResource(int a, int s, const QString &region, const QString &id, const QString &name,
        const char *type, const QString &flavor, const Tags &tags)
    {
        DemoResource r;
        r.account = a;
        r.sub = s;
        r.record.provider = qs(acc(a).provider);
        r.record.accountId = qs(subOf(a, s).id);
        r.record.region = region;
        r.record.resourceId = id;
        r.record.name = name;
        r.record.type = qs(type);
        r.record.flavor = flavor;
        r.record.state = QStringLiteral("running");
        r.record.tags = tags;
        r.firstDay = m_w.firstDay;
        r.lastDay = E();
        m_w.resources.push_back(std::move(r));
        return m_w.resources.back();
    }

    // Population lifetime: most resources predate the window, the rest appear during it (the
    // month-over-month growth); a few are deleted before the end.
    void populationLifetime(DemoResource &r, double preexisting = 0.72, double deleted = 0.06)
    {
        const int32_t span = E() - m_w.firstDay + 1;
        if (m_rng.chance(preexisting) || span < 3) {
            r.firstDay = m_w.firstDay;
            r.record.createdAt
                = static_cast<int64_t>(m_w.firstDay - m_rng.between(1, 700)) * kDay + m_rng.between(0, 86399);
        } else {
            r.firstDay = m_w.firstDay + m_rng.between(1, span - 1);
            r.record.createdAt = static_cast<int64_t>(r.firstDay) * kDay + m_rng.between(0, 86399);
        }
        r.lastDay = E();
        // A deleted resource lives into a second day at least: one that lived a few hours would be a
        // genuine short-lived instance, which only the planted CI runners are meant to be.
        if (m_rng.chance(deleted) && r.firstDay < E() - 2)
            r.lastDay = m_rng.between(r.firstDay + 1, E() - 2);
        settleSeen(r);
    }

    void fixedLifetime(DemoResource &r, int32_t createdDay)
    {
        r.record.createdAt = static_cast<int64_t>(createdDay) * kDay + 9 * 3600 + m_rng.between(0, 7200);
        r.firstDay = std::max(createdDay, m_w.firstDay);
        r.lastDay = E();
        settleSeen(r);
    }

    void settleSeen(DemoResource &r)
    {
        r.record.firstSeen = std::max(r.record.createdAt, static_cast<int64_t>(r.firstDay) * kDay);
        if (r.lastDay < E()) {
            r.record.lastSeen = std::max(static_cast<int64_t>(r.lastDay) * kDay + 17 * 3600, r.record.firstSeen + 3600);
            r.record.state = r.record.type == u"instance" ? QStringLiteral("terminated") : QStringLiteral("deleted");
        } else {
            r.record.lastSeen = m_w.observedAt;
        }
    }

    DemoUsage &addUsage(DemoResource &r, const Svc &svc, const QString &sku, const QString &description,
        const QString &unit, double price, double quantity, const char *resourceType)
    {
        DemoUsage u;
        const SubAccountDef &sub = subOf(r.account, r.sub);
        u.row.subAccountId = qs(sub.id);
        u.row.subAccountName = qs(sub.name);
        u.row.serviceName = qs(svc.name);
        u.row.serviceCategory = qs(svc.category);
        u.row.region = r.record.region;
        u.row.resourceId = r.record.resourceId;
        u.row.resourceName = r.record.name;
        u.row.resourceType = resourceType ? qs(resourceType) : QString();
        u.row.skuId = sku;
        u.row.chargeDescription = description;
        u.row.pricingCategory = QStringLiteral("Standard");
        u.row.consumedUnit = unit;
        u.row.pricingUnit = unit;
        u.row.tags = r.record.tags;
        u.price = price;
        u.quantity = quantity;
        r.usages.push_back(std::move(u));
        return r.usages.back();
    }

    QString region(int a, double mainShare = 0.8)
    {
        const auto &regions = acc(a).regions;
        if (regions.size() == 1 || m_rng.chance(mainShare))
            return qs(regions.front());
        return qs(regions[1 + m_rng.next() % (regions.size() - 1)]);
    }

    QString computeSku(Cloud c, const QString &reg, const QString &flavor) const
    {
        switch (c) {
        case Cloud::Aws:
            return awsRegionCode(reg) + QStringLiteral("-BoxUsage:") + flavor;
        case Cloud::Azure:
            return flavor.mid(9).replace(QLatin1Char('_'), QLatin1Char(' '));
        case Cloud::Gcp:
            return flavor + QStringLiteral(" running in ") + reg;
        default:
            return flavor + QStringLiteral(" PayAsYouGo");
        }
    }

    QString computeDescription(Cloud c, const QString &flavor) const
    {
        switch (c) {
        case Cloud::Aws:
            return QStringLiteral("On Demand Linux ") + flavor + QStringLiteral(" Instance Hour");
        case Cloud::Azure:
            return QStringLiteral("Virtual Machines ") + flavor + QStringLiteral(" Linux");
        case Cloud::Gcp:
            return QStringLiteral("Instance running: ") + flavor;
        default:
            return QStringLiteral("ECS instance ") + flavor + QStringLiteral(" pay-as-you-go");
        }
    }

    // A volume resource (GB size) with its daily storage usage.
    DemoResource &addVolume(int a, int s, const QString &reg, const QString &name, double sizeGb, const Tags &tags)
    {
        const Cloud c = acc(a).cloud;
        const CloudStyle &st = styleOf(c);
        const QString id = makeId(Kind::Volume, a, s, reg, name);
        const QString flavor = c == Cloud::Aws ? QStringLiteral("gp3")
            : c == Cloud::Azure                ? QStringLiteral("Premium_LRS")
            : c == Cloud::Gcp                  ? QStringLiteral("pd-balanced")
                                               : QStringLiteral("cloud_essd");
        DemoResource &v = newResource(a, s, reg, id, name, "volume", flavor, tags);
        v.record.state = QStringLiteral("in-use");
        const QString sku = c == Cloud::Aws ? awsRegionCode(reg) + QStringLiteral("-EBS:VolumeUsage.gp3") : flavor;
        addUsage(v, st.disk, sku, flavor + QStringLiteral(" provisioned storage"), qs(st.gbMonthUnit), st.diskPrice,
            sizeGb / 30.4, "Disk");
        return v;
    }

    // An instance with its compute usage, a root volume, maybe a data volume and internet egress.
    // Returns the instance's index.
    size_t addInstance(int a, int s, const QString &reg, const QString &name, const char *flavor,
        const QString &project, MetricProfile profile, bool population, bool volumes = true, bool forceTags = false)
    {
        const Cloud c = acc(a).cloud;
        const CloudStyle &st = styleOf(c);
        const Tags tags = tagsFor(a, s, project, forceTags);
        const QString fl = qs(flavor);
        DemoResource &inst
            = newResource(a, s, reg, makeId(Kind::Instance, a, s, reg, name), name, "instance", fl, tags);
        inst.metrics = profile;
        if (population)
            populationLifetime(inst);
        else
            fixedLifetime(inst, E() - m_rng.between(120, 900));
        DemoUsage &u = addUsage(inst, st.compute, computeSku(c, reg, fl), computeDescription(c, fl), qs(st.hourUnit),
            flavorHourly(flavor), 24, "Virtual Machine");
        u.runtime = true;
        u.noise = 0.0;
        const size_t index = m_w.resources.size() - 1;
        const int32_t first = inst.firstDay, last = inst.lastDay;
        const int64_t created = inst.record.createdAt, firstSeen = inst.record.firstSeen,
                      lastSeen = inst.record.lastSeen;
        const QString state = inst.record.state;
        const QString instanceId = inst.record.resourceId;
        if (m_rng.chance(0.4)) {
            DemoUsage &e = addUsage(m_w.resources[index], st.egress,
                c == Cloud::Aws ? awsRegionCode(reg) + QStringLiteral("-DataTransfer-Out-Bytes")
                                : QStringLiteral("Internet egress"),
                QStringLiteral("Data transfer out to the internet"), qs(st.gbUnit), st.egressPrice,
                m_rng.uniform(3, 120), "Virtual Machine");
            e.weekendFactor = 0.6;
            e.monthlyGrowth = 0.025;
            e.noise = 0.25;
            e.runtime = true;
        }
        if (!volumes)
            return index;
        const int nVolumes = m_rng.chance(0.4) ? 2 : 1;
        for (int k = 0; k < nVolumes; ++k) {
            const QString volName = c == Cloud::Azure
                ? name + (k == 0 ? QStringLiteral("_OsDisk_1") : QStringLiteral("_DataDisk_1"))
                : name + (k == 0 ? QStringLiteral("-root") : QStringLiteral("-data"));
            const double size = k == 0 ? (c == Cloud::Azure ? 128 : 50) : std::round(m_rng.uniform(100, 2000));
            DemoResource &v = addVolume(a, s, reg, volName, size, tags);
            v.firstDay = first;
            v.lastDay = last;
            v.record.createdAt = created;
            v.record.firstSeen = firstSeen;
            v.record.lastSeen = lastSeen;
            v.record.state = state == u"terminated" ? QStringLiteral("deleted") : QStringLiteral("in-use");
            v.record.attachedTo = instanceId;
            v.record.attachmentKind = QStringLiteral("volume-instance");
        }
        return index;
    }

    // Every always-on machine of a fleet is covered by its cloud's commitment (Acme buys
    // commitments for its steady baseline; only the planted instances were missed), so the
    // reserved-instances rule finds exactly the planted ones.
    void addFleet(int a, int s, const char *role, const char *flavor, int base, double weekdayShare = 0)
    {
        const int n = scaled(base);
        const Cloud c = acc(a).cloud;
        const QString project = qs(subOf(a, s).name) + QLatin1Char('-') + qs(role);
        for (int i = 1; i <= n; ++i) {
            QString name = qs(subOf(a, s).name).toLower() + QLatin1Char('-') + qs(role) + QLatin1Char('-')
                + QString::number(i).rightJustified(2, QLatin1Char('0'));
            if (c == Cloud::Alibaba)
                name = QStringLiteral("ecs-") + name;
            const size_t idx = addInstance(a, s, region(a), name, flavor, project, MetricProfile::Busy, true);
            DemoResource &r = m_w.resources[idx];
            r.weekdaysOnly = m_rng.chance(weekdayShare);
            if (!r.weekdaysOnly)
                cover(r);
        }
    }

    // Covers an instance's compute usage by its cloud's commitment (Alibaba Cloud has none).
    void cover(DemoResource &r)
    {
        const Cloud c = acc(r.account).cloud;
        const int commitment = c == Cloud::Aws ? kAwsSavingsPlan
            : c == Cloud::Azure                ? kAzureReservation
            : c == Cloud::Gcp                  ? kGcpCommitment
                                               : -1;
        if (commitment < 0)
            return;
        DemoUsage &u = r.usages.front();
        u.commitment = commitment;
        u.discount = c == Cloud::Aws ? 0.28 : c == Cloud::Azure ? 0.36 : 0.37;
    }

    // A live volume of the sub-account, preferably in the region, for a backup snapshot's
    // source; empty when there is none.
    QString liveVolume(int a, int s, const QString &reg, int i) const
    {
        std::vector<const DemoResource *> here, any;
        for (const DemoResource &r : m_w.resources) {
            if (r.account != a || r.sub != s || r.record.type != u"volume" || r.lastDay < E()
                || r.record.state != u"in-use")
                continue;
            any.push_back(&r);
            if (r.record.region == reg)
                here.push_back(&r);
        }
        const auto &pool = here.empty() ? any : here;
        if (pool.empty())
            return {};
        return pool[static_cast<size_t>(i * 7919) % pool.size()]->record.resourceId;
    }

    void addSnapshots(int a, int s, int base)
    {
        const Cloud c = acc(a).cloud;
        const CloudStyle &st = styleOf(c);
        const int n = scaled(base);
        for (int i = 1; i <= n; ++i) {
            const QString reg = region(a);
            const QString name = qs(subOf(a, s).name).toLower() + QStringLiteral("-backup-")
                + QString::number(i).rightJustified(3, QLatin1Char('0'));
            const Tags tags = tagsFor(a, s, QStringLiteral("backup"));
            DemoResource &sn
                = newResource(a, s, reg, makeId(Kind::Snapshot, a, s, reg, name), name, "snapshot", QString(), tags);
            populationLifetime(sn, 0.6, 0.15);
            sn.record.state = sn.lastDay < E() ? QStringLiteral("deleted") : QStringLiteral("completed");
            // A backup of a volume that still exists (a snapshot whose source is gone is the
            // planted obsolete-snapshot waste, not a backup).
            const QString source = liveVolume(a, s, reg, i);
            sn.record.attachedTo
                = source.isEmpty() ? makeId(Kind::Volume, a, s, reg, name + QStringLiteral("-src")) : source;
            sn.record.attachmentKind = QStringLiteral("snapshot-volume");
            addUsage(sn, st.disk,
                c == Cloud::Aws ? awsRegionCode(reg) + QStringLiteral("-EBS:SnapshotUsage")
                                : QStringLiteral("Snapshot storage"),
                QStringLiteral("Snapshot storage"), qs(st.gbMonthUnit), st.snapshotPrice,
                std::round(m_rng.uniform(20, 800)) / 30.4, "Snapshot");
        }
    }

    void addBuckets(int a, int s, int base, const char *prefix)
    {
        const Cloud c = acc(a).cloud;
        const CloudStyle &st = styleOf(c);
        const int n = scaled(base);
        static const char *const purposes[]
            = { "logs", "assets", "backups", "exports", "lake", "artifacts", "uploads", "reports" };
        for (int i = 1; i <= n; ++i) {
            const QString reg = region(a);
            QString name = qs(prefix) + QLatin1Char('-') + qs(subOf(a, s).name).toLower() + QLatin1Char('-')
                + qs(purposes[static_cast<size_t>(i) % 8]) + QLatin1Char('-') + QString::number(i);
            if (c == Cloud::Azure)
                name = name.remove(QLatin1Char('-')).left(24);
            const Tags tags = tagsFor(a, s, qs(purposes[static_cast<size_t>(i) % 8]));
            DemoResource &b = newResource(a, s, reg, makeId(Kind::Bucket, a, s, reg, name), name, "bucket",
                c == Cloud::Azure ? QStringLiteral("Standard_LRS") : QStringLiteral("STANDARD"), tags);
            b.record.state = QStringLiteral("available");
            populationLifetime(b, 0.8, 0.02);
            const double gb = std::exp(m_rng.uniform(std::log(50.0), std::log(60000.0)));
            DemoUsage &stor = addUsage(b, st.objectStore,
                c == Cloud::Aws ? awsRegionCode(reg) + QStringLiteral("-TimedStorage-ByteHrs")
                                : QStringLiteral("Standard storage"),
                QStringLiteral("Standard storage"), qs(st.gbMonthUnit), st.objectPrice, gb / 30.4, "Bucket");
            stor.monthlyGrowth = 0.03;
            stor.noise = 0.01;
            DemoUsage &req = addUsage(b, st.objectStore,
                c == Cloud::Aws ? awsRegionCode(reg) + QStringLiteral("-Requests-Tier1")
                                : QStringLiteral("Class A operations"),
                QStringLiteral("PUT, COPY, POST or LIST requests"), QStringLiteral("1K Requests"), 0.005,
                m_rng.uniform(5, 3000), "Bucket");
            req.weekendFactor = 0.6;
            req.monthlyGrowth = 0.02;
            req.noise = 0.2;
            if (c == Cloud::Aws) {
                // GET requests: the read side the S3 lifecycle rule looks at (issue 8). Drawn from
                // the bucket's own generator so the rest of the world stays as it was.
                DemoRng own(DemoIds::hash(name.toStdString(), 0x53335ULL));
                DemoUsage &get = addUsage(b, st.objectStore, awsRegionCode(reg) + QStringLiteral("-Requests-Tier2"),
                    QStringLiteral("GET and all other requests"), QStringLiteral("1K Requests"), 0.0004,
                    own.uniform(20, 20000), "Bucket");
                get.weekendFactor = 0.7;
            }
        }
    }

    void addIps(int a, int s, int base)
    {
        const CloudStyle &st = styleOf(acc(a).cloud);
        const int n = scaled(base);
        for (int i = 1; i <= n; ++i) {
            const QString reg = region(a);
            const QString name = qs(subOf(a, s).name).toLower() + QStringLiteral("-ip-") + QString::number(i);
            DemoResource &ip = newResource(a, s, reg, makeId(Kind::Ip, a, s, reg, name), name, "ip", QString(),
                tagsFor(a, s, QStringLiteral("network")));
            populationLifetime(ip, 0.8, 0.03);
            ip.record.state = ip.lastDay < E() ? QStringLiteral("released") : QStringLiteral("associated");
            ip.record.attachmentKind = QStringLiteral("ip-instance");
            ip.record.attachedTo = makeId(Kind::Instance, a, s, reg, name + QStringLiteral("-host"));
            addUsage(ip, st.ip, QStringLiteral("PublicIPv4:InUseAddress"), QStringLiteral("In-use public IPv4 address"),
                qs(st.hourUnit), st.ipHourly, 24, "IP Address");
        }
    }

    // A machine-less service line (CloudWatch, BigQuery ...): no inventory record.
    DemoUsage &addServiceLine(int a, int s, const QString &reg, const Svc &svc, const QString &sku,
        const QString &description, const QString &unit, double price, double quantity,
        const QString &resourceId = QString(), const char *resourceType = nullptr)
    {
        DemoResource &r = newResource(a, s, reg, resourceId, resourceId.section(QLatin1Char('/'), -1), "service",
            QString(), tagsFor(a, s, qs(svc.name), true));
        r.inInventory = false;
        populationLifetime(r, 1.0, 0.0);
        return addUsage(r, svc, sku, description, unit, price, quantity, resourceType);
    }

    void plant(const QString &kind, const DemoResource &r)
    {
        m_w.planted.push_back({ kind, r.record.provider, r.record.resourceId, r.record.name });
    }

    // A planted instance that has run the whole window (so its metrics cover the last 30 days).
    DemoResource &plantInstance(int a, int s, const char *name, const char *flavor, MetricProfile profile,
        const QString &kind, const QString &inRegion = QString())
    {
        const size_t idx = addInstance(a, s, inRegion.isEmpty() ? qs(acc(a).regions.front()) : inRegion, qs(name), flavor,
            qs(subOf(a, s).name) + QStringLiteral("-legacy"), profile, false, true, true);
        DemoResource &r = m_w.resources[idx];
        plant(kind, r);
        return r;
    }

    // A stopped machine: it stopped running on stopDay; Azure and Alibaba keep billing compute
    // when it is stopped but not deallocated.
    void plantStopped(
        int a, int s, const char *name, const char *flavor, int32_t stopDay, bool keepsBilling, const QString &kind)
    {
        DemoResource &r = plantInstance(a, s, name, flavor, MetricProfile::None, kind);
        r.record.state = QStringLiteral("stopped");
        r.record.lastSeen = m_w.observedAt;
        if (!keepsBilling)
            r.runtimeLastDay = stopDay;
        // A stopped machine reports no metrics after the stop; keep it simple and report none.
        r.metrics = MetricProfile::None;
    }

    void plantVolume(int a, int s, const char *name, double sizeGb, int32_t createdDay)
    {
        const QString reg = qs(acc(a).regions.front());
        DemoResource &v = addVolume(a, s, reg, qs(name), sizeGb, tagsFor(a, s, QStringLiteral("legacy")));
        fixedLifetime(v, createdDay);
        v.record.state = QStringLiteral("available");
        plant(QStringLiteral("unattached-volume"), v);
    }

    void plantSnapshot(int a, int s, const char *name, double sizeGb, int32_t createdDay)
    {
        const Cloud c = acc(a).cloud;
        const CloudStyle &st = styleOf(c);
        const QString reg = qs(acc(a).regions.front());
        const QString n = qs(name);
        DemoResource &sn = newResource(a, s, reg, makeId(Kind::Snapshot, a, s, reg, n), n, "snapshot", QString(),
            tagsFor(a, s, QStringLiteral("legacy")));
        fixedLifetime(sn, createdDay);
        sn.record.state = QStringLiteral("completed");
        // The source volume is long gone: it is nowhere in the inventory.
        sn.record.attachedTo = makeId(Kind::Volume, a, s, reg, n + QStringLiteral("-deleted-source"));
        sn.record.attachmentKind = QStringLiteral("snapshot-volume");
        addUsage(sn, st.disk,
            c == Cloud::Aws ? awsRegionCode(reg) + QStringLiteral("-EBS:SnapshotUsage")
                            : QStringLiteral("Snapshot storage"),
            QStringLiteral("Snapshot storage"), qs(st.gbMonthUnit), st.snapshotPrice, sizeGb / 30.4, "Snapshot");
        plant(QStringLiteral("obsolete-snapshot"), sn);
    }

    void plantIp(int a, int s, const char *name, int32_t createdDay)
    {
        const CloudStyle &st = styleOf(acc(a).cloud);
        const QString reg = qs(acc(a).regions.front());
        const QString n = qs(name);
        DemoResource &ip = newResource(
            a, s, reg, makeId(Kind::Ip, a, s, reg, n), n, "ip", QString(), tagsFor(a, s, QStringLiteral("network")));
        fixedLifetime(ip, createdDay);
        ip.record.state = QStringLiteral("unassociated");
        addUsage(ip, st.ip, QStringLiteral("PublicIPv4:IdleAddress"), QStringLiteral("Idle public IPv4 address"),
            qs(st.hourUnit), st.ipHourly * 2, 24, "IP Address");
        plant(QStringLiteral("unassociated-ip"), ip);
    }

    // A bucket billed for storage; requestsK thousand PUT requests a day (0: none at all).
    DemoResource &plantBucket(
        int a, int s, const char *name, double gb, double requestsK, const QString &kind, double getsK = 0)
    {
        const CloudStyle &st = styleOf(acc(a).cloud);
        const QString reg = qs(acc(a).regions.front());
        DemoResource &b = newResource(a, s, reg, makeId(Kind::Bucket, a, s, reg, qs(name)), qs(name), "bucket",
            QStringLiteral("STANDARD"), tagsFor(a, s, QStringLiteral("legacy"), true));
        fixedLifetime(b, E() - 420);
        b.record.state = QStringLiteral("available");
        addUsage(b, st.objectStore, awsRegionCode(reg) + QStringLiteral("-TimedStorage-ByteHrs"),
            QStringLiteral("Standard storage"), qs(st.gbMonthUnit), st.objectPrice, gb / 30.4, "Bucket");
        if (requestsK > 0) {
            DemoUsage &req = addUsage(b, st.objectStore, awsRegionCode(reg) + QStringLiteral("-Requests-Tier1"),
                QStringLiteral("PUT, COPY, POST or LIST requests"), QStringLiteral("1K Requests"), 0.005, requestsK,
                "Bucket");
            req.weekendFactor = 0.6;
        }
        if (getsK > 0)
            addUsage(b, st.objectStore, awsRegionCode(reg) + QStringLiteral("-Requests-Tier2"),
                QStringLiteral("GET and all other requests"), QStringLiteral("1K Requests"), 0.0004, getsK, "Bucket");
        plant(kind, b);
        return b;
    }

    // A Kinesis data stream with `shards` shards; putUnits PUT payload units a day (0: abandoned).
    void addStream(int a, int s, const char *name, int shards, double putUnits)
    {
        const QString reg = qs(acc(a).regions.front());
        const QString arn = QStringLiteral("arn:aws:kinesis:") + reg + QLatin1Char(':') + qs(subOf(a, s).id)
            + QStringLiteral(":stream/") + qs(name);
        DemoResource &k
            = newResource(a, s, reg, arn, qs(name), "stream", QString(), tagsFor(a, s, QStringLiteral("streaming"), true));
        fixedLifetime(k, E() - 300);
        k.record.state = QStringLiteral("active");
        const Svc kinesis { "Amazon Kinesis", "Analytics" };
        addUsage(k, kinesis, awsRegionCode(reg) + QStringLiteral("-ShardHour"), QStringLiteral("Shard hours"),
            QStringLiteral("ShardHour"), 0.015, 24.0 * shards, "Stream");
        if (putUnits > 0) {
            DemoUsage &put = addUsage(k, kinesis, awsRegionCode(reg) + QStringLiteral("-PutRequestPayloadUnits"),
                QStringLiteral("PUT payload units"), QStringLiteral("PutRequestPayloadUnits"), 0.014 / 1e6, putUnits,
                "Stream");
            put.noise = 0.2;
            put.weekendFactor = 0.8;
        } else {
            plant(QStringLiteral("abandoned-stream"), k);
        }
    }

    // An inventory-only record (no cost): security groups and IAM users.
    DemoResource &addFact(int a, int s, const QString &region, const QString &id, const QString &name,
        const char *type, int32_t createdDay, const Tags &tags)
    {
        DemoResource &r = newResource(a, s, region, id, name, type, QString(), tags);
        fixedLifetime(r, createdDay);
        r.firstDay = E() + 1; // bills nothing
        r.record.state = QStringLiteral("active");
        return r;
    }

    // Security facts of the AWS accounts prod, staging and data-platform (ml-research has none,
    // so the security rules say they have no data for it): bucket access, security-group
    // ingress rules and IAM users' last activity, as resource tags under "costscope:".
    void buildAwsSecurity()
    {
        const int a = 0;
        const QString access = QStringLiteral("costscope:public-access");
        const QString ingress = QStringLiteral("costscope:ingress");
        const QString lastActivity = QStringLiteral("costscope:last-activity");
        // Bucket access: after the usages are made, so no cost row carries these tags.
        for (DemoResource &r : m_w.resources) {
            if (r.account != a || r.sub == 3 || r.record.type != u"bucket")
                continue;
            const bool planted = r.record.name == u"acme-prod-public-assets-2022"
                || r.record.name == u"acme-staging-share-tmp";
            r.record.tags.append({ access,
                planted ? (r.record.name.contains(u"share") ? QStringLiteral("public-read-write")
                                                            : QStringLiteral("public-read"))
                        : QStringLiteral("private") });
        }
        const QString reg = qs(acc(a).regions.front());
        auto sg = [&](int s, const QString &name, const char *rules, bool planted) {
            const QString label = QStringLiteral("sg/") + qs(subOf(a, s).id) + QLatin1Char('/') + name;
            DemoResource &r = addFact(a, s, reg, QStringLiteral("sg-0") + DemoIds::hex(label, 16), name,
                "security_group", E() - 500, { { ingress, qs(rules) } });
            if (planted)
                plant(QStringLiteral("open-security-group"), r);
        };
        for (int s = 0; s < 3; ++s) {
            const QString sub = qs(subOf(a, s).name);
            sg(s, sub + QStringLiteral("-web-sg"), "tcp:443:0.0.0.0/0;tcp:80:0.0.0.0/0;tcp:443:::/0", false);
            sg(s, sub + QStringLiteral("-internal-sg"), "tcp:0-65535:10.0.0.0/8", false);
            sg(s, sub + QStringLiteral("-bastion-sg"), "tcp:22:203.0.113.0/24", false);
        }
        sg(0, QStringLiteral("prod-legacy-ssh-sg"), "tcp:22:0.0.0.0/0;tcp:443:0.0.0.0/0", true);
        sg(1, QStringLiteral("staging-rdp-debug-sg"), "tcp:3389:0.0.0.0/0", true);
        sg(2, QStringLiteral("data-temp-open-sg"), "all:all:::/0", true);
        auto user = [&](int s, const char *name, int createdAgo, int lastAgo, bool planted) {
            const QString id = QStringLiteral("arn:aws:iam::") + qs(subOf(a, s).id) + QStringLiteral(":user/") + qs(name);
            const QString when = lastAgo < 0 ? QStringLiteral("never") : dateFromDayNumber(E() - lastAgo).toString(Qt::ISODate);
            DemoResource &r = addFact(a, s, QStringLiteral("global"), id, qs(name), "iam_user", E() - createdAgo,
                { { lastActivity, when } });
            if (planted)
                plant(QStringLiteral("inactive-iam-user"), r);
        };
        user(0, "alice", 700, 0, false);
        user(0, "bob", 650, 2, false);
        user(0, "deploy-bot", 400, 0, false);
        user(1, "chen", 500, 5, false);
        user(1, "qa-runner", 300, 1, false);
        user(2, "dana", 600, 12, false);
        user(2, "etl-service", 800, 0, false);
        user(2, "farah", 200, 60, false);
        user(0, "ci-deploy-old", 900, 200, true);
        user(1, "contractor-jdoe", 400, 120, true);
        user(2, "temp-migration-user", 150, -1, true);
    }

    // ---- commitments ------------------------------------------------------------------------

    void addCommitment(int a, int s, const Svc &svc, const QString &id, const QString &description)
    {
        DemoCommitment cm;
        cm.account = a;
        const SubAccountDef &sub = subOf(a, s);
        cm.row.subAccountId = qs(sub.id);
        cm.row.subAccountName = qs(sub.name);
        cm.row.serviceName = qs(svc.name);
        cm.row.serviceCategory = qs(svc.category);
        cm.row.region = qs(acc(a).regions.front());
        cm.row.resourceId = id;
        cm.row.resourceName = id.section(QLatin1Char('/'), -1);
        cm.row.resourceType = QStringLiteral("Commitment");
        cm.row.skuId = QStringLiteral("CommitmentFee");
        cm.row.chargeDescription = description;
        cm.row.chargeCategory = ChargeCategory::Purchase;
        cm.row.pricingCategory = QStringLiteral("Committed");
        cm.row.consumedUnit = QStringLiteral("Hrs");
        cm.row.pricingUnit = QStringLiteral("Hrs");
        cm.row.commitmentDiscountId = id;
        cm.unusedShare = m_rng.uniform(0.02, 0.07);
        m_w.commitments.push_back(std::move(cm));
    }

    enum { kAwsSavingsPlan = 0, kAwsRdsReservation = 1, kAzureReservation = 2, kGcpCommitment = 3 };

    void buildCommitments()
    {
        addCommitment(0, 0, { "Savings Plans for AWS Compute usage", "Compute" },
            QStringLiteral("arn:aws:savingsplans::384756120934:savingsplan/")
                + DemoIds::guid(QStringLiteral("aws-compute-sp")),
            QStringLiteral("1 year No Upfront Compute Savings Plan recurring fee"));
        addCommitment(0, 0, { "Amazon RDS", "Databases" },
            QStringLiteral("arn:aws:rds:us-east-1:512384960217:ri:prod-db-ri-2025"),
            QStringLiteral("Reserved DB instance db.r5.large recurring fee"));
        addCommitment(1, 0, { "Virtual Machines", "Compute" },
            QStringLiteral("/providers/Microsoft.BillingBenefits/savingsPlanOrders/")
                + DemoIds::guid(QStringLiteral("azure-ri-order")) + QStringLiteral("/savingsPlans/")
                + DemoIds::guid(QStringLiteral("azure-ri")),
            QStringLiteral("Azure savings plan for compute, 1 year"));
        addCommitment(2, 0, { "Compute Engine", "Compute" },
            QStringLiteral("projects/acme-prod-web/regions/us-central1/commitments/cud-flex-1y"),
            QStringLiteral("Compute flexible committed use discount, 1 year"));
    }

    // ---- clouds ------------------------------------------------------------------------------

    void buildAws()
    {
        const int a = 0;
        // Fleets: prod (0), staging (1), data-platform (2), ml-research (3).
        addFleet(a, 0, "web", "m5.xlarge", 36, 0);
        addFleet(a, 0, "api", "c5.2xlarge", 22, 0);
        addFleet(a, 0, "worker", "m5.2xlarge", 16);
        addFleet(a, 0, "cache", "r5.xlarge", 10);
        addFleet(a, 0, "bastion", "t3.medium", 4);
        addFleet(a, 1, "web", "m5.large", 20, 0.5);
        addFleet(a, 1, "api", "t3.medium", 16, 0.5);
        addFleet(a, 1, "worker", "m5.large", 8, 0.3);
        addFleet(a, 2, "spark", "r5.2xlarge", 20, 0.2);
        addFleet(a, 2, "etl", "m5.2xlarge", 14);
        addFleet(a, 2, "kafka", "m6i.xlarge", 9);
        addFleet(a, 3, "notebook", "m5.xlarge", 8, 0.5);
        addFleet(a, 3, "feature", "c5.xlarge", 6);
        for (int s = 0; s < 4; ++s) {
            addSnapshots(a, s, s == 0 ? 40 : s == 2 ? 25 : 10);
            addBuckets(a, s, s == 0 ? 16 : s == 2 ? 20 : s == 1 ? 6 : 8, "acme");
            const QString reg = qs(acc(a).regions.front());
            DemoUsage &cwm = addServiceLine(a, s, reg, { "Amazon CloudWatch", "Management and Governance" },
                QStringLiteral("USE1-CW:MetricMonitorUsage"), QStringLiteral("Custom metrics"),
                QStringLiteral("Metrics"), 0.30, m_rng.uniform(200, 3000) / 30.4);
            cwm.monthlyGrowth = 0.02;
            DemoUsage &cwl = addServiceLine(a, s, reg, { "Amazon CloudWatch", "Management and Governance" },
                QStringLiteral("USE1-DataProcessing-Bytes"), QStringLiteral("Log ingestion"), QStringLiteral("GB"),
                0.50, m_rng.uniform(5, 80));
            cwl.weekendFactor = 0.7;
            cwl.noise = 0.15;
            cwl.monthlyGrowth = 0.03;
        }
        addIps(a, 0, 12);
        addIps(a, 2, 4);
        // RDS
        for (int s : { 0, 1, 2 }) {
            const int n = scaled(s == 0 ? 8 : 4);
            for (int i = 1; i <= n; ++i) {
                const QString reg = qs(acc(a).regions.front());
                const QString name = qs(subOf(a, s).name) + QStringLiteral("-db-") + QString::number(i);
                const char *flavor = s == 0 ? "db.r5.large" : "db.m5.large";
                DemoResource &db = newResource(a, s, reg,
                    QStringLiteral("arn:aws:rds:") + reg + QLatin1Char(':') + qs(subOf(a, s).id)
                        + QStringLiteral(":db:") + name,
                    name, "database", qs(flavor), tagsFor(a, s, QStringLiteral("database")));
                populationLifetime(db, 0.85, 0.02);
                DemoUsage &u
                    = addUsage(db, { "Amazon RDS", "Databases" }, QStringLiteral("USE1-InstanceUsage:") + qs(flavor),
                        QStringLiteral("RDS PostgreSQL ") + qs(flavor) + QStringLiteral(" instance hour"),
                        QStringLiteral("Hrs"), flavorHourly(flavor), 24, "Database");
                if (s == 0 && db.firstDay == m_w.firstDay) {
                    u.commitment = kAwsRdsReservation;
                    u.discount = 0.35;
                }
                DemoUsage &stor = addUsage(db, { "Amazon RDS", "Databases" }, QStringLiteral("USE1-RDS:GP2-Storage"),
                    QStringLiteral("Provisioned gp2 storage"), QStringLiteral("GB-Mo"), 0.115,
                    m_rng.uniform(100, 2000) / 30.4, "Database");
                stor.monthlyGrowth = 0.02;
            }
        }
        // Lambda
        for (int s : { 0, 1, 2 }) {
            const int n = scaled(s == 0 ? 40 : s == 1 ? 15 : 20);
            for (int i = 1; i <= n; ++i) {
                const QString reg = region(a, 0.9);
                const QString name = qs(subOf(a, s).name) + QStringLiteral("-fn-") + QString::number(i);
                const QString arn = QStringLiteral("arn:aws:lambda:") + reg + QLatin1Char(':') + qs(subOf(a, s).id)
                    + QStringLiteral(":function:") + name;
                DemoResource &fn = newResource(
                    a, s, reg, arn, name, "function", QString(), tagsFor(a, s, QStringLiteral("serverless")));
                fn.inInventory = false;
                populationLifetime(fn, 0.6, 0.05);
                DemoUsage &req = addUsage(fn, { "AWS Lambda", "Compute" },
                    awsRegionCode(reg) + QStringLiteral("-Request"), QStringLiteral("Lambda requests"),
                    QStringLiteral("Requests"), 0.0000002, m_rng.uniform(1e5, 5e6), "Function");
                req.weekendFactor = 0.5;
                req.monthlyGrowth = 0.03;
                req.noise = 0.15;
                DemoUsage &dur = addUsage(fn, { "AWS Lambda", "Compute" },
                    awsRegionCode(reg) + QStringLiteral("-Lambda-GB-Second"), QStringLiteral("Lambda compute duration"),
                    QStringLiteral("Lambda-GB-Second"), 0.0000166667, m_rng.uniform(2e3, 2e5), "Function");
                dur.weekendFactor = 0.5;
                dur.monthlyGrowth = 0.03;
                dur.noise = 0.15;
            }
        }
        // Redshift: one 3-node cluster in data-platform.
        {
            const QString reg = qs(acc(a).regions.front());
            DemoResource &rs
                = newResource(a, 2, reg, QStringLiteral("arn:aws:redshift:us-east-1:803416275590:cluster:analytics-dw"),
                    QStringLiteral("analytics-dw"), "cluster", QStringLiteral("ra3.xlplus"),
                    tagsFor(a, 2, QStringLiteral("warehouse"), true));
            fixedLifetime(rs, E() - 800);
            addUsage(rs, { "Amazon Redshift", "Analytics" }, QStringLiteral("USE1-Node:ra3.xlplus"),
                QStringLiteral("Redshift ra3.xlplus node hour"), QStringLiteral("Hrs"), flavorHourly("ra3.xlplus"), 72,
                "Cluster");
            // A 2-node dc2.large cluster nobody has queried for months (issue 8: idle Redshift).
            DemoResource &idle = newResource(a, 2, reg,
                QStringLiteral("arn:aws:redshift:us-east-1:803416275590:cluster:legacy-reporting-dw"),
                QStringLiteral("legacy-reporting-dw"), "cluster", QStringLiteral("dc2.large"),
                tagsFor(a, 2, QStringLiteral("warehouse"), true));
            fixedLifetime(idle, E() - 500);
            addUsage(idle, { "Amazon Redshift", "Analytics" }, QStringLiteral("USE1-Node:dc2.large"),
                QStringLiteral("Redshift dc2.large node hour"), QStringLiteral("Hrs"), 0.25, 48, "Cluster");
            plant(QStringLiteral("idle-redshift-cluster"), idle);
            for (DemoPlanted &p : DemoSaas::planted())
                m_w.planted.push_back(std::move(p));
            // Redshift Serverless: ad-hoc analysts, billed in RPU hours.
            DemoResource &wg = newResource(a, 2, reg,
                QStringLiteral("arn:aws:redshift-serverless:us-east-1:803416275590:workgroup/"
                               "5c2e8a41-7d3b-4f19-a6e2-0b9d1c7f3e58"),
                QStringLiteral("adhoc-analytics"), "workgroup", QString(), tagsFor(a, 2, QStringLiteral("warehouse"), true));
            fixedLifetime(wg, E() - 300);
            DemoUsage &rpu = addUsage(wg, { "Amazon Redshift", "Analytics" }, QStringLiteral("USE1-ServerlessUsage"),
                QStringLiteral("Redshift Serverless RPU hour"), QStringLiteral("RPU-Hr"), 0.375, 40, "Workgroup");
            rpu.weekendFactor = 0.15;
        }

        // Planted waste.
        plantInstance(a, 0, "prod-legacy-report-01", "m5.xlarge", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(a, 1, "staging-old-api-02", "m5.large", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(a, 2, "data-airflow-old", "c5.xlarge", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(
            a, 0, "prod-search-01", "m5.4xlarge", MetricProfile::Oversized, QStringLiteral("oversized-instance"));
        plantInstance(
            a, 2, "data-spark-driver", "r5.2xlarge", MetricProfile::Oversized, QStringLiteral("oversized-instance"));
        plantInstance(
            a, 0, "prod-api-batch", "c5.2xlarge", MetricProfile::Oversized, QStringLiteral("oversized-instance"));
        for (const char *n : { "staging-qa-01", "staging-qa-02", "staging-qa-03", "staging-qa-04" })
            plantInstance(a, 1, n, "m5.large", MetricProfile::OfficeHours, QStringLiteral("office-hours-instance"));
        plantStopped(a, 0, "prod-old-worker-01", "m5.2xlarge", E() - 45, false, QStringLiteral("stopped-instance"));
        plantStopped(a, 3, "ml-notebook-old", "m5.xlarge", E() - 90, false, QStringLiteral("stopped-instance"));
        plantVolume(a, 0, "prod-detached-data-01", 500, E() - 60);
        plantVolume(a, 0, "prod-detached-data-02", 1000, E() - 35);
        plantVolume(a, 1, "staging-orphan-vol", 200, E() - 21);
        plantVolume(a, 3, "ml-scratch-vol", 2000, E() - 50);
        plantSnapshot(a, 0, "prod-2023-migration-snap-1", 800, E() - 520);
        plantSnapshot(a, 0, "prod-2023-migration-snap-2", 800, E() - 519);
        plantSnapshot(a, 1, "staging-old-snap", 300, E() - 450);
        plantSnapshot(a, 2, "data-hadoop-snap-1", 1500, E() - 610);
        plantSnapshot(a, 2, "data-hadoop-snap-2", 1500, E() - 605);
        // Images nobody launches any more, built from the migration snapshots.
        for (int k = 1; k <= 2; ++k) {
            const QString reg = qs(acc(a).regions.front());
            const QString name = QStringLiteral("prod-base-image-2023-0") + QString::number(k);
            DemoResource &img = newResource(a, 0, reg, makeId(Kind::Image, a, 0, reg, name), name, "image", QString(),
                tagsFor(a, 0, QStringLiteral("legacy")));
            img.usages.clear();
            fixedLifetime(img, E() - 700 + k);
            img.firstDay = E() + 1; // no cost rows of its own: its snapshot bills
            img.record.state = QStringLiteral("available");
            img.record.attachedTo
                = makeId(Kind::Snapshot, a, 0, reg, QStringLiteral("prod-2023-migration-snap-") + QString::number(k));
            img.record.attachmentKind = QStringLiteral("image-snapshot");
            plant(QStringLiteral("obsolete-image"), img);
        }
        // Steady on-demand machines nobody bought a commitment for.
        plantInstance(a, 0, "prod-steady-etl-01", "m5.2xlarge", MetricProfile::Busy, QStringLiteral("ri-candidate"));
        plantInstance(a, 2, "data-steady-cache-01", "r5.xlarge", MetricProfile::Busy, QStringLiteral("ri-candidate"));
        // An older generation whose successor costs less (covered, so they are not RI candidates).
        cover(plantInstance(
            a, 0, "prod-legacy-api-m4", "m4.xlarge", MetricProfile::Busy, QStringLiteral("generation-upgrade")));
        cover(plantInstance(
            a, 2, "data-etl-legacy-c4", "c4.2xlarge", MetricProfile::Busy, QStringLiteral("generation-upgrade")));
        // The same SKU in us-west-1 (N. California), dearer than us-east-1 and us-west-2.
        for (const auto &[s, name, flavor, price] : { std::tuple { 0, "prod-web-west-01", "m5.xlarge", 0.224 },
                 std::tuple { 2, "data-api-west-02", "m5.2xlarge", 0.448 } }) {
            DemoResource &r = plantInstance(a, s, name, flavor, MetricProfile::Busy,
                QStringLiteral("region-migration"), QStringLiteral("us-west-1"));
            r.usages.front().price = price;
            cover(r);
        }
        // S3 buckets billed for storage that nobody reads or writes any more.
        plantBucket(a, 0, "acme-prod-old-exports-2023", 4200, 0, QStringLiteral("abandoned-bucket"));
        plantBucket(a, 2, "acme-data-tmp-landing", 900, 0, QStringLiteral("abandoned-bucket"));
        plantBucket(a, 3, "acme-ml-old-datasets", 12000, 0, QStringLiteral("abandoned-bucket"));
        // Buckets anyone can read (or write); in use, so not abandoned.
        plantBucket(a, 0, "acme-prod-public-assets-2022", 300, 40, QStringLiteral("public-bucket"), 900);
        plantBucket(a, 1, "acme-staging-share-tmp", 50, 8, QStringLiteral("public-bucket"), 25);
        // Written every day, never read: S3 lifecycle candidates (issue 8).
        plantBucket(a, 0, "acme-prod-cloudtrail-logs", 6500, 120, QStringLiteral("s3-lifecycle"));
        plantBucket(a, 2, "acme-data-nightly-backups", 18000, 30, QStringLiteral("s3-lifecycle"));
        // Kinesis: two streams in use, two nobody writes to.
        addStream(a, 2, "clickstream-events", 4, 6e6);
        addStream(a, 2, "orders-cdc", 2, 1.5e6);
        addStream(a, 2, "legacy-audit-stream", 2, 0);
        addStream(a, 0, "tmp-migration-stream", 1, 0);
        plantIp(a, 0, "prod-eip-old-nat", E() - 90);
        plantIp(a, 0, "prod-eip-spare", E() - 30);
        plantIp(a, 2, "data-eip-ftp", E() - 12);
        // Short-lived CI instances in the last 30 days (spot candidates).
        for (int k = 1; k <= 12; ++k) {
            const QString name
                = QStringLiteral("staging-ci-runner-") + QString::number(k).rightJustified(2, QLatin1Char('0'));
            const size_t idx = addInstance(a, 1, qs(acc(a).regions.front()), name, "c5.xlarge", QStringLiteral("ci"),
                MetricProfile::None, false, false, true);
            DemoResource &r = m_w.resources[idx];
            const int32_t day = E() - 29 + ((k * 7) % 29);
            const double hours = 1.0 + (k % 5) * 0.9;
            r.firstDay = r.lastDay = day;
            r.hours[day] = hours;
            r.record.createdAt = static_cast<int64_t>(day) * kDay + 8 * 3600 + k * 600;
            r.record.firstSeen = r.record.createdAt;
            r.record.lastSeen = r.record.createdAt + static_cast<int64_t>(hours * 3600);
            r.record.state = QStringLiteral("terminated");
            r.usages.resize(1); // compute only
            plant(QStringLiteral("short-lived-instance"), r);
        }
    }

    void buildAzure()
    {
        const int a = 1;
        addFleet(a, 0, "web", "Standard_D4s_v5", 30, 0);
        addFleet(a, 0, "api", "Standard_D8s_v5", 14);
        addFleet(a, 0, "app", "Standard_E4s_v5", 10);
        addFleet(a, 0, "jump", "Standard_B2ms", 4);
        addFleet(a, 1, "dev", "Standard_D2s_v5", 24, 0.6);
        addFleet(a, 1, "build", "Standard_F4s_v2", 8);
        addFleet(a, 1, "test", "Standard_B2ms", 10, 0.6);
        addFleet(a, 2, "inference", "Standard_D4s_v5", 6);
        for (int s = 0; s < 3; ++s) {
            addSnapshots(a, s, s == 0 ? 12 : s == 1 ? 6 : 4);
            addBuckets(a, s, s == 0 ? 10 : s == 1 ? 5 : 6, "acme");
        }
        addIps(a, 0, 10);
        addIps(a, 1, 5);
        for (int s : { 0, 1 }) {
            const int n = scaled(s == 0 ? 8 : 4);
            for (int i = 1; i <= n; ++i) {
                const QString reg = qs(acc(a).regions.front());
                const QString server = QStringLiteral("sql-") + qs(subOf(a, s).name).toLower();
                const QString name = QStringLiteral("db") + QString::number(i);
                const char *flavor = (s == 0 && i % 3 == 0) ? "GP_Gen5_4" : "GP_Gen5_2";
                DemoResource &db = newResource(a, s, reg,
                    azureBase(a, s, reg) + QStringLiteral("Microsoft.Sql/servers/") + server
                        + QStringLiteral("/databases/") + name,
                    name, "database", qs(flavor), tagsFor(a, s, QStringLiteral("database")));
                populationLifetime(db, 0.85, 0.02);
                addUsage(db, { "SQL Database", "Databases" }, qs(flavor),
                    QStringLiteral("SQL Database General Purpose - Compute Gen5 vCore"), QStringLiteral("1 Hour"),
                    flavorHourly(flavor), 24, "Database");
            }
        }
        plantInstance(a, 0, "prod-legacy-ftp", "Standard_D4s_v5", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(
            a, 2, "ml-inference-old", "Standard_D4s_v5", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(
            a, 0, "prod-sql-proxy", "Standard_D8s_v5", MetricProfile::Oversized, QStringLiteral("oversized-instance"));
        plantInstance(
            a, 0, "prod-steady-app-01", "Standard_E4s_v5", MetricProfile::Busy, QStringLiteral("ri-candidate"));
        cover(plantInstance(
            a, 0, "prod-app-ds3-legacy", "Standard_DS3_v2", MetricProfile::Busy, QStringLiteral("generation-upgrade")));
        plantStopped(
            a, 1, "dev-vm-stopped-01", "Standard_D4s_v5", E() - 40, true, QStringLiteral("stopped-not-deallocated"));
        plantStopped(
            a, 1, "dev-vm-stopped-02", "Standard_D4s_v5", E() - 25, true, QStringLiteral("stopped-not-deallocated"));
        plantStopped(
            a, 1, "dev-vm-stopped-03", "Standard_D8s_v5", E() - 60, true, QStringLiteral("stopped-not-deallocated"));
        plantVolume(a, 0, "prod-unattached-disk-01", 512, E() - 45);
        plantVolume(a, 1, "dev-unattached-disk-02", 256, E() - 20);
        plantVolume(a, 1, "dev-unattached-disk-03", 1024, E() - 75);
        plantIp(a, 0, "prod-pip-unused-01", E() - 40);
        plantIp(a, 1, "dev-pip-unused-02", E() - 15);
        plantSnapshot(a, 0, "prod-snap-2023-upgrade", 512, E() - 480);
        plantSnapshot(a, 1, "dev-snap-old", 256, E() - 430);
    }

    void buildGcp()
    {
        const int a = 2;
        addFleet(a, 0, "web", "n2-standard-4", 30, 0);
        addFleet(a, 0, "api", "n2-standard-8", 12);
        addFleet(a, 0, "cache", "n2-highmem-4", 6);
        addFleet(a, 0, "util", "e2-medium", 6);
        addFleet(a, 1, "dataproc", "n2-standard-8", 16, 0.4);
        addFleet(a, 1, "airflow", "e2-standard-4", 6);
        addFleet(a, 2, "notebook", "n2-standard-4", 8, 0.5);
        addFleet(a, 2, "train", "c2-standard-8", 6);
        for (int s = 0; s < 3; ++s) {
            addSnapshots(a, s, s == 2 ? 5 : 10);
            addBuckets(a, s, s == 0 ? 10 : s == 1 ? 14 : 6, "acme");
            const QString ds = QStringLiteral("projects/") + qs(subOf(a, s).id) + QStringLiteral("/datasets/")
                + (s == 1 ? QStringLiteral("warehouse") : QStringLiteral("events"));
            DemoUsage &an = addServiceLine(a, s, QStringLiteral("US"), { "BigQuery", "Analytics" },
                QStringLiteral("Analysis"), QStringLiteral("Analysis (on-demand)"), QStringLiteral("tebibyte"), 6.25,
                s == 1 ? m_rng.uniform(3, 8) : m_rng.uniform(0.3, 1.5), ds, "Dataset");
            an.weekendFactor = 0.3;
            an.monthlyGrowth = 0.03;
            an.noise = 0.3;
            DemoUsage &bs = addServiceLine(a, s, QStringLiteral("US"), { "BigQuery", "Analytics" },
                QStringLiteral("Active Logical Storage"), QStringLiteral("Active logical storage"),
                QStringLiteral("gibibyte month"), 0.02,
                (s == 1 ? m_rng.uniform(40000, 90000) : m_rng.uniform(2000, 9000)) / 30.4, ds, "Dataset");
            bs.monthlyGrowth = 0.035;
        }
        addIps(a, 0, 8);
        addIps(a, 1, 3);
        addIps(a, 2, 2);
        plantInstance(a, 0, "web-canary-old", "n2-standard-4", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(a, 2, "sandbox-gpu-prep", "n2-standard-8", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantInstance(a, 1, "analytics-presto-coord", "n2-standard-8", MetricProfile::Oversized,
            QStringLiteral("oversized-instance"));
        plantInstance(
            a, 0, "web-render-01", "c2-standard-8", MetricProfile::Oversized, QStringLiteral("oversized-instance"));
        plantInstance(
            a, 1, "analytics-steady-db-01", "n2-highmem-4", MetricProfile::Busy, QStringLiteral("ri-candidate"));
        plantVolume(a, 1, "analytics-old-pd", 1000, E() - 33);
        plantVolume(a, 2, "sandbox-scratch-pd", 500, E() - 18);
        plantIp(a, 0, "web-static-ip-unused", E() - 70);
        plantIp(a, 2, "sandbox-static-ip", E() - 26);
        plantSnapshot(a, 0, "web-snap-2023-q4", 200, E() - 400);
        plantSnapshot(a, 1, "analytics-snap-legacy", 1200, E() - 550);
    }

    void buildAlibaba()
    {
        const int a = 3;
        addFleet(a, 0, "web", "ecs.g6.large", 20);
        addFleet(a, 0, "app", "ecs.g6.xlarge", 10);
        addFleet(a, 0, "cache", "ecs.r6.xlarge", 4);
        addFleet(a, 1, "etl", "ecs.c6.xlarge", 8, 0.3);
        addFleet(a, 1, "misc", "ecs.t6-c1m2.large", 6);
        for (int s = 0; s < 2; ++s) {
            addSnapshots(a, s, s == 0 ? 6 : 4);
            addBuckets(a, s, s == 0 ? 8 : 6, "acme-oss");
            addIps(a, s, s == 0 ? 8 : 2);
        }
        // Internet traffic of the shop, with the promotion spike.
        DemoUsage &traffic = addServiceLine(a, 0, qs(acc(a).regions.front()), { "Object Storage Service", "Storage" },
            QStringLiteral("Internet outbound traffic"), QStringLiteral("OSS outbound traffic"), QStringLiteral("GB"),
            0.117, m_rng.uniform(800, 1500), QStringLiteral("acme-oss-ecommerce-cn-assets"), "Bucket");
        traffic.weekendFactor = 1.15;
        traffic.monthlyGrowth = 0.03;
        traffic.noise = 0.12;
        plantInstance(
            a, 1, "ecs-analytics-old-report", "ecs.g6.xlarge", MetricProfile::Idle, QStringLiteral("idle-instance"));
        plantStopped(a, 0, "ecs-ecommerce-stopped-01", "ecs.g6.xlarge", E() - 30, true,
            QStringLiteral("stopped-not-deallocated"));
        plantStopped(a, 1, "ecs-analytics-stopped-02", "ecs.c6.xlarge", E() - 55, true,
            QStringLiteral("stopped-not-deallocated"));
        plantVolume(a, 0, "ecommerce-unattached-disk-01", 200, E() - 40);
        plantVolume(a, 1, "analytics-unattached-disk-02", 500, E() - 16);
        plantIp(a, 0, "ecommerce-eip-unused", E() - 22);
    }

    void buildKubernetes()
    {
        const int a = 4;
        static const int counts[] = { 30, 36, 16, 22, 12, 10, 30, 12 };
        static const char *const kinds[] = { "deployment", "deployment", "deployment", "statefulset", "deployment",
            "daemonset", "job", "daemonset" };
        const AccountDef &cluster = acc(a);
        for (int s = 0; s < static_cast<int>(cluster.subs.size()); ++s) {
            const int n = scaled(counts[s]);
            const QString ns = qs(subOf(a, s).id);
            for (int i = 1; i <= n; ++i) {
                const QString name = ns + QLatin1Char('-') + QString::number(i);
                const QString id
                    = QStringLiteral("prod-eks-1/") + ns + QLatin1Char('/') + qs(kinds[s]) + QLatin1Char('/') + name;
                DemoResource &w = newResource(
                    a, s, QStringLiteral("us-east-1"), id, name, "workload", QString(), tagsFor(a, s, ns));
                w.inInventory = false;
                // The first workload of a namespace runs the whole window, so a namespace is
                // never empty (the batch job storm needs a base to multiply) ...
                populationLifetime(w, i == 1 ? 1.0 : 0.65, i == 1 ? 0.0 : 0.08);
                // ... and is a sizeable one, so that a namespace's spike shows at any scale.
                const double cores = std::max(i == 1 ? 4.0 : 0.0, m_rng.uniform(0.25, 6));
                const double weekend = (s <= 1) ? 0.7 : 1.0;
                DemoUsage &cpu = addUsage(w, { "Kubernetes CPU", "Compute" }, QStringLiteral("cpuCoreHours"),
                    QStringLiteral("CPU core-hours allocated"), QStringLiteral("core-hours"), 0.031, cores * 24,
                    "Workload");
                cpu.weekendFactor = weekend;
                cpu.noise = 0.1;
                cpu.monthlyGrowth = 0.01;
                DemoUsage &ram = addUsage(w, { "Kubernetes RAM", "Compute" }, QStringLiteral("ramByteHours"),
                    QStringLiteral("RAM GiB-hours allocated"), QStringLiteral("GiB-hours"), 0.0042,
                    cores * m_rng.uniform(2, 8) * 24, "Workload");
                ram.weekendFactor = weekend;
                ram.noise = 0.08;
                ram.monthlyGrowth = 0.01;
                if (m_rng.chance(0.3))
                    addUsage(w, { "Kubernetes PV", "Storage" }, QStringLiteral("pvByteHours"),
                        QStringLiteral("Persistent volume GiB-hours"), QStringLiteral("GiB-hours"), 0.000137,
                        m_rng.uniform(20, 1000) * 24, "Workload");
                if (m_rng.chance(0.4)) {
                    DemoUsage &net = addUsage(w, { "Kubernetes Network", "Networking" }, QStringLiteral("networkBytes"),
                        QStringLiteral("Network egress"), QStringLiteral("GB"), 0.01, m_rng.uniform(5, 200),
                        "Workload");
                    net.weekendFactor = weekend;
                    net.noise = 0.2;
                }
            }
        }
        // Unallocated capacity of the cluster (OpenCost's __idle__).
        DemoResource &idle
            = newResource(a, 7, QStringLiteral("us-east-1"), QString(), QString(), "service", QString(), {});
        idle.inInventory = false;
        DemoUsage &u = addUsage(idle, { "Kubernetes CPU", "Compute" }, QStringLiteral("idleCoreHours"),
            QStringLiteral("Idle cluster capacity"), QStringLiteral("core-hours"), 0.031, scaled(40) * 24.0, "Idle");
        u.row.subAccountId = QStringLiteral("__idle__");
        u.row.subAccountName = QStringLiteral("__idle__");
        u.noise = 0.2;
        // The cluster itself.
        DemoResource &c = newResource(a, 7, QStringLiteral("us-east-1"),
            QStringLiteral("arn:aws:eks:us-east-1:512384960217:cluster/prod-eks-1"), QStringLiteral("prod-eks-1"),
            "cluster", QStringLiteral("1.29"),
            { { QStringLiteral("team"), QStringLiteral("platform") },
                { QStringLiteral("env"), QStringLiteral("prod") } });
        c.record.accountId = QStringLiteral("prod-eks-1");
        fixedLifetime(c, E() - 640);
        c.firstDay = E() + 1; // billed through its workloads
        c.record.state = QStringLiteral("active");
    }

    // ---- ML ----------------------------------------------------------------------------------

    void buildMl()
    {
        struct Gpu
        {
            int account, sub;
            const char *name, *flavor;
        };
        static const Gpu gpus[] = { { 0, 3, "ml-gpu-p3-01", "p3.2xlarge" }, { 0, 3, "ml-gpu-p3-02", "p3.2xlarge" },
            { 1, 2, "ml-gpu-nc6-01", "Standard_NC6s_v3" }, { 1, 2, "ml-gpu-nc6-02", "Standard_NC6s_v3" },
            { 0, 3, "ml-gpu-g5-01", "g5.xlarge" }, { 0, 3, "ml-gpu-g5-02", "g5.xlarge" } };
        std::vector<size_t> machines;
        for (const Gpu &g : gpus) {
            const size_t idx = addInstance(g.account, g.sub, qs(acc(g.account).regions.front()), qs(g.name), g.flavor,
                QStringLiteral("ml-training"), MetricProfile::Gpu, false, true, true);
            DemoResource &r = m_w.resources[idx];
            fixedLifetime(r, E() - 70);
            r.record.state = QStringLiteral("stopped");
            r.usages.resize(1);
            r.usages.front().noise = 0;
            machines.push_back(idx);
            // Its volumes follow the instance's creation.
            for (size_t v = idx + 1; v < m_w.resources.size(); ++v) {
                fixedLifetime(m_w.resources[v], E() - 70);
                m_w.resources[v].record.createdAt = r.record.createdAt;
                m_w.resources[v].record.firstSeen = r.record.firstSeen;
            }
        }

        struct Exp
        {
            const char *name, *description, *primary;
            bool maximize;
            const char *models[3];
            const char *dataset;
            std::vector<int> machines;
            int runs;
        };
        const Exp exps[] = {
            { "image-classifier", "Product photo classifier (12 classes)", "val_accuracy", true,
                { "resnet50", "efficientnet_b0", "vit_small_patch16" }, "product-photos-v3", { 0, 1, 2, 3 }, 16 },
            { "churn-prediction", "Customer churn in the next 30 days", "val_auc", true,
                { "xgboost", "lightgbm", "tabnet" }, "crm-snapshot-2026-10", { 4 }, 12 },
            { "demand-forecast", "Daily demand per store and product", "val_rmse", false, { "lstm", "tft", "nbeats" },
                "sales-daily-v7", { 5 }, 12 },
        };
        const int64_t windowStart = static_cast<int64_t>(std::max(m_w.firstDay, E() - 58)) * kDay + 6 * 3600;
        const int64_t now = m_w.observedAt;
        std::vector<int64_t> freeAt(machines.size(), windowStart);
        const double windowHours = static_cast<double>(now - windowStart) / 3600.0;
        int expIndex = 0;
        for (const Exp &e : exps) {
            MlExperiment ex;
            ex.name = qs(e.name);
            ex.description = qs(e.description);
            ex.primaryMetric = qs(e.primary);
            ex.maximize = e.maximize;
            ex.tags = { { QStringLiteral("team"), QStringLiteral("ml") } };
            m_w.experiments.push_back(ex);
            const double runsPerMachine
                = std::ceil(static_cast<double>(e.runs) / static_cast<double>(e.machines.size()));
            const double meanGapH = windowHours / runsPerMachine;
            for (int k = 0; k < e.runs; ++k) {
                const int m = e.machines[static_cast<size_t>(k) % e.machines.size()];
                DemoResource &machine = m_w.resources[machines[static_cast<size_t>(m)]];
                const double durationH = m_rng.uniform(1.5, 9.0);
                const double gapH = std::max(2.0, m_rng.uniform(0.3, 0.95) * meanGapH - durationH);
                int64_t start = freeAt[static_cast<size_t>(m)] + static_cast<int64_t>(gapH * 3600);
                int64_t end = start + static_cast<int64_t>(durationH * 3600);
                QString status = QStringLiteral("FINISHED");
                const bool last = k == e.runs - 1 && expIndex == 0;
                if (last) {
                    // The newest image run is still training.
                    start = now - 3 * 3600;
                    end = now;
                    status = QStringLiteral("RUNNING");
                } else if (end > now - 6 * 3600) {
                    break;
                } else if (k % 7 == 5) {
                    status = QStringLiteral("FAILED");
                    end = start + (end - start) / 4;
                } else if (k % 11 == 9) {
                    status = QStringLiteral("KILLED");
                    end = start + (end - start) / 2;
                }
                freeAt[static_cast<size_t>(m)] = end;
                machine.busyPeriods.emplace_back(start, end);
                if (status == u"RUNNING")
                    machine.record.state = QStringLiteral("running");
                for (int64_t t = start; t < end;) {
                    const int32_t day = static_cast<int32_t>(t / kDay);
                    const int64_t dayEnd = (static_cast<int64_t>(day) + 1) * kDay;
                    const int64_t stop = std::min(end, dayEnd);
                    machine.hours[day] += static_cast<double>(stop - t) / 3600.0;
                    t = stop;
                }
                m_w.runs.push_back(
                    makeRun(e.name, e.primary, e.models[k % 3], e.dataset, k, start, end, status, machine, e.maximize));
            }
            ++expIndex;
        }
        for (size_t m : machines) {
            DemoResource &r = m_w.resources[m];
            if (r.hours.empty()) {
                r.firstDay = E() + 1;
                continue;
            }
            r.firstDay = r.hours.begin()->first;
            r.lastDay = r.hours.rbegin()->first;
            r.record.lastSeen = m_w.observedAt;
            for (auto &h : r.hours)
                h.second = std::min(24.0, h.second);
        }
    }

    MlRun makeRun(const char *experiment, const char *primary, const char *model, const char *dataset, int k,
        int64_t start, int64_t end, const QString &status, const DemoResource &machine, bool maximize)
    {
        MlRun run;
        run.runUuid = DemoIds::hex(qs(experiment) + QStringLiteral("/run/") + QString::number(k), 32);
        run.experimentName = qs(experiment);
        run.name = qs(model) + QLatin1Char('-') + QString::number(k + 1);
        run.status = status;
        run.startMs = start * 1000;
        run.endMs = status == u"RUNNING" ? 0 : end * 1000;
        run.instanceId = machine.record.resourceId;
        run.instanceType = machine.record.flavor;
        run.host = machine.record.name;
        run.dataset = qs(dataset);
        static const double lrs[] = { 0.0001, 0.0003, 0.001, 0.003, 0.01 };
        static const int batches[] = { 32, 64, 128, 256 };
        const double lr = m_rng.pick(lrs);
        const int batch = m_rng.pick(batches);
        const int epochs = 10 + 5 * m_rng.between(0, 6);
        run.params
            = { { QStringLiteral("lr"), QString::number(lr) }, { QStringLiteral("batch_size"), QString::number(batch) },
                  { QStringLiteral("model"), qs(model) }, { QStringLiteral("epochs"), QString::number(epochs) } };
        run.tags = { { QStringLiteral("mlflow.source.name"), QStringLiteral("train.py") },
            { QStringLiteral("mlflow.user"), qs(kOwners[static_cast<size_t>(k) % 6]) },
            { QStringLiteral("mlflow.runName"), run.name }, { QStringLiteral("costscope.instance_id"), run.instanceId },
            { QStringLiteral("costscope.instance_type"), run.instanceType },
            { QStringLiteral("costscope.dataset"), run.dataset } };
        // Quality depends on the model and the learning rate, plus noise.
        const double lrPenalty = std::abs(std::log10(lr) + 3.0) * 0.04;
        const double quality = std::clamp(0.55 + 0.12 * (k % 3) - lrPenalty + m_rng.uniform(-0.05, 0.05), 0.1, 0.95);
        const int steps = status == u"FINISHED" ? epochs : std::max(1, epochs / (status == u"FAILED" ? 4 : 2));
        const int64_t stepMs = std::max<int64_t>(1000, (end - start) * 1000 / std::max(1, steps));
        const QString primaryKey = qs(primary);
        for (int step = 0; step < steps; ++step) {
            const double progress = 1.0 - std::exp(-4.0 * (step + 1) / epochs);
            const int64_t ts = start * 1000 + (step + 1) * stepMs;
            const double loss = 2.3 * (1.0 - progress * quality) + m_rng.uniform(-0.03, 0.03);
            const double valLoss = loss * m_rng.uniform(1.02, 1.12);
            double score = maximize ? 0.1 + 0.85 * quality * progress : 80.0 * (1.0 - 0.8 * quality * progress);
            score += m_rng.uniform(-0.01, 0.01) * (maximize ? 1.0 : 20.0);
            run.metrics.push_back({ QStringLiteral("loss"), loss, ts, step });
            run.metrics.push_back({ QStringLiteral("val_loss"), valLoss, ts, step });
            run.metrics.push_back({ primaryKey, score, ts, step });
            if (maximize)
                run.metrics.push_back({ QStringLiteral("accuracy"), std::min(0.999, score + 0.04), ts, step });
        }
        return run;
    }

    // ---- taxes, credits, spikes ----------------------------------------------------------------

    void addMonthEnd(
        int a, int s, ChargeCategory category, const Svc &svc, const QString &description, double share, double amount)
    {
        DemoMonthEnd me;
        me.account = a;
        me.row.subAccountId = qs(subOf(a, s).id);
        me.row.subAccountName = qs(subOf(a, s).name);
        me.row.serviceName = qs(svc.name);
        me.row.serviceCategory = qs(svc.category);
        me.row.chargeCategory = category;
        me.row.chargeDescription = description;
        me.row.pricingCategory = QStringLiteral("Other");
        me.shareOfBilled = share;
        me.fixedAmount = amount;
        m_w.monthEnds.push_back(std::move(me));
    }

    void buildMonthEnds()
    {
        addMonthEnd(0, 0, ChargeCategory::Tax, { "Tax", "Other" }, QStringLiteral("Sales tax"), 0.006, 0);
        addMonthEnd(0, 3, ChargeCategory::Credit, { "AWS Credits", "Other" },
            QStringLiteral("AWS Activate promotional credit"), 0, -1500.0 * std::min(1.0, m_scale * 4));
        addMonthEnd(2, 2, ChargeCategory::Credit, { "Compute Engine", "Compute" },
            QStringLiteral("Promotional credit: ML sandbox"), 0, -800.0 * std::min(1.0, m_scale * 4));
        addMonthEnd(3, 0, ChargeCategory::Tax, { "Tax", "Other" }, QStringLiteral("VAT"), 0.06, 0);
    }

    void spike(const QString &what, int a, int s, const QString &service, int32_t first, int32_t last, double factor,
        const QString &sku = QString())
    {
        for (DemoResource &r : m_w.resources) {
            if (r.account != a || r.sub != s)
                continue;
            for (DemoUsage &u : r.usages) {
                if (u.row.serviceName != service || (!sku.isEmpty() && u.row.skuId != sku))
                    continue;
                u.spikeFirst = first;
                u.spikeLast = last;
                u.spikeFactor = factor;
            }
        }
        m_w.spikes.push_back({ what, qs(acc(a).provider), first, last, factor });
    }

    void buildSpikes()
    {
        spike(QStringLiteral("BigQuery runaway query in acme-analytics"), 2, 1, QStringLiteral("BigQuery"), E() - 9,
            E() - 9, 12, QStringLiteral("Analysis"));
        spike(QStringLiteral("AWS data-platform internet egress (misrouted replication)"), 0, 2,
            QStringLiteral("AWS Data Transfer"), E() - 38, E() - 37, 8);
        spike(QStringLiteral("Alibaba Cloud OSS outbound traffic during a shop promotion"), 3, 0,
            QStringLiteral("Object Storage Service"), E() - 150, E() - 150, 6,
            QStringLiteral("Internet outbound traffic"));
        spike(QStringLiteral("Kubernetes batch namespace job storm"), 4, 6, QStringLiteral("Kubernetes CPU"), E() - 4,
            E() - 4, 5);
        spike(QStringLiteral("AWS prod Lambda retry storm"), 0, 0, QStringLiteral("AWS Lambda"), E() - 200, E() - 199,
            10);
        // Azure ML-Workloads: a burst of 8 GPU VMs for three days.
        for (int k = 1; k <= 8; ++k) {
            const QString name
                = QStringLiteral("ml-gpu-burst-") + QString::number(k).rightJustified(2, QLatin1Char('0'));
            const size_t idx = addInstance(1, 2, qs(acc(1).regions.front()), name, "Standard_NC6s_v3",
                QStringLiteral("ml-training"), MetricProfile::None, false, false, true);
            DemoResource &r = m_w.resources[idx];
            r.usages.resize(1);
            fixedLifetime(r, E() - 75);
            r.firstDay = E() - 75;
            r.lastDay = E() - 73;
            r.record.lastSeen = static_cast<int64_t>(r.lastDay) * kDay + 20 * 3600;
            r.record.state = QStringLiteral("terminated");
            if (r.firstDay < m_w.firstDay)
                r.firstDay = E() + 1;
        }
        m_w.spikes.push_back({ QStringLiteral("Azure ML-Workloads burst of 8 Standard_NC6s_v3 VMs"),
            QStringLiteral("Azure"), E() - 75, E() - 73, 0 });
    }

    DemoRng m_rng;
    double m_scale;
    const std::vector<AccountDef> &m_accounts;
    DemoWorld m_w;
};

} // namespace

QDate demoEndDate(const DemoOptions &options)
{
    return options.endDate.isValid() ? options.endDate : QDateTime::currentDateTimeUtc().date();
}

QDate demoFirstDate(const DemoOptions &options)
{
    const QDate end = demoEndDate(options);
    const int months = std::max(1, options.months);
    return QDate(end.year(), end.month(), 1).addMonths(-(months - 1));
}

DemoWorld buildDemoWorld(const DemoOptions &options)
{
    return WorldBuilder(options).build();
}

} // namespace costscope::demo
