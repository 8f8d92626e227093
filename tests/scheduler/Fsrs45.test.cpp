// The original FSRS-4.5 model against its published vectors (py-fsrs 4.x / ts-fsrs 4.x test suites).
#include "catch.hpp"

#include <attune/scheduler/Fsrs45.hpp>

#include <vector>

using namespace attune::scheduler;

namespace {

const fsrs45::Weights kP17 = {1.0171, 1.8296, 4.4145, 10.9355, 5.0965, 1.3322, 1.017, 0.0, 1.6243,
                              0.1369, 1.0321, 2.1866, 0.0661, 0.336, 1.7766, 0.1693, 2.9244};
const fsrs45::Weights kW45 = {0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975, 0.031, 1.6474,
                              0.1367, 1.0461, 2.1072, 0.0793, 0.3246, 1.587, 0.2272, 2.8755};

Rating rating(int g) { return static_cast<Rating>(g); }

MemoryState replay(const std::vector<std::pair<int, int>>& reviews) {
    MemoryState state = fsrs45::initialMemory(kP17, rating(reviews.front().first));
    for (std::size_t i = 1; i < reviews.size(); ++i)
        state = fsrs45::nextMemory(kP17, state, reviews[i].second, rating(reviews[i].first));
    return state;
}

}  // namespace

TEST_CASE("fsrs 4.5 - memory state sequences") {
    const MemoryState memo = replay({{1, 0}, {3, 1}, {3, 3}, {3, 8}, {3, 21}});
    CHECK(memo.stability == Approx(43.05542).margin(1e-4));
    CHECK(memo.difficulty == Approx(7.7609).margin(1e-4));
    const MemoryState one = fsrs45::nextMemory(kP17, {20.925528, 7.005062}, 21, Rating::Good);
    CHECK(one.stability == Approx(51.441338).margin(1e-4));
    CHECK(one.difficulty == Approx(7.005062).margin(1e-4));
}

TEST_CASE("fsrs 4.5 - next states and intervals") {
    const MemoryState before = replay({{1, 0}, {3, 1}, {3, 3}, {3, 8}});
    const std::vector<double> s = {3.9653313, 22.415548, 43.05542, 90.86977};
    const std::vector<double> d = {9.7949, 8.7779, 7.7609, 6.7439003};
    const std::vector<int> days = {4, 22, 43, 91};
    for (int g = 1; g <= 4; ++g) {
        const auto i = static_cast<std::size_t>(g - 1);
        const MemoryState next = fsrs45::nextMemory(kP17, before, 21, rating(g));
        CHECK(next.stability == Approx(s[i]).margin(1e-4));
        CHECK(next.difficulty == Approx(d[i]).margin(1e-4));
        CHECK(fsrs45::intervalDays(next.stability, 0.9, 36500) == days[i]);
    }
    const std::vector<int> byRetention = {422, 102, 43, 22, 13, 8, 4, 2, 1, 1};
    for (int k = 0; k < 10; ++k)
        CHECK(fsrs45::intervalDays(1.0, 0.1 * (k + 1), 36500) == byRetention[static_cast<std::size_t>(k)]);
    const std::vector<double> curve = {1.0, 0.9, 0.82502866, 0.76613088};
    for (int t = 0; t < 4; ++t) CHECK(fsrs45::retrievability(t, 1.0) == Approx(curve[static_cast<std::size_t>(t)]).margin(1e-6));
}

TEST_CASE("fsrs 4.5 - default parameter formulas") {
    const std::vector<double> difficulty = {6.744371, 5.8746934, 5.005016, 4.1353383};
    const std::vector<double> recall = {27.980768, 14.916422, 66.45966, 222.94603};
    const std::vector<double> lapse = {1.9482934, 2.161251, 2.4528089, 2.8098207};
    for (int g = 1; g <= 4; ++g) {
        const auto i = static_cast<std::size_t>(g - 1);
        const double r = 1.0 - 0.1 * g;
        CHECK(fsrs45::nextDifficulty(kW45, 5.0, rating(g)) == Approx(difficulty[i]).margin(1e-5));
        CHECK(fsrs45::stabilityAfterRecall(kW45, 5.0, g, r, rating(g)) == Approx(recall[i]).margin(1e-4));
        CHECK(fsrs45::stabilityAfterLapse(kW45, 5.0, g, r) == Approx(lapse[i]).margin(1e-4));
    }
}
