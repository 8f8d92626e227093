// `attune study --tty`: the study session in a terminal, one plain line per beat, for
// screen-reader users and scripts. Every answer is appended to the profile (fsync) and
// acknowledged with a "saved: ..." line before the next card is shown.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/CourseLoad.hpp"
#include "cli/TerminalText.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/CountText.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/session/CustomStudy.hpp>
#include <attune/model/session/Game.hpp>

#include <algorithm>
#include <istream>
#include <optional>
#include <ostream>

namespace attune::cli {
namespace {

using scheduler::Rating;

constexpr const char* kUsage =
    "attune study --tty [--profile DIR] [--deck PATH]... [--mode MODE] [--seed N]";

constexpr const char* kHelp =
    "usage: attune study --tty [--profile DIR] [--deck PATH]... [--mode MODE] [--seed N]\n\n"
    "Study in the terminal, one line per step. Without --tty the game window opens.\n\n"
    "  --tty           plain lines on standard input and output (screen readers, scripts)\n"
    "  --profile DIR   the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck PATH     also study this deck file or folder (repeatable)\n"
    "  --mode MODE     daily (default): what is due and today's new cards\n"
    "                  weak: the weakest topics' cards, lowest recall first\n"
    "                  topic:ID: one topic (ID or DECK/ID)\n"
    "                  Study more, each earning XP as memory gained:\n"
    "                  more-new:N: N new cards beyond today's limit (1-100, today only)\n"
    "                  ahead:N: review the cards due in the next N days (1-30)\n"
    "                  forgotten: today's cards answered Again, once more\n"
    "                  tag:NAME: the cards of a deck tag\n"
    "                  cram or cram:ID: practice that changes no schedule and earns NO XP\n"
    "  --seed N        the order of choice options (default: from the clock)\n\n"
    "Each card takes two lines. The answer line: Enter reveals; a number picks an option; t or f\n"
    "answers true/false; anything else is your typed answer. The grade line: 1 Again, 2 Hard,\n"
    "3 Good, 4 Easy; Enter accepts the suggested grade. On either line u undoes the previous\n"
    "answer, b buries the card until tomorrow, s suspends it (bring it back from the game's\n"
    "Decks) and q stops (so does the end of input). Every answer is saved at once.\n";

const char* ratingName(Rating rating) {
    switch (rating) {
    case Rating::Again: return "again";
    case Rating::Hard: return "hard";
    case Rating::Good: return "good";
    case Rating::Easy: return "easy";
    }
    return "good";
}

const char* ratingTitle(Rating rating) {
    switch (rating) {
    case Rating::Again: return "Again";
    case Rating::Hard: return "Hard";
    case Rating::Good: return "Good";
    case Rating::Easy: return "Easy";
    }
    return "Good";
}

std::string minutes(std::int64_t ms) {
    const std::int64_t m = (ms + 30000) / 60000;
    return m < 1 ? "under a minute" : std::to_string(m) + (m == 1 ? " minute" : " minutes");
}

/// The session in the terminal, beat by beat, through the same model::Game the window drives.
class TerminalStudy {
public:
    TerminalStudy(const Invocation& call, model::Game& game)
        : m_call(call), m_game(game), m_columns(terminalColumns(call.out)) {}

    void run() {
        while (m_game.inSession()) {
            if (m_game.card().beat == model::Beat::Answer) {
                showCard();
                if (!answerLine()) break;
            }
            if (m_game.inSession() && m_game.card().beat == model::Beat::Grade) {
                showAnswer();
                if (!gradeLine()) break;
            }
        }
    }

private:
    // One line, or nullopt at the end of input.
    std::optional<std::string> readLine() {
        std::string line;
        if (!std::getline(m_call.in, line)) return std::nullopt;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }

    void reportSaved(const model::SaveResult& saved, const std::string& cardId, int rating, const char* what) {
        std::ostream& out = m_call.out;
        const char* name = ratingName(static_cast<Rating>(rating));
        if (saved.ok) {
            out << what << ": " << cardId << ' ' << name << '\n';
        } else {
            out << "not saved yet: " << cardId << ' ' << name << " (" << saved.message << "; kept in memory and retried)\n";
        }
        out.flush();
    }

    void grade(int rating) {
        const model::GradeResult graded = m_game.grade(rating);
        reportSaved(graded.saved, graded.cardId, graded.rating, "saved");
        if (const std::string notice = model::leechNotice(graded); !notice.empty()) m_call.out << notice << '\n';
    }

