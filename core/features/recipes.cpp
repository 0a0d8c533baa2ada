#include "features/recipes.h"

#include <functional>

namespace genrescope::features {

namespace {

constexpr long long kGtzanClip = 661500; // 30 s at 22,050 Hz, Heakl's pad/truncate length

FeatureConfig base(const char *name)
{
    FeatureConfig c;
    c.recipe = name;
    return c;
}

FeatureConfig displayStft()
{
    FeatureConfig c = base("display-stft");
    c.frontEnd = FrontEnd::Linear;
    return c;
}

FeatureConfig logmel(const char *name, int nMels)
{
    FeatureConfig c = base(name);
    c.nMels = nMels;
    return c;
}

FeatureConfig mfcc()
{
    FeatureConfig c = base("mfcc"); // librosa.feature.mfcc defaults: 128 Slaney mels, power_to_db top_db 80
    c.frontEnd = FrontEnd::Mfcc;
    c.nMfcc = 20;
    return c;
}

FeatureConfig chroma()
{
    FeatureConfig c = base("chroma"); // librosa.feature.chroma_stft with tuning fixed at 0
    c.frontEnd = FrontEnd::Chroma;
    c.log = LogType::None;
    return c;
}

FeatureConfig choiF1()
{
    FeatureConfig c = base("choi-f1");
    c.sampleRate = 12000;
    c.segmentLength = 349440; // 29.12 s, centre crop or zero-pad at the end
    c.segmentAlign = SegmentAlign::Centre;
    c.stft.nFft = 512;
    c.stft.hop = 256;
    c.nMels = 96;
    c.fmax = 6000.0;
    c.choiSquare = true;
    return c;
}

FeatureConfig bbnnF2()
{
    FeatureConfig c = base("bbnn-f2");
    c.segmentLength = kGtzanClip;
    c.stft.hop = 1024;
    c.fmax = 11025.0;
    c.layout = Layout::FramesByBins;
    return c;
}

FeatureConfig mlfiF3()
{
    FeatureConfig c = base("mlfi-f3");
    c.segmentLength = 66149; // 3 s as in features_3_sec.csv
    c.maxSegments = 10;
    c.fmax = 11025.0;
    c.bandNorm = true;
    return c;
}

FeatureConfig bcnnF5(const char *name, int cols)
{
    FeatureConfig c = base(name);
    c.segmentLength = kGtzanClip;
    c.stft.nFft = 2205;
    // {25,10}, {50,25}, {100,50} ms at 22,050 Hz with Python's round-half-even.
    c.resolutions = {{551, 220}, {1102, 551}, {2205, 1102}};
    c.stft.hop = 220;
    c.frontEnd = FrontEnd::MultiResMel;
    c.melScale = dsp::MelScale::Htk; // torchaudio MelSpectrogram defaults
    c.melNorm = dsp::MelNorm::None;
    c.log = LogType::Ln;
    c.logEps = 1e-6f;
    c.resizeRows = 128;
    c.resizeCols = cols;
    c.resizeMethod = dsp::ResizeMethod::PilBilinear; // torchvision Resize on a PIL image
    return c;
}

FeatureConfig seed004F6()
{
    FeatureConfig c = base("seed004-f6");
    c.segmentLength = kGtzanClip;
    c.stft.nFft = 1024;
    c.stft.hop = 256;
    c.nMels = 33;
    c.fmax = 11025.0;
    c.log = LogType::Log10p1;
    c.pieceFrames = 166;
    c.pieceCount = 15;
    c.bandNorm = true;
    return c;
}

FeatureConfig seed004F7()
{
    FeatureConfig c = base("seed004-f7");
    c.segmentLength = kGtzanClip;
    c.stft.hop = 1024;
    c.power = 1.0f;
    c.frontEnd = FrontEnd::OctaveBands;
    c.log = LogType::Log1p;
    c.pieceFrames = 20;
    c.pieceCount = 30;
    c.layout = Layout::FramesByBins;
    c.channelAxis = false;
    c.bandNorm = true;
    return c;
}

FeatureConfig statistics(const char *name, int count, long long segmentLength, int maxSegments)
{
    // The librosa statistics row (features/clipstatistics.h) of the whole clip (stats57, the
    // features_30_sec.csv row) or of each 3-s segment (stats55: MLFI's F4, aligned with mlfi-f3).
    FeatureConfig c = base(name);
    c.frontEnd = FrontEnd::Statistics;
    c.nStatistics = count;
    c.segmentLength = segmentLength;
    c.maxSegments = maxSegments;
    c.log = LogType::None;
    c.channelAxis = false;
    return c;
}

struct Entry
{
    const char *name;
    const char *summary;
    std::function<FeatureConfig()> make;
};

const std::vector<Entry> &table()
{
    static const std::vector<Entry> t = {
        {"display-stft", "linear STFT power in dB (2048/512), for display", displayStft},
        {"logmel128", "log-mel: 2048/512, 128 Slaney mels, power_to_db top_db 80", [] { return logmel("logmel128", 128); }},
        {"logmel96", "log-mel: 2048/512, 96 Slaney mels, power_to_db top_db 80", [] { return logmel("logmel96", 96); }},
        {"mfcc", "20 MFCCs (librosa defaults: 128 Slaney mels, dB, DCT-II ortho)", mfcc},
        {"chroma", "12-bin chroma_stft (2048/512, tuning 0), frames max-normalised", chroma},
        {"choi-f1", "F1 Choi FCN/CRNN: 12 kHz, 29.12 s, 512/256, 96 mels to 6 kHz, squared, dB -> 1x96x1366", choiF1},
        {"bbnn-f2", "F2 BBNN/Heakl: 661,500 samples, 2048/1024, 128 mels, dB, time x mel -> 1x646x128", bbnnF2},
        {"mlfi-f3", "F3 MLFI: 10 segments of 3 s, 2048/512, 128 mels, dB -> 10x1x128x130", mlfiF3},
        {"bcnn-f5", "F5 BCNN: 3 resolutions, 128 HTK mels, ln(S+1e-6), resized -> 3x128x1500",
         [] { return bcnnF5("bcnn-f5", 1500); }},
        {"bcnn-small-f5", "F5 resized to 3x128x600", [] { return bcnnF5("bcnn-small-f5", 600); }},
        {"seed004-f6", "F6 seed 004 CNN: 1024/256, 33 mels, log10(1+x), 15 pieces -> 15x1x33x166", seed004F6},
        {"seed004-f7", "F7 seed 004 LSTM: 2048/1024 magnitude, 72 octave bands, log1p, 30 pieces -> 30x20x72", seed004F7},
        {"stats57", "librosa statistics row of the whole clip (features_30_sec.csv order) -> 1x57",
         [] { return statistics("stats57", 57, 0, 0); }},
        {"stats55", "F4 MLFI: 55 statistics of each of 10 3-s segments (no spectral bandwidth) -> 10x55",
         [] { return statistics("stats55", 55, 66149, 10); }},
    };
    return t;
}

} // namespace

std::vector<std::string> recipeNames()
{
    std::vector<std::string> names;
    for (const auto &e : table())
        names.emplace_back(e.name);
    return names;
}

base::Result<FeatureConfig> recipe(const std::string &name)
{
    for (const auto &e : table())
        if (name == e.name)
            return e.make();
    std::string known;
    for (const auto &e : table())
        known += (known.empty() ? "" : ", ") + std::string(e.name);
    return base::makeError(base::ErrorCode::InvalidArgument, "unknown feature recipe \"" + name + "\" (known: " + known + ")");
}

std::string recipeSummary(const std::string &name)
{
    for (const auto &e : table())
        if (name == e.name)
            return e.summary;
    return {};
}

} // namespace genrescope::features
