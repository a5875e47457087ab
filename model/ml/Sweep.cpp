#include "model/ml/Sweep.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace costscope::ml {

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool validParamName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]{0,99}$"));
    return re.match(name).hasMatch();
}

bool hasControl(const QString &s)
{
    for (QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    return false;
}

QString formatNumber(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(static_cast<qint64>(v));
    return QString::number(v, 'g', 6);
}

// a x b x c / d, rounded half away from zero; nanos, saturating.
int64_t mulDiv(int64_t a, int64_t b, int64_t c, int64_t d)
{
    Int128 p = static_cast<Int128>(a) * b * c;
    const bool negative = p < 0;
    if (negative)
        p = -p;
    Int128 q = (p + d / 2) / d;
    if (q > static_cast<Int128>(INT64_MAX))
        q = INT64_MAX;
    return negative ? -static_cast<int64_t>(q) : static_cast<int64_t>(q);
}

int64_t minutesMilli(double minutes)
{
    if (!std::isfinite(minutes) || minutes <= 0)
        return 0;
    return static_cast<int64_t>(std::llround(std::min(minutes, 1e9) * 1000.0));
}

} // namespace

std::optional<QStringList> expandSweepValues(const QString &spec, QString *error)
{
    const QString s = spec.trimmed();
    if (s.isEmpty()) {
        fail(error, QStringLiteral("no values"));
        return std::nullopt;
    }
    if (hasControl(s)) {
        fail(error, QStringLiteral("values may not hold control characters or line breaks"));
        return std::nullopt;
    }
    static const QRegularExpression range(QStringLiteral(
        R"(^([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*\.\.\s*([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*[xX]\s*([0-9]+)\s*(log|lin|linear)?$)"));
    const auto m = range.match(s);
    if (m.hasMatch()) {
        const double from = m.captured(1).toDouble();
        const double to = m.captured(2).toDouble();
        bool countOk = false;
        const int count = m.captured(3).toInt(&countOk);
        const bool log = m.captured(4) == u"log";
        if (!countOk || count < 1 || count > kMaxSweepRuns) {
            fail(error, QStringLiteral("range '%1': the count after x must be 1 to %2").arg(s).arg(kMaxSweepRuns));
            return std::nullopt;
        }
        if (log && (from <= 0 || to <= 0)) {
            fail(error, QStringLiteral("range '%1': a log range needs both ends above 0").arg(s));
            return std::nullopt;
        }
        QStringList values;
        for (int i = 0; i < count; ++i) {
            const double t = count == 1 ? 0.0 : static_cast<double>(i) / (count - 1);
            double v = log ? std::pow(10.0, std::log10(from) + t * (std::log10(to) - std::log10(from)))
                           : from + t * (to - from);
            if (i == count - 1 && count > 1)
                v = to; // exactly the end the user typed
            if (i == 0)
                v = from;
            values << formatNumber(v);
        }
        values.removeDuplicates();
        return values;
    }
    if (s.contains(u"..")) {
        fail(error, QStringLiteral("'%1' is not a range like 1e-4..1e-1 x4 log").arg(s));
        return std::nullopt;
    }
    QStringList values;
    for (const QString &part : s.split(u',')) {
        const QString v = part.trimmed();
        if (v.isEmpty()) {
            fail(error, QStringLiteral("'%1' has an empty value").arg(s));
            return std::nullopt;
        }
        if (v.size() > 250) {
            fail(error, QStringLiteral("a value is longer than 250 characters"));
            return std::nullopt;
        }
        if (!values.contains(v))
            values << v;
    }
    if (values.size() > kMaxSweepRuns) {
        fail(error, QStringLiteral("more than %1 values").arg(kMaxSweepRuns));
        return std::nullopt;
    }
    return values;
}

std::optional<SweepParam> parseSweepParam(const QString &text, QString *error)
{
    const qsizetype eq = text.indexOf(u'=');
    if (eq < 0) {
        fail(error, QStringLiteral("'%1' is not NAME=VALUES").arg(text.left(80)));
        return std::nullopt;
    }
    SweepParam p;
    p.name = text.left(eq).trimmed();
    p.spec = text.mid(eq + 1).trimmed();
    if (!validParamName(p.name)) {
        fail(error, QStringLiteral("'%1' is not a parameter name (letters, digits, _ . -, not starting with a digit)")
                        .arg(p.name.left(80)));
        return std::nullopt;
    }
    QString valuesError;
    auto values = expandSweepValues(p.spec, &valuesError);
    if (!values) {
        fail(error, QStringLiteral("%1: %2").arg(p.name, valuesError));
        return std::nullopt;
    }
    p.values = *values;
    return p;
}

