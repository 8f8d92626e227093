// The review log as the game reads it: answers in time order with taken-back answers removed.
// Undo is recorded as an append-only marker (ReviewKind::Undo) that names the undone answer by
// deck, card, time and rating, so every copy and merge of the log agrees on what was undone.
// Suspending, bringing back and burying a card are card markers, read apart from the answers.
#pragma once

#include <attune/model/history/ReviewRecord.hpp>

#include <span>
#include <vector>

namespace attune::model {

/// The marker, written at `at`, that takes back `answer` (append it to the log like any other
/// record; `at` should be later than the answer).
ReviewRecord undoMarkerFor(const ReviewRecord& answer, scheduler::Moment at);

/// True when the record is an undo marker.
bool isUndoMarker(const ReviewRecord& record);

/// A card marker (kind Suspend, Unsuspend or Bury) for one study card, written at `at`.
ReviewRecord cardMarker(ReviewKind kind, const LogId& deckId, const LogId& cardId, scheduler::Moment at);

/// True when the record is a card marker (suspend, unsuspend, bury): no answer.
bool isCardMarker(const ReviewRecord& record);

/// The card markers as positions in `log`, in time order, a repeated marker once (the same
/// deck, card, millisecond and kind). Undo never takes a marker back: a suspend is reversed
/// by an unsuspend, a bury ends with its study day.
std::vector<std::size_t> cardMarkerOrder(std::span<const ReviewRecord> log);

/// The answers that count: every record except card markers, undo markers and the answers they take back
/// (one marker takes back one matching answer), stably sorted by time. A repeated line (the
/// same deck, card, millisecond and rating: reviewlog::sameAnswer) is one answer and counts
/// once, as a merge keeps it once.
std::vector<ReviewRecord> effectiveReviews(std::span<const ReviewRecord> log);
/// The same as positions in `log` (no copies: for heavy profiles).
std::vector<std::size_t> effectiveOrder(std::span<const ReviewRecord> log);

/// Copies of an answer that count once (see effectiveReviews), for `attune profile check`.
std::size_t repeatedAnswers(std::span<const ReviewRecord> log);

/// How far past "now" an answer may be dated and still count now: a session's answers keep
/// their order under a pinned or stepped-back clock by moving a millisecond past the last one.
inline constexpr std::int64_t kClockAheadAllowanceMs = 10 * 60 * 1000;
/// True for an answer dated after `nowUtcMs` + the allowance (a clock that ran ahead, a hand
/// edit): it stays in the log and counts from its own time on, so it cannot move "today" forward
/// and break a streak.
bool datedInTheFuture(const ReviewRecord& record, std::int64_t nowUtcMs);

/// True when the answer changes a card's schedule (everything but cram, imported counts too).
bool changesSchedule(const ReviewRecord& record);
/// True when the answer is the player's own study in Attune (earns XP, counts for streaks).
bool isOwnStudy(const ReviewRecord& record);

}  // namespace attune::model
