#pragma once

#include <QList>
#include <QString>

namespace genrescope::ui {

/**
 * What the user sets in Edit > Preferences, persisted with QSettings (the application's organisation
 * and name select the file). Keys: view/colorMap, view/dbAuto, view/dbLow, view/dbHigh (dB),
 * view/nFft, view/hop (samples), compute/device ("cpu" or "cuda"), compute/threads, language.
 * load() never fails: missing or invalid values fall back to the defaults below. GUI thread only.
 */
struct AppSettings
{
    QString colorMap = QStringLiteral("magma"); ///< ColorMap::kindIds() id
    bool autoDbRange = true;                    ///< dB views fit their top to the loudest part (80 dB span)
    float dbLow = -80.0f;                       ///< fixed range of dB views when !autoDbRange
    float dbHigh = 0.0f;
    int nFft = 2048;                            ///< display FFT size, samples
    int hop = 512;                              ///< display hop, samples (<= nFft)
    bool allowCuda = false;                     ///< run models on CUDA when the linked libtorch has it
    int torchThreads = 0;                       ///< libtorch intra-op threads; 0 = every core
    QString language;                           ///< "en", "de", "zh_CN"; empty = follow the system

    static AppSettings load();
    void save() const;

    /** Display FFT sizes and hops offered in the toolbar and the dialog. */
    static const QList<int> &fftSizes();
    static const QList<int> &hops();
    /** Highest thread count offered (the machine's cores, at least 1). */
    static int maxTorchThreads();

    bool operator==(const AppSettings &) const = default;
};

} // namespace genrescope::ui
