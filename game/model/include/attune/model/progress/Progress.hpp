// The player's course progress, derived in one pass from the decks, the review log, the settings
// and "now": every study card's scheduling state, XP and level, the streak and its freezes,
// achievements with their unlock times, topic mastery, weak topics and leeches.
// Nothing here is stored: computeProgress() is a pure function of its inputs.
#pragma once

#include <attune/model/deck/Deck.hpp>
#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Mastery.hpp>
#include <attune/model/progress/Quests.hpp>
#include <attune/model/progress/Streak.hpp>
#include <attune/model/progress/Xp.hpp>
#include <attune/model/save/Settings.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace attune::model {

struct CourseInput {
    std::span<const Deck> decks;                 // must outlive the progress and any session
    std::span<const ReviewRecord> reviews;       // the log, any order; undo markers honoured
    Settings settings;
    scheduler::Parameters parameters = scheduler::Parameters::defaults();
    std::span<const AchievementDefinition> achievements;  // may be empty
    std::span<const QuestDefinition> quests;     // may be empty: then no quest bonus
    std::vector<std::string> playerDeckIds;      // decks the player made (DeckAuthored)
    scheduler::Moment now;
    XpRules xpRules;
};

/// The scheduler settings a profile's settings ask for.
scheduler::SchedulerSettings schedulerSettingsFor(const Settings& settings, const scheduler::Parameters& parameters);

/// The fuzz seed replayCard uses for the `index`-th scheduling answer of a card, so a live
/// answer lands on the same due date a later replay computes.
std::uint64_t replayFuzzSeed(std::int64_t utcMs, std::uint64_t index);

/// One study card of the course and what the log made of it.
struct CourseCard {
    std::uint32_t deckIndex = 0;       // into CourseInput::decks
    std::uint32_t studyIndex = 0;      // into Deck::studyCards
    std::uint32_t topicIndex = 0;      // into CourseProgress::topics
    std::uint32_t scheduledAnswers = 0;  // answers that changed the schedule (the next one's fuzz seed index)
    bool everGraduated = false;        // reached Review at least once (a card learned)
    std::int64_t firstDay = INT64_MAX; // the study day of its first scheduling answer (INT64_MAX: never)
};

/// Whether a card is out of study now, and why (a rule over the card markers, the lapses and
/// the leech settings; see docs/PROGRESSION.md).
enum class CardHold : std::uint8_t {
    None,
    Buried,     // a bury marker on today's study day: back the next study day
    Suspended,  // a suspend marker not followed by an unsuspend
    Leech,      // set aside when its lapses made it a leech (leech_action "set-aside")
};

/// True for Suspended and Leech: the card stays out until the player brings it back.
inline bool isSetAside(CardHold hold) { return hold == CardHold::Suspended || hold == CardHold::Leech; }

struct DailyCounts {
    int newStudied = 0;     // cards first studied today
    int reviewsDone = 0;    // review answers today
    int xp = 0;
    int answers = 0;        // the player's own answers today (cram included)
};

struct CourseProgress {
    scheduler::Scheduler scheduler;
    std::span<const Deck> decks;
    Settings settings;
    scheduler::Moment now;
    std::int64_t today = 0;                        // study day of now (never before the last answer's)

    std::vector<CourseCard> cards;                 // every study card of every deck
    std::vector<scheduler::CardState> states;      // parallel to cards
    std::vector<TopicMastery> topics;              // deck order, then topic order
    std::vector<std::vector<std::uint32_t>> topicCards;  // per topic: indices into cards

    std::int64_t reviewsTotal = 0;    // the player's answers in the log (cram included; not imported,
                                      // not undone)
    std::int64_t importedTotal = 0;
    int dueToday = 0;                 // daily decks' cards due now (learning steps due, reviews due today;
                                      // not a sibling that waits for tomorrow)
    int newInDaily = 0;               // daily decks' cards never studied (reference decks wait in the topic map)
    int newAvailableToday = 0;        // new cards today's daily session would introduce (limit, siblings)
    int siblingsWaiting = 0;          // due today but held back for tomorrow: a sibling was studied today
    /// Daily decks' learning cards whose step comes due later today, and the soonest of them.
    int learningLaterToday = 0;
    std::int64_t nextLearningDueMs = 0;  // UTC ms; 0: none
    std::vector<std::uint32_t> forgottenToday;     // cards answered Again today, by the time of their last Again
    /// Reviews due per study day from today on, for load balancing (every card in the log).
    std::vector<int> dueByDay;        // index: day - today
    int newCards = 0, learningCards = 0, reviewCards = 0, masteredCards = 0;
    int cardsLearned = 0;             // graduated at least once

