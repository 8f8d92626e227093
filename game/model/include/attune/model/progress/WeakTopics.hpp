// Which topics need work: the 1-3 studied topics with the lowest predicted recall now and the
// most lapses, and the leeches (cards forgotten 8 times or more: Settings::leechLapses).
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

constexpr int kLeechLapses = 8;  // the default of Settings::leechLapses
inline bool isLeech(int lapses, int leechLapses = kLeechLapses) { return lapses >= leechLapses; }

/// True when the lapse that brought a card to `lapses` makes it a leech again: at the threshold,
/// then every half threshold more (8, 12, 16... as in Anki), so a card brought back and forgotten
/// again is set aside again, not at its very next lapse.
bool isLeechPoint(int lapses, int leechLapses);

}  // namespace attune::model
