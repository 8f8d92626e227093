#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/session/StudySession.hpp>

#include <algorithm>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

// One deck: topic "basics" with basic cards, topic "mixed" with one card of every other type.
Deck mixedDeck(int basics = 12) {
    Deck deck = test::basicDeck("d", {basics});
    deck.topics.push_back({"mixed", "Mixed", "", 1, 0});
    Card choice;
    choice.id = "choice";
    choice.topic = "mixed";
    choice.type = CardType::Choice;
    choice.prompt = "Which one?";
    choice.options = {"alpha", "beta", "gamma", "delta"};
    choice.answer = "gamma";
    test::addStudyCard(deck, choice);
    Card truth;
    truth.id = "tf";
    truth.topic = "mixed";
    truth.type = CardType::TrueFalse;
    truth.statement = "Water is wet.";
    truth.truth = true;
    test::addStudyCard(deck, truth);
    Card typed;
    typed.id = "typein";
    typed.topic = "mixed";
    typed.type = CardType::TypeIn;
    typed.prompt = "The safe haven is also called a secure ...";
    typed.answer = "base";
    typed.accept = {"secure base"};
    test::addStudyCard(deck, typed);
    Card cloze;
    cloze.id = "cloze";
    cloze.topic = "mixed";
    cloze.type = CardType::Cloze;
    cloze.text = "The {{c1::amygdala}} flags threats.";
    deck.cards.push_back(cloze);
    StudyCard study;
    study.id = "cloze#c1";
    study.cardIndex = deck.cards.size() - 1;
    study.clozeNumber = 1;
    deck.studyCards.push_back(study);
    return deck;
}

struct Fixture {
    std::vector<Deck> decks;
    std::vector<ReviewRecord> log;
    Settings settings;
    std::vector<AchievementDefinition> achievements;

    CourseProgress progress(scheduler::Moment now) const {
        CourseInput input;
        input.decks = decks;
        input.reviews = log;
        input.settings = settings;
        input.achievements = achievements;
        input.now = now;
        return computeProgress(input);
    }
};

SessionOptions opts(SessionKind kind, const std::string& topic = {}) {
    SessionOptions options;
    options.kind = kind;
    options.topicId = topic;
    return options;
}

const std::string& idOf(const CourseProgress& p, std::uint32_t card) { return p.studyCardOf(card).id; }

// Moves the session to the card with this id (answering the others Good on the way).
void skipTo(StudySession& session, const CourseProgress& p, const std::string& id, scheduler::Moment& t) {
    for (int guard = 0; guard < 100 && !session.finished() && idOf(p, session.currentCard()) != id; ++guard) {
        t = test::later(t, 1000);
        session.reveal(t);
        session.grade(Rating::Easy, t);
    }
    REQUIRE_FALSE(session.finished());
    REQUIRE(idOf(p, session.currentCard()) == id);
}

}  // namespace

TEST_CASE("session - daily takes due cards and new cards within today's limit") {
    Fixture f{{mixedDeck(20)}, {}, {}, {}};
    f.settings.newCardsPerDay = 10;
    const auto now = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(now);
    StudySession session(progress, f.log, opts(SessionKind::Daily), now);
    CHECK(session.startStatus() == SessionStart::Ready);
    CHECK(session.remaining() == 10);
    CHECK(session.beat() == Beat::Answer);
    CHECK(session.currentIsNew());

    // Five new cards already studied today leave room for five.
    for (int i = 1; i <= 5; ++i)
        f.log.push_back(test::answer("d", "t1-" + std::to_string(i), test::later(now, -60000 * i), Rating::Easy,
                                     ReviewKind::Learn));
    auto after = f.progress(now);
    StudySession second(after, f.log, opts(SessionKind::Daily), now);
    CHECK(second.remaining() == 5);
}

