#include "support/testsupport.h"

#include "data/featuretable.h"
#include "data/split.h"

#include <QTest>

#include <map>
#include <set>

using namespace genrescope;
using namespace genrescope::data;

namespace {

const char *kSmall = "filename,length,a_mean,b_var,label\n"
                     "blues.00000.wav,661794,0.5,1e3,blues\n"
                     "rock.00003.wav,661794,-2.25,+4,rock\n"
                     "blues.00001.wav,661500,0,0.125,blues\n";

std::string errorOf(const std::string &text)
{
    auto r = parseFeatureTable(text, "f.csv");
    return r.ok() ? std::string("ok") : r.error().toString();
}

} // namespace

class TestFeatureTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesColumnsRowsAndLabels()
    {
        auto r = parseFeatureTable(kSmall, "small.csv");
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const FeatureTable &t = r.value();
        QCOMPARE(t.columns, (std::vector<std::string>{"length", "a_mean", "b_var"}));
        QCOMPARE(t.size(), std::size_t(3));
        QCOMPARE(t.filenames[1], std::string("rock.00003.wav"));
        QCOMPARE(t.rows[1], (std::vector<float>{661794.f, -2.25f, 4.f}));
        QCOMPARE(t.rows[0][2], 1000.f);
        QCOMPARE(t.labelNames, (std::vector<std::string>{"blues", "rock"}));
        QCOMPARE(t.labels, (std::vector<int>{0, 1, 0}));
        QCOMPARE(t.columnIndex("b_var"), 2);
        QCOMPARE(t.columnIndex("nope"), -1);
    }

    void dropsNamedColumns()
    {
        auto t = parseFeatureTable(kSmall, "small.csv").value();
        auto dropped = t.withoutColumns({"length"});
        QVERIFY(dropped.ok());
        QCOMPARE(dropped.value().columns, (std::vector<std::string>{"a_mean", "b_var"}));
        QCOMPARE(dropped.value().rows[1], (std::vector<float>{-2.25f, 4.f}));
        QVERIFY(!t.withoutColumns({"missing"}).ok());
    }

    void badCellsNameRowAndColumn()
    {
        const std::string nan = errorOf("filename,length,x,label\na.wav,1,2,rock\nb.wav,1,nan,rock\n");
        QVERIFY2(nan.find("row 2") != std::string::npos && nan.find("column 'x'") != std::string::npos, nan.c_str());
        const std::string inf = errorOf("filename,length,x,label\na.wav,inf,2,rock\n");
        QVERIFY2(inf.find("row 1") != std::string::npos && inf.find("column 'length'") != std::string::npos,
                 inf.c_str());
        const std::string huge = errorOf("filename,length,x,label\na.wav,1,1e300,rock\n");
        QVERIFY2(huge.find("column 'x'") != std::string::npos, huge.c_str());
        const std::string text = errorOf("filename,length,x,label\na.wav,1,two,rock\n");
        QVERIFY2(text.find("'two' is not a number") != std::string::npos, text.c_str());
        const std::string trailing = errorOf("filename,length,x,label\na.wav,1,2x,rock\n");
        QVERIFY2(trailing.find("column 'x'") != std::string::npos, trailing.c_str());
        const std::string emptyCell = errorOf("filename,length,x,label\na.wav,1,,rock\n");
        QVERIFY2(emptyCell.find("column 'x'") != std::string::npos, emptyCell.c_str());
        const std::string count = errorOf("filename,length,x,label\na.wav,1,2,rock\nb.wav,1,rock\n");
        QVERIFY2(count.find("row 2 (line 3)") != std::string::npos && count.find("found 3") != std::string::npos,
                 count.c_str());
        QVERIFY(errorOf("name,length,label\na,1,rock\n").find("bad-format") == 0);
        QVERIFY(errorOf("filename,length,x,label\n").find("empty-file") == 0);
        QVERIFY(errorOf("").find("empty-file") == 0);
        QVERIFY(errorOf("filename,length,x,label\na.wav,1,2,\n").find("column 'label'") != std::string::npos);
    }

    void groupsKeepSegmentsOfASongTogether()
    {
        QCOMPARE(songGroupFromFilename("blues.00012.wav"), std::string("blues.00012"));
        QCOMPARE(songGroupFromFilename("blues.00012.au"), std::string("blues.00012"));
        QCOMPARE(songGroupFromFilename("blues.00012.3.wav"), std::string("blues.00012"));
        QCOMPARE(songGroupFromFilename("gtzan/blues/blues.00012.flac"), std::string("blues.00012"));
        QCOMPARE(songGroupFromFilename("dir/My Song.mp3"), std::string("My Song"));
        QCOMPARE(songGroupFromFilename("no-extension"), std::string("no-extension"));
        QCOMPARE(songGroupFromFilename("my.song.mp3"), std::string("my.song"));
    }

    void realGtzanTableParses()
    {
        GS_REQUIRE_SHARED_DATA(dir);
        auto r = loadFeatureTable(dir / "gtzan-features" / "features_30_sec.csv");
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        const FeatureTable &t = r.value();
        QCOMPARE(t.size(), std::size_t(965));
        QCOMPARE(t.columns.size(), std::size_t(58)); // length + 57 features
        QCOMPARE(t.columns.front(), std::string("length"));
        QCOMPARE(t.columns[1], std::string("chroma_stft_mean"));
        QCOMPARE(t.columns[17], std::string("tempo"));
        QCOMPARE(t.columns.back(), std::string("mfcc20_var"));
        QCOMPARE(t.labelNames, (std::vector<std::string>{"blues", "classical", "country", "disco", "hiphop", "jazz",
                                                          "metal", "pop", "reggae", "rock"}));
        std::map<int, int> perLabel;
        for (int l : t.labels)
            ++perLabel[l];
        QCOMPARE(perLabel[0], 96);  // blues
        QCOMPARE(perLabel[5], 95);  // jazz
        // First row, from the file itself: blues.00000.au, tempo 123.046875.
        QCOMPARE(t.filenames.front(), std::string("blues.00000.au"));
        QCOMPARE(t.rows.front()[std::size_t(t.columnIndex("tempo"))], 123.046875f);
        const auto groups = t.groups();
        QCOMPARE(groups.front(), std::string("blues.00000"));
        QCOMPARE(std::set<std::string>(groups.begin(), groups.end()).size(), std::size_t(965));

        // 10-fold by song over the real table: every row tested exactly once.
        auto folds = kFoldSplits(splitEntries(t), 10, 7);
        QVERIFY(folds.ok());
        std::size_t tested = 0;
        for (const auto &f : folds.value())
            tested += f.test.size();
        QCOMPARE(tested, std::size_t(965));
    }
};

QTEST_GUILESS_MAIN(TestFeatureTable)
#include "tst_featuretable.moc"
