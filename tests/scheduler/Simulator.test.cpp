// The workload simulator: reproducible for a seed, more work and more remembered at a higher
// retention, nothing from nothing, the daily limits honoured, and tiny cases worked out by hand.
#include "catch.hpp"

#include <attune/scheduler/Simulator.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace attune::scheduler;

namespace {

/// A new learner: `cards` cards to introduce at `perDay` a day, a review limit that never binds.
SimulationSetup newLearner(int cards, int perDay) {
    SimulationSetup setup;
    setup.newCardsLeft = cards;
    setup.newCardsPerDay = perDay;
    setup.reviewsPerDay = 100000;
    setup.seed = 7;
    return setup;
}

/// One studied card, `elapsed` days after its last review, due `dueDay` from today.
SimulationSetup oneCard(double stability, double difficulty, std::int64_t lastReviewDay, std::int64_t dueDay, int days) {
    SimulationSetup setup;
    setup.cards.push_back({{stability, difficulty}, lastReviewDay, dueDay});
    setup.newCardsLeft = 0;
    setup.days = days;
    setup.shares.passed = {0.0, 1.0, 0.0};  // a recalled card is always rated Good
    setup.times.review = {20.0, 11.0, 8.0, 6.0};
    setup.times.relearningStep = 10.0;
    setup.relearningSteps = 1;
    return setup;
}

// The default FSRS-6 decay (w20) and the factor that makes R(S, S) = 0.9.
constexpr double kDecay = 0.1542;
double factor() { return std::pow(0.9, -1.0 / kDecay) - 1.0; }
double recallByHand(double elapsed, double stability) { return std::pow(1.0 + factor() * elapsed / stability, -kDecay); }

}  // namespace

TEST_CASE("the same seed gives the same figures, another seed other ones") {
    const SimulationSetup setup = newLearner(300, 10);
    const SimulationResult a = simulate(setup, 0.85);
    const SimulationResult b = simulate(setup, 0.85);
    CHECK(a.minutesPerDay == b.minutesPerDay);
    CHECK(a.reviews == b.reviews);
    CHECK(a.lapses == b.lapses);
    CHECK(a.remembered == b.remembered);

    SimulationSetup other = setup;
    other.seed = 8;
    const SimulationResult c = simulate(other, 0.85);
    CHECK((c.lapses != a.lapses || c.remembered != a.remembered));
}

TEST_CASE("the draws are uniform from 0 up to 1 and depend on every argument") {
    double sum = 0.0;
    int below = 0;
    for (std::uint64_t i = 0; i < 20000; ++i) {
        const double u = simulationDraw(1, i, 0, 0);
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        if (u < 0.1) ++below;
    }
    CHECK(sum / 20000.0 == Approx(0.5).margin(0.01));
    CHECK(below == Approx(2000).margin(150));
    const double base = simulationDraw(3, 4, 5, 0);
    CHECK(base == simulationDraw(3, 4, 5, 0));
    CHECK(base != simulationDraw(4, 4, 5, 0));
    CHECK(base != simulationDraw(3, 5, 5, 0));
    CHECK(base != simulationDraw(3, 4, 6, 0));
    CHECK(base != simulationDraw(3, 4, 5, 1));
}

TEST_CASE("a higher desired retention means more reviews and more minutes a day, and more remembered") {
    const SimulationSetup setup = newLearner(2000, 20);
    const std::vector<double> retentions{0.70, 0.80, 0.90, 0.97};
    const SweepResult sweep = sweepRetention(setup, retentions);
    REQUIRE(sweep.points.size() == retentions.size());
    for (std::size_t i = 1; i < sweep.points.size(); ++i) {
        INFO("retention " << retentions[i]);
        CHECK(sweep.points[i].reviewsPerDay > sweep.points[i - 1].reviewsPerDay);
        CHECK(sweep.points[i].minutesPerDay > sweep.points[i - 1].minutesPerDay);
        CHECK(sweep.points[i].remembered > sweep.points[i - 1].remembered);
    }
    // 20 a day for 100 days introduces all 2,000; a year later most are remembered, never more than all.
    for (const auto& point : sweep.points) {
        CHECK(point.newCardsPerDay == Approx(2000.0 / 365.0));
        CHECK(point.remembered > 0.6 * 2000.0);
        CHECK(point.remembered < 2000.0);
    }
    // At 97 % the cards are remembered at least about as well as asked for, a year on.
    CHECK(sweep.points.back().remembered / 2000.0 > 0.9);
}

