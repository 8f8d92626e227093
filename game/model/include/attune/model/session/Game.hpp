// The game's view of the model: everything the screens show and every move the player makes,
// in plain facts (no SFML, no TOML). Implemented over the profile, the decks and the study
// session of attune::model; each answer is saved through the profile before the game goes on.
#pragma once

#include <attune/model/progress/Quests.hpp>
#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/deck/DeckLibrary.hpp>
#include <attune/model/progress/CardHistory.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/save/SaveResult.hpp>
#include <attune/model/session/Course.hpp>
#include <attune/model/save/Settings.hpp>
#include <attune/model/session/StudySession.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::model {

/// The reference deck that shows how to write a deck (decks/deck-writing-tour.toml).
inline constexpr const char* kWritingTourDeckId = "deck-writing-tour";

/// A daily quest as the screens show it (see Quests.hpp).
struct QuestFacts {
    std::string title;   // "Answer 12 cards"
    int progress = 0;
    int target = 1;
    bool complete = false;
};

struct HomeFacts {
    int streak = 0;
    int longestStreak = 0;
    int freezes = 0;
    bool todayCounts = false;
    int level = 1;
    long long xpTotal = 0;
    long long xpIntoLevel = 0;
    long long xpForNext = 100;
    int xpToday = 0;
    int dailyGoal = 50;
    int dueToday = 0;
    int newToday = 0;
    int weakTopics = 0;
    int setAside = 0;                    // cards suspended or set aside as leeches (in no count above)
    int learningLater = 0;               // learning cards that come back later today
    std::int64_t nextLearningDueMs = 0;  // the soonest of them (UTC ms); 0: none
    /// Something can be studied now: due or new cards, or a learning card within the
    /// learn-ahead limit (20 min, as Anki).
    bool canStudy = false;
    std::int64_t studyOpensAtMs = 0;     // when the next learning card is within that limit
    bool firstLaunch = false;  // no answer in the profile yet
    std::string courseTitle;
    std::vector<QuestFacts> quests;  // today's, at most three
    int questBonusXp = 0;            // earned today when all of them are complete
    bool allIntroduced = false;      // every card of the daily decks has been studied
    int masteryPercent = 0;          // of the daily decks' cards, mastered now
    /// What the daily decks say about themselves before the first session (their `intro`).
    std::string courseIntro;
};

enum class CardKind { SelfGraded, Choice, TrueFalse, TypeIn, Cloze };

struct CardFacts {
    CardKind kind = CardKind::SelfGraded;
    Beat beat = Beat::Answer;           // Answer or Grade (never Finished)
    std::string topic;
    std::string prompt;                 // front, statement, question, cloze with blanks
    std::string answer;                 // what the reveal shows (back, right option, cloze filled...)
    std::vector<std::string> options;   // choice
    int chosen = -1;                    // choice: the option picked (0-based)
    int rightOption = -1;               // choice: the right one (0-based)
    std::optional<bool> truthChosen;    // true/false: the player's answer
    std::string typed;                  // type-in: what was submitted
    std::optional<bool> correct;        // right/wrong, for cards with a checkable answer
    bool gaveUp = false;                // revealed without answering (choice, true/false, type-in)
    std::string explain;
    std::string picture;                // the picture's file, shown with the question and after; empty: none
    std::string pictureAlt;             // the picture in words (the terminal, a file gone missing)
    std::array<std::string, 4> intervals;  // "10m", "2d"... for Again, Hard, Good, Easy
    int suggested = 3;                  // 1..4
    bool isNew = false;
};

struct SessionFacts {
    int done = 0;       // cards answered (graded)
    int total = 0;      // cards in the session (done + still to come)
    int combo = 0;      // right answers in a row
    double comboMultiplier = 1.0;
    int sessionXp = 0;
    int xpToday = 0;
    int dailyGoal = 50;
    int level = 1;
    double levelFraction = 0.0;
};

struct Unlocked {
    std::string title;
    std::string description;
};

