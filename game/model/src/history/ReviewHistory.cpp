// Undo markers and the answers that count. See ReviewHistory.hpp.
#include <attune/model/history/ReviewHistory.hpp>

#include <attune/model/history/ReviewLog.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>

namespace attune::model {
namespace {

std::string keyOf(const ReviewRecord& record) {
    std::string key;
    key.reserve(record.deckId.size() + record.cardId.size() + 1);
    key += record.deckId;
    key += '\n';
    key += record.cardId;
    return key;
}

// Removes from `order` (sorted by time) every record that repeats an earlier one. Repeats share
// a millisecond, so only records of the same millisecond are compared.
std::size_t dropRepeatedAnswers(std::span<const ReviewRecord> log, std::vector<std::size_t>& order) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ReviewRecord& r = log[order[i]];
        bool repeat = false;
        for (std::size_t k = kept; k-- > 0 && log[order[k]].utcMs == r.utcMs;) {
            if (reviewlog::sameAnswer(log[order[k]], r)) {
                repeat = true;
                break;
            }
        }
        if (!repeat) order[kept++] = order[i];
    }
    const std::size_t dropped = order.size() - kept;
    order.resize(kept);
    return dropped;
}

std::vector<std::size_t> timeOrder(std::span<const ReviewRecord> log) {
    std::vector<std::size_t> order(log.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto earlier = [&](std::size_t a, std::size_t b) { return log[a].utcMs < log[b].utcMs; };
    if (!std::is_sorted(order.begin(), order.end(), earlier)) std::stable_sort(order.begin(), order.end(), earlier);
    return order;
}

}  // namespace

std::size_t repeatedAnswers(std::span<const ReviewRecord> log) {
    std::vector<std::size_t> order = timeOrder(log);
    return dropRepeatedAnswers(log, order);
}

bool datedInTheFuture(const ReviewRecord& record, std::int64_t nowUtcMs) {
    return record.utcMs > nowUtcMs + kClockAheadAllowanceMs;
}

ReviewRecord undoMarkerFor(const ReviewRecord& answer, scheduler::Moment at) {
    ReviewRecord marker = answer;
    marker.utcMs = at.utcMs;
    marker.utcOffsetSeconds = at.utcOffsetSeconds;
    marker.kind = ReviewKind::Undo;
    marker.durationMs = 0;
    return marker;
}

bool isUndoMarker(const ReviewRecord& record) { return record.kind == ReviewKind::Undo; }

bool changesSchedule(const ReviewRecord& record) {
    return record.kind != ReviewKind::Cram && record.kind != ReviewKind::Undo && !isCardMarker(record);
}

bool isOwnStudy(const ReviewRecord& record) {
    return record.kind != ReviewKind::Imported && record.kind != ReviewKind::Undo && !isCardMarker(record);
}

ReviewRecord cardMarker(ReviewKind kind, const LogId& deckId, const LogId& cardId, scheduler::Moment at) {
    ReviewRecord marker;
    marker.deckId = deckId;
    marker.cardId = cardId;
    marker.utcMs = at.utcMs;
    marker.utcOffsetSeconds = at.utcOffsetSeconds;
    marker.rating = kMarkerRating;
    marker.kind = kind;
    return marker;
}

bool isCardMarker(const ReviewRecord& record) { return isCardMarkerKind(record.kind); }

std::vector<std::size_t> cardMarkerOrder(std::span<const ReviewRecord> log) {
    if (std::none_of(log.begin(), log.end(), isCardMarker)) return {};
    std::vector<std::size_t> order = timeOrder(log);
    dropRepeatedAnswers(log, order);
    std::erase_if(order, [&](std::size_t i) { return !isCardMarker(log[i]); });
    return order;
}

std::vector<std::size_t> effectiveOrder(std::span<const ReviewRecord> log) {
    std::vector<std::size_t> order = timeOrder(log);
    dropRepeatedAnswers(log, order);
    // Card markers are no answers: they are read by cardMarkerOrder.
    if (std::any_of(log.begin(), log.end(), isCardMarker))
        std::erase_if(order, [&](std::size_t i) { return isCardMarker(log[i]); });

    if (std::none_of(log.begin(), log.end(), isUndoMarker)) return order;

    // Only cards that have markers need an index of their answers (markers are rare).
    std::unordered_map<std::string, std::vector<std::size_t>> answersOf;  // positions in `order`
    for (const ReviewRecord& r : log)
        if (isUndoMarker(r)) answersOf.try_emplace(keyOf(r));
    std::vector<bool> removed(order.size(), false);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ReviewRecord& r = log[order[i]];
        const auto found = answersOf.find(keyOf(r));
        if (found == answersOf.end()) continue;
        std::vector<std::size_t>& answers = found->second;
        if (!isUndoMarker(r)) {
            answers.push_back(i);
            continue;
        }
        removed[i] = true;
        // The latest earlier answer with the same rating that still stands.
        for (auto it = answers.rbegin(); it != answers.rend(); ++it) {
            if (log[order[*it]].rating == r.rating) {
                removed[*it] = true;
                answers.erase(std::next(it).base());
                break;
            }
        }
    }
    std::vector<std::size_t> kept;
    kept.reserve(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        if (!removed[i]) kept.push_back(order[i]);
    return kept;
}

std::vector<ReviewRecord> effectiveReviews(std::span<const ReviewRecord> log) {
    std::vector<ReviewRecord> out;
    for (const std::size_t i : effectiveOrder(log)) out.push_back(log[i]);
    return out;
}

}  // namespace attune::model
