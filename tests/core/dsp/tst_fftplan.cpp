#include "dsp/fftplan.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>
#include <thread>
#include <vector>

using namespace genrescope::dsp;

class TestFftPlan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void invalidSizeGivesNoPlan()
    {
        QVERIFY(!RealFft::get(0));
        QVERIFY(!RealFft::get(-4));
    }

    void planIsCachedPerSize()
    {
        auto a = RealFft::get(1024), b = RealFft::get(1024);
        QVERIFY(a && a == b);
        QCOMPARE(a->size(), 1024);
        QCOMPARE(a->bins(), 513);
        QVERIFY(RealFft::get(2205) != a);
    }

    void sineLandsInItsBin()
    {
        const int n = 2048, k = 37;
        std::vector<float> x(n);
        for (int i = 0; i < n; ++i)
            x[std::size_t(i)] = float(std::cos(2 * std::numbers::pi * k * i / n));
        std::vector<std::complex<float>> X(n / 2 + 1);
        RealFft::get(n)->forward(x.data(), X.data());
        QVERIFY(std::abs(X[k].real() - n / 2.0f) < 1e-2f);
        for (int b = 0; b <= n / 2; ++b)
            if (b != k)
                QVERIFY2(std::abs(X[std::size_t(b)]) < 1e-2f, qPrintable(QString::number(b)));
    }

    void roundTripRestoresSignalAndParsevalHolds()
    {
        for (int n : {512, 2205, 1000}) {
            std::mt19937 rng(5);
            std::normal_distribution<float> g;
            std::vector<float> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
            for (float &v : x)
                v = g(rng);
            const auto fft = RealFft::get(n);
            std::vector<std::complex<float>> X(std::size_t(fft->bins()));
            fft->forward(x.data(), X.data());
            const auto Xcopy = X;
            fft->inverse(X.data(), y.data());
            QVERIFY(X == Xcopy); // inverse() leaves its input alone
            double e = 0, ex = 0, eX = 0;
            for (int i = 0; i < n; ++i) {
                e = std::max(e, double(std::abs(y[std::size_t(i)] / n - x[std::size_t(i)])));
                ex += double(x[std::size_t(i)]) * x[std::size_t(i)];
            }
            for (int k = 0; k < fft->bins(); ++k) {
                const bool twice = k != 0 && !(n % 2 == 0 && k == n / 2);
                eX += (twice ? 2.0 : 1.0) * std::norm(X[std::size_t(k)]);
            }
            QVERIFY2(e < 1e-5, qPrintable(QString::number(e)));
            QVERIFY(std::abs(eX / n - ex) / ex < 1e-5);
        }
    }

    void unalignedArraysGiveTheSameResult()
    {
        const int n = 256;
        std::vector<float> storage(n + 1);
        std::vector<std::complex<float>> a(n / 2 + 1), b(n / 2 + 2);
        for (int i = 0; i < n; ++i)
            storage[std::size_t(i) + 1] = float(std::sin(0.3 * i) + 0.1 * i);
        std::vector<float> aligned(storage.begin() + 1, storage.end());
        const auto fft = RealFft::get(n);
        fft->forward(aligned.data(), a.data());
        fft->forward(storage.data() + 1, b.data() + 1);
        for (int k = 0; k <= n / 2; ++k)
            QVERIFY(std::abs(a[std::size_t(k)] - b[std::size_t(k) + 1]) < 1e-4f);
    }

    void concurrentTransformsAgree()
    {
        const int n = 2048;
        std::vector<float> x(n);
        for (int i = 0; i < n; ++i)
            x[std::size_t(i)] = float(std::sin(0.01 * i * i));
        std::vector<std::complex<float>> ref(n / 2 + 1);
        RealFft::get(n)->forward(x.data(), ref.data());
        std::vector<int> bad(4, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                std::vector<std::complex<float>> out(n / 2 + 1);
                for (int r = 0; r < 200; ++r) {
                    RealFft::get(n)->forward(x.data(), out.data());
                    if (out != ref)
                        ++bad[std::size_t(t)];
                }
            });
        for (auto &th : threads)
            th.join();
        QCOMPARE(bad, std::vector<int>(4, 0));
    }
};

QTEST_GUILESS_MAIN(TestFftPlan)
#include "tst_fftplan.moc"
