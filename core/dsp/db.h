#pragma once

#include "base/matrix.h"

#include <cstddef>

namespace genrescope::dsp {

/**
 * librosa.power_to_db with a numeric ref, in place: 10 log10(max(amin, x)) - 10 log10(max(amin, ref)),
 * then, if topDb > 0, values below (maximum of the matrix - topDb) are raised to that floor.
 * torchaudio AmplitudeToDB(stype="power", top_db) gives the same for a single spectrogram.
 */
void powerToDb(base::Matrix &m, float ref = 1.0f, float amin = 1e-10f, float topDb = 80.0f);
void powerToDb(float *x, std::size_t n, float ref = 1.0f, float amin = 1e-10f, float topDb = 80.0f);

/** librosa.amplitude_to_db: powerToDb(x^2, ref^2, amin^2, topDb), i.e. 20 log10 of the amplitude. */
void amplitudeToDb(base::Matrix &m, float ref = 1.0f, float amin = 1e-5f, float topDb = 80.0f);

/** 10 log10(max(amin, x)) in place, accurate to ~1e-6 dB and vectorisable (the hot loop of log-mel). */
void tenLog10(float *x, std::size_t n, float amin);

} // namespace genrescope::dsp