/// A course finale: the moment a deck's last new card was introduced, a topic was mastered, or
/// every topic of the course; with what was learned and the ways on.
struct FinaleFacts {
    enum class Kind { DeckIntroduced, TopicMastered, CourseMastered };
    Kind kind = Kind::DeckIntroduced;
    std::string subject;        // the deck's or the topic's title, or the course's
    int topics = 0;             // of the daily decks
    int topicsMastered = 0;
    int masteryPercent = 0;     // cards mastered now, of the daily decks' cards
    int days = 0;               // study days with an answer
    long long answers = 0;
    std::string weakestTopic;   // empty: none
    bool tourLoaded = false;    // the deck-writing tour (kWritingTourDeckId) is there to study
};

struct SummaryFacts {
    int xp = 0;
    int answered = 0;
    int right = 0;          // of the answers with a right/wrong (and self-graded not Again)
    int learned = 0;        // new cards seen
    int reviewed = 0;       // review cards seen
    int seconds = 0;
    int streakBefore = 0;
    int streakAfter = 0;
    bool streakExtended = false;
    int levelBefore = 1;
    int levelAfter = 1;
    int xpToday = 0;
    int dailyGoal = 50;
    bool todayCounts = false;            // the streak counts today (goal met, or all due done)
    int learningLater = 0;               // learning cards that come back later today
    std::int64_t nextLearningDueMs = 0;  // UTC ms; 0: none
    bool cram = false;                   // the session was cram: no XP, no schedule change
    std::vector<Unlocked> achievements;
    std::vector<QuestFacts> quests;      // today's quests as they stand after the session
    std::vector<std::string> questsCompleted;  // titles of those this session completed
    int questBonusXp = 0;                // earned by this session (it completed the last quest)
    /// The finale this session crossed into (the course over a topic over a deck), shown once:
    /// on the summary of the session whose answer made it true.
    std::optional<FinaleFacts> finale;
    SessionSummary session;              // the session's own figures (the terminal shows them all)
};

/// "Study more" (Anki's custom study, Duolingo's practice): a way of studying beyond today's
/// daily session. Every kind earns XP as memory gained, except cram.
struct StudyChoice {
    SessionKind kind = SessionKind::MoreNew;  // MoreNew, ReviewAhead, Forgotten, Tag or Cram
    int count = 10;    // MoreNew: extra new cards; ReviewAhead: days ahead
    std::string name;  // Tag: the tag; Cram: the topic ("deck/topic")
};

struct StudyMoreFacts {
    int newBeyondLimit = 0;          // new cards beyond today's limit
    int newLeftToday = 0;            // today's own new cards not yet studied (they come first)
    std::array<int, 3> ahead{};      // reviews due in the next 1, 3 and 7 days
    int forgottenToday = 0;          // cards answered Again today
    struct Named {
        std::string id;              // tag, or "deck/topic"
        std::string title;
        int cards = 0;
    };
    std::vector<Named> tags;
    std::vector<Named> topics;       // for cram
    bool goalMet = false;
    int xpToday = 0;
    int dailyGoal = 50;
};

struct [[nodiscard]] GradeResult {
    SaveResult saved = SaveResult::done();  // when not ok: why (the answer is kept and retried)
    std::string cardId;                     // the answer given (empty: nothing was graded)
    int rating = 0;                         // 1..4
    int xpGained = 0;
    bool levelUp = false;
    bool goalReached = false;  // the daily goal was crossed by this answer
    bool finished = false;     // the session has no more cards
    /// This answer made the card a leech: forgotten this many times (0: it did not). When
    /// `setAside`, the card is out of study until the player brings it back.
    int leechLapses = 0;
    bool setAside = false;
};

/// What the session says after an answer that made a card a leech, in the player's words;
/// empty when the answer did not.
std::string leechNotice(const GradeResult& graded);

/// What bury or suspend did to the card on screen (or deck browser's suspend and bring back):
/// whether it changed anything, and whether the card marker in the log is on disk.
struct [[nodiscard]] CardMarkResult {
    bool changed = false;
    SaveResult saved = SaveResult::done();
    std::string cardId;
    bool finished = false;  // in a session: no card is left
};

/// What undo() did: whether the last answer was taken back, and whether the mark in the log
/// that takes it back is on disk (when not, it is kept and retried like an answer).
struct [[nodiscard]] UndoResult {
    bool undone = false;
    SaveResult saved = SaveResult::done();
    std::string cardId;  // the answer taken back
    int rating = 0;      // 1..4
};

