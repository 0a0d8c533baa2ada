#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace genrescope::training {

/**
 * How per-segment class probabilities become one song-level decision. One aggregator serves every
 * seed paper: Choi's multiframe mean (001), seed 004's vote with a threshold, and the usual extras.
 */
enum class AggregationRule {
    MeanProbability, ///< argmax of the mean probability vector
    MajorityVote,    ///< each segment votes for its argmax; ties broken by summed probabilities
    VoteWithThreshold, ///< majority vote, rejected (label -1) when the winner has fewer than T votes
    GeometricMean,   ///< argmax of the mean log probability (renormalised)
    Max,             ///< argmax of the per-class maximum over segments
};

std::string_view aggregationRuleId(AggregationRule rule); ///< "mean", "vote", "vote-threshold", "geometric-mean", "max"
std::optional<AggregationRule> aggregationRuleFromId(std::string_view id);
std::vector<AggregationRule> allAggregationRules();

struct SongDecision
{
    int label = -1;            ///< winning class, or -1 when rejected (VoteWithThreshold) or no segments
    std::vector<float> scores; ///< per class: probabilities (mean, geometric mean, max: normalised to sum 1) or vote shares
};

/**
 * Song-level decision from segmentProbs (segments x classes, row-major). `threshold` is the minimum
 * vote count for VoteWithThreshold (seed 004's T; <= 0 accepts any winner). Pure function.
 */
SongDecision aggregate(const std::vector<float> &segmentProbs, std::size_t classes, AggregationRule rule,
                       int threshold = 0);

} // namespace genrescope::training
