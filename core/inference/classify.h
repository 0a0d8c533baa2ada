#pragma once

#include "base/canceltoken.h"
#include "base/result.h"
#include "training/aggregation.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace genrescope::models {
class LoadedModel;
}

namespace genrescope::inference {

/** What to classify: a file (decoded at each model's rate) or mono samples already decoded. */
struct AudioSource
{
    std::filesystem::path path;                       ///< used when `samples` is null
    std::shared_ptr<const std::vector<float>> samples; ///< mono float in [-1, 1] at sampleRate Hz
    int sampleRate = 0;

    static AudioSource file(std::filesystem::path path);
    static AudioSource decoded(std::vector<float> samples, int sampleRate);
    /** The path, or "<samples>" for decoded audio. */
    std::string name() const;
};

/** Wall time spent per stage, in milliseconds. */
struct StageTimings
{
    double decodeMs = 0;   ///< decoding and resampling
    double featuresMs = 0; ///< feature extraction (spectrograms, statistics)
    double modelMs = 0;    ///< predictProbabilities (the forward pass and the model's normalisation)
    double totalMs = 0;    ///< the whole call, glue included (0 for per-model timings)
};

/** The class probabilities of one item (a segment, or a piece of one) for one model. */
struct SegmentResult
{
    int model = 0;   ///< index into the models passed to classify()
    int item = 0;    ///< index of the item in this model's result, in time order
    int segment = 0; ///< Extractor segment index
    int piece = 0;   ///< piece within the segment (0 when the recipe has no pieces)
    double startSeconds = 0;
    double endSeconds = 0;
    std::vector<float> probabilities; ///< one per label, sums to 1
};

/** Called from the worker thread as soon as a batch of items is classified; must be cheap and thread-safe. */
using SegmentCallback = std::function<void(const SegmentResult &)>;

struct RuleDecision
{
    training::AggregationRule rule = training::AggregationRule::MeanProbability;
    training::SongDecision decision;
};

/** Everything one model said about one song. */
struct ModelResult
{
    std::string name;                 ///< LoadedModel::name()
    std::vector<std::string> labels;
    std::string featureKey;           ///< FeatureConfig hash (or "stats57@<rate>") the features came from
    int sampleRate = 0;               ///< Hz the audio was decoded at for this model
    std::vector<SegmentResult> segments; ///< in time order; spans tile the song
    std::vector<RuleDecision> decisions; ///< one per training::allAggregationRules(), in that order
    StageTimings timings;             ///< decode and features are shared with models of the same group

    /** The decision under `rule` (every rule is present after a successful classify()). */
    const training::SongDecision &decision(training::AggregationRule rule) const;
    /** The winning label under `rule`, or "" when rejected (vote with threshold) or no segments. */
    std::string label(training::AggregationRule rule) const;
};

struct ClassifyResult
{
    std::string source;
    double durationSeconds = 0;   ///< of the decoded signal (at the first model's rate)
    bool partial = false;         ///< the file was damaged; results cover what decoded
    std::string warning;
    std::vector<ModelResult> models; ///< in the order the models were given
    StageTimings timings;         ///< the whole call
    int decodes = 0;              ///< decodes performed (one per distinct sample rate; 0 for decoded input)
    int featureComputations = 0;  ///< feature groups computed (one per distinct FeatureConfig)
};

struct ClassifyOptions
{
    int batchSize = 16;    ///< items per forward pass (1 .. 1024)
    int voteThreshold = 0; ///< T of AggregationRule::VoteWithThreshold (<= 0: any winner)
    /**
     * Decode chunk by chunk and classify each segment as soon as its samples are in (results arrive
     * through the callback while the file is still being decoded). Recipes whose segments depend on
     * the whole length (centred crops, whole-signal items, statistics of the whole clip) are
     * computed once the file is decoded. The results equal those of a one-shot classify().
     */
    bool streaming = false;
    double chunkSeconds = 1.0; ///< decode chunk when streaming
};

/**
 * Classify one song with one or more models.
 *
 * Models that read the same FeatureConfig (by hash) share one feature computation; models with the
 * same sample rate share one decode. Segments are batched (options.batchSize) for each model.
 * Every model's FeatureConfig is parsed and its input shape compared with the extractor's item shape
 * before any work: a model without a parsable FeatureConfig, or whose input shape differs from the
 * features (or whose second input is not the 55 F4 statistics), is refused with Mismatch naming both.
 * Two-input models (MLFI) get, per segment, the 55-value F4 vector of that segment's samples; models
 * reading "stats57" get the 57 clip statistics of the whole song as one item.
 *
 * Threads: runs on the calling thread. predictProbabilities() of model i is called under guards[i]
 * when `guards` is given (classifyFiles shares models between workers this way); without guards the
 * caller must ensure no other thread uses the models meanwhile. Features are computed on this thread.
 *
 * Errors: the decoder's (FileNotFound, NotAudio, CorruptData, ...), Mismatch as above,
 * InvalidArgument (no model, bad options, decoded input at another rate than a model needs),
 * Cancelled as soon as the token is seen (between chunks, segments and batches), Internal for a
 * libtorch exception. Never throws.
 */
base::Result<ClassifyResult> classify(const AudioSource &source, const std::vector<models::LoadedModel *> &models,
                                      const ClassifyOptions &options = {}, const SegmentCallback &onSegment = {},
                                      const base::CancelToken &cancel = base::CancelToken::none(),
                                      const base::ProgressFn &progress = {},
                                      const std::vector<std::mutex *> &guards = {});

} // namespace genrescope::inference
