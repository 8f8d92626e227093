// The study streak: consecutive study days (starting at the day-start hour) on which the player
// met the daily goal, with neutral days, streak freezes, travel and clock changes handled.
#pragma once

#include <cstdint>
#include <vector>

namespace attune::model {

/// What happened on one study day, derived from the review log.
struct StudyDayFacts {
    std::int64_t day = 0;         // study day number
    int xp = 0;                   // XP earned that day
    int reviewsDue = 0;           // cards due at some point of the day: reviews (overdue included)
                                  // and learning steps
    int reviewsLeftUndone = 0;    // of those, not answered that day (a sibling's wait excepted)
    int newCardsLeft = 0;         // cards never studied before the day ended
    bool studied = false;         // any answer of the player's own that day
    std::int64_t countedAtMs = 0; // when the day started to count (goal reached, or last answer)
    /// The day's answers were given in another UTC offset than the previous study day's, and a
    /// gap of `travelDays` calendar days is only the time zone moving, not days of absence.
    int travelDays = 0;
};

struct StreakRules {
    int dailyGoalXp = 50;
    int freezeEvery = 7;       // one freeze earned per 7 days of streak
    int maximumFreezes = 2;
};

enum class DayOutcome : std::uint8_t { Counted, Neutral, Frozen, Missed, Pending, Travel };

struct StreakDay {
    std::int64_t day = 0;
    DayOutcome outcome = DayOutcome::Neutral;
    int streakAfter = 0;
};

struct Streak {
    int current = 0;            // days, today included when it already counts
    int longest = 0;
    int freezesHeld = 0;
    bool todayCounts = false;   // the goal is met today, or every card due today was answered
    int freezesUsed = 0;        // in total
    std::vector<StreakDay> days;  // from the first study day to today
    std::vector<std::int64_t> countedDayReachedAtMs;  // for every streak length n (index n-1):
                                                     // the first time the streak reached n
};

/// True when the facts of a day make it count for the streak.
bool dayCounts(const StudyDayFacts& facts, const StreakRules& rules);
/// True when a day without study neither breaks nor extends the streak.
bool dayIsNeutral(const StudyDayFacts& facts);

/// Walks the days from the first studied day to `today` (facts sorted by day, one per day at
/// most). A day missing from `facts` is a day without study that had reviews due. A clock set
/// back (today before the last studied day) is treated as the last studied day.
Streak computeStreak(const std::vector<StudyDayFacts>& facts, std::int64_t today, const StreakRules& rules);

}  // namespace attune::model