TEST_CASE("session - every card takes two beats and Enter moves on through both") {
    Fixture f{{mixedDeck(3)}, {}, {}, {}};
    auto t = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(t);
    StudySession session(progress, f.log, opts(SessionKind::Topic, "t1"), t);
    REQUIRE(session.beat() == Beat::Answer);
    CHECK(session.face().style == AnswerStyle::Reveal);
    CHECK(session.face().question == "front of t1-1");
    t = test::later(t, 4000);
    session.pressEnter(t);  // reveal
    CHECK(session.beat() == Beat::Grade);
    CHECK(session.suggestedGrade() == Rating::Good);
    CHECK_FALSE(session.correct().has_value());
    for (const auto& label : session.labels()) CHECK_FALSE(label.empty());
    const ReviewRecord record = session.acceptSuggestion(test::later(t, 500));  // Enter again: Good
    CHECK(record.deckId == "d");
    CHECK(record.cardId == "t1-1");
    CHECK(record.rating == Rating::Good);
    CHECK(record.kind == ReviewKind::Learn);
    CHECK(record.utcMs == t.utcMs);
    CHECK(record.durationMs == 4000);
    CHECK(session.beat() == Beat::Answer);
    CHECK(session.face().question == "front of t1-2");
    CHECK(session.answered() == 1);
}

TEST_CASE("session - the four labels are the intervals the answer really gets") {
    Fixture f{{mixedDeck(3)}, {}, {}, {}};
    f.log.push_back(test::answer("d", "t1-1", "2026-01-01T10:00:00Z", Rating::Easy, ReviewKind::Learn));
    f.log.push_back(test::answer("d", "t1-1", "2026-01-12T10:00:00Z", Rating::Good));
    const auto t = test::at("2026-02-20T10:00:00Z");
    auto progress = f.progress(t);
    for (int r = 1; r <= 4; ++r) {
        auto copy = progress;
        StudySession session(copy, f.log, opts(SessionKind::Topic, "t1"), t);
        REQUIRE(idOf(copy, session.currentCard()) == "t1-1");
        session.reveal(t);
        const auto labels = session.labels();
        const auto record = session.grade(static_cast<Rating>(r), t);
        auto log = f.log;
        log.push_back(record);
        const auto replayed = f.progress(t);
        (void)replayed;
        CourseInput input;
        input.decks = f.decks;
        input.reviews = log;
        input.now = t;
        const auto after = computeProgress(input);
        const auto& state = after.states[*after.findCard("d", "t1-1")];
        CHECK(labels[static_cast<std::size_t>(r - 1)] ==
              scheduler::intervalLabel(after.scheduler.waitMs(state, {record.utcMs, record.utcOffsetSeconds})));
    }
    auto copy = progress;
    StudySession session(copy, f.log, opts(SessionKind::Topic, "t1"), t);
    session.reveal(t);
    CHECK(session.labels()[0] == "10m");  // a lapse goes to the 10-minute relearning step
}

