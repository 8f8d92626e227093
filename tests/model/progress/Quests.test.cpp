#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/Quests.hpp>

#include <algorithm>
#include <set>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

QuestDefinition quest(const std::string& id, QuestKind kind, int min, int max) {
    QuestDefinition q;
    q.id = id;
    q.title = "Do {n} things";
    q.kind = kind;
    q.min = min;
    q.max = max;
    return q;
}

const Quest* find(const DailyQuests& day, QuestKind kind) {
    for (const Quest& q : day.quests)
        if (q.definition->kind == kind) return &q;
    return nullptr;
}

// A deck of 15 cards; seven of them learned on the first day, all Easy but one.
struct TwoDays {
    std::vector<Deck> decks{test::basicDeck("d", {3, 12})};
    std::vector<ReviewRecord> log;
    TwoDays() {
        const auto day1 = test::at("2026-06-01T10:00:00+02:00");
        for (int i = 0; i < 7; ++i)
            log.push_back(test::answer("d", "t2-" + std::to_string(i + 1), test::later(day1, 60000 * i),
                                       i == 2 ? Rating::Again : Rating::Easy, ReviewKind::Learn));
    }
    CourseProgress progress(const std::string& now) const {
        CourseInput input;
        input.decks = decks;
        input.reviews = log;
        input.now = test::at(now);
        return computeProgress(input);
    }
};

}  // namespace

TEST_CASE("quests - the bundled file is valid and offers every kind") {
    const auto loaded = loadQuests(std::filesystem::path(ATTUNE_SOURCE_DIR) / "assets" / "quests.toml");
    for (const auto& d : loaded.diagnostics) INFO(d.format());
    REQUIRE_FALSE(hasErrors(loaded.diagnostics));
    std::set<QuestKind> kinds;
    for (const auto& q : loaded.definitions) {
        CHECK(q.min <= q.max);
        CHECK(q.title.find("{n}") != std::string::npos);
        kinds.insert(q.kind);
    }
    CHECK(kinds.size() == 5);
}

TEST_CASE("quests - a bad quest file is reported with file:line:col and gives no quests") {
    const auto bad = parseQuests("[[quest]]\nid = \"a\"\ntitle = \"Answer cards\"\nkind = \"cram\"\nmin = 5\nmax = 2\nsize = 3\n", "q.toml");
    CHECK(bad.definitions.empty());
    REQUIRE(bad.diagnostics.size() == 4);
    CHECK(bad.diagnostics[0].format().find("q.toml:3:") == 0);  // the title has no {n}
    CHECK(bad.diagnostics[1].format().find("q.toml:4:") == 0);  // unknown kind
    CHECK(bad.diagnostics[1].message.find("answer_cards") != std::string::npos);
    CHECK(bad.diagnostics[2].format().find("q.toml:6:") == 0);  // max below min
    CHECK(bad.diagnostics[3].format().find("q.toml:7:") == 0);  // unknown key
    CHECK(parseQuests("[[quest]]\nid = \"a\"\n", "r.toml").diagnostics.size() == 4);  // title, kind, min, max missing
    CHECK(parseQuests("quest = 3\n", "s.toml").definitions.empty());
    CHECK(hasErrors(parseQuests("[[quest]]\nid = \"a\"\ntitle = \"{n}\"\nkind = \"topics\"\nmin = 0\nmax = 99999999999\n", "t.toml").diagnostics));
    CHECK(hasErrors(parseQuests("\xff\xfe[[quest]]", "u.toml").diagnostics));
}

