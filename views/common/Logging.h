#pragma once

#include <QLoggingCategory>

// The one logging category of the views module.
Q_DECLARE_LOGGING_CATEGORY(lcViews)
