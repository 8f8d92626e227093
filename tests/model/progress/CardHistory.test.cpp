// A card's history is the log replayed through the course's scheduler: each answer's elapsed
// days, recall before it, stability and difficulty after it and the interval it gave agree with
// the memory model worked out by hand, and the card it ends with is the card the course has.
#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/CardHistory.hpp>

using namespace attune;
using namespace attune::model;
using scheduler::CardPhase;
using scheduler::Rating;

namespace {

CourseProgress progressOf(const Deck& deck, const std::vector<ReviewRecord>& log, scheduler::Moment now) {
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = now;
    return computeProgress(input);
}

ReviewRecord given(ReviewRecord r, int scheduledDays) {
    r.scheduledDays = scheduledDays;
    return r;
}

}  // namespace

TEST_CASE("card history - each answer's S, D, R, elapsed days and interval are the scheduler's") {
    const Deck deck = test::basicDeck("d", {2});
    const std::vector<ReviewRecord> log{
        test::answer("d", "t1-1", "2026-11-01T09:00:00+01:00", Rating::Good, ReviewKind::Learn),
        test::answer("d", "t1-2", "2026-11-01T09:05:00+01:00", Rating::Again, ReviewKind::Learn),  // another card
        given(test::answer("d", "t1-1", "2026-11-01T09:12:00+01:00", Rating::Good, ReviewKind::Learn), 3),
        test::answer("d", "t1-1", "2026-11-04T10:00:00+01:00", Rating::Again, ReviewKind::Review),
        test::answer("d", "t1-1", "2026-11-04T10:15:00+01:00", Rating::Good, ReviewKind::Relearn),  // interval drawn by the replay
        test::answer("d", "t1-1", "2026-11-06T08:00:00+01:00", Rating::Easy, ReviewKind::Cram),
        // Answered on a trip to Tokyo: the date is the player's clock then.
        test::answer("d", "t1-1", "2026-11-09T09:30:00+09:00", Rating::Hard, ReviewKind::Review),
        test::answer("d", "t1-1", "2026-11-10T09:00:00+01:00", Rating::Again, ReviewKind::Review),
    };
    std::vector<ReviewRecord> withUndo = log;
    withUndo.push_back(undoMarkerFor(log.back(), test::at("2026-11-10T09:00:05+01:00")));
    const scheduler::Moment now = test::at("2026-11-20T12:00:00+01:00");
    const CourseProgress p = progressOf(deck, withUndo, now);
    const auto card = p.findCard("d", "t1-1");
    REQUIRE(card.has_value());
    const CardHistory h = cardHistory(p, withUndo, *card, now);

    // The undone Again is gone; the cram answer is listed but changes nothing.
    REQUIRE(h.answers.size() == 6);
    CHECK(h.reviews == 5);
    CHECK(h.lapses == 1);
    CHECK(h.answers[4].kind == ReviewKind::Cram);
    CHECK_FALSE(h.answers[4].changedSchedule);

    // The same answers worked out with the memory model's own formulas.
    const scheduler::Parameters w = scheduler::Parameters::defaults();
    const int dayStart = Settings{}.dayStartHour;
    const std::vector<const ReviewRecord*> changing{&log[0], &log[2], &log[3], &log[4], &log[6]};
    const std::size_t shownAt[5] = {0, 1, 2, 3, 5};
    std::optional<scheduler::MemoryState> memory;
    std::int64_t lastDay = 0;
    for (std::size_t i = 0; i < changing.size(); ++i) {
        const ReviewRecord& r = *changing[i];
        const CardAnswer& a = h.answers[shownAt[i]];
        INFO("answer " << i);
        const std::int64_t day = scheduler::studyDay(r.moment(), dayStart);
        CHECK(a.at.utcMs == r.utcMs);
        CHECK(a.rating == r.rating);
        if (!memory) {
            CHECK(a.phaseBefore == CardPhase::New);
            CHECK(a.elapsedDays == 0);
            CHECK(a.recallBefore == 0.0);
            memory = scheduler::initialMemory(w, r.rating);
        } else {
            CHECK(a.elapsedDays == day - lastDay);
            CHECK(a.recallBefore == Approx(scheduler::retrievability(w, static_cast<double>(day - lastDay), memory->stability)));
            memory = scheduler::nextMemory(w, *memory, static_cast<double>(day - lastDay), r.rating);
        }
        CHECK(a.stability == Approx(memory->stability).epsilon(1e-12));
        CHECK(a.difficulty == Approx(memory->difficulty).epsilon(1e-12));
        lastDay = day;
    }
    // Elapsed days by study day: 3 from the 1st to the 4th, 5 from the 4th to the 9th.
    CHECK(h.answers[2].elapsedDays == 3);
    CHECK(h.answers[5].elapsedDays == 5);
    // The recorded interval is the one given; learning steps wait minutes.
    CHECK(h.answers[0].intervalDays == 0);
    CHECK(h.answers[0].waitMs == 10 * 60 * 1000);
    CHECK(h.answers[1].intervalDays == 3);
    CHECK(h.answers[1].phaseAfter == CardPhase::Review);
    CHECK(h.answers[2].phaseAfter == CardPhase::Relearning);
    CHECK(h.answers[3].intervalDays >= 1);
    CHECK(h.answers[5].intervalDays == h.state.dueDay - scheduler::studyDay(log[6].moment(), dayStart));
    CHECK(localDateTime(h.answers[5].at) == "2026-11-09 09:30");
    CHECK(localDateTime(h.answers[0].at) == "2026-11-01 09:00");

    // The card now is the course's card, and recall now comes from the one clock.
    const scheduler::CardState& course = p.states[*card];
    CHECK(h.state.phase == course.phase);
    CHECK(h.state.dueDay == course.dueDay);
    CHECK(h.state.reps == course.reps);
    CHECK(h.state.memory->stability == course.memory->stability);
    CHECK(h.state.memory->difficulty == course.memory->difficulty);
    CHECK(h.recallNow == Approx(p.recallNow(*card)));
    CHECK(h.daysSinceLastReview == scheduler::studyDay(now, dayStart) - scheduler::studyDay(log[6].moment(), dayStart));
    CHECK(h.recallAfter(static_cast<double>(h.daysSinceLastReview)) == Approx(h.recallNow));
    CHECK(h.recallAfter(0.0) == Approx(1.0));
    CHECK(h.dueDay == course.dueDay);
}

