#include "aggregation.h"

#include <algorithm>
#include <cmath>

namespace genrescope::training {

std::string_view aggregationRuleId(AggregationRule rule)
{
    switch (rule) {
    case AggregationRule::MeanProbability: return "mean";
    case AggregationRule::MajorityVote: return "vote";
    case AggregationRule::VoteWithThreshold: return "vote-threshold";
    case AggregationRule::GeometricMean: return "geometric-mean";
    case AggregationRule::Max: return "max";
    }
    return "mean";
}

std::optional<AggregationRule> aggregationRuleFromId(std::string_view id)
{
    for (AggregationRule r : allAggregationRules())
        if (aggregationRuleId(r) == id)
            return r;
    return std::nullopt;
}

std::vector<AggregationRule> allAggregationRules()
{
    return {AggregationRule::MeanProbability, AggregationRule::MajorityVote, AggregationRule::VoteWithThreshold,
            AggregationRule::GeometricMean, AggregationRule::Max};
}

namespace {

int argmax(const std::vector<float> &v)
{
    return v.empty() ? -1 : int(std::max_element(v.begin(), v.end()) - v.begin());
}

void normalise(std::vector<float> &v)
{
    double sum = 0;
    for (float x : v)
        sum += x;
    if (sum > 0)
        for (float &x : v)
            x = float(x / sum);
}

} // namespace

SongDecision aggregate(const std::vector<float> &segmentProbs, std::size_t classes, AggregationRule rule,
                       int threshold)
{
    SongDecision d;
    if (classes == 0)
        return d;
    d.scores.assign(classes, 0.0f);
    const std::size_t segments = segmentProbs.size() / classes;
    if (segments == 0)
        return d;
    auto p = [&](std::size_t s, std::size_t c) { return segmentProbs[s * classes + c]; };

    switch (rule) {
    case AggregationRule::MeanProbability:
        for (std::size_t s = 0; s < segments; ++s)
            for (std::size_t c = 0; c < classes; ++c)
                d.scores[c] += p(s, c) / float(segments);
        d.label = argmax(d.scores);
        break;
    case AggregationRule::GeometricMean: {
        std::vector<double> logSum(classes, 0.0);
        for (std::size_t s = 0; s < segments; ++s)
            for (std::size_t c = 0; c < classes; ++c)
                logSum[c] += std::log(std::max(double(p(s, c)), 1e-30));
        const double top = *std::max_element(logSum.begin(), logSum.end());
        for (std::size_t c = 0; c < classes; ++c)
            d.scores[c] = float(std::exp((logSum[c] - top) / double(segments)));
        normalise(d.scores);
        d.label = argmax(d.scores);
        break;
    }
    case AggregationRule::Max:
        for (std::size_t s = 0; s < segments; ++s)
            for (std::size_t c = 0; c < classes; ++c)
                d.scores[c] = std::max(d.scores[c], p(s, c));
        normalise(d.scores);
        d.label = argmax(d.scores);
        break;
    case AggregationRule::MajorityVote:
    case AggregationRule::VoteWithThreshold: {
        std::vector<int> votes(classes, 0);
        std::vector<double> sums(classes, 0.0);
        for (std::size_t s = 0; s < segments; ++s) {
            std::size_t best = 0;
            for (std::size_t c = 0; c < classes; ++c) {
                sums[c] += p(s, c);
                if (p(s, c) > p(s, best))
                    best = c;
            }
            ++votes[best];
        }
        int winner = 0;
        for (std::size_t c = 1; c < classes; ++c) {
            if (votes[c] > votes[std::size_t(winner)] ||
                (votes[c] == votes[std::size_t(winner)] && sums[c] > sums[std::size_t(winner)]))
                winner = int(c);
        }
        for (std::size_t c = 0; c < classes; ++c)
            d.scores[c] = float(votes[c]) / float(segments);
        d.label = winner;
        if (rule == AggregationRule::VoteWithThreshold && threshold > 0 && votes[std::size_t(winner)] < threshold)
            d.label = -1;
        break;
    }
    }
    return d;
}

} // namespace genrescope::training
