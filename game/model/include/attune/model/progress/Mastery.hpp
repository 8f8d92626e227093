// How well the player knows each topic now: new / learning / mastered counts, a 0-100 % mastery
// and the predicted recall, from the cards' scheduling states.
#pragma once

#include <attune/scheduler/Scheduler.hpp>

#include <span>
#include <string>

namespace attune::model {

struct MasteryRules {
    double masteredRecall = 0.9;       // R now at least this ...
    double masteredStabilityDays = 21; // ... and S at least three weeks
};

struct TopicMastery {
    std::string deckId;
    std::string topicId;
    std::string title;
    int cards = 0;
    int newCards = 0;
    int learning = 0;      // learning or relearning
    int review = 0;        // in review, not (yet) mastered
    int mastered = 0;
    int lapses = 0;        // sum over the topic's cards
    int leeches = 0;
    int setAside = 0;      // suspended by hand or set aside as leeches (out of every queue)
    int masteryPercent = 0;      // mastered / cards, 0..100
    double recall = 0.0;         // mean predicted recall now of the studied cards (0 if none)
    int studied = 0;             // cards that are not new
};

/// True when the card counts as mastered at `now`.
bool isMastered(const scheduler::Scheduler& scheduler, const scheduler::CardState& card, scheduler::Moment now,
                const MasteryRules& rules = {});

/// Adds one card to a topic's tally (call finishTopic once all cards are in).
void tallyCard(TopicMastery& topic, const scheduler::Scheduler& scheduler, const scheduler::CardState& card,
               scheduler::Moment now, int leechLapses, const MasteryRules& rules = {});
void finishTopic(TopicMastery& topic, double recallSum);

}  // namespace attune::model