TEST_CASE("no cards and nothing to introduce gives zeros and no best retention") {
    const SimulationSetup setup = newLearner(0, 10);
    const std::vector<double> retentions = retentionSweep();
    const SweepResult sweep = sweepRetention(setup, retentions);
    REQUIRE(sweep.points.size() == retentions.size());
    for (const auto& point : sweep.points) {
        CHECK(point.minutesPerDay == 0.0);
        CHECK(point.reviewsPerDay == 0.0);
        CHECK(point.remembered == 0.0);
        CHECK(point.minutesPerRemembered == 0.0);
    }
    CHECK_FALSE(sweep.best.has_value());
}

TEST_CASE("the sweep runs from 70 to 97 percent and marks the least minutes per card remembered") {
    const std::vector<double> retentions = retentionSweep();
    REQUIRE(retentions.size() == 28);
    CHECK(retentions.front() == Approx(0.70));
    CHECK(retentions.back() == Approx(0.97));
    const SweepResult sweep = sweepRetention(newLearner(500, 10), retentions);
    REQUIRE(sweep.best.has_value());
    for (const auto& point : sweep.points)
        CHECK(sweep.points[*sweep.best].minutesPerRemembered <= point.minutesPerRemembered);
    CHECK(sweep.points[*sweep.best].desiredRetention == Approx(retentions[*sweep.best]));
}

TEST_CASE("the sweep reports progress and stops when asked") {
    const std::vector<double> retentions = retentionSweep();
    std::vector<std::size_t> seen;
    const SweepResult sweep = sweepRetention(newLearner(50, 5), retentions, [&](std::size_t done, std::size_t total) {
        CHECK(total == retentions.size());
        seen.push_back(done);
        return done < 3;
    });
    CHECK(seen == std::vector<std::size_t>{1, 2, 3});
    CHECK(sweep.points.size() == 3);
    CHECK(sweep.stopped);
}

TEST_CASE("new cards come at the daily pace, today's already introduced counted, until none is left") {
    SimulationSetup setup = newLearner(100, 10);
    setup.newDoneToday = 4;
    setup.days = 3;
    CHECK(simulate(setup, 0.9).newCardsPerDay == Approx(26.0 / 3.0));  // 6 + 10 + 10
    setup.newCardsLeft = 15;
    CHECK(simulate(setup, 0.9).newCardsPerDay == Approx(15.0 / 3.0));
}

TEST_CASE("due cards over the review limit wait for the next day") {
    SimulationSetup setup;
    for (int i = 0; i < 100; ++i) setup.cards.push_back({{50.0, 5.0}, -60, -10});
    setup.reviewsPerDay = 30;
    setup.reviewsDoneToday = 10;
    setup.days = 2;
    // Today 20 (30 less the 10 done), tomorrow 30; the rest wait beyond the span.
    CHECK(simulate(setup, 0.9).reviews == 50);
    setup.days = 3;
    CHECK(simulate(setup, 0.9).reviews == 20 + 30 + 30);
}

TEST_CASE("a card due after the span is not reviewed: it is remembered as its forgetting curve says") {
    // S = 100, last reviewed 10 days ago, due in 400 days; 30 days simulated: R at 40 days.
    const SimulationSetup setup = oneCard(100.0, 5.0, -10, 400, 30);
    const SimulationResult result = simulate(setup, 0.9);
    CHECK(result.reviews == 0);
    CHECK(result.minutesPerDay == 0.0);
    CHECK(result.remembered == Approx(recallByHand(40.0, 100.0)).epsilon(1e-12));
    CHECK(result.remembered == Approx(0.9503).margin(0.0001));  // (1 + 0.98035 * 0.4)^-0.1542
}

