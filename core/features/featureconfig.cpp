#include "features/featureconfig.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <optional>

namespace genrescope::features {

namespace {

using base::ErrorCode;
using base::makeError;

constexpr int kFormatVersion = 1;

template <typename E>
struct EnumName
{
    E value;
    const char *name;
};

const EnumName<FrontEnd> kFrontEnds[] = {{FrontEnd::Linear, "linear"},   {FrontEnd::Mel, "mel"},
                                         {FrontEnd::Mfcc, "mfcc"},       {FrontEnd::Chroma, "chroma"},
                                         {FrontEnd::OctaveBands, "octave-bands"}, {FrontEnd::MultiResMel, "multires-mel"},
                                         {FrontEnd::Statistics, "statistics"}};
const EnumName<LogType> kLogs[] = {{LogType::None, "none"}, {LogType::Db, "db"}, {LogType::Ln, "ln"},
                                   {LogType::Log1p, "log1p"}, {LogType::Log10p1, "log10p1"}};
const EnumName<Layout> kLayouts[] = {{Layout::BinsByFrames, "bins-by-frames"}, {Layout::FramesByBins, "frames-by-bins"}};
const EnumName<SegmentAlign> kAligns[] = {{SegmentAlign::Start, "start"}, {SegmentAlign::Centre, "centre"}};
const EnumName<dsp::WindowType> kWindows[] = {
    {dsp::WindowType::Hann, "hann"}, {dsp::WindowType::Hamming, "hamming"}, {dsp::WindowType::Rectangular, "rectangular"}};
const EnumName<dsp::PadMode> kPads[] = {{dsp::PadMode::Reflect, "reflect"}, {dsp::PadMode::Constant, "constant"}};
const EnumName<dsp::MelScale> kScales[] = {{dsp::MelScale::Slaney, "slaney"}, {dsp::MelScale::Htk, "htk"}};
const EnumName<dsp::MelNorm> kNorms[] = {{dsp::MelNorm::None, "none"}, {dsp::MelNorm::Slaney, "slaney"}};
const EnumName<dsp::ResizeMethod> kResizes[] = {{dsp::ResizeMethod::PilBilinear, "pil-bilinear"},
                                                {dsp::ResizeMethod::TorchBilinear, "torch-bilinear"}};

template <typename E, std::size_t N>
QString nameOf(const EnumName<E> (&table)[N], E v)
{
    for (const auto &e : table)
        if (e.value == v)
            return QString::fromLatin1(e.name);
    return {};
}

/** Reads optional fields of a JSON object into a config, remembering the first error. */
class Reader
{
public:
    explicit Reader(const QJsonObject &o) : m_o(o) {}
    std::optional<base::Error> error;

    void str(const char *key, std::string &out)
    {
        const auto v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isString())
            return fail(key, "a string");
        out = v.toString().toStdString();
    }
    void boolean(const char *key, bool &out)
    {
        const auto v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isBool())
            return fail(key, "true or false");
        out = v.toBool();
    }
    template <typename T>
    void number(const char *key, T &out)
    {
        const auto v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isDouble())
            return fail(key, "a number");
        const double d = v.toDouble();
        if constexpr (std::is_integral_v<T>) {
            if (d != std::floor(d) || std::abs(d) > 9.0e15)
                return fail(key, "an integer");
        }
        out = static_cast<T>(d);
    }
    template <typename E, std::size_t N>
    void enumeration(const char *key, const EnumName<E> (&table)[N], E &out)
    {
        const auto v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        for (const auto &e : table)
            if (v.toString() == QLatin1String(e.name)) {
                out = e.value;
                return;
            }
        QString names;
        for (const auto &e : table)
            names += (names.isEmpty() ? "" : ", ") + QString::fromLatin1(e.name);
        fail(key, ("one of " + names).toStdString().c_str());
    }
    void fail(const char *key, const char *what)
    {
        if (!error)
            error = makeError(ErrorCode::BadFormat, std::string("feature config: \"") + key + "\" must be " + what);
    }

private:
    const QJsonObject &m_o;
};

} // namespace

std::string frontEndName(FrontEnd f)
{
    return nameOf(kFrontEnds, f).toStdString();
}

std::string logTypeName(LogType l)
{
    return nameOf(kLogs, l).toStdString();
}

int FeatureConfig::bands() const
{
    switch (frontEnd) {
    case FrontEnd::Linear:
        return stft.nFft / 2 + 1;
    case FrontEnd::Mel:
    case FrontEnd::MultiResMel:
        return nMels;
    case FrontEnd::Mfcc:
        return nMfcc;
    case FrontEnd::Chroma:
        return nChroma;
    case FrontEnd::OctaveBands:
        return 72;
    case FrontEnd::Statistics:
        return nStatistics;
    }
    return 0;
}

