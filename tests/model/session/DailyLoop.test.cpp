// The daily loop's rules, derived from the log: a day counts when every card that came due was
// answered (learning steps too), a card that waited for its sibling was not left undone, and the
// ways of studying beyond the daily session choose the cards they say.
#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/CustomStudy.hpp>
#include <attune/model/session/StudySession.hpp>

#include <algorithm>
#include <set>

using namespace attune;
using namespace attune::model;
using scheduler::CardPhase;
using scheduler::Rating;

namespace {

/// `basics` basic cards in topic t1, then one cloze entry with blanks c1 and c2 (siblings).
Deck deckWithSiblings(int basics) {
    Deck deck = test::basicDeck("d", {basics});
    Card cloze;
    cloze.id = "pair";
    cloze.topic = "t1";
    cloze.type = CardType::Cloze;
    cloze.text = "The {{c1::amygdala}} flags {{c2::threats}}.";
    cloze.tags = {"brain"};
    deck.cards.push_back(cloze);
    for (int n = 1; n <= 2; ++n) {
        StudyCard study;
        study.id = "pair#c" + std::to_string(n);
        study.cardIndex = deck.cards.size() - 1;
        study.clozeNumber = n;
        deck.studyCards.push_back(study);
    }
    return deck;
}

CourseProgress progressOf(const std::vector<Deck>& decks, const std::vector<ReviewRecord>& log, const Settings& settings,
                          scheduler::Moment now) {
    CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.settings = settings;
    input.now = now;
    return computeProgress(input);
}

std::uint32_t cardIndex(const CourseProgress& p, const std::string& id) {
    for (std::uint32_t i = 0; i < p.cards.size(); ++i)
        if (p.studyCardOf(i).id == id) return i;
    FAIL("no card " << id);
    return 0;
}

std::set<std::string> sessionCards(CourseProgress& p, const std::vector<ReviewRecord>& log, SessionOptions options,
                                   scheduler::Moment at) {
    StudySession session(p, log, options, at);
    std::set<std::string> ids;
    for (int guard = 0; guard < 200 && !session.finished(); ++guard) {
        ids.insert(p.studyCardOf(session.currentCard()).id);
        at = test::later(at, 1000);
        session.reveal(at);
        session.grade(Rating::Easy, at);
    }
    return ids;
}

}  // namespace

TEST_CASE("daily loop - a learning step left for tomorrow keeps a day below the goal from counting, and done it counts") {
    const std::vector<Deck> decks{test::basicDeck("d", {5})};
    Settings settings;
    settings.dailyGoalXp = 1000;  // never met: only the "all due answered" rule can count a day
    const auto morning = test::at("2026-06-01T10:00:00+00:00");
    const auto nextDay = test::at("2026-06-02T10:00:00+00:00");

    // A new card answered Good goes to its 10-minute step, which comes due that day.
    std::vector<ReviewRecord> stepLeft{test::answer("d", "t1-1", morning, Rating::Good, ReviewKind::Learn)};
    const CourseProgress left = progressOf(decks, stepLeft, settings, nextDay);
    REQUIRE(left.states[cardIndex(left, "t1-1")].phase == CardPhase::Learning);
    CHECK(left.streak.current == 0);

    // The step answered the same day: every card that came due was answered, so the day counts.
    std::vector<ReviewRecord> stepDone = stepLeft;
    stepDone.push_back(test::answer("d", "t1-1", test::later(morning, 11 * 60000), Rating::Good, ReviewKind::Learn));
    const CourseProgress done = progressOf(decks, stepDone, settings, nextDay);
    REQUIRE(done.states[cardIndex(done, "t1-1")].phase == CardPhase::Review);
    CHECK(done.streak.current == 1);
    CHECK(done.streak.freezesHeld == 0);
}

