// The FSRS-6 memory model: parameters, retrievability, stability and difficulty updates,
// intervals. Pure functions in double precision; fsrs-rs (f32) agrees to about 1e-6 relative.
#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>
#include <cmath>

namespace attune::scheduler {
namespace {

constexpr std::array<double, 21> kDefaults{0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                           0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                           1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

double grade(Rating rating) { return static_cast<double>(static_cast<int>(rating)); }

double clampStability(double s) { return std::clamp(s, kMinimumStability, kMaximumStability); }
double clampDifficulty(double d) { return std::clamp(d, 1.0, 10.0); }

}  // namespace

Parameters Parameters::defaults() {
    Parameters p;
    p.m_w = kDefaults;
    return p;
}

std::optional<Parameters> Parameters::fromValues(std::span<const double> values, std::string* error) {
    auto fail = [&](std::string message) -> std::optional<Parameters> {
        if (error != nullptr) *error = std::move(message);
        return std::nullopt;
    };
    if (values.size() != 17 && values.size() != 19 && values.size() != 21)
        return fail("expected 17, 19 or 21 parameters, got " + std::to_string(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i])) return fail("parameter w" + std::to_string(i) + " is not a finite number");
    Parameters p;
    std::copy(values.begin(), values.end(), p.m_w.begin());
    if (values.size() == 17) {
        // FSRS-4.5 -> FSRS-6 as fsrs-rs converts: the new D0 curve through the old endpoints.
        p.m_w[4] = values[4] + 2.0 * values[5];
        p.m_w[5] = std::log(3.0 * values[5] + 1.0) / 3.0;
        p.m_w[6] = values[6] + 0.5;
        p.m_w[17] = 0.0;
        p.m_w[18] = 0.0;
    }
    if (values.size() <= 19) {
        p.m_w[19] = 0.0;
        p.m_w[20] = 0.5;  // FSRS-4.5 and FSRS-5 forget along (1 + 19/81 t/S)^-0.5
    }
    return p;
}

Parameters Parameters::clamped(int relearningSteps) const {
    static constexpr std::array<std::pair<double, double>, 21> kRanges{{
        {0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100}, {1, 10},     {0.001, 4},   {0.001, 4},
        {0.001, 0.75}, {0, 4.5},    {0, 0.8},     {0.001, 3.5}, {0.001, 5},  {0.001, 0.25}, {0.001, 0.9},
        {0, 4},       {0, 1},       {1, 6},       {0, 2},       {0, 2},      {0.01, 0.8},  {0.1, 0.8},
    }};
    Parameters out;
    for (std::size_t i = 0; i < 21; ++i) out.m_w[i] = std::clamp(m_w[i], kRanges[i].first, kRanges[i].second);
    if (relearningSteps > 1) {
        // Several relearning steps compound the same-day growth; fsrs-rs lowers the ceiling so a
        // lapse cannot end up with more stability than before.
        const double w11 = out.m_w[11], w13 = out.m_w[13], w14 = out.m_w[14];
        const double value = -(std::log(w11) + std::log(std::pow(2.0, w13) - 1.0) + w14 * 0.3) / relearningSteps;
        const double ceiling = std::min(std::sqrt(std::max(value, 0.01)), 2.0);
        out.m_w[17] = std::min(out.m_w[17], ceiling);
        out.m_w[18] = std::min(out.m_w[18], ceiling);
    }
    return out;
}

double forgettingCurve(double decay, double elapsedDays, double stability) {
    const double factor = std::pow(0.9, -1.0 / decay) - 1.0;
    return std::pow(1.0 + factor * elapsedDays / stability, -decay);
}

double retrievability(const Parameters& w, double elapsedDays, double stability) {
    return forgettingCurve(w[20], std::max(elapsedDays, 0.0), clampStability(stability));
}

double rawInterval(const Parameters& w, double stability, double desiredRetention) {
    const double decay = w[20];
    const double factor = std::pow(0.9, -1.0 / decay) - 1.0;
    return stability / factor * (std::pow(desiredRetention, -1.0 / decay) - 1.0);
}

int intervalDays(const Parameters& w, double stability, double desiredRetention, int maximumDays) {
    const double days = std::round(rawInterval(w, stability, desiredRetention));
    return static_cast<int>(std::clamp(days, 1.0, static_cast<double>(std::max(maximumDays, 1))));
}

double initialDifficultyRaw(const Parameters& w, Rating rating) {
    return w[4] - std::exp(w[5] * (grade(rating) - 1.0)) + 1.0;
}

double dampedDifficulty(const Parameters& w, double difficulty, Rating rating) {
    const double delta = -w[6] * (grade(rating) - 3.0);
    return difficulty + delta * (10.0 - difficulty) / 9.0;
}

double nextDifficulty(const Parameters& w, double difficulty, Rating rating) {
    const double damped = dampedDifficulty(w, difficulty, rating);
    return clampDifficulty(w[7] * initialDifficultyRaw(w, Rating::Easy) + (1.0 - w[7]) * damped);
}

double stabilityAfterRecall(const Parameters& w, double stability, double difficulty, double recall, Rating rating) {
    const double hardPenalty = rating == Rating::Hard ? w[15] : 1.0;
    const double easyBonus = rating == Rating::Easy ? w[16] : 1.0;
    return stability * (1.0 + std::exp(w[8]) * (11.0 - difficulty) * std::pow(stability, -w[9]) *
                                  (std::exp(w[10] * (1.0 - recall)) - 1.0) * hardPenalty * easyBonus);
}

double stabilityAfterLapse(const Parameters& w, double stability, double difficulty, double recall, bool shortTerm) {
    const double lapsed = w[11] * std::pow(difficulty, -w[12]) * (std::pow(stability + 1.0, w[13]) - 1.0) *
                          std::exp(w[14] * (1.0 - recall));
    const double cap = shortTerm ? stability / std::exp(w[17] * w[18]) : stability;
    return std::min(lapsed, cap);
}

double shortTermGrowth(const Parameters& w, double stability, Rating rating) {
    return std::exp(w[17] * (grade(rating) - 3.0 + w[18])) * std::pow(stability, -w[19]);
}

double stabilityShortTerm(const Parameters& w, double stability, Rating rating) {
    double growth = shortTermGrowth(w, stability, rating);
    if (rating != Rating::Again) growth = std::max(growth, 1.0);
    return stability * growth;
}

MemoryState initialMemory(const Parameters& w, Rating rating) {
    const auto g = static_cast<std::size_t>(rating) - 1;
    return {clampStability(w[g]), clampDifficulty(initialDifficultyRaw(w, rating))};
}

MemoryState nextMemory(const Parameters& w, MemoryState previous, double elapsedDays, Rating rating, bool shortTerm) {
    const double s = clampStability(previous.stability);
    const double d = clampDifficulty(previous.difficulty);
    double next = 0.0;
    if (shortTerm && elapsedDays <= 0.0) {
        next = stabilityShortTerm(w, s, rating);
    } else {
        const double r = retrievability(w, elapsedDays, s);
        next = rating == Rating::Again ? stabilityAfterLapse(w, s, d, r, shortTerm)
                                       : stabilityAfterRecall(w, s, d, r, rating);
    }
    return {clampStability(next), nextDifficulty(w, d, rating)};
}

MemoryState nextMemory(const Parameters& w, MemoryState previous, double elapsedDays, Rating rating) {
    return nextMemory(w, previous, elapsedDays, rating, true);
}

MemoryState memoryFromSm2(const Parameters& w, double easeFactor, double intervalDays, double sm2Retention) {
    const double decay = w[20];
    const double factor = std::pow(0.9, -1.0 / decay) - 1.0;
    const double stability =
        std::max(intervalDays, kMinimumStability) * factor / (std::pow(sm2Retention, -1.0 / decay) - 1.0);
    const double growth = std::exp(w[8]) * std::pow(stability, -w[9]) * (std::exp((1.0 - sm2Retention) * w[10]) - 1.0);
    const double difficulty = 11.0 - (easeFactor - 1.0) / growth;
    return {clampStability(stability), clampDifficulty(difficulty)};
}

}  // namespace attune::scheduler