base::Status FeatureConfig::validate() const
{
    auto bad = [](const std::string &what) { return makeError(ErrorCode::InvalidArgument, "feature config: " + what); };
    if (recipe.empty())
        return bad("recipe name is empty");
    if (sampleRate < 1000 || sampleRate > 384000)
        return bad("sampleRate must be in [1000, 384000] Hz");
    if (segmentLength < 0 || segmentHop < 0 || maxSegments < 0)
        return bad("segmentLength, segmentHop and maxSegments must be >= 0");
    if (segmentLength == 0 && (segmentHop != 0 || maxSegments > 1))
        return bad("segmentHop/maxSegments need a segmentLength");
    if (stft.nFft < 2 || stft.nFft > (1 << 18))
        return bad("stft.nFft must be in [2, 262144]");
    if (stft.hop < 1)
        return bad("stft.hop must be >= 1");
    if (stft.winLength < 0 || stft.winLength > stft.nFft)
        return bad("stft.winLength must be in [0, nFft]");
    if (!(power > 0.0f) || power > 4.0f)
        return bad("power must be in (0, 4]");
    if (frontEnd == FrontEnd::Mel || frontEnd == FrontEnd::Mfcc || frontEnd == FrontEnd::MultiResMel) {
        if (nMels < 1 || nMels > 1024)
            return bad("nMels must be in [1, 1024]");
        const double top = fmax < 0 ? sampleRate / 2.0 : fmax;
        if (!(fmin >= 0) || !(top > fmin))
            return bad("mel range needs 0 <= fmin < fmax");
    }
    if (frontEnd == FrontEnd::Mfcc && (nMfcc < 1 || nMfcc > nMels))
        return bad("nMfcc must be in [1, nMels]");
    if (frontEnd == FrontEnd::Mfcc && log != LogType::Db)
        return bad("MFCC is the DCT of the dB mel spectrum: log must be \"db\"");
    if (frontEnd == FrontEnd::Chroma && (nChroma < 1 || nChroma > 120))
        return bad("nChroma must be in [1, 120]");
    if (frontEnd == FrontEnd::OctaveBands && stft.nFft < 2046)
        return bad("octave bands need nFft >= 2046 (FFT bins up to 1023)");
    if (frontEnd == FrontEnd::Statistics) {
        if (nStatistics != 57 && nStatistics != 55)
            return bad("nStatistics must be 57 (the full statistics row) or 55 (F4)");
        if (channelAxis || resizeRows != 0 || pieceFrames != 0 || bandNorm || log != LogType::None)
            return bad("statistics are a plain vector: no channel axis, resize, pieces, bandNorm or log");
    }
    if (frontEnd == FrontEnd::MultiResMel) {
        if (resolutions.empty() || resolutions.size() > 8)
            return bad("multires-mel needs 1 to 8 resolutions");
        for (const auto &r : resolutions)
            if (r.winLength < 1 || r.winLength > stft.nFft || r.hop < 1)
                return bad("each resolution needs 1 <= winLength <= nFft and hop >= 1");
        if (resizeRows == 0 || resizeCols == 0)
            return bad("multires-mel stacks channels, so it needs a resize target");
        if (bandNorm)
            return bad("bandNorm is for single-channel recipes");
    } else if (!resolutions.empty()) {
        return bad("resolutions are only for multires-mel");
    }
    if (log == LogType::Db && !(dbAmin > 0))
        return bad("dbAmin must be > 0");
    if (log == LogType::Ln && !(logEps > 0))
        return bad("logEps must be > 0");
    if (resizeRows < 0 || resizeCols < 0 || (resizeRows == 0) != (resizeCols == 0))
        return bad("resizeRows and resizeCols are both 0 or both positive");
    if (pieceFrames < 0 || pieceCount < 0 || (pieceFrames == 0) != (pieceCount == 0))
        return bad("pieceFrames and pieceCount are both 0 or both positive");
    if (pieceFrames > 0 && resizeRows > 0)
        return bad("pieces and resize cannot be combined");
    return {};
}

