#include "app/Translations.h"
#include "model/Services.h"
#include "model/demo/DemoGenerator.h"
#include "model/store/CostQuery.h"
#include "model/analysis/ResourceInventory.h"
#include "model/store/BudgetSettings.h"
#include "model/store/CostStore.h"
#include "model/store/ResourceQuery.h"
#include "views/experiments/ExperimentData.h"
#include "views/MainWindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSeries>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTreeView>
#include <QValueAxis>
#include <QXmlStreamReader>

#include <functional>
#include <map>
#include <memory>

using namespace costscope;

namespace {

const QString kTsPath = QStringLiteral(COSTSCOPE_SOURCE_DIR "/translations/costscope_zh_CN.ts");

// One <message> of the .ts file.
struct TsMessage
{
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList translations; // one, or one per numerus form
};

bool readTs(const QString &path, QList<TsMessage> *messages, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == u"name") {
                context = xml.readElementText();
            } else if (name == u"message") {
                m = TsMessage{context, {}, xml.attributes().value(QLatin1String("numerus")) == u"yes", false, {}};
            } else if (name == u"source") {
                m.source = xml.readElementText(QXmlStreamReader::IncludeChildElements); // lupdate writes odd bytes as <byte/>
            } else if (name == u"translation") {
                const auto type = xml.attributes().value(QLatin1String("type"));
                m.unfinished = type == u"unfinished";
                if (type == u"vanished" || type == u"obsolete")
                    m.source.clear(); // not used by the code any more
                if (!m.numerus)
                    m.translations << xml.readElementText();
            } else if (name == u"numerusform") {
                m.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == u"message" && !m.source.isEmpty()) {
            messages->push_back(m);
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return false;
    }
    return true;
}

// %1..%99 and %n (with the optional L), sorted: a translation must keep every one.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0).remove(u'L');
    found.sort();
    found.removeDuplicates();
    return found;
}

// HTML tag names in order of appearance, sorted.
QStringList htmlTags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("</?([a-zA-Z][a-zA-Z0-9]*)[^>]*>"));
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0).section(u' ', 0, 0).remove(u'>');
    found.sort();
    return found;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("(^|[^&])&[^&\\s;]"));
    static const QRegularExpression entity(QStringLiteral("&[a-z]+;|&#\\d+;"));
    QString t = text;
    t.remove(entity);
    return re.match(t).hasMatch();
}

