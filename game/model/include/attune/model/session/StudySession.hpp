// One study session as a state machine, no window needed: which card is shown, the two beats
// per card (answer, then grade), the suggested grade, the four next-interval labels, undo, and
// the summary at the end. The ui and `attune study --tty` both drive it.
//
// Saving: every grade() and undo() returns the ReviewRecord to append to the log. The caller
// appends it (Profile::append, which fsyncs) BEFORE it shows the next card. Undo is written as
// an undo marker (ReviewKind::Undo, see ReviewHistory.hpp), so the log stays append-only and a
// replay of it agrees with the session.
//
//   StudySession session(progress, {SessionKind::Daily}, model::now());
//   while (!session.finished()) {
//       show(session.face());                        // Answer beat
//       session.reveal(now())  /  choose(i, now())  /  sayTrue(b, now())  /  typeAnswer(s, now());
//       show(session.labels(), session.suggestedGrade());            // Grade beat
//       profile.append(session.grade(rating, now()));                 // or acceptSuggestion(now())
//   }
//   show(session.summary());
#pragma once

#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/CardFace.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attune::model {

enum class SessionKind : std::uint8_t {
    Daily,       // due cards and new ones within today's limits
    WeakTopics,  // the 1-3 weakest topics' studied cards, lowest recall first, due or not
    Topic,       // one topic's cards (or a deck's), lowest recall first, then its new cards
    Cram,        // any cards, lowest recall first: no schedule change, no XP
    // Custom study ("Study more"): each earns XP as the daily session does, except cram.
    MoreNew,     // `extraNewCards` new cards beyond today's limit (today only), siblings apart;
                 // none while today's daily session still has new cards to introduce
    ReviewAhead, // review cards due in the next `aheadDays` days, soonest due first
    Forgotten,   // cards answered Again today, practised again (scheduled answers)
    Tag,         // the studied and new cards carrying `tag`, lowest recall first, new last
};

struct SessionOptions {
    SessionKind kind = SessionKind::Daily;
    std::string topicId;          // Topic (and optionally Cram): "topic" or "deck/topic"
    std::string deckId;           // Topic without a topicId: every topic of this deck (the writing tour)
    std::string tag;              // Tag: a tag of the decks' cards
    int extraNewCards = 10;       // MoreNew
    int aheadDays = 3;            // ReviewAhead: cards due within this many study days after today
    std::uint64_t seed = 1;       // shuffles choice options
    /// A learning card whose step comes due within this time may be shown early when nothing
    /// else is left (as Anki's "learn ahead" limit).
    std::int64_t learnAheadMs = 20 * 60 * 1000;
    /// Right answers faster than this suggest Easy (choice, true/false); type-in gets double.
    std::int64_t quickAnswerMs = 5000;
};

enum class Beat : std::uint8_t { Answer, Grade, Finished };

struct SessionSummary {
    std::int64_t xpEarned = 0;
    int answers = 0;            // graded answers (after undo)
    int right = 0;              // answers not graded Again
    int accuracyPercent = 0;    // right / answers
    int learned = 0;            // new cards that graduated in this session
    int newStudied = 0;         // new cards seen for the first time
    int reviewed = 0;           // answers to cards that were not new
    std::int64_t durationMs = 0;
    int bestCombo = 0;
    bool goalMetToday = false;
    bool streakExtended = false;  // today started to count during this session
    int streak = 0;
    int longestStreak = 0;
    int freezes = 0;
    std::int64_t totalXp = 0;
    Level level;
    bool levelUp = false;
    std::vector<AchievementUnlock> achievementsUnlocked;  // during this session
    bool stoppedEarly = false;
    /// Learning cards that come back later today (not yet within the learn-ahead limit).
    int learningLaterToday = 0;
    std::int64_t nextLearningDueMs = 0;  // the soonest of them (UTC ms); 0: none
};

/// Why the session could not start with any card.
enum class SessionStart : std::uint8_t { Ready, NothingToStudy, UnknownTopic, UnknownTag };

class StudySession {
public:
    /// `progress` must be computed from `log`; it is updated as the session goes (states, XP,
    /// today's counts) and must outlive the session; so must `log` (a profile's reviews() is
    /// fine: the caller may append the session's records to it or not, the summary counts each
    /// record once).
    StudySession(CourseProgress& progress, const std::vector<ReviewRecord>& log, SessionOptions options,
                 scheduler::Moment start);

    SessionStart startStatus() const { return m_startStatus; }
    const SessionOptions& options() const { return m_options; }
    Beat beat() const;
    bool finished() const { return beat() == Beat::Finished; }

    // --- the card shown -----------------------------------------------------------------
    std::uint32_t currentCard() const;   // index into progress.cards (not when finished)
    const CardFace& face() const { return m_face; }
    bool currentIsNew() const;
    std::size_t remaining() const;       // cards still queued, the current one included
    int answered() const { return static_cast<int>(m_done.size()); }

    // --- answer beat (each moves to the grade beat) ---------------------------------------
    void reveal(scheduler::Moment at);                    // self-graded cards; any card: "I don't know"
    void choose(int option, scheduler::Moment at);        // choice: index into face().options
    void sayTrue(bool value, scheduler::Moment at);       // true/false
    void typeAnswer(const std::string& text, scheduler::Moment at);  // type-in
    /// Enter on the answer beat: reveal (for a choice/true-false/type-in card: give up, wrong).
    void pressEnter(scheduler::Moment at) { reveal(at); }

