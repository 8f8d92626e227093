#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/Progress.hpp>

#include <algorithm>
#include <random>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

CourseProgress progressOf(const Deck& deck, const std::vector<ReviewRecord>& log, scheduler::Moment now) {
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = now;
    return computeProgress(input);
}

bool sameState(const scheduler::CardState& a, const scheduler::CardState& b) {
    return a.phase == b.phase && a.dueDay == b.dueDay && a.dueMs == b.dueMs && a.reps == b.reps &&
           a.lapses == b.lapses && a.step == b.step && a.memory.has_value() == b.memory.has_value() &&
           (!a.memory || (a.memory->stability == b.memory->stability && a.memory->difficulty == b.memory->difficulty));
}

// A card's answers in the log, in time order: what a replay of that card alone is given. (The
// logs here hold plain reviews only, no undo or cram.)
std::vector<scheduler::ReviewEvent> historyOf(const std::vector<ReviewRecord>& log, const std::string& cardId) {
    std::vector<scheduler::ReviewEvent> history;
    for (const ReviewRecord& r : log)
        if (r.cardId == cardId) history.push_back({r.moment(), r.rating});
    std::stable_sort(history.begin(), history.end(), [](const auto& a, const auto& b) { return a.at.utcMs < b.at.utcMs; });
    return history;
}

}  // namespace

TEST_CASE("progress - live answers land where a replay of the log lands") {
    // replayFuzzSeed must match scheduler::replayCard, or due dates shown in a session would
    // move after a restart.
    Deck deck = test::basicDeck("d", {20});
    std::mt19937_64 random(7);
    std::vector<ReviewRecord> log;
    auto t = test::at("2025-01-01T09:00:00+01:00");
    for (int i = 0; i < 400; ++i) {
        t = test::later(t, static_cast<std::int64_t>(random() % (3 * 86400000ULL)));
        const auto rating = static_cast<Rating>(1 + random() % 4);
        log.push_back(test::answer("d", "t1-" + std::to_string(1 + random() % 20), t, rating));
    }
    const auto progress = progressOf(deck, log, test::later(t, 1000));
    const scheduler::Scheduler s(schedulerSettingsFor(Settings{}, scheduler::Parameters::defaults()));
    for (std::uint32_t i = 0; i < progress.cards.size(); ++i) {
        INFO("card " << i);
        const auto history = historyOf(log, progress.studyCardOf(i).id);
        CHECK(progress.cards[i].scheduledAnswers == history.size());
        CHECK(sameState(progress.states[i], scheduler::replayCard(s, history)));
    }
}

TEST_CASE("progress - cram answers change no schedule and earn no XP") {
    Deck deck = test::basicDeck("d", {3});
    std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-03-01T10:00:00Z", Rating::Easy, ReviewKind::Learn)};
    const auto before = progressOf(deck, log, test::at("2026-03-02T10:00:00Z"));
    log.push_back(test::answer("d", "t1-1", "2026-03-02T09:00:00Z", Rating::Again, ReviewKind::Cram));
    log.push_back(test::answer("d", "t1-2", "2026-03-02T09:01:00Z", Rating::Good, ReviewKind::Cram));
    const auto after = progressOf(deck, log, test::at("2026-03-02T10:00:00Z"));
    CHECK(sameState(before.states[0], after.states[0]));
    CHECK(after.states[1].phase == scheduler::CardPhase::New);
    CHECK(after.xp.total() == before.xp.total());
    CHECK(after.reviewsTotal == before.reviewsTotal + 2);
    CHECK(after.todayCounts.answers == 2);
}

TEST_CASE("progress - an undo marker takes back the latest matching answer") {
    Deck deck = test::basicDeck("d", {3});
    std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-03-01T10:00:00Z", Rating::Easy, ReviewKind::Learn),
                                  test::answer("d", "t1-2", "2026-03-01T10:01:00Z", Rating::Good, ReviewKind::Learn)};
    const auto withoutSecond = progressOf(deck, {log[0]}, test::at("2026-03-01T12:00:00Z"));
    log.push_back(undoMarkerFor(log[1], test::at("2026-03-01T10:01:05Z")));
    CHECK(isUndoMarker(log.back()));
    CHECK(log.back().utcMs == test::at("2026-03-01T10:01:05Z").utcMs);
    const auto undone = progressOf(deck, log, test::at("2026-03-01T12:00:00Z"));
    CHECK(undone.states[1].phase == scheduler::CardPhase::New);
    CHECK(undone.reviewsTotal == 1);
    CHECK(undone.xp.total() == withoutSecond.xp.total());
    // Answered again after the undo: that answer stands.
    log.push_back(test::answer("d", "t1-2", "2026-03-01T10:01:10Z", Rating::Good, ReviewKind::Learn));
    const auto redone = progressOf(deck, log, test::at("2026-03-01T12:00:00Z"));
    CHECK(redone.states[1].phase == scheduler::CardPhase::Learning);
    CHECK(redone.reviewsTotal == 2);
    CHECK(effectiveReviews(log).size() == 2);
}

TEST_CASE("progress - one undo marker takes back one answer only") {
    const ReviewRecord a = test::answer("d", "c", "2026-03-01T10:00:00Z", Rating::Good);
    const ReviewRecord b = test::answer("d", "c", "2026-03-01T10:05:00Z", Rating::Good);
    const ReviewRecord other = test::answer("d", "c", "2026-03-01T10:06:00Z", Rating::Hard);
    const std::vector<ReviewRecord> log{a, b, other, undoMarkerFor(b, test::at("2026-03-01T10:07:00Z"))};
    const auto kept = effectiveReviews(log);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].utcMs == a.utcMs);
    CHECK(kept[1].rating == Rating::Hard);
}

