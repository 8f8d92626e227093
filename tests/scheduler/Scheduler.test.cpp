// Card scheduling: learning steps, button order, fuzz, load balancing, the study day
// (the FSRS-6 scheduling rules as fsrs-rs and Anki apply them).
#include "catch.hpp"

#include <attune/scheduler/Scheduler.hpp>

#include <map>
#include <set>
#include <vector>

using namespace attune::scheduler;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 86'400'000;

// 2022-11-29 12:30 UTC
constexpr std::int64_t kStart = 1669725000000;

SchedulerSettings noFuzz() {
    SchedulerSettings s;
    s.fuzz = false;
    return s;
}

Parameters w5() {
    const std::vector<double> v = {0.40255, 1.18385, 3.173,  15.69105, 7.1949,  0.5345,  1.4604,
                                   0.0046,  1.54575, 0.1192, 1.01925,  1.9395,  0.11,    0.29605,
                                   2.2698,  0.2315,  2.9898, 0.51655,  0.6621};
    return *Parameters::fromValues(v);
}

struct Step {
    CardState card;
    int days;
};

// Answers each rating exactly when the card falls due, as the published tests do.
std::vector<Step> reviewAtDue(const Scheduler& scheduler, const std::vector<int>& ratings, std::int64_t startMs) {
    std::vector<Step> out;
    CardState card;
    Moment now{startMs, 0};
    for (int g : ratings) {
        card = scheduler.answer(card, static_cast<Rating>(g), now, 7);
        out.push_back({card, card.scheduledDays});
        now.utcMs = card.dueMs;
    }
    return out;
}

const std::vector<int> kIvlRatings = {3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3};

struct MapLoad final : DueLoad {
    std::map<std::int64_t, int> counts;
    int reviewsDueOn(std::int64_t day) const override {
        const auto it = counts.find(day);
        return it == counts.end() ? 0 : it->second;
    }
};

}  // namespace

TEST_CASE("scheduler - ivl history with default learning steps") {
    const Scheduler scheduler(noFuzz());
    const auto steps = reviewAtDue(scheduler, kIvlRatings, kStart);
    const std::vector<int> expected = {0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21};
    const std::vector<std::pair<double, double>> memory = {
        {2.3065, 2.1181},  {2.3065, 2.1112},  {10.971, 2.1043},   {46.3169, 2.0975}, {162.9998, 2.0906},
        {497.8766, 2.0837}, {6.8904, 7.3832}, {2.1546, 9.1251},   {2.1546, 9.1112},  {3.9831, 9.0973},
        {7.2363, 9.0835},  {12.483, 9.0696},  {20.7704, 9.0558}};
    const std::vector<CardPhase> phases = {CardPhase::Learning, CardPhase::Review, CardPhase::Review,
                                           CardPhase::Review,   CardPhase::Review, CardPhase::Review,
                                           CardPhase::Relearning, CardPhase::Relearning, CardPhase::Review,
                                           CardPhase::Review,   CardPhase::Review, CardPhase::Review,
                                           CardPhase::Review};
    REQUIRE(steps.size() == expected.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("review " << i);
        CHECK(steps[i].days == expected[i]);
        CHECK(steps[i].card.memory->stability == Approx(memory[i].first).margin(1e-4));
        CHECK(steps[i].card.memory->difficulty == Approx(memory[i].second).margin(1e-4));
        CHECK(steps[i].card.phase == phases[i]);
    }
    CHECK(steps.back().card.lapses == 1);
    CHECK(steps.back().card.reps == 13);
}

TEST_CASE("scheduler - ivl history with FSRS-5 defaults") {
    SchedulerSettings settings = noFuzz();
    settings.parameters = w5();
    const auto steps = reviewAtDue(Scheduler(settings), kIvlRatings, kStart);
    const std::vector<int> expected = {0, 4, 14, 44, 125, 328, 0, 0, 7, 16, 34, 71, 142};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("review " << i);
        CHECK(steps[i].days == expected[i]);
    }
}

