// The optimizer. Gradients are analytic: each memory state carries its derivatives with
// respect to the 21 parameters forward through the history (forward mode), following the
// branch each min / max / clamp takes, as the trained model does.
#include <attune/scheduler/Optimizer.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <tuple>

namespace attune::scheduler {
namespace {

using Grad = std::array<double, 21>;

double grade(Rating rating) { return static_cast<double>(static_cast<int>(rating)); }

void scale(Grad& g, double k) {
    for (double& x : g) x *= k;
}

// target += k * source
void addScaled(Grad& target, const Grad& source, double k) {
    for (std::size_t i = 0; i < 21; ++i) target[i] += k * source[i];
}

// R(t, S) with dR/dS and dR/dw20.
struct Recall {
    double value, dS, dDecay;
};

Recall recallWithGradient(double decay, double t, double s) {
    const double base = std::pow(0.9, -1.0 / decay);  // factor + 1
    const double factor = base - 1.0;
    const double u = 1.0 + factor * t / s;
    const double r = std::pow(u, -decay);
    const double dFactor = base * std::log(0.9) / (decay * decay);
    return {r, r * decay * factor * t / (u * s * s), r * (-std::log(u) - decay * (t / s) * dFactor / u)};
}

}  // namespace

const std::array<double, 21> kParameterSpread = {6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,  0.12, 0.39, 0.18, 0.33,
                                                 0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27};

void TrainingSet::addCard(std::span<const Rating> ratings, std::span<const std::int64_t> studyDays,
                          std::size_t maxHistory) {
    const std::size_t n = std::min(ratings.size(), studyDays.size());
    if (n == 0) return;
    const auto start = static_cast<std::uint32_t>(reviews.size());
    std::int64_t lastDay = studyDays[0];
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t day = studyDays[i];
        const std::int64_t delta = i == 0 ? 0 : std::max<std::int64_t>(day - lastDay, 0);
        lastDay = std::max(lastDay, day);
        reviews.push_back({ratings[i], static_cast<std::uint32_t>(std::min<std::int64_t>(delta, 1'000'000))});
        if (i > 0 && delta > 0 && i <= maxHistory)
            items.push_back({start, static_cast<std::uint32_t>(i), day});
    }
}

