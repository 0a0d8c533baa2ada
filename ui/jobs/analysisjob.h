#pragma once

#include "audio/decoder.h"
#include "base/error.h"
#include "jobs/displaylayer.h"
#include "views/colormap.h"
#include "views/layerdata.h"

#include <QFuture>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

class QThreadPool;

namespace genrescope::ui {

/** One step of an analysis, delivered to the GUI thread through QFutureWatcher::resultReadyAt. */
struct AnalysisUpdate
{
    enum class Type {
        Opened,   ///< info, sampleRate, axis and colour range of the layer
        Samples,  ///< the next decoded samples (append to the waveform)
        Tile,     ///< the next columns of the layer
        Finished, ///< signal holds the whole decoded song; partial/warning say if it was damaged
        Failed,   ///< error says why (Cancelled when a newer request replaced this one)
    };
    Type type = Type::Opened;
    audio::AudioInfo info;
    int sampleRate = 0;
    LayerAxis axis;
    std::pair<float, float> range{-80.0f, 0.0f};
    bool rangeChanged = false; ///< Tile: the job fitted the colour range to the first columns
    std::vector<float> samples;
    LayerTile tile;
    std::shared_ptr<const std::vector<float>> signal;
    bool partial = false;
    QString warning;
    base::Error error;
    double progress = 0; ///< fraction of the file analysed, [0, 1]
};

/** Colour settings a job renders its tiles with. */
struct RenderSettings
{
    ColorMap::Kind colorMap = ColorMap::Kind::Magma;
    float low = -80.0f;
    float high = 0.0f;
    bool useDefaultRange = true; ///< take the layer's default range instead of low/high
    /** The user's fixed range for dB layers (settings); without it dB layers fit their top to the loudest part. */
    std::optional<std::pair<float, float>> dbRange;
};

/**
 * Decode a file in chunks (the first one small, so the first screen appears at once) and compute the
 * display layer as the samples arrive. Runs on `pool`; cancel the returned future to stop it.
 */
QFuture<AnalysisUpdate> startFileAnalysis(QThreadPool *pool, const QString &path, const DisplaySettings &display,
                                          const RenderSettings &render);

/** Recompute the display layer of an already decoded signal (another view kind, FFT size or hop). */
QFuture<AnalysisUpdate> startLayerAnalysis(QThreadPool *pool, std::shared_ptr<const std::vector<float>> signal,
                                           const DisplaySettings &display, const RenderSettings &render);

} // namespace genrescope::ui
