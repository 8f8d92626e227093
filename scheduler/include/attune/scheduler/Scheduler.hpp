// The public face of the scheduler library: FSRS-6 memory model, learning steps, fuzz with
// load balancing, the study day and the daily queue. Standard library only; no I/O and no
// clock reads: every function takes "now" as an argument.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
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

/// Without short-term memory (fsrs "enable_short_term = false"): a same-day review goes through
/// the recall / lapse formulas, and a lapse is capped at S itself.
MemoryState nextMemory(const Parameters& w, MemoryState previous, double elapsedDays, Rating rating,
                       bool shortTerm);

/// One parameter set with its constants worked out once, for replaying many cards quickly.
/// Gives exactly what initialMemory / nextMemory give.
class MemoryModel {
public:
    explicit MemoryModel(const Parameters& w, bool shortTerm = true);
    MemoryState first(Rating rating) const;
    MemoryState next(MemoryState previous, double elapsedDays, Rating rating) const;

private:
    Parameters m_w;
    bool m_shortTerm = true;
    double m_factor = 0.0;             // 0.9^(-1/decay) - 1
    double m_expW8 = 0.0;
    double m_meanTarget = 0.0;         // w7 * D0(Easy)
    std::array<double, 4> m_shortTermGrowth{};  // e^(w17 (G - 3 + w18))
    std::array<double, 4> m_gradeBonus{};       // hard penalty / easy bonus
    std::array<double, 4> m_difficultyStep{};   // -w6 (G - 3)
};

// The formula pieces, exposed so each can be checked against the published vectors.
inline constexpr double kMinimumStability = 0.001;
inline constexpr double kMaximumStability = 36500.0;
/// R(t, S) for a given decay (w20): (1 + factor * t / S)^-decay, factor = 0.9^(-1/decay) - 1.
double forgettingCurve(double decay, double elapsedDays, double stability);
/// Unrounded interval S / factor * (r^(-1/decay) - 1).
double rawInterval(const Parameters& w, double stability, double desiredRetention);
/// D0(G) = w4 - e^(w5 (G-1)) + 1, not clamped.
double initialDifficultyRaw(const Parameters& w, Rating rating);
/// D + dD (10 - D) / 9 with dD = -w6 (G - 3): before mean reversion.
double dampedDifficulty(const Parameters& w, double difficulty, Rating rating);
/// Mean reversion towards D0(Easy) and the clamp to [1, 10].
double nextDifficulty(const Parameters& w, double difficulty, Rating rating);
double stabilityAfterRecall(const Parameters& w, double stability, double difficulty, double recall, Rating rating);
/// Lapse stability, capped at S / e^(w17 w18) (shortTerm) or at S.
double stabilityAfterLapse(const Parameters& w, double stability, double difficulty, double recall,
                           bool shortTerm = true);
/// The same-day growth factor e^(w17 (G - 3 + w18)) S^-w19 before the floor of 1 for passes.
double shortTermGrowth(const Parameters& w, double stability, Rating rating);
/// S after a same-day review (growth floored at 1 for Hard/Good/Easy).
double stabilityShortTerm(const Parameters& w, double stability, Rating rating);
/// The memory state Anki derives from an SM-2 card (fsrs-rs memory_state_from_sm2).
MemoryState memoryFromSm2(const Parameters& w, double easeFactor, double intervalDays, double sm2Retention);

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
    /// Same-day reviews use the short-term formula (FSRS-6 default). Off: "long-term" scheduling,
    /// where the four button intervals are also forced strictly apart for new cards.
    bool enableShortTerm = true;
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
    /// The answer as a log replays it when the interval the player was given is recorded: the
    /// memory update of answer(), and a card that goes to Review is due `scheduledDays` after
    /// today (the recorded choice of load balancing and easy days); `scheduledDays` <= 0: as
    /// answer() with neither load balancing nor easy days (as every answer was given before they
    /// existed, and as imports come).
    CardState answerRecorded(const CardState& card, Rating rating, Moment now, std::uint64_t fuzzSeed,
                             int scheduledDays) const;
    /// The four outcomes (Again, Hard, Good, Easy), with intervals kept Again<=Hard<=Good<=Easy.
    std::array<CardState, 4> preview(const CardState& card, Moment now, std::uint64_t fuzzSeed,
                                     const DueLoad* load = nullptr) const;
    /// Time from now until the card is due again, in milliseconds (for "10m", "2d" labels).
    std::int64_t waitMs(const CardState& next, Moment now) const;
    /// Retrievability of the card at `now` (0 for New).
    double recallNow(const CardState& card, Moment now) const;
    bool isDue(const CardState& card, Moment now) const;