    // b: bury until tomorrow, s: suspend (the card on screen, on either line).
    void hold(bool suspend) {
        const model::CardMarkResult held = suspend ? m_game.suspendCard() : m_game.buryCard();
        if (!held.changed) return;
        const char* what = suspend ? "suspended" : "buried until tomorrow";
        if (held.saved.ok)
            m_call.out << what << ": " << held.cardId << '\n';
        else
            m_call.out << "not saved yet: " << held.cardId << ' ' << what << " (" << held.saved.message
                       << "; kept in memory and retried)\n";
        m_call.out.flush();
    }

    bool undo() {
        const model::UndoResult undone = m_game.undo();
        if (!undone.undone) {
            m_call.out << "Nothing to undo yet.\n";
            return true;
        }
        reportSaved(undone.saved, undone.cardId, undone.rating, "undone");
        return true;
    }

    // Where the window draws the card's picture, the terminal names it.
    std::string pictureLine(const model::CardFacts& card) const {
        return card.pictureAlt.empty() ? std::string("[picture]") : wrapped("[picture: ", card.pictureAlt + "]", m_columns);
    }

    void showCard() {
        std::ostream& out = m_call.out;
        const model::CardFacts card = m_game.card();
        const model::SessionFacts session = m_game.progress();
        out << "\nCard " << (session.done + 1) << ", " << (session.total - session.done) << " to go. Topic: "
            << terminalSafe(card.topic) << (card.isNew ? ". New card." : ".") << '\n';
        out << wrapped("Q: ", card.prompt, m_columns) << '\n';
        if (!card.picture.empty()) out << pictureLine(card) << '\n';
        switch (card.kind) {
        case model::CardKind::Choice:
            for (std::size_t i = 0; i < card.options.size(); ++i)
                out << wrapped("  " + std::to_string(i + 1) + ") ", card.options[i], m_columns) << '\n';
            out << "Your answer: an option number, or Enter to reveal.\n";
            break;
        case model::CardKind::TrueFalse:
            out << "True or false? Type t or f, or Enter to reveal.\n";
            break;
        case model::CardKind::TypeIn:
            out << "Type your answer, or Enter to reveal.\n";
            break;
        case model::CardKind::SelfGraded:
        case model::CardKind::Cloze:
            out << "Think of the answer, then press Enter to reveal.\n";
            break;
        }
        out.flush();
    }

    // What the player typed on the answer line, for a card with a checkable answer.
    void answer(const model::CardFacts& card, const std::string& text, const std::string& command) {
        switch (card.kind) {
        case model::CardKind::SelfGraded:
        case model::CardKind::Cloze:
            m_game.reveal();  // what was typed was the player's own recall
            break;
        case model::CardKind::Choice: {
            int option = 0;
            const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits && text.size() < 4) option = std::stoi(text);
            if (option >= 1 && option <= static_cast<int>(card.options.size()))
                m_game.choose(option - 1);
            else
                m_call.out << "Please type a number from 1 to " << card.options.size() << ", or Enter to reveal.\n";
            break;
        }
        case model::CardKind::TrueFalse:
            if (command == "t" || command == "true") m_game.answerTruth(true);
            else if (command == "f" || command == "false") m_game.answerTruth(false);
            else m_call.out << "Please type t or f, or Enter to reveal.\n";
            break;
        case model::CardKind::TypeIn:
            m_game.submitTyped(text);
            break;
        }
    }

    // Returns false to stop.
    bool answerLine() {
        const model::CardFacts card = m_game.card();
        while (m_game.card().beat == model::Beat::Answer) {
            const auto line = readLine();
            if (!line) return false;
            const std::string text(model::trimmed(*line));
            const std::string command = model::lowerAscii(text);
            if (command == "q") return false;
            if (command == "u") {
                undo();
                return true;  // the undone card is shown again from its question
            }
            if (command == "b" || command == "s") {
                hold(command == "s");
                return true;  // the next card is shown
            }
            if (text.empty()) {
                m_game.reveal();
                break;
            }
            answer(card, text, command);
            m_call.out.flush();
        }
        return true;
    }

    void showAnswer() {
        std::ostream& out = m_call.out;
        const model::CardFacts card = m_game.card();
        std::string verdict;
        if (card.correct) verdict = card.gaveUp ? "Not answered. " : *card.correct ? "Right. " : "Not quite. ";
        out << wrapped(verdict + "A: ", card.answer, m_columns) << '\n';
        if (!card.explain.empty()) out << wrapped("Why: ", card.explain, m_columns) << '\n';
        std::string grades = "Grade:";
        for (int r = 1; r <= 4; ++r) {
            const std::string& label = card.intervals[static_cast<std::size_t>(r - 1)];
            grades += ' ' + std::to_string(r) + ' ' + ratingTitle(static_cast<Rating>(r));
            if (!label.empty()) grades += " (" + label + ')';
            grades += r < 4 ? "," : ".";
        }
        grades += " Enter: " + std::to_string(card.suggested) + ' ' + ratingTitle(static_cast<Rating>(card.suggested)) + ".";
        out << wrapped("", grades, m_columns) << '\n';
        out.flush();
    }

