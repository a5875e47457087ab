#include "views/experiments/LeaderboardPanel.h"

#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/experiments/ExperimentData.h"
#include "views/common/TableExport.h"

#include <QComboBox>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace costscope::views {

namespace {

QString number(double v) { return QString::number(v, 'g', 6); }

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u','))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QString costText(const ml::LeaderboardEntry &e, const QString &currency)
{
    if (e.runsWithoutCost == static_cast<int>(e.runIds.size()))
        return {};
    QString text = moneyText(e.cost.nanos(), currency);
    if (e.costEstimate)
        text.prepend(u'~');
    if (!e.costUnconverted.empty()) // a part with no rate is left out: the tooltip names it
        text += QStringLiteral(" *");
    return text;
}

} // namespace

LeaderboardPanel::LeaderboardPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("leaderboardPanel"));
    m_primary = new QComboBox(this);
    m_primary->setObjectName(QStringLiteral("lbPrimary"));
    m_primary->setEditable(true);
    m_primary->setMinimumContentsLength(14);
    m_direction = new QComboBox(this);
    m_direction->setObjectName(QStringLiteral("lbDirection"));
    m_direction->addItem(tr("higher is better"), QStringLiteral("max"));
    m_direction->addItem(tr("lower is better"), QStringLiteral("min"));
    m_aggregation = new QComboBox(this);
    m_aggregation->setObjectName(QStringLiteral("lbAggregation"));
    // The item data is the spec's keyword; the text says it in the window's language.
    const std::pair<const char *, QString> aggregations[] = {
        {"last", tr("last", "aggregation: the run's last value")}, {"max", tr("max", "aggregation")},
        {"min", tr("min", "aggregation")},                           {"avg", tr("avg", "aggregation")},
        {"sum", tr("sum", "aggregation")}};
    for (const auto &[key, text] : aggregations)
        m_aggregation->addItem(text, QString::fromLatin1(key));
    m_aggregation->setToolTip(tr("How a group's runs combine into one value"));
    m_target = new QLineEdit(this);
    m_target->setObjectName(QStringLiteral("lbTarget"));
    m_target->setPlaceholderText(tr("none"));
    m_target->setToolTip(tr("The primary metric's goal; candidates at or beyond it are marked"));
    m_secondary = new QLineEdit(this);
    m_secondary->setObjectName(QStringLiteral("lbSecondary"));
    m_secondary->setPlaceholderText(tr("loss, epochs:max"));
    m_secondary->setToolTip(tr("Other metrics to show: KEY or KEY:last|max|min|avg|sum, comma-separated"));
    m_filters = new QLineEdit(this);
    m_filters->setObjectName(QStringLiteral("lbFilters"));
    m_filters->setPlaceholderText(tr("val_auc>=0.8, loss<=0.5"));
    m_filters->setToolTip(tr("Bounds on aggregated metric values (inclusive): KEY>=X or KEY<=X, comma-separated"));
    m_groupBy = new QLineEdit(this);
    m_groupBy->setObjectName(QStringLiteral("lbGroupBy"));
    m_groupBy->setPlaceholderText(tr("params.model, tags.team"));
    m_groupBy->setToolTip(tr("Rank groups of runs sharing these params or tags instead of single runs"));
    m_datasets = new QLineEdit(this);
    m_datasets->setObjectName(QStringLiteral("lbDatasets"));
    m_datasets->setPlaceholderText(tr("no coverage rule"));
    m_datasets->setToolTip(tr("Datasets a candidate should cover (its runs' costscope.dataset or dataset tags)"));
    m_minDatasets = new QSpinBox(this);
    m_minDatasets->setObjectName(QStringLiteral("lbMinDatasets"));
    m_minDatasets->setRange(0, 0);
    m_minDatasets->setToolTip(tr("Candidates covering fewer of the datasets are not qualified"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("lbError"));
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto *form = new QFormLayout;
    auto *primaryRow = new QHBoxLayout;
    primaryRow->addWidget(m_primary, 1);
    primaryRow->addWidget(m_direction);
    primaryRow->addWidget(m_aggregation);
    primaryRow->addWidget(new QLabel(tr("target"), this));
    primaryRow->addWidget(m_target);
    form->addRow(tr("Primary metric"), primaryRow);
    form->addRow(tr("Secondary metrics"), m_secondary);
    form->addRow(tr("Filters"), m_filters);
    form->addRow(tr("Group by"), m_groupBy);
    auto *datasetRow = new QHBoxLayout;
    datasetRow->addWidget(m_datasets, 1);
    datasetRow->addWidget(new QLabel(tr("at least"), this));
    datasetRow->addWidget(m_minDatasets);
    form->addRow(tr("Datasets"), datasetRow);

    m_table = new QTreeWidget(this);
    m_table->setObjectName(QStringLiteral("leaderboardTable"));
    installTableExport(m_table, QStringLiteral("leaderboard"), false);
    m_table->setRootIsDecorated(true);
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    for (QComboBox *c : {m_direction, m_aggregation})
        connect(c, &QComboBox::currentIndexChanged, this, &LeaderboardPanel::readControls);
    connect(m_primary, &QComboBox::currentTextChanged, this, &LeaderboardPanel::readControls);
    for (QLineEdit *e : {m_target, m_secondary, m_filters, m_groupBy, m_datasets})
        connect(e, &QLineEdit::editingFinished, this, &LeaderboardPanel::readControls);
    connect(m_minDatasets, &QSpinBox::valueChanged, this, &LeaderboardPanel::readControls);
}