TEST_CASE("session - choice true-false and typed answers suggest a grade from correctness and speed") {
    Fixture f{{mixedDeck(0)}, {}, {}, {}};
    auto t = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(t);
    StudySession session(progress, f.log, opts(SessionKind::Topic, "mixed"), t);

    SECTION("choice") {
        skipTo(session, progress, "choice", t);
        const CardFace& face = session.face();
        REQUIRE(face.options.size() == 4);
        REQUIRE(face.rightOption >= 0);
        CHECK(face.options[static_cast<std::size_t>(face.rightOption)] == "gamma");
        const int wrong = (face.rightOption + 1) % 4;
        auto copy = progress;
        StudySession slow = session;
        StudySession quick = session;
        StudySession mistaken = session;
        slow.choose(face.rightOption, test::later(t, 20000));
        CHECK(slow.correct() == true);
        CHECK(slow.suggestedGrade() == Rating::Good);
        quick.choose(face.rightOption, test::later(t, 1500));
        CHECK(quick.suggestedGrade() == Rating::Easy);
        mistaken.choose(wrong, test::later(t, 1500));
        CHECK(mistaken.correct() == false);
        CHECK(mistaken.suggestedGrade() == Rating::Again);
        // The player may override the suggestion.
        CHECK(mistaken.grade(Rating::Hard, test::later(t, 3000)).rating == Rating::Hard);
        // An option that does not exist is no answer.
        session.choose(9, test::later(t, 1000));
        CHECK(session.beat() == Beat::Answer);
    }
    SECTION("true or false") {
        skipTo(session, progress, "tf", t);
        CHECK(session.face().style == AnswerStyle::TrueFalse);
        StudySession no = session;
        session.sayTrue(true, test::later(t, 30000));
        CHECK(session.correct() == true);
        CHECK(session.suggestedGrade() == Rating::Good);
        no.sayTrue(false, test::later(t, 1000));
        CHECK(no.suggestedGrade() == Rating::Again);
    }
    SECTION("typed") {
        skipTo(session, progress, "typein", t);
        CHECK(session.face().style == AnswerStyle::TypeIn);
        StudySession other = session;
        StudySession wrong = session;
        session.typeAnswer("  Base. ", test::later(t, 3000));
        CHECK(session.correct() == true);
        CHECK(session.suggestedGrade() == Rating::Easy);  // type-in gets twice the time to be quick
        other.typeAnswer("secure base", test::later(t, 30000));
        CHECK(other.correct() == true);
        CHECK(other.suggestedGrade() == Rating::Good);
        wrong.typeAnswer("haven", test::later(t, 3000));
        CHECK(wrong.correct() == false);
        CHECK(wrong.suggestedGrade() == Rating::Again);
    }
    SECTION("cloze shows a blank, then the text") {
        skipTo(session, progress, "cloze#c1", t);
        CHECK(session.face().style == AnswerStyle::Reveal);
        CHECK(session.face().question.find("amygdala") == std::string::npos);
        CHECK(session.face().answer.find("amygdala") != std::string::npos);
    }
    SECTION("revealing a question that has an answer counts as not knowing it") {
        skipTo(session, progress, "choice", t);
        session.pressEnter(t);
        CHECK(session.correct() == false);
        CHECK(session.suggestedGrade() == Rating::Again);
    }
}

TEST_CASE("session - choice options are shuffled with the seed") {
    Fixture f{{mixedDeck(0)}, {}, {}, {}};
    const auto t = test::at("2026-03-01T10:00:00Z");
    auto orderFor = [&](std::uint64_t seed) {
        auto progress = f.progress(t);
        SessionOptions options = opts(SessionKind::Topic, "mixed");
        options.seed = seed;
        StudySession session(progress, f.log, options, t);
        auto moment = t;
        skipTo(session, progress, "choice", moment);
        return session.face().options;
    };
    CHECK(orderFor(5) == orderFor(5));
    bool anyDifferent = false;
    for (std::uint64_t seed = 1; seed < 10; ++seed) anyDifferent = anyDifferent || orderFor(seed) != orderFor(seed + 100);
    CHECK(anyDifferent);
    auto sorted = orderFor(3);
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<std::string>{"alpha", "beta", "delta", "gamma"});
}

TEST_CASE("session - a learning card answered Again comes back when its step is due") {
    Fixture f{{mixedDeck(3)}, {}, {}, {}};
    auto t = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(t);
    SessionOptions options = opts(SessionKind::Topic, "t1");
    options.learnAheadMs = 0;  // no learning ahead: only when the step is really due
    StudySession session(progress, f.log, options, t);
    session.reveal(t);
    session.grade(Rating::Again, t);  // t1-1 back in a minute
    CHECK(idOf(progress, session.currentCard()) == "t1-2");
    t = test::later(t, 5000);
    session.reveal(t);
    session.grade(Rating::Easy, t);
    CHECK(idOf(progress, session.currentCard()) == "t1-3");
    t = test::later(t, 70000);  // the one-minute step is now due
    session.reveal(t);
    session.grade(Rating::Easy, t);
    REQUIRE_FALSE(session.finished());
    CHECK(idOf(progress, session.currentCard()) == "t1-1");
    session.reveal(t);
    session.grade(Rating::Easy, t);
    CHECK(session.finished());
}

TEST_CASE("session - with nothing else left a learning step due soon is shown early") {
    Fixture f{{mixedDeck(1)}, {}, {}, {}};
    const auto t = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(t);
    StudySession session(progress, f.log, opts(SessionKind::Topic, "t1"), t);
    session.reveal(t);
    session.grade(Rating::Good, t);  // next step in 10 minutes: within the 20-minute learn-ahead
    REQUIRE_FALSE(session.finished());
    CHECK(idOf(progress, session.currentCard()) == "t1-1");
    session.reveal(t);
    session.grade(Rating::Good, t);
    CHECK(session.finished());
    CHECK(progress.states[0].phase == scheduler::CardPhase::Review);
}

