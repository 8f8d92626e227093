// The study streak with neutral days, freezes and travel. See Streak.hpp.
#include <attune/model/progress/Streak.hpp>

#include <algorithm>
#include <set>

namespace attune::model {

bool dayIsNeutral(const StudyDayFacts& facts) { return facts.reviewsDue == 0 && facts.newCardsLeft == 0; }

bool dayCounts(const StudyDayFacts& facts, const StreakRules& rules) {
    if (!facts.studied) return false;
    if (facts.xp >= rules.dailyGoalXp) return true;
    // A diligent day: every card that came due (reviews and learning steps) was answered.
    return facts.reviewsDue > 0 && facts.reviewsLeftUndone == 0;
}

Streak computeStreak(const std::vector<StudyDayFacts>& facts, std::int64_t today, const StreakRules& rules) {
    Streak out;
    const auto firstStudied = std::find_if(facts.begin(), facts.end(), [](const StudyDayFacts& f) { return f.studied; });
    if (firstStudied == facts.end()) return out;
    std::int64_t lastStudied = firstStudied->day;
    for (const StudyDayFacts& f : facts)
        if (f.studied) lastStudied = std::max(lastStudied, f.day);
    today = std::max(today, lastStudied);  // the clock set back: never before what was studied

    // Calendar days that only a change of time zone skipped.
    std::set<std::int64_t> travel;
    for (const StudyDayFacts& f : facts)
        for (int k = 1; k <= f.travelDays; ++k) travel.insert(f.day - k);

    auto next = firstStudied;
    int current = 0;
    for (std::int64_t day = firstStudied->day; day <= today; ++day) {
        while (next != facts.end() && next->day < day) ++next;
        StudyDayFacts missing;
        missing.day = day;
        missing.reviewsDue = 1;  // a day nobody recorded: assume there was work to do
        const StudyDayFacts& f = (next != facts.end() && next->day == day) ? *next : missing;

        StreakDay result{day, DayOutcome::Neutral, 0};
        if (dayCounts(f, rules)) {
            result.outcome = DayOutcome::Counted;
            ++current;
            if (current > out.longest) {
                out.longest = current;
                out.countedDayReachedAtMs.push_back(f.countedAtMs);
            }
            if (rules.freezeEvery > 0 && current % rules.freezeEvery == 0 && out.freezesHeld < rules.maximumFreezes)
                ++out.freezesHeld;
            if (day == today) out.todayCounts = true;
        } else if (day == today) {
            result.outcome = DayOutcome::Pending;  // the day is not over: nothing is lost yet
        } else if (travel.count(day) != 0 && !f.studied) {
            result.outcome = DayOutcome::Travel;
        } else if (dayIsNeutral(f)) {
            result.outcome = DayOutcome::Neutral;
        } else if (current > 0 && out.freezesHeld > 0) {
            result.outcome = DayOutcome::Frozen;
            --out.freezesHeld;
            ++out.freezesUsed;
        } else {
            result.outcome = DayOutcome::Missed;
            current = 0;
        }
        result.streakAfter = current;
        out.days.push_back(result);
    }
    out.current = current;
    return out;
}

}  // namespace attune::model
