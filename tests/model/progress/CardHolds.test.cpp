// Suspend, unsuspend and bury markers and the leech rule, replayed from the log: which cards are
// held out of study, for how long, and what the queues, due counts and topics say about them.
#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/MemoryCharts.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/WeakTopics.hpp>
#include <attune/model/progress/Workload.hpp>
#include <attune/model/session/StudySession.hpp>

#include <algorithm>
#include <numeric>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

ReviewRecord marker(ReviewKind kind, const std::string& card, scheduler::Moment when) {
    return cardMarker(kind, LogId(std::string("d")), LogId(card), when);
}

CourseProgress progressOf(const Deck& deck, const std::vector<ReviewRecord>& log, scheduler::Moment now,
                          const Settings& settings = {}) {
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.settings = settings;
    input.now = now;
    return computeProgress(input);
}

std::uint32_t cardIndex(const CourseProgress& p, const std::string& id) {
    const auto found = p.findCard(LogId(std::string("d")), LogId(id));
    REQUIRE(found);
    return *found;
}

// Two cards learned on 1 February (Easy: straight to review), both due again by 1 April.
std::vector<ReviewRecord> twoLearnedCards() {
    return {test::answer("d", "t1-1", "2026-02-01T10:00:00Z", Rating::Easy, ReviewKind::Learn),
            test::answer("d", "t1-2", "2026-02-01T10:01:00Z", Rating::Easy, ReviewKind::Learn)};
}

// `lapses` times: the card is answered Again in review and relearned, five days apart.
std::vector<ReviewRecord> forgotten(int lapses, scheduler::Moment& t) {
    std::vector<ReviewRecord> log{test::answer("d", "t1-1", t, Rating::Easy, ReviewKind::Learn)};
    for (int i = 0; i < lapses; ++i) {
        t = test::later(t, std::int64_t{5} * 86400000);
        log.push_back(test::answer("d", "t1-1", t, Rating::Again));
        log.push_back(test::answer("d", "t1-1", test::later(t, 700000), Rating::Good, ReviewKind::Relearn));
    }
    return log;
}

// The cards a daily session of `p` would show, by id.
std::vector<std::string> dailyCards(CourseProgress p, const std::vector<ReviewRecord>& log, scheduler::Moment now) {
    SessionOptions options;
    options.kind = SessionKind::Daily;
    StudySession session(p, log, options, now);
    std::vector<std::string> shown;
    for (int guard = 0; guard < 50 && !session.finished(); ++guard) {
        shown.push_back(p.studyCardOf(session.currentCard()).id);
        now = test::later(now, 1000);
        session.reveal(now);
        (void)session.grade(Rating::Easy, now);
    }
    return shown;
}

bool shows(const std::vector<std::string>& cards, const std::string& id) {
    return std::find(cards.begin(), cards.end(), id) != cards.end();
}

}  // namespace

TEST_CASE("card holds - a suspended card is in no queue and no due count until it is brought back, its schedule kept") {
    const Deck deck = test::basicDeck("d", {3});
    std::vector<ReviewRecord> log = twoLearnedCards();
    const auto now = test::at("2026-04-01T10:00:00Z");
    const CourseProgress plain = progressOf(deck, log, now);
    REQUIRE(plain.dueToday == 2);

    log.push_back(marker(ReviewKind::Suspend, "t1-1", test::at("2026-02-03T09:00:00Z")));
    const CourseProgress suspended = progressOf(deck, log, now);
    const std::uint32_t card = cardIndex(suspended, "t1-1");
    CHECK(suspended.holdOf(card) == CardHold::Suspended);
    CHECK(suspended.setAsideCards == 1);
    CHECK(suspended.buriedCards == 0);
    CHECK(suspended.dueToday == 1);
    CHECK(suspended.topics[0].setAside == 1);
    CHECK(suspended.reviewsTotal == 2);  // a marker is no answer
    const auto shown = dailyCards(suspended, log, now);
    CHECK_FALSE(shows(shown, "t1-1"));
    CHECK(shows(shown, "t1-2"));
    CHECK(shows(shown, "t1-3"));  // the new card still comes

    // The Stats forecast and the workload simulator leave it out too.
    const auto dueInForecast = [&](const CourseProgress& p) {
        const std::vector<int> due = memoryCharts(p, log, std::nullopt, 30).due;
        return std::accumulate(due.begin(), due.end(), 0);
    };
    CHECK(dueInForecast(plain) == 2);
    CHECK(dueInForecast(suspended) == 1);
    CHECK(workloadSetup(plain, log, 1).cards.size() == 2);
    CHECK(workloadSetup(suspended, log, 1).cards.size() == 1);

    // Every session kind leaves it out, cram and topic study included.
    for (const SessionKind kind : {SessionKind::Topic, SessionKind::Cram, SessionKind::WeakTopics}) {
        CourseProgress p = suspended;
        SessionOptions options;
        options.kind = kind;
        options.topicId = "t1";
        StudySession session(p, log, options, now);
        for (int guard = 0; guard < 10 && !session.finished(); ++guard) {
            CHECK(p.studyCardOf(session.currentCard()).id != "t1-1");
            session.reveal(now);
            (void)session.grade(Rating::Easy, now);
        }
    }

    log.push_back(marker(ReviewKind::Unsuspend, "t1-1", test::at("2026-03-20T09:00:00Z")));
    const CourseProgress back = progressOf(deck, log, now);
    CHECK(back.holdOf(card) == CardHold::None);
    CHECK(back.setAsideCards == 0);
    CHECK(back.dueToday == 2);
    CHECK(back.states[card].dueMs == plain.states[card].dueMs);
    CHECK(back.states[card].memory->stability == plain.states[card].memory->stability);
}

