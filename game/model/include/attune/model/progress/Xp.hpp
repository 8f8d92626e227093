// Experience points for memory gained, the combo multiplier, levels and the daily goal.
// XP is derived from the review log: the same answers always give the same XP.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <map>

namespace attune::model {

struct XpRules {
    int newCardLearned = 10;      // a new card graduating to review for the first time
    int learningStep = 1;         // any other learning or relearning answer
    int lapse = 1;                // a review answered Again: effort, no memory gained
    int reviewBase = 2;           // a review answered right ...
    double reviewPerDoubling = 8; // ... plus this much per doubling of stability
    int reviewMaximum = 25;
    int comboStep = 5;            // every 5 right answers in a row ...
    double comboBonus = 0.1;      // ... add 10 % ...
    double comboMaximum = 1.5;    // ... up to x1.5
    std::int64_t sittingGapMs = 30 * 60 * 1000;  // a longer pause ends the combo
};

/// XP that a review earns before the combo: what it did to the card's memory.
int baseXp(const XpRules& rules, const scheduler::CardState& before, const scheduler::CardState& after,
           scheduler::Rating rating, bool firstGraduation);

/// The combo multiplier for `rightInRow` right answers in a row (this one included).
double comboMultiplier(const XpRules& rules, int rightInRow);

/// The running XP account: feed it answers in time order.
class XpLedger {
public:
    explicit XpLedger(XpRules rules = {}) : m_rules(rules) {}

    /// Books one answer and returns the XP it earned. `before`/`after` are the card's states
    /// around it; cram and imported answers earn nothing and leave the combo alone.
    int add(const ReviewRecord& record, const scheduler::CardState& before, const scheduler::CardState& after,
            bool firstGraduation, std::int64_t studyDay);
    /// The same with the base XP already worked out (baseXp()).
    int addEarned(const ReviewRecord& record, int base, std::int64_t studyDay);
    /// Books a day's quest bonus: it adds to the total (the level, the XP achievements), not to
    /// the day's XP, which measures memory gained for the daily goal and the streak.
    void addQuestBonus(int xp) {
        m_total += xp;
        m_questBonus += xp;
    }

    std::int64_t total() const { return m_total; }
    int xpOnDay(std::int64_t studyDay) const;
    const std::map<std::int64_t, int>& xpByDay() const { return m_byDay; }
    std::int64_t questBonusTotal() const { return m_questBonus; }
    int combo() const { return m_rightInRow; }
    const XpRules& rules() const { return m_rules; }

private:
    XpRules m_rules;
    std::int64_t m_total = 0;
    std::int64_t m_questBonus = 0;
    std::map<std::int64_t, int> m_byDay;
    int m_rightInRow = 0;
    std::int64_t m_lastMs = 0;
    bool m_any = false;
};

/// Levels on a gentle curve: level 2 takes 100 XP, each next level 25 XP more than the last.
struct Level {
    int level = 1;
    std::int64_t xpIntoLevel = 0;  // earned since this level began
    std::int64_t xpForNext = 100;  // this level's span
};
Level levelForXp(std::int64_t totalXp);
/// Total XP at which `level` begins (level 1 begins at 0).
std::int64_t xpAtLevelStart(int level);

}  // namespace attune::model