void LeaderboardPanel::setData(const std::vector<ml::Run> &runs, const std::map<QString, ml::RunCost> &costs,
                               const ml::LeaderboardSpec &spec, const QStringList &metricKeys)
{
    m_runs = runs;
    m_costs = costs;
    m_spec = spec;
    m_showing = true;
    m_primary->clear();
    m_primary->addItems(metricKeys);
    m_showing = false;
    showSpec();
    rank();
}

void LeaderboardPanel::showSpec()
{
    m_showing = true;
    m_primary->setCurrentText(m_spec.primary.key);
    m_direction->setCurrentIndex(m_spec.primary.direction == ml::Direction::Max ? 0 : 1);
    m_aggregation->setCurrentIndex(m_aggregation->findData(ml::aggregationName(m_spec.primary.aggregation)));
    m_target->setText(m_spec.primary.target ? number(*m_spec.primary.target) : QString());
    QStringList secondary;
    for (const ml::LeaderboardMetric &m : m_spec.secondary)
        secondary << (m.aggregation == m_spec.primary.aggregation ? m.key
                                                                  : m.key + u':' + ml::aggregationName(m.aggregation));
    m_secondary->setText(secondary.join(QStringLiteral(", ")));
    QStringList filters;
    for (const ml::MetricBound &b : m_spec.filters) {
        if (b.min)
            filters << b.key + QStringLiteral(">=") + number(*b.min);
        if (b.max)
            filters << b.key + QStringLiteral("<=") + number(*b.max);
    }
    m_filters->setText(filters.join(QStringLiteral(", ")));
    QStringList groups;
    for (const QString &p : m_spec.groupByParams)
        groups << QStringLiteral("params.") + p;
    for (const QString &t : m_spec.groupByTags)
        groups << QStringLiteral("tags.") + t;
    m_groupBy->setText(groups.join(QStringLiteral(", ")));
    m_datasets->setText(m_spec.datasets.join(QStringLiteral(", ")));
    m_minDatasets->setRange(0, static_cast<int>(m_spec.datasets.size()));
    m_minDatasets->setValue(m_spec.minDatasetsCovered);
    m_showing = false;
}

