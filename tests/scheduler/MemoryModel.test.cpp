// The FSRS-6 memory model against the published vectors of fsrs-rs, py-fsrs and ts-fsrs.
#include "catch.hpp"

#include <attune/scheduler/Scheduler.hpp>

#include <cmath>
#include <utility>
#include <vector>

using namespace attune::scheduler;

namespace {

constexpr double kTolerance = 1e-4;

Parameters params(std::vector<double> values) {
    std::string error;
    auto p = Parameters::fromValues(values, &error);
    INFO(error);
    REQUIRE(p.has_value());
    return *p;
}

const std::vector<double> kW5 = {0.40255, 1.18385, 3.173,  15.69105, 7.1949,  0.5345,  1.4604,
                                 0.0046,  1.54575, 0.1192, 1.01925,  1.9395,  0.11,    0.29605,
                                 2.2698,  0.2315,  2.9898, 0.51655,  0.6621};
const std::vector<double> kP19 = {0.6845422, 1.6790825, 4.7349424,  10.042885, 7.4410233, 0.64219797, 1.071918,
                                  0.0025195254, 1.432437, 0.1544, 0.8692766, 2.0696752, 0.0953,    0.2975,
                                  2.4691248, 0.19542035, 3.201072, 0.18046261, 0.121442534};

Rating rating(int g) { return static_cast<Rating>(g); }

MemoryState replay(const Parameters& w, const std::vector<std::pair<int, int>>& reviews, bool shortTerm = true) {
    MemoryState state = initialMemory(w, rating(reviews.front().first));
    for (std::size_t i = 1; i < reviews.size(); ++i)
        state = nextMemory(w, state, reviews[i].second, rating(reviews[i].first), shortTerm);
    return state;
}

void checkState(MemoryState actual, double stability, double difficulty) {
    CHECK(actual.stability == Approx(stability).margin(kTolerance));
    CHECK(actual.difficulty == Approx(difficulty).margin(kTolerance));
}

}  // namespace

TEST_CASE("memory model - default parameters are the FSRS-6 defaults") {
    const auto w = Parameters::defaults();
    CHECK(w[0] == 0.212);
    CHECK(w[4] == 6.4133);
    CHECK(w[20] == 0.1542);
}

TEST_CASE("memory model - power forgetting curve") {
    const auto w = Parameters::defaults();
    const std::vector<std::pair<double, double>> ts = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 4}, {5, 2}};
    const std::vector<double> expected = {1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359};
    for (std::size_t i = 0; i < ts.size(); ++i)
        CHECK(retrievability(w, ts[i].first, ts[i].second) == Approx(expected[i]).margin(1e-6));
    const std::vector<double> unit = {1.0, 0.9, 0.8458846447796301, 0.8093881028681906};
    for (int t = 0; t < 4; ++t) CHECK(retrievability(w, t, 1.0) == Approx(unit[static_cast<std::size_t>(t)]).margin(1e-9));
}

TEST_CASE("memory model - current retrievability with an explicit decay") {
    const std::vector<double> expected = {1.0, 0.9, 0.84028935, 0.7985001};
    for (int t = 0; t < 4; ++t)
        CHECK(forgettingCurve(0.2, t, 1.0) == Approx(expected[static_cast<std::size_t>(t)]).margin(1e-6));
}

TEST_CASE("memory model - initial stability and difficulty") {
    const auto w = Parameters::defaults();
    const std::vector<double> s0 = {0.212, 1.2931, 2.3065, 8.2956};
    const std::vector<double> d0 = {6.4133, 5.11217071, 2.11810397, -4.7716307};
    const std::vector<double> stored = {6.4133, 5.11217071, 2.11810397, 1.0};
    for (int g = 1; g <= 4; ++g) {
        const auto i = static_cast<std::size_t>(g - 1);
        CHECK(initialDifficultyRaw(w, rating(g)) == Approx(d0[i]).margin(1e-6));
        checkState(initialMemory(w, rating(g)), s0[i], stored[i]);
    }
}

