// Card scheduling on top of the memory model: learning and relearning steps, the four button
// outcomes kept in order, seeded fuzz, load balancing with easy days, and the study day.
#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace attune::scheduler {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kMsPerHour = 3'600'000;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// SplitMix64: a tiny, well-mixed generator so the same seed gives the same fuzz everywhere.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

double unitFraction(std::uint64_t seed) {
    return static_cast<double>(mix(seed) >> 11) * 0x1.0p-53;  // [0, 1)
}

// Where a learning-step answer leads: another step (with its delay) or graduation to Review.
struct StepResult {
    bool graduate = false;
    int step = 0;
    double delaySeconds = 0.0;
};

StepResult stepOutcome(const std::vector<int>& steps, int currentStep, Rating rating) {
    const auto count = static_cast<int>(steps.size());
    if (count == 0 || (currentStep >= count && rating != Rating::Again)) return {true, 0, 0.0};
    const auto at = [&](int i) { return static_cast<double>(steps[static_cast<std::size_t>(i)]); };
    switch (rating) {
    case Rating::Again:
        return {false, 0, at(0)};
    case Rating::Hard:
        if (currentStep == 0 && count == 1) return {false, 0, at(0) * 1.5};
        if (currentStep == 0) return {false, 0, (at(0) + at(1)) / 2.0};
        return {false, currentStep, at(currentStep)};
    case Rating::Good:
        if (currentStep + 1 >= count) return {true, 0, 0.0};
        return {false, currentStep + 1, at(currentStep + 1)};
    case Rating::Easy:
        break;
    }
    return {true, 0, 0.0};
}

// The four buttons' outcomes while they are worked out, one stage after another.
struct ButtonPlan {
    std::array<bool, 4> toReview{};  // the button graduates (or stays) in Review
    std::array<bool, 4> wanted{};    // the button's outcome is worked out in full
    std::array<int, 4> days{};       // days until due, for the buttons that go to Review
    std::array<double, 4> delays{};  // seconds until due, for the buttons that go to a step
};

// Where each button leads (a step or Review) needs no memory model: work it out for all four.
ButtonPlan planSteps(const SchedulerSettings& s, const CardState& card, Moment now, std::int64_t today, bool isNew,
                     std::array<CardState, 4>& out) {
    ButtonPlan plan;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto rating = static_cast<Rating>(i + 1);
        CardState& next = out[i];
        next = card;
        next.reps = card.reps + 1;
        next.lastReviewMs = now.utcMs;
        next.lastReviewDay = today;
        StepResult step;
        switch (isNew ? CardPhase::New : card.phase) {
        case CardPhase::New:
            step = stepOutcome(s.learningStepsSeconds, 0, rating);
            next.phase = CardPhase::Learning;
            break;
        case CardPhase::Learning:
            step = stepOutcome(s.learningStepsSeconds, card.step, rating);
            break;
        case CardPhase::Relearning:
            step = stepOutcome(s.relearningStepsSeconds, card.step, rating);
            break;
        case CardPhase::Review:
            if (rating == Rating::Again) {
                ++next.lapses;
                step = stepOutcome(s.relearningStepsSeconds, 0, rating);
                if (!step.graduate) next.phase = CardPhase::Relearning;
            } else {
                step.graduate = true;
            }
            break;
        }
        if (step.graduate) {
            next.phase = CardPhase::Review;
            next.step = 0;
            plan.toReview[i] = true;
        } else {
            next.step = step.step;
            plan.delays[i] = step.delaySeconds;
        }
    }
    return plan;
}

// The buttons whose days the chosen one's final days can depend on: the ordering makes Again
// and Hard look one button up, and every button looks at those below it (days and waits);
// `only` == 4: all of them.
void markWanted(ButtonPlan& plan, std::size_t only) {
    const std::size_t highest = only >= 4 ? 3 : only < 2 ? only + 1 : only;
    for (std::size_t i = 0; i < 4; ++i)
        plan.wanted[i] = only >= 4 || i == only || (plan.toReview[i] && i <= highest);
}

// The days a button may land on when balancing: a short interval has no fuzz range; one that
// falls on a reduced or minimum weekday may wait a day or two for a fuller one (easy days would
// otherwise fill up with the young cards). And a button is balanced above the one below it, so
// the ordering never pushes it back onto a day the balancing left.
void widenForBalancing(const SchedulerSettings& s, std::int64_t today, bool easyDays, int previousReviewDay, int& lo,
                       int& hi) {
    if (previousReviewDay > 0) {
        lo = std::max(lo, previousReviewDay + 1);
        hi = std::max(hi, lo);
    }
    if (easyDays && hi == lo) {
        while (hi < std::min(lo + 2, s.maximumIntervalDays) &&
               s.weekdayLoad[static_cast<std::size_t>(weekdayOf(today + hi))] < 1.0)
            ++hi;
    }
}