TEST_CASE("card history - a card never answered is new with an empty history") {
    const Deck deck = test::basicDeck("d", {2});
    const std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-11-01T09:00:00Z", Rating::Good, ReviewKind::Learn)};
    const scheduler::Moment now = test::at("2026-11-02T12:00:00Z");
    const CourseProgress p = progressOf(deck, log, now);
    const CardHistory h = cardHistory(p, log, *p.findCard("d", "t1-2"), now);
    CHECK(h.isNew());
    CHECK(h.answers.empty());
    CHECK(h.reviews == 0);
    CHECK(h.recallNow == 0.0);
    CHECK(h.recallAfter(1.0) == 0.0);
    CHECK(h.question == "front of t1-2");
    CHECK(h.topic == "Topic 1");
}

TEST_CASE("card history - answers dated past now wait for their time") {
    const Deck deck = test::basicDeck("d", {1});
    const std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-11-01T09:00:00Z", Rating::Good, ReviewKind::Learn),
                                        test::answer("d", "t1-1", "2026-12-01T09:00:00Z", Rating::Good, ReviewKind::Learn)};
    const scheduler::Moment now = test::at("2026-11-02T12:00:00Z");
    const CourseProgress p = progressOf(deck, log, now);
    const CardHistory h = cardHistory(p, log, 0, now);
    CHECK(h.answers.size() == 1);
    CHECK(h.state.reps == p.states[0].reps);
}

TEST_CASE("card history - cards are named DECK/CARD") {
    const Deck deck = test::basicDeck("d", {2});
    const CourseProgress p = progressOf(deck, {}, test::at("2026-11-02T12:00:00Z"));
    CHECK(findCardByName(p, "d/t1-2") == p.findCard("d", "t1-2"));
    CHECK(findCardByName(p, "d/t1-2").has_value());
    CHECK_FALSE(findCardByName(p, "d/t9-9").has_value());
    CHECK_FALSE(findCardByName(p, "x/t1-1").has_value());
    CHECK_FALSE(findCardByName(p, "t1-1").has_value());
    CHECK_FALSE(findCardByName(p, "d/").has_value());
    CHECK_FALSE(findCardByName(p, "/t1-1").has_value());
    CHECK_FALSE(findCardByName(p, "").has_value());
}