TEST_CASE("memory model - next difficulty with damping and mean reversion") {
    const auto w = Parameters::defaults();
    const std::vector<double> damped = {8.354889, 6.6774445, 5.0, 3.3225555};
    const std::vector<double> reverted = {8.34176237, 6.66599536, 4.99022837, 3.31446137};
    for (int g = 1; g <= 4; ++g) {
        const auto i = static_cast<std::size_t>(g - 1);
        CHECK(dampedDifficulty(w, 5.0, rating(g)) == Approx(damped[i]).margin(1e-5));
        CHECK(nextDifficulty(w, 5.0, rating(g)) == Approx(reverted[i]).margin(1e-6));
    }
}

TEST_CASE("memory model - stability after recall lapse and same-day review") {
    const auto w = Parameters::defaults();
    const std::vector<double> success = {25.60252118, 28.22657096, 58.65599107, 127.2266925};
    const std::vector<double> failure = {1.0525396, 1.1894329, 1.3680838, 1.584989};
    const std::vector<double> shortTerm = {1.596818, 5.0, 5.0, 8.12960956};
    for (int g = 1; g <= 4; ++g) {
        const auto i = static_cast<std::size_t>(g - 1);
        const double d = g;
        const double r = 1.0 - 0.1 * g;
        CHECK(stabilityAfterRecall(w, 5.0, d, r, rating(g)) == Approx(success[i]).margin(kTolerance));
        CHECK(stabilityAfterLapse(w, 5.0, d, r) == Approx(failure[i]).margin(kTolerance));
        CHECK(stabilityShortTerm(w, 5.0, rating(g)) == Approx(shortTerm[i]).margin(kTolerance));
    }
}

TEST_CASE("memory model - next interval for each desired retention") {
    const auto w = Parameters::defaults();
    const std::vector<int> expected = {3116769, 34793, 2508, 387, 90, 27, 9, 3, 1, 1};
    for (int i = 0; i < 10; ++i) {
        const double retention = 0.1 * (i + 1);
        CHECK(intervalDays(w, 1.0, retention, 100'000'000) == expected[static_cast<std::size_t>(i)]);
    }
    CHECK(intervalDays(w, 1.0, 0.1, 36500) == 36500);
    CHECK(rawInterval(w, 121.01552, 0.9) == Approx(121.01552).epsilon(1e-9));
}

TEST_CASE("memory model - memory state from SM-2 fields") {
    const auto w = Parameters::defaults();
    checkState(memoryFromSm2(w, 2.5, 10, 0.9), 10.0, 6.9140563);
    checkState(memoryFromSm2(w, 2.5, 10, 0.8), 3.01572, 9.393428);
    checkState(memoryFromSm2(w, 2.5, 10, 0.95), 24.841097, 1.2974405);
    checkState(memoryFromSm2(w, 1.3, 20, 0.9), 20.0, 10.0);
}

TEST_CASE("memory model - FSRS-4.5 parameters convert to FSRS-6") {
    const auto p = params({0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29,
                           2.61});
    const std::vector<double> expected = {0.4, 0.6,  2.4,  5.8,  6.81, 0.44675013, 1.36, 0.01, 1.49, 0.14, 0.94,
                                          2.18, 0.05, 0.34, 1.26, 0.29, 2.61, 0.0, 0.0, 0.0, 0.5};
    for (std::size_t i = 0; i < 21; ++i) CHECK(p[i] == Approx(expected[i]).margin(1e-6));
}

TEST_CASE("memory model - FSRS-5 parameters are padded") {
    const auto p = params(kW5);
    CHECK(p[18] == 0.6621);
    CHECK(p[19] == 0.0);
    CHECK(p[20] == 0.5);
}

TEST_CASE("memory model - bad parameter vectors are refused with a reason") {
    std::string error;
    std::vector<double> twenty(20, 1.0);
    CHECK_FALSE(Parameters::fromValues(twenty, &error).has_value());
    CHECK(error.find("20") != std::string::npos);
    std::vector<double> nan(21, 1.0);
    nan[3] = std::nan("");
    CHECK_FALSE(Parameters::fromValues(nan, &error).has_value());
    CHECK(error.find("w3") != std::string::npos);
}

