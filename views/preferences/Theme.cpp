#include "views/preferences/Theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace costscope::views {

namespace {

struct StartState
{
    bool saved = false;
    QString style;
    QPalette palette;
    QString applied = QStringLiteral("system");
};

StartState &startState()
{
    static StartState s;
    return s;
}

} // namespace

QString themeSetting()
{
    const QString t = QSettings().value(QLatin1String(kThemeKey)).toString();
    if (t == u"light" || t == u"dark")
        return t;
    return QStringLiteral("system");
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabled(0x7f, 0x82, 0x87);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x47));
    p.setColor(QPalette::Mid, QColor(0x33, 0x35, 0x38));
    p.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, QColor(0x0d, 0x0d, 0x0e));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xaa, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
    return p;
}

void applyTheme(const QString &theme)
{
    StartState &s = startState();
    const QString wanted = theme == u"light" || theme == u"dark" ? theme : QStringLiteral("system");
    if (!s.saved) {
        if (wanted == s.applied)
            return; // "system" at start: leave the platform's look untouched
        s.saved = true;
        s.style = QApplication::style()->name();
        s.palette = QApplication::palette();
    }
    if (wanted == u"system") {
        if (QStyle *style = QStyleFactory::create(s.style))
            QApplication::setStyle(style);
        QApplication::setPalette(s.palette);
    } else {
        if (QApplication::style()->name().compare(u"fusion", Qt::CaseInsensitive) != 0)
            QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(wanted == u"dark" ? darkPalette() : QApplication::style()->standardPalette());
    }
    s.applied = wanted;
}

QString appliedTheme() { return startState().applied; }

} // namespace costscope::views