QJsonObject FeatureConfig::toJson() const
{
    QJsonObject o;
    o["formatVersion"] = kFormatVersion;
    o["recipe"] = QString::fromStdString(recipe);
    o["sampleRate"] = sampleRate;
    o["segmentLength"] = double(segmentLength);
    o["segmentHop"] = double(segmentHop);
    o["maxSegments"] = maxSegments;
    o["segmentAlign"] = nameOf(kAligns, segmentAlign);
    o["padShort"] = padShort;
    QJsonObject s;
    s["nFft"] = stft.nFft;
    s["hop"] = stft.hop;
    s["winLength"] = stft.winLength;
    s["window"] = nameOf(kWindows, stft.window);
    s["periodic"] = stft.periodic;
    s["center"] = stft.center;
    s["pad"] = nameOf(kPads, stft.pad);
    o["stft"] = s;
    o["power"] = double(power);
    o["frontEnd"] = nameOf(kFrontEnds, frontEnd);
    o["nMels"] = nMels;
    o["fmin"] = fmin;
    o["fmax"] = fmax;
    o["melScale"] = nameOf(kScales, melScale);
    o["melNorm"] = nameOf(kNorms, melNorm);
    o["choiSquare"] = choiSquare;
    o["nMfcc"] = nMfcc;
    o["nChroma"] = nChroma;
    if (frontEnd == FrontEnd::Statistics)
        o["nStatistics"] = nStatistics;
    o["chromaTuning"] = chromaTuning;
    QJsonArray res;
    for (const auto &r : resolutions)
        res.append(QJsonObject{{"winLength", r.winLength}, {"hop", r.hop}});
    o["resolutions"] = res;
    o["log"] = nameOf(kLogs, log);
    o["dbRef"] = double(dbRef);
    o["dbAmin"] = double(dbAmin);
    o["dbTopDb"] = double(dbTopDb);
    o["logEps"] = double(logEps);
    o["resizeRows"] = resizeRows;
    o["resizeCols"] = resizeCols;
    o["resizeMethod"] = nameOf(kResizes, resizeMethod);
    o["pieceFrames"] = pieceFrames;
    o["pieceCount"] = pieceCount;
    o["layout"] = nameOf(kLayouts, layout);
    o["channelAxis"] = channelAxis;
    o["bandNorm"] = bandNorm;
    return o;
}

base::Result<FeatureConfig> FeatureConfig::fromJson(const QJsonObject &json)
{
    FeatureConfig c;
    Reader r(json);
    int version = kFormatVersion;
    r.number("formatVersion", version);
    if (!r.error && version > kFormatVersion)
        return makeError(ErrorCode::VersionTooNew,
                         "feature config format " + std::to_string(version) + " is newer than this build reads ("
                             + std::to_string(kFormatVersion) + ")");
    r.str("recipe", c.recipe);
    r.number("sampleRate", c.sampleRate);
    r.number("segmentLength", c.segmentLength);
    r.number("segmentHop", c.segmentHop);
    r.number("maxSegments", c.maxSegments);
    r.enumeration("segmentAlign", kAligns, c.segmentAlign);
    r.boolean("padShort", c.padShort);
    if (json.contains("stft")) {
        if (!json.value("stft").isObject())
            return makeError(ErrorCode::BadFormat, "feature config: \"stft\" must be an object");
        const QJsonObject s = json.value("stft").toObject();
        Reader rs(s);
        rs.number("nFft", c.stft.nFft);
        rs.number("hop", c.stft.hop);
        rs.number("winLength", c.stft.winLength);
        rs.enumeration("window", kWindows, c.stft.window);
        rs.boolean("periodic", c.stft.periodic);
        rs.boolean("center", c.stft.center);
        rs.enumeration("pad", kPads, c.stft.pad);
        if (rs.error)
            return *rs.error;
    }
    r.number("power", c.power);
    r.enumeration("frontEnd", kFrontEnds, c.frontEnd);
    r.number("nMels", c.nMels);
    r.number("fmin", c.fmin);
    r.number("fmax", c.fmax);
    r.enumeration("melScale", kScales, c.melScale);
    r.enumeration("melNorm", kNorms, c.melNorm);
    r.boolean("choiSquare", c.choiSquare);
    r.number("nMfcc", c.nMfcc);
    r.number("nChroma", c.nChroma);
    r.number("nStatistics", c.nStatistics);
    r.number("chromaTuning", c.chromaTuning);
    if (json.contains("resolutions")) {
        if (!json.value("resolutions").isArray())
            return makeError(ErrorCode::BadFormat, "feature config: \"resolutions\" must be an array");
        for (const auto &v : json.value("resolutions").toArray()) {
            if (!v.isObject())
                return makeError(ErrorCode::BadFormat, "feature config: each resolution must be an object");
            const QJsonObject ro = v.toObject();
            Resolution res;
            Reader rr(ro);
            rr.number("winLength", res.winLength);
            rr.number("hop", res.hop);
            if (rr.error)
                return *rr.error;
            c.resolutions.push_back(res);
        }
    }
    r.enumeration("log", kLogs, c.log);
    r.number("dbRef", c.dbRef);
    r.number("dbAmin", c.dbAmin);
    r.number("dbTopDb", c.dbTopDb);
    r.number("logEps", c.logEps);
    r.number("resizeRows", c.resizeRows);
    r.number("resizeCols", c.resizeCols);
    r.enumeration("resizeMethod", kResizes, c.resizeMethod);
    r.number("pieceFrames", c.pieceFrames);
    r.number("pieceCount", c.pieceCount);
    r.enumeration("layout", kLayouts, c.layout);
    r.boolean("channelAxis", c.channelAxis);
    r.boolean("bandNorm", c.bandNorm);
    if (r.error)
        return *r.error;
    GS_TRY(c.validate());
    return c;
}

std::string FeatureConfig::hash() const
{
    const QByteArray canonical = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    return QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex().toStdString();
}

} // namespace genrescope::features