TEST_CASE("memory model - parameter clamps") {
    auto values = Parameters::defaults().values();
    const std::vector<double> raw = {0, -1000, 1000, 0, 1000, -1000, 1, 0.25, -0.1};
    for (std::size_t i = 0; i < raw.size(); ++i) values[i] = raw[i];
    const auto clipped = params({values.begin(), values.end()}).clamped();
    const std::vector<double> expected = {0.001, 0.001, 100.0, 0.001, 10.0, 0.001, 1.0, 0.25, 0.0};
    for (std::size_t i = 0; i < expected.size(); ++i) CHECK(clipped[i] == Approx(expected[i]));

    const auto twoSteps = Parameters::defaults().clamped(2);
    CHECK(twoSteps[17] == Approx(0.5425));
    CHECK(twoSteps[18] == Approx(0.0912));
    CHECK(twoSteps[19] == Approx(0.0658));

    auto high = Parameters::defaults().values();
    high[17] = 2.5;
    high[18] = 2.5;
    const auto ceiling = params({high.begin(), high.end()}).clamped(2);
    CHECK(ceiling[17] == Approx(0.6001).margin(1e-3));
    CHECK(ceiling[18] == Approx(0.6001).margin(1e-3));
    CHECK(params({high.begin(), high.end()}).clamped(1)[17] == 2.0);
}

TEST_CASE("memory model - memory state sequences") {
    const auto w = Parameters::defaults();
    const std::vector<std::pair<int, int>> m1 = {{1, 0}, {3, 0}, {3, 1}, {3, 3}, {3, 8}, {3, 21}};
    SECTION("M1 short-term default") { checkState(replay(w, m1), 53.62691, 6.3574867); }
    SECTION("M2 without same-day parameters") {
        auto values = w.values();
        values[17] = values[18] = values[19] = 0.0;
        checkState(replay(params({values.begin(), values.end()}), m1), 53.335106, 6.3574867);
    }
    SECTION("M2b long-term mode") { checkState(replay(w, m1, false), 53.335106, 6.3574867); }
    SECTION("M3 all ratings") {
        checkState(replay(w, {{1, 0}, {2, 0}, {3, 1}, {4, 3}, {3, 8}, {3, 21}}), 51.080986, 6.749289);
    }
    SECTION("M4 repeated same-day review") {
        checkState(replay(w, {{1, 0}, {3, 0}, {3, 0}, {3, 1}, {3, 3}, {3, 8}, {3, 21}}), 54.0393, 6.3464);
    }
    SECTION("M5 and M7 with the fsrs-rs test parameters") {
        const auto p = params(kP19);
        checkState(replay(p, {{1, 0}, {3, 1}, {3, 3}, {3, 8}, {3, 21}}), 31.722992, 7.382128);
        const MemoryState before = replay(p, {{1, 0}, {3, 1}, {3, 3}, {3, 8}});
        checkState(nextMemory(p, before, 21, Rating::Again), 2.9691455, 8.000659);
        checkState(nextMemory(p, before, 21, Rating::Hard), 17.091452, 7.6913934);
        checkState(nextMemory(p, before, 21, Rating::Good), 31.722992, 7.382128);
        checkState(nextMemory(p, before, 21, Rating::Easy), 71.7502, 7.0728626);
        CHECK(rawInterval(p, 31.722992, 0.9) == Approx(31.722992));
    }
    SECTION("M6 one step from a given state") {
        checkState(nextMemory(params(kP19), {20.925528, 7.005062}, 21, Rating::Good), 40.87456, 6.9913807);
    }
    SECTION("M8 FSRS-5 defaults") {
        const auto p = params(kW5);
        checkState(replay(p, m1), 48.26549438, 7.10441712);
        checkState(replay(p, m1, false), 48.065163, 7.10441712);
    }
    SECTION("M9 first review then one more") {
        const std::vector<std::pair<int, int>> cases = {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {1, 2}, {2, 2}};
        const std::vector<std::pair<double, double>> expected = {{0.10089, 8.8063}, {3.24941, 6.74046},
                                                                 {7.3153, 2.11121}, {18.01494, 1.0},
                                                                 {0.1128, 8.8063},  {4.46946, 6.74046}};
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const auto [g, t] = cases[i];
            checkState(replay(w, {{g, 0}, {g, t}}), expected[i].first, expected[i].second);
        }
    }
}