TEST_CASE("card holds - a suspend and an unsuspend of the same millisecond leave the card in play") {
    const Deck deck = test::basicDeck("d", {2});
    std::vector<ReviewRecord> log = twoLearnedCards();
    const auto when = test::at("2026-02-03T09:00:00Z");
    log.push_back(marker(ReviewKind::Unsuspend, "t1-1", when));
    log.push_back(marker(ReviewKind::Suspend, "t1-1", when));
    const CourseProgress p = progressOf(deck, log, test::at("2026-04-01T10:00:00Z"));
    CHECK(p.holdOf(cardIndex(p, "t1-1")) == CardHold::None);
}

TEST_CASE("card holds - a buried card comes back on the next study day, by the day start of its own time") {
    const Deck deck = test::basicDeck("d", {2});
    std::vector<ReviewRecord> log = twoLearnedCards();
    // 02:30 in Berlin with the day starting at 04:00: still the study day of 31 March.
    log.push_back(marker(ReviewKind::Bury, "t1-1", test::at("2026-04-01T02:30:00+02:00")));
    const CourseProgress lateNight = progressOf(deck, log, test::at("2026-04-01T03:30:00+02:00"));
    const std::uint32_t card = cardIndex(lateNight, "t1-1");
    CHECK(lateNight.holdOf(card) == CardHold::Buried);
    CHECK(lateNight.buriedCards == 1);
    CHECK(lateNight.setAsideCards == 0);
    CHECK(lateNight.dueToday == 1);
    CHECK_FALSE(shows(dailyCards(lateNight, log, test::at("2026-04-01T03:30:00+02:00")), "t1-1"));

    const CourseProgress morning = progressOf(deck, log, test::at("2026-04-01T04:30:00+02:00"));
    CHECK(morning.holdOf(card) == CardHold::None);
    CHECK(morning.buriedCards == 0);
    CHECK(morning.dueToday == 2);
    CHECK(shows(dailyCards(morning, log, test::at("2026-04-01T04:30:00+02:00")), "t1-1"));
}

TEST_CASE("card holds - a marker dated in the future waits for its time") {
    const Deck deck = test::basicDeck("d", {2});
    std::vector<ReviewRecord> log = twoLearnedCards();
    log.push_back(marker(ReviewKind::Suspend, "t1-1", test::at("2026-05-01T10:00:00Z")));
    const CourseProgress p = progressOf(deck, log, test::at("2026-04-01T10:00:00Z"));
    CHECK(p.holdOf(cardIndex(p, "t1-1")) == CardHold::None);
}