struct GameOptions {
    std::filesystem::path profileDir;
    std::vector<std::filesystem::path> decks;  // added to the bundled and the player's decks
    bool readOnly = false;                     // shots and benchmarks: never write the profile
};

class Game {
public:
    /// Opens the profile and the decks; problems are in diagnostics() (the game still runs:
    /// a damaged profile opens read-only, a broken deck is left out).
    explicit Game(const GameOptions& options);
    /// Over a course already opened (the terminal's, which reports its problems itself).
    explicit Game(OpenedCourse&& course);
    ~Game();
    Game(const Game&) = delete;
    Game& operator=(const Game&) = delete;

    /// Ends a running session and closes the profile (answers it could not save go to a
    /// fallback folder); when not ok, the message gives the player the exact words.
    CloseReport close();

    const std::vector<Diagnostic>& diagnostics() const;
    bool hasCards() const;

    HomeFacts home();
    /// Today's quests and their progress, from the log (recomputed with the progress).
    const DailyQuests& quests();

    // --- a study session --------------------------------------------------------------
    /// The daily session (Daily) or the weakest topics' (WeakTopics); false when there is
    /// nothing to study (then no session starts).
    bool startSession(SessionKind kind);
    /// Any session: Ready when it started with a card; otherwise why not (then none starts).
    /// While a session runs, none other starts: the answer is whether the running one has cards.
    SessionStart startSession(SessionOptions options);
    bool inSession() const;
    CardFacts card() const;
    SessionFacts progress() const;
    void reveal();
    void choose(int option);          // 0-based
    void answerTruth(bool truth);
    void submitTyped(const std::string& typed);
    GradeResult grade(int rating);    // 1..4
    bool canUndo() const;
    UndoResult undo();
    /// The card on screen out of study until the next study day / until brought back (a card
    /// marker in the log); the next card is shown.
    CardMarkResult buryCard();
    CardMarkResult suspendCard();
    /// Ends the session (stopping early is fine) and tells how it went.
    SummaryFacts finish();

    // --- settings ---------------------------------------------------------------------
    const Settings& settings() const;
    /// Saves to the profile (the game goes on with them even when the disk does not take them).
    SaveResult saveSettings(const Settings& settings);
    /// Stores fitted memory parameters (21 values) in the profile and reschedules the course
    /// with them.
    SaveResult saveOptimizerParameters(std::vector<double> values);

    /// Today's study so far as a summary (for the summary screenshot; nothing is changed).
    SummaryFacts todaySummary();
    /// The latest finale already reached (for the finale screenshot), nullopt when none is.
    std::optional<FinaleFacts> latestFinale();

    /// A session for screenshots and the benchmark: the daily one, or cram (which changes no
    /// schedule) when nothing is due. False when there are no cards at all.
    bool startPreviewSession();

    // --- topics, weak topics, stats, decks (InsightScreens.hpp) --------------------------
    /// The course as of now (recomputed when no session runs).
    const CourseProgress& course();
    const Profile& profile() const;
    /// Where the decks come from: the bundled ones, the player's folder, --deck (live reload).
    std::vector<DeckSource> deckSources() const;
    /// Suspends a card of the course (an index into course().cards), or brings it back when
    /// `aside` is false (a suspended card or a leech set aside): its schedule is what its answers
    /// made it. Nothing changes (and nothing is written) when it already is so, or a session runs.
    CardMarkResult setAside(std::uint32_t card, bool aside);
    /// A session of one topic's cards ("deck/topic"); false when it has none.
    bool startTopicSession(const std::string& topicId);
    /// A session of every topic of one deck (the writing tour from the finale); false when it has none.
    bool startDeckSession(const std::string& deckId);
    /// What "Study more" offers now, and a session of one of its choices (false: no card).
    StudyMoreFacts studyMore();
    bool startChoice(const StudyChoice& choice);
    /// One card's history and memory now ("deck", "card" ids); nullopt when no deck has it.
    std::optional<CardHistory> cardHistory(const std::string& deckId, const std::string& cardId);
    /// The same for the card the running session shows (its answers so far included).
    std::optional<CardHistory> currentCardHistory() const;
    /// Live reload: swaps in the decks as they are now (progress stays keyed by card id).
    /// Ignored while a session runs, which points into the decks.
    void replaceDecks(const std::vector<LibraryDeck>& decks);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace attune::model
