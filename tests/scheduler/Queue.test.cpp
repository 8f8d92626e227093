// Replay as a pure function, and the daily and topic queues.
#include "catch.hpp"

#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>
#include <set>
#include <vector>

using namespace attune::scheduler;

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kNoon = 1717243200000;  // 2024-06-01T12:00:00Z

CardState reviewCard(std::int64_t dueDay, double stability, std::int64_t lastReviewDay) {
    CardState card;
    card.phase = CardPhase::Review;
    card.memory = MemoryState{stability, 5.0};
    card.dueDay = dueDay;
    card.lastReviewDay = lastReviewDay;
    return card;
}

}  // namespace

TEST_CASE("replay - memory replay matches step by step updates") {
    const auto w = Parameters::defaults();
    const std::vector<ReviewEvent> history = {{{kNoon, 0}, Rating::Again},
                                              {{kNoon + 600'000, 0}, Rating::Good},
                                              {{kNoon + kDay, 0}, Rating::Good},
                                              {{kNoon + 4 * kDay, 0}, Rating::Good},
                                              {{kNoon + 12 * kDay, 0}, Rating::Good},
                                              {{kNoon + 33 * kDay, 0}, Rating::Good}};
    const auto state = replayMemory(w, history, 4);
    REQUIRE(state.has_value());
    CHECK(state->stability == Approx(53.62691).margin(1e-4));
    CHECK(state->difficulty == Approx(6.3574867).margin(1e-4));
    CHECK_FALSE(replayMemory(w, {}, 4).has_value());

    MemoryState manual = initialMemory(w, Rating::Again);
    const MemoryModel model(w);
    MemoryState fast = model.first(Rating::Again);
    const std::vector<std::pair<double, Rating>> steps = {
        {0, Rating::Good}, {1, Rating::Hard}, {0, Rating::Again}, {3, Rating::Easy}, {40, Rating::Again}, {900, Rating::Good}};
    for (const auto& [t, g] : steps) {
        manual = nextMemory(w, manual, t, g);
        fast = model.next(fast, t, g);
        CHECK(fast.stability == manual.stability);
        CHECK(fast.difficulty == manual.difficulty);
    }
}

TEST_CASE("replay - a card's state is a pure function of its history") {
    const Scheduler scheduler;
    std::vector<ReviewEvent> history;
    std::int64_t t = kNoon;
    for (int i = 0; i < 12; ++i) {
        history.push_back({{t, 3600}, i % 5 == 4 ? Rating::Again : Rating::Good});
        t += (i % 3 == 0 ? 600'000 : (i + 1) * kDay);
    }
    const CardState a = replayCard(scheduler, history);
    const CardState b = replayCard(scheduler, history);
    CHECK(a.dueMs == b.dueMs);
    CHECK(a.memory->stability == b.memory->stability);
    CHECK(a.reps == 12);
    CHECK(a.lapses >= 1);
    CHECK(a.lastReviewMs == history.back().at.utcMs);
    // The memory agrees with the memory-only replay: scheduling never changes S and D.
    const auto memory = replayMemory(scheduler.settings().parameters, history, 4);
    CHECK(a.memory->stability == Approx(memory->stability).epsilon(1e-12));
    CHECK(a.memory->difficulty == Approx(memory->difficulty).epsilon(1e-12));
    CHECK(replayCard(scheduler, {}).phase == CardPhase::New);
}

TEST_CASE("daily queue - learning first then reviews with new cards spread through") {
    const Scheduler scheduler;
    const Moment now{kNoon, 0};
    const std::int64_t today = studyDay(now, 4);
    std::vector<CardState> cards;
    for (int i = 0; i < 20; ++i) cards.push_back(reviewCard(today - (i % 3), 5.0 + i, today - 10));
    for (int i = 0; i < 5; ++i) cards.emplace_back();  // new
    CardState learning;
    learning.phase = CardPhase::Learning;
    learning.memory = MemoryState{1.0, 5.0};
    learning.dueMs = kNoon - 1000;
    cards.push_back(learning);
    learning.dueMs = kNoon + 3'600'000;  // not yet due
    cards.push_back(learning);
    cards.push_back(reviewCard(today + 1, 5.0, today - 1));  // due tomorrow

    DailyLimits limits;
    limits.newCards = 4;
    const auto queue = buildDailyQueue(scheduler, cards, now, limits);
    REQUIRE(queue.size() == 1 + 20 + 4);
    CHECK(queue.front() == 25);
    std::vector<std::size_t> newPositions;
    for (std::size_t k = 0; k < queue.size(); ++k)
        if (cards[queue[k]].phase == CardPhase::New) newPositions.push_back(k);
    REQUIRE(newPositions.size() == 4);
    // Spread: not bunched at either end.
    CHECK(newPositions.front() > 1);
    CHECK(newPositions.back() < queue.size() - 1);
    for (std::size_t k = 1; k < newPositions.size(); ++k) CHECK(newPositions[k] - newPositions[k - 1] >= 4);
    const std::set<std::uint32_t> unique(queue.begin(), queue.end());
    CHECK(unique.size() == queue.size());
}

TEST_CASE("daily queue - on a backlog the lowest retrievability comes first") {
    const Scheduler scheduler;
    const Moment now{kNoon, 0};
    const std::int64_t today = studyDay(now, 4);
    std::vector<CardState> cards;
    for (int i = 0; i < 300; ++i) cards.push_back(reviewCard(today - 1, 1.0 + (i * 37 % 300), today - 30));
    DailyLimits limits;
    limits.reviews = 50;
    limits.reviewsDoneToday = 10;
    limits.newCards = 0;
    const auto queue = buildDailyQueue(scheduler, cards, now, limits);
    REQUIRE(queue.size() == 40);
    double worstTaken = 0.0;
    for (const auto i : queue) worstTaken = std::max(worstTaken, scheduler.recallNow(cards[i], now));
    std::set<std::uint32_t> taken(queue.begin(), queue.end());
    for (std::uint32_t i = 0; i < cards.size(); ++i)
        if (taken.count(i) == 0) CHECK(scheduler.recallNow(cards[i], now) >= worstTaken);
    for (std::size_t k = 1; k < queue.size(); ++k)
        CHECK(scheduler.recallNow(cards[queue[k - 1]], now) <= scheduler.recallNow(cards[queue[k]], now));
}

TEST_CASE("daily queue - limits already used today leave no room") {
    const Scheduler scheduler;
    const Moment now{kNoon, 0};
    const std::int64_t today = studyDay(now, 4);
    std::vector<CardState> cards = {reviewCard(today, 3.0, today - 3), CardState{}};
    DailyLimits limits;
    limits.reviews = 5;
    limits.reviewsDoneToday = 5;
    limits.newCards = 2;
    limits.newDoneToday = 3;
    CHECK(buildDailyQueue(scheduler, cards, now, limits).empty());
}

TEST_CASE("topic queue - lowest retrievability first with due and not-due cards and new cards last") {
    const Scheduler scheduler;
    const Moment now{kNoon, 0};
    const std::int64_t today = studyDay(now, 4);
    std::vector<CardState> cards = {reviewCard(today + 30, 50.0, today - 1),  // strong, not due
                                    CardState{},                              // new
                                    reviewCard(today - 5, 2.0, today - 20),   // weak, overdue
                                    reviewCard(today + 2, 10.0, today - 8),   // middling
                                    reviewCard(today, 4.0, today - 4)};
    const std::vector<std::uint32_t> topic = {0, 1, 2, 3, 99};
    const auto queue = buildTopicQueue(scheduler, cards, topic, now);
    CHECK(queue == std::vector<std::uint32_t>{2, 3, 0, 1});
}

TEST_CASE("daily queue - siblings wait for a later day") {
    const Scheduler scheduler;
    const Moment now{kNoon, 0};
    const std::int64_t today = studyDay(now, 4);
    // Cards 0-1 are one authored card (two cloze blanks), 2-3 another, 4 stands alone.
    std::vector<CardState> cards(5);                   // all new
    const std::vector<std::uint32_t> group{0, 0, 2, 2, 4};
    DailyLimits limits;
    const auto fresh = buildDailyQueue(scheduler, cards, now, limits, {group});
    CHECK(fresh.cards == std::vector<std::uint32_t>{0, 2, 4});  // one new sibling a day

    // Two siblings due the same day: the second waits, and is counted as waiting.
    cards[0] = reviewCard(today - 1, 5.0, today - 6);
    cards[1] = reviewCard(today, 5.0, today - 5);
    const auto due = buildDailyQueue(scheduler, cards, now, limits, {group});
    CHECK(std::count(due.cards.begin(), due.cards.end(), 0u) == 1);
    CHECK(std::count(due.cards.begin(), due.cards.end(), 1u) == 0);
    CHECK(due.siblingsWaiting == 1);

    // A sibling answered today holds the other back; without the rule both come.
    cards[0] = reviewCard(today + 3, 5.0, today);
    cards[0].reps = 1;
    const auto held = buildDailyQueue(scheduler, cards, now, limits, {group});
    CHECK(std::count(held.cards.begin(), held.cards.end(), 1u) == 0);
    const auto plain = buildDailyQueue(scheduler, cards, now, limits);
    CHECK(std::count(plain.begin(), plain.end(), 1u) == 1);
}

TEST_CASE("daily queue - only the candidate cards come, indexed as given") {
    const Scheduler scheduler;
    const Moment now{kNoon, 0};
    const std::int64_t today = studyDay(now, 4);
    // Cards 0-2 due reviews, 3-5 new; 1 and 4 belong to a reference deck (not candidates).
    std::vector<CardState> cards{reviewCard(today, 5.0, today - 5), reviewCard(today, 5.0, today - 5),
                                 reviewCard(today - 1, 5.0, today - 6), CardState{}, CardState{}, CardState{}};
    const std::vector<std::uint32_t> candidates{0, 2, 3, 5};
    DailyLimits limits;
    limits.newCards = 10;
    const auto queue = buildDailyQueue(scheduler, cards, now, limits, {}, candidates);
    std::vector<std::uint32_t> sorted = queue.cards;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == candidates);
    // The oldest due review first, as without candidates.
    const auto at = [&](std::uint32_t card) { return std::find(queue.cards.begin(), queue.cards.end(), card); };
    CHECK(at(2) < at(0));

    // The sibling rule still applies between candidates, with groups over all the cards.
    const std::vector<std::uint32_t> group{0, 1, 0, 3, 4, 3};
    const auto apart = buildDailyQueue(scheduler, cards, now, limits, {group}, candidates);
    CHECK(std::count(apart.cards.begin(), apart.cards.end(), 0u) + std::count(apart.cards.begin(), apart.cards.end(), 2u) == 1);
    CHECK(apart.siblingsWaiting == 1);
    CHECK(std::count(apart.cards.begin(), apart.cards.end(), 3u) + std::count(apart.cards.begin(), apart.cards.end(), 5u) == 1);
}