// The least-loaded day of [lo, hi], weighing each day's load by its easy-day factor; ties go to
// the day nearest the random draw, so an empty calendar keeps the fuzz.
int leastLoadedDay(const SchedulerSettings& s, std::int64_t today, const DueLoad* load, int lo, int hi, int drawn) {
    const bool anyOpen = std::any_of(s.weekdayLoad.begin(), s.weekdayLoad.end(), [](double f) { return f > 0.0; });
    double best = std::numeric_limits<double>::infinity();
    int bestDistance = std::numeric_limits<int>::max();
    int chosen = drawn;
    for (int d = lo; d <= hi; ++d) {
        const std::int64_t day = today + d;
        const int count = load != nullptr ? std::max(load->reviewsDueOn(day), 0) : 0;
        double factor = s.weekdayLoad[static_cast<std::size_t>(weekdayOf(day))];
        if (!anyOpen) factor = 1.0;
        const double score = factor > 0.0 ? (count + 1.0) / factor : std::numeric_limits<double>::max();
        const int distance = std::abs(d - drawn);
        if (score < best || (score == best && distance < bestDistance)) {
            best = score;
            bestDistance = distance;
            chosen = d;
        }
    }
    return chosen;
}

// Fuzz and load balancing: one seeded draw for all four buttons keeps them in step.
// `balance` false: the fuzzed day as drawn, no load balancing and no easy days.
void fuzzAndBalance(const SchedulerSettings& s, std::int64_t today, std::uint64_t fuzzSeed, const DueLoad* load,
                    bool balance, ButtonPlan& plan) {
    const double fraction = unitFraction(fuzzSeed);
    const bool easyDays = std::any_of(s.weekdayLoad.begin(), s.weekdayLoad.end(), [](double f) { return f != 1.0; });
    const bool balancing = balance && (load != nullptr || easyDays);
    int previousReviewDay = 0;  // the chosen day of the nearest lower button that goes to Review
    for (std::size_t i = 0; i < 4; ++i) {
        if (!plan.toReview[i] || !plan.wanted[i]) continue;
        auto [lo, hi] = fuzzRange(plan.days[i], s.maximumIntervalDays);
        if (balancing) widenForBalancing(s, today, easyDays, previousReviewDay, lo, hi);
        if (hi <= lo) {
            if (balancing) {
                plan.days[i] = lo;
                previousReviewDay = lo;
            }
            continue;
        }
        const int drawn = lo + std::min(hi - lo, static_cast<int>(fraction * (hi - lo + 1)));
        int chosen = drawn;
        if (balancing) {
            chosen = leastLoadedDay(s, today, load, lo, hi, drawn);
            previousReviewDay = chosen;
        }
        plan.days[i] = chosen;
    }
}

// Again <= Hard < Good < Easy in days when they all end in Review.
void keepButtonsInOrder(ButtonPlan& plan) {
    const auto& toReview = plan.toReview;
    auto& days = plan.days;
    const auto again = std::size_t{0}, hard = std::size_t{1}, good = std::size_t{2}, easy = std::size_t{3};
    if (toReview[again] && toReview[hard]) days[again] = std::min(days[again], days[hard]);
    if (toReview[hard] && toReview[good]) days[hard] = std::min(days[hard], days[good]);
    if (toReview[again] && toReview[hard]) days[hard] = std::max(days[hard], days[again] + 1);
    if (toReview[hard] && toReview[good]) days[good] = std::max(days[good], days[hard] + 1);
    if (toReview[good] && toReview[easy]) days[easy] = std::max(days[easy], days[good] + 1);
}

// Long learning steps (a day or more) could outlast a graduating neighbour: a later button
// never comes back sooner than an earlier one.
void keepWaitsInOrder(ButtonPlan& plan) {
    std::int64_t previousWaitMs = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (plan.toReview[i]) {
            const std::int64_t needed = (previousWaitMs + kMsPerDay - 1) / kMsPerDay;
            plan.days[i] = static_cast<int>(std::max<std::int64_t>(plan.days[i], needed));
            previousWaitMs = std::int64_t{plan.days[i]} * kMsPerDay;
        } else {
            previousWaitMs =
                std::max(previousWaitMs, static_cast<std::int64_t>(std::llround(plan.delays[i] * 1000.0)));
        }
    }
}

