#pragma once

#include "model/analysis/ResourceInventory.h"
#include "model/store/ResourceQuery.h"

#include <QWidget>

class QChartView;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace costscope::views {

// The selected resource: what it is, its daily cost and metrics, attachments, tags, its
// recommendations and constraint violations, TTL, and a way to its line items in Cost Explorer.
class ResourceDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit ResourceDetailsPane(QWidget *parent = nullptr);

    // Shows a row at once; the history follows with setDetails(). Null clears the pane.
    void showRow(const analysis::InventoryRow *row, const QString &currency);
    void setDetails(const store::ResourceDetails &details);
    // Budget constraint violations that name the shown resource: (constraint, what is wrong).
    void addViolations(const QList<QPair<QString, QString>> &violations);
    QString resourceId() const { return m_resourceId; }
    QString provider() const { return m_provider; }

Q_SIGNALS:
    void showCostsRequested(const QString &resourceId, const QString &label);
    // expiresAt 0 removes the TTL.
    void ttlChangeRequested(const QString &provider, const QString &resourceId, qint64 expiresAt);

protected:
    void changeEvent(QEvent *event) override;

private:
    void renderCharts();

    QString m_provider;
    QString m_resourceId;
    QString m_label;
    store::ResourceDetails m_details;
    bool m_haveDetails = false;

    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_violation = nullptr;
    QChartView *m_costChart = nullptr;
    QLabel *m_costNote = nullptr; // amounts of the chart's days with no rate to its currency
    QChartView *m_metricChart = nullptr;
    QLabel *m_noMetrics = nullptr;
    QTreeWidget *m_attachments = nullptr;
    QTreeWidget *m_recommendations = nullptr;
    QTreeWidget *m_violations = nullptr;
    QLabel *m_tags = nullptr;
    QDateTimeEdit *m_ttlEdit = nullptr;
    QPushButton *m_ttlSet = nullptr;
    QPushButton *m_ttlClear = nullptr;
    QPushButton *m_showCosts = nullptr;
};

} // namespace costscope::views