QString shellQuote(const QString &value)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:,=+@%-]+$"));
    if (safe.match(value).hasMatch() && !value.startsWith(u'-') && !value.startsWith(u'='))
        return value;
    QString out = QStringLiteral("'");
    for (QChar c : value) {
        if (c == u'\'')
            out += QStringLiteral("'\\''");
        else
            out += c;
    }
    out += u'\'';
    return out;
}

QStringList commandPlaceholders(const QString &commandTemplate, QString *error)
{
    QStringList names;
    for (qsizetype i = 0; i < commandTemplate.size(); ++i) {
        const QChar c = commandTemplate.at(i);
        if (c == u'{') {
            if (i + 1 < commandTemplate.size() && commandTemplate.at(i + 1) == u'{') {
                ++i;
                continue;
            }
            const qsizetype end = commandTemplate.indexOf(u'}', i + 1);
            if (end < 0) {
                fail(error, QStringLiteral("the command has a '{' without its '}'"));
                return {};
            }
            const QString name = commandTemplate.mid(i + 1, end - i - 1);
            if (!validParamName(name)) {
                fail(error, QStringLiteral("the command's placeholder {%1} is not a parameter name").arg(name.left(80)));
                return {};
            }
            if (!names.contains(name))
                names << name;
            i = end;
        } else if (c == u'}') {
            if (i + 1 < commandTemplate.size() && commandTemplate.at(i + 1) == u'}') {
                ++i;
                continue;
            }
            fail(error, QStringLiteral("the command has a '}' without its '{' (write }} for a brace)"));
            return {};
        }
    }
    return names;
}

int64_t SweepPlan::runCount() const
{
    int64_t n = 1;
    for (const SweepParam &p : grid) {
        n *= std::max<int64_t>(p.values.size(), 0);
        if (n > kMaxSweepRuns)
            return kMaxSweepRuns + 1;
    }
    return n;
}

