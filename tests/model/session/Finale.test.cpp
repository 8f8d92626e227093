// The course's finales are moments derived from the log: a deck's last new card introduced, a
// topic's last card at three weeks of stability, every topic of the course. A session's summary
// carries the finale it crossed into, once; the achievements for them unlock at the same moments.
#include "FreshHome.hpp"
#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/Game.hpp>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

AchievementDefinition def(const std::string& id, AchievementCondition condition) {
    AchievementDefinition d;
    d.id = d.title = d.description = id;
    d.condition = condition;
    return d;
}

}  // namespace

TEST_CASE("finale - the moments a deck is all introduced, a topic and the course mastered come from the log") {
    const std::vector<Deck> decks{test::basicDeck("d", {2, 1})};
    const std::vector<AchievementDefinition> defs{def("met", AchievementCondition::DecksIntroduced),
                                                  def("topic", AchievementCondition::TopicsMastered),
                                                  def("course", AchievementCondition::CourseMastered)};
    std::vector<ReviewRecord> log;
    log.push_back(test::answer("d", "t1-1", "2026-06-01T10:00:00+02:00", Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t1-2", "2026-06-01T10:01:00+02:00", Rating::Easy, ReviewKind::Learn));
    CourseInput input;
    input.decks = decks;
    input.achievements = defs;
    input.reviews = log;
    input.now = test::at("2026-06-01T12:00:00+02:00");
    const CourseProgress first = computeProgress(input);
    CHECK(first.deckIntroducedAtMs[0] == 0);  // t2-1 never studied
    CHECK(first.topicMasteredAtMs[0] == 0);   // days of stability, not weeks
    CHECK(standingInputOf(first).courseTopics == 2);

    log.push_back(test::answer("d", "t2-1", "2026-06-02T10:00:00+02:00", Rating::Easy, ReviewKind::Learn));
    // A month on, each card reviewed Easy: three weeks of stability and more.
    log.push_back(test::answer("d", "t1-1", "2026-07-01T10:00:00+02:00", Rating::Easy, ReviewKind::Review));
    log.push_back(test::answer("d", "t1-2", "2026-07-01T10:01:00+02:00", Rating::Easy, ReviewKind::Review));
    log.push_back(test::answer("d", "t2-1", "2026-07-02T10:00:00+02:00", Rating::Easy, ReviewKind::Review));
    input.reviews = log;
    input.now = test::at("2026-07-02T12:00:00+02:00");
    const CourseProgress p = computeProgress(input);
    CHECK(p.deckIntroducedAtMs[0] == log[2].utcMs);
    CHECK(p.topicMasteredAtMs[0] == log[4].utcMs);  // its second card's review
    CHECK(p.topicMasteredAtMs[1] == log[5].utcMs);
    CHECK(courseMasteredAtMs(p) == log[5].utcMs);
    REQUIRE(p.achievements.size() == 3);
    CHECK(p.achievements[0].definition->id == "met");
    CHECK(p.achievements[0].unlockedAtMs == log[2].utcMs);
    CHECK(p.achievements[2].definition->id == "course");
    CHECK(p.achievements[2].unlockedAtMs == log[5].utcMs);
}

TEST_CASE("finale - the session that meets a deck's last card carries its finale, once") {
    const testing::FreshHome fresh("attune-finale");
    const fs::path deck = fresh.root / "mini.toml";
    std::ofstream(deck) << "[deck]\nid = \"mini\"\ntitle = \"Mini\"\ndescription = \"Two cards.\"\nversion = \"1\"\n\n"
                           "[[topic]]\nid = \"t\"\ntitle = \"Tiny topic\"\n\n"
                           "[[card]]\nid = \"a\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"A?\"\nback = \"A.\"\n\n"
                           "[[card]]\nid = \"b\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"B?\"\nback = \"B.\"\n";
    setenv("ATTUNE_NOW", "2026-06-01T10:00:00Z", 1);
    {
        Game game({fresh.root / "profile", {deck}, false});
        REQUIRE(game.startTopicSession("mini/t"));
        game.reveal();
        REQUIRE(game.grade(4).saved.ok);
        game.reveal();
        REQUIRE(game.grade(4).saved.ok);
        const SummaryFacts met = game.finish();
        REQUIRE(met.finale.has_value());
        CHECK(met.finale->kind == FinaleFacts::Kind::DeckIntroduced);
        CHECK(met.finale->subject == "Mini");
        CHECK(met.finale->answers == 2);
        CHECK(met.finale->days == 1);
        const auto latest = game.latestFinale();
        REQUIRE(latest.has_value());
        CHECK(latest->subject == "Mini");

        // A month later both cards come back: reviewed Easy, the topic is mastered (its finale),
        // and the deck's finale is not shown again.
        setenv("ATTUNE_NOW", "2026-07-10T10:00:00Z", 1);
        REQUIRE(game.startTopicSession("mini/t"));
        game.reveal();
        REQUIRE(game.grade(4).saved.ok);
        game.reveal();
        REQUIRE(game.grade(4).saved.ok);
        const SummaryFacts mastered = game.finish();
        REQUIRE(mastered.finale.has_value());
        CHECK(mastered.finale->kind == FinaleFacts::Kind::TopicMastered);
        CHECK(mastered.finale->subject == "Tiny topic");
        CHECK(mastered.finale->topicsMastered >= 1);

        setenv("ATTUNE_NOW", "2026-07-10T10:30:00Z", 1);
        if (game.startTopicSession("mini/t")) {
            game.reveal();
            REQUIRE(game.grade(3).saved.ok);
            CHECK_FALSE(game.finish().finale.has_value());
        }
        CHECK(game.close().ok);
    }
    unsetenv("ATTUNE_NOW");
}
