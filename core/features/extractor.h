#pragma once

#include "base/canceltoken.h"
#include "base/matrix.h"
#include "base/result.h"
#include "features/featureconfig.h"
#include "features/featuretensor.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace genrescope::features {

/** One segment of a signal, in samples of the config's rate and in seconds. */
struct Segment
{
    int index = 0;
    long long start = 0;    ///< first sample
    long long length = 0;   ///< samples taken from the signal (before zero-padding a short one)
    double startSeconds = 0;
    double endSeconds = 0;  ///< start + length, seconds
};

/** The time span of one item (leading index) of an extracted tensor. */
struct ItemSpan
{
    int segment = 0;
    int piece = 0;          ///< 0 when the recipe has no pieces
    double startSeconds = 0;
    double endSeconds = 0;
};

/** A spectrogram for display: bands x frames, with what its rows and columns mean. */
struct DisplaySpectrogram
{
    base::Matrix values;             ///< rows = bands (low frequency first), cols = frames
    std::vector<double> rowHz;       ///< centre frequency of every row in Hz (Linear/Mel/Octave), else empty
    std::vector<double> frameSeconds;///< time of every frame's centre (center=true) or start, seconds
    std::string unit;                ///< "dB", "ln", "log1p", "log10(1+x)", "linear"
};

/**
 * Turns mono samples at config.sampleRate into a model's input as FeatureConfig describes.
 * Created once per config (STFT plans, filterbanks, DCT precomputed); every compute function is
 * const and thread-safe. Per-band z-scoring (config.bandNorm) is applied separately with stored
 * statistics (features/bandstats.h). Errors are values; nothing throws.
 */
class Extractor
{
public:
    static base::Result<Extractor> create(const FeatureConfig &config);
    ~Extractor();
    Extractor(Extractor &&) noexcept;
    Extractor &operator=(Extractor &&) noexcept;

    const FeatureConfig &config() const;

    /** Shape of one item, e.g. {1, 96, 1366} for choi-f1 or {20, 72} for seed004-f7; frame axes of
     *  whole-signal recipes depend on the signal, so nSamples is needed for those. */
    std::vector<std::int64_t> itemShape(std::size_t nSamples) const;
    /** Segments of a signal of nSamples samples (empty for nSamples = 0). */
    std::vector<Segment> segments(std::size_t nSamples) const;
    /** One span per item of extract()'s result, in order. */
    std::vector<ItemSpan> itemSpans(std::size_t nSamples) const;

    /** All items of all segments, batch first. ZeroLength for an empty signal, Cancelled between segments. */
    base::Result<FeatureTensor> extract(const float *samples, std::size_t n,
                                        const base::CancelToken &cancel = base::CancelToken::none(),
                                        const base::ProgressFn &progress = {}) const;
    /** The items of one segment (index from segments()), batch first. */
    base::Result<FeatureTensor> extractSegment(const float *samples, std::size_t n, int segmentIndex) const;

    /** The front end (after the log, before resize/pieces/layout) of the whole signal, bands x frames,
     *  with axis information. MultiResMel shows its first resolution. */
    base::Result<DisplaySpectrogram> display(const float *samples, std::size_t n) const;

    struct Impl;

private:
    explicit Extractor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/** Extractor::create(config) then extract(samples). */
base::Result<FeatureTensor> extract(const FeatureConfig &config, const std::vector<float> &samples);

/** Extractor::create(config) then display(samples). */
base::Result<DisplaySpectrogram> display(const FeatureConfig &config, const std::vector<float> &samples);

} // namespace genrescope::features
