#include "views/resources/ResourceDetailsPane.h"

#include "model/Money.h"
#include "model/analysis/recommendations/RecommendationEngine.h"
#include "model/analysis/recommendations/RecommendationModule.h"
#include "views/common/ChartStyle.h"
#include "views/common/DisplayCurrency.h"
#include "views/common/TableExport.h"
#include "views/resources/ResourceTableModel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDateTimeEdit>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace costscope::views {

namespace {

QString metricTitle(const QString &metric)
{
    if (metric == u"cpu")
        return ResourceDetailsPane::tr("CPU (%)");
    if (metric == u"memory")
        return ResourceDetailsPane::tr("Memory (%)");
    if (metric == u"network_in")
        return ResourceDetailsPane::tr("Network in (B/s)");
    if (metric == u"network_out")
        return ResourceDetailsPane::tr("Network out (B/s)");
    if (metric == u"disk_read")
        return ResourceDetailsPane::tr("Disk read (B/s)");
    if (metric == u"disk_write")
        return ResourceDetailsPane::tr("Disk write (B/s)");
    return metric;
}

QString kindText(const store::ResourceAttachment &a)
{
    if (a.kind == u"volume-instance")
        return a.outgoing ? ResourceDetailsPane::tr("attached to instance") : ResourceDetailsPane::tr("has volume");
    if (a.kind == u"snapshot-volume")
        return a.outgoing ? ResourceDetailsPane::tr("snapshot of volume") : ResourceDetailsPane::tr("has snapshot");
    if (a.kind == u"image-snapshot")
        return a.outgoing ? ResourceDetailsPane::tr("image of snapshot") : ResourceDetailsPane::tr("has image");
    if (a.kind == u"ip-instance")
        return a.outgoing ? ResourceDetailsPane::tr("address of instance") : ResourceDetailsPane::tr("has address");
    return a.outgoing ? ResourceDetailsPane::tr("attached to (%1)").arg(a.kind)
                      : ResourceDetailsPane::tr("has attached (%1)").arg(a.kind);
}

// QChartView releases, not deletes, the chart it showed.
void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace

ResourceDetailsPane::ResourceDetailsPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("resourceDetails"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);

