#include "features/npy.h"

#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;
using namespace genrescope::features;

class TestNpy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsShapeAndValues()
    {
        QTemporaryDir dir;
        FeatureTensor t{{2, 3, 4}, {}};
        for (int i = 0; i < 24; ++i)
            t.data.push_back(float(i) * 0.5f - 3.0f);
        const std::string path = dir.filePath("x.npy").toStdString();
        QVERIFY(writeNpy(path, t).ok());
        const auto back = readNpy(path);
        QVERIFY(back.ok());
        QCOMPARE(back->shape, t.shape);
        QCOMPARE(back->data, t.data);
    }

    void headerIsNumpyVersionOneAlignedTo64()
    {
        const std::string b = npyBytes(FeatureTensor{{5}, {1, 2, 3, 4, 5}});
        QCOMPARE(b.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
        const std::size_t headerLen = std::size_t(static_cast<unsigned char>(b[8])) | (std::size_t(static_cast<unsigned char>(b[9])) << 8);
        QCOMPARE((10 + headerLen) % 64, std::size_t(0));
        const std::string header = b.substr(10, headerLen);
        QVERIFY(header.find("'descr': '<f4'") != std::string::npos);
        QVERIFY(header.find("'shape': (5,)") != std::string::npos); // a 1-tuple keeps its comma
        QCOMPARE(b.size(), 10 + headerLen + 20);
    }

    void readsNumpyWrittenFixture()
    {
        const auto t = readNpy(std::string(GS_TORCHAUDIO_FIXTURES) + "/dct_20_128.npy");
        QVERIFY(t.ok());
        QCOMPARE(t->shape, (std::vector<std::int64_t>{20, 128}));
        QVERIFY(std::abs(t->data[0] - float(std::sqrt(1.0 / 128))) < 1e-7f);
    }

    void garbageIsBadFormat()
    {
        QCOMPARE(parseNpy("hello").error().code, base::ErrorCode::BadFormat);
        std::string b = npyBytes(FeatureTensor{{4}, {1, 2, 3, 4}});
        QCOMPARE(parseNpy(std::string_view(b).substr(0, b.size() - 1)).error().code, base::ErrorCode::BadFormat);
        std::string i4 = b;
        i4.replace(i4.find("<f4"), 3, "<i4");
        QCOMPARE(parseNpy(i4).error().code, base::ErrorCode::BadFormat);
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