TEST_CASE("quests - the choice is fixed by the day and the profile, of distinct kinds, sized to the workload") {
    const std::vector<QuestDefinition> defs{quest("a", QuestKind::AnswerCards, 5, 25), quest("b", QuestKind::AnswerCards, 3, 10),
                                            quest("run", QuestKind::RightInARow, 3, 10), quest("new", QuestKind::LearnNew, 2, 10),
                                            quest("due", QuestKind::ReviewDue, 3, 20),   quest("top", QuestKind::Topics, 2, 4)};
    const QuestWorkload busy{40, 10, 30, 6};
    std::set<std::vector<std::string>> choices;
    for (std::int64_t day = 20600; day < 20630; ++day) {
        const DailyQuests first = chooseQuests(defs, day, 1780300800000ULL, busy);
        const DailyQuests again = chooseQuests(defs, day, 1780300800000ULL, busy);
        REQUIRE(first.quests.size() == 3);
        std::vector<std::string> ids;
        std::set<QuestKind> kinds;
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(first.quests[i].definition == again.quests[i].definition);
            CHECK(first.quests[i].target == again.quests[i].target);
            CHECK(first.quests[i].target >= first.quests[i].definition->min);
            CHECK(first.quests[i].target <= first.quests[i].definition->max);
            kinds.insert(first.quests[i].definition->kind);
            ids.push_back(first.quests[i].definition->id);
        }
        CHECK(kinds.size() == 3);
        choices.insert(ids);
    }
    CHECK(choices.size() > 5);  // the days differ
    // Pinned: the hash is FNV-1a and splitmix64, the same on every machine and library.
    const DailyQuests pinned = chooseQuests(defs, 20606, 1780300800000ULL, busy);
    std::vector<std::string> pinnedIds;
    for (const Quest& q : pinned.quests) pinnedIds.push_back(q.definition->id + ":" + std::to_string(q.target));
    CHECK(pinnedIds == std::vector<std::string>{"new:10", "b:7", "due:4"});

    // A light day: nothing new, two reviews due. No quest asks more than the day holds.
    const QuestWorkload light{2, 0, 2, 1};
    for (std::int64_t day = 20600; day < 20630; ++day)
        for (const Quest& q : chooseQuests(defs, day, 7, light).quests) {
            CHECK(q.target <= 2);
            CHECK(q.definition->kind != QuestKind::LearnNew);
        }
    CHECK(chooseQuests(defs, 20600, 7, QuestWorkload{}).quests.empty());  // nothing to do: no quest
}

