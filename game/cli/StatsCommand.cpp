// `attune stats`: reviews, cards by state, due today, streak, XP, level and topic mastery, as
// plain lines or as one JSON object (--json) for scripts.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/CourseLoad.hpp"
#include "cli/JsonText.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/CountText.hpp>
#include <attune/model/progress/MemoryCharts.hpp>
#include <attune/model/progress/Quests.hpp>

#include <climits>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace attune::cli {
namespace {

constexpr int kForecastDays = 90;

constexpr const char* kUsage = "attune stats [--profile DIR] [--deck PATH]... [--json]";

constexpr const char* kHelp =
    "usage: attune stats [--profile DIR] [--deck PATH]... [--json]\n\n"
    "Reviews in total, cards by state, what is due today, the streak, XP and level, and how well\n"
    "you know each topic. Nothing is written.\n\n"
    "  --profile DIR   the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck PATH     also count this deck file or folder (repeatable)\n"
    "  --json          print one JSON object instead: reviews_total, due_today, streak,\n"
    "                  longest_streak, freezes, xp, level, topics [{id, mastery, recall}],\n"
    "                  learning_due_today (learning cards coming back later today), next_due_at\n"
    "                  (the soonest of them, ISO time, or null), retention_by_interval (true\n"
    "                  retention of young and mature reviews, and by interval band),\n"
    "                  stability_histogram, difficulty_histogram, recall_histogram (cards per\n"
    "                  bin), due_forecast (reviews due on each of the next 90 days),\n"
    "                  achievements [{id, earned_at or progress and target}], quests {day, list\n"
    "                  [{id, title, progress, target, completed_at}], all_complete, bonus_xp} and more\n";

std::string groupJson(const model::RetentionGroup& g) {
    return "{\"passed\":" + std::to_string(g.passed) + ",\"total\":" + std::to_string(g.total) +
           ",\"retention\":" + (g.total > 0 ? fixed(g.share(), 4) : std::string("null")) + "}";
}

std::string histogramJson(const model::Histogram& h) {
    std::string out = "{\"cards\":" + std::to_string(h.cards) + ",\"bins\":[";
    for (std::size_t i = 0; i < h.counts.size(); ++i)
        out += (i ? "," : "") + std::string("{\"label\":") + jsonString(h.labels[i]) + ",\"cards\":" + std::to_string(h.counts[i]) + "}";
    return out + "]}";
}

// The memory charts of the Stats screen, for the whole course.
void printMemoryJson(const model::MemoryCharts& m, std::ostream& out) {
    const auto& r = m.retention;
    out << ",\"retention_by_interval\":{\"young\":" << groupJson(r.young) << ",\"mature\":" << groupJson(r.mature)
        << ",\"all\":" << groupJson(r.all) << ",\"mature_from_days\":" << model::kMatureIntervalDays << ",\"bands\":[";
    for (std::size_t i = 0; i < r.bands.size(); ++i) {
        const auto& b = r.bands[i];
        out << (i ? "," : "") << "{\"from_days\":" << b.fromDays << ",\"to_days\":"
            << (b.toDays == INT32_MAX ? std::string("null") : std::to_string(b.toDays)) << ",\"passed\":" << b.group.passed
            << ",\"total\":" << b.group.total << "}";
    }
    out << "]},\"stability_histogram\":" << histogramJson(m.stability)
        << ",\"difficulty_histogram\":" << histogramJson(m.difficulty) << ",\"recall_histogram\":" << histogramJson(m.recall)
        << ",\"due_forecast\":[";
    for (std::size_t i = 0; i < m.due.size(); ++i) out << (i ? "," : "") << m.due[i];
    out << "]";
}

void printJson(const model::CourseProgress& p, const model::MemoryCharts& memory, const model::DailyQuests& quests, std::ostream& out) {
    out << "{\"reviews_total\":" << p.reviewsTotal << ",\"due_today\":" << p.dueToday
        << ",\"streak\":" << p.streak.current << ",\"longest_streak\":" << p.streak.longest
        << ",\"freezes\":" << p.streak.freezesHeld << ",\"streak_today\":" << (p.streak.todayCounts ? "true" : "false")
        << ",\"xp\":" << p.xp.total() << ",\"level\":" << p.level.level
        << ",\"xp_into_level\":" << p.level.xpIntoLevel << ",\"xp_for_next_level\":" << p.level.xpForNext
        << ",\"xp_today\":" << p.xpToday() << ",\"daily_goal\":" << p.dailyGoalXp()
        << ",\"cards\":{\"total\":" << p.cards.size() << ",\"new\":" << p.newCards << ",\"learning\":" << p.learningCards
        << ",\"review\":" << p.reviewCards << ",\"mastered\":" << p.masteredCards << "}"
        << ",\"suspended\":" << p.setAsideCards << ",\"buried\":" << p.buriedCards
        << ",\"cards_learned\":" << p.cardsLearned << ",\"imported_reviews\":" << p.importedTotal
        << ",\"learning_due_today\":" << p.learningLaterToday << ",\"next_due_at\":"
        << (p.nextLearningDueMs == 0 ? std::string("null")
                                      : jsonString(model::formatIsoTime({p.nextLearningDueMs, p.now.utcOffsetSeconds})));
    out << ",\"topics\":[";
    for (std::size_t i = 0; i < p.topics.size(); ++i) {
        const auto& t = p.topics[i];
        out << (i ? "," : "") << "{\"id\":" << jsonString(t.topicId) << ",\"deck\":" << jsonString(t.deckId)
            << ",\"title\":" << jsonString(t.title) << ",\"mastery\":" << t.masteryPercent
            << ",\"recall\":" << fixed(t.recall, 3) << ",\"cards\":" << t.cards << ",\"new\":" << t.newCards
            << ",\"learning\":" << t.learning << ",\"review\":" << t.review << ",\"mastered\":" << t.mastered
            << ",\"lapses\":" << t.lapses << ",\"set_aside\":" << t.setAside << "}";
    }
    out << "],\"weak_topics\":[";
    for (std::size_t i = 0; i < p.weakTopics.size(); ++i)
        out << (i ? "," : "") << jsonString(p.topics[p.weakTopics[i]].topicId);
    out << "],\"leeches\":[";
    for (std::size_t i = 0; i < p.leeches.size(); ++i) {
        const std::uint32_t c = p.leeches[i];
        out << (i ? "," : "") << "{\"deck\":" << jsonString(p.deckOf(c).id) << ",\"id\":" << jsonString(p.studyCardOf(c).id)
            << ",\"lapses\":" << p.states[c].lapses
            << ",\"set_aside\":" << (model::isSetAside(p.holdOf(c)) ? "true" : "false") << "}";
    }
    out << "]";
    printMemoryJson(memory, out);
    // Every achievement in the data's order: earned ones with the moment, the others with how far along.
    out << ",\"achievements\":[";
    const auto standings = model::achievementStandings(p.achievementDefinitions, p.milestones, model::standingInputOf(p));
    for (std::size_t i = 0; i < standings.size(); ++i) {
        const auto& a = standings[i];
        // A hidden achievement keeps its secret until earned: "?" for a title, as in the trophy room.
        const bool secret = a.definition->hidden && !a.earnedAtMs;
        out << (i ? "," : "") << "{\"id\":" << jsonString(a.definition->id) << ",\"title\":" << jsonString(secret ? "?" : a.definition->title)
            << ",\"hidden\":" << (a.definition->hidden ? "true" : "false");
        if (a.earnedAtMs) {
            const std::string at = jsonString(model::formatIsoTime({*a.earnedAtMs, p.now.utcOffsetSeconds}));
            out << ",\"earned_at\":" << at << ",\"unlocked_at\":" << at;
        } else {
            out << ",\"progress\":" << a.progress << ",\"target\":" << a.target;
        }
        out << "}";
    }
    // Today's quests (docs/PROGRESSION.md): each with its size and progress, and the bonus.
    out << "],\"quests\":{\"day\":" << jsonString(model::formatIsoTime({quests.day * 86400000, 0}).substr(0, 10)) << ",\"list\":[";
    for (std::size_t i = 0; i < quests.quests.size(); ++i) {
        const model::Quest& q = quests.quests[i];
        out << (i ? "," : "") << "{\"id\":" << jsonString(q.definition->id) << ",\"kind\":" << jsonString(model::questKindName(q.definition->kind))
            << ",\"title\":" << jsonString(q.title) << ",\"progress\":" << q.progress << ",\"target\":" << q.target
            << ",\"completed_at\":"
            << (q.completedAtMs ? jsonString(model::formatIsoTime({*q.completedAtMs, p.now.utcOffsetSeconds})) : std::string("null")) << "}";
    }
    out << "],\"all_complete\":" << (quests.allCompleteAtMs ? "true" : "false") << ",\"bonus_xp\":" << quests.bonusXp() << "}}\n";
}

void printText(const model::CourseProgress& p, std::ostream& out) {
    using model::countText;
    out << "Reviews: " << countText(p.reviewsTotal) << " in total";
    if (p.importedTotal > 0) out << " (and " << countText(p.importedTotal) << " imported)";
    out << "\nCards: " << countText(static_cast<std::int64_t>(p.cards.size())) << " (" << countText(p.newCards)
        << " new, " << countText(p.learningCards) << " learning, " << countText(p.reviewCards) << " in review, "
        << countText(p.masteredCards) << " mastered)\n"
        << "Due today: " << countText(p.dueToday) << "\n";
    if (p.setAsideCards + p.buriedCards > 0)
        out << "Set aside: " << countText(p.setAsideCards) << " suspended (bring them back from Decks), "
            << countText(p.buriedCards) << " buried until tomorrow\n";
    if (p.learningLaterToday > 0)
        out << "Learning: " << model::comeBackText(p.learningLaterToday, p.nextLearningDueMs, p.now.utcMs) << " (at "
            << model::formatIsoTime({p.nextLearningDueMs, p.now.utcOffsetSeconds}) << ")\n";
    out
        << "Streak: " << p.streak.current << (p.streak.current == 1 ? " day" : " days")
        << (p.streak.todayCounts        ? " (today counts)"
            : p.streak.current > 0      ? " (reach today's goal to keep it)"
                                        : " (reach today's goal to start one)")
        << ", longest "
        << p.streak.longest << ", freezes " << p.streak.freezesHeld << "\n"
        << "XP: " << countText(p.xp.total()) << ", level " << p.level.level << " (" << countText(p.level.xpIntoLevel)
        << "/" << countText(p.level.xpForNext) << " to the next)\n"
        << "Today: " << p.xpToday() << "/" << p.dailyGoalXp() << " XP of the daily goal\n";
    if (!p.topics.empty()) out << "Topics (mastery, predicted recall now):\n";
    for (const auto& t : p.topics) {
        out << "  " << t.title << ": " << t.masteryPercent << "% mastered, recall "
            << (t.studied == 0 ? std::string("-") : fixed(100.0 * t.recall, 0) + "%") << " (" << t.newCards << " new, "
            << t.learning << " learning, " << t.mastered << " mastered of " << t.cards
            << (t.setAside > 0 ? ", " + std::to_string(t.setAside) + " set aside" : std::string()) << ")\n";
    }
    if (!p.weakTopics.empty()) {
        out << "Weak topics:";
        for (std::size_t i = 0; i < p.weakTopics.size(); ++i) out << (i ? ", " : " ") << p.topics[p.weakTopics[i]].title;
        out << "\n";
    }
    if (!p.leeches.empty()) {
        out << "Leeches (forgotten " << p.settings.leechLapses << " times or more):\n";
        for (const std::uint32_t c : p.leeches)
            out << "  " << p.deckOf(c).id << "/" << p.studyCardOf(c).id << " (" << p.states[c].lapses << " lapses"
                << (model::isSetAside(p.holdOf(c)) ? ", set aside" : "") << ")\n";
    }
    if (!p.achievements.empty()) {
        out << "Achievements:\n";
        for (const auto& a : p.achievements) out << "  " << a.definition->title << " - " << a.definition->description << "\n";
    }
}

}  // namespace

int runStats(const Invocation& call) {
    const Args args(call.args, {"--profile", "--deck"}, {"--json", "--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (!args.positionals().empty())
        return usageError(call.err, "'" + args.positionals().front() + "' is not an option of stats", kUsage);
    const LoadedCourse course = loadCourse(courseOptions(args, true), call.err);
    if (course.namedDeckFailed) {
        call.err << "attune: a deck named with --deck does not load (see above); nothing was counted\n";
        return 1;
    }
    const model::CourseProgress progress = course.progress(model::now());
    if (args.has("--json"))
        printJson(progress, model::memoryCharts(progress, course.profile->reviews(), std::nullopt, kForecastDays),
                  model::dailyQuests(progress.questDefinitions, progress, course.profile->reviews()), call.out);
    else
        printText(progress, call.out);
    return 0;
}

}  // namespace attune::cli