TEST_CASE("scheduler - long-term scheduling without learning steps") {
    SchedulerSettings settings = noFuzz();
    settings.learningStepsSeconds.clear();
    settings.relearningStepsSeconds.clear();
    settings.enableShortTerm = false;
    const auto steps = reviewAtDue(Scheduler(settings), kIvlRatings, kStart);
    const std::vector<int> days = {3, 14, 57, 196, 586, 1559, 10, 1, 3, 5, 9, 15, 25};
    const std::vector<double> s = {2.3065,  13.8269, 56.9567, 196.2353, 586.4835, 1559.3567, 9.8832,
                                   1.3527,  2.392,   4.8562,  8.7624,   15.186,   25.1362};
    const std::vector<double> d = {2.1181, 2.1112, 2.1043, 2.0975, 2.0906, 2.0837, 7.3832,
                                   9.1251, 9.1112, 9.0973, 9.0835, 9.0696, 9.0558};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO("review " << i);
        CHECK(steps[i].days == days[i]);
        CHECK(steps[i].card.memory->stability == Approx(s[i]).margin(1e-4));
        CHECK(steps[i].card.memory->difficulty == Approx(d[i]).margin(1e-4));
        CHECK(steps[i].card.phase == CardPhase::Review);
    }
}

TEST_CASE("scheduler - reschedule from real review times") {
    // 2024-09-13, 2024-09-13, 2024-09-17, 2024-09-28 at 00:00 UTC
    const std::vector<std::int64_t> times = {1726185600000, 1726185600000, 1726531200000, 1727481600000};
    const std::vector<double> s = {2.3065, 2.3065, 16.1880, 52.7633};
    const std::vector<double> d = {2.1181, 2.1112, 2.1043, 2.0975};
    auto run = [&](SchedulerSettings settings, const std::vector<int>& days) {
        const Scheduler scheduler(settings);
        CardState card;
        for (std::size_t i = 0; i < times.size(); ++i) {
            INFO("review " << i);
            card = scheduler.answer(card, Rating::Good, {times[i], 0}, 1);
            CHECK(card.scheduledDays == days[i]);
            CHECK(card.memory->stability == Approx(s[i]).margin(1e-4));
            CHECK(card.memory->difficulty == Approx(d[i]).margin(1e-4));
        }
    };
    run(noFuzz(), {0, 2, 16, 53});
    SchedulerSettings longTerm = noFuzz();
    longTerm.learningStepsSeconds.clear();
    longTerm.relearningStepsSeconds.clear();
    longTerm.enableShortTerm = false;
    run(longTerm, {3, 3, 16, 53});
}

TEST_CASE("scheduler - first answer on a new card") {
    const Scheduler scheduler(noFuzz());
    const Moment now{kStart, 0};
    const auto outcomes = scheduler.preview(CardState{}, now, 3);
    const std::vector<double> s = {0.212, 1.2931, 2.3065, 8.2956};
    const std::vector<double> d = {6.4133, 5.11217071, 2.11810397, 1.0};
    const std::vector<int> days = {0, 0, 0, 8};
    const std::vector<CardPhase> phases = {CardPhase::Learning, CardPhase::Learning, CardPhase::Learning,
                                           CardPhase::Review};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(outcomes[i].memory->stability == Approx(s[i]).margin(1e-4));
        CHECK(outcomes[i].memory->difficulty == Approx(d[i]).margin(1e-4));
        CHECK(outcomes[i].scheduledDays == days[i]);
        CHECK(outcomes[i].phase == phases[i]);
    }
    // Retrievability at the due date: 90.25 % after Easy, 1 on the same day otherwise.
    CHECK(scheduler.recallNow(outcomes[3], {outcomes[3].dueMs, 0}) == Approx(0.9024733).margin(1e-6));
    for (std::size_t i = 0; i < 3; ++i) CHECK(scheduler.recallNow(outcomes[i], {outcomes[i].dueMs, 0}) == 1.0);
    CHECK(scheduler.recallNow(CardState{}, now) == 0.0);
}

