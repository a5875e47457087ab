#pragma once

#include "model/store/SaasQuery.h"
#include "views/common/QueryRunner.h"

#include <QDate>
#include <QWidget>

#include <functional>

class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace costscope::views {

// The SaaS & PaaS tab: usage and cost of S3, Redshift, BigQuery, Databricks and Snowflake over a
// period: cost per service over time, top buckets / clusters / warehouses / workspaces / users,
// unit-cost trends, the most expensive queries and the recommendations about these services.
class SaasTab : public QWidget
{
    Q_OBJECT
public:
    enum class Period { Last30Days, Last90Days, ThisMonth, LastMonth, Last12Months };

    SaasTab(const QueryRunner &queries, std::function<QDate()> today, QWidget *parent = nullptr);

    // Reads the store again with the current controls.
    void reload();
    const store::SaasOverview &overview() const { return m_overview; }
    // Writes the rows of one of the tab's tables, as sorted, to a CSV file (cells neutralised).
    static bool exportTable(const QTableView *table, const QString &path, QString *error);

Q_SIGNALS:
    // The tables and charts show the answer for the current controls.
    void loaded();
    void failed(const QString &message);
    // The user asked for the cost line items of a resource (a bucket, cluster, warehouse ...).
    void showCostsRequested(const QString &resourceId, const QString &label);
    // Asking for the line items of an entity found none; message says so (tests, status).
    void noMatchingCosts(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void apply(const store::SaasOverview &overview);
    void fillServices();
    void fillEntities();
    void fillQueries();
    void fillRecommendations();
    void rebuildCharts();
    void showQueryDetails();
    void showSelectedEntityCosts();
    void chooseExportFile(QTableView *table, const QString &name);

    const QueryRunner &m_queries;
    std::function<QDate()> m_today;
    QueryRunner::Generation m_generation = std::make_shared<std::atomic<int>>(0);
    QueryRunner::Generation m_matchGeneration = std::make_shared<std::atomic<int>>(0);
    store::SaasOverview m_overview;

    QComboBox *m_service = nullptr;
    QComboBox *m_period = nullptr;
    QComboBox *m_bucketing = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTabWidget *m_sections = nullptr;
    QChartView *m_costChart = nullptr;
    QTableView *m_servicesTable = nullptr;
    QStandardItemModel *m_servicesModel = nullptr;
    QComboBox *m_entityKind = nullptr;
    QTableView *m_entitiesTable = nullptr;
    QStandardItemModel *m_entitiesModel = nullptr;
    QPushButton *m_showCosts = nullptr;
    QLabel *m_entitiesNote = nullptr;
    QWidget *m_unitPage = nullptr;
    QGridLayout *m_unitGrid = nullptr;
    QLabel *m_unitEmpty = nullptr;
    QTableView *m_queriesTable = nullptr;
    QStandardItemModel *m_queriesModel = nullptr;
    QPlainTextEdit *m_queryDetails = nullptr;
    QLabel *m_queriesNote = nullptr;
    QTableView *m_recommendationsTable = nullptr;
    QStandardItemModel *m_recommendationsModel = nullptr;
    QLabel *m_recommendationsNote = nullptr;
};

} // namespace costscope::views