    m_title = new QLabel(tr("Select a resource to see its history."), content);
    m_title->setObjectName(QStringLiteral("resourceDetailsTitle"));
    m_title->setWordWrap(true);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_facts = new QLabel(content);
    m_facts->setObjectName(QStringLiteral("resourceDetailsFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_violation = new QLabel(content);
    m_violation->setObjectName(QStringLiteral("resourceDetailsViolation"));
    m_violation->setWordWrap(true);
    m_violation->hide();

    m_costChart = new QChartView(content);
    m_costChart->setObjectName(QStringLiteral("resourceCostChart"));
    m_costChart->setRenderHint(QPainter::Antialiasing);
    m_costChart->setMinimumHeight(200);
    m_metricChart = new QChartView(content);
    m_metricChart->setObjectName(QStringLiteral("resourceMetricChart"));
    m_metricChart->setRenderHint(QPainter::Antialiasing);
    m_metricChart->setMinimumHeight(200);
    m_costNote = new QLabel(content);
    m_costNote->setObjectName(QStringLiteral("resourceCostNote"));
    m_costNote->setWordWrap(true);
    m_costNote->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: 600;"));
    m_costNote->hide();
    m_noMetrics = new QLabel(tr("No metrics recorded for this resource."), content);
    m_noMetrics->setObjectName(QStringLiteral("resourceNoMetrics"));

    auto *attachBox = new QGroupBox(tr("Attachments"), content);
    auto *attachLayout = new QVBoxLayout(attachBox);
    m_attachments = new QTreeWidget(attachBox);
    m_attachments->setObjectName(QStringLiteral("resourceAttachments"));
    installTableExport(m_attachments, QStringLiteral("resource-attachments"), false);
    m_attachments->setHeaderLabels({tr("Relation"), tr("Resource"), tr("Name")});
    m_attachments->setRootIsDecorated(false);
    m_attachments->setMaximumHeight(120);
    m_attachments->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    attachLayout->addWidget(m_attachments);

    auto *recoBox = new QGroupBox(tr("Recommendations"), content);
    auto *recoLayout = new QVBoxLayout(recoBox);
    m_recommendations = new QTreeWidget(recoBox);
    m_recommendations->setObjectName(QStringLiteral("resourceRecommendations"));
    installTableExport(m_recommendations, QStringLiteral("resource-recommendations"), false);
    m_recommendations->setHeaderLabels({tr("Recommendation"), tr("Saving / month"), tr("Finding")});
    m_recommendations->headerItem()->setData(1, ExportValueRole, QStringLiteral("saving_per_month"));
    m_recommendations->setRootIsDecorated(false);
    m_recommendations->setWordWrap(true);
    m_recommendations->setMaximumHeight(140);
    m_recommendations->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_recommendations->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    recoLayout->addWidget(m_recommendations);

    auto *violationBox = new QGroupBox(tr("Constraint violations"), content);
    auto *violationLayout = new QVBoxLayout(violationBox);
    m_violations = new QTreeWidget(violationBox);
    m_violations->setObjectName(QStringLiteral("resourceViolations"));
    installTableExport(m_violations, QStringLiteral("resource-violations"), false);
    m_violations->setHeaderLabels({tr("Constraint"), tr("Violation")});
    m_violations->setRootIsDecorated(false);
    m_violations->setWordWrap(true);
    m_violations->setMaximumHeight(100);
    m_violations->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    violationLayout->addWidget(m_violations);

    auto *tagBox = new QGroupBox(tr("Tags"), content);
    auto *tagLayout = new QVBoxLayout(tagBox);
    m_tags = new QLabel(tagBox);
    m_tags->setObjectName(QStringLiteral("resourceTags"));
    m_tags->setWordWrap(true);
    m_tags->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tagLayout->addWidget(m_tags);

    auto *ttlBox = new QGroupBox(tr("TTL"), content);
    auto *ttlLayout = new QHBoxLayout(ttlBox);
    m_ttlEdit = new QDateTimeEdit(ttlBox);
    m_ttlEdit->setObjectName(QStringLiteral("resourceTtlEdit"));
    m_ttlEdit->setCalendarPopup(true);
    m_ttlEdit->setDateTime(QDateTime::currentDateTime().addDays(7));
    m_ttlSet = new QPushButton(tr("Set TTL"), ttlBox);
    m_ttlSet->setObjectName(QStringLiteral("resourceTtlSet"));
    m_ttlClear = new QPushButton(tr("Remove"), ttlBox);
    m_ttlClear->setObjectName(QStringLiteral("resourceTtlClear"));
    ttlLayout->addWidget(new QLabel(tr("Expires"), ttlBox));
    ttlLayout->addWidget(m_ttlEdit, 1);
    ttlLayout->addWidget(m_ttlSet);
    ttlLayout->addWidget(m_ttlClear);

    m_showCosts = new QPushButton(tr("Show line items in Cost Explorer"), content);
    m_showCosts->setObjectName(QStringLiteral("resourceShowCosts"));

    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_violation);
    layout->addWidget(m_costChart);
    layout->addWidget(m_costNote);
    layout->addWidget(m_metricChart);
    layout->addWidget(m_noMetrics);
    layout->addWidget(recoBox);
    layout->addWidget(violationBox);
    layout->addWidget(attachBox);
    layout->addWidget(tagBox);
    layout->addWidget(ttlBox);
    layout->addWidget(m_showCosts);
    layout->addStretch(1);

    connect(m_showCosts, &QPushButton::clicked, this, [this] {
        if (!m_resourceId.isEmpty())
            Q_EMIT showCostsRequested(m_resourceId, m_label);
    });
    connect(m_ttlSet, &QPushButton::clicked, this, [this] {
        if (!m_resourceId.isEmpty())
            Q_EMIT ttlChangeRequested(m_provider, m_resourceId, m_ttlEdit->dateTime().toSecsSinceEpoch());
    });
    connect(m_ttlClear, &QPushButton::clicked, this, [this] {
        if (!m_resourceId.isEmpty())
            Q_EMIT ttlChangeRequested(m_provider, m_resourceId, 0);
    });
    showRow(nullptr, {});
}

void ResourceDetailsPane::showRow(const analysis::InventoryRow *row, const QString &currency)
{
    m_haveDetails = false;
    const bool have = row != nullptr;
    for (QWidget *w : {static_cast<QWidget *>(m_costChart), static_cast<QWidget *>(m_metricChart),
                       static_cast<QWidget *>(m_showCosts), static_cast<QWidget *>(m_facts)})
        w->setVisible(have);
    m_noMetrics->hide();
    m_costNote->hide();
    m_attachments->clear();
    m_recommendations->clear();
    m_violations->clear();
    if (!row) {
        m_provider.clear();
        m_resourceId.clear();
        m_title->setText(tr("Select a resource to see its history."));
        m_violation->hide();
        m_tags->setText(tr("(none)"));
        m_ttlSet->setEnabled(false);
        m_ttlClear->setEnabled(false);
        return;
    }
    const store::ResourceRow &r = row->resource;
    m_provider = r.provider;
    m_resourceId = r.resourceId;
    m_label = r.name.isEmpty() ? r.resourceId : r.name;
    m_title->setText(m_label);
    const QLocale locale;
    auto day = [&](int64_t s) -> QString {
        return s > 0 ? locale.toString(QDateTime::fromSecsSinceEpoch(s).date(), QLocale::ShortFormat) : tr("unknown");
    };
    QString lifecycle;
    if (r.billingOnly)
        lifecycle = tr("seen only in billing data (no inventory record)");
    else if (!r.active)
        lifecycle = tr("inactive: gone from the cloud, last seen %1").arg(day(r.lastSeen));
    else
        lifecycle = tr("active");
    QStringList facts;
    facts << tr("<b>Id</b> %1").arg(r.resourceId.toHtmlEscaped());
    facts << tr("<b>Provider</b> %1 &nbsp; <b>Account</b> %2 &nbsp; <b>Region</b> %3")
                 .arg(r.provider.toHtmlEscaped(),
                      (r.accountName.isEmpty() ? r.accountId : r.accountName).toHtmlEscaped(),
                      r.region.isEmpty() ? tr("(global)") : r.region.toHtmlEscaped());
    facts << tr("<b>Type</b> %1 %2 &nbsp; <b>State</b> %3")
                 .arg((r.billingOnly ? r.type : ResourceTableModel::typeText(r.type)).toHtmlEscaped(),
                      r.flavor.toHtmlEscaped(), ResourceTableModel::stateText(r.state).toHtmlEscaped());
    facts << tr("<b>Lifecycle</b> %1; first seen %2, last seen %3").arg(lifecycle, day(r.firstSeen), day(r.lastSeen));
    facts << tr("<b>Owner</b> %1 &nbsp; <b>Pool</b> %2")
                 .arg(row->owner.isEmpty() ? tr("(unassigned)") : row->owner.toHtmlEscaped(),
                      row->pool.isEmpty() ? tr("(none)") : row->pool.toHtmlEscaped());
    facts << tr("<b>Cost</b> %1 this month, %2 to date")
                 .arg(moneyText(r.costMonth, currency), moneyText(r.costToDate, currency));
    if (r.costUnconverted) // the inventory's summary names the amounts
        facts << tr("<i>Part of its cost has no rate to %1 and is not included.</i>").arg(currency);
    if (r.cpuAvg >= 0)
        facts << tr("<b>CPU, last 7 days</b> average %1 %, p95 %2 %")
                     .arg(locale.toString(r.cpuAvg, 'f', 1), locale.toString(r.cpuP95, 'f', 1));
    if (row->ttl.expiresAt > 0)
        facts << tr("<b>TTL</b> %1 (%2)")
                     .arg(locale.toString(QDateTime::fromSecsSinceEpoch(row->ttl.expiresAt), QLocale::ShortFormat),
                          row->ttl.inherited ? tr("from pool %1").arg(row->pool.toHtmlEscaped()) : tr("set on the resource"));
    m_facts->setText(facts.join(QStringLiteral("<br>")));
    if (row->ttl.expired) {
        m_violation->setText(tr("\u26a0 TTL violation: this resource should have been removed on %1.")
                                 .arg(locale.toString(QDateTime::fromSecsSinceEpoch(row->ttl.expiresAt), QLocale::ShortFormat)));
        m_violation->show();
    } else {
        m_violation->hide();
    }
    // TTL is the constraint the inventory evaluates; budget constraints live in the Budgets tab.
    auto *violation = new QTreeWidgetItem(m_violations);
    if (row->ttl.expired) {
        violation->setText(0, tr("TTL"));
        violation->setText(1, tr("expired %1 (%2)")
                                  .arg(locale.toString(QDateTime::fromSecsSinceEpoch(row->ttl.expiresAt), QLocale::ShortFormat),
                                       row->ttl.inherited ? tr("TTL of pool %1").arg(row->pool) : tr("set on the resource")));
    } else {
        violation->setText(0, tr("(none)"));
        violation->setText(1, row->ttl.expiresAt > 0 ? tr("TTL not reached") : tr("no TTL applies"));
    }
    auto *pending = new QTreeWidgetItem(m_recommendations);
    pending->setText(0, tr("Reading\u2026"));
    QStringList tags;
    for (const auto &t : r.tags)
        tags << QStringLiteral("<b>%1</b> = %2").arg(t.first.toHtmlEscaped(), t.second.toHtmlEscaped());
    m_tags->setText(tags.isEmpty() ? tr("(untagged)") : tags.join(QStringLiteral("<br>")));
    m_ttlSet->setEnabled(!r.billingOnly);
    m_ttlClear->setEnabled(!r.billingOnly && r.ttlExpiresAt > 0);
    if (r.ttlExpiresAt > 0)
        m_ttlEdit->setDateTime(QDateTime::fromSecsSinceEpoch(r.ttlExpiresAt));
    replaceChart(m_costChart, new QChart);
    replaceChart(m_metricChart, new QChart);
}

void ResourceDetailsPane::addViolations(const QList<QPair<QString, QString>> &violations)
{
    if (violations.isEmpty())
        return;
    // Replaces the "(none)" line the TTL check left.
    if (m_violations->topLevelItemCount() == 1 && m_violations->topLevelItem(0)->text(0) == tr("(none)"))
        m_violations->clear();
    for (const auto &v : violations) {
        auto *item = new QTreeWidgetItem(m_violations);
        item->setText(0, v.first);
        item->setText(1, v.second);
        item->setToolTip(1, v.second);
    }
}

void ResourceDetailsPane::setDetails(const store::ResourceDetails &details)
{
    m_details = details;
    m_haveDetails = true;
    m_attachments->clear();
    for (const store::ResourceAttachment &a : details.attachments) {
        auto *item = new QTreeWidgetItem(m_attachments);
        item->setText(0, kindText(a));
        item->setText(1, a.otherId);
        item->setText(2, a.otherName.isEmpty() ? a.otherType : a.otherName);
    }
    if (details.attachments.empty()) {
        auto *item = new QTreeWidgetItem(m_attachments);
        item->setText(0, tr("(none)"));
    }
    m_recommendations->clear();
    for (const store::ResourceRecommendation &r : details.recommendations) {
        auto *item = new QTreeWidgetItem(m_recommendations);
        const analysis::RecommendationModule *module = analysis::RecommendationEngine::module(r.module);
        const QString title = module ? module->title() : r.module;
        item->setText(0, r.dismissed ? tr("%1 (dismissed)").arg(title) : title);
        item->setText(1, moneyText(r.savingNanos, r.currency));
        item->setData(1, ExportValueRole, Money::fromNanos(r.savingNanos).toString(2));
        item->setData(1, ExportCurrencyRole, r.currency);
        if (r.currency != details.currency) { // no rate: its own currency, never relabelled
            item->setText(1, item->text(1) + QStringLiteral(" *"));
            item->setToolTip(1, tr("Computed in %1; there is no rate from %1 to %2").arg(r.currency, details.currency));
        } else if (r.computedCurrency != r.currency) {
            item->setToolTip(1, tr("Computed as %1 a month, converted to %2")
                                    .arg(moneyText(r.computedNanos, r.computedCurrency), r.currency));
        }
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(2, r.detail);
        item->setToolTip(2, r.detail);
        if (r.dismissed)
            for (int c = 0; c < 3; ++c)
                item->setForeground(c, palette().color(QPalette::Disabled, QPalette::Text));
    }
    if (details.recommendations.empty()) {
        auto *item = new QTreeWidgetItem(m_recommendations);
        item->setText(0, details.recommendationsRunAt > 0 ? tr("(none)") : tr("(not run yet)"));
        item->setText(2, details.recommendationsRunAt > 0
                             ? tr("No module of the last run (%1) flags it")
                                   .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(details.recommendationsRunAt),
                                                           QLocale::ShortFormat))
                             : tr("Open the Recommendations tab to run the modules"));
        item->setToolTip(2, item->text(2));
    }
    renderCharts();
}

