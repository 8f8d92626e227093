#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Mastery.hpp>
#include <attune/model/progress/Progress.hpp>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

scheduler::CardState reviewCard(double stability, std::int64_t lastReviewDay) {
    scheduler::CardState card;
    card.phase = scheduler::CardPhase::Review;
    card.memory = scheduler::MemoryState{stability, 5.0};
    card.lastReviewDay = lastReviewDay;
    card.dueDay = lastReviewDay + static_cast<std::int64_t>(stability);
    return card;
}

}  // namespace

TEST_CASE("mastery - a card is mastered with recall of at least 90 percent and three weeks of stability") {
    const scheduler::Scheduler s;
    const auto now = test::at("2026-06-10T12:00:00Z");
    const std::int64_t today = scheduler::studyDay(now, 4);
    CHECK(isMastered(s, reviewCard(30.0, today - 5), now));
    CHECK_FALSE(isMastered(s, reviewCard(10.0, today - 1), now));   // recall high, stability short
    CHECK_FALSE(isMastered(s, reviewCard(30.0, today - 60), now));  // stable once, now fading
    scheduler::CardState learning = reviewCard(30.0, today);
    learning.phase = scheduler::CardPhase::Relearning;
    CHECK_FALSE(isMastered(s, learning, now));
}

TEST_CASE("mastery - a topic counts its new learning and mastered cards") {
    const scheduler::Scheduler s;
    const auto now = test::at("2026-06-10T12:00:00Z");
    const std::int64_t today = scheduler::studyDay(now, 4);
    TopicMastery topic;
    double recallSum = 0.0;
    const std::vector<scheduler::CardState> cards{scheduler::CardState{}, scheduler::CardState{},
                                                  reviewCard(40.0, today - 2), reviewCard(5.0, today - 2)};
    scheduler::CardState learning;
    learning.phase = scheduler::CardPhase::Learning;
    learning.memory = scheduler::MemoryState{0.5, 6.0};
    learning.lastReviewDay = today;
    learning.lapses = 9;
    for (const auto& card : cards) {
        tallyCard(topic, s, card, now, 8);
        if (card.phase != scheduler::CardPhase::New) recallSum += s.recallNow(card, now);
    }
    tallyCard(topic, s, learning, now, 8);
    recallSum += s.recallNow(learning, now);
    finishTopic(topic, recallSum);
    CHECK(topic.cards == 5);
    CHECK(topic.newCards == 2);
    CHECK(topic.learning == 1);
    CHECK(topic.mastered == 1);
    CHECK(topic.review == 1);
    CHECK(topic.studied == 3);
    CHECK(topic.masteryPercent == 20);
    CHECK(topic.leeches == 1);
    CHECK(topic.lapses == 9);
    CHECK(topic.recall == Approx(recallSum / 3.0));
    CHECK(topic.recall > 0.0);
    CHECK(topic.recall <= 1.0);
}

TEST_CASE("mastery - the course progress reports mastery and recall per topic") {
    Deck deck = test::basicDeck("d", {2, 3});
    std::vector<ReviewRecord> log;
    auto t = test::at("2026-01-01T10:00:00Z");
    log.push_back(test::answer("d", "t1-1", t, Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t1-2", t, Rating::Good, ReviewKind::Learn));
    for (int round = 1; round <= 3; ++round) {
        t = test::later(t, std::int64_t{20} * 86400000 * round);
        log.push_back(test::answer("d", "t1-1", t, Rating::Easy));
    }
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = test::later(t, 86400000);
    const auto progress = computeProgress(input);
    REQUIRE(progress.topics.size() == 2);
    const auto& t1 = progress.topics[0];
    CHECK(t1.topicId == "t1");
    CHECK(t1.title == "Topic 1");
    CHECK(t1.mastered == 1);
    CHECK(t1.learning == 1);  // one Good on a new card: still on its learning steps
    CHECK(t1.masteryPercent == 50);
    CHECK(t1.recall > 0.0);
    const auto& t2 = progress.topics[1];
    CHECK(t2.newCards == 3);
    CHECK(t2.masteryPercent == 0);
    CHECK(t2.recall == 0.0);
    CHECK(progress.newCards == 3);
    CHECK(progress.masteredCards == 1);
}