TEST_CASE("memory model - FSRS-5 single formulas") {
    const auto p = params(kW5);
    const std::vector<std::pair<double, double>> ts = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 4}, {5, 2}};
    const std::vector<double> curve = {1.0, 0.946059, 0.9299294, 0.9221679, 0.90000004, 0.79394597};
    for (std::size_t i = 0; i < ts.size(); ++i)
        CHECK(retrievability(p, ts[i].first, ts[i].second) == Approx(curve[i]).margin(1e-6));
    const std::vector<double> damped = {6.622667, 5.811333, 5.0, 4.188667};
    const std::vector<double> reverted = {6.607035, 5.7994337, 4.9918327, 4.1842318};
    const std::vector<double> success = {25.77614, 14.121894, 60.40441, 208.97597};
    const std::vector<double> failure = {1.7028502, 1.9798818, 2.3759942, 2.8885393};
    const std::vector<double> shortTerm = {2.5051427, 4.199207, 7.038856, 11.798775};
    const std::vector<double> forwardS = {0.2619, 1.7074, 5.8691, 25.0124, 0.2859, 2.1482};
    const std::vector<double> forwardD = {8.0827, 7.0405, 5.2729, 2.1301, 8.0827, 7.0405};
    const std::vector<double> firstD = {7.1949, 6.48830527, 5.28243442, 3.22450159};
    const std::vector<double> firstS = {0.40255, 1.18385, 3.173, 15.69105};
    for (int g = 1; g <= 4; ++g) {
        const auto i = static_cast<std::size_t>(g - 1);
        CHECK(dampedDifficulty(p, 5.0, rating(g)) == Approx(damped[i]).margin(1e-5));
        CHECK(nextDifficulty(p, 5.0, rating(g)) == Approx(reverted[i]).margin(1e-5));
        CHECK(stabilityAfterRecall(p, 5.0, g, 1.0 - 0.1 * g, rating(g)) == Approx(success[i]).margin(kTolerance));
        CHECK(stabilityAfterLapse(p, 5.0, g, 1.0 - 0.1 * g) == Approx(failure[i]).margin(kTolerance));
        // FSRS-5 had no floor of 1 on same-day growth: the raw factor reproduces it.
        CHECK(5.0 * shortTermGrowth(p, 5.0, rating(g)) == Approx(shortTerm[i]).margin(kTolerance));
        checkState(initialMemory(p, rating(g)), firstS[i], firstD[i]);
    }
    const std::vector<std::pair<int, int>> cases = {{1, 1}, {2, 1}, {3, 1}, {4, 1}, {1, 2}, {2, 2}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto [g, t] = cases[i];
        checkState(replay(p, {{g, 0}, {g, t}}), forwardS[i], forwardD[i]);
    }
}

TEST_CASE("memory model - properties") {
    const auto w = Parameters::defaults();
    SECTION("stability stays within its clamps after many lapses") {
        MemoryState state = initialMemory(w, Rating::Again);
        for (int i = 0; i < 1000; ++i) {
            state = nextMemory(w, state, 1 + i % 3, Rating::Again);
            REQUIRE(state.stability >= kMinimumStability);
            REQUIRE(state.stability <= kMaximumStability);
            REQUIRE(state.difficulty >= 1.0);
            REQUIRE(state.difficulty <= 10.0);
        }
        MemoryState strong = initialMemory(w, Rating::Easy);
        for (int i = 0; i < 40; ++i) strong = nextMemory(w, strong, 36500, Rating::Easy);
        CHECK(strong.stability == kMaximumStability);
    }
    SECTION("repeated Easy reaches difficulty 1 exactly") {
        MemoryState state = initialMemory(w, Rating::Easy);
        for (int i = 0; i < 10; ++i) state = nextMemory(w, state, 0, Rating::Easy);
        CHECK(state.difficulty == 1.0);
    }
    SECTION("retrievability falls with time") {
        for (double s : {0.5, 3.0, 40.0, 900.0}) {
            double previous = 1.1;
            for (int t = 0; t < 400; t += 7) {
                const double r = retrievability(w, t, s);
                REQUIRE(r < previous);
                REQUIRE(r > 0.0);
                previous = r;
            }
        }
    }
    SECTION("intervals grow as desired retention falls") {
        for (double s : {0.5, 3.0, 40.0, 900.0}) {
            int previous = 0;
            for (int k = 99; k >= 70; --k) {
                const int days = intervalDays(w, s, k / 100.0, 36500);
                REQUIRE(days >= previous);
                previous = days;
            }
            CHECK(intervalDays(w, s, 0.70, 36500) > intervalDays(w, s, 0.99, 36500));
        }
    }
}
