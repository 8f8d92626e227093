// The review log as the FSRS tools' CSV (fsrs-rs, py-fsrs, the FSRS optimizer): one row per
// answer, `card_id,review_time,review_rating,review_state,review_duration`, the file that
// `attune memory --reviews` and `attune import-reviews` read back.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>

#include <span>
#include <string>

namespace attune::model {

/// The answers (effectiveReviews(): no undone answers), oldest first, of every deck or of
/// `deckId` alone; cram answers changed no schedule and are left out. review_time keeps each
/// answer's UTC offset; review_state is the card's state before the answer as the tools count
/// it (0 New for its first answer, 1 Learning for steps on that first study day, 3 Relearning
/// after an Again on a learnt card, else 2 Review). `dayStartHour` sets the study days.
std::string formatReviewCsv(std::span<const ReviewRecord> answers, const std::string& deckId = {}, int dayStartHour = 4);

}  // namespace attune::model
