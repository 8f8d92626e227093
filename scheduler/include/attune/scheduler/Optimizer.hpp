// The optimizer: fits the 21 FSRS-6 parameters to a player's own review history, as fsrs-rs
// (Anki's "Optimize") does: training items, pre-training of w0-w3, Adam on analytic
// gradients with the pull towards the starting parameters, and the metrics (log loss,
// RMSE(bins)) to show the gain honestly. Standard library only, deterministic for a seed.
#pragma once

#include <attune/scheduler/Scheduler.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace attune::scheduler {

/// One review as the model sees it: its rating and whole days since the previous review
/// (0 for a card's first review and for same-day repeats).
struct TrainingReview {
    Rating rating = Rating::Good;
    std::uint32_t deltaT = 0;
};

/// The reviews of many cards, and the training items over them. An item is a review after a
/// card's first with deltaT > 0: its history is the card's reviews before it; its label is
/// whether it was a pass (Hard, Good or Easy).
struct TrainingSet {
    struct Item {
        std::uint32_t start = 0;   // first review of the card in `reviews`
        std::uint32_t length = 0;  // history length; the target is reviews[start + length]
        std::int64_t day = 0;      // study day of the target review (for time order)
    };
    std::vector<TrainingReview> reviews;
    std::vector<Item> items;

    /// Adds a card's whole history (ratings and study days, in time order).
    void addCard(std::span<const Rating> ratings, std::span<const std::int64_t> studyDays,
                 std::size_t maxHistory = 256);
    std::span<const TrainingReview> history(const Item& item) const { return {reviews.data() + item.start, item.length}; }
    const TrainingReview& target(const Item& item) const { return reviews[item.start + item.length]; }
};

// --- loss and gradient ------------------------------------------------------------------
/// The memory state after a history, and its derivatives with respect to w0..w20.
struct MemoryTangent {
    double stability = 0.0;
    double difficulty = 0.0;
    std::array<double, 21> dStability{};
    std::array<double, 21> dDifficulty{};
};
MemoryTangent memoryWithGradient(const Parameters& w, std::span<const TrainingReview> history);

/// Binary cross-entropy of the predicted recall at `deltaT` against `passed`; adds
/// weight * d(loss)/dw to *gradient when given.
double itemLoss(const Parameters& w, std::span<const TrainingReview> history, std::uint32_t deltaT, bool passed,
                std::array<double, 21>* gradient = nullptr, double weight = 1.0);

/// The standard deviations the L2 pull is scaled by (fsrs-rs PARAMS_STDDEV).
extern const std::array<double, 21> kParameterSpread;
/// gamma * batch/total * sum((w - w0)^2 / spread^2); adds its gradient when given.
double l2Penalty(const Parameters& w, const Parameters& initial, double gamma, double batchShare,
                 std::array<double, 21>* gradient = nullptr);

/// One Adam step (bias-corrected) on all 21 parameters, then the parameter clamps.
struct AdamState {
    std::array<double, 21> m{};
    std::array<double, 21> v{};
    int step = 0;
};
Parameters adamStep(const Parameters& w, const std::array<double, 21>& gradient, AdamState& state, double learningRate,
                    int relearningSteps = 1, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8);

// --- pre-training of w0..w3 -------------------------------------------------------------
/// Pre-training loss of one initial stability on (deltaT, recall, count) groups.
double pretrainLoss(std::span<const double> deltaT, std::span<const double> recall, std::span<const double> count,
                    double s0, double defaultS0, double decay);
/// Laplace-smoothed recall, then a ternary search on [0.001, 100].
double searchInitialStability(std::span<const double> deltaT, std::span<const double> recall,
                              std::span<const double> count, double averageRecall, double defaultS0, double decay);
/// Makes S0 increase with the rating and fills ratings with no data (fsrs-rs smooth_and_fill).
std::array<double, 4> smoothAndFill(std::map<int, double> stabilityByRating, const std::map<int, double>& countByRating);

// --- metrics ----------------------------------------------------------------------------
struct Metrics {
    double logLoss = 0.0;
    double rmseBins = 0.0;
    std::size_t items = 0;
};
/// Log loss and RMSE(bins) (bins by days elapsed, review count and lapses, as srs-benchmark
/// and fsrs-rs) over the items listed (all when empty). `recencyWeighted`: as fsrs-rs's own
/// evaluator (what Anki shows), later items in the list weigh more (0.25 + 0.75 (i/n)^3).
Metrics evaluate(const Parameters& w, const TrainingSet& set, std::span<const std::uint32_t> itemIndices = {},
                 bool recencyWeighted = true);

// --- the fit ----------------------------------------------------------------------------
struct OptimizerSettings {
    int epochs = 5;
    std::size_t batchSize = 512;
    double learningRate = 0.04;
    double gamma = 2.0;
    std::uint64_t seed = 2023;
    int relearningSteps = 1;
    /// Called after each batch with (done, total); return false to stop early.
    std::function<bool(std::size_t, std::size_t)> progress;
};

struct OptimizerResult {
    Parameters parameters = Parameters::defaults();
    bool trained = false;      // false: the defaults (or only pre-trained w0-w3) are returned
    bool pretrained = false;
    bool stopped = false;      // the progress callback asked to stop: parameters of the last step
    std::string note;          // why the defaults were kept, in the player's words
    std::size_t items = 0;
};

/// Fits the parameters to the items (in time order for the recency weights: items with a
/// later `day` weigh more). Below 8 items the defaults are kept; below 64 only w0-w3 change.
OptimizerResult optimize(const TrainingSet& set, const OptimizerSettings& settings = {},
                         std::span<const std::uint32_t> itemIndices = {});

/// The out-of-sample check a player can trust: fit on the earliest 80 % of the items (by day)
/// and judge the defaults and that fit on the latest 20 %, which the fit never saw.
struct HeldOutCheck {
    Metrics defaults;          // the default parameters on the latest 20 %
    Metrics fitted;            // the parameters fitted on the earliest 80 %, on the latest 20 %
    std::size_t heldOutItems = 0;
};
constexpr std::size_t kHeldOutMinimumItems = 100;  // below this the later 20 % says too little

/// nullopt below kHeldOutMinimumItems items or when the progress callback stopped the fit.
std::optional<HeldOutCheck> heldOutCheck(const TrainingSet& set, const OptimizerSettings& settings = {});

}  // namespace attune::scheduler
