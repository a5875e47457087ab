// Reads an MLflow file store (mlruns/): experiment folders with meta.yaml, run folders with
// meta.yaml, metrics/ (lines "timestamp value step"), params/ and tags/ (one file per key, keys
// with '/' in nested folders). Deleted experiments live in .trash/.

#include "providers/ml/RunImport.h"

#include "model/ml/MlValidation.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace costscope::ml {

namespace {

constexpr qint64 kMaxSmallFile = 1024 * 1024;           // meta.yaml, a param or a tag
constexpr qint64 kMaxMetricFile = 512LL * 1024 * 1024;  // one metric's history

// The top-level "key: value" lines of a meta.yaml (MLflow writes no nesting but "tags: []").
// A missing value, "null" or "~" is absent.
struct Yaml
{
    QHash<QString, QString> values;
    QSet<QString> nulls;
    bool has(const QString &k) const { return values.contains(k); }
    QString value(const QString &k) const { return values.value(k); }
};

std::optional<Yaml> readYaml(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    if (f.size() > kMaxSmallFile) {
        *error = QStringLiteral("%1: too large for a meta.yaml (%2 bytes)").arg(path).arg(f.size());
        return std::nullopt;
    }
    Yaml y;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || lines[i].startsWith(' ') || lines[i].startsWith('-'))
            continue; // comments, nested items
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            *error = QStringLiteral("%1:%2: expected 'key: value'").arg(path).arg(i + 1);
            return std::nullopt;
        }
        const QString key = line.left(colon).trimmed();
        QString v = line.mid(colon + 1).trimmed();
        if (v.isEmpty() || v == u"null" || v == u"~") {
            y.nulls.insert(key);
            continue;
        }
        if (v.size() >= 2 && v.startsWith(u'\'') && v.endsWith(u'\'')) {
            v = v.mid(1, v.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
        } else if (v.size() >= 2 && v.startsWith(u'"') && v.endsWith(u'"')) {
            v = v.mid(1, v.size() - 2).replace(QStringLiteral("\\\""), QStringLiteral("\"")).replace(
                QStringLiteral("\\\\"), QStringLiteral("\\"));
        } else if ((v.startsWith(u'\'') || v.startsWith(u'"'))) {
            *error = QStringLiteral("%1:%2: unterminated quoted value").arg(path).arg(i + 1);
            return std::nullopt;
        }
        y.values.insert(key, v);
    }
    return y;
}

std::optional<int64_t> yamlInt(const Yaml &y, const QString &key, const QString &path, QString *error)
{
    if (!y.has(key))
        return std::nullopt;
    bool ok = false;
    const qlonglong v = y.value(key).toLongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("%1: %2 is not a whole number: '%3'").arg(path, key, y.value(key).left(40));
        return std::nullopt;
    }
    return v;
}

// The file store writes the status as RunStatus numbers.
QString statusName(const QString &v)
{
    static const char *const kNames[] = {"", "RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"};
    bool ok = false;
    const int n = v.toInt(&ok);
    if (ok && n >= 1 && n <= 5)
        return QString::fromLatin1(kNames[n]);
    return isRunStatus(v) ? v : QString();
}

// Every file under dir as "relative/key" -> content (params, tags).
bool readKeyFiles(const QString &dir, KeyValues *out, QString *error)
{
    if (!QFileInfo(dir).isDir())
        return true;
    QDirIterator it(dir, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    QList<QPair<QString, QString>> items;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
            return false;
        }
        if (f.size() > kMaxSmallFile) {
            *error = QStringLiteral("%1: too large (%2 bytes)").arg(path).arg(f.size());
            return false;
        }
        items.append({QDir(dir).relativeFilePath(path), QString::fromUtf8(f.readAll())});
    }
    std::sort(items.begin(), items.end());
    *out += items;
    return true;
}

std::optional<double> parseMetricValue(const QString &s)
{
    const QString v = s.toLower();
    if (v == u"nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (v == u"inf" || v == u"infinity")
        return std::numeric_limits<double>::infinity();
    if (v == u"-inf" || v == u"-infinity")
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double d = s.toDouble(&ok);
    return ok ? std::optional<double>(d) : std::nullopt;
}

bool readMetrics(const QString &dir, std::vector<Metric> *out, QString *error)
{
    if (!QFileInfo(dir).isDir())
        return true;
    QDirIterator it(dir, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
            return false;
        }
        if (f.size() > kMaxMetricFile) {
            *error = QStringLiteral("%1: too large (%2 bytes)").arg(path).arg(f.size());
            return false;
        }
        const QString key = QDir(dir).relativeFilePath(path);
        int lineNo = 0;
        while (!f.atEnd()) {
            ++lineNo;
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty())
                continue;
            const QStringList parts = line.split(u' ', Qt::SkipEmptyParts);
            bool tsOk = false;
            bool stepOk = true;
            Metric m;
            m.key = key;
            if (parts.size() == 2 || parts.size() == 3) {
                m.timestamp = parts[0].toLongLong(&tsOk);
                if (parts.size() == 3)
                    m.step = parts[2].toLongLong(&stepOk);
            }
            const auto value = parts.size() >= 2 ? parseMetricValue(parts[1]) : std::nullopt;
            if (!tsOk || !stepOk || !value) {
                *error = QStringLiteral("%1:%2: expected 'timestamp value step', got '%3'")
                             .arg(path)
                             .arg(lineNo)
                             .arg(line.left(80));
                return false;
            }
            m.value = *value;
            out->push_back(m);
        }
    }
    return true;
}

