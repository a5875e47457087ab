#pragma once

#include "model/Services.h"

#include <QString>

#include <memory>

class QThread;

namespace costscope::ml {

class TrackingServer;

// TrackingService with the TrackingServer on a thread of its own, so the window stays responsive
// and the server keeps answering while the window is busy.
class TrackingServerService : public TrackingService
{
public:
    TrackingServerService();
    ~TrackingServerService() override;

    bool start(const QString &workspacePath, const TrackingEndpointOptions &options, QString *error) override;
    void stop() override;
    bool isRunning() const override;
    QString uri() const override;

private:
    QThread *m_thread = nullptr;
    TrackingServer *m_server = nullptr;
    QString m_uri;
};

} // namespace costscope::ml
