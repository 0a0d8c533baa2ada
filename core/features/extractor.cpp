#include "features/extractor.h"

#include "features/clipstatistics.h"
#include "features/statsrecipe.h"

#include "dsp/chroma.h"
#include "dsp/db.h"
#include "dsp/dct.h"
#include "dsp/mel.h"
#include "dsp/resize.h"
#include "dsp/sparsefilterbank.h"
#include "dsp/stft.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>

namespace genrescope::features {

using base::ErrorCode;
using base::makeError;

struct Extractor::Impl
{
    FeatureConfig config;
    std::vector<dsp::Stft> stfts; ///< one, or one per resolution (MultiResMel)
    dsp::SparseFilterbank fb;     ///< empty for Linear
    base::Matrix dct;             ///< nMfcc x nMels for Mfcc
    std::vector<double> rowHz;

    /** Samples of the padded segment length (0 = the signal's own length). */
    long long paddedLength(long long length) const
    {
        return (config.segmentLength > 0 && config.padShort && length < config.segmentLength) ? config.segmentLength
                                                                                               : length;
    }

    base::Matrix frontEnd(const float *x, std::size_t n, std::size_t resolution, bool topDb = true) const;
    void appendItems(const float *x, std::size_t n, FeatureTensor &out) const;
    std::vector<std::int64_t> itemShapeFor(std::size_t segSamples) const;
};

namespace {

base::Matrix octaveBandFilterbank(std::size_t bins)
{
    base::Matrix fb(72, bins);
    for (std::size_t k = 0; k < 16; ++k)
        fb(k, k) = 1.0f;
    std::size_t row = 16;
    for (int oct = 3; oct <= 9; ++oct) {
        const std::size_t lo = std::size_t(1) << oct;
        const std::size_t group = lo / 8;
        for (std::size_t g = 0; g < 8; ++g, ++row)
            for (std::size_t k = lo + g * group; k < lo + (g + 1) * group; ++k)
                fb(row, k) = 1.0f / float(group);
    }
    return fb;
}

void transposeInto(const base::Matrix &m, float *dst)
{
    for (std::size_t r = 0; r < m.rows; ++r)
        for (std::size_t c = 0; c < m.cols; ++c)
            dst[c * m.rows + r] = m(r, c);
}

} // namespace

base::Matrix Extractor::Impl::frontEnd(const float *x, std::size_t n, std::size_t resolution, bool applyTopDb) const
{
    const FeatureConfig &c = config;
    const dsp::Stft &stft = stfts[resolution];
    const std::size_t frames = stft.frameCount(n);
    const std::size_t bins = stft.bins();
    const bool linear = c.frontEnd == FrontEnd::Linear;
    const std::size_t rows = linear ? bins : fb.bands();
    base::Matrix m(rows, frames);
    if (frames == 0)
        return m;
    dsp::Stft::Workspace ws(c.stft.nFft);
    std::vector<float> mag(bins);
    const float e = c.power;
    for (std::size_t t = 0; t < frames; ++t) {
        stft.frameSpectrum(x, n, stft.frameStart(t), ws);
        dsp::spectrumPower(ws.spectrum(), bins, e, mag.data());
        if (linear)
            for (std::size_t k = 0; k < bins; ++k)
                m.data[k * frames + t] = mag[k];
        if (!linear)
            fb.applyFrame(mag.data(), m.data.data() + t, frames);
        if (c.frontEnd == FrontEnd::Chroma) {
            // librosa.util.normalize(norm=inf, axis=0): divide each frame by its maximum.
            float mx = 0.0f;
            for (std::size_t r = 0; r < rows; ++r)
                mx = std::max(mx, std::abs(m.data[r * frames + t]));
            if (mx > std::numeric_limits<float>::min())
                for (std::size_t r = 0; r < rows; ++r)
                    m.data[r * frames + t] /= mx;
        }
    }
    if (c.choiSquare)
        for (float &v : m.data)
            v = v * v;
    switch (c.log) {
    case LogType::None:
        break;
    case LogType::Db:
        dsp::powerToDb(m, c.dbRef, c.dbAmin, applyTopDb ? c.dbTopDb : 0.0f);
        break;
    case LogType::Ln:
        for (float &v : m.data)
            v = std::log(v + c.logEps);
        break;
    case LogType::Log1p:
        for (float &v : m.data)
            v = std::log1p(v);
        break;
    case LogType::Log10p1:
        for (float &v : m.data)
            v = std::log10(1.0f + v);
        break;
    }
    if (c.frontEnd == FrontEnd::Mfcc) {
        base::Matrix out(dct.rows, frames);
        for (std::size_t k = 0; k < dct.rows; ++k) {
            float *o = out.row(k);
            for (std::size_t b = 0; b < dct.cols; ++b) {
                const float w = dct(k, b);
                const float *src = m.row(b);
                for (std::size_t t = 0; t < frames; ++t)
                    o[t] += w * src[t];
            }
        }
        return out;
    }
    return m;
}

std::vector<std::int64_t> Extractor::Impl::itemShapeFor(std::size_t segSamples) const
{
    const FeatureConfig &c = config;
    const std::int64_t bands = c.bands();
    std::int64_t h, w;
    std::vector<std::int64_t> shape;
    if (c.frontEnd == FrontEnd::Statistics)
        return {std::int64_t(c.nStatistics)};
    if (c.frontEnd == FrontEnd::MultiResMel) {
        h = c.resizeRows;
        w = c.resizeCols;
    } else if (c.resizeRows > 0) {
        h = c.resizeRows;
        w = c.resizeCols;
    } else {
        h = bands;
        w = c.pieceFrames > 0 ? c.pieceFrames : std::int64_t(stfts[0].frameCount(segSamples));
    }
    if (c.layout == Layout::FramesByBins)
        std::swap(h, w);
    if (c.channelAxis)
        shape.push_back(c.frontEnd == FrontEnd::MultiResMel ? std::int64_t(c.resolutions.size()) : 1);
    shape.push_back(h);
    shape.push_back(w);
    return shape;
}

void Extractor::Impl::appendItems(const float *x, std::size_t n, FeatureTensor &out) const
{
    const FeatureConfig &c = config;
    auto put = [&](const base::Matrix &m) {
        const std::size_t at = out.data.size();
        out.data.resize(at + m.data.size());
        if (c.layout == Layout::FramesByBins)
            transposeInto(m, out.data.data() + at);
        else
            std::memcpy(out.data.data() + at, m.data.data(), m.data.size() * sizeof(float));
    };
    if (c.frontEnd == FrontEnd::Statistics) {
        auto stats = clipStatistics(std::vector<float>(x, x + n), c.sampleRate);
        if (!stats)
            throw std::runtime_error(stats.error().toString());
        std::vector<float> values = stats->values;
        if (c.nStatistics == int(kF4Size)) {
            auto f4 = f4Vector(*stats);
            if (!f4)
                throw std::runtime_error(f4.error().toString());
            values = std::move(f4).value();
        }
        out.data.insert(out.data.end(), values.begin(), values.end());
        out.shape[0] += 1;
        return;
    }
    if (c.frontEnd == FrontEnd::MultiResMel) {
        for (std::size_t r = 0; r < stfts.size(); ++r)
            put(dsp::resizeBilinear(frontEnd(x, n, r), std::size_t(c.resizeRows), std::size_t(c.resizeCols),
                                    c.resizeMethod));
        out.shape[0] += 1;
        return;
    }
    base::Matrix m = frontEnd(x, n, 0);
    if (c.resizeRows > 0)
        m = dsp::resizeBilinear(m, std::size_t(c.resizeRows), std::size_t(c.resizeCols), c.resizeMethod);
    if (c.pieceFrames == 0) {
        put(m);
        out.shape[0] += 1;
        return;
    }
    const std::size_t pf = std::size_t(c.pieceFrames);
    const std::size_t pieces = std::min<std::size_t>(std::size_t(c.pieceCount), m.cols / pf);
    for (std::size_t p = 0; p < pieces; ++p) {
        base::Matrix piece(m.rows, pf);
        for (std::size_t r = 0; r < m.rows; ++r)
            std::memcpy(piece.row(r), m.row(r) + p * pf, pf * sizeof(float));
        put(piece);
        out.shape[0] += 1;
    }
}

Extractor::Extractor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Extractor::~Extractor() = default;
Extractor::Extractor(Extractor &&) noexcept = default;
Extractor &Extractor::operator=(Extractor &&) noexcept = default;

const FeatureConfig &Extractor::config() const
{
    return m_impl->config;
}

base::Result<Extractor> Extractor::create(const FeatureConfig &config)
{
    try {
        GS_TRY(config.validate());
        auto impl = std::make_unique<Impl>();
        impl->config = config;
        const FeatureConfig &c = config;
        if (c.frontEnd == FrontEnd::MultiResMel) {
            for (const auto &r : c.resolutions) {
                dsp::StftConfig s = c.stft;
                s.winLength = r.winLength;
                s.hop = r.hop;
                auto stft = dsp::Stft::create(s);
                if (!stft)
                    return stft.error();
                impl->stfts.push_back(std::move(stft).value());
            }
        } else {
            auto stft = dsp::Stft::create(c.stft);
            if (!stft)
                return stft.error();
            impl->stfts.push_back(std::move(stft).value());
        }
        const std::size_t bins = impl->stfts[0].bins();
        const double binHz = double(c.sampleRate) / c.stft.nFft;
        switch (c.frontEnd) {
        case FrontEnd::Linear:
            for (std::size_t k = 0; k < bins; ++k)
                impl->rowHz.push_back(double(k) * binHz);
            break;
        case FrontEnd::Mel:
        case FrontEnd::Mfcc:
        case FrontEnd::MultiResMel: {
            dsp::MelConfig mc{c.sampleRate, c.stft.nFft, c.nMels, c.fmin, c.fmax, c.melScale, c.melNorm};
            auto fb = dsp::melFilterbank(mc);
            if (!fb)
                return fb.error();
            impl->fb = dsp::SparseFilterbank(*fb);
            const double fmax = c.fmax < 0 ? c.sampleRate / 2.0 : c.fmax;
            const double m0 = dsp::hzToMel(c.fmin, c.melScale), m1 = dsp::hzToMel(fmax, c.melScale);
            if (c.frontEnd != FrontEnd::Mfcc)
                for (int i = 1; i <= c.nMels; ++i)
                    impl->rowHz.push_back(dsp::melToHz(m0 + (m1 - m0) * i / (c.nMels + 1), c.melScale));
            if (c.frontEnd == FrontEnd::Mfcc)
                impl->dct = dsp::dctOrthoMatrix(c.nMfcc, c.nMels);
            break;
        }
        case FrontEnd::Chroma:
            impl->fb = dsp::SparseFilterbank(dsp::chromaFilterbank(c.sampleRate, c.stft.nFft, c.nChroma, c.chromaTuning));
            break;
        case FrontEnd::OctaveBands: {
            const base::Matrix fb = octaveBandFilterbank(bins);
            impl->fb = dsp::SparseFilterbank(fb);
            for (std::size_t r = 0; r < fb.rows; ++r) {
                double sum = 0, cnt = 0;
                for (std::size_t k = 0; k < bins; ++k)
                    if (fb(r, k) != 0.0f) {
                        sum += double(k) * binHz;
                        cnt += 1;
                    }
                impl->rowHz.push_back(sum / cnt);
            }
            break;
        }
        case FrontEnd::Statistics:
            break; // computed from the samples by clipStatistics; no filterbank
        }
        return Extractor(std::move(impl));
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("feature extractor: ") + e.what());
    }
}

