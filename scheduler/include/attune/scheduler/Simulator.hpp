// The workload simulator: a player's next days of study at a desired retention, drawn card by
// card from the memory model (as Anki's "help me decide" and fsrs-rs simulate do), so the
// daily minutes and the cards remembered can be set against each other for many retentions.
// Standard library only, no clock: every random number comes from simulationDraw(), a pure
// function of the seed, the card and its answer, so a seed gives the same figures everywhere.
#pragma once

#include <attune/scheduler/Scheduler.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace attune::scheduler {

/// A card already studied, on the simulation's day scale (day 0 is today).
struct SimulatedCard {
    MemoryState memory;
    std::int64_t lastReviewDay = 0;  // <= 0
    std::int64_t dueDay = 0;         // < 0: overdue (reviewed first)
};

/// Seconds an answer takes. `first`: a new card's first answer, by rating (Again first);
/// `review`: a due card's answer, by rating; `learningStep` and `relearningStep`: one more
/// answer the same day while the card is in its (re)learning steps.
struct AnswerTimes {
    std::array<double, 4> first{20.0, 15.0, 10.0, 7.0};
    std::array<double, 4> review{16.0, 11.0, 8.0, 6.0};
    double learningStep = 8.0;
    double relearningStep = 10.0;
};

/// How the player rates: `first` the shares of Again..Easy on a new card's first answer;
/// `passed` the shares of Hard, Good, Easy when a due card is recalled (whether it is recalled
/// is drawn from the model's recall).
struct RatingShares {
    std::array<double, 4> first{0.20, 0.10, 0.62, 0.08};
    std::array<double, 3> passed{0.12, 0.80, 0.08};
};

struct SimulationSetup {
    Parameters parameters = Parameters::defaults();
    std::vector<SimulatedCard> cards;
    int newCardsLeft = 0;       // cards still to introduce
    int newCardsPerDay = 10;
    int reviewsPerDay = 200;    // due cards over the limit wait for the next day
    int newDoneToday = 0;       // already introduced today (day 0 takes the rest of the limit)
    int reviewsDoneToday = 0;
    int learningSteps = 2;      // same-day answers a new card takes to graduate from Again
    int relearningSteps = 1;    // same-day answers after a lapse
    int maximumIntervalDays = 36500;
    AnswerTimes times;
    RatingShares shares;
    int days = 365;             // at most 36,500
    std::uint64_t seed = 1;
    /// Runs averaged per retention, each with its own draws (seed, seed + 1, ...): a small deck
    /// gives noisy figures in one run.
    int runs = 1;
};

/// Enough runs that about 4,000 cards are simulated per retention (1 to 16).
int runsFor(std::size_t studiedCards, int newCardsLeft);

/// One simulated year (or `days`) at one desired retention.
struct SimulationResult {
    double desiredRetention = 0.0;
    double minutesPerDay = 0.0;     // every answer's time, averaged over the days
    double reviewsPerDay = 0.0;     // answers to due cards (not new cards, not same-day steps)
    double newCardsPerDay = 0.0;
    /// Cards remembered at the end: the sum over every studied card of its recall on the day
    /// after the last simulated day (the number expected to be recalled if all were asked then).
    double remembered = 0.0;
    /// Study minutes of the whole span per card remembered at its end; 0 when none is.
    double minutesPerRemembered = 0.0;
    std::int64_t reviews = 0;   // in all runs
    std::int64_t lapses = 0;
};

/// A uniform number in [0, 1) that depends only on its arguments (a SplitMix64 mix). The
/// simulator draws recall with purpose 0 and the rating with purpose 1, for the card's
/// `answer`-th simulated answer; a card keeps its draws at every retention, which keeps the
/// curves smooth.
double simulationDraw(std::uint64_t seed, std::uint64_t card, std::uint64_t answer, std::uint64_t purpose);

SimulationResult simulate(const SimulationSetup& setup, double desiredRetention);

/// 0.70, 0.71, ..., 0.97.
std::vector<double> retentionSweep();

struct SweepResult {
    std::vector<SimulationResult> points;  // one per retention, in the order given
    /// The point with the least minutes per card remembered (the first of equals); none when no
    /// point remembers a card (nothing studied and nothing to introduce).
    std::optional<std::size_t> best;
    bool stopped = false;                  // the progress callback asked to stop
};

/// simulate() at each retention. `progress(done, total)` is called after each one; returning
/// false stops the sweep (the points so far are kept).
SweepResult sweepRetention(const SimulationSetup& setup, std::span<const double> retentions,
                           const std::function<bool(std::size_t, std::size_t)>& progress = {});

}  // namespace attune::scheduler
