// Daily quests from TOML, their choice for a study day and their progress from the log.
// See Quests.hpp and docs/PROGRESSION.md.
#include <attune/model/progress/Quests.hpp>

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/Hash.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/Progress.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <unordered_set>

namespace attune::model {
namespace {

struct KindName {
    QuestKind kind;
    const char* name;
};

constexpr KindName kKindNames[] = {
    {QuestKind::AnswerCards, "answer_cards"}, {QuestKind::RightInARow, "right_in_a_row"}, {QuestKind::LearnNew, "learn_new"},
    {QuestKind::ReviewDue, "review_due"},     {QuestKind::Topics, "topics"},
};

constexpr std::string_view kSize = "{n}";

bool validId(std::string_view id) {
    return !id.empty() &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// FNV-1a over the bytes, then splitmix64's finaliser: the same number on every machine and
// library, unlike std::hash or a std:: distribution.
std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

std::uint64_t questHash(std::uint64_t seed, std::int64_t day, std::string_view id) {
    return mix(Fnv1a().add(seed).add(static_cast<std::uint64_t>(day)).add(id).value());
}

int capacityFor(QuestKind kind, const QuestWorkload& w) {
    switch (kind) {
    case QuestKind::AnswerCards:
    case QuestKind::RightInARow: return w.cards;
    case QuestKind::LearnNew: return w.newCards;
    case QuestKind::ReviewDue: return w.reviews;
    case QuestKind::Topics: return w.topics;
    }
    return 0;
}

std::string filledTitle(const std::string& title, int n) {
    std::string out = title;
    if (const auto at = out.find(kSize); at != std::string::npos) out.replace(at, kSize.size(), std::to_string(n));
    return out;
}

// The player's own answers on the study day, in time order, taken-back answers removed. Only
// the day's records are sorted and matched (a heavy log has 300,000): an undo is written on the
// day of the answer it takes back. A study day's answers lie within a day or two of its date
// (offsets up to 14 hours, a day start up to 23:00), so the others are passed over without
// working out their day.
std::vector<ReviewRecord> answersOfDay(std::span<const ReviewRecord> log, std::int64_t day, int dayStartHour) {
    constexpr std::int64_t kDayMs = 86400000LL;
    const std::int64_t from = (day - 2) * kDayMs, to = (day + 3) * kDayMs;
    std::vector<ReviewRecord> ofDay;
    for (const ReviewRecord& r : log)
        if (r.utcMs >= from && r.utcMs < to && scheduler::studyDay(r.moment(), dayStartHour) == day)
            ofDay.push_back(r);
    std::vector<ReviewRecord> out = effectiveReviews(ofDay);
    // Cram and imported answers never count.
    std::erase_if(out, [](const ReviewRecord& r) { return !isOwnStudy(r) || !changesSchedule(r); });
    return out;
}

QuestWorkload workloadOf(const CourseProgress& p, std::span<const ReviewRecord> day);

// The day's answers as the quests read them.
std::vector<QuestAnswer> questAnswers(const CourseProgress& p, std::span<const ReviewRecord> day) {
    std::vector<QuestAnswer> out;
    out.reserve(day.size());
    for (const ReviewRecord& r : day) {
        const auto card = p.findCard(r.deckId, r.cardId);
        out.push_back({r.utcMs, r.rating, r.kind == ReviewKind::Review, card ? *card : UINT32_MAX});
    }
    return out;
}

}  // namespace

std::optional<QuestKind> parseQuestKind(std::string_view name) {
    for (const auto& entry : kKindNames)
        if (name == entry.name) return entry.kind;
    return std::nullopt;
}

const char* questKindName(QuestKind kind) {
    for (const auto& entry : kKindNames)
        if (entry.kind == kind) return entry.name;
    return "answer_cards";
}

QuestsLoadResult parseQuests(std::string_view text, const std::string& fileName) {
    QuestsLoadResult out;
    auto error = [&](const toml::source_region& where, std::string message) {
        out.diagnostics.push_back({Diagnostic::Severity::Error, fileName, static_cast<int>(where.begin.line),
                                   static_cast<int>(where.begin.column), std::move(message)});
    };
    tomlguard::Rules rules;
    rules.keyExamples = "like id or title";
    std::optional<toml::table> root = tomlguard::parseChecked(text, fileName, rules, out.diagnostics);
    if (!root) return out;
    const toml::array* list = (*root)["quest"].as_array();
    if (list == nullptr) {
        out.diagnostics.push_back({Diagnostic::Severity::Error, fileName, 0, 0, "no [[quest]] tables: add at least one"});
        return out;
    }
    std::set<std::string> ids;
    std::vector<QuestDefinition> definitions;
    for (const toml::node& node : *list) {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
            error(node.source(), "a quest must be a table ([[quest]])");
            continue;
        }
        QuestDefinition def;
        auto readText = [&](const char* key, std::string& into) {
            const toml::node* value = table->get(key);
            if (value == nullptr) {
                error(table->source(), std::string("quest needs '") + key + "'");
            } else if (const auto* s = value->as_string(); s != nullptr && !s->get().empty()) {
                into = s->get();
            } else {
                error(value->source(), std::string("'") + key + "' must be a text that is not empty");
            }
        };
        auto readSize = [&](const char* key, int& into) {
            const toml::node* value = table->get(key);
            if (value == nullptr) {
                error(table->source(), std::string("quest needs '") + key + "'");
            } else if (const auto* n = value->as_integer(); n != nullptr && n->get() >= 1 && n->get() <= 1000) {
                into = static_cast<int>(n->get());
            } else {
                error(value->source(), std::string("'") + key + "' must be a whole number from 1 to 1000");
            }
        };
        std::string kind;
        readText("id", def.id);
        readText("title", def.title);
        readText("kind", kind);
        readSize("min", def.min);
        readSize("max", def.max);
        if (!def.id.empty()) {
            if (!validId(def.id)) error(table->get("id")->source(), "id '" + def.id + "' may use only a-z, 0-9 and '-'");
            else if (!ids.insert(def.id).second) error(table->get("id")->source(), "id '" + def.id + "' is used twice");
        }
        if (!def.title.empty() && def.title.find(kSize) == std::string::npos)
            error(table->get("title")->source(), "the title must say where the size goes with {n}, like \"Answer {n} cards\"");
        if (!kind.empty()) {
            if (const auto parsed = parseQuestKind(kind)) {
                def.kind = *parsed;
            } else {
                std::string names;
                for (const auto& entry : kKindNames) names += std::string(names.empty() ? "" : ", ") + entry.name;
                error(table->get("kind")->source(), "unknown kind '" + kind + "'; use one of: " + names);
            }
        }
        if (table->get("min") && table->get("max") && def.max < def.min)
            error(table->get("max")->source(), "'max' must not be less than 'min'");
        for (const auto& [key, value] : *table) {
            static constexpr std::string_view kKeys[] = {"id", "title", "kind", "min", "max"};
            if (std::find(std::begin(kKeys), std::end(kKeys), key.str()) == std::end(kKeys))
                error(value.source(), "unknown key '" + std::string(key.str()) + "'; a quest has id, title, kind, min and max");
        }
        definitions.push_back(std::move(def));
    }
    if (!hasErrors(out.diagnostics)) out.definitions = std::move(definitions);
    return out;
}

QuestsLoadResult loadQuests(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        QuestsLoadResult out;
        out.diagnostics.push_back({Diagnostic::Severity::Error, file.string(), 0, 0,
                                   "cannot read the quests file (is the game installed completely?)"});
        return out;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseQuests(text.str(), file.string());
}

QuestsLoadResult loadBundledQuests() { return loadQuests(assetsDir() / "quests.toml"); }

QuestWorkload questWorkload(const CourseProgress& p, std::span<const ReviewRecord> log) {
    return workloadOf(p, answersOfDay(log, p.today, p.settings.dayStartHour));
}

namespace {

QuestWorkload workloadOf(const CourseProgress& p, std::span<const ReviewRecord> day) {
    QuestWorkload w;
    std::unordered_set<std::uint32_t> answered, reviewed, topics;
    for (const ReviewRecord& answer : day) {
        const ReviewRecord* r = &answer;
        const auto card = p.findCard(r->deckId, r->cardId);
        if (!card) continue;
        answered.insert(*card);
        topics.insert(p.cards[*card].topicIndex);
        if (r->kind == ReviewKind::Review) reviewed.insert(*card);
    }
    int dueReviews = 0, dueOthers = 0;  // due now and not yet answered today (a learning step again is the same card)
    int newToCome = p.newAvailableToday;  // introduced in deck order: their topics are in reach
    for (std::size_t i = 0; i < p.cards.size(); ++i) {
        if (!p.decks[p.cards[i].deckIndex].daily) continue;
        const scheduler::CardState& s = p.states[i];
        if (s.phase == scheduler::CardPhase::New && newToCome > 0) {
            --newToCome;
            topics.insert(p.cards[i].topicIndex);
        }
        if (s.phase == scheduler::CardPhase::New || !p.scheduler.isDue(s, p.now)) continue;
        if (answered.count(static_cast<std::uint32_t>(i)) == 0) {
            topics.insert(p.cards[i].topicIndex);
            ++dueOthers;
        }
        if (s.phase == scheduler::CardPhase::Review && reviewed.count(static_cast<std::uint32_t>(i)) == 0) ++dueReviews;
    }
    w.cards = static_cast<int>(answered.size()) + dueOthers + p.newAvailableToday;
    w.newCards = p.todayCounts.newStudied + p.newAvailableToday;
    w.reviews = static_cast<int>(reviewed.size()) + dueReviews;
    w.topics = static_cast<int>(topics.size());
    return w;
}

}  // namespace

DailyQuests chooseQuests(std::span<const QuestDefinition> definitions, std::int64_t day, std::uint64_t seed,
                         const QuestWorkload& workload) {
    DailyQuests out;
    out.day = day;
    std::vector<std::pair<std::uint64_t, const QuestDefinition*>> order;
    for (const QuestDefinition& def : definitions) order.emplace_back(questHash(seed, day, def.id), &def);
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
    });
    std::set<QuestKind> kinds;
    for (const auto& [hash, def] : order) {
        if (out.quests.size() == kQuestsPerDay) break;
        const int capacity = capacityFor(def->kind, workload);
        if (capacity < def->min || kinds.count(def->kind) != 0) continue;
        kinds.insert(def->kind);
        Quest quest;
        quest.definition = def;
        const auto span = static_cast<std::uint64_t>(def->max - def->min + 1);
        quest.target = std::min(capacity, def->min + static_cast<int>(mix(hash) % span));
        quest.title = filledTitle(def->title, quest.target);
        out.quests.push_back(std::move(quest));
    }
    return out;
}

