// "Study more" (Anki's custom study, Duolingo's practice): what each way of studying beyond the
// daily session would offer right now, so a screen or the terminal can say it before starting.
#pragma once

#include <attune/model/progress/Progress.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace attune::model {

struct TagOffer {
    std::string tag;
    int cards = 0;  // study cards carrying the tag (daily and reference decks alike)
};

struct CustomStudyOffer {
    int newBeyondLimit = 0;   // daily decks' new cards not in today's quota (siblings apart)
    /// New cards today's daily session still introduces. More new cards are offered only once
    /// these are studied: a "+5" then adds to today's limit rather than taking from it.
    int newLeftToday = 0;
    int aheadCards = 0;       // reviews due in the next `aheadDays` study days
    int aheadDays = 3;
    int forgottenToday = 0;   // cards answered Again today
    std::vector<TagOffer> tags;  // by name
};

/// The offers as of progress.now; `aheadDays` sets the review-ahead window (1..30).
CustomStudyOffer customStudyOffer(const CourseProgress& progress, int aheadDays = 3);

/// Cards due in the next `aheadDays` study days (not today), soonest first (ReviewAhead).
std::vector<std::uint32_t> cardsDueAhead(const CourseProgress& progress, int aheadDays);

/// Whether the card carries `tag` (exact, case-sensitive, as the deck spells it).
bool cardHasTag(const CourseProgress& progress, std::uint32_t card, const std::string& tag);

}  // namespace attune::model