Money SweepPlan::costPerRun() const
{
    return Money::fromNanos(mulDiv(hourlyPrice.nanos(), minutesMilli(minutesPerRun), 1, 60'000));
}

Money SweepPlan::projectedCost() const
{
    return Money::fromNanos(mulDiv(hourlyPrice.nanos(), minutesMilli(minutesPerRun), runCount(), 60'000));
}

QString SweepPlan::validate() const
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("the sweep has no name");
    if (hasControl(name))
        return QStringLiteral("the sweep's name may not hold control characters");
    if (experimentId.isEmpty() && experimentName.trimmed().isEmpty())
        return QStringLiteral("the sweep has no experiment");
    QStringList seen;
    for (const SweepParam &p : grid) {
        if (!validParamName(p.name))
            return QStringLiteral("'%1' is not a parameter name").arg(p.name.left(80));
        if (seen.contains(p.name))
            return QStringLiteral("the parameter %1 is listed twice").arg(p.name);
        seen << p.name;
        if (p.values.isEmpty())
            return QStringLiteral("the parameter %1 has no values").arg(p.name);
        for (const QString &v : p.values)
            if (hasControl(v))
                return QStringLiteral("a value of %1 holds a control character").arg(p.name);
    }
    if (runCount() > kMaxSweepRuns)
        return QStringLiteral("the grid makes more than %1 runs").arg(kMaxSweepRuns);
    if (instanceType.trimmed().isEmpty())
        return QStringLiteral("no instance type");
    if (!std::isfinite(minutesPerRun) || minutesPerRun <= 0 || minutesPerRun > 60.0 * 24 * 365)
        return QStringLiteral("the minutes per run must be above 0 (at most a year)");
    if (hourlyPrice <= Money())
        return QStringLiteral("no hourly price for %1").arg(instanceType);
    if (budget <= Money())
        return QStringLiteral("the budget must be above 0");
    QString templateError;
    const QStringList used = commandPlaceholders(commandTemplate, &templateError);
    if (!templateError.isEmpty())
        return templateError;
    if (hasControl(commandTemplate))
        return QStringLiteral("the command must be one line");
    for (const QString &u : used)
        if (u != u"run_name" && u != u"run_index" && !seen.contains(u))
            return QStringLiteral("the command uses {%1}, which is not a parameter of the grid").arg(u);
    return {};
}

std::vector<KeyValues> SweepPlan::assignments() const
{
    std::vector<KeyValues> out;
    const int64_t n = runCount();
    if (n > kMaxSweepRuns || n == 0)
        return out;
    out.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        KeyValues kv;
        int64_t rest = i;
        std::vector<int64_t> index(grid.size());
        for (size_t k = grid.size(); k-- > 0;) {
            const int64_t size = grid[k].values.size();
            index[k] = rest % size;
            rest /= size;
        }
        for (size_t k = 0; k < grid.size(); ++k)
            kv.append({grid[k].name, grid[k].values.at(index[k])});
        out.push_back(std::move(kv));
    }
    return out;
}

std::vector<SweepRunSpec> SweepPlan::renderRuns(const QString &trackingUri) const
{
    std::vector<SweepRunSpec> out;
    const auto all = assignments();
    const int width = static_cast<int>(QString::number(all.size()).size());
    int index = 0;
    for (const KeyValues &kv : all) {
        ++index;
        SweepRunSpec r;
        r.index = index;
        r.runName = QStringLiteral("%1-%2").arg(name.trimmed()).arg(index, std::max(width, 3), 10, QLatin1Char('0'));
        r.params = kv;
        auto valueOf = [&](const QString &key) -> QString {
            if (key == u"run_name")
                return r.runName;
            if (key == u"run_index")
                return QString::number(index);
            for (const auto &[k, v] : kv)
                if (k == key)
                    return v;
            return {};
        };
        QString cmd;
        for (qsizetype i = 0; i < commandTemplate.size(); ++i) {
            const QChar c = commandTemplate.at(i);
            if ((c == u'{' || c == u'}') && i + 1 < commandTemplate.size() && commandTemplate.at(i + 1) == c) {
                cmd += c;
                ++i;
            } else if (c == u'{') {
                const qsizetype end = commandTemplate.indexOf(u'}', i + 1);
                if (end < 0) {
                    cmd += commandTemplate.mid(i);
                    break;
                }
                cmd += shellQuote(valueOf(commandTemplate.mid(i + 1, end - i - 1)));
                i = end;
            } else {
                cmd += c;
            }
        }
        r.command = cmd;
        const QString sweepId = QString::number(id);
        r.tags = {{QString::fromLatin1(kSweepTag), sweepId},
                  {QString::fromLatin1(kInstanceTypeTag), instanceType},
                  {QStringLiteral("mlflow.runName"), r.runName}};
        QJsonObject context;
        for (const auto &[k, v] : r.tags)
            context[k] = v;
        r.env = {{QStringLiteral("MLFLOW_TRACKING_URI"), trackingUri},
                 {QStringLiteral("MLFLOW_RUN_CONTEXT"),
                  QString::fromUtf8(QJsonDocument(context).toJson(QJsonDocument::Compact))},
                 {QStringLiteral("COSTSCOPE_SWEEP_ID"), sweepId},
                 {QStringLiteral("COSTSCOPE_INSTANCE_TYPE"), instanceType},
                 {QStringLiteral("COSTSCOPE_RUN_NAME"), r.runName}};
        if (!experimentId.isEmpty())
            r.env.insert(r.env.begin() + 1, {QStringLiteral("MLFLOW_EXPERIMENT_ID"), experimentId});
        else
            r.env.insert(r.env.begin() + 1, {QStringLiteral("MLFLOW_EXPERIMENT_NAME"), experimentName});
        out.push_back(std::move(r));
    }
    return out;
}

QString SweepPlan::shellScript(const QString &trackingUri) const
{
    QString s = QStringLiteral("#!/bin/sh\n"
                               "# Costscope sweep %1: %2 runs on %3, %4 min each, projected %5 of a %6 budget.\n"
                               "# Each run gets its tags through MLFLOW_RUN_CONTEXT (read by the MLflow Python client);\n"
                               "# other clients must set the tags costscope.sweep and costscope.instance_type themselves\n"
                               "# from COSTSCOPE_SWEEP_ID and COSTSCOPE_INSTANCE_TYPE.\n"
                               "set -e\n")
                    .arg(shellQuote(name).replace(u'\n', u' '))
                    .arg(runCount())
                    .arg(instanceType)
                    .arg(minutesPerRun)
                    .arg(projectedCost().toDisplay(currency), budget.toDisplay(currency));
    for (const SweepRunSpec &r : renderRuns(trackingUri)) {
        QStringList params;
        for (const auto &[k, v] : r.params)
            params << k + u'=' + shellQuote(v);
        s += u'\n' + QStringLiteral("# run %1: %2\n(\n").arg(r.index).arg(params.join(u' '));
        for (const auto &[k, v] : r.env)
            s += QStringLiteral("  export %1=%2\n").arg(k, shellQuote(v));
        s += u"  " + r.command + u"\n)\n";
    }
    return s;
}

QByteArray SweepPlan::runsJson(const QString &trackingUri) const
{
    QJsonArray runs;
    for (const SweepRunSpec &r : renderRuns(trackingUri)) {
        QJsonObject params, env, tags;
        for (const auto &[k, v] : r.params)
            params[k] = v;
        for (const auto &[k, v] : r.env)
            env[k] = v;
        for (const auto &[k, v] : r.tags)
            tags[k] = v;
        runs.append(QJsonObject{{QStringLiteral("index"), r.index},
                                {QStringLiteral("run_name"), r.runName},
                                {QStringLiteral("params"), params},
                                {QStringLiteral("command"), r.command},
                                {QStringLiteral("env"), env},
                                {QStringLiteral("tags"), tags}});
    }
    const QJsonObject sweep{{QStringLiteral("id"), static_cast<qint64>(id)},
                            {QStringLiteral("name"), name},
                            {QStringLiteral("experiment_id"), experimentId},
                            {QStringLiteral("experiment"), experimentName},
                            {QStringLiteral("instance_type"), instanceType},
                            {QStringLiteral("minutes_per_run"), minutesPerRun},
                            {QStringLiteral("hourly_price"), hourlyPrice.toString()},
                            {QStringLiteral("runs"), static_cast<qint64>(runCount())},
                            {QStringLiteral("cost_per_run"), costPerRun().toString()},
                            {QStringLiteral("projected_cost"), projectedCost().toString()},
                            {QStringLiteral("budget"), budget.toString()},
                            {QStringLiteral("currency"), currency},
                            {QStringLiteral("over_budget"), overBudget()}};
    return QJsonDocument(QJsonObject{{QStringLiteral("sweep"), sweep}, {QStringLiteral("runs"), runs}})
        .toJson(QJsonDocument::Indented);
}

QByteArray SweepPlan::gridJson() const
{
    QJsonArray params;
    for (const SweepParam &p : grid)
        params.append(QJsonObject{{QStringLiteral("name"), p.name},
                                  {QStringLiteral("spec"), p.spec},
                                  {QStringLiteral("values"), QJsonArray::fromStringList(p.values)}});
    return QJsonDocument(QJsonObject{{QStringLiteral("params"), params}, {QStringLiteral("command"), commandTemplate}})
        .toJson(QJsonDocument::Compact);
}

bool SweepPlan::setGridJson(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(error, QStringLiteral("the sweep's grid is not a JSON object"));
    const QJsonObject o = doc.object();
    std::vector<SweepParam> g;
    for (const QJsonValue &v : o.value(u"params").toArray()) {
        const QJsonObject po = v.toObject();
        SweepParam p;
        p.name = po.value(u"name").toString();
        p.spec = po.value(u"spec").toString();
        for (const QJsonValue &x : po.value(u"values").toArray())
            p.values << x.toString();
        if (p.name.isEmpty() || p.values.isEmpty())
            return fail(error, QStringLiteral("the sweep's grid has a parameter without a name or values"));
        g.push_back(std::move(p));
    }
    grid = std::move(g);
    commandTemplate = o.value(u"command").toString();
    return true;
}

QString SweepPlan::statusName(Status s)
{
    switch (s) {
    case Status::Planned: return QStringLiteral("planned");
    case Status::Running: return QStringLiteral("running");
    case Status::Stopped: return QStringLiteral("stopped");
    case Status::Finished: return QStringLiteral("finished");
    }
    return {};
}

std::optional<SweepPlan::Status> SweepPlan::statusFromName(const QString &name)
{
    for (Status s : {Status::Planned, Status::Running, Status::Stopped, Status::Finished})
        if (statusName(s) == name)
            return s;
    return std::nullopt;
}

} // namespace costscope::ml
