#pragma once

#include "views/common/QueryRunner.h"
#include "views/dashboard/DashboardData.h"

#include <QDate>
#include <QWidget>

#include <functional>

class QChartView;
class QLabel;
class QStackedWidget;

namespace costscope::store { class CostStore; }

namespace costscope::views {

// Month to date against last month, a month-end forecast, the last 90 days by provider and
// where the money went over the last 30 days. Loads on a worker; see docs/window.md.
class DashboardTab : public QWidget
{
    Q_OBJECT
public:
    DashboardTab(const QueryRunner &queries, std::function<QDate()> today, QWidget *parent = nullptr);

    // Reloads everything from the store.
    void reload();
    // What the empty state says (e.g. while the demo is being generated).
    void setEmptyHint(const QString &text);
    const DashboardData &data() const { return m_data; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void apply(const DashboardData &data);
    void render();

    const QueryRunner &m_queries;
    std::function<QDate()> m_today;
    DashboardData m_data;
    QueryRunner::Generation m_generation = std::make_shared<std::atomic<int>>(0);
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_asOf = nullptr;
    QLabel *m_currencyNote = nullptr;
    QLabel *m_mtd = nullptr;
    QLabel *m_mtdChange = nullptr;
    QLabel *m_forecast = nullptr;
    QLabel *m_forecastChange = nullptr;
    QLabel *m_lastMonth = nullptr;
    QLabel *m_lastMonthNote = nullptr;
    QChartView *m_dailyChart = nullptr;
    QChartView *m_servicesChart = nullptr;
    QChartView *m_accountsChart = nullptr;
    QChartView *m_regionsChart = nullptr;
    QLabel *m_panelsTitle = nullptr;
};

} // namespace costscope::views
