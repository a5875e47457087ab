#pragma once

#include "model/report/MonthlyReport.h"

#include <QString>

#include <vector>

namespace costscope::store { class CostStore; }

namespace costscope::views {

// The last recommendations run's items that are not dismissed (for MonthlyReportOptions).
std::vector<report::ReportRecommendation> openRecommendations(store::CostStore &store);

// Writes the monthly FinOps report as a PDF (QPdfWriter + QPainter, Qt Gui only: no widgets,
// so the command line and a worker thread can call it). Text stays text (selectable, found by
// pdftotext) and charts are vector paths. Returns false with one line in *error.
bool writeReportPdf(const report::MonthlyReport &report, const QString &path, QString *error);

} // namespace costscope::views
