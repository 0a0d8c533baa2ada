// Helpers of the fault tests: a synthetic feature table, running genrescope-cli as a child process
// (optionally under a file-size limit), and comparing model bundles byte for byte where it matters.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <cmath>
#include <csignal>
#include <cstdint>
#include <sys/resource.h>

namespace genrescope::fault {

/** The 60 columns of GTZAN's features_30_sec.csv (names only; the values below are synthetic). */
inline QStringList featureTableHeader()
{
    QStringList h{"filename", "length", "chroma_stft_mean", "chroma_stft_var", "rms_mean", "rms_var",
                  "spectral_centroid_mean", "spectral_centroid_var", "spectral_bandwidth_mean",
                  "spectral_bandwidth_var", "rolloff_mean", "rolloff_var", "zero_crossing_rate_mean",
                  "zero_crossing_rate_var", "harmony_mean", "harmony_var", "perceptr_mean", "perceptr_var", "tempo"};
    for (int i = 1; i <= 20; ++i)
        h << QString("mfcc%1_mean").arg(i) << QString("mfcc%1_var").arg(i);
    h << "label";
    return h;
}

/** A separable synthetic feature table: `perClass` songs of each of three genres, values ~ N(class, 1). */
inline QByteArray syntheticFeatureTable(int perClass, quint32 seed = 7)
{
    QRandomGenerator rng(seed);
    const QStringList labels{"blues", "jazz", "rock"};
    QByteArray csv = featureTableHeader().join(',').toUtf8() + "\n";
    for (int c = 0; c < labels.size(); ++c)
        for (int s = 0; s < perClass; ++s) {
            QStringList row{QString("%1.%2.wav").arg(labels[c]).arg(s, 5, 10, QChar('0')), "661794"};
            for (int k = 0; k < 57; ++k) {
                // Box-Muller from two uniforms: deterministic for the seed on every platform.
                const double u1 = 1.0 - rng.generateDouble(), u2 = rng.generateDouble();
                const double g = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
                row << QString::number(0.8 * c + g, 'g', 7);
            }
            row << labels[c];
            csv += row.join(',').toUtf8() + "\n";
        }
    return csv;
}

inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Files in `dir` whose names contain ".tmp-" (base::writeFileAtomically's temporaries). */
inline QStringList atomicTemporaries(const QString &dir)
{
    QStringList out;
    for (const QString &f : QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System))
        if (f.contains(".tmp-"))
            out << f;
    return out;
}

struct CliRun
{
    int exitCode = -1;
    bool crashed = false; ///< ended by a signal
    QByteArray out, err;
};

/**
 * Run genrescope-cli with `args` and wait (generous timeout: sanitizer builds are slow). When
 * fileSizeLimit > 0 the child runs under RLIMIT_FSIZE with SIGXFSZ ignored, so a write beyond the limit
 * fails with EFBIG like a full disk fails with ENOSPC.
 */
inline CliRun runCli(const QString &cli, const QStringList &args, qint64 fileSizeLimit = 0, int timeoutMs = 600000)
{
    QProcess p;
    if (fileSizeLimit > 0)
        p.setChildProcessModifier([fileSizeLimit] {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit lim{rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
            ::setrlimit(RLIMIT_FSIZE, &lim);
        });
    p.start(cli, args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.crashed = true;
    }
    r.crashed = r.crashed || p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/** The weights section of a bundle file (docs/models-bundle.md: 64-byte header, manifest, weights). */
inline QByteArray bundleWeights(const QByteArray &file)
{
    if (file.size() < 64)
        return {};
    quint64 manifest = 0;
    for (int i = 7; i >= 0; --i)
        manifest = (manifest << 8) | quint8(file[16 + i]);
    if (manifest > quint64(file.size() - 64))
        return {};
    return file.mid(qsizetype(64 + manifest));
}

/** The bundle's manifest JSON. */
inline QJsonObject bundleManifest(const QByteArray &file)
{
    if (file.size() < 64)
        return {};
    quint64 manifest = 0;
    for (int i = 7; i >= 0; --i)
        manifest = (manifest << 8) | quint8(file[16 + i]);
    return QJsonDocument::fromJson(file.mid(64, qsizetype(manifest))).object();
}

/** The training history without its wall-clock fields (what must be identical between runs). */
inline QJsonArray historyWithoutTimes(const QJsonArray &history)
{
    QJsonArray out;
    for (const QJsonValue &v : history) {
        QJsonObject o = v.toObject();
        o.remove("seconds");
        out.append(o);
    }
    return out;
}

} // namespace genrescope::fault
