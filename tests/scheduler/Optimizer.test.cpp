// The optimizer against fsrs-rs's own training steps (pre-training, the batch loss, gradients,
// Adam), and its gradients against finite differences.
#include "catch.hpp"

#include <attune/scheduler/Optimizer.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <vector>

using namespace attune::scheduler;

namespace {

// The mini-batch of fsrs-rs test_loss_and_grad: four sequences (columns), six reviews each.
struct Sequence {
    std::vector<TrainingReview> history;
    std::uint32_t target;
    bool passed;
};

std::vector<Sequence> miniBatch() {
    const int t[6][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 1, 1, 3}, {1, 3, 3, 5}, {3, 6, 6, 12}};
    const int r[6][4] = {{1, 2, 3, 4}, {3, 4, 2, 4}, {1, 4, 4, 3}, {4, 3, 3, 3}, {3, 1, 3, 3}, {2, 3, 3, 4}};
    const std::uint32_t targets[4] = {4, 11, 12, 23};
    const bool labels[4] = {true, true, true, false};
    std::vector<Sequence> out;
    for (int c = 0; c < 4; ++c) {
        Sequence s;
        for (int k = 0; k < 6; ++k)
            s.history.push_back({static_cast<Rating>(r[k][c]), static_cast<std::uint32_t>(t[k][c])});
        s.target = targets[c];
        s.passed = labels[c];
        out.push_back(s);
    }
    return out;
}

double batchLoss(const Parameters& w, std::array<double, 21>* gradient) {
    double loss = 0.0;
    for (const Sequence& s : miniBatch()) loss += itemLoss(w, s.history, s.target, s.passed, gradient);
    return loss;
}

Parameters params(const std::vector<double>& v) { return *Parameters::fromValues(v); }

// Cards whose true memory is weaker than the defaults assume, reviewed about when due.
TrainingSet weakMemorySet(std::uint64_t seed, int cards) {
    TrainingSet set;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Parameters truth = params({0.1, 0.6, 1.2, 4.0, 7.0, 0.6, 2.0, 0.01, 1.4, 0.2, 0.8, 1.6, 0.06, 0.25, 1.6,
                               0.5, 1.8, 0.5, 0.1, 0.07, 0.2});
    const MemoryModel model(truth);
    for (int c = 0; c < cards; ++c) {
        std::vector<Rating> ratings;
        std::vector<std::int64_t> days;
        std::int64_t day = c / 10;  // new cards start over the weeks, so later days hold later items
        Rating rating = unit(rng) < 0.3 ? Rating::Again : Rating::Good;
        MemoryState state = model.first(rating);
        ratings.push_back(rating);
        days.push_back(day);
        for (int k = 0; k < 8; ++k) {
            const auto gap = static_cast<std::int64_t>(1 + unit(rng) * 2.0 * state.stability);
            day += gap;
            const bool recalled = unit(rng) < retrievability(truth, static_cast<double>(gap), state.stability);
            rating = recalled ? Rating::Good : Rating::Again;
            state = model.next(state, static_cast<double>(gap), rating);
            ratings.push_back(rating);
            days.push_back(day);
        }
        set.addCard(ratings, days);
    }
    return set;
}

}  // namespace


TEST_CASE("optimizer - pre-training loss of one initial stability") {
    const std::vector<double> t = {1, 2, 3, 4, 5};
    const std::vector<double> recall = {0.86666667, 0.90721649, 0.73015873, 0.76315789, 0.67857143};
    const std::vector<double> count = {435, 97, 63, 38, 28};
    // fsrs-rs keeps the defaults in f32: 0.212 and 0.1542 widened to double.
    const double s0 = static_cast<double>(0.212F), decay = static_cast<double>(0.1542F);
    CHECK(pretrainLoss(t, recall, count, 0.7840586, s0, decay) == Approx(279.9206961069712).epsilon(1e-13));
    CHECK(pretrainLoss(t, recall, count, 0.7840590622451964, s0, decay) == Approx(279.9206977311556).epsilon(1e-13));
    CHECK(searchInitialStability(t, recall, count, 0.94302857, 0.212, 0.1542) == Approx(0.7355089).margin(1e-5));
}

