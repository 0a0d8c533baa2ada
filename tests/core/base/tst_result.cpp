#include "base/result.h"

#include <QTest>
#include <memory>

using namespace genrescope::base;

namespace {
Result<int> parsePositive(int v)
{
    if (v <= 0)
        return makeError(ErrorCode::InvalidArgument, "must be positive, got " + std::to_string(v));
    return v;
}

Result<int> doubled(int v)
{
    GS_TRY(parsePositive(v));
    return 2 * parsePositive(v).value();
}

Status checkBoth(int a, int b)
{
    GS_TRY(parsePositive(a));
    GS_TRY(parsePositive(b));
    return {};
}
} // namespace

class TestResult : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valueIsHeld()
    {
        auto r = parsePositive(3);
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 3);
        QCOMPARE(*r, 3);
    }
    void errorCarriesCodeAndDetail()
    {
        auto r = parsePositive(-1);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(QString::fromStdString(r.error().toString()), QString("invalid-argument: must be positive, got -1"));
    }
    void readingTheWrongSideThrows()
    {
        auto bad = parsePositive(0);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)bad.value());
        auto good = parsePositive(1);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)good.error());
        Status ok;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)ok.error());
    }
    void tryPropagatesTheFirstError()
    {
        QCOMPARE(doubled(4).value(), 8);
        QCOMPARE(doubled(-4).error().code, ErrorCode::InvalidArgument);
        QVERIFY(checkBoth(1, 2).ok());
        auto s = checkBoth(1, -7);
        QVERIFY(!s.ok());
        QVERIFY(s.error().detail.find("-7") != std::string::npos);
    }
    void moveOnlyValues()
    {
        Result<std::unique_ptr<int>> r(std::make_unique<int>(5));
        std::unique_ptr<int> p = std::move(r).value();
        QCOMPARE(*p, 5);
    }
    void valueOrFallsBack()
    {
        QCOMPARE(parsePositive(-2).valueOr(9), 9);
        QCOMPARE(parsePositive(2).valueOr(9), 2);
    }
    void everyCodeHasAName()
    {
        for (int c = int(ErrorCode::Cancelled); c <= int(ErrorCode::Internal); ++c) {
            const auto name = errorCodeName(ErrorCode(c));
            QVERIFY(!name.empty());
            QVERIFY(c == int(ErrorCode::Internal) || name != "internal");
        }
        QVERIFY((Error{ErrorCode::Cancelled, {}}).isCancelled());
        QVERIFY(!(Error{ErrorCode::Io, {}}).isCancelled());
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
