#include "features/streamingspectrogram.h"

#include "dsp/chroma.h"
#include "dsp/mel.h"
#include "dsp/sparsefilterbank.h"
#include "dsp/stft.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace genrescope::features {

using base::ErrorCode;
using base::makeError;

struct StreamingSpectrogram::Impl
{
    FeatureConfig config;
    std::optional<dsp::Stft> stft;
    dsp::SparseFilterbank fb;
    std::unique_ptr<dsp::Stft::Workspace> ws;
    std::vector<float> mag;
    std::vector<float> buf;   ///< samples [base, total)
    long long base = 0;
    long long total = 0;
    std::size_t emitted = 0;
    bool finished = false;

    std::size_t bands() const { return config.frontEnd == FrontEnd::Linear ? stft->bins() : fb.bands(); }

    void column(long long start, float *dst, std::size_t stride)
    {
        stft->frameSpectrum(buf.data(), buf.size(), start - base, *ws);
        const std::size_t bins = stft->bins();
        const bool linear = config.frontEnd == FrontEnd::Linear;
        dsp::spectrumPower(ws->spectrum(), bins, config.power, mag.data());
        if (linear)
            for (std::size_t k = 0; k < bins; ++k)
                dst[k * stride] = mag[k];
        const std::size_t rows = bands();
        if (!linear)
            fb.applyFrame(mag.data(), dst, stride);
        if (config.frontEnd == FrontEnd::Chroma) {
            float mx = 0.0f;
            for (std::size_t r = 0; r < rows; ++r)
                mx = std::max(mx, std::abs(dst[r * stride]));
            if (mx > std::numeric_limits<float>::min())
                for (std::size_t r = 0; r < rows; ++r)
                    dst[r * stride] /= mx;
        }
        for (std::size_t r = 0; r < rows; ++r) {
            float &v = dst[r * stride];
            if (config.choiSquare)
                v = v * v;
            switch (config.log) {
            case LogType::None: break;
            case LogType::Db:
                v = 10.0f * std::log10(std::max(config.dbAmin, v))
                    - 10.0f * std::log10(std::max(config.dbAmin, std::abs(config.dbRef)));
                break;
            case LogType::Ln: v = std::log(v + config.logEps); break;
            case LogType::Log1p: v = std::log1p(v); break;
            case LogType::Log10p1: v = std::log10(1.0f + v); break;
            }
        }
    }

    /** Emit every frame in [emitted, last) as columns of a new matrix. */
    base::Matrix emit(std::size_t last)
    {
        const std::size_t k = last > emitted ? last - emitted : 0;
        base::Matrix out(bands(), k);
        for (std::size_t i = 0; i < k; ++i)
            column(stft->frameStart(emitted + i), out.data.data() + i, k);
        emitted += k;
        // Keep what the next frame needs, and at least nFft samples for the end's reflect padding.
        const long long nFft = stft->config().nFft;
        const long long keepFrom = std::max<long long>(0, std::min(stft->frameStart(emitted), total - nFft));
        if (keepFrom > base) {
            buf.erase(buf.begin(), buf.begin() + (keepFrom - base));
            base = keepFrom;
        }
        return out;
    }
};

StreamingSpectrogram::StreamingSpectrogram(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
StreamingSpectrogram::~StreamingSpectrogram() = default;
StreamingSpectrogram::StreamingSpectrogram(StreamingSpectrogram &&) noexcept = default;
StreamingSpectrogram &StreamingSpectrogram::operator=(StreamingSpectrogram &&) noexcept = default;

base::Result<StreamingSpectrogram> StreamingSpectrogram::create(const FeatureConfig &config)
{
    GS_TRY(config.validate());
    if (config.frontEnd != FrontEnd::Linear && config.frontEnd != FrontEnd::Mel && config.frontEnd != FrontEnd::Chroma)
        return makeError(ErrorCode::InvalidArgument,
                         "streaming supports the linear, mel and chroma front ends, not " + frontEndName(config.frontEnd));
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    auto stft = dsp::Stft::create(config.stft);
    if (!stft)
        return stft.error();
    impl->stft = std::move(stft).value();
    if (config.frontEnd == FrontEnd::Mel) {
        auto fb = dsp::melFilterbank(
            {config.sampleRate, config.stft.nFft, config.nMels, config.fmin, config.fmax, config.melScale, config.melNorm});
        if (!fb)
            return fb.error();
        impl->fb = dsp::SparseFilterbank(*fb);
    } else if (config.frontEnd == FrontEnd::Chroma) {
        impl->fb = dsp::SparseFilterbank(
            dsp::chromaFilterbank(config.sampleRate, config.stft.nFft, config.nChroma, config.chromaTuning));
    }
    impl->ws = std::make_unique<dsp::Stft::Workspace>(config.stft.nFft);
    impl->mag.resize(impl->stft->bins());
    return StreamingSpectrogram(std::move(impl));
}

std::size_t StreamingSpectrogram::bands() const
{
    return m_impl->bands();
}

std::size_t StreamingSpectrogram::framesEmitted() const
{
    return m_impl->emitted;
}

base::Matrix StreamingSpectrogram::push(const float *samples, std::size_t n)
{
    Impl &d = *m_impl;
    if (d.finished)
        return base::Matrix(d.bands(), 0);
    d.buf.insert(d.buf.end(), samples, samples + n);
    d.total += static_cast<long long>(n);
    // Frame t is final once it needs no end padding: it ends inside the signal, and the reflection of
    // its left padding (only for the first frames) is inside the samples seen so far.
    std::size_t last = d.emitted;
    const long long nFft = d.stft->config().nFft;
    while (true) {
        const long long s = d.stft->frameStart(last);
        if (s + nFft > d.total || (s < 0 && -s >= d.total))
            break;
        ++last;
    }
    return d.emit(last);
}

base::Matrix StreamingSpectrogram::finish()
{
    Impl &d = *m_impl;
    if (d.finished)
        return base::Matrix(d.bands(), 0);
    d.finished = true;
    return d.emit(d.stft->frameCount(std::size_t(d.total)));
}

} // namespace genrescope::features
