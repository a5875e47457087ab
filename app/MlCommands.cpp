#include "app/MlCommands.h"

#include "app/TextTable.h"
#include "model/store/CostStore.h"
#include "providers/ml/RunImport.h"
#include "providers/ml/TrackingServer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <csignal>

namespace costscope::app {

namespace {

volatile std::sig_atomic_t g_stopRequested = 0;

extern "C" void requestStop(int) { g_stopRequested = 1; }

QString optionValue(const std::multimap<QString, QString> &options, const char *name)
{
    auto it = options.find(QLatin1String(name));
    return it == options.end() ? QString() : it->second;
}

} // namespace

QString mlUsage()
{
    return QStringLiteral(
        "  runs import PATH...                               import ML runs: an MLflow mlruns folder, an\n"
        "                                                     mlflow.db, TensorBoard tfevents files or folders\n"
        "  tracking-server [--port P] [--token-env NAME]     the MLflow-compatible tracking endpoint on\n"
        "                                                     127.0.0.1 (default port 5000; the token is read\n"
        "                                                     from environment variable NAME); Ctrl+C stops\n");
}

int runRunsCommand(const QString &workspacePath, const QString &format, const QStringList &positional,
                   QTextStream &out, QTextStream &err)
{
    if (positional.value(0) != u"import" || positional.size() < 2) {
        err << "costscope: usage: costscope runs import PATH...\n";
        return 2;
    }
    store::CostStore store;
    QString error;
    if (!store.open(workspacePath, &error)) {
        err << "costscope: " << error << '\n';
        return 1;
    }
    int failed = 0;
    QJsonArray json;
    TextTable table({QStringLiteral("path"), QStringLiteral("format"), QStringLiteral("runs"),
                     QStringLiteral("new experiments"), QStringLiteral("new metric points"), QStringLiteral("result")});
    for (const QString &path : positional.mid(1)) {
        const ml::RunImportReport r = ml::importRunsAt(store.db(), path);
        if (!r.ok) {
            ++failed;
            err << "costscope: " << r.error << '\n';
        }
        for (const QString &w : r.warnings)
            err << "warning: " << w << '\n';
        json.append(QJsonObject{{QStringLiteral("path"), path},
                                {QStringLiteral("format"), r.format},
                                {QStringLiteral("ok"), r.ok},
                                {QStringLiteral("error"), r.error},
                                {QStringLiteral("runs"), r.written.runs},
                                {QStringLiteral("new_experiments"), r.written.experiments},
                                {QStringLiteral("new_metric_points"), static_cast<qint64>(r.written.metricPoints)},
                                {QStringLiteral("warnings"), QJsonArray::fromStringList(r.warnings)}});
        table.addRow({path, r.format, QString::number(r.written.runs), QString::number(r.written.experiments),
                      QString::number(r.written.metricPoints), r.ok ? QStringLiteral("imported") : QStringLiteral("failed")});
    }
    if (format == u"json")
        out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    else if (format == u"csv")
        out << table.toCsv();
    else
        out << table.toText();
    return failed == 0 ? 0 : 1;
}

int runTrackingServerCommand(const QString &workspacePath, const std::multimap<QString, QString> &options,
                             QTextStream &out, QTextStream &err)
{
    if (!QCoreApplication::instance()) {
        err << "costscope: tracking-server needs an application event loop\n";
        return 1;
    }
    ml::TrackingServer::Options o;
    o.workspacePath = workspacePath;
    const QString port = optionValue(options, "port");
    if (!port.isEmpty()) {
        bool ok = false;
        const uint p = port.toUInt(&ok);
        if (!ok || p > 65535) {
            err << "costscope: --port must be a number between 0 and 65535\n";
            return 2;
        }
        o.port = static_cast<quint16>(p);
    }
    const QString tokenEnv = optionValue(options, "token-env");
    if (!tokenEnv.isEmpty()) {
        o.token = qgetenv(tokenEnv.toLocal8Bit().constData());
        if (o.token.isEmpty()) {
            err << "costscope: environment variable " << tokenEnv << " is empty or not set\n";
            return 2;
        }
    }
    ml::TrackingServer server(o);
    QString error;
    if (!server.start(&error)) {
        err << "costscope: tracking-server: " << error << '\n';
        return 1;
    }
    out << "MLflow tracking endpoint for " << workspacePath << '\n'
        << "  MLFLOW_TRACKING_URI=" << server.uri() << '\n'
        << (o.token.isEmpty() ? "  no token required (127.0.0.1 only)\n"
                              : "  token required: set MLFLOW_TRACKING_TOKEN in the client\n")
        << "Press Ctrl+C to stop.\n";
    out.flush();
    g_stopRequested = 0;
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    // The handler only sets a flag; the event loop notices it and stops cleanly.
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &server, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    poll.start(200);
    QCoreApplication::exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    server.stop();
    out << "Tracking endpoint stopped; workspace closed.\n";
    return 0;
}

} // namespace costscope::app