    XpLedger xp;
    Level level;
    DailyCounts todayCounts;
    std::vector<StudyDayFacts> days;  // from the first study day to today
    Streak streak;
    std::vector<AchievementUnlock> achievements;   // earliest first
    AchievementMilestones milestones;
    /// The moments the course's finales became true (0: not yet): per topic, the answer that
    /// brought its last card to three weeks of stability (the first time); per deck, the answer
    /// that introduced its last new card.
    std::vector<std::int64_t> topicMasteredAtMs;
    std::vector<std::int64_t> deckIntroducedAtMs;
    std::vector<std::size_t> weakTopics;           // indices into topics, weakest first
    std::vector<std::uint32_t> leeches;            // indices into cards, most lapses first
    /// Parallel to cards: suspended, set aside as a leech, buried today or none. A held card is in
    /// no session's queue and no due count; its schedule is kept as its answers made it.
    std::vector<CardHold> holds;
    int setAsideCards = 0;            // suspended by hand or set aside as leeches
    int buriedCards = 0;              // buried until the next study day
    std::int64_t lastAnswerMs = 0;                 // of the player's own answers (0: none)
    std::int32_t lastAnswerOffset = 0;

    /// Cards in the log that no loaded deck has (a deleted card, a deck not loaded): their
    /// answers still count for XP, streak and totals.
    std::int64_t unknownCardReviews = 0;

    /// Cards of the same [[card]] entry share a sibling group (cloze blanks, a reverse side).
    std::vector<std::uint32_t> siblingGroup;       // parallel to cards

    /// True when a learning card comes due within `learnAheadMs` of now, or anything is due or new.
    bool canStudyNow(std::int64_t learnAheadMs) const;

    std::optional<std::uint32_t> findCard(const LogId& deckId, const LogId& studyCardId) const;
    const Deck& deckOf(std::uint32_t card) const { return decks[cards[card].deckIndex]; }
    const StudyCard& studyCardOf(std::uint32_t card) const;
    const Card& authoredCardOf(std::uint32_t card) const;
    CardHold holdOf(std::uint32_t card) const { return card < holds.size() ? holds[card] : CardHold::None; }
    double recallNow(std::uint32_t card) const { return scheduler.recallNow(states[card], now); }
    int dailyGoalXp() const { return settings.dailyGoalXp; }
    int xpToday() const { return todayCounts.xp; }

    /// Finds a card by deck and study card id: open addressing over the addresses of the shared
    /// ids (a heavy log is looked up 300,000 times; no string is hashed or compared).
    struct CardLookup {
        struct Slot {
            const std::string* deck = nullptr;  // nullptr: empty
            const std::string* card = nullptr;
            std::uint32_t index = 0;            // into cards
        };
        std::vector<Slot> slots;
        std::uint64_t mask = 0;
    } lookup;

    // What it was computed with, so it can be computed again (a session's summary).
    scheduler::Parameters parameters = scheduler::Parameters::defaults();
    std::span<const AchievementDefinition> achievementDefinitions;
    std::span<const QuestDefinition> questDefinitions;
    std::vector<std::string> playerDeckIds;
    XpRules xpRules;
};

/// The whole derivation. One pass over the log grouped by card; no quadratic work.
CourseProgress computeProgress(const CourseInput& input);

/// When every topic of the daily decks (the course; reference decks such as the writing tour
/// aside) had been mastered: the latest of their topicMasteredAtMs; nullopt while one is not.
std::optional<std::int64_t> courseMasteredAtMs(const CourseProgress& progress);

/// Where the player stands now, for achievementStandings: the streak, XP, the course's topics.
AchievementStandingInput standingInputOf(const CourseProgress& progress);

/// Achievement definitions bundled with the game (assets/achievements.toml); empty with a
/// diagnostic when the file cannot be read.
AchievementsLoadResult loadBundledAchievements();

}  // namespace attune::model
