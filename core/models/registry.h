#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QJsonValue>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace genrescope::models {

class GenreNetImpl; // genrenet.h (libtorch); this header stays free of torch so the CLI/GUI compile fast
using GenreNet = std::shared_ptr<GenreNetImpl>;

/** One configuration switch of a model: its JSON key, value type, default and (for enums) the choices. */
struct SwitchSpec
{
    std::string key;
    std::string type; ///< "bool", "int", "double" or "enum" (a JSON string from `choices`)
    QJsonValue defaultValue;
    std::vector<std::string> choices; ///< for "enum"
    std::string help;
};

/** A network the app can build by name, with the feature recipe it reads (MODELS.md). */
struct ModelSpec
{
    std::string name;      ///< "bbnn", "broadcast", "choi-fcn", "choi-crnn", "mlfi", "bcnn-r50-d201", ...
    std::string family;    ///< "choi", "bbnn", "mlfi", "bcnn", "seed004", "mlp"
    std::string recipe;    ///< feature recipe of the main input: "choi-f1", "bbnn-f2", "mlfi-f3", "bcnn-f5", ...
    std::string auxRecipe; ///< "" or "stats55" (MLFI's second input)
    std::vector<std::int64_t> inputShape; ///< per example, without the batch axis, e.g. {1, 646, 128}
    std::int64_t auxSize = 0;             ///< 55 for MLFI, else 0
    std::string description;              ///< one line, cites the paper/seed
    std::vector<SwitchSpec> switches;
};

/** Every model, in a stable order. Thread-safe (built once). */
const std::vector<ModelSpec> &modelSpecs();

/** The spec called `name`, or nullptr. */
const ModelSpec *findModelSpec(const std::string &name);

/**
 * `config` checked against the spec's switches and completed with defaults. Unknown model (InvalidArgument),
 * unknown key, wrong JSON type, a value outside the choices or range, or a combination the network does
 * not support -> InvalidArgument with the key in the detail. Extra switch-dependent default: bbnn's n_blocks
 * defaults to 4 when block_type is xception (the notebook's depth), else 3.
 */
base::Result<QJsonObject> normalizedConfig(const std::string &name, const QJsonObject &config);

/**
 * Build the network `name` with `config` (validated as normalizedConfig does) for `numClasses` outputs.
 * Initialisation draws from torch's global generator: call torch::manual_seed first for a reproducible
 * model. Never throws; libtorch failures come back as Internal errors.
 */
base::Result<GenreNet> createModel(const std::string &name, const QJsonObject &config, int numClasses = 10);

/** Per-example input shape (without batch) of `name` under `config`. */
base::Result<std::vector<std::int64_t>> inputShapeFor(const std::string &name, const QJsonObject &config);

/** Parameter and buffer counts of a configured model, as MODELS.md lists them. */
struct ModelSize
{
    std::int64_t parameters = 0; ///< trainable tensors
    std::int64_t buffers = 0;    ///< running statistics (num_batches_tracked counters excluded)
};
base::Result<ModelSize> modelSize(const std::string &name, const QJsonObject &config, int numClasses = 10);

/**
 * Parse a command-line value ("true", "3", "0.4", "xception") for `spec` into the JSON value
 * normalizedConfig expects; InvalidArgument when it does not parse.
 */
base::Result<QJsonValue> parseSwitchValue(const SwitchSpec &spec, const std::string &text);

} // namespace genrescope::models
