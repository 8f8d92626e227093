// The review log's file format (docs/SAVES.md): month files log/YYYY-MM.toml, one review per
// line, each line valid TOML on its own:
//   schema_version = 1
//   [reviews]
//   r000001 = { card = "c1", deck = "d", at = 2026-11-27T14:36:45.123+09:00, rating = 3, ms = 5400, kind = "review" }
// A hand parser reads exactly the lines Attune writes (fast: a heavy profile opens in tens of
// ms); a file it does not recognise goes through TOML++, so a hand-edited file still loads or
// gets file:line:col errors.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model::reviewlog {

inline constexpr int kLogSchemaVersion = 1;

const char* kindName(ReviewKind kind);  // "learn", "review", "relearn", "cram", "imported", "undo",
                                        // "suspend", "unsuspend", "bury"
bool parseKind(std::string_view name, ReviewKind& out);

/// "2026-11" for the UTC month of a time (the month file it belongs to).
std::string monthOf(std::int64_t utcMs);
/// "schema_version = 1\n[reviews]\n"
std::string fileHeader();
/// One review as its line, newline included. `index` makes the key ("r000042"). A card marker
/// (suspend, unsuspend, bury) has no rating, ms or days: `{ card = ..., deck = ..., at = ..., kind = "bury" }`.
std::string formatLine(const ReviewRecord& review, std::uint64_t index);

/// A whole month file in canonical form: header, then the reviews in canonicalLess order.
std::string formatMonthFile(std::span<const ReviewRecord> reviews);

/// Same answer (for merging): same deck, card, time and rating (an undo marker only equals an
/// undo marker, a card marker only one of its own kind).
bool sameAnswer(const ReviewRecord& a, const ReviewRecord& b);
/// A total order: time, deck, card, rating, then the other fields (makes merges symmetric).
bool canonicalLess(const ReviewRecord& a, const ReviewRecord& b);

/// Canonical order for a list already in time order: the reviews of each millisecond sorted by
/// canonicalLess. Every computer reads a synced log in this order, the order merges write.
void orderCanonically(std::span<ReviewRecord> timeOrdered);
/// The union rule of merges: in a canonically ordered list, the first of equal answers
/// (sameAnswer, side by side) stays and its repeats go.
void keepEachAnswerOnce(std::vector<ReviewRecord>& canonical);

struct MonthFile {
    std::vector<ReviewRecord> reviews;     // in file order
    std::vector<Diagnostic> diagnostics;
    bool damaged = false;                  // an Error: the file must not be written over
    bool newerSchema = false;              // schema_version > kLogSchemaVersion
    int schemaVersion = kLogSchemaVersion;
    std::uint64_t nextIndex = 1;           // the key number the next appended line takes
    std::optional<std::string> tornTail;   // bytes after the last newline that are no review
    std::size_t tornOffset = 0;            // where the torn tail starts
    int tornLine = 0;
    bool missingFinalNewline = false;      // the last line is whole but unterminated (a hand edit)
};

/// Parses a month file's text. `fileName` is only used in diagnostics.
MonthFile parseMonthFile(std::string_view content, const std::string& fileName);

}  // namespace attune::model::reviewlog
