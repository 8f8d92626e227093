// Which topics need work: the 1-3 studied topics with the lowest predicted recall now and the
// most lapses, and the leeches (cards forgotten 8 times or more).
#pragma once

#include <attune/model/progress/Mastery.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace attune::model {

struct WeakTopicRules {
    int maximumTopics = 3;
    double lapsePenalty = 0.05;   // recall points taken off per lapse per studied card
    double lapsePenaltyCap = 0.2;
    double strongScore = 0.95;    // topics scoring above this are not weak (one is kept anyway)
};

/// A weakness score: the topic's recall minus a penalty for lapses (lower is weaker).
double weaknessScore(const TopicMastery& topic, const WeakTopicRules& rules = {});

/// Indices into `topics`, weakest first: 1-3 of the studied topics (none when nothing is studied).
std::vector<std::size_t> pickWeakTopics(std::span<const TopicMastery> topics, const WeakTopicRules& rules = {});

constexpr int kLeechLapses = 8;
inline bool isLeech(int lapses) { return lapses >= kLeechLapses; }

}  // namespace attune::model
