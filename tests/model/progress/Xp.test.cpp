#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/Xp.hpp>
#include <attune/model/save/Settings.hpp>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

scheduler::CardState replay(const scheduler::Scheduler& s, const std::vector<scheduler::ReviewEvent>& events) {
    return scheduler::replayCard(s, events);
}

ReviewRecord record(std::int64_t ms, Rating rating, ReviewKind kind = ReviewKind::Review) {
    ReviewRecord r;
    r.deckId = "d";
    r.cardId = "c";
    r.utcMs = ms;
    r.rating = rating;
    r.kind = kind;
    return r;
}

}  // namespace

TEST_CASE("xp - a new card learned earns a fixed amount") {
    const XpRules rules;
    scheduler::CardState before;
    scheduler::CardState after;
    after.phase = scheduler::CardPhase::Review;
    CHECK(baseXp(rules, before, after, Rating::Easy, true) == rules.newCardLearned);
    // A learning step that does not graduate earns the small step amount.
    after.phase = scheduler::CardPhase::Learning;
    CHECK(baseXp(rules, before, after, Rating::Good, false) == rules.learningStep);
    CHECK(rules.learningStep < rules.newCardLearned);
}

TEST_CASE("xp - a well-timed review earns more than re-answering a card already known") {
    const scheduler::Scheduler s(schedulerSettingsFor(Settings{}, scheduler::Parameters::defaults()));
    const auto learned = test::at("2026-03-01T10:00:00Z");
    const scheduler::CardState known = replay(s, {{learned, Rating::Easy}});
    REQUIRE(known.phase == scheduler::CardPhase::Review);
    REQUIRE(known.memory);
    const XpRules rules;

    // Reviewed when due (recall near 90 %): stability grows a lot.
    const scheduler::Moment due{learned.utcMs + static_cast<std::int64_t>(known.scheduledDays) * 86400000, 0};
    const auto onTime = replay(s, {{learned, Rating::Easy}, {due, Rating::Good}});
    // Re-answered the next day, while it is still fresh: stability barely grows.
    const scheduler::Moment early{learned.utcMs + 86400000, 0};
    const auto tooEarly = replay(s, {{learned, Rating::Easy}, {early, Rating::Good}});

    const int xpOnTime = baseXp(rules, known, onTime, Rating::Good, false);
    const int xpEarly = baseXp(rules, known, tooEarly, Rating::Good, false);
    CHECK(xpOnTime > xpEarly);
    CHECK(xpEarly >= rules.reviewBase);
    CHECK(xpOnTime <= rules.reviewMaximum);
    // Forgetting earns only the effort point.
    const auto lapsed = replay(s, {{learned, Rating::Easy}, {due, Rating::Again}});
    CHECK(baseXp(rules, known, lapsed, Rating::Again, false) == rules.lapse);
}

TEST_CASE("xp - the combo multiplier grows every five right answers and is capped") {
    const XpRules rules;
    CHECK(comboMultiplier(rules, 0) == Approx(1.0));
    CHECK(comboMultiplier(rules, 4) == Approx(1.0));
    CHECK(comboMultiplier(rules, 5) == Approx(1.1));
    CHECK(comboMultiplier(rules, 10) == Approx(1.2));
    CHECK(comboMultiplier(rules, 25) == Approx(rules.comboMaximum));
    CHECK(comboMultiplier(rules, 500) == Approx(rules.comboMaximum));
}

TEST_CASE("xp - the ledger applies the combo and an Again or a long pause resets it") {
    XpLedger ledger;
    scheduler::CardState before;
    scheduler::CardState after;
    after.phase = scheduler::CardPhase::Review;
    std::int64_t t = 1'000'000;
    int earned = 0;
    for (int i = 0; i < 5; ++i) earned = ledger.add(record(t += 10'000, Rating::Good), before, after, true, 1);
    CHECK(ledger.combo() == 5);
    CHECK(earned == 11);  // 10 x 1.1 on the fifth right answer in a row
    ledger.add(record(t += 10'000, Rating::Again), before, after, false, 1);
    CHECK(ledger.combo() == 0);
    ledger.add(record(t += 10'000, Rating::Good), before, after, true, 1);
    CHECK(ledger.combo() == 1);
    ledger.add(record(t += 2 * 60 * 60 * 1000, Rating::Good), before, after, true, 1);
    CHECK(ledger.combo() == 1);  // a new sitting starts a new combo
}

TEST_CASE("xp - cram and imported answers earn nothing and leave the combo alone") {
    XpLedger ledger;
    scheduler::CardState before;
    scheduler::CardState after;
    after.phase = scheduler::CardPhase::Review;
    ledger.add(record(1000, Rating::Good), before, after, true, 7);
    const auto total = ledger.total();
    CHECK(ledger.add(record(2000, Rating::Good, ReviewKind::Cram), before, after, true, 7) == 0);
    CHECK(ledger.add(record(3000, Rating::Good, ReviewKind::Imported), before, after, true, 7) == 0);
    CHECK(ledger.total() == total);
    CHECK(ledger.combo() == 1);
    CHECK(ledger.xpOnDay(7) == total);
    CHECK(ledger.xpOnDay(8) == 0);
}

TEST_CASE("xp - levels follow a gentle curve") {
    CHECK(levelForXp(0).level == 1);
    CHECK(levelForXp(99).level == 1);
    CHECK(levelForXp(100).level == 2);
    CHECK(levelForXp(100).xpIntoLevel == 0);
    CHECK(levelForXp(100).xpForNext == 125);
    CHECK(xpAtLevelStart(3) == 225);
    CHECK(levelForXp(224).level == 2);
    CHECK(levelForXp(225).level == 3);
    // Each level costs a little more than the last, never a lot more.
    for (int level = 2; level < 60; ++level) {
        const auto span = xpAtLevelStart(level + 1) - xpAtLevelStart(level);
        const auto previous = xpAtLevelStart(level) - xpAtLevelStart(level - 1);
        CHECK(span > previous);
        CHECK(span <= previous + 25);
    }
    CHECK(levelForXp(-5).level == 1);
}

TEST_CASE("xp - the daily goal is 50 XP unless the player sets it") {
    CHECK(Settings{}.dailyGoalXp == 50);
    Deck deck = test::basicDeck("d", {10});
    std::vector<ReviewRecord> log;
    for (int i = 1; i <= 5; ++i)
        log.push_back(test::answer("d", "t1-" + std::to_string(i), test::later(test::at("2026-03-02T10:00:00Z"), i * 1000),
                                   Rating::Easy, ReviewKind::Learn));
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = test::at("2026-03-02T12:00:00Z");
    const auto progress = computeProgress(input);
    CHECK(progress.xpToday() == 51);  // 4 x 10 + 10 x 1.1
    CHECK(progress.streak.todayCounts);
    input.settings.dailyGoalXp = 60;
    CHECK_FALSE(computeProgress(input).streak.todayCounts);
}
