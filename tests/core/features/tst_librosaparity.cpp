// Oracle 2 of the features issue: the statistics row of every ../shared/data/gtzan-dev clip against
// that clip's row of gtzan-features/features_30_sec.csv (computed with librosa by the table's authors).
// The table printed here is recorded in docs/benchmarks/librosa-parity.md.
#include "audio/decoder.h"
#include "base/parallel.h"
#include "features/clipstatistics.h"

#include "support/testsupport.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

using namespace genrescope;
using namespace genrescope::features;

namespace {

// filename stem ("blues.00000") -> the 57 statistics after `length` (the label dropped).
std::map<std::string, std::vector<double>> readTable(const std::filesystem::path &csv, std::string &error)
{
    std::map<std::string, std::vector<double>> rows;
    std::ifstream in(csv);
    if (!in) {
        error = "cannot open " + csv.string();
        return rows;
    }
    std::string line;
    std::getline(in, line);
    std::stringstream header(line);
    std::vector<std::string> names;
    for (std::string cell; std::getline(header, cell, ',');)
        names.push_back(cell);
    const auto &ours = ClipStatistics::columnNames();
    if (names.size() != ours.size() + 3 || !std::equal(ours.begin(), ours.end(), names.begin() + 2)) {
        error = "unexpected header in " + csv.string();
        return rows;
    }
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string name, cell;
        std::getline(ss, name, ',');
        std::getline(ss, cell, ','); // length
        std::vector<double> values;
        while (values.size() < ours.size() && std::getline(ss, cell, ','))
            values.push_back(std::stod(cell));
        if (values.size() == ours.size())
            rows[name.substr(0, name.rfind('.'))] = std::move(values);
    }
    return rows;
}

bool comparedByAbsoluteError(int column)
{
    return column == kHarmonyMean || column == kPerceptrMean; // near zero: relative error is meaningless
}

} // namespace

class TestLibrosaParity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statisticsMatchTheFeatureTable()
    {
        GS_REQUIRE_SHARED_DATA(shared);
        const auto dev = test::gtzanDevDir();
        const auto csv = shared / "gtzan-features" / "features_30_sec.csv";
        if (!dev || !std::filesystem::exists(csv))
            QSKIP("skipped: gtzan-dev or gtzan-features/features_30_sec.csv is missing from ../shared/data");
        std::string error;
        const auto table = readTable(csv, error);
        QVERIFY2(error.empty(), error.c_str());

        std::vector<std::filesystem::path> clips;
        for (const auto &e : std::filesystem::recursive_directory_iterator(*dev))
            if (e.is_regular_file() && e.path().extension() == ".flac")
                clips.push_back(e.path());
        std::sort(clips.begin(), clips.end());
        QVERIFY2(!clips.empty(), "no .flac clips in gtzan-dev");

        std::vector<std::vector<float>> ours(clips.size());
        std::vector<std::string> failures(clips.size());
        base::threadedFor(2)(clips.size(), [&](std::size_t i) {
            auto audio = audio::decodeFile(clips[i]);
            if (!audio) {
                failures[i] = audio.error().toString();
                return;
            }
            auto stats = clipStatistics(audio->samples, audio->sampleRate);
            if (!stats) {
                failures[i] = stats.error().toString();
                return;
            }
            ours[i] = std::move(stats->values);
        });
        for (std::size_t i = 0; i < clips.size(); ++i) {
            QVERIFY2(failures[i].empty(), (clips[i].filename().string() + ": " + failures[i]).c_str());
            QVERIFY2(table.count(clips[i].stem().string()),
                     (clips[i].stem().string() + " has no row in features_30_sec.csv").c_str());
        }

        const auto &names = ClipStatistics::columnNames();
        std::printf("\n%-26s %12s %12s  (relative error over %zu clips; * = absolute error)\n", "feature", "median",
                    "max", clips.size());
        bool allWithinTargets = true;
        bool allWithinRegression = true;
        for (int c = 0; c < kStatCount; ++c) {
            if (c == kTempo)
                continue;
            std::vector<double> errs;
            for (std::size_t i = 0; i < clips.size(); ++i) {
                const double want = table.at(clips[i].stem().string())[std::size_t(c)];
                const double got = ours[i][std::size_t(c)];
                errs.push_back(comparedByAbsoluteError(c) ? std::abs(got - want)
                                                          : std::abs(got - want) / std::max(std::abs(want), 1e-30));
            }
            std::sort(errs.begin(), errs.end());
            const double median = errs[errs.size() / 2];
            const double max = errs.back();
            std::printf("%-26s %12.3g %12.3g%s\n", names[std::size_t(c)].c_str(), median, max,
                        comparedByAbsoluteError(c) ? " *" : "");
            if (comparedByAbsoluteError(c)) {
                // The signals' means are ~1e-4; a wrong HPSS or istft shifts them by far more than 1e-6.
                allWithinTargets = allWithinTargets && max < 1e-6;
            } else {
                // The targets: 1% median, 3% maximum.
                allWithinTargets = allWithinTargets && median < 0.01 && max < 0.03;
                // What this implementation achieves (float32 rounding): a regression guard.
                allWithinRegression = allWithinRegression && max < 1e-3;
            }
        }

        int tempoHits = 0;
        for (std::size_t i = 0; i < clips.size(); ++i) {
            const double want = table.at(clips[i].stem().string())[kTempo];
            const double got = ours[i][kTempo];
            if (std::abs(got - want) / want <= 0.02)
                ++tempoHits;
            else
                std::printf("tempo differs: %s ours %.3f, table %.3f\n", clips[i].stem().string().c_str(), got, want);
        }
        std::printf("%-26s %d of %zu clips within 2%%\n", "tempo", tempoHits, clips.size());
        std::fflush(stdout);

        QVERIFY2(allWithinTargets, "a feature misses the 1% median / 3% maximum target (see the table above)");
        QVERIFY2(allWithinRegression, "a feature's maximum relative error exceeds 0.1% (see the table above)");
        QVERIFY2(tempoHits >= int(std::ceil(0.9 * double(clips.size()))), "tempo matches on fewer than 90% of clips");
        // Every dev clip matches today (librosa.beat.beat_track's median-aggregated onset envelope).
        QCOMPARE(tempoHits, int(clips.size()));
    }
};

QTEST_GUILESS_MAIN(TestLibrosaParity)
#include "tst_librosaparity.moc"
