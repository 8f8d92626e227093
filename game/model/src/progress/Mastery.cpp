// Topic mastery from the cards' states. See Mastery.hpp.
#include <attune/model/progress/Mastery.hpp>

#include <cmath>

namespace attune::model {

using scheduler::CardPhase;

bool isMastered(const scheduler::Scheduler& scheduler, const scheduler::CardState& card, scheduler::Moment now,
                const MasteryRules& rules) {
    if (card.phase != CardPhase::Review || !card.memory) return false;
    return card.memory->stability >= rules.masteredStabilityDays &&
           scheduler.recallNow(card, now) >= rules.masteredRecall;
}

void tallyCard(TopicMastery& topic, const scheduler::Scheduler& scheduler, const scheduler::CardState& card,
               scheduler::Moment now, int leechLapses, const MasteryRules& rules) {
    ++topic.cards;
    topic.lapses += card.lapses;
    if (card.lapses >= leechLapses) ++topic.leeches;
    switch (card.phase) {
    case CardPhase::New:
        ++topic.newCards;
        return;
    case CardPhase::Learning:
    case CardPhase::Relearning:
        ++topic.learning;
        break;
    case CardPhase::Review:
        if (isMastered(scheduler, card, now, rules))
            ++topic.mastered;
        else
            ++topic.review;
        break;
    }
    ++topic.studied;
}

void finishTopic(TopicMastery& topic, double recallSum) {
    topic.masteryPercent =
        topic.cards == 0 ? 0 : static_cast<int>(std::lround(100.0 * topic.mastered / static_cast<double>(topic.cards)));
    topic.recall = topic.studied == 0 ? 0.0 : recallSum / static_cast<double>(topic.studied);
}

}  // namespace attune::model