TEST_CASE("session - undo takes back the last answer and the log agrees") {
    Fixture f{{mixedDeck(4)}, {}, {}, {}};
    auto t = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(t);
    StudySession session(progress, f.log, opts(SessionKind::Topic, "t1"), t);
    CHECK_FALSE(session.canUndo());
    CHECK_FALSE(session.undo(t).has_value());
    f.log.push_back(session.grade(Rating::Easy, t));  // graded from the question: reveal first
    const auto xpAfterFirst = session.xpEarned();
    f.log.push_back(session.grade(Rating::Good, test::later(t, 1000)));
    CHECK(idOf(progress, session.currentCard()) == "t1-3");
    const auto marker = session.undo(test::later(t, 2000));
    REQUIRE(marker.has_value());
    CHECK(marker->kind == ReviewKind::Undo);
    CHECK(marker->cardId == "t1-2");
    f.log.push_back(*marker);
    CHECK(session.beat() == Beat::Answer);
    CHECK(idOf(progress, session.currentCard()) == "t1-2");
    CHECK(session.xpEarned() == xpAfterFirst);
    CHECK(progress.states[1].phase == scheduler::CardPhase::New);
    CHECK(session.remaining() == 3);  // t1-2 (shown again), t1-3, t1-4

    // A replay of the log gives what the session holds.
    const auto replayed = f.progress(test::later(t, 3000));
    for (std::uint32_t i = 0; i < progress.cards.size(); ++i) {
        CHECK(replayed.states[i].phase == progress.states[i].phase);
        CHECK(replayed.states[i].dueMs == progress.states[i].dueMs);
    }
    CHECK(replayed.xp.total() == progress.xp.total());
    CHECK(replayed.reviewsTotal == 1);

    // Undo twice goes back one more, then there is nothing left to undo.
    CHECK(session.undo(test::later(t, 4000)).has_value());
    CHECK(idOf(progress, session.currentCard()) == "t1-1");
    CHECK_FALSE(session.canUndo());
    CHECK(session.summary().answers == 0);
}

TEST_CASE("session - undo after the last card reopens the session") {
    Fixture f{{mixedDeck(1)}, {}, {}, {}};
    const auto t = test::at("2026-03-01T10:00:00Z");
    auto progress = f.progress(t);
    StudySession session(progress, f.log, opts(SessionKind::Topic, "t1"), t);
    session.grade(Rating::Easy, t);
    CHECK(session.finished());
    REQUIRE(session.undo(test::later(t, 1000)));
    CHECK(session.beat() == Beat::Answer);
    CHECK(session.remaining() == 1);
}

TEST_CASE("session - cram changes no schedule and earns no XP") {
    Fixture f{{mixedDeck(3)}, {}, {}, {}};
    f.log.push_back(test::answer("d", "t1-1", "2026-02-01T10:00:00Z", Rating::Easy, ReviewKind::Learn));
    const auto t = test::at("2026-02-02T10:00:00Z");
    auto progress = f.progress(t);
    const auto before = progress.states;
    const auto xpBefore = progress.xp.total();
    StudySession session(progress, f.log, opts(SessionKind::Cram), t);
    CHECK(session.remaining() == 3 + 4);  // every card, not only the due ones
    session.reveal(t);
    for (const auto& label : session.labels()) CHECK(label.empty());
    const auto record = session.grade(Rating::Again, t);
    CHECK(record.kind == ReviewKind::Cram);
    CHECK(session.xpEarned() == 0);
    CHECK(progress.xp.total() == xpBefore);
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(progress.states[i].phase == before[i].phase);
    CHECK(session.remaining() == 7);  // the miss comes round again
    f.log.push_back(record);
    const auto replayed = f.progress(t);
    CHECK(replayed.states[0].dueDay == before[0].dueDay);
    CHECK(replayed.xp.total() == xpBefore);
}

