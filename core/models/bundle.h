#pragma once

#include "base/result.h"
#include "features/featureconfig.h"
#include "models/normalization.h"
#include "models/registry.h"   // GenreNet, without pulling in libtorch

#include <QJsonArray>
#include <QJsonObject>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace genrescope::models {

/**
 * Everything a trained model needs to be used again, weeks later, on another machine: the network
 * (architecture name + normalised config, weights = named parameters AND buffers), the features it
 * reads, its labels and input normalisation, and where it came from. The file layout is documented in
 * docs/models-bundle.md.
 */
struct ModelBundle
{
    std::string architecture;          ///< registry name ("bbnn", "choi_crnn", ...)
    QJsonObject config;                ///< normalised switches for createModel(architecture, config)
    QJsonObject featureConfig;         ///< features::FeatureConfig::toJson() of the main input (required)
    QJsonObject auxFeatureConfig;      ///< the second input's FeatureConfig (two-input models), else empty
    std::vector<std::string> labels;   ///< class names in output order; labels.size() = number of classes
    Normalization normalization;       ///< of the main input (identity = none)
    Normalization auxNormalization;    ///< of the second input (identity = none)
    QJsonArray history;                ///< per-epoch records written by the trainer (loss/acc train/val, lr)
    QJsonObject evaluation;            ///< evaluation results; may be empty
    QJsonObject provenance;            ///< dataset, split, seed, trainedAt, appVersion, libtorchVersion
    QJsonObject card;                  ///< free-form model-card fields: title, notes, licence
    GenreNet net;                      ///< built from architecture + config, weights loaded, eval mode after load
};

/**
 * Builds an untrained network for (architecture, config, number of classes). The default (an empty
 * function) is the registry's createModel (registry.h). Tests and tools may pass their own.
 */
using ModelFactory =
    std::function<base::Result<GenreNet>(const std::string &architecture, const QJsonObject &config, int numClasses)>;

/** bundle.featureConfig parsed (features::FeatureConfig::fromJson); BadFormat / InvalidArgument when invalid. */
base::Result<features::FeatureConfig> featureConfigOf(const ModelBundle &bundle);

/** bundle.auxFeatureConfig parsed; InvalidArgument when the bundle has no second input. */
base::Result<features::FeatureConfig> auxFeatureConfigOf(const ModelBundle &bundle);

/**
 * The FeatureConfig of the second input that the registry model `architecture` reads alongside the
 * main input `main`: its spec's auxRecipe (MLFI: "stats55") with main's sample rate and segmentation
 * (segment length, hop, count, alignment, padding), i.e. one statistics vector per main segment,
 * exactly what inference computes. Training stores it as auxFeatureConfig; BundleModel refuses a
 * two-input bundle whose auxFeatureConfig differs (Mismatch). InvalidArgument when the model is
 * unknown or has no second input.
 */
base::Result<features::FeatureConfig> auxFeatureConfigFor(const std::string &architecture,
                                                          const features::FeatureConfig &main);

/** Current bundle format version; a file with a larger version is refused with VersionTooNew. */
inline constexpr std::uint32_t kBundleFormatVersion = 1;

/** True when the bytes start like a Genrescope bundle (its 8-byte magic). */
bool looksLikeBundle(std::string_view firstBytes);

/**
 * The complete file content for a bundle. Fails with InvalidArgument when net is null, labels are
 * empty or featureConfig is empty or not a valid FeatureConfig, and with Mismatch when the net's tensors differ from what the factory builds for
 * (architecture, config, labels.size()) — so a bundle that could not be loaded is never written.
 * provenance gains "appVersion", "libtorchVersion" and "savedAt" when absent.
 */
base::Result<std::string> serializeBundle(const ModelBundle &bundle, const ModelFactory &factory = {});

/** serializeBundle() written atomically (base::writeFileAtomically): the old file survives a failure. */
base::Status saveBundle(const ModelBundle &bundle, const std::filesystem::path &path,
                        const ModelFactory &factory = {});

/**
 * Parse and fully validate a bundle, build its network and load the weights (eval mode, CPU).
 * Errors: not a bundle / empty -> BadFormat; shorter than its header says -> BadFormat "truncated";
 * checksum mismatch -> BadFormat "corrupt"; newer format -> VersionTooNew; manifest fields missing or of
 * the wrong type, a FeatureConfig FeatureConfig::fromJson refuses -> BadFormat; unknown architecture, a config the factory refuses, a tensor missing,
 * extra, of another shape or dtype -> Mismatch naming the tensor; a registry model whose auxFeatureConfig is
 * present but not auxFeatureConfigFor(architecture, featureConfig) -> Mismatch. Never throws.
 */
base::Result<ModelBundle> loadBundleFromBytes(std::string_view bytes, const ModelFactory &factory = {});

/** loadBundleFromBytes() on a file; FileNotFound / IsDirectory / PermissionDenied / Io from reading. */
base::Result<ModelBundle> loadBundle(const std::filesystem::path &path, const ModelFactory &factory = {});

/**
 * The validated JSON manifest only (everything except the weights, plus the "tensors" table), without
 * building the network: for inspecting a bundle cheaply. Same container errors as loadBundleFromBytes.
 */
base::Result<QJsonObject> readBundleManifest(std::string_view bytes);

} // namespace genrescope::models
