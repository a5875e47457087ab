#include "views/common/Banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace costscope::views {

Banner::Banner(QWidget *parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_text->setOpenExternalLinks(false);
    m_action = new QPushButton(this);
    m_action->setObjectName(QStringLiteral("bannerAction"));
    m_close = new QPushButton(tr("Dismiss"), this);
    m_close->setObjectName(QStringLiteral("bannerClose"));
    m_close->setFlat(true);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    connect(m_action, &QPushButton::clicked, this, &Banner::actionTriggered);
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void Banner::showMessage(Kind kind, const QString &text, const QString &actionText)
{
    m_kind = kind;
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    restyle();
    show();
}

QString Banner::text() const { return m_text->text(); }

void Banner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_restyling)
        restyle();
}

void Banner::restyle()
{
    // Tint the window colour towards blue (info) or red (error), so the banner reads in light
    // and dark palettes alike.
    m_restyling = true;
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor window = base.color(QPalette::Window);
    const QColor tint = m_kind == Kind::Error ? QColor(220, 50, 47) : QColor(38, 139, 210);
    const qreal a = 0.22;
    QColor bg = QColor::fromRgbF(window.redF() * (1 - a) + tint.redF() * a, window.greenF() * (1 - a) + tint.greenF() * a,
                                 window.blueF() * (1 - a) + tint.blueF() * a);
    QPalette pal = base;
    pal.setColor(QPalette::Window, bg);
    setPalette(pal);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(m_kind == Kind::Error ? QStyle::SP_MessageBoxWarning
                                                               : QStyle::SP_MessageBoxInformation)
                          .pixmap(size, size));
    m_restyling = false;
}

} // namespace costscope::views
