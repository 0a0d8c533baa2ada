#pragma once

#include "base/result.h"

#include <QJsonObject>

#include <string>

namespace genrescope::distributed {

/**
 * Whether the registry model `architecture` with `config` contains batch normalisation. Data-parallel
 * training normalises each rank's slice of a batch on its own (no synchronised batch norm yet), so
 * such a model trains close to, but not exactly like, one process with the whole batch. Errors: those
 * of models::createModel. Never throws.
 */
base::Result<bool> usesBatchNorm(const std::string &architecture, const QJsonObject &config);

} // namespace genrescope::distributed