std::vector<Segment> Extractor::segments(std::size_t nSamples) const
{
    const FeatureConfig &c = m_impl->config;
    std::vector<Segment> out;
    if (nSamples == 0)
        return out;
    const long long n = static_cast<long long>(nSamples);
    const double sr = c.sampleRate;
    auto add = [&](long long start, long long length) {
        Segment s;
        s.index = int(out.size());
        s.start = start;
        s.length = length;
        s.startSeconds = double(start) / sr;
        s.endSeconds = double(start + length) / sr;
        out.push_back(s);
    };
    const long long len = c.segmentLength;
    if (len == 0 || n <= len) {
        add(0, len == 0 ? n : std::min(n, len));
        return out;
    }
    const long long hop = c.segmentHop > 0 ? c.segmentHop : len;
    long long count = 1 + (n - len) / hop;
    if (c.maxSegments > 0)
        count = std::min<long long>(count, c.maxSegments);
    const long long span = (count - 1) * hop + len;
    const long long offset = c.segmentAlign == SegmentAlign::Centre ? (n - span) / 2 : 0;
    for (long long i = 0; i < count; ++i)
        add(offset + i * hop, len);
    return out;
}

std::vector<std::int64_t> Extractor::itemShape(std::size_t nSamples) const
{
    const auto segs = segments(nSamples);
    const long long len = segs.empty() ? 0 : m_impl->paddedLength(segs[0].length);
    return m_impl->itemShapeFor(std::size_t(len));
}