void LeaderboardPanel::readControls()
{
    if (m_showing)
        return;
    ml::LeaderboardSpec spec;
    spec.primary.key = m_primary->currentText().trimmed();
    spec.primary.direction = m_direction->currentIndex() == 0 ? ml::Direction::Max : ml::Direction::Min;
    spec.primary.aggregation = ml::parseAggregation(m_aggregation->currentData().toString()).value_or(ml::Aggregation::Last);
    QStringList problems;
    if (const QString t = m_target->text().trimmed(); !t.isEmpty()) {
        bool ok = false;
        const double v = t.toDouble(&ok);
        if (ok && std::isfinite(v))
            spec.primary.target = v;
        else
            problems << tr("the target must be a number, not \u201c%1\u201d").arg(t);
    }
    for (const QString &s : splitList(m_secondary->text())) {
        ml::LeaderboardMetric m;
        m.key = s.section(u':', 0, 0).trimmed();
        m.aggregation = spec.primary.aggregation;
        if (s.contains(u':')) {
            const auto agg = ml::parseAggregation(s.section(u':', 1).trimmed());
            if (!agg || m.key.isEmpty()) {
                problems << tr("a secondary metric is KEY or KEY:last|max|min|avg|sum, not \u201c%1\u201d").arg(s);
                continue;
            }
            m.aggregation = *agg;
        }
        spec.secondary.push_back(m);
    }
    for (const QString &f : splitList(m_filters->text())) {
        const bool isMin = f.contains(QStringLiteral(">="));
        const bool isMax = f.contains(QStringLiteral("<="));
        const QString op = isMin ? QStringLiteral(">=") : QStringLiteral("<=");
        const QString key = f.section(op, 0, 0).trimmed();
        bool ok = false;
        const double v = f.section(op, 1).trimmed().toDouble(&ok);
        if (isMin == isMax || key.isEmpty() || !ok || !std::isfinite(v)) {
            problems << tr("a filter is KEY>=NUMBER or KEY<=NUMBER, not \u201c%1\u201d").arg(f);
            continue;
        }
        auto it = std::find_if(spec.filters.begin(), spec.filters.end(), [&](const ml::MetricBound &b) { return b.key == key; });
        if (it == spec.filters.end())
            it = spec.filters.insert(spec.filters.end(), ml::MetricBound{key, std::nullopt, std::nullopt});
        (isMin ? it->min : it->max) = v;
    }
    for (const QString &g : splitList(m_groupBy->text())) {
        if (g.startsWith(QStringLiteral("params.")) || g.startsWith(QStringLiteral("param.")))
            spec.groupByParams << g.section(u'.', 1);
        else if (g.startsWith(QStringLiteral("tags.")) || g.startsWith(QStringLiteral("tag.")))
            spec.groupByTags << g.section(u'.', 1);
        else
            problems << tr("group by params.NAME or tags.NAME, not \u201c%1\u201d").arg(g);
    }
    spec.datasets = splitList(m_datasets->text());
    m_minDatasets->setRange(0, static_cast<int>(spec.datasets.size()));
    spec.minDatasetsCovered = m_minDatasets->value();
    if (spec.primary.key.isEmpty())
        problems << tr("choose a primary metric");
    if (!problems.isEmpty()) {
        m_error->setText(tr("Leaderboard settings not applied: %1.").arg(problems.join(QStringLiteral("; "))));
        m_error->show();
        return;
    }
    m_error->hide();
    m_spec = spec;
    rank();
    Q_EMIT specEdited(m_spec);
}

