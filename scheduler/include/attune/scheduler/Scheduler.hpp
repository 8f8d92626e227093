// The public face of the scheduler library: FSRS-6 memory model, learning steps, fuzz with
// load balancing, the study day and the daily queue. Standard library only; no I/O and no
// clock reads: every function takes "now" as an argument.
//
// CONTRACT NOTE (founding skeleton): the names and signatures below are what the model and ui
// layers code against. The scheduler owner may add to this header, split it into several
// headers included from here, or refine details, but must keep these names working.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace attune::scheduler {

enum class Rating : std::uint8_t { Again = 1, Hard = 2, Good = 3, Easy = 4 };

/// A moment: UTC milliseconds since the Unix epoch plus the UTC offset the player's clock had.
struct Moment {
    std::int64_t utcMs = 0;
    std::int32_t utcOffsetSeconds = 0;
};

/// Study day number (days since 1970-01-01) of the local date of (time - dayStartHour).
std::int64_t studyDay(Moment moment, int dayStartHour);

struct MemoryState {
    double stability = 0.0;   // days until R falls to 90 %
    double difficulty = 0.0;  // 1..10
};

/// FSRS-6 parameters (21 values). Accepts 17 (FSRS-4.5) and 19 (FSRS-5) vectors and converts.
class Parameters {
public:
    static Parameters defaults();
    /// nullopt and *error set when the count is not 17, 19 or 21 or a value is not finite.
    static std::optional<Parameters> fromValues(std::span<const double> values, std::string* error = nullptr);
    const std::array<double, 21>& values() const { return m_w; }
    double operator[](std::size_t i) const { return m_w[i]; }
    /// Clamped to the fsrs-rs ranges (w17/w18 ceiling depends on the number of relearning steps).
    Parameters clamped(int relearningSteps = 1) const;

private:
    std::array<double, 21> m_w{};
};

// --- the pure memory model --------------------------------------------------------------
double retrievability(const Parameters& w, double elapsedDays, double stability);
MemoryState initialMemory(const Parameters& w, Rating rating);
/// One review: t == 0 -> same-day formula; Again -> lapse; else recall. D always updates.
MemoryState nextMemory(const Parameters& w, MemoryState previous, double elapsedDays, Rating rating);
/// Interval in whole days for a desired retention, rounded and clamped to [1, maximumDays].
int intervalDays(const Parameters& w, double stability, double desiredRetention, int maximumDays);

// --- card scheduling --------------------------------------------------------------------
enum class CardPhase : std::uint8_t { New, Learning, Review, Relearning };

struct CardState {
    CardPhase phase = CardPhase::New;
    std::optional<MemoryState> memory;  // empty while New
    int step = 0;                       // learning/relearning step index
    std::int64_t dueMs = 0;             // Learning/Relearning: when the step is due (UTC ms)
    std::int64_t dueDay = 0;            // Review: the study day it is due
    std::int64_t lastReviewMs = 0;
    std::int64_t lastReviewDay = 0;     // study day of the last review
    int scheduledDays = 0;
    int reps = 0;
    int lapses = 0;
};

struct SchedulerSettings {
    Parameters parameters = Parameters::defaults();
    double desiredRetention = 0.90;                 // 0.70 .. 0.99
    std::vector<int> learningStepsSeconds{60, 600};
    std::vector<int> relearningStepsSeconds{600};
    int maximumIntervalDays = 36500;
    bool fuzz = true;
    int dayStartHour = 4;
    /// Easy days: load factor per weekday, Monday first (1 = normal, 0 = keep free if possible).
    std::array<double, 7> weekdayLoad{1, 1, 1, 1, 1, 1, 1};
};

/// How many reviews are already due on a study day (for load balancing). May be empty.
struct DueLoad {
    virtual ~DueLoad() = default;
    virtual int reviewsDueOn(std::int64_t studyDay) const = 0;
};

class Scheduler {
public:
    explicit Scheduler(SchedulerSettings settings = {});
    const SchedulerSettings& settings() const { return m_settings; }

    /// The card after answering `rating` at `now`. Deterministic for the same fuzzSeed.
    CardState answer(const CardState& card, Rating rating, Moment now, std::uint64_t fuzzSeed,
                     const DueLoad* load = nullptr) const;
    /// The four outcomes (Again, Hard, Good, Easy), with intervals kept Again<=Hard<=Good<=Easy.
    std::array<CardState, 4> preview(const CardState& card, Moment now, std::uint64_t fuzzSeed,
                                     const DueLoad* load = nullptr) const;
    /// Time from now until the card is due again, in milliseconds (for "10m", "2d" labels).
    std::int64_t waitMs(const CardState& next, Moment now) const;
    /// Retrievability of the card at `now` (0 for New).
    double recallNow(const CardState& card, Moment now) const;
    bool isDue(const CardState& card, Moment now) const;

private:
    SchedulerSettings m_settings;
};

/// "1m", "10m", "3h", "2d", "3w", "4mo", "1.5y"
std::string intervalLabel(std::int64_t waitMs);

// --- replay -----------------------------------------------------------------------------
struct ReviewEvent {
    Moment at;
    Rating rating = Rating::Good;
};

/// A card's scheduling state from its whole history (events in time order), as a pure function.
CardState replayCard(const Scheduler& scheduler, std::span<const ReviewEvent> history);
/// The memory state as fsrs-rs computes it from a history: first review initial, then one
/// nextMemory per review with t = difference of study days. nullopt for an empty history.
std::optional<MemoryState> replayMemory(const Parameters& w, std::span<const ReviewEvent> history,
                                        int dayStartHour);

// --- queues -----------------------------------------------------------------------------
struct DailyLimits {
    int newCards = 10;
    int reviews = 200;
    int newDoneToday = 0;      // already introduced today
    int reviewsDoneToday = 0;  // already reviewed today
};

/// Indices into `cards` for today's session: due learning cards, then due reviews (lowest
/// retrievability first when over the limit), with new cards spread through the session.
std::vector<std::uint32_t> buildDailyQueue(const Scheduler& scheduler, std::span<const CardState> cards,
                                           Moment now, const DailyLimits& limits);
/// The given cards, lowest current retrievability first, due or not (New cards last).
std::vector<std::uint32_t> buildTopicQueue(const Scheduler& scheduler, std::span<const CardState> cards,
                                           std::span<const std::uint32_t> candidates, Moment now);

}  // namespace attune::scheduler