namespace {

// The state after a card's first review: S0 = w[G-1], D0 = w4 - e^(w5 (G-1)) + 1, clamped.
MemoryTangent firstTangent(const Parameters& w, Rating g0) {
    MemoryTangent m;
    {
        const auto gi = static_cast<std::size_t>(g0) - 1;
        m.stability = w[gi];
        m.dStability[gi] = 1.0;
        if (m.stability < kMinimumStability || m.stability > kMaximumStability) {
            m.stability = std::clamp(m.stability, kMinimumStability, kMaximumStability);
            m.dStability.fill(0.0);
        }
        const double e = std::exp(w[5] * (grade(g0) - 1.0));
        m.difficulty = w[4] - e + 1.0;
        m.dDifficulty[4] = 1.0;
        m.dDifficulty[5] = -(grade(g0) - 1.0) * e;
        if (m.difficulty < 1.0 || m.difficulty > 10.0) {
            m.difficulty = std::clamp(m.difficulty, 1.0, 10.0);
            m.dDifficulty.fill(0.0);
        }
    }
    return m;
}

// One more review, carrying the 21 derivatives of S and D along.
void advanceTangent(const Parameters& w, MemoryTangent& m, const TrainingReview& review) {
    const double easyE = std::exp(3.0 * w[5]);
    const double meanTarget = w[4] - easyE + 1.0;  // D0(Easy), unclamped
    {
        const Rating rating = review.rating;
        const double g = grade(rating);
        const double t = review.deltaT;
        const double s = m.stability;
        const double d = m.difficulty;
        const Grad& ds = m.dStability;
        const Grad& dd = m.dDifficulty;
        double next = 0.0;
        Grad dNext{};
        if (t == 0.0) {
            // Same day: S * max(e^(w17 (G-3+w18)) S^-w19, 1 if passed).
            const double e = std::exp(w[17] * (g - 3.0 + w[18]));
            const double p = std::pow(s, -w[19]);
            const double growth = e * p;
            if (rating != Rating::Again && growth < 1.0) {
                next = s;
                dNext = ds;
            } else {
                next = s * growth;
                // d(S * growth) = growth dS + S dgrowth; dgrowth/dS = -w19 growth / S
                addScaled(dNext, ds, growth * (1.0 - w[19]));
                dNext[17] += next * (g - 3.0 + w[18]);
                dNext[18] += next * w[17];
                dNext[19] += -next * std::log(s);
            }
        } else {
            const Recall r = recallWithGradient(w[20], t, s);
            Grad dR = ds;
            scale(dR, r.dS);
            dR[20] += r.dDecay;
            if (rating == Rating::Again) {
                const double dPow = std::pow(d, -w[12]);
                const double sPow = std::pow(s + 1.0, w[13]);
                const double ex = std::exp(w[14] * (1.0 - r.value));
                const double lapsed = w[11] * dPow * (sPow - 1.0) * ex;
                const double cutE = std::exp(w[17] * w[18]);
                const double cap = s / cutE;
                if (lapsed <= cap) {
                    next = lapsed;
                    dNext[11] += dPow * (sPow - 1.0) * ex;
                    dNext[12] += -lapsed * std::log(d);
                    dNext[13] += w[11] * dPow * sPow * std::log(s + 1.0) * ex;
                    dNext[14] += lapsed * (1.0 - r.value);
                    addScaled(dNext, dd, lapsed * -w[12] / d);
                    addScaled(dNext, ds, w[11] * dPow * w[13] * std::pow(s + 1.0, w[13] - 1.0) * ex);
                    addScaled(dNext, dR, -lapsed * w[14]);
                } else {
                    next = cap;
                    addScaled(dNext, ds, 1.0 / cutE);
                    dNext[17] += -cap * w[18];
                    dNext[18] += -cap * w[17];
                }
            } else {
                const double hard = rating == Rating::Hard ? w[15] : 1.0;
                const double easy = rating == Rating::Easy ? w[16] : 1.0;
                const double e8 = std::exp(w[8]);
                const double sPow = std::pow(s, -w[9]);
                const double ex = std::exp(w[10] * (1.0 - r.value));
                const double core = e8 * (11.0 - d) * sPow;  // without (ex - 1) and the bonuses
                const double a = core * (ex - 1.0) * hard * easy;
                next = s * (1.0 + a);
                // dA for each source, then d(S (1 + A)) = (1 + A) dS + S dA.
                Grad dA{};
                dA[8] += a;
                dA[9] += -a * std::log(s);
                dA[10] += core * ex * (1.0 - r.value) * hard * easy;
                if (rating == Rating::Hard) dA[15] += core * (ex - 1.0) * easy;
                if (rating == Rating::Easy) dA[16] += core * (ex - 1.0) * hard;
                addScaled(dA, dd, -e8 * sPow * (ex - 1.0) * hard * easy);
                addScaled(dA, ds, a * -w[9] / s);
                addScaled(dA, dR, -core * ex * w[10] * hard * easy);
                addScaled(dNext, ds, 1.0 + a);
                addScaled(dNext, dA, s);
            }
        }
        // Difficulty: linear damping, mean reversion to D0(Easy), clamp.
        const double delta = -w[6] * (g - 3.0);
        const double damped = d + delta * (10.0 - d) / 9.0;
        double nextD = w[7] * meanTarget + (1.0 - w[7]) * damped;
        Grad dNextD{};
        if (nextD < 1.0 || nextD > 10.0) {
            nextD = std::clamp(nextD, 1.0, 10.0);
        } else {
            addScaled(dNextD, dd, (1.0 - w[7]) * (1.0 - delta / 9.0));
            dNextD[6] += (1.0 - w[7]) * -(g - 3.0) * (10.0 - d) / 9.0;
            dNextD[7] += meanTarget - damped;
            dNextD[4] += w[7];
            dNextD[5] += w[7] * -3.0 * easyE;
        }
        if (next < kMinimumStability || next > kMaximumStability) {
            next = std::clamp(next, kMinimumStability, kMaximumStability);
            dNext.fill(0.0);
        }
        m.stability = next;
        m.difficulty = nextD;
        m.dStability = dNext;
        m.dDifficulty = dNextD;
    }
}

// Log loss of one prediction and its gradient from the state before the target review.
double targetLoss(const Parameters& w, const MemoryTangent& m, std::uint32_t deltaT, bool passed, Grad* gradient,
                  double weight) {
    const Recall r = recallWithGradient(w[20], deltaT, m.stability);
    const double p = std::clamp(r.value, 1e-10, 1.0 - 1e-10);
    const double loss = passed ? -std::log(p) : -std::log(1.0 - p);
    if (gradient != nullptr && p == r.value) {
        const double dLdR = passed ? -1.0 / p : 1.0 / (1.0 - p);
        addScaled(*gradient, m.dStability, weight * dLdR * r.dS);
        (*gradient)[20] += weight * dLdR * r.dDecay;
    }
    return weight * loss;
}

}  // namespace