TEST_CASE("scheduler - first answer on a new card with FSRS-5 defaults") {
    SchedulerSettings settings = noFuzz();
    settings.parameters = w5();
    const auto outcomes = Scheduler(settings).preview(CardState{}, {kStart, 0}, 0);
    const std::vector<double> s = {0.40255, 1.18385, 3.173, 15.69105};
    const std::vector<double> d = {7.1949, 6.48830527, 5.28243442, 3.22450159};
    const std::vector<int> days = {0, 0, 0, 16};
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(outcomes[i].memory->stability == Approx(s[i]).margin(1e-4));
        CHECK(outcomes[i].memory->difficulty == Approx(d[i]).margin(1e-4));
        CHECK(outcomes[i].scheduledDays == days[i]);
    }
}

TEST_CASE("scheduler - ten Easy answers at the same moment reach difficulty 1") {
    const Scheduler scheduler(noFuzz());
    CardState card;
    for (int i = 0; i < 10; ++i) card = scheduler.answer(card, Rating::Easy, {kStart + i, 0}, 0);
    CHECK(card.memory->difficulty == 1.0);
}

TEST_CASE("scheduler - retrievability at each due date") {
    const Scheduler scheduler(noFuzz());
    CardState card = scheduler.answer(CardState{}, Rating::Good, {kStart, 0}, 0);
    CHECK(scheduler.recallNow(card, {card.dueMs, 0}) == 1.0);
    card = scheduler.answer(card, Rating::Good, {card.dueMs, 0}, 0);
    CHECK(card.scheduledDays == 2);
    CHECK(scheduler.recallNow(card, {card.dueMs, 0}) == Approx(0.9095).margin(1e-4));
    card = scheduler.answer(card, Rating::Good, {card.dueMs, 0}, 0);
    CHECK(card.scheduledDays == 11);
    CHECK(scheduler.recallNow(card, {card.dueMs, 0}) == Approx(0.8998).margin(1e-4));
}

