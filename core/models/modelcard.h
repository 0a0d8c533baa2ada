#pragma once

#include "models/loadedmodel.h"

#include <QJsonObject>

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

} // namespace genrescope::models
