#pragma once

#include "base/result.h"
#include "dsp/mel.h"
#include "dsp/resize.h"
#include "dsp/stft.h"

#include <QJsonObject>

#include <string>
#include <vector>

namespace genrescope::features {

/** What the front end computes from the STFT. */
enum class FrontEnd {
    Linear,       ///< the STFT itself (bins x frames)
    Mel,          ///< mel filterbank applied to |X|^power
    Mfcc,         ///< DCT-II (ortho) of the log-mel spectrum, first nMfcc coefficients
    Chroma,       ///< chroma filterbank on |X|^power, each frame divided by its maximum (librosa chroma_stft)
    OctaveBands,  ///< seed 004's 72 bands of |X| (F7): bins 0-15, then 8 equal groups per octave [2^k, 2^(k+1)), k = 3..9
    MultiResMel,  ///< BCNN (F5): one mel spectrogram per entry of `resolutions`, resized and stacked as channels
    Statistics,   ///< the librosa statistics row of each segment (features/clipstatistics.h): 57 values, or the 55 of F4
};

/** Compression applied after the filterbank. */
enum class LogType {
    None,
    Db,      ///< librosa.power_to_db(ref, amin, top_db) (top_db per segment, as librosa per clip)
    Ln,      ///< ln(x + logEps)
    Log1p,   ///< ln(1 + x)
    Log10p1, ///< log10(1 + x)
};

/** Orientation of each item: bins x frames (H = frequency) or frames x bins (H = time). */
enum class Layout { BinsByFrames, FramesByBins };

/** Where a clip's segments sit when the signal is longer than they span. */
enum class SegmentAlign { Start, Centre };

/** One STFT resolution of the multi-resolution front end (F5), in samples. */
struct Resolution
{
    int winLength = 0;
    int hop = 0;
    bool operator==(const Resolution &) const = default;
};

/**
 * Every parameter that turns mono samples into a model's input. Travels inside every model bundle
 * (toJson/fromJson) so training and inference cannot disagree; hash() keys feature caches.
 *
 * Pipeline: the signal (mono, sampleRate Hz) is cut into segments of segmentLength samples every
 * segmentHop samples (segmentLength 0 = the whole signal is one segment; at most maxSegments,
 * aligned at the start or centred; a signal shorter than one segment is zero-padded at the end
 * when padShort). Each segment: STFT -> |X|^power -> front end -> log -> optional resize ->
 * optional cut into pieceCount pieces of pieceFrames frames (from frame 0) -> layout.
 * Per-band z-scoring (bandNorm) is NOT applied by the extractor: its statistics come from
 * training data and are stored separately (features/bandstats.h).
 */
struct FeatureConfig
{
    std::string recipe = "custom";
    int sampleRate = 22050;

    long long segmentLength = 0; ///< samples; 0 = whole signal
    long long segmentHop = 0;    ///< samples; 0 = segmentLength
    int maxSegments = 0;         ///< 0 = as many as fit
    SegmentAlign segmentAlign = SegmentAlign::Start;
    bool padShort = true;

    dsp::StftConfig stft;
    float power = 2.0f; ///< exponent of |X|: 1 magnitude, 2 power

    FrontEnd frontEnd = FrontEnd::Mel;
    int nMels = 128;
    double fmin = 0.0;
    double fmax = -1.0; ///< < 0: sampleRate / 2
    dsp::MelScale melScale = dsp::MelScale::Slaney;
    dsp::MelNorm melNorm = dsp::MelNorm::Slaney;
    bool choiSquare = false; ///< Choi's quirk (F1): the mel power is squared once more before the log
    int nMfcc = 20;
    int nChroma = 12;
    int nStatistics = 57; ///< Statistics only: 57 (the features_30_sec.csv row) or 55 (F4, no spectral bandwidth)
    double chromaTuning = 0.0; ///< fractions of a chroma bin; fixed (no estimation)
    std::vector<Resolution> resolutions; ///< MultiResMel only

    LogType log = LogType::Db;
    float dbRef = 1.0f;
    float dbAmin = 1e-10f;
    float dbTopDb = 80.0f; ///< <= 0: no floor
    float logEps = 1e-6f;  ///< LogType::Ln

    int resizeRows = 0; ///< 0 = no resize
    int resizeCols = 0;
    dsp::ResizeMethod resizeMethod = dsp::ResizeMethod::PilBilinear;

    int pieceFrames = 0; ///< 0 = the segment is one item
    int pieceCount = 0;

    Layout layout = Layout::BinsByFrames;
    bool channelAxis = true; ///< items are [C, H, W] (CNNs) when true, [H, W] (sequence models) when false
    bool bandNorm = false;   ///< the model z-scores each band with stored training statistics

    /** InvalidArgument naming the first bad field. */
    base::Status validate() const;
    QJsonObject toJson() const;
    /** Missing keys take the defaults above; wrong types or bad values are BadFormat / InvalidArgument. */
    static base::Result<FeatureConfig> fromJson(const QJsonObject &json);
    /** Lower-case hex SHA-256 of the compact canonical JSON (keys sorted): stable across runs and builds. */
    std::string hash() const;

    /** Bands (rows of the front end before layout): bins, mels, MFCCs, chroma or 72. */
    int bands() const;

    bool operator==(const FeatureConfig &) const = default;
};

std::string frontEndName(FrontEnd f);
std::string logTypeName(LogType l);

} // namespace genrescope::features
