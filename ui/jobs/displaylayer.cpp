#include "displaylayer.h"

#include "dsp/chroma.h"
#include "dsp/dct.h"
#include "dsp/db.h"
#include "dsp/mel.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace genrescope::ui {

namespace {
const char *const kIds[] = {"stft", "logmel128", "logmel96", "multires25", "multires50", "multires100",
                            "multires-rgb", "mfcc", "chroma"};
}

std::vector<ViewKind> allViewKinds()
{
    std::vector<ViewKind> v;
    for (int i = 0; i <= int(ViewKind::Chroma); ++i)
        v.push_back(ViewKind(i));
    return v;
}

QStringList viewKindIds()
{
    QStringList ids;
    for (const char *id : kIds)
        ids << id;
    return ids;
}

QString viewKindId(ViewKind kind)
{
    return kIds[int(kind)];
}

ViewKind viewKindFromId(const QString &id)
{
    const int i = viewKindIds().indexOf(id);
    return i < 0 ? ViewKind::LogMel128 : ViewKind(i);
}

QString viewKindName(ViewKind kind)
{
    switch (kind) {
    case ViewKind::LinearStft: return QCoreApplication::translate("ViewKind", "Spectrogram (linear STFT)");
    case ViewKind::LogMel128: return QCoreApplication::translate("ViewKind", "Log-mel, 128 bands");
    case ViewKind::LogMel96: return QCoreApplication::translate("ViewKind", "Log-mel, 96 bands");
    case ViewKind::MultiRes25: return QCoreApplication::translate("ViewKind", "Multi-resolution mel: 25 ms");
    case ViewKind::MultiRes50: return QCoreApplication::translate("ViewKind", "Multi-resolution mel: 50 ms");
    case ViewKind::MultiRes100: return QCoreApplication::translate("ViewKind", "Multi-resolution mel: 100 ms");
    case ViewKind::MultiResRgb: return QCoreApplication::translate("ViewKind", "Multi-resolution mel: RGB composite");
    case ViewKind::Mfcc: return QCoreApplication::translate("ViewKind", "MFCC (20)");
    case ViewKind::Chroma: return QCoreApplication::translate("ViewKind", "Chroma");
    }
    return {};
}

/** One STFT and the matrix that turns its power spectrum into the displayed rows. */
struct DisplayLayerBuilder::Channel
{
    std::unique_ptr<dsp::Stft> stft;
    base::Matrix projection; ///< rows x bins; empty = identity (linear STFT)
    enum class Post { Db, Ln, MfccDb, ChromaNorm } post = Post::Db;
    base::Matrix dct;        ///< MFCC only
    std::size_t hop = 512;
};

