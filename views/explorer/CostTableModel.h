#pragma once

#include "model/store/CostQuery.h"

#include <QAbstractTableModel>

namespace costscope::views {

// The rows of a CostSeries: group, total, share of the total and, for monthly series, one
// column per month. Qt::UserRole gives the raw value (nanos as qint64, or the label) for sorting.
class CostTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { GroupColumn = 0, TotalColumn = 1, ShareColumn = 2, FirstBucketColumn = 3 };
    static constexpr int RawRole = Qt::UserRole;

    explicit CostTableModel(QObject *parent = nullptr);

    void setSeries(const store::CostSeries &series, const QString &groupTitle);
    const store::CostSeries &series() const { return m_series; }
    int64_t total() const { return m_series.total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool hasBucketColumns() const { return m_series.granularity == store::Granularity::Month; }

    store::CostSeries m_series;
    QString m_groupTitle;
};

} // namespace costscope::views
