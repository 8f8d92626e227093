// The optimizer's training items from a profile's own review log, shared by `attune optimize`
// and the Settings screen so both fit exactly the same answers; and from a review-history CSV,
// shared by `attune optimize --reviews`, its tests and the optimizer benchmark so all three
// judge the same items.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>
#include <attune/scheduler/Optimizer.hpp>

#include <cstddef>
#include <span>

namespace attune::model {

struct ReviewHistory;

struct ProfileTrainingItems {
    scheduler::TrainingSet set;
    std::size_t answers = 0;  // answers that count (undone answers and cram left out)
    std::size_t cards = 0;
};

/// Each card's counting answers in time order, days in study days by each answer's own UTC offset.
ProfileTrainingItems profileTrainingItems(std::span<const ReviewRecord> log, int dayStartHour);

/// Each card's reviews of a review-history CSV (readReviewCsv) in time order, cards in order of
/// first appearance, days in study days by each review's own UTC offset.
scheduler::TrainingSet reviewHistoryTrainingItems(const ReviewHistory& history, int dayStartHour);

}  // namespace attune::model