    bool gradeLine() {
        while (m_game.inSession() && m_game.card().beat == model::Beat::Grade) {
            const auto line = readLine();
            if (!line) return false;
            const std::string command = model::lowerAscii(model::trimmed(*line));
            if (command == "q") return false;
            if (command == "u") return undo();
            if (command == "b" || command == "s") {
                hold(command == "s");
                return true;
            }
            if (command.empty()) {
                grade(m_game.card().suggested);
            } else if (command.size() == 1 && command[0] >= '1' && command[0] <= '4') {
                grade(command[0] - '0');
            } else {
                m_call.out << "Please type 1, 2, 3 or 4, or Enter for "
                           << ratingTitle(static_cast<Rating>(m_game.card().suggested)) << ".\n";
            }
        }
        return true;
    }

    const Invocation& m_call;
    model::Game& m_game;
    std::size_t m_columns;  // of the terminal; 0: output goes to a file or a pipe, not wrapped
};

std::optional<int> wholeNumber(const std::string& text, int low, int high) {
    if (text.empty() || text.size() > 4 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int n = std::stoi(text);
    if (n < low || n > high) return std::nullopt;
    return n;
}

/// "4 cards come back in 8 min (at 14:32)." for learning cards later today; nothing otherwise.
void printComeBack(int cards, std::int64_t dueMs, scheduler::Moment now, std::ostream& out) {
    if (cards <= 0 || dueMs == 0) return;
    const std::int64_t local = dueMs / 1000 + now.utcOffsetSeconds;
    const std::int64_t secondsOfDay = ((local % 86400) + 86400) % 86400;
    const int hour = static_cast<int>(secondsOfDay / 3600), minute = static_cast<int>(secondsOfDay / 60 % 60);
    out << model::comeBackText(cards, dueMs, now.utcMs) << " (at " << (hour < 10 ? "0" : "") << hour << ':'
        << (minute < 10 ? "0" : "") << minute << "). Study again then to finish them today.\n";
}

void printSummary(const model::SessionSummary& s, const model::CourseProgress& p, std::ostream& out) {
    out << "\nSession over: " << s.answers << (s.answers == 1 ? " answer" : " answers");
    if (s.answers > 0) out << ", " << s.accuracyPercent << "% right";
    out << ", " << s.learned << " learned, " << s.reviewed << " reviewed, " << minutes(s.durationMs) << ".\n";
    out << "XP: +" << s.xpEarned << " (total " << model::countText(s.totalXp) << ", level " << s.level.level << ": "
        << model::countText(s.level.xpIntoLevel) << "/" << model::countText(s.level.xpForNext) << ")"
        << (s.levelUp ? " Level up!" : "") << "\n";
    out << "Daily goal: " << p.dailyGoalXp() << " XP, " << (s.goalMetToday ? "met" : "not met yet") << ".\n";
    out << "Streak: " << s.streak << (s.streak == 1 ? " day" : " days") << (s.streakExtended ? " (extended today)" : "")
        << ", longest " << s.longestStreak << ", freezes " << s.freezes << ".\n";
    if (s.achievementsUnlocked.empty()) {
        out << "Achievements unlocked: none this time.\n";
    } else {
        out << "Achievements unlocked:\n";
        for (const auto& a : s.achievementsUnlocked)
            out << "  " << terminalSafe(a.definition->title) << " - " << terminalSafe(a.definition->description) << "\n";
    }
}

/// Today's quests: each with its progress, those this session completed marked, and the bonus.
void printQuests(const model::SummaryFacts& facts, std::ostream& out) {
    if (facts.quests.empty()) return;
    int done = 0;
    for (const auto& q : facts.quests) done += q.complete ? 1 : 0;
    out << "Daily quests (" << done << " of " << facts.quests.size() << " done):\n";
    for (const auto& q : facts.quests) {
        const bool now = std::find(facts.questsCompleted.begin(), facts.questsCompleted.end(), q.title) != facts.questsCompleted.end();
        out << "  [" << (q.complete ? "x" : " ") << "] " << terminalSafe(q.title) << " - " << q.progress << "/" << q.target
            << (now ? " (completed this session)" : "") << "\n";
    }
    if (facts.questBonusXp > 0) out << "All quests done: +" << facts.questBonusXp << " XP quest bonus toward your level.\n";
}

/// What the player asked for: the course to open and the session to study.
struct StudyRequest {
    CourseLoadOptions load;
    model::SessionOptions session;
};

/// --mode into the session's kind and its figures; the exit code of a usage error otherwise.
std::optional<int> readMode(const std::string& mode, std::ostream& err, model::SessionOptions& options) {
    const auto startsWith = [&](const char* prefix) { return mode.rfind(prefix, 0) == 0; };
    if (mode == "daily") {
        options.kind = model::SessionKind::Daily;
    } else if (mode == "weak") {
        options.kind = model::SessionKind::WeakTopics;
    } else if (startsWith("topic:") && mode.size() > 6) {
        options.kind = model::SessionKind::Topic;
        options.topicId = mode.substr(6);
    } else if (mode == "cram") {
        options.kind = model::SessionKind::Cram;
    } else if (startsWith("cram:") && mode.size() > 5) {
        options.kind = model::SessionKind::Cram;
        options.topicId = mode.substr(5);
    } else if (startsWith("more-new:")) {
        options.kind = model::SessionKind::MoreNew;
        const auto n = wholeNumber(mode.substr(9), 1, 100);
        if (!n)
            return usageError(err, "more-new:N takes a number of new cards from 1 to 100, not '" + mode.substr(9) + "'",
                              kUsage);
        options.extraNewCards = *n;
    } else if (startsWith("ahead:")) {
        options.kind = model::SessionKind::ReviewAhead;
        const auto n = wholeNumber(mode.substr(6), 1, 30);
        if (!n) return usageError(err, "ahead:N takes a number of days from 1 to 30, not '" + mode.substr(6) + "'", kUsage);
        options.aheadDays = *n;
    } else if (mode == "forgotten") {
        options.kind = model::SessionKind::Forgotten;
    } else if (startsWith("tag:") && mode.size() > 4) {
        options.kind = model::SessionKind::Tag;
        options.tag = mode.substr(4);
    } else {
        return usageError(
            err, "unknown mode '" + mode + "' (daily, weak, topic:ID, more-new:N, ahead:N, forgotten, tag:NAME or cram)",
            kUsage);
    }
    return std::nullopt;
}

/// The options of `study --tty` into a request; the exit code of a usage error otherwise.
std::optional<int> readRequest(const Args& args, std::ostream& err, StudyRequest& request) {
    if (const auto failed = readMode(args.value("--mode").value_or("daily"), err, request.session)) return failed;
    request.session.seed = static_cast<std::uint64_t>(model::now().utcMs);
    if (auto seed = args.value("--seed")) {
        try {
            std::size_t used = 0;
            request.session.seed = std::stoull(*seed, &used);
            if (used != seed->size()) throw std::invalid_argument("seed");
        } catch (const std::exception&) {
            return usageError(err, "--seed needs a whole number, not '" + *seed + "'", kUsage);
        }
    }
    request.load = courseOptions(args, false);
    return std::nullopt;
}

/// A course the terminal cannot study (a broken --deck, a read-only profile, no decks): says
/// why and gives the exit code.
std::optional<int> refuseCourse(const LoadedCourse& course, std::ostream& err) {
    if (course.namedDeckFailed) {
        err << "attune: a deck named with --deck does not load (see above); fix it, or study without it\n";
        return 1;
    }
    if (course.profile->readOnly()) {
        err << "attune: the profile " << course.profile->dir().string()
            << " is open read-only, so answers could not be saved: " << course.profile->readOnlyReason() << '\n';
        return 1;
    }
    if (course.decks.empty()) {
        err << "attune: no decks to study (add one with --deck PATH)\n";
        return 1;
    }
    return std::nullopt;
}

/// Why no session started, in words, with what the player can do instead; the exit code.
int explainNoSession(model::SessionStart start, const model::SessionOptions& options, model::Game& game,
                     const Invocation& call) {
    const model::CourseProgress& progress = game.course();
    if (start == model::SessionStart::UnknownTopic) {
        call.err << "attune: no topic '" << options.topicId << "'. Topics:";
        for (const auto& t : progress.topics) call.err << ' ' << t.deckId << '/' << t.topicId;
        call.err << '\n';
        return 2;
    }
    if (start == model::SessionStart::UnknownTag) {
        call.err << "attune: no card has the tag '" << terminalSafe(options.tag) << "'.";
        const model::CustomStudyOffer offer = model::customStudyOffer(progress);
        if (offer.tags.empty()) call.err << " The decks have no tags.";
        else call.err << " Tags:";
        for (const auto& t : offer.tags) call.err << ' ' << terminalSafe(t.tag);
        call.err << '\n';
        return 2;
    }
    if (options.kind == model::SessionKind::Daily)
        call.out << "Nothing to study right now: no cards are due and today's new cards are done.\n";
    else if (options.kind == model::SessionKind::MoreNew && progress.newAvailableToday > 0)
        call.out << "Today's " << progress.newAvailableToday << " new cards come first: study them with --mode daily, "
                 << "then more-new adds to today's limit.\n";
    else
        call.out << "Nothing to study in this mode right now.\n";
    printComeBack(progress.learningLaterToday, progress.nextLearningDueMs, progress.now, call.out);
    call.out << "Streak: " << progress.streak.current << (progress.streak.current == 1 ? " day" : " days")
             << (progress.streak.todayCounts ? " (today counts)" : "") << ". XP: " << progress.xp.total() << ", level "
             << progress.level.level << ".\n"
             << "More that earns XP: --mode more-new:10 or --mode ahead:3; --mode cram practises without XP.\n";
    return 0;
}

/// The course's intro (what it is and is not) before the first session ever, as the window's
/// welcome shows it: read once, not studied as a card.
void printIntroOnFirstRun(const model::HomeFacts& home, std::ostream& out) {
    if (!home.firstLaunch || home.courseIntro.empty()) return;
    const std::size_t columns = terminalColumns(out);
    std::string_view rest = home.courseIntro;
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        out << (line.empty() ? std::string() : wrapped("", line, columns)) << '\n';
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    out << '\n';
}

/// The session's summary, then the profile closed; the exit code (1 only when answers are lost).
int finishSession(model::Game& game, const Invocation& call) {
    const model::SummaryFacts summary = game.finish();
    printSummary(summary.session, game.course(), call.out);
    printQuests(summary, call.out);
    printComeBack(summary.session.learningLaterToday, summary.session.nextLearningDueMs, model::now(), call.out);
    const model::CloseReport report = game.close();
    if (!report.message.empty()) call.err << "attune: " << report.message << '\n';
    return report.lost ? 1 : 0;
}

/// Help, an option error, or (without --tty) the game window: the exit code when the command
/// ends there.
std::optional<int> helpErrorOrWindow(const Args& args, const Invocation& call) {
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (!args.positionals().empty())
        return usageError(call.err, "'" + args.positionals().front() + "' is not an option of study", kUsage);
    if (args.has("--tty")) return std::nullopt;
    // The window is the default way to study; it takes the same profile and decks.
    if (args.has("--mode") || args.has("--seed")) return usageError(call.err, "--mode and --seed need --tty", kUsage);
    std::vector<std::string> windowArgs;
    if (auto dir = args.value("--profile")) windowArgs.insert(windowArgs.end(), {"--profile", *dir});
    for (const auto& deck : args.values("--deck")) windowArgs.insert(windowArgs.end(), {"--deck", deck});
    return runPlay(Invocation{windowArgs, call.in, call.out, call.err});
}

}  // namespace

int runStudy(const Invocation& call) {
    const Args args(call.args, {"--profile", "--deck", "--mode", "--seed"}, {"--tty", "--help", "-h"});
    if (const auto ended = helpErrorOrWindow(args, call)) return *ended;
    StudyRequest request;
    if (const auto failed = readRequest(args, call.err, request)) return *failed;
    LoadedCourse course = loadCourse(request.load, call.err);
    if (const auto refused = refuseCourse(course, call.err)) return *refused;

    model::Game game(std::move(course));
    const model::SessionStart start = game.startSession(request.session);
    if (start != model::SessionStart::Ready) return explainNoSession(start, request.session, game, call);
    printIntroOnFirstRun(game.home(), call.out);
    if (request.session.kind == model::SessionKind::Cram)
        call.out << "Cram: practice only. It earns no XP and changes no card's schedule.\n";
    const model::SessionFacts session = game.progress();
    const int toGo = session.total - session.done;
    call.out << wrapped("", "Attune study: " + std::to_string(toGo) + (toGo == 1 ? " card" : " cards") +
                                " to go. Enter reveals and then accepts the suggested grade; u undoes; b buries until tomorrow;"
                                " s suspends; q stops.",
                        terminalColumns(call.out))
             << '\n';
    TerminalStudy(call, game).run();
    return finishSession(game, call);
}

}  // namespace attune::cli