    // --- grade beat -----------------------------------------------------------------------
    /// Right or wrong for choice/true-false/type-in; empty for self-graded cards.
    std::optional<bool> correct() const { return m_correct; }
    const std::string& typedAnswer() const { return m_typed; }
    int chosenOption() const { return m_chosen; }
    scheduler::Rating suggestedGrade() const { return m_suggested; }
    /// "10m", "2d", "3w", "4mo" for Again, Hard, Good, Easy (empty strings in cram).
    const std::array<std::string, 4>& labels() const { return m_labels; }
    /// Grades the card; returns the answer to append to the log before showing the next card.
    /// On the answer beat it reveals first; when the session is finished it returns an empty
    /// record (no card id) that must not be appended.
    ReviewRecord grade(scheduler::Rating rating, scheduler::Moment at);
    ReviewRecord acceptSuggestion(scheduler::Moment at) { return grade(m_suggested, at); }

    /// Lapses of the card just graded when that answer made it a leech (0 otherwise), and whether
    /// it was set aside for it (then it is out of this session too).
    int leechLapses() const { return m_leechLapses; }
    bool leechSetAside() const { return m_leechSetAside; }

    // --- bury and suspend -------------------------------------------------------------------
    /// Takes the card on screen out of study (ReviewKind::Bury: until the next study day;
    /// Suspend: until brought back) and shows the next card. Returns the card marker to append
    /// to the log; nothing when no card is shown or `kind` is no Bury or Suspend.
    std::optional<ReviewRecord> holdCurrent(ReviewKind kind, scheduler::Moment at);

    // --- undo and stop --------------------------------------------------------------------
    bool canUndo() const { return !m_done.empty(); }
    /// Takes back the last graded answer: that card is shown again at the answer beat (the card
    /// on screen goes back to the queue). Returns the undo marker to append to the log.
    std::optional<ReviewRecord> undo(scheduler::Moment at);
    void stop(scheduler::Moment at);

    // --- progress ---------------------------------------------------------------------------
    std::int64_t xpEarned() const { return m_xpEarned; }
    int combo() const;
    /// The summary; streak and achievements are recomputed from the log plus this session.
    SessionSummary summary() const;
    /// The records this session produced, in order (answers, undo markers and card markers).
    const std::vector<ReviewRecord>& records() const { return m_records; }
    /// The progress recomputed from the log plus this session's records, as of `at`.
    CourseProgress progressAfter(scheduler::Moment at) const;

private:
    /// Other cards shown before a card answered in a learning step comes back, when others wait.
    static constexpr std::int64_t kCardsBetweenRepeats = 3;
    struct Waiting {
        std::uint32_t card;
        std::int64_t dueMs;
        std::int64_t shownAt = -kCardsBetweenRepeats;  // m_shown when it was answered (earlier: rested)
    };
    // One graded answer, with everything needed to take it back.
    struct Done {
        std::uint32_t card = 0;
        ReviewRecord record;
        scheduler::CardState before;
        std::uint32_t scheduledAnswers = 0;
        bool everGraduatedBefore = false;
        XpLedger ledgerBefore;
        DailyCounts todayBefore;
        std::vector<std::uint32_t> queueBefore;
        std::vector<Waiting> waitingBefore;
        CardFace face;
        std::int64_t shownMs = 0;
        int xp = 0;
        bool wasNew = false;
        bool graduated = false;
        bool right = false;
        std::int64_t reviewsTotalBefore = 0;
        CardHold holdBefore = CardHold::None;
    };
    void buildQueue();
    void leaveQueue(std::uint32_t card);
    void holdCard(std::uint32_t card, CardHold hold);
    void queueDaily();
    void showNext(scheduler::Moment at);
    void enterGrade(scheduler::Moment at, std::optional<bool> correct, scheduler::Rating suggestion);
    scheduler::Moment monotonic(scheduler::Moment at);
    ReviewKind kindFor(const scheduler::CardState& state) const;
    int runOfRight() const;

    CourseProgress* m_progress;
    const std::vector<ReviewRecord>* m_log;
    SessionOptions m_options;
    SessionStart m_startStatus = SessionStart::Ready;
    scheduler::Moment m_start;
    std::int64_t m_lastMs = 0;

    std::vector<std::uint32_t> m_queue;        // front = next card
    std::vector<Waiting> m_waiting;            // learning cards coming back later, by due time
    std::optional<std::uint32_t> m_current;
    Beat m_beat = Beat::Finished;
    CardFace m_face;
    std::int64_t m_shownMs = 0;
    std::optional<bool> m_correct;
    std::string m_typed;
    int m_chosen = -1;
    scheduler::Rating m_suggested = scheduler::Rating::Good;
    std::array<std::string, 4> m_labels;
    std::array<scheduler::CardState, 4> m_outcomes;

    std::vector<Done> m_done;
    std::vector<ReviewRecord> m_records;
    std::int64_t m_xpEarned = 0;
    std::uint64_t m_shown = 0;                 // cards shown so far (varies the option shuffle)
    bool m_stopped = false;
    bool m_stoppedEarly = false;
    std::int64_t m_endMs = 0;
    scheduler::Moment m_answeredAt;
    int m_bestCombo = 0;
    int m_leechLapses = 0;
    bool m_leechSetAside = false;
    bool m_todayCountedBefore = false;
    int m_levelBefore = 1;
    std::vector<std::string> m_unlockedBefore;
};

}  // namespace attune::model