void ResourceDetailsPane::renderCharts()
{
    if (!m_haveDetails || m_resourceId.isEmpty())
        return;
    const QPalette pal = palette();
    store::CostSeries series;
    series.currency = m_details.currency;
    series.granularity = store::Granularity::Day;
    store::CostGroup group;
    group.key = m_resourceId;
    group.label = tr("Daily cost");
    for (QDate d = m_details.from; d < m_details.to; d = d.addDays(1))
        series.buckets.push_back(d);
    group.nanos = m_details.dailyCost;
    for (int64_t v : group.nanos)
        group.total += v;
    series.total = group.total;
    series.groups.push_back(group);
    // Days with no rate are out of the chart (never at 1); say which.
    const QString note = unconvertedNote(m_details.unconverted, m_details.currency, false);
    m_costNote->setText(note);
    m_costNote->setVisible(!note.isEmpty());
    QChart *cost = makeStackedCostChart(series, pal);
    cost->setTitle(tr("Daily cost, last %n day(s)", nullptr, static_cast<int>(series.buckets.size())));
    cost->legend()->hide();
    styleChart(cost, pal);
    replaceChart(m_costChart, cost);

    if (m_details.metrics.empty()) {
        m_metricChart->hide();
        m_noMetrics->show();
        return;
    }
    m_noMetrics->hide();
    m_metricChart->show();
    auto *chart = new QChart;
    styleChart(chart, pal);
    // Percentages (CPU, memory) share one axis; byte rates get their own on the right.
    auto *x = new QDateTimeAxis;
    x->setFormat(shortDayFormat());
    x->setTickCount(6);
    auto *percentAxis = new QValueAxis;
    percentAxis->setTitleText(tr("%"));
    percentAxis->setLabelFormat(QStringLiteral("%.0f"));
    auto *rateAxis = new QValueAxis;
    rateAxis->setTitleText(tr("bytes/s"));
    rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    bool percentUsed = false;
    bool rateUsed = false;
    double percentMax = 0;
    double rateMax = 0;
    int colour = 0;
    for (const store::MetricHistory &m : m_details.metrics) {
        auto *line = new QLineSeries;
        line->setName(metricTitle(m.metric));
        line->setColor(seriesColor(colour++, pal));
        const bool percent = m.metric == u"cpu" || m.metric == u"memory";
        for (const store::MetricDay &d : m.days) {
            line->append(static_cast<qreal>(QDateTime(d.day, QTime(12, 0), Qt::UTC).toMSecsSinceEpoch()), d.avg);
            (percent ? percentMax : rateMax) = std::max(percent ? percentMax : rateMax, d.avg);
        }
        chart->addSeries(line);
        line->attachAxis(x);
        if (percent) {
            if (!percentUsed)
                chart->addAxis(percentAxis, Qt::AlignLeft);
            percentUsed = true;
            line->attachAxis(percentAxis);
        } else {
            if (!rateUsed)
                chart->addAxis(rateAxis, Qt::AlignRight);
            rateUsed = true;
            line->attachAxis(rateAxis);
        }
    }
    percentAxis->setRange(0, std::max(100.0, percentMax));
    rateAxis->setRange(0, rateMax > 0 ? rateMax * 1.1 : 1);
    if (!percentUsed)
        delete percentAxis;
    if (!rateUsed)
        delete rateAxis;
    for (QAbstractAxis *axis : chart->axes())
        styleAxis(axis, pal);
    chart->setTitle(tr("Daily average of each metric"));
    replaceChart(m_metricChart, chart);
}

void ResourceDetailsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        renderCharts();
}

} // namespace costscope::views