TEST_CASE("one card reviewed on day 0 is updated by the model and its next interval lies beyond the span") {
    const Parameters w = Parameters::defaults();
    const MemoryModel model(w);
    // S = 10 and D = 5, last reviewed 5 days ago, due today; 3 days simulated at 90 %.
    SimulationSetup setup = oneCard(10.0, 5.0, -5, 0, 3);
    const double recall = recallByHand(5.0, 10.0);
    REQUIRE(recall == Approx(retrievability(w, 5.0, 10.0)));

    SECTION("recalled: Good at 8 seconds") {
        // A seed whose recall draw falls under R: the card is recalled.
        while (simulationDraw(setup.seed, 0, 0, 0) >= recall) ++setup.seed;
        const MemoryState after = model.next({10.0, 5.0}, 5.0, Rating::Good);
        REQUIRE(intervalDays(w, after.stability, 0.9, 36500) > 3);
        const SimulationResult result = simulate(setup, 0.9);
        CHECK(result.reviews == 1);
        CHECK(result.lapses == 0);
        CHECK(result.minutesPerDay == Approx(8.0 / 60.0 / 3.0));
        CHECK(result.reviewsPerDay == Approx(1.0 / 3.0));
        CHECK(result.remembered == Approx(recallByHand(3.0, after.stability)).epsilon(1e-12));
        CHECK(result.minutesPerRemembered == Approx(8.0 / 60.0 / result.remembered));
    }
    SECTION("forgotten: Again at 20 seconds, then one relearning step at 10") {
        while (simulationDraw(setup.seed, 0, 0, 0) < recall) ++setup.seed;
        setup.days = 1;
        const MemoryState lapsed = model.next(model.next({10.0, 5.0}, 5.0, Rating::Again), 0.0, Rating::Good);
        REQUIRE(lapsed.stability < 10.0);
        const SimulationResult result = simulate(setup, 0.9);
        CHECK(result.reviews == 1);
        CHECK(result.lapses == 1);
        CHECK(result.minutesPerDay == Approx(30.0 / 60.0));
        CHECK(result.remembered == Approx(recallByHand(1.0, lapsed.stability)).epsilon(1e-12));
    }
}

TEST_CASE("a new card's first answer and learning steps cost their times") {
    SimulationSetup setup;
    setup.newCardsLeft = 1;
    setup.days = 1;
    setup.learningSteps = 2;
    setup.times.first = {20.0, 15.0, 10.0, 7.0};
    setup.times.learningStep = 5.0;
    SECTION("Easy graduates at once") {
        setup.shares.first = {0.0, 0.0, 0.0, 1.0};
        CHECK(simulate(setup, 0.9).minutesPerDay == Approx(7.0 / 60.0));
    }
    SECTION("Good takes the last step") {
        setup.shares.first = {0.0, 0.0, 1.0, 0.0};
        CHECK(simulate(setup, 0.9).minutesPerDay == Approx(15.0 / 60.0));
    }
    SECTION("Again takes every step") {
        setup.shares.first = {1.0, 0.0, 0.0, 0.0};
        CHECK(simulate(setup, 0.9).minutesPerDay == Approx(30.0 / 60.0));
    }
}

TEST_CASE("several runs are the mean of single runs with consecutive seeds") {
    SimulationSetup setup = newLearner(40, 5);
    setup.runs = 3;
    const SimulationResult mean = simulate(setup, 0.88);
    SimulationSetup single = setup;
    single.runs = 1;
    double minutes = 0.0, remembered = 0.0;
    for (int run = 0; run < 3; ++run) {
        single.seed = setup.seed + static_cast<std::uint64_t>(run);
        const SimulationResult r = simulate(single, 0.88);
        minutes += r.minutesPerDay / 3.0;
        remembered += r.remembered / 3.0;
    }
    CHECK(mean.minutesPerDay == Approx(minutes));
    CHECK(mean.remembered == Approx(remembered));
    CHECK(runsFor(0, 0) == 16);
    CHECK(runsFor(1000, 1000) == 2);
    CHECK(runsFor(20000, 0) == 1);
}

TEST_CASE("hostile setups do not break the simulator") {
    SimulationSetup setup;
    setup.cards.push_back({{0.0, -3.0}, 5, -1000000});
    setup.cards.push_back({{1e300, 50.0}, -100000, 10});
    setup.cards.push_back({{std::nan(""), std::nan("")}, INT64_MIN, INT64_MAX});
    setup.cards.push_back({{-1.0, 0.0}, INT64_MAX, INT64_MIN});
    setup.newCardsLeft = -5;
    setup.newCardsPerDay = -1;
    setup.learningSteps = INT_MAX;
    setup.relearningSteps = INT_MAX;
    setup.reviewsPerDay = -1;
    setup.shares.first = {-1.0, std::nan(""), 0.0, 0.0};
    setup.times.review = {-4.0, std::nan(""), 1e308, 0.0};
    SimulationResult result = simulate(setup, 0.9);
    CHECK(result.reviews == 0);  // a negative limit answers nothing
    CHECK(std::isfinite(result.remembered));
    setup.reviewsPerDay = 10;
    setup.newCardsLeft = 2'000'000'000;
    setup.newCardsPerDay = 3;
    result = simulate(setup, 0.9);
    CHECK(result.reviews > 0);
    CHECK(std::isfinite(result.minutesPerDay));
    CHECK(std::isfinite(result.remembered));
    CHECK(result.newCardsPerDay == Approx(3.0));
    setup.days = -4;
    result = simulate(setup, 1.5);
    CHECK(result.reviews == 0);
    CHECK(result.remembered == 0.0);
}