// Words that stay in English in the Chinese UI: proper nouns, product names, units, formats.
const QSet<QString> &allowedWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> s;
        for (const char *w : {"AWS", "Azure", "GCP", "Google", "Cloud", "Alibaba", "Kubernetes", "OpenCost", "OCI",
                              "Oracle", "Amazon", "Microsoft", "CSV", "PDF", "PNG", "SVG", "JSON", "USD", "EUR", "CNY",
                              "GBP", "JPY", "MLflow", "Costscope", "FinOps", "MLOps", "FOCUS", "CUR", "TTL", "CPU", "GPU",
                              "GB", "TB", "MB", "KB", "GiB", "TiB", "MAD", "ID", "IDs", "ARN", "API", "IAM", "SQL",
                              "EC", "EBS", "RDS", "Kinesis", "VM", "VMs", "UTC", "URL", "URI", "SaaS", "PaaS",
                              "Snowflake", "Databricks", "ML", "BigQuery", "STS", "IP", "IPs", "AMI", "ECS", "BSS",
                              "Prometheus", "TensorBoard", "mlruns", "RI", "SP", "MTD", "Qt", "QS", "MLFLOW",
                              "TRACKING", "http", "https", "localhost", "Ctrl", "Shift", "Alt", "Esc", "Del", "Tab",
                              "Enter", "PgUp", "PgDown", "Home", "End", "Backspace", "demo", "costscope", "AB",
                              "OK", "NAT", "DNS", "vCPU", "vCPUs", "Spot", "EKS", "AKS", "GKE", "RAM",
                              // billing units and protocols, named as the clouds name them
                              "DBU", "DBUs", "RPU", "RPUs", "SSH", "RDP", "SKU", "SKUs", "Serverless",
                              // syntax the user types, kept in English (docs/translation.md)
                              "key", "value", "actual", "forecast"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return words;
}

struct Seen
{
    QString where;
    QString text;
};

QString plain(const QString &text)
{
    if (Qt::mightBeRichText(text))
        return QTextDocumentFragment::fromHtml(text).toPlainText();
    return text;
}

QString describe(const QObject *o)
{
    QString path;
    for (; o != nullptr; o = o->parent()) {
        if (!o->objectName().isEmpty() && !o->objectName().startsWith(u"qt_")) {
            path = o->objectName();
            break;
        }
    }
    return path.isEmpty() ? QStringLiteral("(unnamed)") : path;
}

void addText(QList<Seen> *out, const QObject *o, const QString &kind, const QString &text)
{
    const QString t = plain(text).trimmed();
    if (!t.isEmpty())
        out->push_back({describe(o) + u' ' + kind, t});
}

// The texts of the cells on screen of a table, tree or list view: DisplayRole and ToolTipRole of
// every index whose rectangle meets the viewport (hidden columns and collapsed children have
// none), children of expanded tree rows included.
void collectCells(QAbstractItemView *view, QList<Seen> *out)
{
    QAbstractItemModel *model = view->model();
    if (model == nullptr)
        return;
    const QRect viewport = view->viewport()->rect();
    auto *tree = qobject_cast<QTreeView *>(view);
    int budget = 20000; // indexes looked at: enough for every tab of the test workspace
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        const int rows = model->rowCount(parent);
        const int columns = model->columnCount(parent);
        for (int r = 0; r < rows && budget > 0; ++r) {
            for (int c = 0; c < columns; ++c, --budget) {
                const QModelIndex index = model->index(r, c, parent);
                if (!view->visualRect(index).intersects(viewport))
                    continue;
                const QVariant display = index.data(Qt::DisplayRole);
                if (display.typeId() == QMetaType::QString)
                    addText(out, view, QStringLiteral("cell"), display.toString());
                addText(out, view, QStringLiteral("cell tooltip"), index.data(Qt::ToolTipRole).toString());
            }
            const QModelIndex first = model->index(r, 0, parent);
            if (tree != nullptr && tree->isExpanded(first))
                walk(first);
        }
    };
    walk(QModelIndex());
}

// Every user-facing text of root's visible widgets.
void collectVisible(QWidget *root, const QSet<QString> &dataCombos, QList<Seen> *out)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : std::as_const(widgets)) {
        if (!w->isVisible())
            continue;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            addText(out, w, QStringLiteral("label"), label->text());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            addText(out, w, QStringLiteral("button"), button->text());
        } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
            addText(out, w, QStringLiteral("group"), box->title());
        } else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i)
                addText(out, w, QStringLiteral("tab"), bar->tabText(i));
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            addText(out, w, QStringLiteral("placeholder"), edit->placeholderText());
        } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            if (!dataCombos.contains(combo->objectName()) && !combo->isEditable())
                for (int i = 0; i < combo->count(); ++i)
                    addText(out, w, QStringLiteral("combo item"), combo->itemText(i));
        } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
            auto *header = w->findChild<QHeaderView *>();
            if (view->model() != nullptr && (header == nullptr || header->isVisible()))
                for (int c = 0; c < view->model()->columnCount(); ++c)
                    addText(out, w, QStringLiteral("header"), view->model()->headerData(c, Qt::Horizontal).toString());
            collectCells(view, out);
        } else if (auto *chartView = qobject_cast<QChartView *>(w)) {
            QChart *chart = chartView->chart();
            addText(out, w, QStringLiteral("chart title"), chart->title());
            for (QAbstractAxis *axis : chart->axes())
                addText(out, w, QStringLiteral("axis title"), axis->titleText());
            for (QAbstractSeries *series : chart->series())
                addText(out, w, QStringLiteral("series"), series->name());
        }
    }
}

void collectMenu(QMenu *menu, QList<Seen> *out)
{
    // Menus may fill themselves when shown.
    menu->popup(QPoint(0, 0));
    addText(out, menu, QStringLiteral("menu"), menu->title());
    const QList<QAction *> actions = menu->actions();
    for (QAction *a : actions) {
        if (a->isSeparator())
            continue;
        if (a->menu() != nullptr)
            collectMenu(a->menu(), out);
        else
            addText(out, menu, QStringLiteral("action"), a->text());
    }
    menu->hide();
}