namespace attune::scheduler {

MemoryModel::MemoryModel(const Parameters& w, bool shortTerm) : m_w(w), m_shortTerm(shortTerm) {
    m_factor = std::pow(0.9, -1.0 / w[20]) - 1.0;
    m_expW8 = std::exp(w[8]);
    m_meanTarget = w[7] * initialDifficultyRaw(w, Rating::Easy);
    for (std::size_t i = 0; i < 4; ++i) {
        const double g = static_cast<double>(i + 1);
        m_shortTermGrowth[i] = std::exp(w[17] * (g - 3.0 + w[18]));
        m_gradeBonus[i] = i == 1 ? w[15] : i == 3 ? w[16] : 1.0;
        m_difficultyStep[i] = -w[6] * (g - 3.0);
    }
}

MemoryState MemoryModel::first(Rating rating) const { return initialMemory(m_w, rating); }

MemoryState MemoryModel::next(MemoryState previous, double elapsedDays, Rating rating) const {
    const Parameters& w = m_w;
    const auto g = static_cast<std::size_t>(rating) - 1;
    const double s = std::clamp(previous.stability, kMinimumStability, kMaximumStability);
    const double d = std::clamp(previous.difficulty, 1.0, 10.0);
    double next = 0.0;
    if (m_shortTerm && elapsedDays <= 0.0) {
        double growth = m_shortTermGrowth[g] * std::pow(s, -w[19]);
        if (rating != Rating::Again) growth = std::max(growth, 1.0);
        next = s * growth;
    } else {
        const double r = std::pow(1.0 + m_factor * std::max(elapsedDays, 0.0) / s, -w[20]);
        if (rating == Rating::Again) {
            const double lapsed = w[11] * std::pow(d, -w[12]) * (std::pow(s + 1.0, w[13]) - 1.0) * std::exp(w[14] * (1.0 - r));
            next = std::min(lapsed, m_shortTerm ? s / std::exp(w[17] * w[18]) : s);
        } else {
            next = s * (1.0 + m_expW8 * (11.0 - d) * std::pow(s, -w[9]) * (std::exp(w[10] * (1.0 - r)) - 1.0) *
                                  m_gradeBonus[g]);
        }
    }
    const double damped = d + m_difficultyStep[g] * (10.0 - d) / 9.0;
    return {std::clamp(next, kMinimumStability, kMaximumStability),
            std::clamp(m_meanTarget + (1.0 - w[7]) * damped, 1.0, 10.0)};
}

}  // namespace attune::scheduler
