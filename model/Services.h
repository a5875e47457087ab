#pragma once

// Service interfaces that views call and providers implement (see DESIGN.md).
// app/ hands concrete implementations to the window; GUI tests hand fakes.

#include <QString>
#include <QStringList>

#include <functional>

namespace costscope {

// Progress of a long job: a value in [0, 1] (or negative when unknown) and a message.
using ProgressFn = std::function<void(double fraction, const QString &message)>;
// Polled by long jobs; returns true when the user asked to cancel.
using CancelFn = std::function<bool()>;

} // namespace costscope