const ReviewRecord* firstOwnAnswer(std::span<const ReviewRecord> log) {
    const ReviewRecord* first = nullptr;
    for (const ReviewRecord& r : log)
        if (isOwnStudy(r) && (first == nullptr || r.utcMs < first->utcMs)) first = &r;
    return first;
}

// The profile's first answer, when it came before the day (0 on the first day).
std::uint64_t questProfileSeed(const ReviewRecord* first, std::int64_t day, int dayStartHour) {
    if (first == nullptr || scheduler::studyDay(first->moment(), dayStartHour) >= day) return 0;
    return static_cast<std::uint64_t>(first->utcMs);
}

// Computed for every study day of a heavy log: flags by card and topic, not hash sets.
QuestWorkload pastDayWorkload(const CourseProgress& p, const StudyDayFacts& facts, std::span<const QuestAnswer> day) {
    constexpr char kAnswered = 1, kReviewed = 2;
    std::vector<char> cardSeen(p.cards.size(), 0), topicSeen(p.topics.size(), 0);
    int answered = 0, reviewed = 0, topics = 0, introduced = 0;
    for (const QuestAnswer& a : day) {
        if (a.card == UINT32_MAX) continue;
        char& seen = cardSeen[a.card];
        if (!(seen & kAnswered)) {
            seen |= kAnswered;
            ++answered;
            if (p.cards[a.card].firstDay == facts.day) ++introduced;
        }
        if (a.review && !(seen & kReviewed)) {
            seen |= kReviewed;
            ++reviewed;
        }
        if (!topicSeen[p.cards[a.card].topicIndex]) {
            topicSeen[p.cards[a.card].topicIndex] = 1;
            ++topics;
        }
    }
    const int newToCome = std::clamp(p.settings.newCardsPerDay - introduced, 0, facts.newCardsLeft);
    const int waiting = std::max(0, facts.reviewsLeftUndone);
    QuestWorkload w;
    w.cards = answered + waiting + newToCome;
    w.newCards = introduced + newToCome;
    w.reviews = reviewed + waiting;
    w.topics = topics + std::min(waiting + newToCome, static_cast<int>(p.topics.size()) - topics);
    return w;
}

