// genrescope-cli probe FILE...: what each file holds (duration, rate, channels, codec, tags).
#include "clisupport.h"
#include "command.h"

#include "audio/decoder.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

using namespace genrescope;

namespace {

std::filesystem::path toPath(const QString &arg)
{
    return std::filesystem::path(QFile::encodeName(arg).toStdString()); // the OS's bytes, even non-UTF-8
}

QJsonObject toJson(const audio::AudioInfo &info)
{
    QJsonObject o;
    o["durationSeconds"] = info.durationSeconds;
    o["sampleRate"] = info.sampleRate;
    o["channels"] = info.channels;
    o["codec"] = QString::fromStdString(info.codec);
    o["container"] = QString::fromStdString(info.container);
    o["bitRate"] = double(info.bitRate);
    o["title"] = QString::fromStdString(info.title);
    o["artist"] = QString::fromStdString(info.artist);
    o["album"] = QString::fromStdString(info.album);
    o["genre"] = QString::fromStdString(info.genre);
    QJsonObject tags;
    for (const auto &[k, v] : info.tags)
        tags[QString::fromStdString(k)] = QString::fromStdString(v);
    o["tags"] = tags;
    return o;
}

std::string clip(const std::string &s, std::size_t width)
{
    if (s.size() <= width)
        return s;
    std::size_t cut = width - 1;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) // keep UTF-8 whole
        --cut;
    return s.substr(0, cut) + "~";
}

std::string duration(double s)
{
    char buf[32];
    const int total = int(s);
    std::snprintf(buf, sizeof buf, "%d:%02d.%01d", total / 60, total % 60, int((s - total) * 10));
    return buf;
}

int runProbe(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Describe audio files: duration, sample rate, channels, codec, container, "
                                     "bit rate and tags. Exit status 1 if any file cannot be read.");
    parser.addHelpOption();
    parser.addOption({"json", "Print a JSON array instead of a table."});
    parser.addPositionalArgument("files", "Audio or video files.", "FILE...");
    if (const int exit = cli::parseCommandLine(parser, "probe", args); exit >= 0)
        return exit;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        cli::printError("probe: no files given (see genrescope-cli probe --help)");
        return cli::kExitUsage;
    }
    const bool json = parser.isSet("json");
    bool anyFailed = false;
    QJsonArray out;
    if (!json)
        std::printf("%-32s %9s %7s %3s %-10s %-9s %7s  %-20s %-20s %s\n", "file", "duration", "rate", "ch", "codec",
                    "container", "kb/s", "title", "artist", "genre");
    for (const QString &f : files) {
        auto info = audio::probe(toPath(f));
        if (!info.ok()) {
            anyFailed = true;
            cli::printError(info.error());
            if (json) {
                QJsonObject o;
                o["file"] = f;
                o["error"] = QString::fromUtf8(base::errorCodeName(info.error().code).data());
                o["detail"] = QString::fromStdString(info.error().detail);
                out.append(o);
            }
            continue;
        }
        if (json) {
            QJsonObject o = toJson(*info);
            o["file"] = f;
            out.append(o);
        } else {
            std::printf("%-32s %9s %7d %3d %-10s %-9s %7lld  %-20s %-20s %s\n", clip(f.toStdString(), 32).c_str(),
                        duration(info->durationSeconds).c_str(), info->sampleRate, info->channels,
                        clip(info->codec, 10).c_str(), clip(info->container, 9).c_str(),
                        static_cast<long long>(info->bitRate / 1000), clip(info->title, 20).c_str(),
                        clip(info->artist, 20).c_str(), clip(info->genre, 20).c_str());
        }
    }
    if (json)
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Indented).constData(), stdout);
    return anyFailed ? cli::kExitFailure : cli::kExitOk;
}

cli::CommandRegistration reg{{"probe", "describe audio files (duration, rate, codec, tags); --json", runProbe}};

} // namespace