MemoryTangent memoryWithGradient(const Parameters& w, std::span<const TrainingReview> history) {
    if (history.empty()) return {};
    MemoryTangent m = firstTangent(w, history[0].rating);
    for (std::size_t k = 1; k < history.size(); ++k) advanceTangent(w, m, history[k]);
    return m;
}

double itemLoss(const Parameters& w, std::span<const TrainingReview> history, std::uint32_t deltaT, bool passed,
                std::array<double, 21>* gradient, double weight) {
    return targetLoss(w, memoryWithGradient(w, history), deltaT, passed, gradient, weight);
}

double l2Penalty(const Parameters& w, const Parameters& initial, double gamma, double batchShare,
                 std::array<double, 21>* gradient) {
    double sum = 0.0;
    for (std::size_t i = 0; i < 21; ++i) {
        const double spread2 = kParameterSpread[i] * kParameterSpread[i];
        const double diff = w[i] - initial[i];
        sum += diff * diff / spread2;
        if (gradient != nullptr) (*gradient)[i] += gamma * batchShare * 2.0 * diff / spread2;
    }
    return gamma * batchShare * sum;
}

Parameters adamStep(const Parameters& w, const std::array<double, 21>& gradient, AdamState& state, double learningRate,
                    int relearningSteps, double beta1, double beta2, double epsilon) {
    ++state.step;
    std::array<double, 21> values = w.values();
    const double c1 = 1.0 - std::pow(beta1, state.step);
    const double c2 = 1.0 - std::pow(beta2, state.step);
    for (std::size_t i = 0; i < 21; ++i) {
        state.m[i] = beta1 * state.m[i] + (1.0 - beta1) * gradient[i];
        state.v[i] = beta2 * state.v[i] + (1.0 - beta2) * gradient[i] * gradient[i];
        values[i] -= learningRate * (state.m[i] / c1) / (std::sqrt(state.v[i] / c2) + epsilon);
    }
    return Parameters::fromValues(values)->clamped(relearningSteps);
}

double pretrainLoss(std::span<const double> deltaT, std::span<const double> recall, std::span<const double> count,
                    double s0, double defaultS0, double decay) {
    double loss = 0.0;
    for (std::size_t i = 0; i < deltaT.size(); ++i) {
        const double r = forgettingCurve(decay, deltaT[i], s0);
        loss -= (recall[i] * std::log(r) + (1.0 - recall[i]) * std::log(1.0 - r)) * count[i];
    }
    return loss + std::abs(s0 - defaultS0) / 16.0;
}

double searchInitialStability(std::span<const double> deltaT, std::span<const double> recall,
                              std::span<const double> count, double averageRecall, double defaultS0, double decay) {
    // Laplace smoothing pulls thin groups towards the learner's average recall.
    std::vector<double> smoothed(recall.size());
    for (std::size_t i = 0; i < recall.size(); ++i)
        smoothed[i] = (recall[i] * count[i] + averageRecall) / (count[i] + 1.0);
    double low = kMinimumStability, high = 100.0, best = defaultS0;
    for (int iteration = 0; iteration < 1000 && high - low > 1e-12; ++iteration) {
        const double mid1 = low + (high - low) / 3.0;
        const double mid2 = high - (high - low) / 3.0;
        if (pretrainLoss(deltaT, smoothed, count, mid1, defaultS0, decay) <
            pretrainLoss(deltaT, smoothed, count, mid2, defaultS0, decay))
            high = mid2;
        else
            low = mid1;
        best = (low + high) / 2.0;
    }
    return best;
}

