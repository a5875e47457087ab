#include "app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QSettings>
#include <QTranslator>

#include <memory>
#include <vector>

namespace costscope::app {

namespace {

Q_LOGGING_CATEGORY(lcTranslations, "costscope.translations")

const QString kChinese = QStringLiteral("zh_CN");
const QString kEnglish = QStringLiteral("en");

// The translators installed by the last call; owned here so a second call can replace them.
std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

bool isChinese(const QString &uiLanguage)
{
    // Simplified Chinese only: Traditional (zh_TW, zh-Hant, zh_HK) is not translated yet.
    const QString l = uiLanguage.toLower().replace(u'-', u'_');
    if (!l.startsWith(u"zh"))
        return false;
    return !(l.contains(u"hant") || l.contains(u"_tw") || l.contains(u"_hk") || l.contains(u"_mo"));
}

void install(std::unique_ptr<QTranslator> translator)
{
    QCoreApplication::installTranslator(translator.get());
    installed().push_back(std::move(translator));
}

} // namespace

QList<UiLanguage> availableLanguages()
{
    return {
        {QString(), QCoreApplication::translate("costscope::app::Translations", "System default")},
        {kEnglish, QStringLiteral("English")},
        {kChinese, QStringLiteral("简体中文")},
    };
}

QString languageSettingKey() { return QStringLiteral("ui/language"); }

QString resolveLanguage(const QString &setting, const QLocale &systemLocale)
{
    if (setting == kEnglish || setting == kChinese)
        return setting;
    if (!setting.isEmpty() && isChinese(setting))
        return kChinese;
    // The first UI language decides: a system set to "de, zh" gets English, not Chinese.
    const QStringList languages = systemLocale.uiLanguages();
    if (!languages.isEmpty() && isChinese(languages.constFirst()))
        return kChinese;
    return kEnglish;
}

QString installTranslators(const QString &setting)
{
    for (auto &t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();

    const QString language = resolveLanguage(setting);
    const bool explicitChoice = setting == kEnglish || setting == kChinese;
    if (explicitChoice) {
        // Dates and numbers follow the chosen language; the territory stays the system's for English.
        QLocale::setDefault(language == kChinese ? QLocale(QLocale::Chinese, QLocale::China)
                                                 : QLocale(QLocale::English, QLocale::system().territory()));
    }
    if (language == kEnglish)
        return language; // the sources are English

    auto qt = std::make_unique<QTranslator>();
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (qt->load(QStringLiteral("qtbase_") + language, qtDir))
        install(std::move(qt));
    else
        qCInfo(lcTranslations) << "No Qt translation qtbase_" << language << "in" << qtDir;

    auto ours = std::make_unique<QTranslator>();
    if (loadTranslation(ours.get(), language))
        install(std::move(ours));
    else
        qCWarning(lcTranslations) << "The embedded translation" << language << "is missing";
    return language;
}

bool loadTranslation(QTranslator *translator, const QString &language)
{
    return translator->load(QStringLiteral(":/i18n/costscope_") + language);
}

QString installTranslatorsFromSettings()
{
    return installTranslators(QSettings().value(languageSettingKey()).toString());
}

} // namespace costscope::app
