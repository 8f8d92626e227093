// `attune study --tty`: the study session in a terminal, one plain line per beat, for
// screen-reader users and scripts. Every answer is appended to the profile (fsync) and
// acknowledged with a "saved: ..." line before the next card is shown.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/CourseLoad.hpp"
#include "cli/TerminalText.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/CountText.hpp>
#include <attune/model/session/CustomStudy.hpp>
#include <attune/model/session/StudySession.hpp>

#include <algorithm>
#include <cctype>
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
    "answer and q stops (so does the end of input). Every answer is saved at once.\n";

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

std::string trim(const std::string& text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return text.substr(begin, end - begin);
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string minutes(std::int64_t ms) {
    const std::int64_t m = (ms + 30000) / 60000;
    return m < 1 ? "under a minute" : std::to_string(m) + (m == 1 ? " minute" : " minutes");
}

class TerminalStudy {
public:
    TerminalStudy(const Invocation& call, LoadedCourse& course, model::CourseProgress& progress,
                  model::StudySession& session)
        : m_call(call), m_course(course), m_progress(progress), m_session(session), m_columns(terminalColumns(call.out)) {}

    void run() {
        while (!m_session.finished()) {
            if (m_session.beat() == model::Beat::Answer) {
                showCard();
                if (!answerLine()) break;
            }
            if (m_session.beat() == model::Beat::Grade) {
                showAnswer();
                if (!gradeLine()) break;
            }
        }
        if (!m_session.finished()) m_session.stop(model::now());
    }

private:
    // One line, or nullopt at the end of input.
    std::optional<std::string> readLine() {
        std::string line;
        if (!std::getline(m_call.in, line)) return std::nullopt;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }

    void save(const model::ReviewRecord& record, const char* what) {
        const auto result = m_course.profile->append(record);
        std::ostream& out = m_call.out;
        if (result.ok) {
            out << what << ": " << record.cardId << ' ' << ratingName(record.rating) << '\n';
        } else {
            out << "not saved yet: " << record.cardId << ' ' << ratingName(record.rating) << " (" << result.message
                << "; kept in memory and retried)\n";
        }
        out.flush();
    }

    bool undo() {
        const auto marker = m_session.undo(model::now());
        if (!marker) {
            m_call.out << "Nothing to undo yet.\n";
            return true;
        }
        save(*marker, "undone");
        return true;
    }

    void showCard() {
        std::ostream& out = m_call.out;
        const std::uint32_t card = m_session.currentCard();
        const auto& topic = m_progress.topics[m_progress.cards[card].topicIndex];
        const model::CardFace& face = m_session.face();
        out << "\nCard " << (m_session.answered() + 1) << ", " << m_session.remaining() << " to go. Topic: "
            << terminalSafe(topic.title) << (m_session.currentIsNew() ? ". New card." : ".") << '\n';
        out << wrapped("Q: ", face.question, m_columns) << '\n';
        switch (face.style) {
        case model::AnswerStyle::Choice:
            for (std::size_t i = 0; i < face.options.size(); ++i)
                out << wrapped("  " + std::to_string(i + 1) + ") ", face.options[i], m_columns) << '\n';
            out << "Your answer: an option number, or Enter to reveal.\n";
            break;
        case model::AnswerStyle::TrueFalse:
            out << "True or false? Type t or f, or Enter to reveal.\n";
            break;
        case model::AnswerStyle::TypeIn:
            out << "Type your answer, or Enter to reveal.\n";
            break;
        case model::AnswerStyle::Reveal:
            out << "Think of the answer, then press Enter to reveal.\n";
            break;
        }
        out.flush();
    }

    // Returns false to stop.
    bool answerLine() {
        const model::CardFace& face = m_session.face();
        while (m_session.beat() == model::Beat::Answer) {
            const auto line = readLine();
            if (!line) return false;
            const std::string text = trim(*line);
            const std::string command = lower(text);
            if (command == "q") return false;
            if (command == "u") {
                undo();
                return true;  // the undone card is shown again from its question
            }
            const auto at = model::now();
            if (text.empty()) {
                m_gaveUp = face.style != model::AnswerStyle::Reveal;  // a question with an answer, not answered
                m_session.reveal(at);
                break;
            }
            m_gaveUp = false;
            switch (face.style) {
            case model::AnswerStyle::Reveal:
                m_session.reveal(at);  // what was typed was the player's own recall
                break;
            case model::AnswerStyle::Choice: {
                int option = 0;
                const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
                if (digits && text.size() < 4) option = std::stoi(text);
                if (option >= 1 && option <= static_cast<int>(face.options.size())) {
                    m_session.choose(option - 1, at);
                } else {
                    m_call.out << "Please type a number from 1 to " << face.options.size() << ", or Enter to reveal.\n";
                }
                break;
            }
            case model::AnswerStyle::TrueFalse:
                if (command == "t" || command == "true") {
                    m_session.sayTrue(true, at);
                } else if (command == "f" || command == "false") {
                    m_session.sayTrue(false, at);
                } else {
                    m_call.out << "Please type t or f, or Enter to reveal.\n";
                }
                break;
            case model::AnswerStyle::TypeIn:
                m_session.typeAnswer(text, at);
                break;
            }
            m_call.out.flush();
        }
        return true;
    }

    void showAnswer() {
        std::ostream& out = m_call.out;
        const model::CardFace& face = m_session.face();
        std::string verdict;
        if (const auto correct = m_session.correct()) verdict = m_gaveUp ? "Not answered. " : *correct ? "Right. " : "Not quite. ";
        out << wrapped(verdict + "A: ", face.answer, m_columns) << '\n';
        if (!face.explain.empty()) out << wrapped("Why: ", face.explain, m_columns) << '\n';
        const auto& labels = m_session.labels();
        out << "Grade:";
        for (int r = 1; r <= 4; ++r) {
            out << ' ' << r << ' ' << ratingTitle(static_cast<Rating>(r));
            if (!labels[static_cast<std::size_t>(r - 1)].empty()) out << " (" << labels[static_cast<std::size_t>(r - 1)] << ')';
            out << (r < 4 ? "," : ".");
        }
        const Rating suggested = m_session.suggestedGrade();
        out << " Enter: " << static_cast<int>(suggested) << ' ' << ratingTitle(suggested) << ".\n";
        out.flush();
    }

    bool gradeLine() {
        while (m_session.beat() == model::Beat::Grade) {
            const auto line = readLine();
            if (!line) return false;
            const std::string command = lower(trim(*line));
            if (command == "q") return false;
            if (command == "u") return undo();
            const auto at = model::now();
            if (command.empty()) {
                save(m_session.acceptSuggestion(at), "saved");
            } else if (command.size() == 1 && command[0] >= '1' && command[0] <= '4') {
                save(m_session.grade(static_cast<Rating>(command[0] - '0'), at), "saved");
            } else {
                m_call.out << "Please type 1, 2, 3 or 4, or Enter for "
                           << ratingTitle(m_session.suggestedGrade()) << ".\n";
            }
        }
        return true;
    }

    const Invocation& m_call;
    LoadedCourse& m_course;
    model::CourseProgress& m_progress;
    model::StudySession& m_session;
    std::size_t m_columns;  // of the terminal; 0: output goes to a file or a pipe, not wrapped
    bool m_gaveUp = false;  // the current card was revealed rather than answered
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

}  // namespace

int runStudy(const Invocation& call) {
    const Args args(call.args, {"--profile", "--deck", "--mode", "--seed"}, {"--tty", "--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (!args.positionals().empty())
        return usageError(call.err, "'" + args.positionals().front() + "' is not an option of study", kUsage);
    if (!args.has("--tty")) {
        // The window is the default way to study; it takes the same profile and decks.
        if (args.has("--mode") || args.has("--seed"))
            return usageError(call.err, "--mode and --seed need --tty", kUsage);
        std::vector<std::string> windowArgs;
        if (auto dir = args.value("--profile")) windowArgs.insert(windowArgs.end(), {"--profile", *dir});
        for (const auto& deck : args.values("--deck")) windowArgs.insert(windowArgs.end(), {"--deck", deck});
        return runPlay(Invocation{windowArgs, call.in, call.out, call.err});
    }

    model::SessionOptions options;
    const std::string mode = args.value("--mode").value_or("daily");
    if (mode == "daily") {
        options.kind = model::SessionKind::Daily;
    } else if (mode == "weak") {
        options.kind = model::SessionKind::WeakTopics;
    } else if (mode.rfind("topic:", 0) == 0 && mode.size() > 6) {
        options.kind = model::SessionKind::Topic;
        options.topicId = mode.substr(6);
    } else if (mode == "cram") {
        options.kind = model::SessionKind::Cram;
    } else if (mode.rfind("cram:", 0) == 0 && mode.size() > 5) {
        options.kind = model::SessionKind::Cram;
        options.topicId = mode.substr(5);
    } else if (mode.rfind("more-new:", 0) == 0) {
        options.kind = model::SessionKind::MoreNew;
        const auto n = wholeNumber(mode.substr(9), 1, 100);
        if (!n) return usageError(call.err, "more-new:N takes a number of new cards from 1 to 100, not '" + mode.substr(9) + "'", kUsage);
        options.extraNewCards = *n;
    } else if (mode.rfind("ahead:", 0) == 0) {
        options.kind = model::SessionKind::ReviewAhead;
        const auto n = wholeNumber(mode.substr(6), 1, 30);
        if (!n) return usageError(call.err, "ahead:N takes a number of days from 1 to 30, not '" + mode.substr(6) + "'", kUsage);
        options.aheadDays = *n;
    } else if (mode == "forgotten") {
        options.kind = model::SessionKind::Forgotten;
    } else if (mode.rfind("tag:", 0) == 0 && mode.size() > 4) {
        options.kind = model::SessionKind::Tag;
        options.tag = mode.substr(4);
    } else {
        return usageError(call.err,
                          "unknown mode '" + mode + "' (daily, weak, topic:ID, more-new:N, ahead:N, forgotten, tag:NAME or cram)",
                          kUsage);
    }
    const scheduler::Moment start = model::now();
    options.seed = static_cast<std::uint64_t>(start.utcMs);
    if (auto seed = args.value("--seed")) {
        try {
            std::size_t used = 0;
            options.seed = std::stoull(*seed, &used);
            if (used != seed->size()) throw std::invalid_argument("seed");
        } catch (const std::exception&) {
            return usageError(call.err, "--seed needs a whole number, not '" + *seed + "'", kUsage);
        }
    }

    CourseLoadOptions load;
    if (auto dir = args.value("--profile")) load.profileDir = *dir;
    for (const auto& deck : args.values("--deck")) load.decks.emplace_back(deck);
    LoadedCourse course = loadCourse(load, call.err);
    if (course.namedDeckFailed) {
        call.err << "attune: a deck named with --deck does not load (see above); fix it, or study without it\n";
        return 1;
    }
    if (course.profile->readOnly()) {
        call.err << "attune: the profile " << course.profile->dir().string()
                 << " is open read-only, so answers could not be saved: " << course.profile->readOnlyReason() << '\n';
        return 1;
    }
    if (course.decks.empty()) {
        call.err << "attune: no decks to study (add one with --deck PATH)\n";
        return 1;
    }
    model::CourseProgress progress = course.progress(start);
    model::StudySession session(progress, course.profile->reviews(), options, start);
    if (session.startStatus() == model::SessionStart::UnknownTopic) {
        call.err << "attune: no topic '" << options.topicId << "'. Topics:";
        for (const auto& t : progress.topics) call.err << ' ' << t.deckId << '/' << t.topicId;
        call.err << '\n';
        return 2;
    }
    if (session.startStatus() == model::SessionStart::UnknownTag) {
        call.err << "attune: no card has the tag '" << terminalSafe(options.tag) << "'.";
        const model::CustomStudyOffer offer = model::customStudyOffer(progress);
        if (offer.tags.empty()) call.err << " The decks have no tags.";
        else call.err << " Tags:";
        for (const auto& t : offer.tags) call.err << ' ' << terminalSafe(t.tag);
        call.err << '\n';
        return 2;
    }
    if (session.startStatus() == model::SessionStart::NothingToStudy) {
        if (options.kind == model::SessionKind::Daily)
            call.out << "Nothing to study right now: no cards are due and today's new cards are done.\n";
        else if (options.kind == model::SessionKind::MoreNew && progress.newAvailableToday > 0)
            call.out << "Today's " << progress.newAvailableToday << " new cards come first: study them with --mode daily, "
                     << "then more-new adds to today's limit.\n";
        else
            call.out << "Nothing to study in this mode right now.\n";
        printComeBack(progress.learningLaterToday, progress.nextLearningDueMs, progress.now, call.out);
        call.out << "Streak: " << progress.streak.current << (progress.streak.current == 1 ? " day" : " days")
                 << (progress.streak.todayCounts ? " (today counts)" : "") << ". XP: " << progress.xp.total()
                 << ", level " << progress.level.level << ".\n"
                 << "More that earns XP: --mode more-new:10 or --mode ahead:3; --mode cram practises without XP.\n";
        return 0;
    }
    if (options.kind == model::SessionKind::Cram)
        call.out << "Cram: practice only. It earns no XP and changes no card's schedule.\n";

    call.out << "Attune study: " << session.remaining() << (session.remaining() == 1 ? " card" : " cards")
             << " to go. Enter reveals and then accepts the suggested grade; u undoes; q stops.\n";
    TerminalStudy(call, course, progress, session).run();
    // The summary replays the log once with this session's answers: its freezes are the log's.
    const model::SessionSummary summary = session.summary();
    printSummary(summary, progress, call.out);
    printComeBack(summary.learningLaterToday, summary.nextLearningDueMs, model::now(), call.out);
    course.profile->mirrorFreezes(summary.freezes);
    const auto report = course.profile->close();
    if (!report.message.empty()) call.err << "attune: " << report.message << '\n';
    return report.lost ? 1 : 0;
}

}  // namespace attune::cli
