// Reads a review-history CSV as py-fsrs and fsrs-rs export it (`attune memory`,
// `attune import-reviews`): a header row naming the columns card_id, review_rating (1-4),
// review_time (ISO-8601 with Z or an offset, or integer epoch milliseconds) and optionally
// review_duration (ms) and review_state; other columns are ignored; rows in any order.
// Built for large histories: the file is read at once and parsed in place.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/core/TimeZone.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// One row of the file.
struct ImportedReview {
    std::uint32_t card = 0;               // index into ReviewHistory::cardIds
    scheduler::Moment at;                 // the instant, with the player's UTC offset then
    scheduler::Rating rating = scheduler::Rating::Good;
    std::int32_t durationMs = 0;          // 0 when the column is absent or empty
    std::int8_t state = -1;               // review_state (0 New .. 3 Relearning), -1 when absent
    std::int32_t line = 0;                // 1-based line in the file
};

struct ReviewHistory {
    std::vector<std::string> cardIds;     // distinct card ids, in order of first appearance
    std::vector<ImportedReview> reviews;  // in file order

    /// Each card's reviews in time order (stable for equal times): `order` lists review
    /// indices grouped by card; the reviews of card c are order[start[c] .. start[c+1]).
    struct ByCard {
        std::vector<std::uint32_t> order;
        std::vector<std::uint32_t> start;
    };
    ByCard groupByCard() const;
};

struct ReviewCsvOptions {
    /// When set, every review's UTC offset is the zone's at that instant (the written offset
    /// still fixes the instant). Otherwise the written offset is kept; Z and epoch ms are UTC.
    const TimeZone* timeZone = nullptr;
    /// Stop after this many bad rows (the first error is enough for a script).
    std::size_t maxErrors = 20;
    /// Threads for a large file; 0: as many cores as are idle (see idleCores).
    std::size_t threads = 0;
};

/// Cores not already busy (hardware threads minus the 1-minute load average, at least 1, at
/// most 4): extra threads on a machine that is already full only add overhead.
std::size_t idleCores();

struct ReviewCsvResult {
    ReviewHistory history;
    std::vector<Diagnostic> diagnostics;  // "FILE:LINE: error: ..."; history is incomplete if any
    bool ok() const { return !hasErrors(diagnostics); }
};

/// Reads and parses a file. A missing file is one diagnostic without a line.
ReviewCsvResult readReviewCsv(const std::string& path, const ReviewCsvOptions& options = {});
/// Parses text already in memory; `fileName` names it in diagnostics.
ReviewCsvResult parseReviewCsv(std::string_view text, const std::string& fileName,
                               const ReviewCsvOptions& options = {});

}  // namespace attune::model