TEST_CASE("quests - progress comes from the day's answers, cram never counts, an undo takes its answer back") {
    TwoDays course;
    const std::vector<QuestDefinition> defs{quest("a", QuestKind::AnswerCards, 4, 4), quest("run", QuestKind::RightInARow, 3, 3),
                                            quest("new", QuestKind::LearnNew, 2, 2)};
    auto& log = course.log;
    const auto day2 = test::at("2026-06-02T09:00:00+02:00");
    log.push_back(test::answer("d", "t2-8", day2, Rating::Good, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-9", test::later(day2, 60000), Rating::Again, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-10", test::later(day2, 120000), Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-1", test::later(day2, 150000), Rating::Easy, ReviewKind::Cram));
    log.push_back(test::answer("d", "t2-11", test::later(day2, 180000), Rating::Easy, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-12", test::later(day2, 240000), Rating::Easy, ReviewKind::Learn));

    const auto p = course.progress("2026-06-02T10:00:00+02:00");
    const DailyQuests today = dailyQuests(defs, p, log);
    REQUIRE(today.quests.size() == 3);
    const Quest* answers = find(today, QuestKind::AnswerCards);
    const Quest* run = find(today, QuestKind::RightInARow);
    const Quest* learned = find(today, QuestKind::LearnNew);
    REQUIRE((answers && run && learned));
    CHECK(answers->progress == 4);
    CHECK(answers->completedAtMs == log[11].utcMs);  // the fourth answer of the day; the cram one is not
    CHECK(run->completedAtMs == log[12].utcMs);      // three right after the Again, the cram between not counted
    CHECK(learned->completedAtMs == log[8].utcMs);
    CHECK(today.allCompleteAtMs == log[12].utcMs);
    CHECK(today.bonusXp() == kQuestBonusXp);

    log.push_back(undoMarkerFor(log[12], test::at("2026-06-02T09:05:00+02:00")));
    const auto undone = course.progress("2026-06-02T10:00:00+02:00");
    const DailyQuests after = dailyQuests(defs, undone, log);
    CHECK(find(after, QuestKind::RightInARow)->progress == 2);
    CHECK_FALSE(find(after, QuestKind::RightInARow)->complete());
    CHECK_FALSE(after.allCompleteAtMs);
    CHECK(after.bonusXp() == 0);
}

TEST_CASE("quests - the day start and travel: answers belong to the study day of their own clock") {
    TwoDays course;
    const std::vector<QuestDefinition> defs{quest("a", QuestKind::AnswerCards, 3, 3), quest("new", QuestKind::LearnNew, 3, 3)};
    auto& log = course.log;
    // Two answers in Berlin, then a flight west: the evening in New York is the same study day.
    log.push_back(test::answer("d", "t2-8", "2026-06-02T09:00:00+02:00", Rating::Good, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-9", "2026-06-02T09:01:00+02:00", Rating::Good, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-10", "2026-06-02T20:00:00-04:00", Rating::Good, ReviewKind::Learn));
    // 03:30 is before the 04:00 day start: still June 2.
    log.push_back(test::answer("d", "t2-11", "2026-06-03T03:30:00-04:00", Rating::Good, ReviewKind::Learn));

    const DailyQuests evening = dailyQuests(defs, course.progress("2026-06-02T21:00:00-04:00"), log);
    REQUIRE(evening.quests.size() == 2);
    CHECK(find(evening, QuestKind::AnswerCards)->completedAtMs == log[9].utcMs);
    const DailyQuests late = dailyQuests(defs, course.progress("2026-06-03T03:45:00-04:00"), log);
    CHECK(late.day == evening.day);
    CHECK(find(late, QuestKind::AnswerCards)->progress == 3);
    CHECK(find(late, QuestKind::LearnNew)->target == 3);
    // After the day start a new day begins with its own quests at nothing done.
    const DailyQuests next = dailyQuests(defs, course.progress("2026-06-03T04:30:00-04:00"), log);
    CHECK(next.day == evening.day + 1);
    for (const Quest& q : next.quests) CHECK(q.progress == 0);
}

TEST_CASE("quests - the day's choice does not move while the player studies, on the first day too") {
    const auto bundled = loadQuests(std::filesystem::path(ATTUNE_SOURCE_DIR) / "assets" / "quests.toml");
    REQUIRE_FALSE(hasErrors(bundled.diagnostics));
    std::vector<Deck> decks{test::basicDeck("d", {6, 14})};
    std::vector<ReviewRecord> log;
    auto titles = [&](const std::string& now) {
        CourseInput input;
        input.decks = decks;
        input.reviews = log;
        input.now = test::at(now);
        const CourseProgress p = computeProgress(input);
        std::vector<std::string> out;
        for (const Quest& q : dailyQuests(bundled.definitions, p, log).quests) out.push_back(q.title);
        return out;
    };
    const auto morning = titles("2026-06-01T08:00:00+02:00");
    REQUIRE(morning.size() == 3);
    const auto start = test::at("2026-06-01T09:00:00+02:00");
    for (int i = 0; i < 6; ++i) {
        log.push_back(test::answer("d", "t" + std::to_string(i % 2 + 1) + "-" + std::to_string(i / 2 + 1), test::later(start, 60000 * i),
                                   Rating::Good, ReviewKind::Learn));
        CHECK(titles("2026-06-01T12:00:00+02:00") == morning);
    }
}

TEST_CASE("quests - a day with all three quests complete adds the bonus to XP and the level on replay, two do not") {
    TwoDays course;  // June 1 (past): seven new cards answered, the third one Again
    const std::vector<QuestDefinition> defs{quest("a", QuestKind::AnswerCards, 3, 3), quest("run", QuestKind::RightInARow, 3, 3),
                                            quest("new", QuestKind::LearnNew, 2, 2)};
    auto& log = course.log;
    // June 2: three answers and two new cards, but no three right in a row; the cram answers
    // between them would make the run and must not.
    const auto day2 = test::at("2026-06-02T09:00:00+02:00");
    log.push_back(test::answer("d", "t2-8", day2, Rating::Good, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-1", test::later(day2, 30000), Rating::Easy, ReviewKind::Cram));
    log.push_back(test::answer("d", "t2-9", test::later(day2, 60000), Rating::Again, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-10", test::later(day2, 120000), Rating::Good, ReviewKind::Learn));
    log.push_back(test::answer("d", "t2-2", test::later(day2, 150000), Rating::Easy, ReviewKind::Cram));
    log.push_back(test::answer("d", "t2-3", test::later(day2, 160000), Rating::Easy, ReviewKind::Cram));
    log.push_back(test::answer("d", "t2-11", test::later(day2, 180000), Rating::Again, ReviewKind::Learn));

    std::vector<AchievementDefinition> achievements;
    auto replay = [&](const std::string& now, bool withQuests) {
        CourseInput input;
        input.decks = course.decks;
        input.reviews = log;
        input.now = test::at(now);
        input.achievements = achievements;
        if (withQuests) input.quests = defs;
        return computeProgress(input);
    };
    // June 3: both days are past, chosen again from the log.
    const CourseProgress bare = replay("2026-06-03T10:00:00+02:00", false);
    // An XP achievement only the bonus reaches.
    const std::int64_t needed = bare.xp.total() + kQuestBonusXp / 2;
    const auto parsed = parseAchievements("[[achievement]]\nid = \"xp\"\ntitle = \"XP\"\ndescription = \"XP\"\nicon = \"roots\"\n"
                                          "condition = \"xp_total\"\ncount = " + std::to_string(needed) + "\n",
                                          "test.toml");
    REQUIRE(parsed.diagnostics.empty());
    achievements = parsed.definitions;
    REQUIRE(replay("2026-06-03T10:00:00+02:00", false).achievements.empty());
    const CourseProgress with = replay("2026-06-03T10:00:00+02:00", true);
    CHECK(with.xp.total() == bare.xp.total() + kQuestBonusXp);
    CHECK(with.xp.questBonusTotal() == kQuestBonusXp);
    CHECK(with.level.level == levelForXp(bare.xp.total() + kQuestBonusXp).level);
    CHECK(with.level.xpIntoLevel == levelForXp(bare.xp.total() + kQuestBonusXp).xpIntoLevel);
    // The XP achievement is earned, never before the answer that completed June 1's last quest
    // (the third right in a row: the sixth answer); the days' own XP (the goal, the streak) does
    // not change.
    REQUIRE(with.achievements.size() == 1);
    CHECK(with.achievements.front().unlockedAtMs >= log[5].utcMs);
    CHECK(with.xp.xpByDay() == bare.xp.xpByDay());

    // On June 1 itself the day is today: the bonus counts as soon as the third quest is done,
    // as the goal ring shows it.
    const CourseProgress firstDay = replay("2026-06-01T12:00:00+02:00", true);
    const DailyQuests shown = dailyQuests(defs, firstDay, log);
    REQUIRE(shown.allCompleteAtMs);
    CHECK(firstDay.xp.total() == replay("2026-06-01T12:00:00+02:00", false).xp.total() + kQuestBonusXp);

    // June 2 as today: two of three complete, no bonus for it.
    const CourseProgress secondDay = replay("2026-06-02T12:00:00+02:00", true);
    const DailyQuests second = dailyQuests(defs, secondDay, log);
    REQUIRE(second.quests.size() == 3);
    CHECK(std::count_if(second.quests.begin(), second.quests.end(), [](const Quest& q) { return q.complete(); }) == 2);
    CHECK(secondDay.xp.total() == replay("2026-06-02T12:00:00+02:00", false).xp.total() + kQuestBonusXp);
}