void writeDueTimes(const SchedulerSettings& s, Moment now, std::int64_t today, std::array<CardState, 4>& out,
                   const ButtonPlan& plan) {
    for (std::size_t i = 0; i < 4; ++i) {
        if (!plan.wanted[i]) continue;
        CardState& next = out[i];
        if (plan.toReview[i]) {
            const int d = std::min(plan.days[i], s.maximumIntervalDays);
            next.scheduledDays = d;
            next.dueDay = today + d;
            next.dueMs = now.utcMs + std::int64_t{d} * kMsPerDay;
        } else {
            next.scheduledDays = 0;
            next.dueMs = now.utcMs + static_cast<std::int64_t>(std::llround(plan.delays[i] * 1000.0));
            next.dueDay = studyDay({next.dueMs, now.utcOffsetSeconds}, s.dayStartHour);
        }
    }
}

}  // namespace

std::int64_t studyDay(Moment moment, int dayStartHour) {
    const std::int64_t localMs =
        moment.utcMs + std::int64_t{moment.utcOffsetSeconds} * 1000 - std::int64_t{dayStartHour} * kMsPerHour;
    return floorDiv(localMs, kMsPerDay);
}

int weekdayOf(std::int64_t day) {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

std::pair<int, int> fuzzRange(double intervalDays, int maximumDays) {
    if (intervalDays < 2.5) {
        const int days = static_cast<int>(std::round(intervalDays));
        return {days, days};
    }
    const double i = intervalDays;
    const double delta = 1.0 + 0.15 * std::max(std::min(i, 7.0) - 2.5, 0.0) +
                         0.10 * std::max(std::min(i, 20.0) - 7.0, 0.0) + 0.05 * std::max(i - 20.0, 0.0);
    int lo = std::max(2, static_cast<int>(std::round(i - delta)));
    const int hi = std::min(static_cast<int>(std::round(i + delta)), maximumDays);
    lo = std::min(lo, hi);
    return {lo, hi};
}

Scheduler::Scheduler(SchedulerSettings settings)
    : m_settings(std::move(settings)), m_memory(m_settings.parameters, m_settings.enableShortTerm) {
    // Outside 0.70..0.99 intervals become absurd (years, or every day): keep to the range.
    m_settings.desiredRetention = std::clamp(m_settings.desiredRetention, 0.70, 0.99);
    m_settings.maximumIntervalDays = std::max(m_settings.maximumIntervalDays, 1);
    m_settings.dayStartHour = std::clamp(m_settings.dayStartHour, 0, 23);
    for (double& factor : m_settings.weekdayLoad) factor = std::max(factor, 0.0);
    const double decay = m_settings.parameters[20];
    m_intervalFactor = std::pow(0.9, -1.0 / decay) - 1.0;
    m_retentionTerm = std::pow(m_settings.desiredRetention, -1.0 / decay) - 1.0;
}

std::array<CardState, 4> Scheduler::preview(const CardState& card, Moment now, std::uint64_t fuzzSeed,
                                            const DueLoad* load) const {
    std::array<CardState, 4> out{};
    outcomes(card, now, fuzzSeed, load, 4, out);
    return out;
}

CardState Scheduler::answer(const CardState& card, Rating rating, Moment now, std::uint64_t fuzzSeed,
                            const DueLoad* load) const {
    const auto chosen = static_cast<std::size_t>(rating) - 1;
    std::array<CardState, 4> out{};
    outcomes(card, now, fuzzSeed, load, chosen, out);
    return out[chosen];
}

void Scheduler::outcomes(const CardState& card, Moment now, std::uint64_t fuzzSeed, const DueLoad* load,
                         std::size_t only, std::array<CardState, 4>& out, bool balance) const {
    const std::int64_t today = studyDay(now, m_settings.dayStartHour);
    const bool isNew = card.phase == CardPhase::New || !card.memory;
    ButtonPlan plan = planSteps(m_settings, card, now, today, isNew, out);
    markWanted(plan, only);

    // The memory model, and the interval it gives each button that goes to Review.
    const double elapsed = isNew ? 0.0 : static_cast<double>(std::max<std::int64_t>(today - card.lastReviewDay, 0));
    for (std::size_t i = 0; i < 4; ++i) {
        if (!plan.wanted[i]) continue;
        const auto rating = static_cast<Rating>(i + 1);
        CardState& next = out[i];
        next.memory = isNew ? m_memory.first(rating) : m_memory.next(*card.memory, elapsed, rating);
        if (plan.toReview[i]) {
            // intervalDays(), with the constants worked out once (same arithmetic, same result)
            const double raw = std::round(next.memory->stability / m_intervalFactor * m_retentionTerm);
            plan.days[i] = static_cast<int>(
                std::clamp(raw, 1.0, static_cast<double>(std::max(m_settings.maximumIntervalDays, 1))));
        }
    }

    if (m_settings.fuzz) fuzzAndBalance(m_settings, today, fuzzSeed, load, balance, plan);
    keepButtonsInOrder(plan);
    keepWaitsInOrder(plan);
    writeDueTimes(m_settings, now, today, out, plan);
}

CardState Scheduler::answerRecorded(const CardState& card, Rating rating, Moment now, std::uint64_t fuzzSeed,
                                    int scheduledDays) const {
    const auto chosen = static_cast<std::size_t>(rating) - 1;
    std::array<CardState, 4> out{};
    outcomes(card, now, fuzzSeed, nullptr, chosen, out, false);
    CardState next = out[chosen];
    if (next.phase != CardPhase::Review || scheduledDays <= 0) return next;
    const int d = std::min(scheduledDays, m_settings.maximumIntervalDays);
    next.scheduledDays = d;
    next.dueDay = studyDay(now, m_settings.dayStartHour) + d;
    next.dueMs = now.utcMs + std::int64_t{d} * kMsPerDay;
    return next;
}

std::int64_t Scheduler::waitMs(const CardState& next, Moment now) const { return next.dueMs - now.utcMs; }

double Scheduler::recallNow(const CardState& card, Moment now) const {
    if (card.phase == CardPhase::New || !card.memory) return 0.0;
    const std::int64_t elapsed = studyDay(now, m_settings.dayStartHour) - card.lastReviewDay;
    return retrievability(m_settings.parameters, static_cast<double>(std::max<std::int64_t>(elapsed, 0)),
                          card.memory->stability);
}

bool Scheduler::isDue(const CardState& card, Moment now) const {
    switch (card.phase) {
    case CardPhase::New:
        return false;
    case CardPhase::Learning:
    case CardPhase::Relearning:
        return now.utcMs >= card.dueMs;
    case CardPhase::Review:
        return studyDay(now, m_settings.dayStartHour) >= card.dueDay;
    }
    return false;
}

std::string intervalLabel(std::int64_t waitMs) {
    const double minutes = static_cast<double>(std::max<std::int64_t>(waitMs, 0)) / 60000.0;
    const double days = minutes / 1440.0;
    char buffer[32];
    auto whole = [&](double value, const char* unit) {
        std::snprintf(buffer, sizeof buffer, "%lld%s", static_cast<long long>(std::max(1.0, std::round(value))), unit);
        return std::string(buffer);
    };
    if (minutes < 59.5) return whole(minutes, "m");
    if (minutes < 1440.0 - 30.0) return whole(minutes / 60.0, "h");
    if (days < 13.5) return whole(days, "d");
    if (days < 59.5) return whole(days / 7.0, "w");
    if (days < 365.0) return whole(days / 30.4375, "mo");
    const double years = std::round(days / 365.25 * 10.0) / 10.0;
    if (years == std::floor(years)) return whole(years, "y");
    std::snprintf(buffer, sizeof buffer, "%.1fy", years);
    return buffer;
}

// --- replay -----------------------------------------------------------------------------

std::uint64_t replayFuzzSeed(std::int64_t utcMs, std::uint64_t index) {
    return mix(static_cast<std::uint64_t>(utcMs) ^ (index << 56));
}

CardState replayCard(const Scheduler& scheduler, std::span<const ReviewEvent> history) {
    CardState card;
    std::uint64_t index = 0;
    for (const ReviewEvent& event : history) {
        // The fuzz seed is a function of the answer itself, so a replay always lands on the
        // same due dates.
        card = scheduler.answer(card, event.rating, event.at, replayFuzzSeed(event.at.utcMs, index++));
    }
    return card;
}

std::optional<MemoryState> replayMemory(const Parameters& w, std::span<const ReviewEvent> history, int dayStartHour) {
    if (history.empty()) return std::nullopt;
    const MemoryModel model(w);
    MemoryState state = model.first(history.front().rating);
    std::int64_t lastDay = studyDay(history.front().at, dayStartHour);
    for (std::size_t i = 1; i < history.size(); ++i) {
        const std::int64_t day = studyDay(history[i].at, dayStartHour);
        // A review written with an offset further west can fall on an earlier study day:
        // that is the same day again, never negative time.
        state = model.next(state, static_cast<double>(std::max<std::int64_t>(day - lastDay, 0)), history[i].rating);
        lastDay = std::max(lastDay, day);
    }
    return state;
}

}  // namespace attune::scheduler
