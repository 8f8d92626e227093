#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Progress.hpp>

#include <set>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

const AchievementUnlock* find(const std::vector<AchievementUnlock>& unlocks, const std::string& id) {
    for (const auto& u : unlocks)
        if (u.definition->id == id) return &u;
    return nullptr;
}

AchievementDefinition def(const std::string& id, AchievementCondition condition, std::int64_t count) {
    AchievementDefinition d;
    d.id = id;
    d.title = id;
    d.description = id;
    d.condition = condition;
    d.count = count;
    return d;
}

}  // namespace

TEST_CASE("achievements - the bundled file defines at least 15 with unique ids and known conditions") {
    const auto loaded = loadAchievements(std::filesystem::path(ATTUNE_SOURCE_DIR) / "assets" / "achievements.toml");
    for (const auto& d : loaded.diagnostics) INFO(d.format());
    REQUIRE_FALSE(hasErrors(loaded.diagnostics));
    CHECK(loaded.definitions.size() >= 15);
    std::set<std::string> ids;
    std::set<AchievementCondition> conditions;
    for (const auto& d : loaded.definitions) {
        CHECK(ids.insert(d.id).second);
        CHECK_FALSE(d.title.empty());
        CHECK_FALSE(d.description.empty());
        CHECK_FALSE(d.icon.empty());
        CHECK(d.count >= 1);
        conditions.insert(d.condition);
    }
    // Every kind of achievement is used: reviews, streak, a topic mastered, a perfect session,
    // a comeback, a deck authored.
    for (auto c : {AchievementCondition::ReviewsTotal, AchievementCondition::StreakDays,
                   AchievementCondition::TopicsMastered, AchievementCondition::PerfectRun,
                   AchievementCondition::Comeback, AchievementCondition::DeckAuthored})
        CHECK(conditions.count(c) == 1);
}

TEST_CASE("achievements - a bad definition is reported with its line and column") {
    const auto loaded = parseAchievements("[[achievement]]\nid = \"x\"\ntitle = \"X\"\ndescription = \"d\"\n"
                                          "condition = \"reviews_totl\"\ncount = 0\n",
                                          "a.toml");
    CHECK(loaded.definitions.empty());
    REQUIRE(loaded.diagnostics.size() == 2);
    CHECK(loaded.diagnostics[0].line == 5);
    CHECK(loaded.diagnostics[0].format().find("a.toml:5:") == 0);
    CHECK(loaded.diagnostics[0].message.find("reviews_total") != std::string::npos);
    CHECK(loaded.diagnostics[1].line == 6);

    const auto duplicate = parseAchievements("[[achievement]]\nid = \"x\"\ntitle = \"X\"\ndescription = \"d\"\n"
                                             "condition = \"level\"\n[[achievement]]\nid = \"x\"\ntitle = \"Y\"\n"
                                             "description = \"d\"\ncondition = \"level\"\n",
                                             "b.toml");
    REQUIRE(duplicate.diagnostics.size() == 1);
    CHECK(duplicate.diagnostics[0].message.find("twice") != std::string::npos);
    CHECK(parseAchievements("not toml = = 1", "c.toml").diagnostics.size() == 1);
}

