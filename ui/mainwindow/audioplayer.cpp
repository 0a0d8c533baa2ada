#include "audioplayer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QIODevice>
#include <QMediaDevices>
#include <QTimer>
#include <algorithm>
#include <cstring>

namespace genrescope::ui {

/**
 * A read-only QIODevice over the mono float signal, converting to the sink's format on the fly
 * (sample rate by linear interpolation, mono copied to every channel, float or int16).
 */
class SignalDevice : public QIODevice
{
public:
    SignalDevice(std::shared_ptr<const std::vector<float>> samples, int rate, const QAudioFormat &format,
                 double startSeconds, QObject *parent)
        : QIODevice(parent), m_samples(std::move(samples)), m_rate(rate), m_format(format),
          m_pos(startSeconds * rate)
    {
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return atEnd() ? 0 : 1 << 16; }
    bool atEnd() const override { return m_pos >= double(m_samples->size()); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const int channels = std::max(1, m_format.channelCount());
        const int bytesPerSample = m_format.bytesPerSample();
        const qint64 frameBytes = qint64(channels) * bytesPerSample;
        const qint64 frames = maxSize / frameBytes;
        const double step = double(m_rate) / m_format.sampleRate();
        const auto &s = *m_samples;
        qint64 written = 0;
        for (; written < frames && m_pos < double(s.size()); ++written, m_pos += step) {
            const auto i = std::size_t(m_pos);
            const double f = m_pos - double(i);
            const float next = i + 1 < s.size() ? s[i + 1] : s[i];
            const float v = std::clamp(float(s[i] + (next - s[i]) * f), -1.0f, 1.0f);
            char *frame = data + written * frameBytes;
            for (int c = 0; c < channels; ++c) {
                if (m_format.sampleFormat() == QAudioFormat::Float) {
                    std::memcpy(frame + c * 4, &v, 4);
                } else {
                    const qint16 iv = qint16(v * 32767.0f);
                    std::memcpy(frame + c * 2, &iv, 2);
                }
            }
        }
        return written * frameBytes;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    std::shared_ptr<const std::vector<float>> m_samples;
    int m_rate;
    QAudioFormat m_format;
    double m_pos;
};

AudioPlayer::AudioPlayer(QObject *parent) : QObject(parent)
{
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    m_available = !device.isNull();
    if (!m_available)
        m_reason = tr("No audio output device was found; playback is off.");
    m_timer = new QTimer(this);
    m_timer->setInterval(30);
    connect(m_timer, &QTimer::timeout, this, &AudioPlayer::updatePosition);
}

AudioPlayer::~AudioPlayer()
{
    stop();
}

void AudioPlayer::setSignal(std::shared_ptr<const std::vector<float>> samples, int sampleRate)
{
    stop();
    m_samples = std::move(samples);
    m_rate = sampleRate > 0 ? sampleRate : 22050;
    m_startSeconds = 0;
}

double AudioPlayer::position() const
{
    if (m_sink && m_playing)
        return m_startSeconds + double(m_sink->processedUSecs()) / 1e6;
    return m_startSeconds;
}

void AudioPlayer::play()
{
    if (!m_available || !hasSignal() || m_playing)
        return;
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    QAudioFormat format;
    format.setSampleRate(m_rate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Float);
    if (!device.isFormatSupported(format)) {
        format = device.preferredFormat();
        if (format.sampleFormat() != QAudioFormat::Float)
            format.setSampleFormat(QAudioFormat::Int16);
    }
    if (m_startSeconds >= double(m_samples->size()) / m_rate)
        m_startSeconds = 0;
    m_sink = new QAudioSink(device, format, this);
    m_device = new SignalDevice(m_samples, m_rate, format, m_startSeconds, m_sink);
    m_device->open(QIODevice::ReadOnly);
    connect(m_sink, &QAudioSink::stateChanged, this, [this](QAudio::State state) {
        if (!m_sink)
            return;
        if (state == QAudio::IdleState) {
            m_startSeconds = double(m_samples->size()) / m_rate;
            stop();
        } else if (state == QAudio::StoppedState && m_sink->error() != QAudio::NoError) {
            Q_EMIT errorOccurred(tr("The audio output stopped with an error (code %1).").arg(int(m_sink->error())));
            stop();
        }
    });
    m_sink->start(m_device);
    if (m_sink->error() != QAudio::NoError) {
        Q_EMIT errorOccurred(tr("The audio output could not be opened."));
        stop();
        return;
    }
    m_playing = true;
    m_timer->start();
    Q_EMIT playingChanged(true);
}

void AudioPlayer::pause()
{
    if (!m_playing)
        return;
    m_startSeconds = position();
    stop();
}

void AudioPlayer::toggle()
{
    if (m_playing)
        pause();
    else
        play();
}

void AudioPlayer::stop()
{
    const bool wasPlaying = m_playing;
    m_playing = false;
    m_timer->stop();
    if (m_sink) {
        QAudioSink *sink = m_sink;
        m_sink = nullptr;
        sink->disconnect(this);
        sink->stop();
        sink->deleteLater();
        m_device = nullptr;
    }
    if (wasPlaying) {
        Q_EMIT playingChanged(false);
        Q_EMIT positionChanged(m_startSeconds);
    }
}

void AudioPlayer::seek(double seconds)
{
    const bool wasPlaying = m_playing;
    stop();
    m_startSeconds = std::max(0.0, seconds);
    Q_EMIT positionChanged(m_startSeconds);
    if (wasPlaying)
        play();
}

void AudioPlayer::updatePosition()
{
    if (m_playing)
        Q_EMIT positionChanged(position());
}

} // namespace genrescope::ui