TEST_CASE("optimizer - smooth and fill the initial stabilities") {
    const auto three = smoothAndFill({{1, 0.4}, {3, 2.3}, {4, 10.9}}, {{1, 1}, {2, 1}, {3, 1}, {4, 1}});
    const std::array<double, 4> threeExpected = {0.4, 1.1227008, 2.3, 10.9};
    for (std::size_t i = 0; i < 4; ++i) CHECK(three[i] == Approx(threeExpected[i]).margin(1e-6));
    const auto one = smoothAndFill({{2, 0.35}}, {{2, 1}});
    const std::array<double, 4> oneExpected = {0.05738148, 0.35, 0.6242943, 2.2453482};
    for (std::size_t i = 0; i < 4; ++i) CHECK(one[i] == Approx(oneExpected[i]).margin(1e-6));
    // Out of order: the better supported value wins, and the result rises with the rating.
    const auto swapped = smoothAndFill({{1, 3.0}, {2, 1.0}, {3, 4.0}, {4, 9.0}}, {{1, 10}, {2, 2}, {3, 5}, {4, 5}});
    for (std::size_t i = 1; i < 4; ++i) CHECK(swapped[i] >= swapped[i - 1]);
    CHECK(swapped[1] == 3.0);
    for (const auto& pair : {std::pair{1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}}) {
        const auto filled = smoothAndFill({{pair.first, 0.5}, {pair.second, 6.0}}, {{1, 1}, {2, 1}, {3, 1}, {4, 1}});
        for (std::size_t i = 1; i < 4; ++i) CHECK(filled[i] > filled[i - 1]);
    }
}

TEST_CASE("optimizer - mini-batch loss and its gradient") {
    std::array<double, 21> gradient{};
    const double loss = batchLoss(Parameters::defaults(), &gradient);
    CHECK(loss == Approx(4.0466027).margin(1e-4));
    const std::array<double, 21> expected = {
        -0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335, 0.0593964,
        -2.1474836,   0.57626534,    -2.8751316,    0.7154875,   -0.028993709, 0.0099172965, -0.2189217,
        -0.0017800558, -0.089381434, 0.299141,      0.068104014, -0.011605468, -0.25398168, 0.27700496};
    for (std::size_t i = 0; i < 21; ++i) {
        INFO("w" << i);
        CHECK(gradient[i] == Approx(expected[i]).margin(1e-4));
    }
}

TEST_CASE("optimizer - two Adam steps with the pull towards the start") {
    const Parameters start = Parameters::defaults();
    std::array<double, 21> gradient{};
    batchLoss(start, &gradient);
    AdamState adam;
    const Parameters first = adamStep(start, gradient, adam, 0.04);
    const std::vector<double> afterFirst = {0.252, 1.3331, 2.3464994, 8.2556, 6.3733, 0.87340003, 2.9794,
                                            0.040999997, 1.8322, 0.20660001, 0.756, 1.5235, 0.021400042, 0.3029,
                                            1.6882998, 0.64140004, 1.8329, 0.5025, 0.13119997, 0.1058, 0.1142};
    for (std::size_t i = 0; i < 21; ++i) {
        INFO("w" << i);
        CHECK(first[i] == Approx(afterFirst[i]).margin(1e-5));
    }
    CHECK(l2Penalty(first, start, 2.0, 512.0 / 1000.0) == Approx(0.67711145).margin(1e-5));

    std::array<double, 21> second{};
    CHECK(batchLoss(first, &second) == Approx(3.767796).margin(1e-4));
    // As upstream, this step uses the log-loss gradient alone; training adds the pull's
    // gradient, which is checked on its own below.
    const Parameters next = adamStep(first, second, adam, 0.04);
    const std::vector<double> afterSecond = {0.2882918, 1.3726242, 2.3861322, 8.215636, 6.339965, 0.9130969,
                                             2.940639,  0.07696985, 1.7921946, 0.2464217, 0.71595186, 1.5631561,
                                             0.001,     0.34230903, 1.7282416, 0.68038, 1.7929853, 0.46258268,
                                             0.14039303, 0.14509967, 0.1};
    for (std::size_t i = 0; i < 21; ++i) {
        INFO("w" << i);
        CHECK(next[i] == Approx(afterSecond[i]).margin(1e-4));
    }
}

TEST_CASE("optimizer - gradients agree with finite differences") {
    // Away from the defaults, so no clamp or floor sits on its edge.
    std::vector<const Parameters*> sets;
    const Parameters defaults = Parameters::defaults();
    const Parameters moved = params({0.3, 1.1, 2.9, 7.0, 6.0, 0.7, 2.5, 0.05, 1.7, 0.2, 0.9, 1.4, 0.08, 0.3, 1.5,
                                     0.5, 2.0, 0.6, 0.15, 0.1, 0.3});
    sets.push_back(&defaults);
    sets.push_back(&moved);
    for (const Parameters* p : sets) {
        std::array<double, 21> gradient{};
        batchLoss(*p, &gradient);
        for (std::size_t i = 0; i < 21; ++i) {
            const double h = 1e-6 * std::max(1.0, std::abs((*p)[i]));
            auto shifted = p->values();
            shifted[i] += h;
            const double up = batchLoss(params({shifted.begin(), shifted.end()}), nullptr);
            shifted[i] -= 2 * h;
            const double down = batchLoss(params({shifted.begin(), shifted.end()}), nullptr);
            INFO("w" << i);
            CHECK(gradient[i] == Approx((up - down) / (2 * h)).margin(1e-5).epsilon(1e-4));
        }
    }
}