std::vector<ItemSpan> Extractor::itemSpans(std::size_t nSamples) const
{
    const FeatureConfig &c = m_impl->config;
    std::vector<ItemSpan> out;
    for (const Segment &s : segments(nSamples)) {
        if (c.pieceFrames == 0) {
            out.push_back({s.index, 0, s.startSeconds, s.endSeconds});
            continue;
        }
        const std::size_t frames = m_impl->stfts[0].frameCount(std::size_t(m_impl->paddedLength(s.length)));
        const std::size_t pieces = std::min<std::size_t>(std::size_t(c.pieceCount), frames / std::size_t(c.pieceFrames));
        const double hopSec = double(c.stft.hop) / c.sampleRate;
        for (std::size_t p = 0; p < pieces; ++p) {
            const double a = s.startSeconds + double(p * std::size_t(c.pieceFrames)) * hopSec;
            const double b = s.startSeconds + double((p + 1) * std::size_t(c.pieceFrames)) * hopSec;
            out.push_back({s.index, int(p), a, std::min(b, s.endSeconds)});
        }
    }
    return out;
}

base::Result<FeatureTensor> Extractor::extractSegment(const float *samples, std::size_t n, int segmentIndex) const
{
    try {
        const auto segs = segments(n);
        if (segs.empty())
            return makeError(ErrorCode::ZeroLength, "no samples to extract features from");
        if (segmentIndex < 0 || std::size_t(segmentIndex) >= segs.size())
            return makeError(ErrorCode::InvalidArgument, "segment " + std::to_string(segmentIndex) + " of "
                                                             + std::to_string(segs.size()));
        const Segment &s = segs[std::size_t(segmentIndex)];
        FeatureTensor t;
        t.shape = m_impl->itemShapeFor(std::size_t(m_impl->paddedLength(s.length)));
        t.shape.insert(t.shape.begin(), 0);
        const long long padded = m_impl->paddedLength(s.length);
        if (padded == s.length) {
            m_impl->appendItems(samples + s.start, std::size_t(s.length), t);
        } else {
            std::vector<float> buf(std::size_t(padded), 0.0f);
            std::memcpy(buf.data(), samples + s.start, std::size_t(s.length) * sizeof(float));
            m_impl->appendItems(buf.data(), buf.size(), t);
        }
        if (t.shape[0] == 0)
            return makeError(ErrorCode::InvalidArgument,
                             "the segment is too short for one piece of " + std::to_string(m_impl->config.pieceFrames)
                                 + " frames");
        return t;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("feature extraction: ") + e.what());
    }
}

