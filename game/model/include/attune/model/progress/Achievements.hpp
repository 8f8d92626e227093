// Achievements as data (assets/achievements.toml) and their unlock times, derived from the log.
#pragma once

#include <attune/model/core/Diagnostic.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// What an achievement asks for; `count` is the threshold.
enum class AchievementCondition : std::uint8_t {
    ReviewsTotal,    // answers given in total (cram included, imported not)
    CardsLearned,    // new cards graduated to review
    StreakDays,      // a streak this long
    XpTotal,         // this much XP
    Level,           // this level
    GoalDays,        // days on which the daily goal was met
    TopicsMastered,  // topics whose every card reached three weeks of stability
    PerfectRun,      // this many right answers in a row in one sitting
    Comeback,        // studying again after a break of at least `count` days
    DeckAuthored,    // studied a card of a deck the player made (count decks)
    EarlyBird,       // answers from the study day's start to 07:00 local time
    NightOwl,        // answers from 23:00 local time to the next study day's start (00:30 is late)
    DecksIntroduced, // decks whose every card was introduced (count decks)
    CourseMastered,  // every topic of the daily decks mastered (three weeks of stability)
};

std::optional<AchievementCondition> parseAchievementCondition(std::string_view name);
const char* achievementConditionName(AchievementCondition condition);

struct AchievementDefinition {
    std::string id;
    std::string title;
    std::string description;
    std::string icon;
    AchievementCondition condition = AchievementCondition::ReviewsTotal;
    std::int64_t count = 1;
    bool hidden = false;  // shown as "?" in the trophy room until earned
};

struct AchievementsLoadResult {
    std::vector<AchievementDefinition> definitions;  // empty when there are errors
    std::vector<Diagnostic> diagnostics;
};

/// Reads [[achievement]] tables: id, title, description, icon, condition, count, hidden.
AchievementsLoadResult loadAchievements(const std::filesystem::path& file);
AchievementsLoadResult parseAchievements(std::string_view text, const std::string& fileName);

/// The progress measured against every condition, kept as the time each level was reached.
/// Filled in by the progress computation; tests may fill it by hand.
struct AchievementMilestones {
    // For each condition: milestoneMs[n-1] = the first time the measure reached n.
    std::vector<std::int64_t> reviews, learned, streak, goalDays, topicsMastered, perfectRun, comebackGap,
        decksAuthored, earlyBird, nightOwl, decksIntroduced, courseMastered;
    std::vector<std::pair<std::int64_t, std::int64_t>> xp;  // (total XP, time) each time XP grew
};

struct AchievementUnlock {
    const AchievementDefinition* definition = nullptr;
    std::int64_t unlockedAtMs = 0;
};

/// The achievements reached, earliest first. Level conditions use levelForXp.
std::vector<AchievementUnlock> unlockedAchievements(std::span<const AchievementDefinition> definitions,
                                                    const AchievementMilestones& milestones);

/// Where the player stands now on the measures a milestone list cannot say: the streak now
/// (it can fall back) and the XP in all (the level follows from it).
struct AchievementStandingInput {
    std::int64_t currentStreak = 0;
    std::int64_t xpTotal = 0;
    std::int64_t courseTopics = 0;          // topics of the daily decks ...
    std::int64_t courseTopicsMastered = 0;  // ... and how many of them were mastered
};

/// One achievement as the trophy room shows it: earned (with the moment), or how far along.
struct AchievementStanding {
    const AchievementDefinition* definition = nullptr;
    std::optional<std::int64_t> earnedAtMs;
    std::int64_t progress = 0;  // toward `target`, in the condition's own unit; target when earned
    std::int64_t target = 1;    // `count`; for the course mastered, its topics
};

/// Every achievement in the data's order. Progress is the best the log reached so far (answers,
/// cards learned, goal days, topics mastered, the longest run, the longest break come back from,
/// decks, early/late answers), except the streak (the streak now), XP and the level (now).
std::vector<AchievementStanding> achievementStandings(std::span<const AchievementDefinition> definitions,
                                                      const AchievementMilestones& milestones,
                                                      const AchievementStandingInput& now);

}  // namespace attune::model
