#include "clipstatistics.h"

#include "dsp/chroma.h"
#include "dsp/db.h"
#include "dsp/dct.h"
#include "dsp/istft.h"
#include "dsp/medianfilter.h"
#include "dsp/mel.h"
#include "dsp/onset.h"
#include "dsp/spectralstats.h"
#include "dsp/stft.h"
#include "dsp/tempo.h"
#include "dsp/tuning.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <new>
#include <string>
#include <utility>

namespace genrescope::features {

namespace {

constexpr int kNFft = 2048;
constexpr int kHop = 512;
constexpr int kNMels = 128;
constexpr int kNMfcc = 20;
constexpr int kHpssKernel = 31;

struct MeanVar
{
    double mean = 0;
    double var = 0;
};

template <typename It>
MeanVar meanVar(It begin, It end)
{
    MeanVar mv;
    const auto n = static_cast<double>(end - begin);
    if (n <= 0)
        return mv;
    for (It it = begin; it != end; ++it)
        mv.mean += static_cast<double>(*it);
    mv.mean /= n;
    for (It it = begin; it != end; ++it) {
        const double d = static_cast<double>(*it) - mv.mean;
        mv.var += d * d;
    }
    mv.var /= n; // numpy.var, ddof = 0
    return mv;
}

template <typename C>
MeanVar meanVar(const C &c)
{
    return meanVar(c.begin(), c.end());
}

void put(std::vector<float> &v, int column, MeanVar mv)
{
    v[static_cast<std::size_t>(column)] = static_cast<float>(mv.mean);
    v[static_cast<std::size_t>(column) + 1] = static_cast<float>(mv.var);
}

base::Error cancelled()
{
    return base::makeError(base::ErrorCode::Cancelled, "statistics cancelled");
}

// librosa.effects.hpss then mean/var of one separated signal: istft of D * mask, natural length,
// zero-padded (util.fix_length) to the input length.
base::Result<MeanVar> separatedSignalStats(const dsp::Istft &istft, const base::Matrix &re, const base::Matrix &im,
                                           const base::Matrix &mask, std::size_t length)
{
    base::Matrix r(re.rows, re.cols), i(im.rows, im.cols);
    for (std::size_t k = 0; k < re.data.size(); ++k) {
        r.data[k] = re.data[k] * mask.data[k];
        i.data[k] = im.data[k] * mask.data[k];
    }
    auto y = istft.compute(r, i);
    GS_TRY(y);
    y->resize(length, 0.0f);
    return meanVar(*y);
}

base::Result<base::Matrix> chroma(const base::Matrix &power, int sampleRate)
{
    if (sampleRate <= 0)
        return base::makeError(base::ErrorCode::InvalidArgument, "sample rate must be positive");
    dsp::TuningConfig tc;
    tc.sampleRate = sampleRate;
    auto tuning = dsp::estimateTuning(power, tc);
    GS_TRY(tuning);
    const int nFft = 2 * (static_cast<int>(power.rows) - 1);
    const base::Matrix fb = dsp::chromaFilterbank(sampleRate, nFft, 12, *tuning);
    if (fb.empty())
        return base::makeError(base::ErrorCode::Internal, "chroma filterbank");
    base::Matrix c = dsp::applyFilterbank(fb, power);
    const double tiny = std::numeric_limits<float>::min();
    for (std::size_t t = 0; t < c.cols; ++t) {
        double peak = 0;
        for (std::size_t k = 0; k < c.rows; ++k)
            peak = std::max(peak, static_cast<double>(std::abs(c(k, t))));
        if (peak >= tiny) // librosa.util.normalize(norm=inf) leaves tiny columns alone
            for (std::size_t k = 0; k < c.rows; ++k)
                c(k, t) = static_cast<float>(c(k, t) / peak);
    }
    return c;
}

base::Result<ClipStatistics> compute(const std::vector<float> &samples, int sampleRate,
                                     const base::CancelToken &cancel)
{
    if (sampleRate <= 0)
        return base::makeError(base::ErrorCode::InvalidArgument, "sample rate must be positive");
    if (samples.size() < static_cast<std::size_t>(kNFft))
        return base::makeError(base::ErrorCode::InvalidArgument,
                               "statistics need at least " + std::to_string(kNFft) + " samples, got " +
                                   std::to_string(samples.size()));
    const float *x = samples.data();
    const std::size_t n = samples.size();

    ClipStatistics out;
    out.values.assign(static_cast<std::size_t>(kStatCount), 0.0f);
    std::vector<float> &v = out.values;

    auto stft = dsp::Stft::create(dsp::StftConfig{});
    GS_TRY(stft);
    base::Matrix re, im;
    stft->complexSpectrogram(x, n, re, im);
    base::Matrix power(re.rows, re.cols), mag(re.rows, re.cols);
    for (std::size_t k = 0; k < re.data.size(); ++k) {
        power.data[k] = re.data[k] * re.data[k] + im.data[k] * im.data[k];
        mag.data[k] = std::sqrt(power.data[k]);
    }
    const std::size_t frames = re.cols;
    if (cancel.isCancelled())
        return cancelled();

    {
        auto chroma = chromaStft(power, sampleRate);
        GS_TRY(chroma);
        put(v, kChromaMean, meanVar(chroma->data));
    }

    auto r = dsp::rms(x, n, kNFft, kHop, true);
    GS_TRY(r);
    put(v, kRmsMean, meanVar(*r));

    auto centroid = dsp::spectralCentroid(mag, sampleRate);
    GS_TRY(centroid);
    put(v, kCentroidMean, meanVar(*centroid));
    auto bandwidth = dsp::spectralBandwidth(mag, sampleRate, *centroid, 2.0);
    GS_TRY(bandwidth);
    put(v, kBandwidthMean, meanVar(*bandwidth));
    auto rolloff = dsp::spectralRolloff(mag, sampleRate, 0.85);
    GS_TRY(rolloff);
    put(v, kRolloffMean, meanVar(*rolloff));
    auto zcr = dsp::zeroCrossingRate(x, n, kNFft, kHop, true);
    GS_TRY(zcr);
    put(v, kZcrMean, meanVar(*zcr));
    if (cancel.isCancelled())
        return cancelled();

    {
        auto masks = dsp::hpssMasks(mag, kHpssKernel, 2.0, 1.0);
        GS_TRY(masks);
        if (cancel.isCancelled())
            return cancelled();
        auto istft = dsp::Istft::create(dsp::IstftConfig{kNFft, kHop, kNFft});
        GS_TRY(istft);
        auto harmony = separatedSignalStats(*istft, re, im, masks->harmonic, n);
        GS_TRY(harmony);
        put(v, kHarmonyMean, *harmony);
        auto perceptr = separatedSignalStats(*istft, re, im, masks->percussive, n);
        GS_TRY(perceptr);
        put(v, kPerceptrMean, *perceptr);
    }
    if (cancel.isCancelled())
        return cancelled();

    // MFCC and tempo share the 128-band Slaney mel power spectrogram in dB (top_db 80).
    dsp::MelConfig mc;
    mc.sampleRate = sampleRate;
    mc.nFft = kNFft;
    mc.nMels = kNMels;
    auto melFb = dsp::melFilterbank(mc);
    GS_TRY(melFb);
    base::Matrix melDb = dsp::applyFilterbank(*melFb, power);
    dsp::powerToDb(melDb, 1.0f, 1e-10f, 80.0f);
    {
        const base::Matrix dct = dsp::dctOrthoMatrix(kNMfcc, kNMels);
        std::vector<double> coeff(frames);
        for (int c = 0; c < kNMfcc; ++c) {
            std::fill(coeff.begin(), coeff.end(), 0.0);
            const float *d = dct.row(static_cast<std::size_t>(c));
            for (std::size_t b = 0; b < melDb.rows; ++b) {
                const float *row = melDb.row(b);
                const double w = d[b];
                for (std::size_t t = 0; t < frames; ++t)
                    coeff[t] += w * row[t];
            }
            // librosa's MFCC is float32: round each coefficient before the statistics.
            for (double &value : coeff)
                value = static_cast<float>(value);
            put(v, kMfccFirst + 2 * c, meanVar(coeff));
        }
    }

    // librosa.onset.onset_strength fixes fmax at 11025 Hz, which is sr / 2 at the table's rate.
    base::Matrix onsetDb;
    const base::Matrix *onsetSpec = &melDb;
    if (sampleRate != 22050) {
        dsp::MelConfig oc = mc;
        oc.fmax = 11025.0;
        auto ofb = dsp::melFilterbank(oc);
        GS_TRY(ofb);
        onsetDb = dsp::applyFilterbank(*ofb, power);
        dsp::powerToDb(onsetDb, 1.0f, 1e-10f, 80.0f);
        onsetSpec = &onsetDb;
    }
    // The table's tempo is librosa.beat.beat_track's, whose onset envelope takes the MEDIAN over
    // bands (the mean, librosa.beat.tempo's default, matches only 48 of the 70 dev clips).
    auto env = dsp::onsetStrength(*onsetSpec, dsp::OnsetConfig{1, kNFft, kHop, true, dsp::OnsetAggregate::Median});
    GS_TRY(env);
    dsp::TempoConfig tc;
    tc.sampleRate = sampleRate;
    tc.hop = kHop;
    auto tempo = dsp::estimateTempo(*env, tc);
    GS_TRY(tempo);
    v[kTempo] = static_cast<float>(*tempo);
    return out;
}

} // namespace

const std::vector<std::string> &ClipStatistics::columnNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n = {"chroma_stft_mean",
                                      "chroma_stft_var",
                                      "rms_mean",
                                      "rms_var",
                                      "spectral_centroid_mean",
                                      "spectral_centroid_var",
                                      "spectral_bandwidth_mean",
                                      "spectral_bandwidth_var",
                                      "rolloff_mean",
                                      "rolloff_var",
                                      "zero_crossing_rate_mean",
                                      "zero_crossing_rate_var",
                                      "harmony_mean",
                                      "harmony_var",
                                      "perceptr_mean",
                                      "perceptr_var",
                                      "tempo"};
        for (int i = 1; i <= kNMfcc; ++i) {
            n.push_back("mfcc" + std::to_string(i) + "_mean");
            n.push_back("mfcc" + std::to_string(i) + "_var");
        }
        return n;
    }();
    return names;
}

base::Result<base::Matrix> chromaStft(const base::Matrix &power, int sampleRate)
{
    try {
        return chroma(power, sampleRate);
    } catch (const std::exception &e) {
        return base::makeError(base::ErrorCode::Internal, std::string("chroma: ") + e.what());
    }
}

base::Result<ClipStatistics> clipStatistics(const std::vector<float> &samples, int sampleRate,
                                            const base::CancelToken &cancel)
{
    if (sampleRate > 0 && double(samples.size()) > kMaxStatisticsSeconds * sampleRate)
        return base::makeError(base::ErrorCode::TooLarge,
                               "the clip statistics are limited to " + std::to_string(int(kMaxStatisticsSeconds / 60)) +
                                   " minutes of audio (this one is " +
                                   std::to_string(int(double(samples.size()) / sampleRate / 60)) + " minutes)");
    try {
        return compute(samples, sampleRate, cancel);
    } catch (const std::bad_alloc &) {
        return base::makeError(base::ErrorCode::TooLarge,
                               "out of memory for the statistics of " + std::to_string(samples.size()) + " samples");
    } catch (const std::exception &e) {
        return base::makeError(base::ErrorCode::Internal, std::string("statistics: ") + e.what());
    }
}

} // namespace genrescope::features