TEST_CASE("progress - the log may come in any order") {
    Deck deck = test::basicDeck("d", {4});
    std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-03-01T10:00:00Z", Rating::Easy, ReviewKind::Learn),
                                  test::answer("d", "t1-2", "2026-03-01T10:01:00Z", Rating::Good, ReviewKind::Learn),
                                  test::answer("d", "t1-1", "2026-03-09T10:00:00Z", Rating::Good),
                                  test::answer("d", "t1-2", "2026-03-01T10:12:00Z", Rating::Good, ReviewKind::Learn)};
    const auto now = test::at("2026-03-10T10:00:00Z");
    const auto ordered = progressOf(deck, log, now);
    std::vector<ReviewRecord> shuffled{log[2], log[3], log[0], log[1]};
    const auto unordered = progressOf(deck, shuffled, now);
    for (std::uint32_t i = 0; i < 4; ++i) CHECK(sameState(ordered.states[i], unordered.states[i]));
    CHECK(ordered.xp.total() == unordered.xp.total());
}

TEST_CASE("progress - answers to cards no loaded deck has still count") {
    Deck deck = test::basicDeck("d", {2});
    const std::vector<ReviewRecord> log{
        test::answer("gone", "old-card", "2026-03-01T10:00:00Z", Rating::Easy, ReviewKind::Learn),
        test::answer("d", "t1-1", "2026-03-01T10:01:00Z", Rating::Easy, ReviewKind::Learn)};
    const auto progress = progressOf(deck, log, test::at("2026-03-01T11:00:00Z"));
    CHECK(progress.reviewsTotal == 2);
    CHECK(progress.unknownCardReviews == 1);
    CHECK(progress.xp.total() == 20);
    CHECK(progress.cards.size() == 2);
}

TEST_CASE("progress - imported history schedules cards but earns no XP and no streak") {
    Deck deck = test::basicDeck("d", {2});
    const std::vector<ReviewRecord> log{
        test::answer("d", "t1-1", "2026-03-01T10:00:00Z", Rating::Easy, ReviewKind::Imported)};
    const auto progress = progressOf(deck, log, test::at("2026-03-01T11:00:00Z"));
    CHECK(progress.states[0].phase == scheduler::CardPhase::Review);
    CHECK(progress.xp.total() == 0);
    CHECK(progress.reviewsTotal == 0);
    CHECK(progress.importedTotal == 1);
    CHECK(progress.streak.current == 0);
}

TEST_CASE("progress - cards by state and due today") {
    Deck deck = test::basicDeck("d", {5});
    const std::vector<ReviewRecord> log{
        test::answer("d", "t1-1", "2026-03-01T10:00:00Z", Rating::Easy, ReviewKind::Learn),
        test::answer("d", "t1-2", "2026-03-01T10:00:10Z", Rating::Good, ReviewKind::Learn),
        test::answer("d", "t1-3", "2026-03-01T10:00:20Z", Rating::Again, ReviewKind::Learn)};
    // An hour later the learning steps are due; the Easy card is not.
    const auto progress = progressOf(deck, log, test::at("2026-03-01T11:00:00Z"));
    CHECK(progress.newCards == 2);
    CHECK(progress.learningCards == 2);
    CHECK(progress.reviewCards == 1);
    CHECK(progress.dueToday == 2);
    CHECK(progress.todayCounts.newStudied == 3);
    CHECK(progress.cardsLearned == 1);
    // Weeks later the review is due as well (the learning cards too).
    const auto later = progressOf(deck, log, test::at("2026-04-15T11:00:00Z"));
    CHECK(later.dueToday == 3);
    CHECK(later.todayCounts.newStudied == 0);
}

TEST_CASE("progress - a heavy log replayed on several threads gives every card its replayed state") {
    Deck deck = test::basicDeck("d", {300, 200});
    std::mt19937_64 random(11);
    std::vector<ReviewRecord> log;
    auto t = test::at("2024-01-01T09:00:00+02:00");
    std::size_t gone = 0;  // answers to cards no deck has any more: kept, counted, never mixed up
    for (int i = 0; i < 60000; ++i) {
        t = test::later(t, static_cast<std::int64_t>(random() % 1800000ULL));
        if (random() % 20 == 0) {
            log.push_back(test::answer("d", "gone-" + std::to_string(random() % 50), t, Rating::Good));
            ++gone;
            continue;
        }
        const int topic = 1 + static_cast<int>(random() % 2);
        const int card = 1 + static_cast<int>(random() % (topic == 1 ? 300 : 200));
        log.push_back(test::answer("d", "t" + std::to_string(topic) + "-" + std::to_string(card), t,
                                   static_cast<Rating>(1 + random() % 4)));
    }
    // Without load balancing every card is replayed on its own (on several threads): each state
    // must be the card's own history replayed.
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = test::later(t, 1000);
    input.settings.loadBalancing = false;
    const auto progress = computeProgress(input);
    const scheduler::Scheduler s(schedulerSettingsFor(input.settings, scheduler::Parameters::defaults()));
    std::size_t answers = 0;
    for (std::uint32_t i = 0; i < progress.cards.size(); ++i) {
        const auto history = historyOf(log, progress.studyCardOf(i).id);
        if (progress.cards[i].scheduledAnswers != history.size()) FAIL("card " << i << ": answers");
        answers += history.size();
        if (!sameState(progress.states[i], scheduler::replayCard(s, history))) FAIL("card " << i);
    }
    REQUIRE(gone > 0);
    CHECK(answers == log.size() - gone);
    CHECK(progress.unknownCardReviews == static_cast<std::int64_t>(gone));
    CHECK(progress.reviewsTotal == 60000);
    // The same log again gives the same XP (no race between the threads).
    CHECK(progressOf(deck, log, test::later(t, 1000)).xp.total() == progress.xp.total());
}