bool readRun(const QString &runDir, const QString &experimentName, RunImportBatch *batch, QString *error)
{
    const QString metaPath = runDir + u"/meta.yaml";
    auto meta = readYaml(metaPath, error);
    if (!meta)
        return false;
    ImportedRun run;
    run.experimentName = experimentName;
    run.info.runId = meta->value(QStringLiteral("run_id"));
    if (run.info.runId.isEmpty())
        run.info.runId = meta->value(QStringLiteral("run_uuid"));
    if (run.info.runId.isEmpty()) {
        *error = QStringLiteral("%1: no run_id").arg(metaPath);
        return false;
    }
    run.info.runName = meta->value(QStringLiteral("run_name"));
    run.info.userId = meta->value(QStringLiteral("user_id"));
    run.info.artifactUri = meta->value(QStringLiteral("artifact_uri"));
    run.info.lifecycleStage = meta->has(QStringLiteral("lifecycle_stage")) ? meta->value(QStringLiteral("lifecycle_stage"))
                                                                           : QStringLiteral("active");
    run.info.status = statusName(meta->value(QStringLiteral("status")));
    if (run.info.status.isEmpty()) {
        *error = QStringLiteral("%1: unknown run status '%2'").arg(metaPath, meta->value(QStringLiteral("status")).left(20));
        return false;
    }
    QString numberError;
    const auto start = yamlInt(*meta, QStringLiteral("start_time"), metaPath, &numberError);
    const auto end = yamlInt(*meta, QStringLiteral("end_time"), metaPath, &numberError);
    if (!numberError.isEmpty()) {
        *error = numberError;
        return false;
    }
    run.info.startTime = start.value_or(0);
    run.info.endTime = end;
    if (!readKeyFiles(runDir + u"/params", &run.params, error) || !readKeyFiles(runDir + u"/tags", &run.tags, error)
        || !readMetrics(runDir + u"/metrics", &run.history, error))
        return false;
    for (const auto &t : run.tags)
        if (t.first == u"mlflow.runName" && run.info.runName.isEmpty())
            run.info.runName = t.second;
    batch->runs.push_back(std::move(run));
    return true;
}

bool readExperiment(const QString &expDir, RunImportBatch *batch, QString *error)
{
    const QString metaPath = expDir + u"/meta.yaml";
    auto meta = readYaml(metaPath, error);
    if (!meta)
        return false;
    ImportedExperiment e;
    e.name = meta->value(QStringLiteral("name"));
    if (e.name.isEmpty()) {
        *error = QStringLiteral("%1: no experiment name").arg(metaPath);
        return false;
    }
    e.artifactLocation = meta->value(QStringLiteral("artifact_location"));
    e.lifecycleStage = meta->has(QStringLiteral("lifecycle_stage")) ? meta->value(QStringLiteral("lifecycle_stage"))
                                                                    : QStringLiteral("active");
    QString numberError;
    e.creationTime = yamlInt(*meta, QStringLiteral("creation_time"), metaPath, &numberError).value_or(0);
    if (!numberError.isEmpty()) {
        *error = numberError;
        return false;
    }
    if (!readKeyFiles(expDir + u"/tags", &e.tags, error))
        return false;
    batch->experiments.push_back(e);
    const QDir dir(expDir);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (name == u"tags" || name == u"datasets")
            continue;
        const QString runDir = dir.filePath(name);
        if (!QFileInfo::exists(runDir + u"/meta.yaml")) {
            batch->warnings << QStringLiteral("%1: skipped, no meta.yaml").arg(runDir);
            continue;
        }
        if (!readRun(runDir, e.name, batch, error))
            return false;
    }
    return true;
}

} // namespace

bool readMlrunsFolder(const QString &folder, RunImportBatch *batch, QString *error)
{
    batch->format = QStringLiteral("MLflow file store");
    const QDir root(folder);
    if (!root.exists()) {
        *error = QStringLiteral("%1: no such folder").arg(folder);
        return false;
    }
    QStringList expDirs;
    for (const QString &name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (name != u".trash")
            expDirs << root.filePath(name);
    const QDir trash(root.filePath(QStringLiteral(".trash")));
    if (trash.exists())
        for (const QString &name : trash.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            expDirs << trash.filePath(name);
    for (const QString &dir : expDirs) {
        if (!QFileInfo::exists(dir + u"/meta.yaml")) {
            batch->warnings << QStringLiteral("%1: skipped, no meta.yaml").arg(dir);
            continue;
        }
        if (!readExperiment(dir, batch, error))
            return false;
    }
    if (batch->experiments.empty()) {
        *error = QStringLiteral("%1: no experiment folder with a meta.yaml; is this an mlruns folder?").arg(folder);
        return false;
    }
    return true;
}

} // namespace costscope::ml