TEST_CASE("session - weak topics and one topic choose their cards") {
    Fixture f{{mixedDeck(3)}, {}, {}, {}};
    // Topic t1 studied and forgotten twice; "mixed" untouched.
    auto t0 = test::at("2026-01-01T10:00:00Z");
    for (const char* id : {"t1-1", "t1-2"}) {
        f.log.push_back(test::answer("d", id, t0, Rating::Easy, ReviewKind::Learn));
        f.log.push_back(test::answer("d", id, test::later(t0, 20 * 86400000LL), Rating::Again));
    }
    const auto t = test::at("2026-02-15T10:00:00Z");
    auto progress = f.progress(t);
    REQUIRE(progress.weakTopics.size() == 1);
    StudySession weak(progress, f.log, opts(SessionKind::WeakTopics), t);
    CHECK(weak.remaining() == 2);  // t1's studied cards only, due or not
    const auto first = weak.currentCard();
    CHECK(progress.topics[progress.cards[first].topicIndex].topicId == "t1");

    auto again = f.progress(t);
    StudySession topic(again, f.log, opts(SessionKind::Topic, "d/mixed"), t);
    CHECK(topic.remaining() == 4);
    StudySession unknown(again, f.log, opts(SessionKind::Topic, "nope"), t);
    CHECK(unknown.startStatus() == SessionStart::UnknownTopic);
    CHECK(unknown.finished());
    // With nothing due and no new cards allowed, a daily session has nothing to do.
    f.settings.newCardsPerDay = 0;
    auto none = f.progress(test::at("2026-01-01T10:05:00Z"));
    StudySession empty(none, {}, opts(SessionKind::Daily), test::at("2026-01-01T10:05:00Z"));
    CHECK(empty.startStatus() == SessionStart::NothingToStudy);
}

TEST_CASE("session - the summary tells XP accuracy counts time streak and achievements") {
    Fixture f{{mixedDeck(8)}, {}, {}, {}};
    AchievementDefinition first;
    first.id = "first";
    first.title = "First";
    first.description = "d";
    first.condition = AchievementCondition::ReviewsTotal;
    first.count = 1;
    f.achievements = {first};
    f.settings.dailyGoalXp = 40;
    // Yesterday counted: today's session extends the streak to 2.
    f.log.push_back(test::answer("d", "t1-8", "2026-02-28T10:00:00Z", Rating::Easy, ReviewKind::Learn));
    f.settings.dailyGoalXp = 10;
    auto t = test::at("2026-03-01T10:00:00Z");
    const auto start = t;
    auto progress = f.progress(t);
    CHECK(progress.streak.current == 1);
    f.achievements.push_back(first);
    f.achievements.back().id = "five";
    f.achievements.back().count = 5;
    auto fresh = f.progress(t);
    StudySession session(fresh, f.log, opts(SessionKind::Topic, "t1"), t);
    for (int i = 0; i < 4; ++i) {
        t = test::later(t, 10000);
        session.reveal(t);
        f.log.push_back(session.grade(i == 1 ? Rating::Again : Rating::Easy, t));
    }
    session.stop(test::later(t, 5000));
    CHECK(session.finished());
    const auto summary = session.summary();
    CHECK(summary.answers == 4);
    CHECK(summary.right == 3);
    CHECK(summary.accuracyPercent == 75);
    // Studied cards come first in a topic session: t1-8 (a review), then new t1-1 (Again), t1-2, t1-3.
    CHECK(summary.learned == 2);
    CHECK(summary.newStudied == 3);
    CHECK(summary.reviewed == 1);
    const auto after = f.progress(test::later(t, 5000));  // f.log holds the session's answers
    CHECK(summary.xpEarned == after.xp.total() - progress.xp.total());
    CHECK(summary.xpEarned > 0);
    CHECK(summary.durationMs == 45000);
    CHECK(summary.streakExtended);
    CHECK(summary.streak == 2);
    CHECK(summary.stoppedEarly);
    REQUIRE(summary.achievementsUnlocked.size() == 1);
    CHECK(summary.achievementsUnlocked[0].definition->id == "five");
    CHECK(summary.totalXp == after.xp.total());
    CHECK(summary.level.level == after.level.level);
    (void)start;
}

