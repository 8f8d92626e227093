// `attune card info DECK/CARD`: one card's history replayed from the log (each answer with the
// interval it gave and the memory state it left) and the card as it stands now, as plain lines
// or as one JSON object (--json). Nothing is written.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/CourseLoad.hpp"
#include "cli/JsonText.hpp"
#include "cli/TerminalText.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/progress/CardHistory.hpp>

#include <algorithm>
#include <cctype>
#include <ostream>

namespace attune::cli {
namespace {

constexpr const char* kUsage = "attune card info DECK/CARD [--json] [--profile DIR] [--deck PATH]...";

constexpr const char* kHelp =
    "usage: attune card info DECK/CARD [--json] [--profile DIR] [--deck PATH]...\n\n"
    "One card's history and memory: every answer (date in your time zone then, rating, the interval\n"
    "it gave, days since the answer before, and stability S, difficulty D and recall R at that\n"
    "moment), then its stability, difficulty, recall now, due date, lapses and reviews. Replayed\n"
    "from the review log; nothing is written.\n\n"
    "  DECK/CARD       the deck's id, a slash and the card's id, as in the deck file: course/c12;\n"
    "                  a reverse side ends in #reverse (course/c12#reverse), a cloze blank in #cN\n"
    "  --json          print one JSON object: deck, card, state, stability, difficulty,\n"
    "                  recall_now, due, lapses, reviews, history [{at, rating, interval_days, ...}]\n"
    "  --profile DIR   the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck PATH     also load this deck file or folder (repeatable)\n";

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string dueText(const model::CourseProgress& p, const model::CardHistory& h) {
    if (h.isNew()) return "not studied yet";
    if (h.state.phase != scheduler::CardPhase::Review)
        return model::formatIsoTime({h.dueMs, p.now.utcOffsetSeconds}) + " (a learning step)";
    const std::int64_t in = h.dueDay - h.today;
    return model::dateOfDay(h.dueDay) + (in > 0 ? " (in " + std::to_string(in) + (in == 1 ? " day)" : " days)")
                                         : in == 0 ? " (today)" : " (overdue " + std::to_string(-in) + (in == -1 ? " day)" : " days)"));
}

void pad(std::string& line, std::size_t width) {
    while (line.size() < width) line += ' ';
}

void printText(const model::CourseProgress& p, const model::CardHistory& h, std::ostream& out) {
    out << h.deckId << "/" << h.cardId << ": " << terminalSafe(h.question) << "\n";
    if (!h.topic.empty()) out << "Topic: " << terminalSafe(h.topic) << "\n";
    out << "State: " << model::phaseName(h.state.phase) << "\n";
    if (!h.isNew()) {
        out << "Stability: " << fixed(h.state.memory->stability, 2) << " days\n"
            << "Difficulty: " << fixed(h.state.memory->difficulty, 2) << " of 10\n"
            << "Recall now: " << fixed(100.0 * h.recallNow, 1) << " % (" << h.daysSinceLastReview
            << (h.daysSinceLastReview == 1 ? " day" : " days") << " since the last review)\n";
    }
    out << "Due: " << dueText(p, h) << "\n"
        << "Reviews: " << h.reviews << ", lapses: " << h.lapses << "\n";
    if (h.answers.empty()) {
        out << "No answers yet.\n";
        return;
    }
    out << "History (dates in your time zone at the time; S and D after the answer, R just before it):\n";
    out << "  date              rating  kind      interval  elapsed  S (days)  D      R\n";
    for (const model::CardAnswer& a : h.answers) {
        std::string line = "  " + model::localDateTime(a.at);
        pad(line, 20);
        line += model::ratingName(a.rating);
        pad(line, 28);
        line += model::reviewlog::kindName(a.kind);
        pad(line, 38);
        line += a.changedSchedule ? scheduler::intervalLabel(a.waitMs) : "-";
        pad(line, 48);
        line += a.phaseBefore == scheduler::CardPhase::New ? "-" : std::to_string(a.elapsedDays) + "d";
        pad(line, 57);
        line += fixed(a.stability, 2);
        pad(line, 67);
        line += fixed(a.difficulty, 2);
        pad(line, 74);
        line += a.phaseBefore == scheduler::CardPhase::New ? "-" : fixed(100.0 * a.recallBefore, 1) + " %";
        out << line << "\n";
    }
}

void printJson(const model::CourseProgress& p, const model::CardHistory& h, std::ostream& out) {
    const bool studied = !h.isNew();
    out << "{\"deck\":" << jsonString(h.deckId) << ",\"card\":" << jsonString(h.cardId)
        << ",\"question\":" << jsonString(h.question) << ",\"topic\":" << jsonString(h.topic)
        << ",\"state\":" << jsonString(model::phaseName(h.state.phase))
        << ",\"stability\":" << (studied ? fixed(h.state.memory->stability, 4) : "null")
        << ",\"difficulty\":" << (studied ? fixed(h.state.memory->difficulty, 4) : "null")
        << ",\"recall_now\":" << (studied ? fixed(h.recallNow, 4) : "null")
        << ",\"days_since_last_review\":" << (studied ? std::to_string(h.daysSinceLastReview) : "null")
        << ",\"due\":"
        << (!studied ? std::string("null")
                     : h.state.phase == scheduler::CardPhase::Review ? jsonString(model::dateOfDay(h.dueDay))
                                                                     : jsonString(model::formatIsoTime({h.dueMs, p.now.utcOffsetSeconds})))
        << ",\"lapses\":" << h.lapses << ",\"reviews\":" << h.reviews << ",\"history\":[";
    for (std::size_t i = 0; i < h.answers.size(); ++i) {
        const model::CardAnswer& a = h.answers[i];
        const bool first = a.phaseBefore == scheduler::CardPhase::New;
        out << (i ? "," : "") << "{\"at\":" << jsonString(model::formatIsoTime(a.at))
            << ",\"date\":" << jsonString(model::localDateTime(a.at)) << ",\"rating\":" << jsonString(lower(model::ratingName(a.rating)))
            << ",\"kind\":" << jsonString(model::reviewlog::kindName(a.kind)) << ",\"state\":" << jsonString(model::phaseName(a.phaseBefore))
            << ",\"state_after\":" << jsonString(model::phaseName(a.phaseAfter))
            << ",\"elapsed_days\":" << (first ? std::string("null") : std::to_string(a.elapsedDays))
            << ",\"interval_days\":" << a.intervalDays << ",\"interval\":"
            << (a.changedSchedule ? jsonString(scheduler::intervalLabel(a.waitMs)) : std::string("null"))
            << ",\"stability\":" << fixed(a.stability, 4) << ",\"difficulty\":" << fixed(a.difficulty, 4)
            << ",\"recall\":" << (first ? std::string("null") : fixed(a.recallBefore, 4)) << "}";
    }
    out << "]}\n";
}

// Why a name found no card, and how names are written, with the decks that are loaded.
void explainUnknown(const model::CourseProgress& p, const std::string& name, std::ostream& err) {
    const auto slash = name.find('/');
    const std::string deckId = slash == std::string::npos ? std::string() : name.substr(0, slash);
    const model::Deck* deck = nullptr;
    for (const model::Deck& d : p.decks)
        if (d.id == deckId) deck = &d;
    if (slash == std::string::npos)
        err << "attune: '" << terminalSafe(name) << "' names no card: write DECK/CARD, the deck's id, a slash and the card's id\n";
    else if (!deck)
        err << "attune: no loaded deck has the id '" << terminalSafe(deckId) << "'\n";
    else
        err << "attune: deck '" << deck->id << "' has no card '" << terminalSafe(name.substr(slash + 1)) << "'\n";
    err << "A card is written DECK/CARD with the ids of the deck files, e.g. ";
    if (!p.decks.empty() && !p.decks.front().studyCards.empty())
        err << p.decks.front().id << "/" << p.decks.front().studyCards.front().id;
    else
        err << "course/c12";
    err << "; a reverse side ends in #reverse, a cloze blank in #c1, #c2...\nLoaded decks:";
    for (const model::Deck& d : p.decks) err << " " << d.id << " (" << d.studyCards.size() << " cards)";
    err << "\n";
}

}  // namespace

int runCard(const Invocation& call) {
    const Args args(call.args, {"--profile", "--deck"}, {"--json", "--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    const auto& words = args.positionals();
    if (words.empty()) return usageError(call.err, "card needs a command: info", kUsage);
    if (words[0] != "info") return usageError(call.err, "unknown card command '" + words[0] + "' (info)", kUsage);
    if (words.size() < 2) return usageError(call.err, "say which card: DECK/CARD, e.g. course/c12", kUsage);
    if (words.size() > 2) return usageError(call.err, "unexpected argument '" + words[2] + "'", kUsage);
    const LoadedCourse course = loadCourse(courseOptions(args, true), call.err);
    if (course.namedDeckFailed) {
        call.err << "attune: a deck named with --deck does not load (see above)\n";
        return 1;
    }
    const model::CourseProgress progress = course.progress(model::now());
    const auto card = model::findCardByName(progress, words[1]);
    if (!card) {
        explainUnknown(progress, words[1], call.err);
        return 1;
    }
    const model::CardHistory history = model::cardHistory(progress, course.profile->reviews(), *card, progress.now);
    if (args.has("--json"))
        printJson(progress, history, call.out);
    else
        printText(progress, history, call.out);
    return 0;
}

}  // namespace attune::cli