std::array<double, 4> smoothAndFill(std::map<int, double> s, const std::map<int, double>& count) {
    for (auto it = s.begin(); it != s.end();) it = count.count(it->first) != 0 ? std::next(it) : s.erase(it);
    // A lower rating must not start with more stability than a higher one: the better
    // supported of the two wins.
    for (const auto& [small, big] : {std::pair{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}}) {
        if (s.count(small) == 0 || s.count(big) == 0 || s[small] <= s[big]) continue;
        if (count.at(small) > count.at(big)) s[big] = s[small];
        else s[small] = s[big];
    }
    const double w1 = 0.41, w2 = 0.54;
    const std::array<double, 4> defaults{0.212, 1.2931, 2.3065, 8.2956};
    std::array<double, 4> out{};
    auto has = [&](int r) { return s.count(r) != 0; };
    auto p = [](double a, double e) { return std::pow(a, e); };
    if (s.empty()) return defaults;
    if (s.size() == 1) {
        const auto [rating, value] = *s.begin();
        const double factor = value / defaults[static_cast<std::size_t>(rating - 1)];
        for (std::size_t i = 0; i < 4; ++i) out[i] = defaults[i] * factor;
    } else {
        std::array<double, 5> r{};
        for (const auto& [rating, value] : s) r[static_cast<std::size_t>(rating)] = value;
        if (s.size() == 2) {
            if (has(3) && has(4)) {
                r[2] = p(r[3], 1.0 / (1.0 - w2)) * p(r[4], 1.0 - 1.0 / (1.0 - w2));
                r[1] = p(r[2], 1.0 / w1) * p(r[3], 1.0 - 1.0 / w1);
            } else if (has(2) && has(4)) {
                r[3] = p(r[2], 1.0 - w2) * p(r[4], w2);
                r[1] = p(r[2], 1.0 / w1) * p(r[3], 1.0 - 1.0 / w1);
            } else if (has(2) && has(3)) {
                r[4] = p(r[2], 1.0 - 1.0 / w2) * p(r[3], 1.0 / w2);
                r[1] = p(r[2], 1.0 / w1) * p(r[3], 1.0 - 1.0 / w1);
            } else if (has(1) && has(4)) {
                const double k = w1 + w2 - w1 * w2;
                r[2] = p(r[1], w1 / k) * p(r[4], 1.0 - w1 / k);
                r[3] = p(r[1], 1.0 - w2 / k) * p(r[4], w2 / k);
            } else if (has(1) && has(3)) {
                r[2] = p(r[1], w1) * p(r[3], 1.0 - w1);
                r[4] = p(r[2], 1.0 - 1.0 / w2) * p(r[3], 1.0 / w2);
            } else {  // 1 and 2
                r[3] = p(r[1], 1.0 - 1.0 / (1.0 - w1)) * p(r[2], 1.0 / (1.0 - w1));
                r[4] = p(r[2], 1.0 - 1.0 / w2) * p(r[3], 1.0 / w2);
            }
        } else if (s.size() == 3) {
            if (!has(1)) r[1] = p(r[2], 1.0 / w1) * p(r[3], 1.0 - 1.0 / w1);
            else if (!has(2)) r[2] = p(r[1], w1) * p(r[3], 1.0 - w1);
            else if (!has(3)) r[3] = p(r[2], 1.0 - w2) * p(r[4], w2);
            else r[4] = p(r[2], 1.0 - 1.0 / w2) * p(r[3], 1.0 / w2);
        }
        for (std::size_t i = 0; i < 4; ++i) out[i] = r[i + 1];
    }
    for (double& v : out) v = std::clamp(v, kMinimumStability, 100.0);
    return out;
}