TEST_CASE("session - a long session replayed from its records gives the same states and XP") {
    Fixture f{{mixedDeck(30)}, {}, {}, {}};
    f.settings.newCardsPerDay = 30;
    auto t = test::at("2026-03-01T10:00:00+02:00");
    for (int day = 0; day < 6; ++day) {
        auto progress = f.progress(t);
        StudySession session(progress, f.log, opts(SessionKind::Daily), t);
        int n = 0;
        while (!session.finished() && n < 200) {
            t = test::later(t, 7000);
            session.reveal(t);
            const auto rating = static_cast<Rating>(1 + (n * 7 + day) % 4);
            f.log.push_back(session.grade(rating, t));
            if (n % 9 == 4) f.log.push_back(*session.undo(test::later(t, 1)));
            ++n;
        }
        const auto replayed = f.progress(t);
        for (std::uint32_t i = 0; i < progress.cards.size(); ++i) {
            INFO("day " << day << " card " << i);
            CHECK(replayed.states[i].phase == progress.states[i].phase);
            CHECK(replayed.states[i].dueDay == progress.states[i].dueDay);
            CHECK(replayed.states[i].dueMs == progress.states[i].dueMs);
        }
        CHECK(replayed.xp.total() == progress.xp.total());
        t = test::later(t, 86400000);
    }
}

TEST_CASE("session - a reference deck stays out of the daily session and its counts but its topics can be studied") {
    Deck course = test::basicDeck("course", {4});
    Deck reference = test::basicDeck("tour", {6});
    reference.daily = false;
    Fixture f{{course, reference}, {}, {}, {}};
    f.settings.newCardsPerDay = 20;
    const auto start = test::at("2026-03-01T10:00:00Z");
    // Both decks were studied a month ago: some of each are due now.
    for (int i = 1; i <= 4; ++i) f.log.push_back(test::answer("course", "t1-" + std::to_string(i), "2026-02-01T10:00:00Z", Rating::Easy));
    for (int i = 1; i <= 3; ++i) f.log.push_back(test::answer("tour", "t1-" + std::to_string(i), "2026-02-01T10:00:00Z", Rating::Easy));
    auto progress = f.progress(start);
    CHECK(progress.dueToday == 4);    // the course's four, not the tour's three
    CHECK(progress.newInDaily == 0);  // the tour's three unseen cards are not "new today"
    CHECK(progress.newCards == 3);    // but they are new cards of the course all the same

    StudySession daily(progress, f.log, opts(SessionKind::Daily), start);
    REQUIRE(daily.startStatus() == SessionStart::Ready);
    CHECK(daily.remaining() == 4);
    auto t = start;
    while (!daily.finished()) {
        CHECK(progress.deckOf(daily.currentCard()).id == "course");
        t = test::later(t, 2000);
        daily.reveal(t);
        daily.grade(Rating::Good, t);
    }

    // Chosen on the topic map, the tour's topic serves its cards, new ones included.
    auto later = f.progress(t);
    StudySession topic(later, f.log, opts(SessionKind::Topic, "tour/t1"), t);
    REQUIRE(topic.startStatus() == SessionStart::Ready);
    CHECK(topic.remaining() == 6);
    CHECK(later.deckOf(topic.currentCard()).id == "tour");
}

