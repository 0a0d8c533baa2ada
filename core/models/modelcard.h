#pragma once

#include "base/result.h"
#include "models/loadedmodel.h"

#include <QJsonObject>
#include <QString>

#include <filesystem>
#include <string>

namespace genrescope::models {

/**
 * A plain-text model card for a loaded model, as `genrescope-cli inspect` prints it: kind, name,
 * labels, features, input shape(s), parameter count, normalisation, free-form card fields, and for
 * bundles the provenance, evaluation and a one-line summary of the training history. Untranslated
 * (ui/ builds its own view from LoadedModel::card()).
 */
std::string modelCardText(const LoadedModel &model);

/** The same facts as a JSON object (stable keys), for `inspect --json` and for scripts. */
QJsonObject modelCardJson(const LoadedModel &model);

struct ModelBundle;

/**
 * The licence caveat of weights derived from GTZAN, in the terms of ../shared/data/README.md: GTZAN has no
 * licence and no copyright permission; the audio is never shipped; the weights are for research and
 * evaluation; GTZAN's known faults are in the training data.
 */
QString gtzanLicenceCaveat();

/**
 * Completes the card of a bundle trained with k-fold cross-validation (`genrescope-cli train --folds K`)
 * from what the bundle itself records, so that a person reads it without the JSON internals:
 * - "trainingData": the data set (file, kind, number of songs) and how it was split;
 * - "recipe": architecture and switches, optimiser, learning rate, batch, epochs, schedule, early
 *   stopping, seed and threads, and which fold's model the weights are;
 * - "crossValidation": {folds, songAccuracyMean, songAccuracyStd, songAccuracyMin, songAccuracyMax,
 *   macroF1Mean, macroF1Std, perFold: [song accuracy of each test fold]};
 * - "confusionMatrix": {labels, rows: true genre, columns: predicted genre, counts: song-level counts
 *   pooled over every test fold (each song is tested exactly once), total}.
 * Mismatch when the evaluation is not a k-fold one with per-fold song confusion matrices.
 */
base::Status completeCrossValidationCard(ModelBundle &bundle);

/**
 * Makes two runs of the same training command give the same bundle bytes: the fields that record when
 * and where a run happened, not what it computed, get fixed values. provenance.trainedAt and
 * provenance.savedAt become `timestamp` (ISO 8601), every history record's "seconds" (wall time of the
 * epoch) becomes 0, and provenance.dataset.path is made relative to `base` (the checkout the README's
 * command runs from). Everything computed (weights, normalisation, evaluation, history losses) is kept.
 */
void makeReproducible(ModelBundle &bundle, const QString &timestamp, const std::filesystem::path &base);

} // namespace genrescope::models
