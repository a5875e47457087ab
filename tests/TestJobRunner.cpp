#include "views/common/JobRunner.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using costscope::CancelFn;
using costscope::ProgressFn;
using costscope::views::JobRunner;

class TestJobRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversOutcomeAndProgress();
    void reportsFailure();
    void cancels();
    void oneJobAtATime();
    void dropsCallbackWhenContextIsGone();
};

void TestJobRunner::deliversOutcomeAndProgress()
{
    JobRunner runner;
    QSignalSpy progress(&runner, &JobRunner::progressChanged);
    QSignalSpy finished(&runner, &JobRunner::finished);
    std::atomic<bool> release{false};
    JobRunner::Outcome got;
    int calls = 0;
    QVERIFY(runner.start(
        QStringLiteral("job"),
        [&release](const ProgressFn &p, const CancelFn &, QString *) {
            p(0.5, QStringLiteral("half way"));
            while (!release.load()) // holds the job until the GUI thread saw the progress
                std::this_thread::yield();
            return true;
        },
        this, [&](const JobRunner::Outcome &o) {
            got = o;
            ++calls;
        }));
    QVERIFY(runner.isRunning());
    QTRY_VERIFY(std::any_of(progress.begin(), progress.end(), [](const QList<QVariant> &args) {
        return args.at(1).toString() == u"half way" && qFuzzyCompare(args.at(0).toDouble(), 0.5);
    }));
    release = true;
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(calls, 1);
    QVERIFY(got.ok);
    QVERIFY(!got.cancelled);
    QVERIFY(!runner.isRunning());
}

void TestJobRunner::reportsFailure()
{
    JobRunner runner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    JobRunner::Outcome got;
    runner.start(
        QStringLiteral("job"),
        [](const ProgressFn &, const CancelFn &, QString *error) {
            *error = QStringLiteral("the disk is full");
            return false;
        },
        this, [&](const JobRunner::Outcome &o) { got = o; });
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!got.ok);
    QVERIFY(!got.cancelled);
    QCOMPARE(got.error, QStringLiteral("the disk is full"));
}

void TestJobRunner::cancels()
{
    JobRunner runner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    JobRunner::Outcome got;
    runner.start(
        QStringLiteral("job"),
        [](const ProgressFn &, const CancelFn &cancelled, QString *) {
            while (!cancelled())
                std::this_thread::yield();
            return false;
        },
        this, [&](const JobRunner::Outcome &o) { got = o; });
    runner.cancel();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!got.ok);
    QVERIFY(got.cancelled);
    QCOMPARE(finished.first().at(1).toBool(), true);
}

void TestJobRunner::oneJobAtATime()
{
    JobRunner runner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    auto wait = [](const ProgressFn &, const CancelFn &cancelled, QString *) {
        while (!cancelled())
            std::this_thread::yield();
        return false;
    };
    QVERIFY(runner.start(QStringLiteral("first"), wait, this, {}));
    QVERIFY(!runner.start(QStringLiteral("second"), wait, this, {}));
    QCOMPARE(runner.title(), QStringLiteral("first"));
    runner.cancel();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(runner.start(QStringLiteral("third"), [](const ProgressFn &, const CancelFn &, QString *) { return true; },
                         this, {}));
    QTRY_COMPARE(finished.count(), 2);
}

void TestJobRunner::dropsCallbackWhenContextIsGone()
{
    JobRunner runner;
    QSignalSpy finished(&runner, &JobRunner::finished);
    auto context = std::make_unique<QObject>();
    bool called = false;
    std::atomic<bool> release{false};
    runner.start(
        QStringLiteral("job"),
        [&release](const ProgressFn &, const CancelFn &, QString *) {
            while (!release.load())
                std::this_thread::yield();
            return true;
        },
        context.get(), [&](const JobRunner::Outcome &) { called = true; });
    context.reset(); // e.g. the window closed
    release = true;
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestJobRunner)
#include "TestJobRunner.moc"