base::Result<FeatureTensor> Extractor::extract(const float *samples, std::size_t n, const base::CancelToken &cancel,
                                               const base::ProgressFn &progress) const
{
    const auto segs = segments(n);
    if (segs.empty())
        return makeError(ErrorCode::ZeroLength, "no samples to extract features from");
    FeatureTensor all;
    for (const Segment &s : segs) {
        if (cancel.isCancelled())
            return makeError(ErrorCode::Cancelled);
        auto one = extractSegment(samples, n, s.index);
        if (!one)
            return one.error();
        if (all.shape.empty())
            all.shape = one->shape;
        else
            all.shape[0] += one->shape[0];
        all.data.insert(all.data.end(), one->data.begin(), one->data.end());
        base::reportProgress(progress, double(s.index + 1) / double(segs.size()));
    }
    return all;
}

base::Result<DisplaySpectrogram> Extractor::display(const float *samples, std::size_t n) const
{
    try {
        if (n == 0)
            return makeError(ErrorCode::ZeroLength, "no samples to display");
        const FeatureConfig &c = m_impl->config;
        if (c.frontEnd == FrontEnd::Statistics)
            return makeError(ErrorCode::InvalidArgument, "a statistics vector has no spectrogram to display");
        DisplaySpectrogram d;
        d.values = m_impl->frontEnd(samples, n, 0);
        if (c.frontEnd != FrontEnd::Mfcc && c.frontEnd != FrontEnd::Chroma)
            d.rowHz = m_impl->rowHz;
        const dsp::Stft &stft = m_impl->stfts[0];
        const double centre = c.stft.center ? 0.0 : stft.config().nFft / 2.0;
        for (std::size_t t = 0; t < d.values.cols; ++t)
            d.frameSeconds.push_back((double(t) * stft.config().hop + centre) / c.sampleRate);
        switch (c.log) {
        case LogType::None: d.unit = "linear"; break;
        case LogType::Db: d.unit = "dB"; break;
        case LogType::Ln: d.unit = "ln"; break;
        case LogType::Log1p: d.unit = "log1p"; break;
        case LogType::Log10p1: d.unit = "log10(1+x)"; break;
        }
        return d;
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, std::string("feature display: ") + e.what());
    }
}

base::Result<FeatureTensor> extract(const FeatureConfig &config, const std::vector<float> &samples)
{
    auto ex = Extractor::create(config);
    if (!ex)
        return ex.error();
    return ex->extract(samples.data(), samples.size());
}

base::Result<DisplaySpectrogram> display(const FeatureConfig &config, const std::vector<float> &samples)
{
    auto ex = Extractor::create(config);
    if (!ex)
        return ex.error();
    return ex->display(samples.data(), samples.size());
}

} // namespace genrescope::features