class NoAccounts : public AccountService
{
public:
    QList<AccountForm> accountForms() const override { return {}; }
    bool listAccounts(const QString &, QList<AccountInfo> *accounts, QString *) override
    {
        accounts->clear();
        return true;
    }
    QString validateAccount(const QString &, const AccountChange &) override { return {}; }
    QString saveAccount(const QString &, const AccountChange &) override { return {}; }
    QString removeAccount(const QString &, const QString &) override { return {}; }
    QString testAccount(const QString &, const QString &, const CancelFn &) override { return {}; }
};

class NoSync : public SyncService
{
public:
    std::vector<AccountSyncReport> syncAccounts(const QString &, const QStringList &, const QDate &, const QDate &,
                                                const ProgressFn &, const CancelFn &) override
    {
        return {};
    }
};

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void tsFileIsComplete();
    void translationsKeepPlaceholders();
    void resolveLanguage_data();
    void resolveLanguage();
    void englishKeepsSources();
    void mainTabsHaveNoEnglish();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QList<TsMessage> m_messages;
};

void TestTranslation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(readTs(kTsPath, &m_messages, &error), qPrintable(error));
    QVERIFY2(m_messages.size() > 500, "the .ts file holds the window's strings");

    m_path = m_dir.filePath(QStringLiteral("translation.costscope"));
    store::CostStore store;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    demo::DemoOptions options;
    options.seed = 7;
    options.months = 2;
    options.endDate = QDate(2026, 3, 20);
    options.scale = 0.05;
    QVERIFY2(demo::generateDemo(store, options, {}, {}, nullptr, &error), qPrintable(error));
}

void TestTranslation::tsFileIsComplete()
{
    QStringList unfinished;
    for (const TsMessage &m : std::as_const(m_messages)) {
        bool empty = m.translations.isEmpty();
        for (const QString &t : m.translations)
            empty = empty || t.isEmpty();
        if (m.unfinished || empty)
            unfinished << m.context + QStringLiteral(": ") + m.source;
    }
    QVERIFY2(unfinished.isEmpty(), qPrintable(QStringLiteral("%1 untranslated in %2:\n").arg(unfinished.size()).arg(kTsPath)
                                              + unfinished.mid(0, 40).join(u'\n')));
}

void TestTranslation::translationsKeepPlaceholders()
{
    QStringList broken;
    for (const TsMessage &m : std::as_const(m_messages)) {
        for (const QString &t : m.translations) {
            if (t.isEmpty())
                continue;
            // Every numerus form keeps %n too: Chinese has one form, which shows the number.
            const QStringList expected = placeholders(m.source);
            const QStringList got = placeholders(t);
            if (expected != got)
                broken << QStringLiteral("placeholders %1 vs %2: %3 -> %4").arg(expected.join(u','), got.join(u','), m.source, t);
            if (htmlTags(m.source) != htmlTags(t))
                broken << QStringLiteral("HTML tags: %1 -> %2").arg(m.source, t);
            if (hasAccelerator(m.source) != hasAccelerator(t))
                broken << QStringLiteral("accelerator: %1 -> %2").arg(m.source, t);
        }
    }
    QVERIFY2(broken.isEmpty(), qPrintable(broken.mid(0, 40).join(u'\n')));
}

