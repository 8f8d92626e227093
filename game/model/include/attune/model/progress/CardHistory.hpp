// One card's story, replayed from the review log through the course's own scheduler: every
// answer with the memory state it left (stability, difficulty, recall at that moment), and the
// card as it stands now. The deck browser, the study screen and `attune card info` show it.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace attune::model {

/// One answer of the card, as the replay saw it.
struct CardAnswer {
    scheduler::Moment at;                 // when (with the player's UTC offset then)
    scheduler::Rating rating = scheduler::Rating::Good;
    ReviewKind kind = ReviewKind::Review; // Learn, Review, Relearn, Imported or Cram
    scheduler::CardPhase phaseBefore = scheduler::CardPhase::New;
    scheduler::CardPhase phaseAfter = scheduler::CardPhase::New;
    /// Study days since the previous scheduling answer (the t of FSRS); 0 for the first.
    std::int64_t elapsedDays = 0;
    /// Recall the model predicted just before this answer (0 for a new card).
    double recallBefore = 0.0;
    double stability = 0.0;   // after the answer (days)
    double difficulty = 0.0;  // after the answer (1..10)
    /// Days until the card was due again; 0 when it went to a learning step (see waitMs).
    int intervalDays = 0;
    std::int64_t waitMs = 0;  // time until it was due again
    bool changedSchedule = true;  // false for cram: practice that leaves the card as it was
};

struct CardHistory {
    std::string deckId;
    std::string cardId;
    std::string question;
    std::string topic;
    std::vector<CardAnswer> answers;  // oldest first (undone answers left out)
    scheduler::CardState state;       // the card now: what computeProgress gives it
    double recallNow = 0.0;           // R now, from the one clock (0 while new)
    scheduler::Moment now;            // when it was worked out
    std::int64_t today = 0;           // study day of now
    std::int64_t daysSinceLastReview = 0;
    std::int64_t dueDay = 0;          // study day the card is due (Review), or of dueMs
    std::int64_t dueMs = 0;           // Learning/Relearning: when the step is due
    int reviews = 0;                  // answers that changed the schedule
    int lapses = 0;
    scheduler::Parameters parameters = scheduler::Parameters::defaults();  // the course's
    bool isNew() const { return state.phase == scheduler::CardPhase::New; }
    /// R `days` after the last review (the forgetting curve; 0 while new).
    double recallAfter(double days) const;
};

/// The history of `card` (an index into p.cards) from `log` (the whole log, any order, undo
/// markers honoured), replayed with p's scheduler exactly as computeProgress does; recall and
/// answers that count are as of `now` (a session's progress may be older than the log).
CardHistory cardHistory(const CourseProgress& p, std::span<const ReviewRecord> log, std::uint32_t card,
                        scheduler::Moment now);

/// The card named "DECK/CARD" (deck id, a slash, the study card id, e.g. "course/c12" or
/// "course/c12#r" for a reverse side); nullopt when no loaded deck has it.
std::optional<std::uint32_t> findCardByName(const CourseProgress& p, const std::string& name);

/// "Again", "Hard", "Good", "Easy".
const char* ratingName(scheduler::Rating rating);
/// "new", "learning", "review", "relearning".
const char* phaseName(scheduler::CardPhase phase);

/// "2026-11-27 09:05" in the answer's own UTC offset.
std::string localDateTime(scheduler::Moment at);
/// "2026-11-27" for a study day.
std::string dateOfDay(std::int64_t day);

}  // namespace attune::model