TEST_CASE("scheduler - learning step timing") {
    const Moment now{kStart, 0};
    SECTION("default steps 1m 10m") {
        const Scheduler scheduler(noFuzz());
        const auto first = scheduler.preview(CardState{}, now, 0);
        CHECK(first[0].phase == CardPhase::Learning);
        CHECK(first[0].step == 0);
        CHECK(scheduler.waitMs(first[0], now) == kMinute);
        CHECK(first[1].step == 0);
        CHECK(scheduler.waitMs(first[1], now) == 5 * kMinute + 30'000);
        CHECK(first[2].step == 1);
        CHECK(scheduler.waitMs(first[2], now) == 10 * kMinute);
        CHECK(first[3].phase == CardPhase::Review);
        CHECK(scheduler.waitMs(first[3], now) >= kDay);
        const Moment later{first[2].dueMs, 0};
        const auto second = scheduler.preview(first[2], later, 0);
        CHECK(scheduler.waitMs(second[1], later) == 10 * kMinute);  // Hard repeats the current step
        CHECK(second[2].phase == CardPhase::Review);
        CHECK(scheduler.waitMs(second[2], later) >= kDay);
    }
    SECTION("one learning step of 10m") {
        SchedulerSettings settings = noFuzz();
        settings.learningStepsSeconds = {600};
        const Scheduler scheduler(settings);
        CHECK(scheduler.waitMs(scheduler.answer(CardState{}, Rating::Hard, now, 0), now) == 15 * kMinute);
    }
    SECTION("review lapse and relearning") {
        const Scheduler scheduler(noFuzz());
        CardState card = scheduler.answer(CardState{}, Rating::Easy, now, 0);
        Moment t{card.dueMs, 0};
        card = scheduler.answer(card, Rating::Again, t, 0);
        CHECK(card.phase == CardPhase::Relearning);
        CHECK(card.lapses == 1);
        CHECK(scheduler.waitMs(card, t) == 10 * kMinute);
        t.utcMs = card.dueMs;
        card = scheduler.answer(card, Rating::Again, t, 0);
        CHECK(card.phase == CardPhase::Relearning);
        CHECK(scheduler.waitMs(card, t) == 10 * kMinute);
        t.utcMs = card.dueMs;
        card = scheduler.answer(card, Rating::Good, t, 0);
        CHECK(card.phase == CardPhase::Review);
        CHECK(scheduler.waitMs(card, t) >= kDay);
    }
    SECTION("relearning steps 1m 10m") {
        SchedulerSettings settings = noFuzz();
        settings.relearningStepsSeconds = {60, 600};
        const Scheduler scheduler(settings);
        CardState card = scheduler.answer(CardState{}, Rating::Easy, now, 0);
        Moment t{card.dueMs, 0};
        card = scheduler.answer(card, Rating::Again, t, 0);
        const auto atStep0 = scheduler.preview(card, t, 0);
        CHECK(scheduler.waitMs(atStep0[1], t) == 5 * kMinute + 30'000);
        CHECK(atStep0[2].step == 1);
        CHECK(atStep0[3].phase == CardPhase::Review);
        const auto atStep1 = scheduler.preview(atStep0[2], t, 0);
        CHECK(scheduler.waitMs(atStep1[1], t) == 10 * kMinute);
    }
}

TEST_CASE("scheduler - stability never falls below its floor") {
    const Scheduler scheduler(noFuzz());
    CardState card = scheduler.answer(CardState{}, Rating::Again, {kStart, 0}, 0);
    std::int64_t t = kStart;
    for (int i = 0; i < 1000; ++i) {
        t = std::max(t, card.dueMs) + kDay;
        card = scheduler.answer(card, Rating::Again, {t, 0}, 0);
        REQUIRE(card.memory->stability >= kMinimumStability);
    }
}

TEST_CASE("scheduler - button intervals are ordered") {
    SchedulerSettings settings;
    settings.fuzz = true;
    const Scheduler scheduler(settings);
    SchedulerSettings longTermSettings = settings;
    longTermSettings.learningStepsSeconds.clear();
    longTermSettings.relearningStepsSeconds.clear();
    longTermSettings.enableShortTerm = false;
    const Scheduler longTerm(longTermSettings);
    SchedulerSettings longStepSettings = settings;
    longStepSettings.learningStepsSeconds = {86400, 3 * 86400};
    longStepSettings.relearningStepsSeconds = {2 * 86400};
    const Scheduler longSteps(longStepSettings);
    for (const Scheduler* s : {&scheduler, &longTerm, &longSteps}) {
        CardState card;
        std::int64_t t = kStart;
        for (int i = 0; i < 200; ++i) {
            const Moment now{t, 0};
            const auto outcomes = s->preview(card, now, static_cast<std::uint64_t>(i) * 977);
            for (std::size_t b = 1; b < 4; ++b) REQUIRE(s->waitMs(outcomes[b - 1], now) <= s->waitMs(outcomes[b], now));
            card = outcomes[static_cast<std::size_t>(i * 7 % 4)];
            t = card.dueMs + (i % 3) * kDay;
        }
    }
}

TEST_CASE("scheduler - fuzz stays in its range and repeats for the same seed") {
    SchedulerSettings settings;
    settings.learningStepsSeconds.clear();
    const Scheduler fuzzed(settings);
    const Scheduler plain(noFuzz());
    const Moment now{kStart, 0};
    // A review card with enough stability for a long Good interval.
    CardState card = plain.answer(CardState{}, Rating::Easy, now, 0);
    const Moment due{card.dueMs, 0};
    const int base = plain.answer(card, Rating::Good, due, 0).scheduledDays;
    REQUIRE(base > 20);
    const auto [lo, hi] = fuzzRange(base, 36500);
    CHECK(lo < base);
    CHECK(hi > base);
    std::set<int> seen;
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        const int days = fuzzed.answer(card, Rating::Good, due, seed).scheduledDays;
        REQUIRE(days >= lo);
        REQUIRE(days <= hi);
        REQUIRE(fuzzed.answer(card, Rating::Good, due, seed).scheduledDays == days);
        seen.insert(days);
    }
    CHECK(static_cast<int>(seen.size()) == hi - lo + 1);
    CHECK(fuzzRange(2.0, 36500) == std::pair<int, int>{2, 2});
    CHECK(fuzzRange(3.0, 36500) == std::pair<int, int>{2, 4});
    CHECK(fuzzRange(100.0, 36500) == std::pair<int, int>{93, 107});
    CHECK(fuzzRange(100.0, 101) == std::pair<int, int>{93, 101});
}

TEST_CASE("scheduler - load balancing picks the least loaded day of the fuzz range") {
    SchedulerSettings settings;
    const Scheduler scheduler(settings);
    const Scheduler plain(noFuzz());
    const Moment now{kStart, 0};
    CardState card = plain.answer(CardState{}, Rating::Easy, now, 0);
    const Moment due{card.dueMs, 0};
    const int base = plain.answer(card, Rating::Good, due, 0).scheduledDays;
    const auto [lo, hi] = fuzzRange(base, 36500);
    const std::int64_t today = studyDay(due, 4);
    MapLoad load;
    for (int d = lo; d <= hi; ++d) load.counts[today + d] = 50;
    const int quiet = (lo + hi) / 2 + 1;
    load.counts[today + quiet] = 3;
    for (std::uint64_t seed = 0; seed < 20; ++seed)
        CHECK(scheduler.answer(card, Rating::Good, due, seed, &load).scheduledDays == quiet);

    SECTION("easy days keep a weekday free") {
        SchedulerSettings easy = settings;
        const int weekday = weekdayOf(today + quiet);
        easy.weekdayLoad[static_cast<std::size_t>(weekday)] = 0.0;
        const Scheduler easyScheduler(easy);
        for (std::uint64_t seed = 0; seed < 20; ++seed) {
            const CardState next = easyScheduler.answer(card, Rating::Good, due, seed, &load);
            CHECK(weekdayOf(next.dueDay) != weekday);
        }
    }
}

TEST_CASE("scheduler - easy days move a short interval off a minimum day, and a button is balanced above the one below") {
    SchedulerSettings settings;
    settings.learningStepsSeconds.clear();  // a new card answered Hard goes straight to review, 1 day out
    const Moment now{kStart, 0};
    const std::int64_t today = studyDay(now, 4);
    const int base = Scheduler(settings).answer(CardState{}, Rating::Hard, now, 0).scheduledDays;
    REQUIRE(base <= 2);  // no fuzz range: nothing for plain load balancing to choose from
    REQUIRE(fuzzRange(base, 36500).first == fuzzRange(base, 36500).second);

    SchedulerSettings easy = settings;
    easy.weekdayLoad[static_cast<std::size_t>(weekdayOf(today + base))] = 0.0;  // that weekday is minimum
    const Scheduler easyScheduler(easy);
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        const CardState next = easyScheduler.answer(CardState{}, Rating::Hard, now, seed);
        CHECK(next.scheduledDays == base + 1);
        CHECK(weekdayOf(next.dueDay) != weekdayOf(today + base));
    }
    // Two minimum days in a row (a weekend): the card waits past both.
    easy.weekdayLoad[static_cast<std::size_t>(weekdayOf(today + base + 1))] = 0.0;
    CHECK(Scheduler(easy).answer(CardState{}, Rating::Hard, now, 3).scheduledDays == base + 2);
    // A normal weekday keeps the interval as it is.
    CHECK(Scheduler(settings).answer(CardState{}, Rating::Hard, now, 3).scheduledDays == base);

    // Good is balanced in the days above Hard: the ordering never pushes it back onto a
    // minimum day the balancing had left.
    const Scheduler plain(noFuzz());
    CardState card = plain.answer(CardState{}, Rating::Easy, now, 0);
    const Moment due{card.dueMs, 0};
    const SchedulerSettings closed;
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        const auto four = Scheduler(closed).preview(card, due, seed);
        const int goodWeekday = weekdayOf(four[2].dueDay);
        SchedulerSettings minimum;
        minimum.weekdayLoad[static_cast<std::size_t>(goodWeekday)] = 0.0;
        const auto balanced = Scheduler(minimum).preview(card, due, seed);
        INFO("seed " << seed);
        CHECK(balanced[1].dueDay < balanced[2].dueDay);
        CHECK(balanced[2].dueDay < balanced[3].dueDay);
        // Good lands on the minimum weekday only when its whole range above Hard is that day.
        if (weekdayOf(balanced[2].dueDay) == goodWeekday) CHECK(balanced[2].dueDay == balanced[1].dueDay + 1);
    }
}

