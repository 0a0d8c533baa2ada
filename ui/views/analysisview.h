#pragma once

#include "jobs/analysisjob.h"

#include <QFutureWatcher>
#include <QWidget>
#include <memory>

class QScrollBar;
class QThreadPool;

namespace genrescope::ui {

class SegmentTimelineView;
class SpectrogramView;
class TimeRulerView;
class TimeViewport;
class WaveformView;

/**
 * The stacked analysis views of one song with a shared time axis: time ruler, waveform, the chosen
 * spectrogram-like layer and a scroll bar. Owns the analysis jobs (on its own thread pool): opening
 * a file cancels the previous analysis; changing the view kind, FFT size or hop recomputes the layer
 * from the decoded signal without decoding again.
 */
class AnalysisView : public QWidget
{
    Q_OBJECT
public:
    explicit AnalysisView(QWidget *parent = nullptr);
    ~AnalysisView() override;

    /** Songs longer than kLongSongSeconds open showing their first kFirstScreenSeconds (seconds). */
    static constexpr double kLongSongSeconds = 60.0;
    static constexpr double kFirstScreenSeconds = 30.0;

    void openFile(const QString &path);
    void cancel();
    bool isBusy() const;

    void setDisplaySettings(const DisplaySettings &settings);
    DisplaySettings displaySettings() const { return m_display; }
    void setColorMap(ColorMap::Kind kind);
    void setValueRange(float low, float high);
    /**
     * The range dB layers start with when they are computed (a new song, another view kind); without
     * one they fit their top to the loudest part of the song. Does not change the layer shown now.
     */
    void setDbRange(std::optional<std::pair<float, float>> range);
    std::optional<std::pair<float, float>> dbRange() const { return m_render.dbRange; }
    /** The next layer computed takes its range from setDbRange() or the layer's default again. */
    void resetValueRange() { m_render.useDefaultRange = true; }

    QString currentFile() const { return m_path; }
    /** The whole decoded signal once analysis finished (null before). */
    std::shared_ptr<const std::vector<float>> signal() const { return m_signal; }
    int sampleRate() const { return m_display.sampleRate; }
    const audio::AudioInfo &info() const { return m_info; }

    TimeViewport *viewport() const { return m_viewport; }
    SpectrogramView *spectrogram() const { return m_spectrogram; }
    WaveformView *waveform() const { return m_waveform; }
    SegmentTimelineView *timeline() const { return m_timeline; }

Q_SIGNALS:
    void analysisStarted(const QString &path);
    void progressChanged(double fraction);
    /** The file decoded (partial: it was damaged and only part of it decoded; warning says why). */
    void analysisFinished(const QString &path, bool partial, const QString &warning);
    void analysisFailed(const QString &path, const base::Error &error);
    /** Range of the layer changed (a new view kind picks its default range). */
    void valueRangeChanged(float low, float high);
    /** Status text for the position under the mouse. */
    void hoverTextChanged(const QString &text);
    void seekRequested(double seconds);

private:
    void startJob(QFuture<AnalysisUpdate> future, bool fileJob);
    void handleResults(int begin, int end);
    void updateScrollBar();
    QString hoverText(double seconds, int row, float value) const;

    QThreadPool *m_pool;
    TimeViewport *m_viewport;
    TimeRulerView *m_ruler;
    WaveformView *m_waveform;
    SpectrogramView *m_spectrogram;
    SegmentTimelineView *m_timeline;
    QScrollBar *m_scroll;
    QFutureWatcher<AnalysisUpdate> *m_watcher = nullptr;
    bool m_fileJob = false;
    DisplaySettings m_display;
    RenderSettings m_render;
    QString m_path;
    audio::AudioInfo m_info;
    std::shared_ptr<const std::vector<float>> m_signal;
};

} // namespace genrescope::ui