void TestTranslation::resolveLanguage_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("expected");
    QTest::newRow("system Chinese") << QString() << QStringLiteral("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("system Singapore Chinese") << QString() << QStringLiteral("zh_SG") << QStringLiteral("zh_CN");
    QTest::newRow("system English") << QString() << QStringLiteral("en_US") << QStringLiteral("en");
    QTest::newRow("system German") << QString() << QStringLiteral("de_DE") << QStringLiteral("en");
    QTest::newRow("system Traditional Chinese") << QString() << QStringLiteral("zh_TW") << QStringLiteral("en");
    QTest::newRow("system C") << QString() << QStringLiteral("C") << QStringLiteral("en");
    QTest::newRow("English chosen on Chinese") << QStringLiteral("en") << QStringLiteral("zh_CN") << QStringLiteral("en");
    QTest::newRow("Chinese chosen on English") << QStringLiteral("zh_CN") << QStringLiteral("en_GB") << QStringLiteral("zh_CN");
    QTest::newRow("unknown code follows system") << QStringLiteral("klingon") << QStringLiteral("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("unknown code on English") << QStringLiteral("fr_FR") << QStringLiteral("en_US") << QStringLiteral("en");
    QTest::newRow("BCP 47 spelling") << QStringLiteral("zh-Hans-CN") << QStringLiteral("en_US") << QStringLiteral("zh_CN");
    QTest::newRow("Hong Kong is not Simplified") << QStringLiteral("zh_HK") << QStringLiteral("en_US") << QStringLiteral("en");
}

void TestTranslation::resolveLanguage()
{
    QFETCH(QString, setting);
    QFETCH(QString, system);
    QFETCH(QString, expected);
    QCOMPARE(app::resolveLanguage(setting, QLocale(system)), expected);
}

void TestTranslation::englishKeepsSources()
{
    const QList<app::UiLanguage> languages = app::availableLanguages();
    QStringList codes;
    for (const auto &l : languages)
        codes << l.code;
    QCOMPARE(codes, (QStringList{QString(), QStringLiteral("en"), QStringLiteral("zh_CN")}));

    QCOMPARE(app::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("costscope::views::MainWindow", "Dashboard"), QStringLiteral("Dashboard"));
    QCOMPARE(app::installTranslators(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    const QString dashboard = QCoreApplication::translate("costscope::views::MainWindow", "Dashboard");
    QVERIFY2(dashboard != u"Dashboard" && !dashboard.isEmpty(), qPrintable(dashboard));
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    // Installing again replaces, it does not stack.
    QCOMPARE(app::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("costscope::views::MainWindow", "Dashboard"), QStringLiteral("Dashboard"));
}

void TestTranslation::mainTabsHaveNoEnglish()
{
    QCOMPARE(app::installTranslators(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));

    // English sources that have a different translation: seeing one means a missing tr().
    QSet<QString> english;
    for (const TsMessage &m : std::as_const(m_messages)) {
        if (!m.numerus && !m.translations.isEmpty() && m.translations.constFirst() != m.source) {
            english.insert(m.source);
            english.insert(QString(m.source).remove(u'&'));
        }
    }
    // Data is not translated: provider, account, service, region names and tags of the workspace.
    store::CostStore store;
    QString error;
    QVERIFY2(store.open(m_path, &error), qPrintable(error));
    QSet<QString> dataWords = allowedWords();
    {
        store::CostQuery query(store);
        const store::DataRange range = query.dataRange();
        QVERIFY(!range.isEmpty());
        static const QRegularExpression word(QStringLiteral("[A-Za-z]+"));
        auto addWords = [&dataWords](const QString &text) {
            for (auto it = word.globalMatch(text); it.hasNext();)
                dataWords.insert(it.next().captured(0));
        };
        for (auto dim : {store::Dimension::Provider, store::Dimension::Account, store::Dimension::Service,
                         store::Dimension::Region}) {
            store::CostQuerySpec spec;
            spec.from = range.first;
            spec.to = range.last.addDays(1);
            spec.groupBy = dim;
            const store::CostSeries series = query.aggregate(spec, &error);
            for (const auto &g : series.groups) {
                addWords(g.key);
                addWords(g.label);
            }
        }
        for (const QString &key : query.tagKeys()) {
            addWords(key);
            for (const store::DimensionValue &v :
                 query.dimensionValues(store::Dimension::Tag, key, range.first, range.last.addDays(1), 5000))
                addWords(v.label);
        }
        addWords(m_path);
        // Resources: names, ids, accounts, flavours, tags; the type only of billing-only rows
        // (there it is the service that billed it). Types and states of inventory resources
        // are words of the window, translated.
        const store::ResourceList resources =
            store::ResourceQuery(store).list(QDateTime(QDate(2026, 3, 20), QTime(12, 0), Qt::UTC).toSecsSinceEpoch());
        QVERIFY2(resources.error.isEmpty(), qPrintable(resources.error));
        for (const store::ResourceRow &r : resources.rows) {
            for (const QString &t : {r.name, r.resourceId, r.accountId, r.accountName, r.flavor, r.region})
                addWords(t);
            if (r.billingOnly)
                addWords(r.type);
            for (const auto &[k, v] : r.tags) {
                addWords(k);
                addWords(v);
            }
        }
        // Names the user chose: budget pools, experiments, runs, their metric and param keys.
        for (const analysis::BudgetPool &p : store::BudgetSettings(store).pools())
            addWords(p.name);
        const views::ExperimentsSnapshot ml = views::loadExperimentsSnapshot(store.db(), 0);
        for (const views::ExperimentSummary &e : ml.experiments)
            addWords(e.name + u' ' + e.primaryMetric + u' ' + e.description);
        for (const ml::Run &r : ml.runs) {
            addWords(r.info.runName + u' ' + r.info.userId + u' ' + r.info.runId);
            for (const ml::Metric &m : r.metrics)
                addWords(m.key);
            for (const auto &[k, v] : r.params)
                addWords(k);
        }
        for (const QString &c : query.currencies())
            addWords(c);
    }

    NoAccounts accounts;
    NoSync sync;
    views::MainWindowOptions options;
    options.today = [] { return QDate(2026, 3, 20); };
    options.accountService = &accounts;
    options.syncService = &sync;
    views::MainWindow window(store, options);

    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));
    QVERIFY(tabs);
    QVERIFY2(tabs->count() >= 7, "every main tab is shown");

    // Combos whose items are the workspace's data, not UI words.
    const QSet<QString> dataCombos{QStringLiteral("explorerTagKey"), QStringLiteral("forecastScope"),
                                   QStringLiteral("resourcesProvider"), QStringLiteral("budgetsMonth")};
    // The tabs that say when their data is shown; each is waited for once it is visited.
    const std::map<QString, const char *> doneSignals{
        {QStringLiteral("explorerTab"), "loaded()"},        {QStringLiteral("resourcesTab"), "loaded()"},
        {QStringLiteral("recommendationsTab"), "updated()"}, {QStringLiteral("budgetsTab"), "evaluated()"},
        {QStringLiteral("anomaliesTab"), "detected()"},      {QStringLiteral("experimentsTab"), "loaded()"}};
    std::map<QString, std::unique_ptr<QSignalSpy>> spies;
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget *tab = tabs->widget(i);
        const auto it = doneSignals.find(tab->objectName());
        if (it != doneSignals.end())
            spies[it->first] = std::make_unique<QSignalSpy>(
                tab, QByteArray(QByteArray::number(QSIGNAL_CODE) + it->second).constData());
    }
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QList<Seen> seen;
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget *tab = tabs->widget(i);
        tabs->setCurrentIndex(i);
        const auto spy = spies.find(tab->objectName());
        if (spy != spies.end())
            QTRY_VERIFY2_WITH_TIMEOUT(spy->second->count() >= 1, qPrintable(tab->objectName()), 60000);
        else
            QCoreApplication::processEvents();
        collectVisible(&window, dataCombos, &seen);
        // The pages of the tab's own tab widgets (SaaS views, Recommendations archive ...).
        for (QTabWidget *inner : tab->findChildren<QTabWidget *>()) {
            if (!inner->isVisible())
                continue;
            const int shown = inner->currentIndex();
            for (int p = 0; p < inner->count(); ++p) {
                if (p == shown)
                    continue;
                inner->setCurrentIndex(p);
                QCoreApplication::processEvents();
                collectVisible(inner, dataCombos, &seen);
            }
            inner->setCurrentIndex(shown);
        }
        // COSTSCOPE_SCREENSHOTS=DIR keeps a picture of each tab, to look at the Chinese layout.
        if (const QString dir = qEnvironmentVariable("COSTSCOPE_SCREENSHOTS"); !dir.isEmpty())
            window.grab().save(dir + u'/' + tab->objectName() + QStringLiteral("-zh_CN.png"));
    }
    // The Resources table grouped by type: the group header rows' texts.
    if (auto *groupBy = window.findChild<QComboBox *>(QStringLiteral("resourcesGroupBy"))) {
        tabs->setCurrentWidget(window.findChild<QWidget *>(QStringLiteral("resourcesTab")));
        for (auto column : {analysis::ResourceColumn::Type}) {
            const int index = groupBy->findData(static_cast<int>(column));
            QVERIFY(index >= 0);
            groupBy->setCurrentIndex(index);
            QCoreApplication::processEvents();
            const int before = static_cast<int>(seen.size());
            collectVisible(&window, dataCombos, &seen);
            QVERIFY(seen.size() > before);
        }
        groupBy->setCurrentIndex(0);
        // An instance selected: the details pane (facts, charts, its tables) once loaded.
        auto *table = window.findChild<QAbstractItemView *>(QStringLiteral("resourcesTable"));
        QVERIFY(table);
        const QString instance = QCoreApplication::translate("costscope::views::ResourceTableModel", "instance");
        QVERIFY(instance != u"instance");
        const int typeColumn = static_cast<int>(analysis::ResourceColumn::Type);
        int row = -1;
        for (int r = 0; r < table->model()->rowCount() && row < 0; ++r)
            if (table->model()->index(r, typeColumn).data().toString() == instance)
                row = r;
        QVERIFY2(row >= 0, "an instance in the Resources table");
        QSignalSpy details(window.findChild<QWidget *>(QStringLiteral("resourcesTab")), SIGNAL(detailsLoaded()));
        table->setCurrentIndex(table->model()->index(row, 0));
        QTRY_VERIFY_WITH_TIMEOUT(details.count() >= 1, 60000);
        const int before = static_cast<int>(seen.size());
        collectVisible(window.findChild<QWidget *>(QStringLiteral("resourceDetails")), dataCombos, &seen);
        QVERIFY(seen.size() > before + 5);
    }
    const QList<QMenu *> menus = window.menuBar()->findChildren<QMenu *>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(!menus.isEmpty());
    for (QMenu *menu : menus)
        collectMenu(menu, &seen);
    addText(&seen, &window, QStringLiteral("window title"), window.windowTitle());

    // Widgets that show names the user or the workspace chose (experiments, their metric and
    // param keys as columns, MLflow filter syntax, pool names in a chart title): only the exact
    // check applies to them.
    const QSet<QString> dataWidgets{QStringLiteral("experimentSummary"), QStringLiteral("runsTable"),
                                    QStringLiteral("saasQueriesTable"), // the queries' SQL text
                                    QStringLiteral("runSearchFilter"), QStringLiteral("budgetChart")};
    static const QRegularExpression asciiWord(QStringLiteral("[A-Za-z]{2,}"));
    QStringList problems;
    QSet<QString> reported;
    for (const Seen &s : std::as_const(seen)) {
        QString why;
        if (english.contains(s.text) || english.contains(QString(s.text).remove(u'&'))) {
            why = QStringLiteral("untranslated");
        } else {
            // Identifiers (resource ids, paths, metric keys, key=value syntax) are data, not words.
            static const QRegularExpression identifier(QStringLiteral("\\S*[-/_.=:']\\S*"));
            const QString text = dataWidgets.contains(s.where.section(u' ', 0, 0)) ? QString()
                                                                                   : QString(s.text).remove(identifier);
            QStringList words;
            for (auto it = asciiWord.globalMatch(text); it.hasNext();) {
                const QString w = it.next().captured(0);
                if (!dataWords.contains(w))
                    words << w;
            }
            if (!words.isEmpty())
                why = QStringLiteral("English words %1").arg(words.join(u' '));
        }
        const QString line = s.where + QStringLiteral(": \"") + s.text + QStringLiteral("\" (") + why + u')';
        if (!why.isEmpty() && !reported.contains(line)) {
            reported.insert(line);
            problems << line;
        }
    }
    for (const QString &p : std::as_const(problems))
        qWarning("English in the zh_CN window: %s", qPrintable(p)); // QVERIFY2 cuts long messages
    QVERIFY2(seen.size() > 100, "the walk found the tabs' texts");
    // The walk read the cells of the main tabs' tables, not only their headers.
    for (const QString &table : {QStringLiteral("explorerTable"), QStringLiteral("resourcesTable"),
                                 QStringLiteral("recommendationItems"), QStringLiteral("poolTree"),
                                 QStringLiteral("anomaliesTable")}) {
        int cells = 0;
        for (const Seen &x : std::as_const(seen))
            cells += x.where == table + QStringLiteral(" cell") ? 1 : 0;
        QVERIFY2(cells >= 5, qPrintable(table + QStringLiteral(": %1 cells read").arg(cells)));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 English texts in the zh_CN window:\n").arg(problems.size())
                                            + problems.join(u'\n')));
}

QTEST_MAIN(TestTranslation)
#include "TestTranslation.moc"
