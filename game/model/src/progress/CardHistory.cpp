// One card's answers replayed through the course's scheduler (see CardHistory.hpp). The replay
// is computeProgress's own, answer for answer: the same order, the same fuzz seeds, the interval
// the player was told; so the card it ends with is the card the rest of the game sees.
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/CardHistory.hpp>
#include <attune/model/session/CardFace.hpp>

#include "core/CivilDate.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>

namespace attune::model {

using scheduler::CardPhase;
using scheduler::studyDay;

CardHistory cardHistory(const CourseProgress& p, std::span<const ReviewRecord> log, std::uint32_t card,
                        scheduler::Moment now) {
    CardHistory h;
    const Deck& deck = p.deckOf(card);
    const StudyCard& study = p.studyCardOf(card);
    h.deckId = deck.id;
    h.cardId = study.id;
    h.question = faceOf(deck, study, 0).question;
    if (const auto topic = p.cards[card].topicIndex; topic < p.topics.size()) h.topic = p.topics[topic].title;

    const scheduler::Scheduler& s = p.scheduler;
    const int dayStart = s.settings().dayStartHour;
    const LogId deckId(deck.id);
    const LogId cardId(study.id);
    std::uint64_t index = 0;
    for (const std::size_t i : effectiveOrder(log)) {
        const ReviewRecord& r = log[i];
        if (r.deckId != deckId || r.cardId != cardId || datedInTheFuture(r, now.utcMs)) continue;
        const scheduler::Moment at = r.moment();
        const scheduler::CardState& before = h.state;
        CardAnswer a;
        a.at = at;
        a.rating = r.rating;
        a.kind = r.kind;
        a.phaseBefore = before.phase;
        const bool started = before.phase != CardPhase::New && before.memory.has_value();
        a.elapsedDays = started ? std::max<std::int64_t>(0, studyDay(at, dayStart) - before.lastReviewDay) : 0;
        a.recallBefore = s.recallNow(before, at);
        if (changesSchedule(r)) {
            const scheduler::CardState after =
                s.answerRecorded(before, r.rating, at, replayFuzzSeed(r.utcMs, index++), r.scheduledDays);
            a.phaseAfter = after.phase;
            a.waitMs = s.waitMs(after, at);
            a.intervalDays = after.phase == CardPhase::Review ? static_cast<int>(after.dueDay - studyDay(at, dayStart)) : 0;
            h.state = after;
        } else {
            // Cram: practice that leaves the schedule and the memory state alone.
            a.changedSchedule = false;
            a.phaseAfter = before.phase;
        }
        if (h.state.memory) {
            a.stability = h.state.memory->stability;
            a.difficulty = h.state.memory->difficulty;
        }
        h.answers.push_back(a);
    }
    h.reviews = static_cast<int>(index);
    h.lapses = h.state.lapses;
    h.now = now;
    h.parameters = s.settings().parameters;
    h.recallNow = s.recallNow(h.state, now);
    // Never before the last answer's day (a clock set back), as computeProgress keeps "today".
    h.today = std::max(studyDay(now, dayStart), h.isNew() ? INT64_MIN : h.state.lastReviewDay);
    if (!h.isNew()) h.daysSinceLastReview = h.today - h.state.lastReviewDay;
    h.dueMs = h.state.dueMs;
    h.dueDay = h.state.phase == CardPhase::Review ? h.state.dueDay : studyDay({h.state.dueMs, now.utcOffsetSeconds}, dayStart);
    return h;
}

std::optional<std::uint32_t> findCardByName(const CourseProgress& p, const std::string& name) {
    const auto slash = name.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == name.size()) return std::nullopt;
    return p.findCard(LogId(name.substr(0, slash)), LogId(name.substr(slash + 1)));
}

double CardHistory::recallAfter(double days) const {
    if (isNew() || !state.memory) return 0.0;
    return scheduler::retrievability(parameters, std::max(0.0, days), state.memory->stability);
}

const char* ratingName(scheduler::Rating rating) {
    switch (rating) {
    case scheduler::Rating::Again: return "Again";
    case scheduler::Rating::Hard: return "Hard";
    case scheduler::Rating::Good: return "Good";
    case scheduler::Rating::Easy: return "Easy";
    }
    return "?";
}

const char* phaseName(CardPhase phase) {
    switch (phase) {
    case CardPhase::New: return "new";
    case CardPhase::Learning: return "learning";
    case CardPhase::Review: return "review";
    case CardPhase::Relearning: return "relearning";
    }
    return "?";
}

std::string localDateTime(scheduler::Moment at) {
    const std::int64_t local = at.utcMs / 1000 + at.utcOffsetSeconds;
    std::int64_t day = local / 86400;
    std::int64_t second = local % 86400;
    if (second < 0) {
        second += 86400;
        --day;
    }
    const civil::Date date = civil::dateFromDays(day);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u %02lld:%02lld", static_cast<long long>(date.year), date.month,
                  date.day, static_cast<long long>(second / 3600), static_cast<long long>(second / 60 % 60));
    return buffer;
}

std::string dateOfDay(std::int64_t day) {
    const civil::Date date = civil::dateFromDays(day);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(date.year), date.month, date.day);
    return buffer;
}

}  // namespace attune::model
