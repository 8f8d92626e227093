// What the workload simulator starts from: the player's answer times and ratings read from the
// log (undone, cram and imported answers left out, long pauses capped), and the course's cards
// as they are today with its limits and parameters.
#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/Workload.hpp>

#include <vector>

using namespace attune;
using namespace attune::model;
using attune::test::answer;
using attune::test::at;
using attune::test::later;
using scheduler::Rating;

namespace {

constexpr std::int64_t kDay = 86'400'000;

ReviewRecord timed(ReviewRecord record, int ms) {
    record.durationMs = ms;
    return record;
}

}  // namespace

TEST_CASE("workload - with no answers the habits are the simulator's defaults") {
    const AnswerHabits habits = answerHabits({});
    const scheduler::AnswerTimes times;
    const scheduler::RatingShares shares;
    CHECK(habits.answers == 0);
    CHECK(habits.times.first == times.first);
    CHECK(habits.times.review == times.review);
    CHECK(habits.times.learningStep == Approx(times.learningStep));
    CHECK(habits.times.relearningStep == Approx(times.relearningStep));
    for (std::size_t i = 0; i < 4; ++i) CHECK(habits.shares.first[i] == Approx(shares.first[i]));
    for (std::size_t i = 0; i < 3; ++i) CHECK(habits.shares.passed[i] == Approx(shares.passed[i]));
}

TEST_CASE("workload - answer times and ratings come from the player's own counting answers") {
    const auto start = at("2026-03-01T10:00:00Z");
    std::vector<ReviewRecord> log;
    // Card c1: first answer Good in 12 s, then ten Good reviews of 5 s each, one of them taken back.
    log.push_back(timed(answer("d", "c1", start, Rating::Good, ReviewKind::Learn), 12000));
    for (int i = 1; i <= 10; ++i) log.push_back(timed(answer("d", "c1", later(start, i * kDay), Rating::Good), 5000));
    const ReviewRecord undone = timed(answer("d", "c1", later(start, 11 * kDay), Rating::Easy), 1000);
    log.push_back(undone);
    log.push_back(undoMarkerFor(undone, later(start, 11 * kDay + 1000)));
    // Cram changes nothing; a ten-minute pause counts as 60 s.
    log.push_back(timed(answer("d", "c1", later(start, 12 * kDay), Rating::Again, ReviewKind::Cram), 30000));
    log.push_back(timed(answer("d", "c1", later(start, 13 * kDay), Rating::Hard), 600000));
    // Card c2 came from an import: its first own answer is a review, not a first answer.
    log.push_back(timed(answer("d", "c2", start, Rating::Good, ReviewKind::Imported), 0));
    log.push_back(timed(answer("d", "c2", later(start, 2 * kDay), Rating::Good), 5000));

    const AnswerHabits habits = answerHabits(log);
    CHECK(habits.answers == 13);  // 1 first + 10 Good + 1 Hard + 1 Good on c2
    CHECK(habits.timedAnswers == 13);
    const scheduler::AnswerTimes defaults;
    const double prior = kHabitPriorAnswers;
    CHECK(habits.times.review[2] == Approx((11 * 5.0 + prior * defaults.review[2]) / (11 + prior)));
    CHECK(habits.times.review[1] == Approx((60.0 + prior * defaults.review[1]) / (1 + prior)));
    CHECK(habits.times.review[3] == Approx(defaults.review[3]));  // the undone Easy does not count
    CHECK(habits.times.review[0] == Approx(defaults.review[0]));  // nor the crammed Again
    CHECK(habits.times.first[2] == Approx((12.0 + prior * defaults.first[2]) / (1 + prior)));
    const scheduler::RatingShares shares;
    CHECK(habits.shares.first[2] == Approx((1.0 + prior * shares.first[2]) / (1 + prior)));
    CHECK(habits.shares.passed[1] == Approx((11.0 + prior * shares.passed[1]) / (12 + prior)));
    CHECK(habits.shares.passed[0] == Approx((1.0 + prior * shares.passed[0]) / (12 + prior)));
    CHECK(habits.shares.passed[2] == Approx((0.0 + prior * shares.passed[2]) / (12 + prior)));
}

TEST_CASE("workload - the setup holds the daily decks' studied cards on today's scale and the settings' pace") {
    const Deck daily = test::basicDeck("d", {4});
    Deck reference = test::basicDeck("r", {3});
    reference.daily = false;
    const std::vector<Deck> decks{daily, reference};
    const auto start = at("2026-03-01T10:00:00Z");
    std::vector<ReviewRecord> log;
    log.push_back(answer("d", "t1-1", start, Rating::Easy, ReviewKind::Learn));
    log.push_back(answer("d", "t1-2", start, Rating::Easy, ReviewKind::Learn));
    log.push_back(answer("r", "t1-1", start, Rating::Easy, ReviewKind::Learn));
    CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.settings.newCardsPerDay = 7;
    input.settings.reviewsPerDay = 150;
    input.now = later(start, 3 * kDay);
    const CourseProgress course = computeProgress(input);

    const scheduler::SimulationSetup setup = workloadSetup(course, log, 42);
    CHECK(setup.seed == 42);
    CHECK(setup.newCardsPerDay == 7);
    CHECK(setup.reviewsPerDay == 150);
    REQUIRE(setup.cards.size() == 2);  // the reference deck's card is not in the daily session
    CHECK(setup.newCardsLeft == 2);
    const auto c1 = course.findCard("d", "t1-1");
    REQUIRE(c1.has_value());
    const scheduler::CardState& state = course.states[*c1];
    CHECK(setup.cards[0].lastReviewDay == -3);
    CHECK(setup.cards[0].dueDay == state.dueDay - course.today);
    CHECK(setup.cards[0].memory.stability == state.memory->stability);
    CHECK(setup.learningSteps == 2);
    CHECK(setup.relearningSteps == 1);
    CHECK(setup.runs == scheduler::runsFor(2, 2));
}
