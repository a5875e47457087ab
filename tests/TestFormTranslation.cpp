// Translation prep outside tr(): the account forms' labels, help texts and worded placeholders
// (providers/CloudClient.cpp, context "AccountForm") go through the translator installed when
// the window asks for the forms, and month names with their year follow the locale's order
// (views/common/MonthText.h), in the Budgets tab's month list too.

#include "model/store/CostStore.h"
#include "providers/CloudClient.h"
#include "views/MainWindow.h"
#include "views/budgets/BudgetsTab.h"
#include "views/common/MonthText.h"

#include <QComboBox>

#include <algorithm>
#include <tuple>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace costscope;

namespace {

// Marks every text of the AccountForm context, so the test sees which texts were translated.
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, "AccountForm") != 0)
            return {};
        ++calls;
        return QStringLiteral("译:") + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
    mutable int calls = 0;
};

const QString kMark = QStringLiteral("译:");

} // namespace

class TestFormTranslation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accountFormsAreTranslated();
    void accountFormsStayEnglishWithoutTranslator();
    void monthYearText_data();
    void monthYearText();
    void budgetsMonthListInChinese();
};

void TestFormTranslation::accountFormsAreTranslated()
{
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const QList<AccountForm> forms = providers::accountForms();
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(translator.calls > 50);
    QCOMPARE(forms.size(), providers::supportedProviders().size());
    int fields = 0;
    for (const AccountForm &form : forms) {
        QVERIFY2(form.title.startsWith(kMark), qPrintable(form.title));
        QVERIFY2(form.help.startsWith(kMark), qPrintable(form.help));
        for (const AccountField &f : form.fields) {
            QVERIFY2(f.label.startsWith(kMark), qPrintable(form.provider + u' ' + f.label));
            if (!f.help.isEmpty())
                QVERIFY2(f.help.startsWith(kMark), qPrintable(form.provider + u' ' + f.help));
            // Worded placeholders are translated; example values (URLs, ids) are not.
            if (f.placeholder.contains(u' '))
                QVERIFY2(f.placeholder.startsWith(kMark), qPrintable(form.provider + u' ' + f.placeholder));
            else
                QVERIFY2(!f.placeholder.startsWith(kMark), qPrintable(f.placeholder));
            // Keys and choices are values, never translated.
            QVERIFY(!f.key.contains(kMark));
            for (const QString &c : f.choices)
                QVERIFY(!c.startsWith(kMark));
            ++fields;
        }
    }
    QVERIFY(fields > 30);
    // The endpoint override's help keeps its %1 filled with the translated cloud words.
    const AccountForm aws = [&forms] {
        for (const AccountForm &f : forms)
            if (f.provider == u"aws")
                return f;
        return AccountForm{};
    }();
    const AccountField endpoint = aws.fields.last();
    QCOMPARE(endpoint.key, QStringLiteral("endpoint"));
    QVERIFY2(endpoint.help.contains(QStringLiteral("instead of 译:the AWS endpoints: a private")), qPrintable(endpoint.help));
    QVERIFY(!endpoint.help.contains(QStringLiteral("%1")));
}

void TestFormTranslation::accountFormsStayEnglishWithoutTranslator()
{
    // The command line installs no translator: the same texts, in English, byte for byte.
    const AccountForm aws = providers::accountForm(QStringLiteral("aws"));
    QCOMPARE(aws.title, QStringLiteral("Amazon Web Services"));
    QCOMPARE(aws.fields.first().label, QStringLiteral("Access key ID"));
    QCOMPARE(aws.fields.first().help,
             QStringLiteral("IAM console \u25b8 Users \u25b8 your user \u25b8 Security credentials \u25b8 Access keys "
                            "\u25b8 Create access key."));
    QCOMPARE(aws.fields.last().help,
             QStringLiteral("Sends every request of this account to this URL instead of the AWS endpoints: a private "
                            "endpoint, a sovereign cloud, a proxy or a local test server. Leave empty normally."));
    const AccountForm databricks = providers::accountForm(QStringLiteral("databricks"));
    const auto billing = std::find_if(databricks.fields.begin(), databricks.fields.end(),
                                      [](const AccountField &f) { return f.key == u"billing_account"; });
    QVERIFY(billing != databricks.fields.end());
    QCOMPARE(billing->placeholder, QStringLiteral("default: the account name"));
}

void TestFormTranslation::monthYearText_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QDate>("month");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates) << QDate(2026, 11, 1)
                           << QStringLiteral("November 2026");
    QTest::newRow("en_GB, January") << QLocale(QLocale::English, QLocale::UnitedKingdom) << QDate(2027, 1, 15)
                                    << QStringLiteral("January 2027");
    QTest::newRow("zh_CN") << QLocale(QLocale::Chinese, QLocale::China) << QDate(2026, 11, 1)
                           << QStringLiteral("2026年11月");
    QTest::newRow("zh_CN, one digit") << QLocale(QLocale::Chinese, QLocale::China) << QDate(2026, 3, 31)
                                      << QStringLiteral("2026年3月");
    QTest::newRow("zh_TW") << QLocale(QLocale::Chinese, QLocale::Taiwan) << QDate(2026, 11, 1)
                           << QStringLiteral("2026年11月");
    QTest::newRow("ja_JP") << QLocale(QLocale::Japanese, QLocale::Japan) << QDate(2026, 11, 1)
                           << QStringLiteral("2026年11月");
    QTest::newRow("ko_KR") << QLocale(QLocale::Korean, QLocale::SouthKorea) << QDate(2026, 11, 1)
                           << QStringLiteral("2026년 11월");
    QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany) << QDate(2026, 3, 1)
                           << QStringLiteral("März 2026");
}

void TestFormTranslation::monthYearText()
{
    QFETCH(QLocale, locale);
    QFETCH(QDate, month);
    QFETCH(QString, expected);
    QCOMPARE(views::monthYearText(month, locale), expected);
}

void TestFormTranslation::budgetsMonthListInChinese()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    store::CostStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("empty.costscope"))));
    const QLocale before;
    for (const auto &[locale, first, last] :
         {std::tuple{QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("2026年11月"), QStringLiteral("2025年11月")},
          std::tuple{QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("November 2026"),
                     QStringLiteral("November 2025")}}) {
        QLocale::setDefault(locale);
        views::MainWindowOptions options;
        options.today = [] { return QDate(2026, 11, 28); };
        views::MainWindow window(store, options);
        auto *months = window.budgets()->findChild<QComboBox *>(QStringLiteral("monthBox"));
        QVERIFY(months);
        QCOMPARE(months->count(), 13);
        QCOMPARE(months->itemText(0), first);
        QCOMPARE(months->itemText(12), last);
        QCOMPARE(months->itemData(0).toDate(), QDate(2026, 11, 1));
    }
    QLocale::setDefault(before);
}

QTEST_MAIN(TestFormTranslation)
#include "TestFormTranslation.moc"
