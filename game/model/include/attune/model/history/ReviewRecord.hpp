// One answer the player gave: the unit of the review log, the one truth of a profile.
#pragma once

#include <attune/model/history/LogId.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <string>

namespace attune::model {

enum class ReviewKind : std::uint8_t {
    Learn,     // a New or Learning card
    Review,    // a scheduled review
    Relearn,   // a lapsed card's relearning step
    Cram,      // extra practice: changes no schedule, earns no XP
    Imported,  // from an external history (attune import-reviews)
    Undo,      // a marker written when the player takes an answer back: it cancels the latest
               // earlier answer with the same deck, card and rating (the log stays append-only)
    // Card markers (no answer, no rating): what the player did to a card, from that time on.
    Suspend,   // out of every queue until a later Unsuspend
    Unsuspend, // back in play: its schedule is what its answers made it
    Bury,      // out of every queue for the rest of the marker's study day
};

/// True for Suspend, Unsuspend and Bury: records that mark a card and are no answer.
constexpr bool isCardMarkerKind(ReviewKind kind) {
    return kind == ReviewKind::Suspend || kind == ReviewKind::Unsuspend || kind == ReviewKind::Bury;
}

/// The rating field of a card marker (its line has none): one fixed value keeps merges canonical.
inline constexpr scheduler::Rating kMarkerRating = scheduler::Rating::Again;

struct ReviewRecord {
    LogId deckId;
    LogId cardId;                        // the StudyCard id within the deck
    std::int64_t utcMs = 0;              // when it was answered
    std::int32_t utcOffsetSeconds = 0;   // the player's UTC offset then
    std::int32_t durationMs = 0;
    /// The days until the card was due again, as the player was told (with load balancing and
    /// easy days); 0: not recorded (a learning step, an import, an older log), and the replay
    /// draws the fuzzed interval itself.
    std::int32_t scheduledDays = 0;
    scheduler::Rating rating = scheduler::Rating::Good;  // (the small fields last: 40 bytes in all)
    ReviewKind kind = ReviewKind::Review;

    scheduler::Moment moment() const { return {utcMs, utcOffsetSeconds}; }
};

}  // namespace attune::model
