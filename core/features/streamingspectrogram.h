#pragma once

#include "base/matrix.h"
#include "base/result.h"
#include "features/featureconfig.h"

#include <cstddef>
#include <memory>

namespace genrescope::features {

/**
 * Spectrogram columns computed chunk by chunk while a file decodes, so a long song's first
 * columns exist before the whole file is read. For Linear, Mel and Chroma front ends over the
 * whole signal (segmenting, resize and pieces are ignored). Column t equals column t of
 * Extractor::display() on the complete signal, except that LogType::Db has no top_db floor here
 * (that floor depends on the maximum of the whole signal; apply it when drawing if wanted).
 * Not thread-safe: one instance per stream.
 */
class StreamingSpectrogram
{
public:
    /** InvalidArgument for other front ends or an invalid config. */
    static base::Result<StreamingSpectrogram> create(const FeatureConfig &config);
    ~StreamingSpectrogram();
    StreamingSpectrogram(StreamingSpectrogram &&) noexcept;
    StreamingSpectrogram &operator=(StreamingSpectrogram &&) noexcept;

    std::size_t bands() const;
    /** Feed n more samples; returns the columns (bands x k, k >= 0) that became computable. */
    base::Matrix push(const float *samples, std::size_t n);
    /** The signal ended: returns the remaining columns (with the end padding). Further pushes are ignored. */
    base::Matrix finish();
    /** Columns returned so far. */
    std::size_t framesEmitted() const;

    struct Impl;

private:
    explicit StreamingSpectrogram(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace genrescope::features
