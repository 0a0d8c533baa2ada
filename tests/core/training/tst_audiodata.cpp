#include "base/parallel.h"
#include "data/split.h"
#include "features/recipes.h"
#include "support/audiogen.h"
#include "training/trainer.h"

#include <torch/torch.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace genrescope;
using namespace genrescope::training;

/**
 * Audio end to end on a dataset the test writes: three classes that differ in pitch and timbre
 * (220 Hz tone, 2 kHz tone, white noise), five 30-s WAV files each, plus one corrupt file.
 */
class TestAudioData : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        at::set_num_threads(1);
        QVERIFY(m_dir.isValid());
        m_dataset.root = m_dir.path().toStdString();
        m_dataset.labels = {"high", "low", "noise"};
        for (int i = 0; i < 5; ++i) {
            const float amp = 0.2f + 0.1f * float(i);
            addFile("low", i, test::sine(220.0 + 7.0 * i, 22050, 30.0, 1, amp));
            addFile("high", i, test::sine(2000.0 + 50.0 * i, 22050, 30.0, 1, amp));
            addFile("noise", i, test::noise(22050, 30.0, 1, amp, unsigned(i + 1)));
        }
        const std::string broken = m_dir.path().toStdString() + "/low/broken.wav";
        QFile f(QString::fromStdString(broken));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("RIFF\x10\x00\x00\x00WAVEjunkjunkjunkjunk not audio at all");
        f.close();
        data::Item it;
        it.path = broken;
        it.key = "low/broken.wav";
        it.label = "low";
        it.group = it.key;
        m_dataset.items.push_back(it);
    }

    void corruptFileIsReportedAndTheRestIsFeaturisedAndCached()
    {
        auto fc = features::recipe("seed004-f6");
        QVERIFY(fc.ok());
        PrepareOptions opt;
        opt.cache = data::FeatureCache(m_dir.path().toStdString() + "/cache");
        opt.parallelFor = base::threadedFor(2);
        auto first = prepareAudio(m_dataset, *fc, opt);
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().toString().c_str());
        QCOMPARE(first->songs.size(), std::size_t(15));
        QCOMPARE(first->failed.size(), std::size_t(1));
        QCOMPARE(first->failed[0].key, std::string("low/broken.wav"));
        QCOMPARE(first->itemShape, (std::vector<std::int64_t>{1, 33, 166}));
        QCOMPARE(first->songs[0].items, std::int64_t(15));

        // The second run decodes nothing that decoded before: only the broken file is recomputed.
        auto second = prepareAudio(m_dataset, *fc, opt);
        QVERIFY(second.ok());
        QCOMPARE(second->cacheMisses, std::uint64_t(1));
        QCOMPARE(second->songs[3].data, first->songs[3].data);
        m_prepared = std::make_shared<PreparedData>(std::move(*second));
    }

    void smallCnnLearnsPitchAndTimbreAndSkipsTheBrokenFile()
    {
        QVERIFY(m_prepared);
        auto fc = features::recipe("seed004-f6");
        TrainingJob job;
        job.architecture = "seed004-simple-cnn";
        job.featureConfig = fc->toJson();
        job.data = m_prepared;
        auto split = data::stratifiedSplit(splitEntries(*m_prepared), 0.6, 0.2, 0.2, 1);
        QVERIFY(split.ok());
        job.split = *split;
        TrainerOptions o;
        o.epochs = 4;
        o.batchSize = 16;
        o.learningRate = 1e-3;
        o.seed = 2;
        o.gainDb = 3.0;
        o.timeShiftFraction = 0.1;
        auto r = train(job, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
        QVERIFY(r->history.back().trainLoss < r->history.front().trainLoss);
        QVERIFY(r->history.back().trainAccuracy > 0.8);
        QVERIFY(r->test.has_value());
        QVERIFY2(r->test->song.accuracy > 0.66, std::to_string(r->test->song.accuracy).c_str());
        QCOMPARE(r->bundle.normalization.axis, 1); // per mel band of [1, 33, 166]
        QCOMPARE(int(r->bundle.normalization.mean.size()), 33);
    }

private:
    void addFile(const std::string &label, int i, const std::vector<float> &samples)
    {
        const std::string key = label + "/" + std::to_string(i) + ".wav";
        const std::filesystem::path path = m_dir.path().toStdString() + "/" + key;
        std::filesystem::create_directories(path.parent_path());
        QVERIFY(test::writeAudioFile(path, samples, 22050, 1, test::AudioFormat::WavS16).ok());
        data::Item it;
        it.path = path;
        it.key = key;
        it.label = label;
        it.group = key;
        m_dataset.items.push_back(it);
    }

    QTemporaryDir m_dir;
    data::Dataset m_dataset;
    std::shared_ptr<PreparedData> m_prepared;
};

QTEST_GUILESS_MAIN(TestAudioData)
#include "tst_audiodata.moc"
