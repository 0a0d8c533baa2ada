#include "testsupport.h"

#include <QFile>
#include <QtEndian>
#include <cmath>
#include <cstdlib>

namespace genrescope::test {

std::optional<std::filesystem::path> sharedDataDir()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char *env = std::getenv("GS_SHARED_DATA"); env && *env && fs::is_directory(env, ec))
        return fs::path(env);
    const fs::path compiled = GS_SHARED_DATA_DIR;
    if (fs::is_directory(compiled, ec))
        return compiled;
    return std::nullopt;
}

std::optional<std::filesystem::path> gtzanDevDir()
{
    auto d = sharedDataDir();
    if (!d)
        return std::nullopt;
    std::error_code ec;
    const auto dev = *d / "gtzan-dev";
    if (!std::filesystem::is_directory(dev, ec))
        return std::nullopt;
    return dev;
}

QString writeSineWav(const QString &path, double seconds, double hz, double amplitude)
{
    const int rate = 22050, n = int(rate * seconds);
    QByteArray pcm(n * 2, 0);
    for (int i = 0; i < n; ++i)
        qToLittleEndian(qint16(amplitude * std::sin(2 * M_PI * hz * i / rate)), pcm.data() + 2 * i);
    QByteArray h;
    auto u32 = [&](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        h.append(b, 4);
    };
    auto u16 = [&](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        h.append(b, 2);
    };
    h += "RIFF";
    u32(quint32(36 + pcm.size()));
    h += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(1);
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    h += "data";
    u32(quint32(pcm.size()));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(h + pcm) != h.size() + pcm.size())
        return {};
    return path;
}

} // namespace genrescope::test
