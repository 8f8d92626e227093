// Daily quests: three small goals a day, chosen from data (assets/quests.toml) by a hash of the
// study day and the profile (the same three on every device), sized to the day's real workload
// and measured from the log like everything else. See docs/PROGRESSION.md.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

struct CourseProgress;

/// What a quest asks for; every measure counts the player's own answers of the study day
/// (never cram, never imported, taken-back answers removed).
enum class QuestKind : std::uint8_t {
    AnswerCards,   // answer N cards
    RightInARow,   // N right answers in a row (Again breaks the run)
    LearnNew,      // introduce N new cards
    ReviewDue,     // answer N scheduled reviews
    Topics,        // answer cards of N different topics
};

std::optional<QuestKind> parseQuestKind(std::string_view name);
const char* questKindName(QuestKind kind);

struct QuestDefinition {
    std::string id;
    std::string title;  // with "{n}" where the size goes: "Answer {n} cards"
    QuestKind kind = QuestKind::AnswerCards;
    int min = 1;        // the quest is offered only when today's workload allows this many
    int max = 1;
};

struct QuestsLoadResult {
    std::vector<QuestDefinition> definitions;  // empty when there are errors
    std::vector<Diagnostic> diagnostics;
};

/// Reads [[quest]] tables: id, title, kind, min, max; file:line:col diagnostics.
QuestsLoadResult parseQuests(std::string_view text, const std::string& fileName);
QuestsLoadResult loadQuests(const std::filesystem::path& file);
/// assets/quests.toml.
QuestsLoadResult loadBundledQuests();

/// XP the day earns when all of its quests are complete (shown on the goal ring).
inline constexpr int kQuestBonusXp = 20;
inline constexpr std::size_t kQuestsPerDay = 3;

struct Quest {
    const QuestDefinition* definition = nullptr;
    int target = 1;
    std::string title;      // "{n}" filled in
    int progress = 0;       // at most target
    std::optional<std::int64_t> completedAtMs;  // the answer that completed it
    bool complete() const { return completedAtMs.has_value(); }
};

struct DailyQuests {
    std::int64_t day = 0;
    std::vector<Quest> quests;  // at most three; fewer on a day with little to do
    std::optional<std::int64_t> allCompleteAtMs;
    int bonusXp() const { return allCompleteAtMs ? kQuestBonusXp : 0; }
};

/// What the day holds, as the sizing rule reads it: the work done today plus the work still
/// waiting in the daily session (never Study more, never cram).
struct QuestWorkload {
    int cards = 0;    // distinct cards answered today + due now + new cards today's session still introduces
    int newCards = 0; // new cards introduced today + still to introduce today
    int reviews = 0;  // distinct cards reviewed today + cards due now
    int topics = 0;   // topics answered today, with a card due now, or of the new cards still to come
};

/// The workload of `progress`'s study day measured with `log` (the log the progress came from).
QuestWorkload questWorkload(const CourseProgress& progress, std::span<const ReviewRecord> log);

/// The day's quests: definitions ordered by a hash of (profile seed, day, id), the first three
/// of distinct kinds whose `min` the workload allows, each sized by the hash between min and
/// max and never above the workload. The profile seed is the time of the profile's first
/// answer before the day (0 on the first day), so every device with the log agrees.
DailyQuests dailyQuests(std::span<const QuestDefinition> definitions, const CourseProgress& progress,
                        std::span<const ReviewRecord> log);
/// The same from a workload already measured (tests; the choice alone).
DailyQuests chooseQuests(std::span<const QuestDefinition> definitions, std::int64_t day, std::uint64_t profileSeed,
                         const QuestWorkload& workload);

}  // namespace attune::model
