// Daily quests: three small goals a day, chosen from data (assets/quests.toml) by a hash of the
// study day and the profile (the same three on every device), sized to the day's real workload
// and measured from the log like everything else. See docs/PROGRESSION.md.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/progress/Streak.hpp>

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

/// XP the day earns when all of its quests are complete: it adds to the total XP and the level
/// (computeProgress books it on replay), not to the day's XP for the daily goal.
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

/// One answer of a study day as the quests count it: the player's own, not cram, not imported,
/// not taken back.
struct QuestAnswer {
    std::int64_t utcMs = 0;
    scheduler::Rating rating = scheduler::Rating::Good;
    bool review = false;                    // a scheduled review
    std::uint32_t card = UINT32_MAX;        // into CourseProgress::cards; UINT32_MAX: no loaded deck has it
};

/// The workload of `progress`'s study day measured with `log` (the log the progress came from).
QuestWorkload questWorkload(const CourseProgress& progress, std::span<const ReviewRecord> log);

/// The day's quests: definitions ordered by a hash of (profile seed, day, id), the first three
/// of distinct kinds whose `min` the workload allows, each sized by the hash between min and
/// max and never above the workload. The profile seed is the time of the profile's first
/// answer before the day (0 on the first day), so every device with the log agrees.
DailyQuests dailyQuests(std::span<const QuestDefinition> definitions, const CourseProgress& progress,
                        std::span<const ReviewRecord> log);
/// The workload of a study day before today as it stood at the day's end, from its answers (in
/// time order) and its facts: what was answered, plus the cards left due (facts.reviewsLeftUndone)
/// and the new cards the day's limit still allowed; at most one more topic a waiting card.
QuestWorkload pastDayWorkload(const CourseProgress& progress, const StudyDayFacts& facts, std::span<const QuestAnswer> day);
/// Progress and completion of `quests` from the day's answers in time order; answers dated
/// after `untilMs` do not count yet.
void measureQuests(DailyQuests& quests, const CourseProgress& progress, std::span<const QuestAnswer> day, std::int64_t untilMs);
/// The profile seed of `day` (see dailyQuests) from the profile's first own answer (nullptr: none).
std::uint64_t questProfileSeed(const ReviewRecord* firstOwnAnswer, std::int64_t day, int dayStartHour);
/// The profile's first own answer in `log`, or nullptr.
const ReviewRecord* firstOwnAnswer(std::span<const ReviewRecord> log);

/// The same from a workload already measured (tests; the choice alone).
DailyQuests chooseQuests(std::span<const QuestDefinition> definitions, std::int64_t day, std::uint64_t profileSeed,
                         const QuestWorkload& workload);

}  // namespace attune::model