TEST_CASE("daily loop - a review that waited for its sibling is not left undone, so the day still counts") {
    const std::vector<Deck> decks{deckWithSiblings(2)};
    Settings settings;
    settings.dailyGoalXp = 1000;
    // Both blanks learned on day 0 (Easy: straight to review), then both left until both are due.
    const auto day0 = test::at("2026-06-01T10:00:00+00:00");
    std::vector<ReviewRecord> log{test::answer("d", "pair#c1", day0, Rating::Easy, ReviewKind::Learn),
                                  test::answer("d", "pair#c2", test::later(day0, 1000), Rating::Easy, ReviewKind::Learn)};
    const CourseProgress learned = progressOf(decks, log, settings, test::later(day0, 5000));
    const std::int64_t bothDue = std::max(learned.states[cardIndex(learned, "pair#c1")].dueDay,
                                          learned.states[cardIndex(learned, "pair#c2")].dueDay);
    const std::int64_t daysAhead = bothDue - learned.today;
    REQUIRE(daysAhead > 0);
    const auto dueDay = test::later(day0, daysAhead * 86400000LL);

    // That day the learner answers c1; c2 waits for tomorrow because its sibling was answered.
    settings.siblingsApart = true;
    CourseProgress before = progressOf(decks, log, settings, dueDay);
    CHECK(before.dueToday + before.siblingsWaiting == 2);
    log.push_back(test::answer("d", "pair#c1", test::later(dueDay, 60000), Rating::Good));
    const CourseProgress same = progressOf(decks, log, settings, test::later(dueDay, 120000));
    CHECK(same.siblingsWaiting == 1);
    CHECK(same.dueToday == 0);
    const CourseProgress after = progressOf(decks, log, settings, test::later(dueDay, 86400000LL));
    CHECK(after.streak.current == 1);

    // With siblings allowed on one day, c2 was simply left: the day does not count.
    settings.siblingsApart = false;
    const CourseProgress together = progressOf(decks, log, settings, test::later(dueDay, 86400000LL));
    CHECK(together.streak.current == 0);
}

TEST_CASE("daily loop - more new cards, review ahead, forgotten and tag sessions choose their cards") {
    const std::vector<Deck> decks{deckWithSiblings(8)};
    Settings settings;
    settings.newCardsPerDay = 3;
    const auto day0 = test::at("2026-06-01T10:00:00+00:00");
    std::vector<ReviewRecord> log;
    // Today's three new cards are done: t1-1 Easy (to review), t1-2 and t1-3 Again then Good.
    log.push_back(test::answer("d", "t1-1", day0, Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t1-2", test::later(day0, 1000), Rating::Again, ReviewKind::Learn));
    log.push_back(test::answer("d", "t1-3", test::later(day0, 2000), Rating::Again, ReviewKind::Learn));
    log.push_back(test::answer("d", "t1-2", test::later(day0, 700000), Rating::Good, ReviewKind::Learn));
    const auto now = test::later(day0, 800000);
    CourseProgress p = progressOf(decks, log, settings, now);
    REQUIRE(p.newAvailableToday == 0);

    const CustomStudyOffer offer = customStudyOffer(p, 30);
    CHECK(offer.newBeyondLimit == 7);  // t1-4..t1-8 and the two blanks
    CHECK(offer.forgottenToday == 2);   // answered Again today, relearned since or not
    REQUIRE(offer.tags.size() == 1);
    CHECK(offer.tags[0].tag == "brain");
    CHECK(offer.tags[0].cards == 2);
    CHECK(offer.aheadCards == 1);        // t1-1, in review, due within 30 days

    SessionOptions more;
    more.kind = SessionKind::MoreNew;
    more.extraNewCards = 2;
    {
        CourseProgress copy = p;
        const auto ids = sessionCards(copy, log, more, now);
        CHECK(ids.size() == 2);
        for (const auto& id : ids) CHECK(p.states[cardIndex(p, id)].phase == CardPhase::New);
    }
    SessionOptions forgotten;
    forgotten.kind = SessionKind::Forgotten;
    {
        CourseProgress copy = p;
        CHECK(sessionCards(copy, log, forgotten, now) == std::set<std::string>{"t1-2", "t1-3"});
    }
    SessionOptions ahead;
    ahead.kind = SessionKind::ReviewAhead;
    ahead.aheadDays = 30;
    {
        CourseProgress copy = p;
        CHECK(sessionCards(copy, log, ahead, now) == std::set<std::string>{"t1-1"});
    }
    ahead.aheadDays = 1;  // t1-1 is due in days, not tomorrow
    {
        CourseProgress copy = p;
        CHECK(sessionCards(copy, log, ahead, now).empty());
    }
    SessionOptions tag;
    tag.kind = SessionKind::Tag;
    tag.tag = "brain";
    {
        CourseProgress copy = p;
        CHECK(sessionCards(copy, log, tag, now) == std::set<std::string>{"pair#c1", "pair#c2"});
    }
    tag.tag = "Brain";  // tags are matched as spelled
    {
        CourseProgress copy = p;
        StudySession session(copy, log, tag, now);
        CHECK(session.startStatus() == SessionStart::UnknownTag);
    }
}
