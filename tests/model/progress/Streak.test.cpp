#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/Streak.hpp>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

StudyDayFacts studied(std::int64_t day, int xp) {
    StudyDayFacts f;
    f.day = day;
    f.xp = xp;
    f.studied = true;
    f.reviewsDue = 20;
    f.newCardsLeft = 50;
    f.countedAtMs = day * 86400000;
    return f;
}

StudyDayFacts absent(std::int64_t day) {
    StudyDayFacts f;
    f.day = day;
    f.reviewsDue = 20;
    f.reviewsLeftUndone = 20;
    f.newCardsLeft = 50;
    return f;
}

StudyDayFacts neutral(std::int64_t day) {
    StudyDayFacts f;
    f.day = day;
    return f;
}

// Days 100.. with a goal day for every 'x', an absent day for '.', a neutral day for 'n'.
std::vector<StudyDayFacts> days(const std::string& pattern) {
    std::vector<StudyDayFacts> out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::int64_t day = 100 + static_cast<std::int64_t>(i);
        if (pattern[i] == 'x') out.push_back(studied(day, 60));
        if (pattern[i] == '.') out.push_back(absent(day));
        if (pattern[i] == 'n') out.push_back(neutral(day));
    }
    return out;
}

std::int64_t lastDay(const std::string& pattern) { return 100 + static_cast<std::int64_t>(pattern.size()) - 1; }

// A course of `cards` cards, one new card learned (Easy: 10 XP) per listed moment, goal 10 XP.
struct Course {
    Deck deck;
    std::vector<ReviewRecord> log;
    int next = 1;
    explicit Course(int cards) : deck(test::basicDeck("d", {cards})) {}
    void learnOne(scheduler::Moment when) {
        log.push_back(test::answer("d", "t1-" + std::to_string(next++), when, Rating::Easy, ReviewKind::Learn));
    }
    void learnOne(const std::string& iso) { learnOne(test::at(iso)); }
    CourseProgress progress(scheduler::Moment now) const {
        CourseInput input;
        input.decks = std::span<const Deck>(&deck, 1);
        input.reviews = log;
        input.settings.dailyGoalXp = 10;
        input.now = now;
        return computeProgress(input);
    }
    CourseProgress progress(const std::string& iso) const { return progress(test::at(iso)); }
};

}  // namespace

TEST_CASE("streak - consecutive goal days extend the streak") {
    const auto streak = computeStreak(days("xxxx"), lastDay("xxxx"), {});
    CHECK(streak.current == 4);
    CHECK(streak.longest == 4);
    CHECK(streak.todayCounts);
}

TEST_CASE("streak - a day below the goal with work left does not count") {
    auto facts = days("xx");
    facts.push_back(studied(102, 20));
    facts.back().reviewsLeftUndone = 5;
    facts.push_back(studied(103, 60));
    const auto streak = computeStreak(facts, 103, {});
    CHECK(streak.current == 1);
    CHECK(streak.longest == 2);
}

TEST_CASE("streak - a diligent day counts when every card due was answered") {
    StudyDayFacts day = studied(100, 20);
    day.reviewsDue = 3;
    day.reviewsLeftUndone = 0;
    CHECK(dayCounts(day, {}));
    day.reviewsLeftUndone = 1;
    CHECK_FALSE(dayCounts(day, {}));
    // Six reviews worth 45 XP, all done: below the goal, and still a day that counts.
    day.reviewsDue = 6;
    day.xp = 45;
    day.reviewsLeftUndone = 0;
    CHECK(dayCounts(day, {}));
    // Nothing was due: only the goal makes the day count.
    day.reviewsDue = 0;
    CHECK_FALSE(dayCounts(day, {}));
}

TEST_CASE("streak - today not yet studied leaves the streak standing") {
    const auto streak = computeStreak(days("xxx"), lastDay("xxx") + 1, {});
    CHECK(streak.current == 3);
    CHECK_FALSE(streak.todayCounts);
    CHECK(streak.days.back().outcome == DayOutcome::Pending);
}

TEST_CASE("streak - a missed day without a freeze breaks the streak") {
    const auto streak = computeStreak(days("xxx.x"), lastDay("xxx.x"), {});
    CHECK(streak.current == 1);
    CHECK(streak.longest == 3);
    CHECK(streak.freezesUsed == 0);
    CHECK(streak.days[3].outcome == DayOutcome::Missed);
}

TEST_CASE("streak - a missed day consumes a freeze earned by seven days of streak") {
    const std::string pattern = "xxxxxxx.x";
    const auto streak = computeStreak(days(pattern), lastDay(pattern), {});
    CHECK(streak.days[7].outcome == DayOutcome::Frozen);
    CHECK(streak.current == 8);  // the frozen day keeps the streak but does not add to it
    CHECK(streak.freezesUsed == 1);
    CHECK(streak.freezesHeld == 0);
}

TEST_CASE("streak - two missed days with one freeze break the streak") {
    const std::string pattern = "xxxxxxx..x";
    const auto streak = computeStreak(days(pattern), lastDay(pattern), {});
    CHECK(streak.days[7].outcome == DayOutcome::Frozen);
    CHECK(streak.days[8].outcome == DayOutcome::Missed);
    CHECK(streak.current == 1);
    CHECK(streak.longest == 7);
}

