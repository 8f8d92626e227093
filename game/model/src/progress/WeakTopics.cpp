// Weak topics: lowest recall now, most lapses. See WeakTopics.hpp.
#include <attune/model/progress/WeakTopics.hpp>

#include <algorithm>

namespace attune::model {

bool isLeechPoint(int lapses, int leechLapses) {
    const int threshold = std::max(1, leechLapses);
    if (lapses < threshold) return false;
    const int step = std::max(1, (threshold + 1) / 2);
    return (lapses - threshold) % step == 0;
}

double weaknessScore(const TopicMastery& topic, const WeakTopicRules& rules) {
    const double lapsesPerCard = topic.studied == 0 ? 0.0 : topic.lapses / static_cast<double>(topic.studied);
    return topic.recall - std::min(rules.lapsePenaltyCap, rules.lapsePenalty * lapsesPerCard);
}

std::vector<std::size_t> pickWeakTopics(std::span<const TopicMastery> topics, const WeakTopicRules& rules) {
    std::vector<std::size_t> studied;
    for (std::size_t i = 0; i < topics.size(); ++i)
        if (topics[i].studied > 0) studied.push_back(i);
    std::stable_sort(studied.begin(), studied.end(), [&](std::size_t a, std::size_t b) {
        const double sa = weaknessScore(topics[a], rules);
        const double sb = weaknessScore(topics[b], rules);
        if (sa != sb) return sa < sb;
        return topics[a].lapses > topics[b].lapses;
    });
    std::vector<std::size_t> out;
    for (const std::size_t i : studied) {
        if (static_cast<int>(out.size()) >= rules.maximumTopics) break;
        // The weakest is always offered; the others only when they really are weak.
        if (!out.empty() && weaknessScore(topics[i], rules) > rules.strongScore) break;
        out.push_back(i);
    }
    return out;
}

}  // namespace attune::model
