// Achievement definitions from TOML and their unlock times. See Achievements.hpp.
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Xp.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace attune::model {
namespace {

struct ConditionName {
    AchievementCondition condition;
    const char* name;
};

constexpr ConditionName kConditionNames[] = {
    {AchievementCondition::ReviewsTotal, "reviews_total"},
    {AchievementCondition::CardsLearned, "cards_learned"},
    {AchievementCondition::StreakDays, "streak_days"},
    {AchievementCondition::XpTotal, "xp_total"},
    {AchievementCondition::Level, "level"},
    {AchievementCondition::GoalDays, "goal_days"},
    {AchievementCondition::TopicsMastered, "topics_mastered"},
    {AchievementCondition::PerfectRun, "perfect_run"},
    {AchievementCondition::Comeback, "comeback"},
    {AchievementCondition::DeckAuthored, "deck_authored"},
    {AchievementCondition::EarlyBird, "early_bird"},
    {AchievementCondition::NightOwl, "night_owl"},
    {AchievementCondition::DecksIntroduced, "decks_introduced"},
    {AchievementCondition::CourseMastered, "course_mastered"},
};

bool validId(std::string_view id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

std::optional<AchievementCondition> parseAchievementCondition(std::string_view name) {
    for (const auto& entry : kConditionNames)
        if (name == entry.name) return entry.condition;
    return std::nullopt;
}

const char* achievementConditionName(AchievementCondition condition) {
    for (const auto& entry : kConditionNames)
        if (entry.condition == condition) return entry.name;
    return "reviews_total";
}

AchievementsLoadResult parseAchievements(std::string_view text, const std::string& fileName) {
    AchievementsLoadResult out;
    auto error = [&](const toml::source_region& where, std::string message) {
        out.diagnostics.push_back({Diagnostic::Severity::Error, fileName, static_cast<int>(where.begin.line),
                                   static_cast<int>(where.begin.column), std::move(message)});
    };
    // TOML++ must never see what it cannot classify (TomlGuard.hpp): a stray byte would crash it.
    tomlguard::Rules rules;
    rules.keyExamples = "like id or title";
    std::optional<toml::table> root = tomlguard::parseChecked(text, fileName, rules, out.diagnostics);
    if (!root) return out;
    const toml::array* list = (*root)["achievement"].as_array();
    if (list == nullptr) {
        out.diagnostics.push_back({Diagnostic::Severity::Error, fileName, 0, 0,
                                   "no [[achievement]] tables: add at least one"});
        return out;
    }
    std::set<std::string> ids;
    std::vector<AchievementDefinition> definitions;
    for (const toml::node& node : *list) {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            error(node.source(), "an achievement must be a table ([[achievement]])");
            continue;
        }
        AchievementDefinition def;
        auto readText = [&](const char* key, std::string& into, bool required) {
            const toml::node* value = table->get(key);
            if (value == nullptr) {
                if (required) error(table->source(), std::string("achievement needs '") + key + "'");
                return;
            }
            if (const auto* s = value->as_string()) {
                into = s->get();
                if (required && into.empty()) error(value->source(), std::string("'") + key + "' must not be empty");
            } else {
                error(value->source(), std::string("'") + key + "' must be a string");
            }
        };
        readText("id", def.id, true);
        readText("title", def.title, true);
        readText("description", def.description, true);
        readText("icon", def.icon, false);
        std::string condition;
        readText("condition", condition, true);
        if (!def.id.empty()) {
            if (!validId(def.id))
                error(table->get("id")->source(), "id '" + def.id + "' may use only a-z, 0-9 and '-'");
            else if (!ids.insert(def.id).second)
                error(table->get("id")->source(), "id '" + def.id + "' is used twice");
        }
        if (!condition.empty()) {
            if (auto parsed = parseAchievementCondition(condition)) {
                def.condition = *parsed;
            } else {
                std::string names;
                for (const auto& entry : kConditionNames) names += std::string(names.empty() ? "" : ", ") + entry.name;
                error(table->get("condition")->source(), "unknown condition '" + condition + "'; use one of: " + names);
            }
        }
        if (const toml::node* count = table->get("count")) {
            if (const auto* n = count->as_integer(); n != nullptr && n->get() >= 1)
                def.count = n->get();
            else
                error(count->source(), "'count' must be a whole number of at least 1");
        }
        if (const toml::node* hidden = table->get("hidden")) {
            if (const auto* b = hidden->as_boolean()) def.hidden = b->get();
            else error(hidden->source(), "'hidden' must be true or false");
        }
        for (const auto& [key, value] : *table) {
            static constexpr std::string_view kKeys[] = {"id", "title", "description", "icon", "condition", "count", "hidden"};
            if (std::find(std::begin(kKeys), std::end(kKeys), key.str()) == std::end(kKeys))
                error(value.source(), "unknown key '" + std::string(key.str()) +
                                          "'; an achievement has id, title, description, icon, condition, count and hidden");
        }
        definitions.push_back(std::move(def));
    }
    if (!hasErrors(out.diagnostics)) out.definitions = std::move(definitions);
    return out;
}

AchievementsLoadResult loadAchievements(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        AchievementsLoadResult out;
        out.diagnostics.push_back({Diagnostic::Severity::Error, file.string(), 0, 0,
                                   "cannot read the achievements file (is the game installed completely?)"});
        return out;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseAchievements(text.str(), file.string());
}

std::vector<AchievementUnlock> unlockedAchievements(std::span<const AchievementDefinition> definitions,
                                                    const AchievementMilestones& milestones) {
    std::vector<AchievementUnlock> out;
    auto reached = [](const std::vector<std::int64_t>& times, std::int64_t count) -> std::optional<std::int64_t> {
        if (count < 1 || static_cast<std::size_t>(count) > times.size()) return std::nullopt;
        return times[static_cast<std::size_t>(count - 1)];
    };
    auto xpReached = [&](std::int64_t threshold) -> std::optional<std::int64_t> {
        const auto it = std::find_if(milestones.xp.begin(), milestones.xp.end(),
                                     [&](const auto& entry) { return entry.first >= threshold; });
        if (it == milestones.xp.end()) return std::nullopt;
        return it->second;
    };
    for (const AchievementDefinition& def : definitions) {
        std::optional<std::int64_t> at;
        switch (def.condition) {
        case AchievementCondition::ReviewsTotal: at = reached(milestones.reviews, def.count); break;
        case AchievementCondition::CardsLearned: at = reached(milestones.learned, def.count); break;
        case AchievementCondition::StreakDays: at = reached(milestones.streak, def.count); break;
        case AchievementCondition::XpTotal: at = xpReached(def.count); break;
        case AchievementCondition::Level:
            at = xpReached(xpAtLevelStart(static_cast<int>(std::min<std::int64_t>(def.count, 100000))));
            break;
        case AchievementCondition::GoalDays: at = reached(milestones.goalDays, def.count); break;
        case AchievementCondition::TopicsMastered: at = reached(milestones.topicsMastered, def.count); break;
        case AchievementCondition::PerfectRun: at = reached(milestones.perfectRun, def.count); break;
        case AchievementCondition::Comeback: at = reached(milestones.comebackGap, def.count); break;
        case AchievementCondition::DeckAuthored: at = reached(milestones.decksAuthored, def.count); break;
        case AchievementCondition::EarlyBird: at = reached(milestones.earlyBird, def.count); break;
        case AchievementCondition::NightOwl: at = reached(milestones.nightOwl, def.count); break;
        case AchievementCondition::DecksIntroduced: at = reached(milestones.decksIntroduced, def.count); break;
        case AchievementCondition::CourseMastered: at = reached(milestones.courseMastered, 1); break;
        }
        if (at) out.push_back({&def, *at});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const AchievementUnlock& a, const AchievementUnlock& b) { return a.unlockedAtMs < b.unlockedAtMs; });
    return out;
}

std::vector<AchievementStanding> achievementStandings(std::span<const AchievementDefinition> definitions,
                                                      const AchievementMilestones& milestones,
                                                      const AchievementStandingInput& now) {
    const std::vector<AchievementUnlock> unlocked = unlockedAchievements(definitions, milestones);
    auto size = [](const std::vector<std::int64_t>& times) { return static_cast<std::int64_t>(times.size()); };
    std::vector<AchievementStanding> out;
    out.reserve(definitions.size());
    for (const AchievementDefinition& def : definitions) {
        AchievementStanding standing;
        standing.definition = &def;
        standing.target = def.count;
        const auto earned = std::find_if(unlocked.begin(), unlocked.end(),
                                         [&](const AchievementUnlock& u) { return u.definition == &def; });
        if (earned != unlocked.end()) {
            standing.earnedAtMs = earned->unlockedAtMs;
            standing.progress = def.count;
            out.push_back(standing);
            continue;
        }
        std::int64_t value = 0;
        switch (def.condition) {
        case AchievementCondition::ReviewsTotal: value = size(milestones.reviews); break;
        case AchievementCondition::CardsLearned: value = size(milestones.learned); break;
        case AchievementCondition::StreakDays: value = now.currentStreak; break;
        case AchievementCondition::XpTotal: value = now.xpTotal; break;
        case AchievementCondition::Level: value = levelForXp(now.xpTotal).level; break;
        case AchievementCondition::GoalDays: value = size(milestones.goalDays); break;
        case AchievementCondition::TopicsMastered: value = size(milestones.topicsMastered); break;
        case AchievementCondition::PerfectRun: value = size(milestones.perfectRun); break;
        case AchievementCondition::Comeback: value = size(milestones.comebackGap); break;
        case AchievementCondition::DeckAuthored: value = size(milestones.decksAuthored); break;
        case AchievementCondition::EarlyBird: value = size(milestones.earlyBird); break;
        case AchievementCondition::NightOwl: value = size(milestones.nightOwl); break;
        case AchievementCondition::DecksIntroduced: value = size(milestones.decksIntroduced); break;
        case AchievementCondition::CourseMastered:
            standing.target = std::max<std::int64_t>(1, now.courseTopics);
            value = now.courseTopicsMastered;
            break;
        }
        // Not earned means not there yet, whatever a measure that can fall says.
        standing.progress = std::clamp<std::int64_t>(value, 0, std::max<std::int64_t>(0, standing.target - 1));
        out.push_back(standing);
    }
    return out;
}

}  // namespace attune::model
