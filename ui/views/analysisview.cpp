#include "analysisview.h"

#include "segmenttimelineview.h"
#include "spectrogramview.h"
#include "timeviewport.h"
#include "waveformview.h"

#include <QScrollBar>
#include <QThread>
#include <QThreadPool>
#include <QVBoxLayout>
#include <cmath>

namespace genrescope::ui {

AnalysisView::AnalysisView(QWidget *parent) : QWidget(parent)
{
    // Decoding and features get their own pool, so inference or training never starves the view.
    m_pool = new QThreadPool(this);
    m_pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));

    m_viewport = new TimeViewport(this);
    m_ruler = new TimeRulerView(m_viewport, this);
    m_waveform = new WaveformView(m_viewport, this);
    m_waveform->setObjectName("waveformView");
    m_spectrogram = new SpectrogramView(m_viewport, this);
    m_spectrogram->setObjectName("spectrogramView");
    m_timeline = new SegmentTimelineView(m_viewport, this);
    m_timeline->setObjectName("segmentTimeline");
    m_scroll = new QScrollBar(Qt::Horizontal, this);
    m_scroll->setObjectName("timeScrollBar");

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_ruler);
    layout->addWidget(m_waveform, 1);
    layout->addWidget(m_spectrogram, 5);
    layout->addWidget(m_timeline);
    layout->addWidget(m_scroll);

    connect(m_viewport, &TimeViewport::changed, this, &AnalysisView::updateScrollBar);
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int v) {
        if (m_viewport->duration() > 0)
            m_viewport->scrollTo(v / 1000.0);
    });
    connect(m_spectrogram, &SpectrogramView::hovered, this, [this](double t, int row, float value) {
        Q_EMIT hoverTextChanged(hoverText(t, row, value));
    });
    connect(m_timeline, &SegmentTimelineView::hovered, this, &AnalysisView::hoverTextChanged);
    connect(m_waveform, &WaveformView::hovered, this, [this](double t, float amplitude) {
        Q_EMIT hoverTextChanged(
            tr("%1   amplitude %2").arg(TimeRulerView::formatTime(t, 0.001)).arg(double(amplitude), 0, 'f', 3));
    });
    for (auto *w : {static_cast<QObject *>(m_spectrogram), static_cast<QObject *>(m_waveform),
                    static_cast<QObject *>(m_ruler)}) {
        connect(w, SIGNAL(seekRequested(double)), this, SIGNAL(seekRequested(double)));
    }
}

AnalysisView::~AnalysisView()
{
    cancel();
    m_pool->waitForDone();
}

bool AnalysisView::isBusy() const
{
    return m_watcher && m_watcher->isRunning();
}

void AnalysisView::cancel()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->cancel();
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
}

void AnalysisView::openFile(const QString &path)
{
    cancel();
    m_path = path;
    m_signal.reset();
    m_info = {};
    m_viewport->reset(0);
    m_waveform->clear(m_display.sampleRate);
    m_spectrogram->clear();
    Q_EMIT analysisStarted(path);
    startJob(startFileAnalysis(m_pool, path, m_display, m_render), true);
}

void AnalysisView::setDisplaySettings(const DisplaySettings &settings)
{
    const bool kindChanged = settings.kind != m_display.kind;
    m_display = settings;
    if (kindChanged)
        m_render.useDefaultRange = true;
    if (m_signal) {
        startJob(startLayerAnalysis(m_pool, m_signal, m_display, m_render), false);
    } else if (!m_path.isEmpty()) {
        openFile(m_path);
    }
}

void AnalysisView::setColorMap(ColorMap::Kind kind)
{
    m_render.colorMap = kind;
    m_spectrogram->setColorMap(kind);
}

void AnalysisView::setValueRange(float low, float high)
{
    m_render.low = low;
    m_render.high = high;
    m_render.useDefaultRange = false;
    m_spectrogram->setValueRange(low, high);
}

void AnalysisView::setDbRange(std::optional<std::pair<float, float>> range)
{
    m_render.dbRange = range;
}