void measureQuests(DailyQuests& out, const CourseProgress& p, std::span<const QuestAnswer> day, std::int64_t untilMs) {
    // Walk the day's answers in time order; a quest completes at the answer that reaches its target.
    int answers = 0, run = 0, bestRun = 0, learned = 0, reviews = 0, topics = 0;
    std::vector<char> cardSeen(p.cards.size(), 0), topicSeen(p.topics.size(), 0);
    auto measure = [&](QuestKind kind) {
        switch (kind) {
        case QuestKind::AnswerCards: return answers;
        case QuestKind::RightInARow: return bestRun;
        case QuestKind::LearnNew: return learned;
        case QuestKind::ReviewDue: return reviews;
        case QuestKind::Topics: return topics;
        }
        return 0;
    };
    for (const QuestAnswer& r : day) {
        if (r.utcMs > untilMs) break;  // dated in the future: counts from then on
        ++answers;
        run = r.rating == scheduler::Rating::Again ? 0 : run + 1;
        bestRun = std::max(bestRun, run);
        if (r.review) ++reviews;
        if (r.card != UINT32_MAX) {
            if (!topicSeen[p.cards[r.card].topicIndex]) {
                topicSeen[p.cards[r.card].topicIndex] = 1;
                ++topics;
            }
            // A card first studied that day: its first answer of the day introduced it.
            if (p.cards[r.card].firstDay == out.day && !cardSeen[r.card]) {
                cardSeen[r.card] = 1;
                ++learned;
            }
        }
        for (Quest& q : out.quests)
            if (!q.completedAtMs && measure(q.definition->kind) >= q.target) q.completedAtMs = r.utcMs;
    }
    std::int64_t last = 0;
    bool all = !out.quests.empty();
    for (Quest& q : out.quests) {
        q.progress = std::min(q.target, measure(q.definition->kind));
        if (!q.completedAtMs) all = false;
        else last = std::max(last, *q.completedAtMs);
    }
    if (all) out.allCompleteAtMs = last;
}

DailyQuests dailyQuests(std::span<const QuestDefinition> definitions, const CourseProgress& p, std::span<const ReviewRecord> log) {
    const int dayStart = p.settings.dayStartHour;
    const std::vector<ReviewRecord> day = answersOfDay(log, p.today, dayStart);
    DailyQuests out = chooseQuests(definitions, p.today, questProfileSeed(firstOwnAnswer(log), p.today, dayStart), workloadOf(p, day));
    measureQuests(out, p, questAnswers(p, day), p.now.utcMs + kClockAheadAllowanceMs);
    return out;
}

}  // namespace attune::model