base::Result<std::unique_ptr<DisplayLayerBuilder>> DisplayLayerBuilder::create(const DisplaySettings &s)
{
    if (s.sampleRate <= 0 || s.nFft < 16 || s.nFft > 65536 || s.hop < 1 || s.hop > s.nFft)
        return base::makeError(base::ErrorCode::InvalidArgument, "display FFT size or hop out of range");
    std::unique_ptr<DisplayLayerBuilder> b(new DisplayLayerBuilder);
    b->m_settings = s;
    const int sr = s.sampleRate;

    auto makeChannel = [&](dsp::StftConfig cfg) -> base::Result<std::shared_ptr<Channel>> {
        auto stft = dsp::Stft::create(cfg);
        if (!stft)
            return stft.error();
        auto c = std::make_shared<Channel>();
        c->stft = std::make_unique<dsp::Stft>(std::move(stft).value());
        c->hop = std::size_t(cfg.hop);
        return c;
    };
    auto melRows = [&](const dsp::MelConfig &mc, std::vector<double> &hz) -> base::Result<base::Matrix> {
        auto fb = dsp::melFilterbank(mc);
        if (!fb)
            return fb.error();
        const double fmax = mc.fmax < 0 ? sr / 2.0 : mc.fmax;
        const double lo = dsp::hzToMel(mc.fmin, mc.scale), hi = dsp::hzToMel(fmax, mc.scale);
        hz.clear();
        for (int m = 0; m < mc.nMels; ++m)
            hz.push_back(dsp::melToHz(lo + (hi - lo) * (m + 1) / (mc.nMels + 1), mc.scale));
        return fb;
    };

    LayerAxis &axis = b->m_axis;
    axis.title = viewKindName(s.kind);
    dsp::StftConfig base;
    base.nFft = s.nFft;
    base.hop = s.hop;

    switch (s.kind) {
    case ViewKind::LinearStft: {
        auto c = makeChannel(base);
        if (!c)
            return c.error();
        for (int k = 0; k <= s.nFft / 2; ++k)
            axis.rowHz.push_back(double(k) * sr / s.nFft);
        (*c)->post = Channel::Post::Db;
        b->m_channels.push_back(*c);
        axis.valueUnit = "dB";
        b->m_range = {-90.0f, 0.0f};
        break;
    }
    case ViewKind::LogMel128:
    case ViewKind::LogMel96:
    case ViewKind::Mfcc: {
        auto c = makeChannel(base);
        if (!c)
            return c.error();
        dsp::MelConfig mc;
        mc.sampleRate = sr;
        mc.nFft = s.nFft;
        mc.nMels = s.kind == ViewKind::LogMel96 ? 96 : 128;
        auto fb = melRows(mc, axis.rowHz);
        if (!fb)
            return fb.error();
        (*c)->projection = std::move(fb).value();
        if (s.kind == ViewKind::Mfcc) {
            (*c)->post = Channel::Post::MfccDb;
            (*c)->dct = dsp::dctOrthoMatrix(20, mc.nMels);
            axis.kind = LayerAxis::Kind::Labels;
            axis.rowHz.clear();
            for (int i = 0; i < 20; ++i)
                axis.rowLabels << QString::number(i + 1);
            b->m_range = {-50.0f, 50.0f};
        } else {
            axis.valueUnit = "dB";
            b->m_range = {-80.0f, 10.0f};
        }
        b->m_channels.push_back(*c);
        break;
    }
    case ViewKind::Chroma: {
        auto c = makeChannel(base);
        if (!c)
            return c.error();
        (*c)->projection = dsp::chromaFilterbank(sr, s.nFft);
        if ((*c)->projection.empty())
            return base::makeError(base::ErrorCode::InvalidArgument, "chroma filterbank for these settings");
        (*c)->post = Channel::Post::ChromaNorm;
        axis.kind = LayerAxis::Kind::Labels;
        axis.rowLabels = QStringList{"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
        b->m_range = {0.0f, 1.0f};
        b->m_channels.push_back(*c);
        break;
    }
    case ViewKind::MultiRes25:
    case ViewKind::MultiRes50:
    case ViewKind::MultiRes100:
    case ViewKind::MultiResRgb: {
        // BCNN's front end (MODELS.md F5): windows 25/50/100 ms, hops 10/25/50 ms, n_fft 2205, 128 HTK
        // mel bands without area normalisation, ln(S + 1e-6). The composite puts all three on the
        // 10 ms grid.
        const int wins[] = {int(std::lround(0.025 * sr)), int(std::lround(0.050 * sr)), int(std::lround(0.100 * sr))};
        const int hops[] = {int(std::lround(0.010 * sr)), int(std::lround(0.025 * sr)), int(std::lround(0.050 * sr))};
        const int nFft = int(std::lround(0.100 * sr));
        std::vector<int> which;
        if (s.kind == ViewKind::MultiResRgb)
            which = {0, 1, 2};
        else
            which = {int(s.kind) - int(ViewKind::MultiRes25)};
        for (int w : which) {
            dsp::StftConfig cfg;
            cfg.nFft = nFft;
            cfg.winLength = wins[w];
            cfg.hop = hops[w];
            auto c = makeChannel(cfg);
            if (!c)
                return c.error();
            dsp::MelConfig mc;
            mc.sampleRate = sr;
            mc.nFft = nFft;
            mc.nMels = 128;
            mc.scale = dsp::MelScale::Htk;
            mc.norm = dsp::MelNorm::None;
            auto fb = melRows(mc, axis.rowHz);
            if (!fb)
                return fb.error();
            (*c)->projection = std::move(fb).value();
            (*c)->post = Channel::Post::Ln;
            b->m_channels.push_back(*c);
        }
        axis.valueUnit = "ln";
        axis.rgb = s.kind == ViewKind::MultiResRgb;
        b->m_range = {-8.0f, 6.0f};
        break;
    }
    }
    b->m_hop = b->m_channels.front()->hop;
    axis.secondsPerColumn = double(b->m_hop) / sr;
    return b;
}

base::Matrix DisplayLayerBuilder::columns(const float *signal, std::size_t n, std::size_t first, std::size_t count)
{
    const std::size_t outRows = std::size_t(m_axis.rows());
    base::Matrix out(outRows * m_channels.size(), count);
    for (std::size_t ch = 0; ch < m_channels.size(); ++ch) {
        const Channel &c = *m_channels[ch];
        dsp::Stft::Workspace ws(c.stft->config().nFft);
        const std::size_t bins = c.stft->bins();
        std::vector<float> power(bins), rows(c.projection.empty() ? bins : c.projection.rows);
        for (std::size_t j = 0; j < count; ++j) {
            // Column j of the layer is at time (first + j) * m_hop; a coarser channel takes its nearest frame.
            const std::size_t sample = (first + j) * m_hop;
            const std::size_t frame = (sample + c.hop / 2) / c.hop;
            c.stft->frameSpectrum(signal, n, c.stft->frameStart(frame), ws);
            for (std::size_t k = 0; k < bins; ++k)
                power[k] = std::norm(ws.spectrum()[k]);
            if (!c.projection.empty()) {
                for (std::size_t r = 0; r < c.projection.rows; ++r) {
                    const float *w = c.projection.row(r);
                    float acc = 0;
                    for (std::size_t k = 0; k < bins; ++k)
                        acc += w[k] * power[k];
                    rows[r] = acc;
                }
            } else {
                rows = power;
            }
            switch (c.post) {
            case Channel::Post::Db:
                for (std::size_t r = 0; r < outRows; ++r)
                    out(ch * outRows + r, j) = 10.0f * std::log10(std::max(rows[r], 1e-10f));
                break;
            case Channel::Post::Ln:
                for (std::size_t r = 0; r < outRows; ++r)
                    out(ch * outRows + r, j) = std::log(rows[r] + 1e-6f);
                break;
            case Channel::Post::MfccDb: {
                for (auto &v : rows)
                    v = 10.0f * std::log10(std::max(v, 1e-10f));
                for (std::size_t r = 0; r < c.dct.rows; ++r) {
                    float acc = 0;
                    for (std::size_t m = 0; m < c.dct.cols; ++m)
                        acc += c.dct(r, m) * rows[m];
                    out(r, j) = acc;
                }
                break;
            }
            case Channel::Post::ChromaNorm: {
                const float mx = *std::max_element(rows.begin(), rows.end());
                for (std::size_t r = 0; r < outRows; ++r)
                    out(r, j) = mx > 0 ? rows[r] / mx : 0.0f;
                break;
            }
            }
        }
    }
    return out;
}

base::Matrix DisplayLayerBuilder::feed(const float *signal, std::size_t n, bool final)
{
    // A column is complete once every channel's frame window lies inside the samples we have
    // (its right edge is at most frame * hop + nFft / 2); at the end, right padding completes the rest.
    std::size_t total;
    if (final) {
        total = n == 0 ? 0 : n / m_hop + 1;
    } else {
        std::size_t maxReach = 0;
        for (const auto &c : m_channels)
            maxReach = std::max(maxReach, std::size_t(c->stft->config().nFft / 2) + c->hop);
        total = n > maxReach ? (n - maxReach) / m_hop : 0;
    }
    if (total <= m_next)
        return base::Matrix(std::size_t(m_axis.rows()) * m_channels.size(), 0);
    base::Matrix out = columns(signal, n, m_next, total - m_next);
    m_next = total;
    return out;
}

} // namespace genrescope::ui
