// XP for memory gained, the combo and levels. See Xp.hpp.
#include <attune/model/progress/Xp.hpp>

#include <algorithm>
#include <cmath>

namespace attune::model {

using scheduler::CardPhase;
using scheduler::Rating;

int baseXp(const XpRules& rules, const scheduler::CardState& before, const scheduler::CardState& after,
           Rating rating, bool firstGraduation) {
    if (firstGraduation) return rules.newCardLearned;
    if (before.phase != CardPhase::Review) return rules.learningStep;  // new, learning, relearning
    if (rating == Rating::Again) return rules.lapse;
    // A review answered right: reward the stability it added. A card answered long before it
    // was due barely grows, so re-answering what is already known earns little.
    const double s0 = before.memory ? before.memory->stability : 0.0;
    const double s1 = after.memory ? after.memory->stability : 0.0;
    double doublings = 0.0;
    if (s0 > 0.0 && s1 > s0) doublings = std::log2(s1 / s0);
    const double xp = static_cast<double>(rules.reviewBase) + rules.reviewPerDoubling * doublings;
    return std::min(rules.reviewMaximum, static_cast<int>(std::lround(xp)));
}

double comboMultiplier(const XpRules& rules, int rightInRow) {
    if (rightInRow <= 0 || rules.comboStep <= 0) return 1.0;
    const double bonus = rules.comboBonus * static_cast<double>(rightInRow / rules.comboStep);
    return std::min(rules.comboMaximum, 1.0 + bonus);
}

int XpLedger::add(const ReviewRecord& record, const scheduler::CardState& before,
                  const scheduler::CardState& after, bool firstGraduation, std::int64_t studyDay) {
    if (record.kind == ReviewKind::Cram || record.kind == ReviewKind::Imported || record.kind == ReviewKind::Undo)
        return 0;
    return addEarned(record, baseXp(m_rules, before, after, record.rating, firstGraduation), studyDay);
}

int XpLedger::addEarned(const ReviewRecord& record, int base, std::int64_t studyDay) {
    if (record.kind == ReviewKind::Cram || record.kind == ReviewKind::Imported || record.kind == ReviewKind::Undo)
        return 0;
    // A long pause ends the sitting and with it the combo.
    if (m_any && record.utcMs - m_lastMs > m_rules.sittingGapMs) m_rightInRow = 0;
    m_any = true;
    m_lastMs = record.utcMs;
    int earned = base;
    if (record.rating == Rating::Again) {
        m_rightInRow = 0;
    } else {
        ++m_rightInRow;
        earned = static_cast<int>(std::lround(static_cast<double>(base) * comboMultiplier(m_rules, m_rightInRow)));
    }
    m_total += earned;
    m_byDay[studyDay] += earned;
    return earned;
}

int XpLedger::xpOnDay(std::int64_t studyDay) const {
    const auto found = m_byDay.find(studyDay);
    return found == m_byDay.end() ? 0 : found->second;
}

namespace {
// XP from the start of `level` to the next: 100, 125, 150, ...
std::int64_t levelSpan(int level) { return 100 + 25 * static_cast<std::int64_t>(level - 1); }
}  // namespace

std::int64_t xpAtLevelStart(int level) {
    std::int64_t total = 0;
    for (int l = 1; l < level; ++l) total += levelSpan(l);
    return total;
}

Level levelForXp(std::int64_t totalXp) {
    Level out;
    std::int64_t remaining = std::max<std::int64_t>(totalXp, 0);
    while (remaining >= levelSpan(out.level)) {
        remaining -= levelSpan(out.level);
        ++out.level;
    }
    out.xpIntoLevel = remaining;
    out.xpForNext = levelSpan(out.level);
    return out;
}

}  // namespace attune::model
