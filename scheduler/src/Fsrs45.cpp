#include <attune/scheduler/Fsrs45.hpp>

#include <algorithm>
#include <cmath>

namespace attune::scheduler::fsrs45 {
namespace {

constexpr double kFactor = 19.0 / 81.0;
double grade(Rating rating) { return static_cast<double>(static_cast<int>(rating)); }

}  // namespace

double retrievability(double elapsedDays, double stability) {
    return std::pow(1.0 + kFactor * std::max(elapsedDays, 0.0) / stability, -0.5);
}

int intervalDays(double stability, double desiredRetention, int maximumDays) {
    const double days = std::round(stability / kFactor * (std::pow(desiredRetention, -2.0) - 1.0));
    return static_cast<int>(std::clamp(days, 1.0, static_cast<double>(std::max(maximumDays, 1))));
}

double initialDifficulty(const Weights& w, Rating rating) {
    return std::clamp(w[4] - w[5] * (grade(rating) - 3.0), 1.0, 10.0);
}

double nextDifficulty(const Weights& w, double difficulty, Rating rating) {
    const double next = difficulty - w[6] * (grade(rating) - 3.0);
    return std::clamp(w[7] * w[4] + (1.0 - w[7]) * next, 1.0, 10.0);
}

double stabilityAfterRecall(const Weights& w, double stability, double difficulty, double recall, Rating rating) {
    const double hardPenalty = rating == Rating::Hard ? w[15] : 1.0;
    const double easyBonus = rating == Rating::Easy ? w[16] : 1.0;
    return stability * (1.0 + std::exp(w[8]) * (11.0 - difficulty) * std::pow(stability, -w[9]) *
                                  (std::exp(w[10] * (1.0 - recall)) - 1.0) * hardPenalty * easyBonus);
}

double stabilityAfterLapse(const Weights& w, double stability, double difficulty, double recall) {
    const double lapsed = w[11] * std::pow(difficulty, -w[12]) * (std::pow(stability + 1.0, w[13]) - 1.0) *
                          std::exp(w[14] * (1.0 - recall));
    return std::min(lapsed, stability);
}

MemoryState initialMemory(const Weights& w, Rating rating) {
    const auto g = static_cast<std::size_t>(rating) - 1;
    return {std::clamp(w[g], kMinimumStability, kMaximumStability), initialDifficulty(w, rating)};
}

MemoryState nextMemory(const Weights& w, MemoryState previous, double elapsedDays, Rating rating) {
    const double s = std::clamp(previous.stability, kMinimumStability, kMaximumStability);
    const double d = std::clamp(previous.difficulty, 1.0, 10.0);
    const double r = retrievability(elapsedDays, s);
    const double next = rating == Rating::Again ? stabilityAfterLapse(w, s, d, r) : stabilityAfterRecall(w, s, d, r, rating);
    return {std::clamp(next, kMinimumStability, kMaximumStability), nextDifficulty(w, d, rating)};
}

}  // namespace attune::scheduler::fsrs45