TEST_CASE("card holds - the leech rule: set aside at the threshold, and again every half threshold once brought back") {
    CHECK_FALSE(isLeechPoint(7, 8));
    CHECK(isLeechPoint(8, 8));
    CHECK_FALSE(isLeechPoint(9, 8));
    CHECK(isLeechPoint(12, 8));
    CHECK(isLeechPoint(16, 8));
    CHECK(isLeechPoint(4, 4));
    CHECK(isLeechPoint(6, 4));
    CHECK(isLeechPoint(5, 5));
    CHECK(isLeechPoint(8, 5));  // half of 5, rounded up: every 3

    const Deck deck = test::basicDeck("d", {2});
    auto t = test::at("2026-02-01T10:00:00Z");
    std::vector<ReviewRecord> log = forgotten(7, t);
    const auto now = test::later(t, 86400000);
    const CourseProgress seven = progressOf(deck, log, now);
    const std::uint32_t card = cardIndex(seven, "t1-1");
    CHECK(seven.holdOf(card) == CardHold::None);
    CHECK(seven.leeches.empty());

    t = test::at("2026-02-01T10:00:00Z");
    log = forgotten(8, t);
    const CourseProgress eight = progressOf(deck, log, test::later(t, 86400000));
    CHECK(eight.holdOf(card) == CardHold::Leech);
    CHECK(eight.setAsideCards == 1);
    CHECK(eight.leeches == std::vector<std::uint32_t>{card});
    CHECK(eight.topics[0].leeches == 1);
    CHECK(eight.topics[0].setAside == 1);

    SECTION("only marked: a leech, still in study") {
        Settings mark;
        mark.leechAction = LeechAction::Mark;
        const CourseProgress marked = progressOf(deck, log, test::later(t, 86400000), mark);
        CHECK(marked.holdOf(card) == CardHold::None);
        CHECK(marked.leeches == std::vector<std::uint32_t>{card});
        CHECK(marked.setAsideCards == 0);
    }
    SECTION("the threshold is a setting: 4 sets it aside sooner, 10 not yet") {
        Settings four;
        four.leechLapses = 4;
        auto t4 = test::at("2026-02-01T10:00:00Z");
        const auto log4 = forgotten(4, t4);
        CHECK(progressOf(deck, log4, test::later(t4, 86400000), four).holdOf(card) == CardHold::Leech);
        Settings ten;
        ten.leechLapses = 10;
        // A later change of the setting is applied to the whole log: under 10 this card is no leech.
        const CourseProgress raised = progressOf(deck, log, test::later(t, 86400000), ten);
        CHECK(raised.holdOf(card) == CardHold::None);
        CHECK(raised.leeches.empty());
    }
    SECTION("brought back, it stays in play until its 12th lapse") {
        log.push_back(marker(ReviewKind::Unsuspend, "t1-1", test::later(t, 3600000)));
        for (int lapses = 9; lapses <= 12; ++lapses) {
            t = test::later(t, std::int64_t{5} * 86400000);
            log.push_back(test::answer("d", "t1-1", t, Rating::Again));
            log.push_back(test::answer("d", "t1-1", test::later(t, 700000), Rating::Good, ReviewKind::Relearn));
            const CourseProgress p = progressOf(deck, log, test::later(t, 86400000));
            INFO(lapses << " lapses");
            CHECK(p.states[card].lapses == lapses);
            CHECK(p.holdOf(card) == (lapses == 12 ? CardHold::Leech : CardHold::None));
        }
    }
    SECTION("a suspend by hand after the leech is a suspension, and one unsuspend brings it back") {
        log.push_back(marker(ReviewKind::Suspend, "t1-1", test::later(t, 3600000)));
        CHECK(progressOf(deck, log, test::later(t, 86400000)).holdOf(card) == CardHold::Suspended);
        log.push_back(marker(ReviewKind::Unsuspend, "t1-1", test::later(t, 7200000)));
        CHECK(progressOf(deck, log, test::later(t, 86400000)).holdOf(card) == CardHold::None);
    }
}

TEST_CASE("card holds - the answer that makes a leech sets it aside in the session, and undo takes both back") {
    const Deck deck = test::basicDeck("d", {1});
    auto t = test::at("2026-02-01T10:00:00Z");
    std::vector<ReviewRecord> log = forgotten(7, t);
    const auto now = test::later(t, std::int64_t{60} * 86400000);
    CourseProgress p = progressOf(deck, log, now);
    const std::uint32_t card = cardIndex(p, "t1-1");
    REQUIRE(p.dueToday == 1);
    SessionOptions options;
    options.kind = SessionKind::Daily;
    StudySession session(p, log, options, now);
    REQUIRE_FALSE(session.finished());
    session.reveal(now);
    const ReviewRecord again = session.grade(Rating::Again, now);
    CHECK(session.leechLapses() == 8);
    CHECK(session.leechSetAside());
    CHECK(session.finished());  // its relearning step does not come back: it is set aside
    CHECK(p.holdOf(card) == CardHold::Leech);
    CHECK(p.setAsideCards == 1);

    // The replay of the log with that answer agrees.
    std::vector<ReviewRecord> withAnswer = log;
    withAnswer.push_back(again);
    CHECK(progressOf(deck, withAnswer, test::later(now, 1000)).holdOf(card) == CardHold::Leech);

    const auto undo = session.undo(test::later(now, 2000));
    REQUIRE(undo);
    CHECK(p.holdOf(card) == CardHold::None);
    CHECK(p.setAsideCards == 0);
    CHECK(session.leechLapses() == 0);
    withAnswer.push_back(*undo);
    CHECK(progressOf(deck, withAnswer, test::later(now, 3000)).holdOf(card) == CardHold::None);
}