TEST_CASE("optimizer - the pull towards the start has the gradient of its value") {
    const Parameters start = Parameters::defaults();
    const Parameters moved = params({0.3, 1.1, 2.9, 7.0, 6.0, 0.7, 2.5, 0.05, 1.7, 0.2, 0.9, 1.4, 0.08, 0.3, 1.5,
                                     0.5, 2.0, 0.6, 0.15, 0.1, 0.3});
    std::array<double, 21> gradient{};
    const double value = l2Penalty(moved, start, 2.0, 0.25, &gradient);
    CHECK(value > 0.0);
    CHECK(l2Penalty(start, start, 2.0, 0.25) == 0.0);
    for (std::size_t i = 0; i < 21; ++i) {
        auto shifted = moved.values();
        shifted[i] += 1e-6;
        const double up = l2Penalty(params({shifted.begin(), shifted.end()}), start, 2.0, 0.25);
        CHECK(gradient[i] == Approx((up - value) / 1e-6).epsilon(1e-4).margin(1e-4));
    }
}

TEST_CASE("optimizer - training items are the later-day reviews with their history") {
    TrainingSet set;
    const std::vector<Rating> ratings = {Rating::Again, Rating::Good, Rating::Good, Rating::Good, Rating::Again};
    const std::vector<std::int64_t> days = {100, 100, 101, 101, 105};
    set.addCard(ratings, days);
    REQUIRE(set.items.size() == 2);
    CHECK(set.items[0].length == 2);
    CHECK(set.target(set.items[0]).deltaT == 1);
    CHECK(set.items[1].length == 4);
    CHECK(set.target(set.items[1]).deltaT == 4);
    CHECK(set.target(set.items[1]).rating == Rating::Again);
    CHECK(set.history(set.items[1])[3].deltaT == 0);
}

TEST_CASE("optimizer - too little data keeps the defaults and says why") {
    TrainingSet set;
    const std::vector<Rating> ratings = {Rating::Good, Rating::Good, Rating::Good};
    const std::vector<std::int64_t> days = {1, 3, 9};
    set.addCard(ratings, days);
    const OptimizerResult result = optimize(set);
    CHECK_FALSE(result.trained);
    CHECK(result.parameters.values() == Parameters::defaults().values());
    CHECK(result.note.find("at least 8") != std::string::npos);
}

TEST_CASE("optimizer - a fit lowers the loss and is the same for the same seed") {
    const TrainingSet set = weakMemorySet(5, 400);
    const Metrics before = evaluate(Parameters::defaults(), set);
    OptimizerSettings settings;
    const OptimizerResult fit = optimize(set, settings);
    REQUIRE(fit.trained);
    const Metrics after = evaluate(fit.parameters, set);
    CHECK(after.logLoss < before.logLoss);
    CHECK(after.rmseBins < before.rmseBins);
    CHECK(optimize(set, settings).parameters.values() == fit.parameters.values());
}

TEST_CASE("optimizer - the held-out check fits on the earliest 80 % and judges on the latest 20 %") {
    const TrainingSet set = weakMemorySet(11, 400);
    const auto check = heldOutCheck(set);
    REQUIRE(check.has_value());
    const std::size_t n = set.items.size();
    CHECK(check->heldOutItems == n - n * 4 / 5);
    // The judged items are the latest by day: no judged item is earlier than an item fitted on.
    std::vector<std::uint32_t> byTime(n);
    for (std::uint32_t i = 0; i < n; ++i) byTime[i] = i;
    std::stable_sort(byTime.begin(), byTime.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return set.items[a].day < set.items[b].day; });
    const std::span<const std::uint32_t> latest(byTime.data() + n * 4 / 5, check->heldOutItems);
    CHECK(check->defaults.logLoss == Approx(evaluate(Parameters::defaults(), set, latest).logLoss).epsilon(1e-12));
    // Memory weaker than the defaults assume: what the past teaches holds for the future too.
    CHECK(check->fitted.logLoss < check->defaults.logLoss);
    // A fit on every item judged on the same latest items does at least as well as one that never saw them.
    const OptimizerResult all = optimize(set);
    CHECK(evaluate(all.parameters, set, latest).logLoss <= check->fitted.logLoss + 1e-3);
}

TEST_CASE("optimizer - no held-out check on too few items or when the player cancels") {
    CHECK_FALSE(heldOutCheck(weakMemorySet(3, 8)).has_value());  // 64 items
    OptimizerSettings cancelled;
    cancelled.progress = [](std::size_t, std::size_t) { return false; };
    CHECK_FALSE(heldOutCheck(weakMemorySet(3, 400), cancelled).has_value());
}
