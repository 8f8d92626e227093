// FSRS-4.5 exactly as it was (17 parameters, linear initial difficulty, no short-term
// memory, decay 0.5), beside the FSRS-6 model. Attune schedules with FSRS-6 and converts
// 17-value vectors (Parameters::fromValues); this original form keeps an old parameter set's
// own predictions available for comparison, and the published FSRS-4.5 vectors checkable.
#pragma once

#include <attune/scheduler/Scheduler.hpp>

#include <array>

namespace attune::scheduler::fsrs45 {

using Weights = std::array<double, 17>;

/// R(t, S) = (1 + 19/81 t / S)^-0.5
double retrievability(double elapsedDays, double stability);
/// Interval for a desired retention, rounded and clamped to [1, maximumDays].
int intervalDays(double stability, double desiredRetention, int maximumDays);
/// D0(G) = w4 - w5 (G - 3), clamped to [1, 10].
double initialDifficulty(const Weights& w, Rating rating);
/// w7 w4 + (1 - w7)(D - w6 (G - 3)), clamped to [1, 10].
double nextDifficulty(const Weights& w, double difficulty, Rating rating);
double stabilityAfterRecall(const Weights& w, double stability, double difficulty, double recall, Rating rating);
/// Lapse stability, never above the stability before the lapse.
double stabilityAfterLapse(const Weights& w, double stability, double difficulty, double recall);
MemoryState initialMemory(const Weights& w, Rating rating);
MemoryState nextMemory(const Weights& w, MemoryState previous, double elapsedDays, Rating rating);

}  // namespace attune::scheduler::fsrs45