Metrics evaluate(const Parameters& w, const TrainingSet& set, std::span<const std::uint32_t> itemIndices,
                 bool recencyWeighted) {
    Metrics metrics;
    struct Bin {
        double predicted = 0.0, actual = 0.0, count = 0.0, weight = 0.0;
    };
    std::map<std::tuple<long, long, long>, Bin> bins;
    const MemoryModel model(w);
    const std::size_t n = itemIndices.empty() ? set.items.size() : itemIndices.size();
    double loss = 0.0, weights = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        const TrainingSet::Item& item = set.items[itemIndices.empty() ? k : itemIndices[k]];
        const auto history = set.history(item);
        const TrainingReview& target = set.target(item);
        const bool passed = target.rating != Rating::Again;
        MemoryState state = model.first(history[0].rating);
        for (std::size_t i = 1; i < history.size(); ++i) state = model.next(state, history[i].deltaT, history[i].rating);
        const double r = std::clamp(forgettingCurve(w[20], target.deltaT, state.stability), 1e-10, 1.0 - 1e-10);
        const double x = static_cast<double>(k) / static_cast<double>(n);
        const double weight = recencyWeighted ? 0.25 + 0.75 * x * x * x : 1.0;
        loss -= weight * (passed ? std::log(r) : std::log(1.0 - r));
        weights += weight;
        // Bins on geometric scales: days elapsed, long-term review count, lapses.
        long longTerm = 1, lapses = 0;
        for (const TrainingReview& review : history) {
            longTerm += review.deltaT > 0 ? 1 : 0;
            lapses += review.rating == Rating::Again && review.deltaT > 0 ? 1 : 0;
        }
        const auto bucket = [](double value, double a, double b, double unit) {
            return std::lround(a * std::pow(b, std::floor(std::log(value) / std::log(b))) * unit);
        };
        const auto key = std::make_tuple(bucket(target.deltaT, 2.48, 3.62, 100.0),
                                         bucket(static_cast<double>(longTerm + 1), 1.99, 1.89, 1.0),
                                         lapses == 0 ? 0L : bucket(static_cast<double>(lapses), 1.65, 1.73, 1.0));
        Bin& bin = bins[key];
        bin.predicted += r;
        bin.actual += passed ? 1.0 : 0.0;
        bin.count += 1.0;
        bin.weight += weight;
    }
    metrics.items = n;
    if (n == 0) return metrics;
    double squared = 0.0, binWeights = 0.0;
    for (const auto& [key, bin] : bins) {
        const double gap = (bin.predicted - bin.actual) / bin.count;
        squared += gap * gap * bin.weight;
        binWeights += bin.weight;
    }
    metrics.logLoss = loss / weights;
    metrics.rmseBins = std::sqrt(squared / binWeights);
    return metrics;
}