TEST_CASE("session - with load balancing a replay of the log gives every card the due date the session gave") {
    Fixture f{{test::basicDeck("d", {60})}, {}, {}, {}};
    f.settings.newCardsPerDay = 20;
    f.settings.loadBalancing = true;
    f.settings.easyDays[6] = EasyDay::Minimum;  // Sundays kept light
    auto t = test::at("2026-03-02T09:00:00Z");
    std::uint64_t turn = 0;
    for (int day = 0; day < 40; ++day) {
        auto progress = f.progress(t);
        StudySession session(progress, f.log, opts(SessionKind::Daily), t);
        for (int guard = 0; guard < 400 && !session.finished(); ++guard) {
            t = test::later(t, 20000);
            session.reveal(t);
            const Rating rating = (++turn % 7 == 0) ? Rating::Again : (turn % 5 == 0 ? Rating::Hard : Rating::Good);
            f.log.push_back(session.grade(rating, t));
        }
        // The live states after the session against the log replayed from scratch.
        const auto replayed = f.progress(t);
        for (std::uint32_t c = 0; c < progress.cards.size(); ++c) {
            INFO("day " << day << " card " << idOf(progress, c));
            REQUIRE(progress.states[c].phase == replayed.states[c].phase);
            REQUIRE(progress.states[c].dueDay == replayed.states[c].dueDay);
            REQUIRE(progress.states[c].dueMs == replayed.states[c].dueMs);
        }
        t = test::later(t, 86400000);
    }
}

TEST_CASE("session - the interval a review was given is in the log, so later settings never move a due date already given") {
    Fixture f{{test::basicDeck("d", {30})}, {}, {}, {}};
    f.settings.newCardsPerDay = 15;
    f.settings.loadBalancing = true;
    f.settings.easyDays = {EasyDay::Normal, EasyDay::Normal, EasyDay::Minimum, EasyDay::Normal,
                           EasyDay::Reduced, EasyDay::Minimum, EasyDay::Minimum};
    auto t = test::at("2026-03-02T09:00:00Z");
    for (int day = 0; day < 25; ++day) {
        auto progress = f.progress(t);
        StudySession session(progress, f.log, opts(SessionKind::Daily), t);
        for (int guard = 0; guard < 400 && !session.finished(); ++guard) {
            t = test::later(t, 20000);
            session.reveal(t);
            f.log.push_back(session.grade(day % 3 == 0 ? Rating::Easy : Rating::Good, t));
        }
        t = test::later(t, 86400000);
    }
    int recorded = 0;
    for (const ReviewRecord& r : f.log) recorded += r.scheduledDays > 0 ? 1 : 0;
    CHECK(recorded > 50);
    const auto given = f.progress(t);
    // Balancing off and every day normal now: the replay keeps each due day as given.
    f.settings.loadBalancing = false;
    f.settings.easyDays = {};
    const auto later = f.progress(t);
    int reviewCards = 0;
    for (std::uint32_t c = 0; c < given.cards.size(); ++c) {
        INFO("card " << idOf(given, c));
        CHECK(given.states[c].dueDay == later.states[c].dueDay);
        reviewCards += given.states[c].phase == scheduler::CardPhase::Review ? 1 : 0;
    }
    CHECK(reviewCards > 20);
    // The record is what holds it: without the days the replay draws other days.
    for (ReviewRecord& r : f.log) r.scheduledDays = 0;
    f.settings = {};
    const auto drawn = f.progress(t);
    int moved = 0;
    for (std::uint32_t c = 0; c < given.cards.size(); ++c) moved += given.states[c].dueDay != drawn.states[c].dueDay ? 1 : 0;
    CHECK(moved > 0);
}

TEST_CASE("session - a card answered Again comes back after three other cards when others wait") {
    Fixture f{{test::basicDeck("d", {12})}, {}, {}, {}};
    f.settings.newCardsPerDay = 12;
    auto t = test::at("2026-03-02T09:00:00Z");
    auto progress = f.progress(t);
    StudySession session(progress, f.log, opts(SessionKind::Daily), t);
    std::vector<std::uint32_t> shown;
    std::uint32_t failed = session.currentCard();
    for (int guard = 0; guard < 200 && !session.finished(); ++guard) {
        shown.push_back(session.currentCard());
        session.reveal(t);
        // The first card is failed; everything else is learned at once. Ten minutes a card, so
        // the failed card's step (1 min) is always over when the next card is picked.
        session.grade(shown.size() == 1 ? Rating::Again : Rating::Easy, t);
        t = test::later(t, 600000);
    }
    const auto again = std::find(shown.begin() + 1, shown.end(), failed);
    REQUIRE(again != shown.end());
    CHECK(again - shown.begin() >= 4);  // three other cards in between
    for (std::size_t i = 1; i < shown.size(); ++i) CHECK(shown[i] != shown[i - 1]);
}