private:
    /// The outcomes in `out`; with `only` < 4 just that button's is complete (the memory model
    /// runs only for the buttons its days can depend on), with 4 all of them.
    /// `balance` false: the fuzzed day as drawn, no load balancing and no easy days.
    void outcomes(const CardState& card, Moment now, std::uint64_t fuzzSeed, const DueLoad* load, std::size_t only,
                  std::array<CardState, 4>& out, bool balance = true) const;

    SchedulerSettings m_settings;
    MemoryModel m_memory;               // the settings' parameters, constants worked out once
    double m_intervalFactor = 0.0;      // 0.9^(-1/decay) - 1
    double m_retentionTerm = 0.0;       // r^(-1/decay) - 1 for the desired retention
};

/// Day-interval fuzz range [lo, hi] of an interval (standard ranges); lo == hi when no fuzz applies.
std::pair<int, int> fuzzRange(double intervalDays, int maximumDays);
/// Weekday of a study day, 0 = Monday.
int weekdayOf(std::int64_t studyDay);

/// "1m", "10m", "3h", "2d", "3w", "4mo", "1.5y"
std::string intervalLabel(std::int64_t waitMs);

// --- replay -----------------------------------------------------------------------------
struct ReviewEvent {
    Moment at;
    Rating rating = Rating::Good;
};

/// The fuzz seed replayCard gives the `index`-th answer (0-based) of a card answered at `utcMs`:
/// a function of the answer itself, so a live answer and any later replay land on the same day.
std::uint64_t replayFuzzSeed(std::int64_t utcMs, std::uint64_t index);
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

/// Siblings apart (Anki's "bury siblings"): `group[i]` names the sibling group of card i (cards
/// made from one authored card share it). A card waits for a later day when a sibling was answered
/// today, or when a sibling comes before it in today's queue: due learning steps first, then due
/// reviews (oldest, or in a backlog lowest recall, first), then new cards. Learning steps never wait.
struct SiblingRule {
    std::span<const std::uint32_t> group;  // empty: siblings are not kept apart
};

struct DailyQueue {
    std::vector<std::uint32_t> cards;  // indices into the cards given, in the order to show
    int siblingsWaiting = 0;           // reviews due today that wait for tomorrow because of a sibling
};

/// Indices into `cards` for today's session: due learning cards, then due reviews (lowest
/// retrievability first when over the limit), with new cards spread through the session.
std::vector<std::uint32_t> buildDailyQueue(const Scheduler& scheduler, std::span<const CardState> cards,
                                           Moment now, const DailyLimits& limits);
/// The same, with siblings kept apart. `candidates` (indices into `cards`, ascending) are the
/// cards the session may show; empty: all of them. Reference decks stay out this way without a
/// copy of the states.
DailyQueue buildDailyQueue(const Scheduler& scheduler, std::span<const CardState> cards, Moment now,
                           const DailyLimits& limits, const SiblingRule& siblings,
                           std::span<const std::uint32_t> candidates = {});
/// The given cards, lowest current retrievability first, due or not (New cards last).
std::vector<std::uint32_t> buildTopicQueue(const Scheduler& scheduler, std::span<const CardState> cards,
                                           std::span<const std::uint32_t> candidates, Moment now);

}  // namespace attune::scheduler
