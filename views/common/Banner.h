#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace costscope::views {

// An inline message above the tabs: demo data notice, or what failed and what to do.
class Banner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Error };

    explicit Banner(QWidget *parent = nullptr);

    // Shows the banner; text may hold simple rich text. An empty actionText hides the button.
    void showMessage(Kind kind, const QString &text, const QString &actionText = {});
    QString text() const;
    Kind kind() const { return m_kind; }

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();

    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_action = nullptr;
    QPushButton *m_close = nullptr;
    Kind m_kind = Kind::Info;
    bool m_restyling = false;
};

} // namespace costscope::views