TEST_CASE("streak - freezes are earned one per seven days and at most two are held") {
    CHECK(computeStreak(days("xxxxxx"), 105, {}).freezesHeld == 0);
    CHECK(computeStreak(days("xxxxxxx"), 106, {}).freezesHeld == 1);
    CHECK(computeStreak(days(std::string(14, 'x')), 113, {}).freezesHeld == 2);
    CHECK(computeStreak(days(std::string(35, 'x')), 134, {}).freezesHeld == 2);
}

TEST_CASE("streak - a neutral day neither breaks nor extends the streak") {
    const auto streak = computeStreak(days("xxnnx"), lastDay("xxnnx"), {});
    CHECK(streak.current == 3);
    CHECK(streak.days[2].outcome == DayOutcome::Neutral);
    CHECK(streak.freezesUsed == 0);
}

TEST_CASE("streak - days nobody recorded count as missed") {
    auto facts = days("xx");
    facts.push_back(studied(105, 60));
    const auto streak = computeStreak(facts, 105, {});
    CHECK(streak.current == 1);
}

TEST_CASE("streak - the first time each length was reached is kept for achievements") {
    const auto streak = computeStreak(days("xxx.xxxx"), lastDay("xxx.xxxx"), {});
    REQUIRE(streak.countedDayReachedAtMs.size() == 4);
    CHECK(streak.countedDayReachedAtMs[0] == 100 * 86400000LL);
    CHECK(streak.countedDayReachedAtMs[3] == 107 * 86400000LL);
}

TEST_CASE("streak - an answer at 00:30 before a 04:00 day start belongs to the day before") {
    Course course(50);
    course.learnOne("2026-03-08T20:00:00+01:00");
    course.learnOne("2026-03-10T00:30:00+01:00");  // still the study day of March 9
    const auto progress = course.progress("2026-03-10T02:00:00+01:00");
    CHECK(scheduler::studyDay(test::at("2026-03-10T00:30:00+01:00"), 4) ==
          scheduler::studyDay(test::at("2026-03-09T12:00:00+01:00"), 4));
    CHECK(progress.streak.current == 2);
    CHECK(progress.streak.todayCounts);
    // After 04:00 a new day begins and it has not been studied yet.
    const auto morning = course.progress("2026-03-10T09:00:00+01:00");
    CHECK(morning.streak.current == 2);
    CHECK_FALSE(morning.streak.todayCounts);
}

TEST_CASE("streak - a trip from UTC+9 to UTC-5 neither breaks nor double-counts a day") {
    Course course(50);
    course.learnOne("2026-03-08T20:00:00+09:00");
    course.learnOne("2026-03-09T20:00:00+09:00");
    course.learnOne("2026-03-10T09:00:00+09:00");  // Tokyo, the morning of the 10th, then the flight
    course.learnOne("2026-03-10T20:00:00-05:00");  // New York: the 10th again
    course.learnOne("2026-03-11T20:00:00-05:00");
    const auto progress = course.progress("2026-03-11T21:00:00-05:00");
    CHECK(progress.streak.current == 4);  // the 8th, 9th, 10th and 11th: the 10th once
    CHECK(progress.streak.longest == 4);
    CHECK(progress.streak.freezesUsed == 0);
    CHECK(progress.xpToday() == 10);
    // Both answers of the 10th went to the same study day.
    CHECK(progress.xp.xpOnDay(scheduler::studyDay(test::at("2026-03-10T12:00:00+09:00"), 4)) == 20);
}

TEST_CASE("streak - a trip from UTC-5 to UTC+9 that skips a calendar day does not break the streak") {
    Course course(50);
    course.learnOne("2026-03-08T20:00:00-05:00");
    course.learnOne("2026-03-09T20:00:00-05:00");  // then a 14-hour flight: the 10th is never seen locally
    course.learnOne("2026-03-11T20:00:00+09:00");
    const auto progress = course.progress("2026-03-11T22:00:00+09:00");
    CHECK(progress.streak.current == 3);
    CHECK(progress.streak.freezesUsed == 0);
    const auto& skipped = progress.streak.days[2];
    CHECK(skipped.outcome == DayOutcome::Travel);
    // The same gap without a trip is a missed day.
    Course home(50);
    home.learnOne("2026-03-08T20:00:00-05:00");
    home.learnOne("2026-03-09T20:00:00-05:00");
    home.learnOne("2026-03-11T20:00:00-05:00");
    CHECK(home.progress("2026-03-11T22:00:00-05:00").streak.current == 1);
}