TEST_CASE("achievements - unlock times are derived from the log") {
    Deck deck = test::basicDeck("d", {3, 12});
    Deck mine = test::basicDeck("mine", {2});
    const std::vector<Deck> decks{deck, mine};
    const std::vector<AchievementDefinition> defs{
        def("first", AchievementCondition::ReviewsTotal, 1),   def("five", AchievementCondition::ReviewsTotal, 5),
        def("learned-3", AchievementCondition::CardsLearned, 3), def("streak-2", AchievementCondition::StreakDays, 2),
        def("run-4", AchievementCondition::PerfectRun, 4),      def("back", AchievementCondition::Comeback, 7),
        def("author", AchievementCondition::DeckAuthored, 1),   def("xp-30", AchievementCondition::XpTotal, 30),
        def("level-2", AchievementCondition::Level, 2),          def("never", AchievementCondition::ReviewsTotal, 1000),
        def("early", AchievementCondition::EarlyBird, 1),        def("owl", AchievementCondition::NightOwl, 2),
        def("goal-1", AchievementCondition::GoalDays, 1)};
    std::vector<ReviewRecord> log;
    const auto day1 = test::at("2026-06-01T06:30:00+02:00");  // before 7: an early bird answer
    log.push_back(test::answer("d", "t2-1", day1, Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-2", test::later(day1, 60000), Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-3", test::later(day1, 120000), Rating::Again, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-4", test::later(day1, 180000), Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-5", test::later(day1, 240000), Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-6", test::later(day1, 300000), Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-7", test::later(day1, 360000), Rating::Easy, ReviewKind::Learn));
    const auto day2 = test::at("2026-06-02T23:10:00+02:00");
    log.push_back(test::answer("mine", "t1-1", day2, Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("mine", "t1-2", test::later(day2, 1000), Rating::Easy, ReviewKind::Learn));
    const auto back = test::at("2026-06-12T12:00:00+02:00");  // after 9 days away
    log.push_back(test::answer("d", "t2-8", back, Rating::Easy, ReviewKind::Learn));

    CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.settings.dailyGoalXp = 20;
    input.achievements = defs;
    input.playerDeckIds = {"mine"};
    input.now = test::at("2026-06-12T13:00:00+02:00");
    const auto progress = computeProgress(input);
    const auto& unlocks = progress.achievements;

    REQUIRE(find(unlocks, "first") != nullptr);
    CHECK(find(unlocks, "first")->unlockedAtMs == log[0].utcMs);
    CHECK(find(unlocks, "five")->unlockedAtMs == log[4].utcMs);
    CHECK(find(unlocks, "learned-3")->unlockedAtMs == log[3].utcMs);  // the Again did not graduate
    CHECK(find(unlocks, "streak-2")->unlockedAtMs == log[8].utcMs);   // day 2 reached the goal of 20 XP
    CHECK(find(unlocks, "run-4")->unlockedAtMs == log[6].utcMs);      // 4 right after the Again
    CHECK(find(unlocks, "back")->unlockedAtMs == log[9].utcMs);
    CHECK(find(unlocks, "author")->unlockedAtMs == log[7].utcMs);
    CHECK(find(unlocks, "early")->unlockedAtMs == log[0].utcMs);
    CHECK(find(unlocks, "owl")->unlockedAtMs == log[8].utcMs);
    CHECK(find(unlocks, "goal-1")->unlockedAtMs == log[1].utcMs);     // 10 + 10 reaches 20
    CHECK(find(unlocks, "xp-30")->unlockedAtMs == log[3].utcMs);
    CHECK(find(unlocks, "level-2") == nullptr);                       // 100 XP not reached
    CHECK(find(unlocks, "never") == nullptr);
    // Earliest first.
    for (std::size_t i = 1; i < unlocks.size(); ++i) CHECK(unlocks[i - 1].unlockedAtMs <= unlocks[i].unlockedAtMs);
}

TEST_CASE("achievements - a topic counts as mastered when all its cards reach three weeks of stability") {
    Deck deck = test::basicDeck("d", {2, 1});
    const std::vector<AchievementDefinition> defs{def("topic", AchievementCondition::TopicsMastered, 1)};
    std::vector<ReviewRecord> log;
    // Card by card, well spaced reviews until stability passes 21 days.
    auto t = test::at("2026-01-01T10:00:00Z");
    for (const char* id : {"t1-1", "t1-2"}) {
        log.push_back(test::answer("d", id, t, Rating::Easy, ReviewKind::Learn));
    }
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.achievements = defs;
    input.now = test::at("2026-09-01T10:00:00Z");
    for (int round = 0; round < 4; ++round) {
        t = test::later(t, std::int64_t{30} * 86400000 * (round + 1));
        log.push_back(test::answer("d", "t1-1", t, Rating::Easy));
        log.push_back(test::answer("d", "t1-2", test::later(t, 60000), Rating::Easy));
    }
    input.reviews = log;
    const auto progress = computeProgress(input);
    REQUIRE(progress.achievements.size() == 1);
    // It unlocked at the answer that brought the second card of topic 1 over the line.
    const auto unlockedAt = progress.achievements[0].unlockedAtMs;
    const auto it = std::find_if(log.begin(), log.end(), [&](const ReviewRecord& r) { return r.utcMs == unlockedAt; });
    REQUIRE(it != log.end());
    CHECK(it->cardId == "t1-2");
    const auto& card = progress.states[*progress.findCard("d", "t1-2")];
    CHECK(card.memory->stability >= 21.0);
}

TEST_CASE("achievements - early bird and night owl follow the study day: 00:30 before a 04:00 day start is a late night") {
    const Deck deck = test::basicDeck("d", {6});
    const std::vector<Deck> decks{deck};
    const std::vector<AchievementDefinition> defs{def("early", AchievementCondition::EarlyBird, 1),
                                                  def("owl", AchievementCondition::NightOwl, 1)};
    auto unlocksFor = [&](const std::string& iso, int dayStart) {
        CourseInput input;
        input.decks = decks;
        const std::vector<ReviewRecord> log{test::answer("d", "t1-1", iso, Rating::Good, ReviewKind::Learn)};
        input.reviews = log;
        input.settings.dayStartHour = dayStart;
        input.achievements = defs;
        input.now = test::later(test::at(iso), 60000);
        std::set<std::string> ids;
        for (const auto& u : computeProgress(input).achievements) ids.insert(u.definition->id);
        return ids;
    };
    CHECK(unlocksFor("2026-06-02T00:30:00+02:00", 4) == std::set<std::string>{"owl"});
    CHECK(unlocksFor("2026-06-02T03:59:00+02:00", 4) == std::set<std::string>{"owl"});
    CHECK(unlocksFor("2026-06-02T04:00:00+02:00", 4) == std::set<std::string>{"early"});
    CHECK(unlocksFor("2026-06-02T06:59:00+02:00", 4) == std::set<std::string>{"early"});
    CHECK(unlocksFor("2026-06-02T07:00:00+02:00", 4).empty());
    CHECK(unlocksFor("2026-06-02T23:00:00+02:00", 4) == std::set<std::string>{"owl"});
    // With the day starting at midnight, 00:30 opens the day: an early start.
    CHECK(unlocksFor("2026-06-02T00:30:00+02:00", 0) == std::set<std::string>{"early"});
}

TEST_CASE("achievements - 'hidden' is read and checked, unknown keys are reported where they are") {
    const auto loaded = parseAchievements("[[achievement]]\nid = \"x\"\ntitle = \"X\"\ndescription = \"d\"\n"
                                          "condition = \"level\"\nhidden = true\n",
                                          "a.toml");
    REQUIRE(loaded.definitions.size() == 1);
    CHECK(loaded.definitions[0].hidden);
    const auto bad = parseAchievements("[[achievement]]\nid = \"x\"\ntitle = \"X\"\ndescription = \"d\"\n"
                                       "condition = \"level\"\nhidden = \"yes\"\nhiden = true\n",
                                       "b.toml");
    CHECK(bad.definitions.empty());
    REQUIRE(bad.diagnostics.size() == 2);
    CHECK(bad.diagnostics[0].format().find("b.toml:6:") == 0);
    CHECK(bad.diagnostics[0].message.find("true or false") != std::string::npos);
    CHECK(bad.diagnostics[1].format().find("b.toml:7:") == 0);
    CHECK(bad.diagnostics[1].message.find("hiden") != std::string::npos);
}

TEST_CASE("achievements - standings give the earned moment or the progress derived from the log") {
    Deck deck = test::basicDeck("d", {3, 12});
    const std::vector<Deck> decks{deck};
    const std::vector<AchievementDefinition> defs{
        def("five", AchievementCondition::ReviewsTotal, 5),      def("hundred", AchievementCondition::ReviewsTotal, 100),
        def("learned-30", AchievementCondition::CardsLearned, 30), def("streak-30", AchievementCondition::StreakDays, 30),
        def("level-9", AchievementCondition::Level, 9),           def("xp-5000", AchievementCondition::XpTotal, 5000),
        def("run-50", AchievementCondition::PerfectRun, 50)};
    std::vector<ReviewRecord> log;
    const auto day1 = test::at("2026-06-01T10:00:00+02:00");
    for (int i = 0; i < 7; ++i)
        log.push_back(test::answer("d", "t2-" + std::to_string(i + 1), test::later(day1, 60000 * i),
                                   i == 2 ? Rating::Again : Rating::Easy, ReviewKind::Learn));
    const auto day2 = test::at("2026-06-02T10:00:00+02:00");
    log.push_back(test::answer("d", "t2-8", day2, Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-9", test::later(day2, 60000), Rating::Easy, ReviewKind::Learn));

    CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.settings.dailyGoalXp = 20;
    input.achievements = defs;
    input.now = test::at("2026-06-02T12:00:00+02:00");
    const auto p = computeProgress(input);
    const auto standings = achievementStandings(defs, p.milestones, {p.streak.current, p.xp.total()});
    REQUIRE(standings.size() == defs.size());
    for (std::size_t i = 0; i < defs.size(); ++i) CHECK(standings[i].definition == &defs[i]);  // the data's order

    CHECK(standings[0].earnedAtMs == log[4].utcMs);
    CHECK(standings[0].progress == 5);
    CHECK_FALSE(standings[1].earnedAtMs);
    CHECK(standings[1].progress == 9);  // nine answers
    CHECK(standings[1].target == 100);
    CHECK(standings[2].progress == 8);  // the Again card did not graduate
    CHECK(standings[3].progress == p.streak.current);
    CHECK(standings[3].progress == 2);
    CHECK(standings[4].progress == levelForXp(p.xp.total()).level);
    CHECK(standings[5].progress == p.xp.total());
    CHECK(standings[6].progress == 4);  // the longest run in one sitting: four after the Again

    // A streak that broke shows the streak now, not the best one: 30 days on, nothing studied.
    input.now = test::at("2026-07-02T12:00:00+02:00");
    const auto later = computeProgress(input);
    const auto after = achievementStandings(defs, later.milestones, {later.streak.current, later.xp.total()});
    CHECK(after[3].progress == 0);
    CHECK(after[1].progress == 9);
}