void LeaderboardPanel::rank()
{
    m_table->clear();
    if (m_spec.primary.key.isEmpty()) {
        m_result = {};
        m_table->setHeaderLabels({tr("This experiment has no primary metric: choose one above")});
        return;
    }
    m_result = ml::buildLeaderboard(m_runs, m_spec, m_costs);
    QStringList keys{m_spec.primary.key};
    for (const ml::LeaderboardMetric &m : m_spec.secondary)
        if (!keys.contains(m.key))
            keys << m.key;
    QStringList headers{tr("Rank"), tr("Candidate")};
    headers << QStringLiteral("%1 (%2, %3)")
                   .arg(m_spec.primary.key, ml::aggregationName(m_spec.primary.aggregation),
                        m_spec.primary.direction == ml::Direction::Max ? tr("max") : tr("min"));
    for (qsizetype i = 1; i < keys.size(); ++i)
        headers << keys[i];
    const int fixed = static_cast<int>(headers.size());
    headers << tr("Datasets") << tr("Runs") << tr("Cost") << tr("Why not qualified");
    m_table->setHeaderLabels(headers);
    // CSV names: rank, candidate, the metrics by key, datasets, runs, cost, reasons.
    QStringList exportNames{QStringLiteral("rank"), QStringLiteral("candidate")};
    exportNames << keys << QStringLiteral("datasets") << QStringLiteral("runs") << QStringLiteral("cost")
                << QStringLiteral("not_qualified_because");
    for (int c = 0; c < exportNames.size(); ++c)
        m_table->headerItem()->setData(c, ExportValueRole, exportNames[c]);

    const QFont bold = [this] {
        QFont f = m_table->font();
        f.setBold(true);
        return f;
    }();
    const auto fill = [&](QTreeWidgetItem *item, const ml::LeaderboardEntry &e) {
        item->setText(0, e.rank > 0 ? QString::number(e.rank) : QStringLiteral("\u2013"));
        if (e.isTopThree()) {
            // A star and a tint that reads on light and dark palettes (no emoji font needed).
            item->setText(0, QStringLiteral("\u2605 ") + QString::number(e.rank));
            const QColor tint = seriesColor(1, m_table->palette());
            for (int c = 0; c < m_table->columnCount(); ++c) {
                item->setFont(c, bold);
                item->setBackground(c, QColor(tint.red(), tint.green(), tint.blue(), 40 + 25 * (3 - e.rank)));
            }
            item->setToolTip(0, tr("Top three"));
        }
        item->setData(0, Qt::UserRole, e.rank);
        item->setData(0, ExportValueRole, e.rank > 0 ? QString::number(e.rank) : QString());
        item->setText(1, e.label);
        item->setToolTip(1, e.runIds.join(u'\n'));
        item->setData(1, Qt::UserRole, e.runIds);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const auto it = e.values.find(keys[i]);
            if (it != e.values.end() && !std::isnan(it->second)) {
                item->setText(2 + static_cast<int>(i), number(it->second));
                if (std::isfinite(it->second))
                    item->setData(2 + static_cast<int>(i), ExportValueRole, it->second);
            }
            item->setTextAlignment(2 + static_cast<int>(i), Qt::AlignRight | Qt::AlignVCenter);
        }
        if (e.targetReached) {
            item->setText(2, item->text(2) + QStringLiteral(" \u2713"));
            item->setToolTip(2, tr("Target reached"));
        }
        item->setText(fixed, e.datasetsCovered.join(QStringLiteral(", ")));
        item->setText(fixed + 1, QString::number(e.runIds.size()));
        item->setTextAlignment(fixed + 1, Qt::AlignRight | Qt::AlignVCenter);
        const QString currency = runCostCurrency(m_costs);
        item->setText(fixed + 2, costText(e, currency));
        if (e.runIds.size() > e.runsWithoutCost) {
            item->setData(fixed + 2, ExportValueRole, e.cost.toString(2));
            item->setData(fixed + 2, ExportCurrencyRole, currency);
        }
        item->setTextAlignment(fixed + 2, Qt::AlignRight | Qt::AlignVCenter);
        QString costTip = e.costEstimate ? tr("~ some run's cost is a catalog estimate (no billing row covers it)")
                                         : tr("Billed cost, pro-rated over the instance's billed hours");
        if (e.runsWithoutCost > 0)
            costTip += u'\n' + tr("%n run(s) without a known cost", nullptr, e.runsWithoutCost);
        if (!e.costUnconverted.empty())
            costTip += u'\n' + unconvertedNote(e.costUnconverted, currency, false);
        item->setToolTip(fixed + 2, costTip);
        item->setText(fixed + 3, e.reasons.join(QStringLiteral("; ")));
    };
    auto *ranked = new QTreeWidgetItem(m_table, {QString(), tr("Ranked (%n)", nullptr, static_cast<int>(m_result.qualified.size()))});
    ranked->setFirstColumnSpanned(false);
    ranked->setFont(1, bold);
    ranked->setData(0, ExportSkipRowRole, true); // the CSV holds the candidates (rank empty: not qualified)
    for (const ml::LeaderboardEntry &e : m_result.qualified)
        fill(new QTreeWidgetItem(ranked), e);
    auto *rest = new QTreeWidgetItem(m_table, {QString(), tr("Not qualified (%n)", nullptr, static_cast<int>(m_result.notQualified.size()))});
    rest->setFont(1, bold);
    rest->setData(0, ExportSkipRowRole, true);
    for (const ml::LeaderboardEntry &e : m_result.notQualified)
        fill(new QTreeWidgetItem(rest), e);
    m_table->expandAll();
    for (int c = 0; c < m_table->columnCount(); ++c)
        m_table->resizeColumnToContents(c);
}

} // namespace costscope::views
