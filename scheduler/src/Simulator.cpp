// The workload simulator. Each day: the due cards (overdue first, up to the review limit) are
// answered, recall drawn against the model's R at that moment; then new cards are introduced.
// Memory updates and intervals come from the scheduler's own model (MemoryModel, intervalDays),
// so the simulation schedules exactly as the game would without fuzz and load balancing.
#include <attune/scheduler/Simulator.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attune::scheduler {
namespace {

std::uint64_t mix(std::uint64_t z) {
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// The index of the share `u` (in [0, 1)) falls in, the shares taken relative to their sum.
/// Negative or non-finite shares count as 0; all zero: the middle choice.
template <std::size_t N>
std::size_t pick(const std::array<double, N>& shares, double u) {
    std::array<double, N> clean{};
    for (std::size_t i = 0; i < N; ++i) clean[i] = std::isfinite(shares[i]) ? std::max(shares[i], 0.0) : 0.0;
    const double total = std::accumulate(clean.begin(), clean.end(), 0.0);
    if (!(total > 0.0)) return N / 2;
    double target = u * total;
    for (std::size_t i = 0; i + 1 < N; ++i) {
        if (target < clean[i]) return i;
        target -= clean[i];
    }
    return N - 1;
}

/// An answer's time as given, kept to 0 .. 1 hour (a broken figure cannot flood the totals).
double seconds(double value) { return std::isfinite(value) ? std::clamp(value, 0.0, 3600.0) : 0.0; }

/// The longest span simulated (a century); longer spans are cut to it.
constexpr int kMostDays = 36500;

/// Learning or relearning steps beyond this many are not simulated (no deck setting has them).
constexpr int kMostSteps = 16;

/// One simulated card: its memory, its last answer's day and how many answers it has had.
struct LiveCard {
    MemoryState memory;
    std::int64_t lastDay = 0;
    std::uint32_t answers = 0;
};

class Year {
public:
    Year(const SimulationSetup& setup, double desiredRetention)
        : m_setup(setup), m_model(setup.parameters), m_retention(std::clamp(desiredRetention, 0.01, 0.99)),
          m_days(std::clamp(setup.days, 0, kMostDays)), m_due(static_cast<std::size_t>(m_days)) {}

    SimulationResult run() {
        SimulationResult result;
        result.desiredRetention = m_retention;
        if (m_days == 0) return result;
        placeStudiedCards();
        int newLeft = std::max(m_setup.newCardsLeft, 0);
        std::vector<std::uint32_t> today;
        std::vector<std::uint32_t> waiting;  // due, over yesterday's limit
        std::int64_t introduced = 0;
        for (int day = 0; day < m_days; ++day) {
            today.swap(waiting);
            waiting.clear();
            auto& due = m_due[static_cast<std::size_t>(day)];
            today.insert(today.end(), due.begin(), due.end());
            std::vector<std::uint32_t>().swap(due);
            const int limit = std::max(m_setup.reviewsPerDay - (day == 0 ? m_setup.reviewsDoneToday : 0), 0);
            const std::size_t answered = std::min(today.size(), static_cast<std::size_t>(limit));
            for (std::size_t k = 0; k < answered; ++k) review(today[k], day);
            waiting.assign(today.begin() + static_cast<std::ptrdiff_t>(answered), today.end());
            today.clear();

            const int allowance = std::max(m_setup.newCardsPerDay - (day == 0 ? m_setup.newDoneToday : 0), 0);
            const int introduce = std::min(allowance, newLeft);
            for (int k = 0; k < introduce; ++k) introduceCard(day);
            newLeft -= introduce;
            introduced += introduce;
        }
        const double days = static_cast<double>(m_days);
        result.minutesPerDay = m_seconds / 60.0 / days;
        result.reviewsPerDay = static_cast<double>(m_reviews) / days;
        result.newCardsPerDay = static_cast<double>(introduced) / days;
        for (const LiveCard& card : m_cards)
            result.remembered += retrievability(m_setup.parameters, static_cast<double>(m_days - card.lastDay),
                                                card.memory.stability);
        result.minutesPerRemembered = result.remembered > 0.0 ? m_seconds / 60.0 / result.remembered : 0.0;
        result.reviews = m_reviews;
        result.lapses = m_lapses;
        return result;
    }

private:
    /// The studied cards at their due days; the overdue ones on day 0, the longest overdue first.
    void placeStudiedCards() {
        const auto& cards = m_setup.cards;
        const std::int64_t introduced = std::min<std::int64_t>(std::max(m_setup.newCardsLeft, 0),
                                                               std::int64_t{std::max(m_setup.newCardsPerDay, 0)} * m_days);
        m_cards.reserve(cards.size() + static_cast<std::size_t>(introduced));
        std::vector<std::uint32_t> order(cards.size());
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return cards[a].dueDay < cards[b].dueDay; });
        for (const SimulatedCard& card : cards) {
            // A broken state is kept in range: NaN takes the lowest stability and a middle difficulty.
            const double s = card.memory.stability, d = card.memory.difficulty;
            const MemoryState memory{std::isnan(s) ? kMinimumStability : std::clamp(s, kMinimumStability, kMaximumStability),
                                     std::isnan(d) ? 5.0 : std::clamp(d, 1.0, 10.0)};
            m_cards.push_back({memory, std::clamp<std::int64_t>(card.lastReviewDay, -kMostDays, 0), 0});
        }
        for (const std::uint32_t c : order) schedule(c, std::max<std::int64_t>(cards[c].dueDay, 0));
    }

    void schedule(std::uint32_t card, std::int64_t day) {
        if (day < m_days) m_due[static_cast<std::size_t>(day)].push_back(card);
    }