TEST_CASE("scheduler - study day starts at the day-start hour in local time") {
    // 2024-03-10 03:59 local (UTC-5) is still the study day of 2024-03-09.
    const std::int64_t utc = 1710061140000;  // 2024-03-10T08:59:00Z
    CHECK(studyDay({utc, -5 * 3600}, 4) == studyDay({utc - 3 * 3600'000 * 0, -5 * 3600}, 4));
    const std::int64_t march9 = 19791;  // days since epoch of 2024-03-09
    CHECK(studyDay({utc, -5 * 3600}, 4) == march9);
    CHECK(studyDay({utc + 60'000, -5 * 3600}, 4) == march9 + 1);
    CHECK(studyDay({utc, 0}, 4) == march9 + 1);
    CHECK(studyDay({utc, -5 * 3600}, 0) == march9 + 1);
    // Before 1970 the floor still holds.
    CHECK(studyDay({-1, 0}, 0) == -1);
    CHECK(weekdayOf(0) == 3);      // Thursday
    CHECK(weekdayOf(march9) == 5);  // Saturday
}

TEST_CASE("scheduler - settings are kept to their ranges") {
    SchedulerSettings settings;
    settings.desiredRetention = 0.5;
    settings.dayStartHour = 30;
    settings.weekdayLoad[2] = -1.0;
    const Scheduler low(settings);
    CHECK(low.settings().desiredRetention == 0.70);
    CHECK(low.settings().dayStartHour == 23);
    CHECK(low.settings().weekdayLoad[2] == 0.0);
    settings.desiredRetention = 1.0;
    CHECK(Scheduler(settings).settings().desiredRetention == 0.99);
}

TEST_CASE("scheduler - lower desired retention gives longer intervals") {
    const Scheduler plain(noFuzz());
    const CardState card = plain.answer(CardState{}, Rating::Easy, {kStart, 0}, 0);
    int previous = 0;
    for (double retention : {0.97, 0.93, 0.90, 0.85, 0.80, 0.75, 0.70}) {
        SchedulerSettings settings = noFuzz();
        settings.desiredRetention = retention;
        const int days = Scheduler(settings).answer(card, Rating::Good, {card.dueMs, 0}, 0).scheduledDays;
        CHECK(days > previous);
        previous = days;
    }
}

TEST_CASE("scheduler - interval labels") {
    CHECK(intervalLabel(kMinute) == "1m");
    CHECK(intervalLabel(10 * kMinute) == "10m");
    CHECK(intervalLabel(3 * 60 * kMinute) == "3h");
    CHECK(intervalLabel(2 * kDay) == "2d");
    CHECK(intervalLabel(21 * kDay) == "3w");
    CHECK(intervalLabel(122 * kDay) == "4mo");
    CHECK(intervalLabel(548 * kDay) == "1.5y");
    CHECK(intervalLabel(730 * kDay) == "2y");
}

TEST_CASE("scheduler - due checks by phase") {
    const Scheduler scheduler(noFuzz());
    const Moment now{kStart, 0};
    CHECK_FALSE(scheduler.isDue(CardState{}, now));
    const CardState learning = scheduler.answer(CardState{}, Rating::Good, now, 0);
    CHECK_FALSE(scheduler.isDue(learning, now));
    CHECK(scheduler.isDue(learning, {learning.dueMs, 0}));
    const CardState review = scheduler.answer(CardState{}, Rating::Easy, now, 0);
    CHECK_FALSE(scheduler.isDue(review, {review.dueMs - kDay, 0}));
    CHECK(scheduler.isDue(review, {review.dueMs, 0}));
}
