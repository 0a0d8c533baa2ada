#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

class QAudioSink;
class QTimer;

namespace genrescope::ui {

class SignalDevice;

/**
 * Plays the decoded mono signal through the default audio output (QAudioSink) and reports the
 * playhead. Without an audio device it says so (available() false, unavailableReason()) and every
 * call is a harmless no-op, so the rest of the app works.
 */
class AudioPlayer : public QObject
{
    Q_OBJECT
public:
    explicit AudioPlayer(QObject *parent = nullptr);
    ~AudioPlayer() override;

    bool available() const { return m_available; }
    QString unavailableReason() const { return m_reason; }

    /** The signal to play (mono float at `sampleRate`); stops playback and rewinds. */
    void setSignal(std::shared_ptr<const std::vector<float>> samples, int sampleRate);
    bool hasSignal() const { return m_samples && !m_samples->empty(); }
    bool isPlaying() const { return m_playing; }
    double position() const;

public Q_SLOTS:
    void play();
    void pause();
    void toggle();
    void stop();
    void seek(double seconds);

Q_SIGNALS:
    void positionChanged(double seconds);
    void playingChanged(bool playing);
    void errorOccurred(const QString &message);

private:
    void updatePosition();

    bool m_available = false;
    QString m_reason;
    std::shared_ptr<const std::vector<float>> m_samples;
    int m_rate = 22050;
    bool m_playing = false;
    double m_startSeconds = 0;
    QAudioSink *m_sink = nullptr;
    SignalDevice *m_device = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace genrescope::ui