void AnalysisView::startJob(QFuture<AnalysisUpdate> future, bool fileJob)
{
    cancel();
    m_fileJob = fileJob;
    m_watcher = new QFutureWatcher<AnalysisUpdate>(this);
    connect(m_watcher, &QFutureWatcher<AnalysisUpdate>::resultsReadyAt, this, &AnalysisView::handleResults);
    m_watcher->setFuture(future);
}

void AnalysisView::handleResults(int begin, int end)
{
    if (!m_watcher)
        return;
    const QFuture<AnalysisUpdate> future = m_watcher->future();
    for (int i = begin; i < end; ++i) {
        const AnalysisUpdate u = future.resultAt(i);
        switch (u.type) {
        case AnalysisUpdate::Type::Opened:
            if (m_fileJob) {
                m_info = u.info;
                m_viewport->reset(u.info.durationSeconds);
                // A long song opens on its first 30 s (a GTZAN clip's length): decoded first, they fill
                // the screen at once while the rest streams in (Ctrl+0 shows the whole song).
                if (u.info.durationSeconds > kLongSongSeconds)
                    m_viewport->setVisibleRange(0, kFirstScreenSeconds);
            }
            m_spectrogram->setAxis(u.axis);
            m_spectrogram->setColorMap(m_render.colorMap);
            m_spectrogram->setValueRange(u.range.first, u.range.second);
            m_render.low = u.range.first;
            m_render.high = u.range.second;
            Q_EMIT valueRangeChanged(u.range.first, u.range.second);
            break;
        case AnalysisUpdate::Type::Samples:
            m_waveform->appendSamples(u.samples.data(), u.samples.size());
            m_viewport->extendDuration(double(m_waveform->sampleCount()) / m_display.sampleRate);
            Q_EMIT progressChanged(u.progress);
            break;
        case AnalysisUpdate::Type::Tile:
            if (u.rangeChanged) {
                m_render.low = u.range.first;
                m_render.high = u.range.second;
                m_spectrogram->setValueRange(u.range.first, u.range.second);
                Q_EMIT valueRangeChanged(u.range.first, u.range.second);
            }
            m_spectrogram->appendTile(u.tile);
            Q_EMIT progressChanged(u.progress);
            break;
        case AnalysisUpdate::Type::Finished:
            if (m_fileJob) {
                m_signal = u.signal;
                // The container's duration is an estimate; the decoded length is the truth.
                const double decoded = double(m_signal->size()) / m_display.sampleRate;
                if (std::abs(decoded - m_viewport->duration()) > 1e-3)
                    m_viewport->setDuration(decoded);
            }
            Q_EMIT progressChanged(1.0);
            if (m_fileJob)
                Q_EMIT analysisFinished(m_path, u.partial, u.warning);
            break;
        case AnalysisUpdate::Type::Failed:
            if (!u.error.isCancelled())
                Q_EMIT analysisFailed(m_path, u.error);
            break;
        }
    }
}

void AnalysisView::updateScrollBar()
{
    const double duration = m_viewport->duration();
    const int page = int(m_viewport->visibleLength() * 1000);
    const QSignalBlocker block(m_scroll);
    m_scroll->setRange(0, std::max(0, int(duration * 1000) - page));
    m_scroll->setPageStep(std::max(1, page));
    m_scroll->setSingleStep(std::max(1, page / 10));
    m_scroll->setValue(int(m_viewport->visibleStart() * 1000));
}

QString AnalysisView::hoverText(double seconds, int row, float value) const
{
    QString text = TimeRulerView::formatTime(std::max(0.0, seconds), 0.001);
    const LayerAxis &axis = m_spectrogram->axis();
    if (row >= 0 && row < axis.rows()) {
        if (axis.kind == LayerAxis::Kind::Frequency) {
            const double hz = axis.rowHz[std::size_t(row)];
            text += tr("   %1 Hz").arg(hz, 0, 'f', 0);
            const QString note = noteName(hz);
            if (!note.isEmpty())
                text += QStringLiteral(" (%1)").arg(note);
        } else {
            text += QStringLiteral("   %1").arg(axis.rowLabels.value(row));
        }
        if (!std::isnan(value))
            text += QStringLiteral("   %1 %2").arg(double(value), 0, 'f', 1).arg(axis.valueUnit);
    }
    return text;
}

} // namespace genrescope::ui
