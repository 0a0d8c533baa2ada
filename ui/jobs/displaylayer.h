#pragma once

#include "base/matrix.h"
#include "base/result.h"
#include "dsp/stft.h"
#include "views/layerdata.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace genrescope::ui {

/** What the analysis view shows under the waveform. */
enum class ViewKind {
    LinearStft,     ///< |STFT| in dB, linear frequency
    LogMel128,      ///< 128 Slaney mel bands, power in dB
    LogMel96,
    MultiRes25,     ///< BCNN's multi-resolution mel (HTK, ln), one channel each: 25/10 ms
    MultiRes50,     ///< 50/25 ms
    MultiRes100,    ///< 100/50 ms
    MultiResRgb,    ///< the three channels as red, green, blue
    Mfcc,           ///< 20 coefficients
    Chroma,         ///< 12 pitch classes
};

QStringList viewKindIds();
QString viewKindId(ViewKind kind);
ViewKind viewKindFromId(const QString &id);
QString viewKindName(ViewKind kind); ///< translated
std::vector<ViewKind> allViewKinds();

/** Display parameters the user controls (FFT size and hop apply to the STFT-based kinds). */
struct DisplaySettings
{
    ViewKind kind = ViewKind::LogMel128;
    int nFft = 2048;
    int hop = 512;
    int sampleRate = 22050;
};

/**
 * Computes a display layer column by column as samples arrive: feed() the growing signal and get the
 * columns whose frames are complete; finish() adds the last frames (right padding). The values are
 * what the view colours: dB for spectra, ln for the multi-resolution mel, raw coefficients for MFCC,
 * 0..1 for chroma. Torch-free; one object per thread.
 */
class DisplayLayerBuilder
{
public:
    static base::Result<std::unique_ptr<DisplayLayerBuilder>> create(const DisplaySettings &settings);

    const LayerAxis &axis() const { return m_axis; }
    /** Default colour range for this kind (low, high). */
    std::pair<float, float> defaultRange() const { return m_range; }

    /**
     * `signal` holds samples [0, n) of the song so far (it must keep holding the same prefix).
     * Returns the next complete columns (rows x k, possibly k = 0) starting at column nextColumn().
     */
    base::Matrix feed(const float *signal, std::size_t n, bool final);
    std::size_t nextColumn() const { return m_next; }

private:
    struct Channel;
    DisplayLayerBuilder() = default;
    base::Matrix columns(const float *signal, std::size_t n, std::size_t first, std::size_t count);

    DisplaySettings m_settings;
    LayerAxis m_axis;
    std::pair<float, float> m_range{-80.0f, 0.0f};
    std::vector<std::shared_ptr<Channel>> m_channels;
    std::size_t m_next = 0;
    std::size_t m_hop = 512; ///< column hop in samples (channel 0's)
};

} // namespace genrescope::ui