    void scheduleNext(std::uint32_t card, int day) {
        const int interval = intervalDays(m_setup.parameters, m_cards[card].memory.stability, m_retention,
                                          std::max(m_setup.maximumIntervalDays, 1));
        schedule(card, static_cast<std::int64_t>(day) + interval);
    }

    void review(std::uint32_t index, int day) {
        LiveCard& card = m_cards[index];
        const double elapsed = static_cast<double>(day - card.lastDay);
        const double recall = retrievability(m_setup.parameters, elapsed, card.memory.stability);
        const std::uint64_t seed = m_setup.seed;
        if (simulationDraw(seed, index, card.answers, 0) >= recall) {
            card.memory = m_model.next(card.memory, elapsed, Rating::Again);
            m_seconds += seconds(m_setup.times.review[0]);
            for (int step = 0; step < std::min(m_setup.relearningSteps, kMostSteps); ++step) {
                card.memory = m_model.next(card.memory, 0.0, Rating::Good);
                m_seconds += seconds(m_setup.times.relearningStep);
            }
            ++m_lapses;
        } else {
            const std::size_t passed = pick(m_setup.shares.passed, simulationDraw(seed, index, card.answers, 1));
            const auto rating = static_cast<Rating>(passed + 2);
            card.memory = m_model.next(card.memory, elapsed, rating);
            m_seconds += seconds(m_setup.times.review[passed + 1]);
        }
        ++card.answers;
        card.lastDay = day;
        ++m_reviews;
        scheduleNext(index, day);
    }

    void introduceCard(int day) {
        const auto index = static_cast<std::uint32_t>(m_cards.size());
        const std::size_t first = pick(m_setup.shares.first, simulationDraw(m_setup.seed, index, 0, 1));
        const auto rating = static_cast<Rating>(first + 1);
        LiveCard card{m_model.first(rating), day, 1};
        m_seconds += seconds(m_setup.times.first[first]);
        // Again and Hard go through every learning step, Good skips the first, Easy graduates.
        const int learningSteps = std::clamp(m_setup.learningSteps, 0, kMostSteps);
        const int steps = rating == Rating::Easy ? 0 : rating == Rating::Good ? std::max(learningSteps - 1, 0) : learningSteps;
        for (int step = 0; step < steps; ++step) {
            card.memory = m_model.next(card.memory, 0.0, Rating::Good);
            m_seconds += seconds(m_setup.times.learningStep);
        }
        m_cards.push_back(card);
        scheduleNext(index, day);
    }

    const SimulationSetup& m_setup;
    MemoryModel m_model;
    double m_retention;
    int m_days;
    std::vector<std::vector<std::uint32_t>> m_due;  // per day: the cards due that day
    std::vector<LiveCard> m_cards;                  // the studied cards, then the new ones as introduced
    double m_seconds = 0.0;
    std::int64_t m_reviews = 0;
    std::int64_t m_lapses = 0;
};

}  // namespace

double simulationDraw(std::uint64_t seed, std::uint64_t card, std::uint64_t answer, std::uint64_t purpose) {
    std::uint64_t h = mix(seed);
    h = mix(h ^ card);
    h = mix(h ^ answer);
    h = mix(h ^ purpose);
    return static_cast<double>(h >> 11) * 0x1.0p-53;
}

SimulationResult simulate(const SimulationSetup& setup, double desiredRetention) {
    const int runs = std::max(setup.runs, 1);
    if (runs == 1) return Year(setup, desiredRetention).run();
    SimulationSetup one = setup;
    SimulationResult mean;
    for (int run = 0; run < runs; ++run) {
        one.seed = setup.seed + static_cast<std::uint64_t>(run);
        const SimulationResult r = Year(one, desiredRetention).run();
        mean.desiredRetention = r.desiredRetention;
        mean.minutesPerDay += r.minutesPerDay / runs;
        mean.reviewsPerDay += r.reviewsPerDay / runs;
        mean.newCardsPerDay += r.newCardsPerDay / runs;
        mean.remembered += r.remembered / runs;
        mean.reviews += r.reviews;
        mean.lapses += r.lapses;
    }
    const double totalMinutes = mean.minutesPerDay * std::max(setup.days, 0);
    mean.minutesPerRemembered = mean.remembered > 0.0 ? totalMinutes / mean.remembered : 0.0;
    return mean;
}

int runsFor(std::size_t studiedCards, int newCardsLeft) {
    const double cards = static_cast<double>(studiedCards) + std::max(newCardsLeft, 0);
    return static_cast<int>(std::clamp(std::ceil(4000.0 / std::max(cards, 1.0)), 1.0, 16.0));
}

std::vector<double> retentionSweep() {
    std::vector<double> out;
    for (int percent = 70; percent <= 97; ++percent) out.push_back(percent / 100.0);
    return out;
}

SweepResult sweepRetention(const SimulationSetup& setup, std::span<const double> retentions,
                           const std::function<bool(std::size_t, std::size_t)>& progress) {
    SweepResult sweep;
    sweep.points.reserve(retentions.size());
    for (const double retention : retentions) {
        sweep.points.push_back(simulate(setup, retention));
        if (progress && !progress(sweep.points.size(), retentions.size())) {
            sweep.stopped = sweep.points.size() < retentions.size();
            break;
        }
    }
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        const SimulationResult& point = sweep.points[i];
        if (point.remembered <= 0.0) continue;
        if (!sweep.best || point.minutesPerRemembered < sweep.points[*sweep.best].minutesPerRemembered) sweep.best = i;
    }
    return sweep;
}

}  // namespace attune::scheduler
