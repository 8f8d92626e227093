#include <attune/model/progress/Workload.hpp>

#include <attune/model/history/ReviewHistory.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

namespace attune::model {
namespace {

/// A mean that starts at a default seen kHabitPriorAnswers times.
struct Mean {
    double sum = 0.0;
    double count = 0.0;
    void add(double value) {
        sum += value;
        count += 1.0;
    }
    double from(double fallback) const { return (sum + fallback * kHabitPriorAnswers) / (count + kHabitPriorAnswers); }
};

/// Shares that start at default shares seen kHabitPriorAnswers times.
template <std::size_t N>
std::array<double, N> sharesFrom(const std::array<double, N>& counts, const std::array<double, N>& fallback) {
    double total = 0.0, fallbackTotal = 0.0;
    for (std::size_t i = 0; i < N; ++i) {
        total += counts[i];
        fallbackTotal += fallback[i];
    }
    std::array<double, N> out{};
    for (std::size_t i = 0; i < N; ++i)
        out[i] = (counts[i] + (fallbackTotal > 0.0 ? fallback[i] / fallbackTotal : 0.0) * kHabitPriorAnswers) /
                 (total + kHabitPriorAnswers);
    return out;
}

std::size_t ratingIndex(scheduler::Rating rating) {
    return static_cast<std::size_t>(std::clamp(static_cast<int>(rating), 1, 4) - 1);
}

}  // namespace

AnswerHabits answerHabits(std::span<const ReviewRecord> log) {
    AnswerHabits habits;
    std::array<Mean, 4> first, review;
    Mean learningStep, relearningStep;
    std::array<double, 4> firstCounts{};
    std::array<double, 3> passedCounts{};
    std::unordered_set<std::string> seen;
    std::string key;
    for (const std::size_t i : effectiveOrder(log)) {
        const ReviewRecord& record = log[i];
        if (!changesSchedule(record)) continue;
        key.assign(record.deckId);
        key += '\n';
        key += record.cardId;
        // An imported history makes its cards' later answers reviews, not first answers.
        const bool firstAnswer = seen.insert(key).second;
        if (!isOwnStudy(record)) continue;
        ++habits.answers;
        const std::size_t r = ratingIndex(record.rating);
        const bool timed = record.durationMs > 0;
        const double secondsTaken = std::min(record.durationMs / 1000.0, kLongestAnswerSeconds);
        if (timed) ++habits.timedAnswers;
        if (firstAnswer) {
            firstCounts[r] += 1.0;
            if (timed) first[r].add(secondsTaken);
        } else if (record.kind == ReviewKind::Review) {
            if (r > 0) passedCounts[r - 1] += 1.0;
            if (timed) review[r].add(secondsTaken);
        } else if (record.kind == ReviewKind::Relearn) {
            if (timed) relearningStep.add(secondsTaken);
        } else if (timed) {
            learningStep.add(secondsTaken);
        }
    }
    const scheduler::AnswerTimes defaults;
    for (std::size_t r = 0; r < 4; ++r) {
        habits.times.first[r] = first[r].from(defaults.first[r]);
        habits.times.review[r] = review[r].from(defaults.review[r]);
    }
    habits.times.learningStep = learningStep.from(defaults.learningStep);
    habits.times.relearningStep = relearningStep.from(defaults.relearningStep);
    const scheduler::RatingShares defaultShares;
    habits.shares.first = sharesFrom(firstCounts, defaultShares.first);
    habits.shares.passed = sharesFrom(passedCounts, defaultShares.passed);
    return habits;
}

scheduler::SimulationSetup workloadSetup(const CourseProgress& course, std::span<const ReviewRecord> log,
                                         std::uint64_t seed, AnswerHabits* habitsOut) {
    scheduler::SimulationSetup setup;
    const scheduler::SchedulerSettings& settings = course.scheduler.settings();
    setup.parameters = settings.parameters;
    setup.learningSteps = static_cast<int>(settings.learningStepsSeconds.size());
    setup.relearningSteps = static_cast<int>(settings.relearningStepsSeconds.size());
    setup.maximumIntervalDays = settings.maximumIntervalDays;
    setup.newCardsPerDay = std::max(course.settings.newCardsPerDay, 0);
    setup.reviewsPerDay = std::max(course.settings.reviewsPerDay, 0);
    setup.newDoneToday = course.todayCounts.newStudied;
    setup.reviewsDoneToday = course.todayCounts.reviewsDone;
    setup.seed = seed;
    for (std::size_t c = 0; c < course.cards.size(); ++c) {
        if (!course.deckOf(static_cast<std::uint32_t>(c)).daily) continue;
        if (isSetAside(course.holdOf(static_cast<std::uint32_t>(c)))) continue;  // out of every queue until brought back
        const scheduler::CardState& state = course.states[c];
        if (state.phase == scheduler::CardPhase::New || !state.memory) {
            ++setup.newCardsLeft;
            continue;
        }
        scheduler::SimulatedCard card;
        card.memory = *state.memory;
        card.lastReviewDay = std::min<std::int64_t>(state.lastReviewDay - course.today, 0);
        card.dueDay = state.phase == scheduler::CardPhase::Review ? state.dueDay - course.today : 0;
        setup.cards.push_back(card);
    }
    setup.runs = scheduler::runsFor(setup.cards.size(), setup.newCardsLeft);
    const AnswerHabits habits = answerHabits(log);
    setup.times = habits.times;
    setup.shares = habits.shares;
    if (habitsOut != nullptr) *habitsOut = habits;
    return setup;
}

}  // namespace attune::model