TEST_CASE("streak - a DST change neither breaks nor double-counts a day") {
    SECTION("spring forward") {
        Course course(50);
        course.learnOne("2026-03-28T21:00:00+01:00");
        course.learnOne("2026-03-29T21:00:00+02:00");
        course.learnOne("2026-03-30T21:00:00+02:00");
        const auto progress = course.progress("2026-03-30T22:00:00+02:00");
        CHECK(progress.streak.current == 3);
        CHECK(progress.streak.freezesUsed == 0);
    }
    SECTION("fall back: the hour 03:00-04:00 happens twice and stays in one study day") {
        Course course(50);
        course.learnOne("2026-10-24T20:00:00+02:00");
        course.learnOne("2026-10-25T03:30:00+02:00");  // before the clocks go back
        course.learnOne("2026-10-25T03:30:00+01:00");  // the same wall-clock time an hour later
        course.learnOne("2026-10-25T20:00:00+01:00");
        const auto progress = course.progress("2026-10-25T21:00:00+01:00");
        CHECK(progress.streak.current == 2);
        CHECK(progress.streak.days.size() == 2);
        CHECK(progress.xp.xpOnDay(progress.today - 1) >= 30);
    }
}

TEST_CASE("streak - the clock set back a day neither breaks nor double-counts") {
    Course course(50);
    course.learnOne("2026-03-08T20:00:00Z");
    course.learnOne("2026-03-09T20:00:00Z");
    course.learnOne("2026-03-10T20:00:00Z");
    // The answer dated "tomorrow" waits for its time (an answer from the future must not move
    // "today" forward: a clock far ahead would break the streak), and the streak stands.
    const auto setBack = course.progress("2026-03-09T21:00:00Z");
    CHECK(setBack.streak.current == 2);
    CHECK(setBack.today == scheduler::studyDay(test::at("2026-03-09T21:00:00Z"), 4));
    // Studying on the set-back clock adds to a day that already counts.
    course.learnOne("2026-03-09T21:30:00Z");
    CHECK(course.progress("2026-03-09T22:00:00Z").streak.current == 2);
    // When the clock reaches the answer's day, it counts.
    CHECK(course.progress("2026-03-10T20:30:00Z").streak.current == 3);
    course.learnOne("2026-03-11T20:00:00Z");
    CHECK(course.progress("2026-03-11T21:00:00Z").streak.current == 4);
}

TEST_CASE("streak - missed days in a real log use freezes when held") {
    SECTION("with a freeze") {
        Course course(50);
        for (int d = 1; d <= 7; ++d) course.learnOne("2026-04-0" + std::to_string(d) + "T18:00:00Z");
        course.learnOne("2026-04-09T18:00:00Z");  // the 8th was missed
        const auto progress = course.progress("2026-04-09T19:00:00Z");
        CHECK(progress.streak.current == 8);
        CHECK(progress.streak.freezesUsed == 1);
        CHECK(progress.streak.freezesHeld == 0);
    }
    SECTION("without a freeze") {
        Course course(50);
        for (int d = 1; d <= 5; ++d) course.learnOne("2026-04-0" + std::to_string(d) + "T18:00:00Z");
        course.learnOne("2026-04-07T18:00:00Z");
        const auto progress = course.progress("2026-04-07T19:00:00Z");
        CHECK(progress.streak.current == 1);
        CHECK(progress.streak.longest == 5);
    }
}

TEST_CASE("streak - a day with nothing due and no new cards left is neutral in a real log") {
    // Two cards, both learned: nothing is due for days and nothing new is left.
    Course course(2);
    course.learnOne("2026-05-01T18:00:00Z");
    course.learnOne("2026-05-02T18:00:00Z");
    const auto progress = course.progress("2026-05-04T19:00:00Z");
    CHECK(progress.streak.current == 2);
    CHECK(progress.streak.days[2].outcome == DayOutcome::Neutral);
    // With a card still new, the same gap is a missed day.
    Course bigger(3);
    bigger.learnOne("2026-05-01T18:00:00Z");
    bigger.learnOne("2026-05-02T18:00:00Z");
    CHECK(bigger.progress("2026-05-04T19:00:00Z").streak.current == 0);
}

TEST_CASE("streak - a light day in a real log counts when everything due was reviewed") {
    Deck deck = test::basicDeck("d", {2});
    std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-05-01T18:00:00Z", Rating::Easy, ReviewKind::Learn)};
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.settings.dailyGoalXp = 50;
    // Find the day the card is due, then review it that day.
    input.reviews = log;
    input.now = test::at("2026-05-01T19:00:00Z");
    const auto learned = computeProgress(input);
    const std::int64_t dueDay = learned.states[0].dueDay;
    const scheduler::Moment dueMoment{(dueDay * 86400 + 18 * 3600) * 1000, 0};
    input.now = test::later(dueMoment, -3600000);
    const auto before = computeProgress(input);
    CHECK(before.dueToday == 1);
    CHECK_FALSE(before.streak.todayCounts);
    log.push_back(test::answer("d", "t1-1", dueMoment, Rating::Good));
    input.reviews = log;
    input.now = test::later(dueMoment, 60000);
    const auto after = computeProgress(input);
    CHECK(after.xpToday() < 50);
    CHECK(after.streak.todayCounts);
    CHECK(after.streak.current == 1);
    CHECK(after.days.back().reviewsDue == 1);
    CHECK(after.days.back().reviewsLeftUndone == 0);
}
