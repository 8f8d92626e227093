// What the workload simulator starts from for a course: its daily decks' cards as the log left
// them today, its memory parameters and limits, and the player's own answer times and rating
// habits from the log (the simulator's defaults where the log has too few answers to say).
// Shared by `attune simulate`, the "What retention should I aim for?" screen and the benchmark.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/scheduler/Simulator.hpp>

#include <cstddef>
#include <span>

namespace attune::model {

/// Answer times and rating shares read from a log. Each figure leans on the simulator's default
/// as if that default were seen kHabitPriorAnswers times, so a few answers move it a little and
/// hundreds decide it. Answers over kLongestAnswerSeconds count as that long (a pause, not study).
struct AnswerHabits {
    scheduler::AnswerTimes times;
    scheduler::RatingShares shares;
    std::size_t timedAnswers = 0;  // answers with a recorded duration
    std::size_t answers = 0;       // answers that count (undone, cram and imported left out)
};
inline constexpr double kHabitPriorAnswers = 10.0;
inline constexpr double kLongestAnswerSeconds = 60.0;

AnswerHabits answerHabits(std::span<const ReviewRecord> log);

/// The setup for simulating `course` (its daily decks only: reference decks are not in the
/// daily session) with the habits of `log` and a seed. Cards in learning count as due today.
/// `habits`, when given, receives the habits read from the log.
scheduler::SimulationSetup workloadSetup(const CourseProgress& course, std::span<const ReviewRecord> log,
                                         std::uint64_t seed = 1, AnswerHabits* habits = nullptr);

}  // namespace attune::model
