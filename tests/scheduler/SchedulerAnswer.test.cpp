// Scheduler::answer works out only the outcome it returns (the replay's fast path): it must be
// exactly the matching preview() outcome, for every phase, setting and button.
#include "catch.hpp"

#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

using namespace attune::scheduler;

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kStart = 1669725000000;  // 2022-11-29 12:30 UTC

// A calendar with some days full, so load balancing has something to move away from.
class Calendar : public DueLoad {
public:
    int reviewsDueOn(std::int64_t studyDay) const override { return static_cast<int>((studyDay * 7919) % 13); }
};

void requireSame(const CardState& a, const CardState& b) {
    REQUIRE(a.phase == b.phase);
    REQUIRE(a.memory.has_value() == b.memory.has_value());
    if (a.memory) {
        REQUIRE(a.memory->stability == b.memory->stability);
        REQUIRE(a.memory->difficulty == b.memory->difficulty);
    }
    REQUIRE(a.step == b.step);
    REQUIRE(a.dueMs == b.dueMs);
    REQUIRE(a.dueDay == b.dueDay);
    REQUIRE(a.lastReviewMs == b.lastReviewMs);
    REQUIRE(a.lastReviewDay == b.lastReviewDay);
    REQUIRE(a.scheduledDays == b.scheduledDays);
    REQUIRE(a.reps == b.reps);
    REQUIRE(a.lapses == b.lapses);
}

}  // namespace

TEST_CASE("scheduler answer - the one outcome equals the matching preview outcome in every setting") {
    std::map<const char*, SchedulerSettings> variants;
    variants["defaults"] = {};
    SchedulerSettings noSteps;
    noSteps.learningStepsSeconds.clear();
    noSteps.relearningStepsSeconds.clear();
    variants["no steps"] = noSteps;
    SchedulerSettings longSteps;  // steps of a day and more can outlast graduating neighbours
    longSteps.learningStepsSeconds = {600, 86'400, 3 * 86'400};
    longSteps.relearningStepsSeconds = {2 * 86'400};
    variants["long steps"] = longSteps;
    SchedulerSettings easyDays;
    easyDays.weekdayLoad = {1, 1, 0.5, 1, 1, 0, 0};
    easyDays.desiredRetention = 0.8;
    variants["easy days"] = easyDays;
    SchedulerSettings longTerm;
    longTerm.enableShortTerm = false;
    longTerm.maximumIntervalDays = 30;
    variants["long term, short maximum"] = longTerm;
    SchedulerSettings noFuzz;
    noFuzz.fuzz = false;
    variants["no fuzz"] = noFuzz;

    const Calendar calendar;
    for (const auto& [name, settings] : variants) {
        INFO(name);
        const Scheduler scheduler(settings);
        std::mt19937_64 random(42);
        int compared = 0;
        for (int card = 0; card < 60; ++card) {
            CardState state;
            std::int64_t at = kStart + card * 3'600'000;
            for (int k = 0; k < 25; ++k) {
                const std::uint64_t seed = random();
                const DueLoad* load = k % 3 == 0 ? &calendar : nullptr;
                const Moment now{at, (card % 5 - 2) * 3600};
                const auto all = scheduler.preview(state, now, seed, load);
                for (std::size_t r = 0; r < 4; ++r) {
                    requireSame(scheduler.answer(state, static_cast<Rating>(r + 1), now, seed, load), all[r]);
                    ++compared;
                }
                const auto rating = static_cast<Rating>(1 + random() % 4);
                state = all[static_cast<std::size_t>(rating) - 1];
                // Sometimes on time, sometimes early or late, sometimes the same day.
                const std::int64_t wait = std::max<std::int64_t>(state.dueMs - at, 60'000);
                at += static_cast<std::int64_t>(static_cast<double>(wait) * (0.3 + static_cast<double>(random() % 200) / 100.0));
                if (random() % 7 == 0) at += 40 * kDay;
            }
        }
        CHECK(compared == 60 * 25 * 4);
    }
}

TEST_CASE("scheduler answer - replayCard uses the public replay fuzz seed") {
    const Scheduler scheduler;
    const std::vector<ReviewEvent> history = {{{kStart, 0}, Rating::Good},
                                              {{kStart + 600'000, 0}, Rating::Good},
                                              {{kStart + 3 * kDay, 0}, Rating::Good},
                                              {{kStart + 12 * kDay, 0}, Rating::Hard}};
    CardState byHand;
    for (std::size_t i = 0; i < history.size(); ++i)
        byHand = scheduler.answer(byHand, history[i].rating, history[i].at, replayFuzzSeed(history[i].at.utcMs, i));
    requireSame(replayCard(scheduler, history), byHand);
    CHECK(replayFuzzSeed(kStart, 0) != replayFuzzSeed(kStart, 1));
}