OptimizerResult optimize(const TrainingSet& set, const OptimizerSettings& settings,
                         std::span<const std::uint32_t> itemIndices) {
    OptimizerResult result;
    std::vector<std::uint32_t> items(itemIndices.begin(), itemIndices.end());
    if (items.empty()) {
        items.resize(set.items.size());
        std::iota(items.begin(), items.end(), 0U);
    }
    result.items = items.size();
    if (items.size() < 8) {
        result.note = "only " + std::to_string(items.size()) +
                      " reviews on a later day than a card's first; at least 8 are needed, so the default "
                      "parameters are kept";
        return result;
    }
    const Parameters defaults = Parameters::defaults();
    std::array<double, 21> start = defaults.values();

    // Pre-training: each first rating's S0 from the cards' first review on a later day.
    double passes = 0.0;
    for (const std::uint32_t i : items) passes += set.target(set.items[i]).rating != Rating::Again ? 1.0 : 0.0;
    const double averageRecall = passes / static_cast<double>(items.size());
    std::map<int, std::map<std::uint32_t, std::pair<double, double>>> groups;  // rating -> t -> (passes, count)
    for (const std::uint32_t i : items) {
        const auto& item = set.items[i];
        const auto history = set.history(item);
        const bool firstLongTerm =
            std::none_of(history.begin() + 1, history.end(), [](const TrainingReview& r) { return r.deltaT > 0; });
        if (!firstLongTerm) continue;
        auto& cell = groups[static_cast<int>(history[0].rating)][set.target(item).deltaT];
        cell.first += set.target(item).rating != Rating::Again ? 1.0 : 0.0;
        cell.second += 1.0;
    }
    std::map<int, double> s0ByRating, countByRating;
    for (const auto& [rating, byDelta] : groups) {
        std::vector<double> t, recall, count;
        double total = 0.0;
        for (const auto& [delta, cell] : byDelta) {
            t.push_back(delta);
            recall.push_back(cell.first / cell.second);
            count.push_back(cell.second);
            total += cell.second;
        }
        s0ByRating[rating] = searchInitialStability(t, recall, count, averageRecall,
                                                    defaults[static_cast<std::size_t>(rating - 1)], defaults[20]);
        countByRating[rating] = total;
    }
    if (!s0ByRating.empty()) {
        const auto s0 = smoothAndFill(s0ByRating, countByRating);
        std::copy(s0.begin(), s0.end(), start.begin());
        result.pretrained = true;
    }
    Parameters w = *Parameters::fromValues(start);
    result.parameters = w;
    if (items.size() < 64) {
        result.note = "only " + std::to_string(items.size()) +
                      " reviews on a later day than a card's first; below 64 only the first-day stabilities are fitted";
        return result;
    }

    // Training: Adam with a cosine-annealed rate over shuffled batches; later items weigh more.
    std::vector<std::uint32_t> order = items;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return set.items[a].day < set.items[b].day; });
    std::vector<double> weight(set.items.size(), 1.0);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const double x = static_cast<double>(k + 1) / static_cast<double>(order.size());
        weight[order[k]] = 0.25 + 0.75 * x * x * x;
    }
    // A batch is whole cards: one pass over a card's reviews yields every item of that card
    // with its gradient, so an epoch costs one pass over the reviews, not one per item.
    std::vector<std::uint32_t> byCard = items;
    std::sort(byCard.begin(), byCard.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto& x = set.items[a];
        const auto& y = set.items[b];
        return x.start != y.start ? x.start < y.start : x.length < y.length;
    });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> cards;  // [first, last) in byCard
    for (std::uint32_t k = 0; k < byCard.size(); ++k) {
        if (k == 0 || set.items[byCard[k]].start != set.items[byCard[k - 1]].start) cards.push_back({k, k});
        cards.back().second = k + 1;
    }
    const Parameters initial = w;
    const std::size_t batch = std::max<std::size_t>(settings.batchSize, 1);
    const std::size_t totalSteps =
        ((items.size() + batch - 1) / batch) * static_cast<std::size_t>(std::max(settings.epochs, 1));
    std::mt19937_64 rng(settings.seed);
    AdamState adam;
    std::size_t stepIndex = 0;
    for (int epoch = 0; epoch < settings.epochs; ++epoch) {
        std::shuffle(cards.begin(), cards.end(), rng);
        std::size_t next = 0;
        while (next < cards.size()) {
            std::array<double, 21> gradient{};
            std::size_t inBatch = 0;
            while (next < cards.size() && inBatch < batch) {
                const auto [first, last] = cards[next++];
                const std::uint32_t cardStart = set.items[byCard[first]].start;
                MemoryTangent m = firstTangent(w, set.reviews[cardStart].rating);
                std::uint32_t position = 1;
                for (std::uint32_t k = first; k < last; ++k) {
                    const auto& item = set.items[byCard[k]];
                    while (position < item.length) advanceTangent(w, m, set.reviews[cardStart + position++]);
                    const TrainingReview& target = set.target(item);
                    targetLoss(w, m, target.deltaT, target.rating != Rating::Again, &gradient, weight[byCard[k]]);
                }
                inBatch += last - first;
            }
            l2Penalty(w, initial, settings.gamma, static_cast<double>(inBatch) / static_cast<double>(items.size()),
                      &gradient);
            const double progress = std::min(1.0, static_cast<double>(stepIndex) / static_cast<double>(totalSteps));
            const double rate = settings.learningRate * 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress));
            w = adamStep(w, gradient, adam, rate, settings.relearningSteps);
            ++stepIndex;
            if (settings.progress && !settings.progress(std::min(stepIndex, totalSteps), totalSteps)) {
                result.parameters = w;
                result.trained = true;
                result.note = "stopped early";
                result.stopped = true;
                return result;
            }
        }
    }
    result.parameters = w;
    result.trained = true;
    return result;
}

std::optional<HeldOutCheck> heldOutCheck(const TrainingSet& set, const OptimizerSettings& settings) {
    if (set.items.size() < kHeldOutMinimumItems) return std::nullopt;
    std::vector<std::uint32_t> byTime(set.items.size());
    for (std::uint32_t i = 0; i < byTime.size(); ++i) byTime[i] = i;
    std::stable_sort(byTime.begin(), byTime.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return set.items[a].day < set.items[b].day; });
    const std::size_t cut = byTime.size() * 4 / 5;
    const std::span<const std::uint32_t> past(byTime.data(), cut);
    const std::span<const std::uint32_t> future(byTime.data() + cut, byTime.size() - cut);
    const OptimizerResult pastFit = optimize(set, settings, past);
    if (pastFit.stopped) return std::nullopt;
    HeldOutCheck check;
    check.defaults = evaluate(Parameters::defaults(), set, future);
    check.fitted = evaluate(pastFit.parameters, set, future);
    check.heldOutItems = future.size();
    return check;
}

}  // namespace attune::scheduler