TEST_CASE("card holds - bury and suspend in a session take the card out at once and give the marker to save") {
    const Deck deck = test::basicDeck("d", {4});
    const std::vector<ReviewRecord> log;
    const auto now = test::at("2026-03-01T10:00:00Z");
    CourseProgress p = progressOf(deck, log, now);
    SessionOptions options;
    options.kind = SessionKind::Daily;
    StudySession session(p, log, options, now);
    REQUIRE(session.remaining() == 4);
    const std::string first = p.studyCardOf(session.currentCard()).id;
    const auto buried = session.holdCurrent(ReviewKind::Bury, now);
    REQUIRE(buried);
    CHECK(buried->kind == ReviewKind::Bury);
    CHECK(buried->cardId == first);
    CHECK(session.remaining() == 3);
    CHECK(p.studyCardOf(session.currentCard()).id != first);
    CHECK(p.buriedCards == 1);

    session.reveal(now);  // a suspend on the grade beat: the answer is not given
    const std::string second = p.studyCardOf(session.currentCard()).id;
    const auto suspended = session.holdCurrent(ReviewKind::Suspend, now);
    REQUIRE(suspended);
    CHECK(suspended->kind == ReviewKind::Suspend);
    CHECK(session.remaining() == 2);
    CHECK(p.setAsideCards == 1);
    CHECK_FALSE(session.holdCurrent(ReviewKind::Unsuspend, now));
    CHECK(session.records().size() == 2);

    // The replay of the markers holds the same cards.
    const std::vector<ReviewRecord> saved{*buried, *suspended};
    const CourseProgress replayed = progressOf(deck, saved, test::later(now, 1000));
    CHECK(replayed.holdOf(cardIndex(replayed, first)) == CardHold::Buried);
    CHECK(replayed.holdOf(cardIndex(replayed, second)) == CardHold::Suspended);
    CHECK(replayed.reviewsTotal == 0);
    CHECK(replayed.newAvailableToday == 2);
}

TEST_CASE("card holds - a held card due for days is not a day left undone") {
    const Deck deck = test::basicDeck("d", {1});
    std::vector<ReviewRecord> log{test::answer("d", "t1-1", "2026-02-01T10:00:00Z", Rating::Easy, ReviewKind::Learn)};
    Settings settings;
    settings.dailyGoalXp = 1000;  // only "every due card answered" can make a day count
    const auto now = test::at("2026-04-01T20:00:00Z");
    const CourseProgress due = progressOf(deck, log, now, settings);
    REQUIRE_FALSE(due.days.empty());
    CHECK(due.days.back().reviewsLeftUndone == 1);
    log.push_back(marker(ReviewKind::Suspend, "t1-1", test::at("2026-03-01T10:00:00Z")));
    const CourseProgress held = progressOf(deck, log, now, settings);
    CHECK(held.days.back().reviewsLeftUndone == 0);
}

TEST_CASE("card holds - undoing an earlier answer does not bring back a card buried since") {
    const Deck deck = test::basicDeck("d", {4});
    const std::vector<ReviewRecord> log;
    const auto now = test::at("2026-03-01T10:00:00Z");
    CourseProgress p = progressOf(deck, log, now);
    SessionOptions options;
    options.kind = SessionKind::Daily;
    StudySession session(p, log, options, now);
    session.reveal(now);
    (void)session.grade(Rating::Easy, now);
    const std::string buried = p.studyCardOf(session.currentCard()).id;
    REQUIRE(session.holdCurrent(ReviewKind::Bury, now));
    REQUIRE(session.undo(test::later(now, 1000)));
    std::vector<std::string> shown;
    for (int guard = 0; guard < 10 && !session.finished(); ++guard) {
        shown.push_back(p.studyCardOf(session.currentCard()).id);
        session.reveal(now);
        (void)session.grade(Rating::Easy, now);
    }
    CHECK(shown.size() == 3);
    CHECK_FALSE(shows(shown, buried));
}
