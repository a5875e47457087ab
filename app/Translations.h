#pragma once

#include <QList>
#include <QLocale>
#include <QString>

class QTranslator;

namespace costscope::app {

// A language the window can be shown in. code is what QSettings "ui/language" stores
// ("" follows the system locale); name is the language's own name ("简体中文"), shown as is.
struct UiLanguage
{
    QString code;
    QString name;
};

// The choices for a language combo: system default, English, Simplified Chinese.
QList<UiLanguage> availableLanguages();

// The QSettings key the language choice lives in.
QString languageSettingKey();

// The language a setting stands for: "en" or "zh_CN". "" (or an unknown code) follows
// systemLocale's UI languages (zh, zh_CN, zh-Hans -> zh_CN; anything else -> en).
QString resolveLanguage(const QString &setting, const QLocale &systemLocale = QLocale::system());

// Installs Costscope's translation (embedded, :/i18n) and Qt's own (qtbase_*.qm from the Qt
// installation, when present) for the setting, replacing what an earlier call installed, and
// makes the language's locale the default for number and date formatting when it was chosen
// explicitly. Returns the resolved language. Needs a QCoreApplication.
QString installTranslators(const QString &setting);

// Loads Costscope's embedded translation for `language` ("zh_CN") into translator without
// installing it (costscope report --language installs it for one run). False when missing.
bool loadTranslation(QTranslator *translator, const QString &language);

// installTranslators() with the value stored in QSettings.
QString installTranslatorsFromSettings();

} // namespace costscope::app
