// The check every TOML text passes before TOML++ parses it (decks, profile.toml, review-log
// month files, achievements). Internal to the model library.
//
// TOML++ 3.3.0 classifies a non-ASCII character where TOML allows none (outside quotes, in a
// quoted key, after a backslash in a """ string) with a function that reaches
// __builtin_unreachable() for many of them: undefined behaviour, a crash at best (found by
// fuzzing the deck loader). So such text is refused here first, with its line and column, and
// never reaches the parser. Invalid UTF-8 is refused here too, and so is nesting deeper than
// kMaxNesting (dotted keys included), which TOML++ would recurse through until the stack overflows.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace attune::model::tomlguard {

// How deep tables and lists may nest. Every part of a dotted key counts as a level: [a.b] and
// a.b = 1 are two deep, and a.b = { c = [1] } four. TOML++ 3.3.0 builds and frees nested
// tables recursively, so a key of 50,000 parts overflows the stack (it limits only arrays and
// inline tables, to 256). Attune's own files nest three deep at most.
constexpr int kMaxNesting = 64;

// What one kind of file adds to the messages, and its limits.
struct Rules {
    // Ends "invalid UTF-8 (byte 0xFF); ..." (e.g. "save the deck as UTF-8 text").
    std::string_view utf8Advice = "save the file as UTF-8 text";
    // Examples of good keys, for "a key may only use ASCII letters, ... (like ...)".
    std::string_view keyExamples = "like name or id";
    // The longest string value, in characters (code points); longer is refused.
    std::size_t maxTextCharacters = std::numeric_limits<std::size_t>::max();
    // Ends the message about a too long text (e.g. "split it across cards").
    std::string_view textLimitAdvice = "shorten it";
    // Top-level [[name]] headers with this name are counted (e.g. "card"); empty: none.
    std::string_view countedArrayTable;
    // Ends "unexpected character 'x' (U+...) outside quotes (...)".
    std::string_view strayAdvice = "delete it, or put text in \"quotes\"";
};

// The rules for a file Attune writes itself (profile.toml, a month file): no limits, and a
// message that says the file was changed outside Attune. keyExamples: see Rules.
constexpr Rules savedFileRules(std::string_view keyExamples) {
    Rules rules;
    rules.utf8Advice = "Attune writes only UTF-8, so the file was changed outside Attune";
    rules.keyExamples = keyExamples;
    return rules;
}

// A node's whole number: an integer, or a float with an integral value in range. TOML++ 3.3.0's
// value<std::int64_t>() casts an out-of-range float before checking it (undefined behaviour,
// found by fuzzing the save loader with "schema_version = 1.3e19"), so the loaders use this.
inline std::optional<std::int64_t> wholeNumber(const toml::node* node) {
    if (node == nullptr) return std::nullopt;
    if (const auto* i = node->as_integer()) return i->get();
    if (const auto* f = node->as_floating_point()) {
        const double v = f->get();
        // 2^63 is exact as a double; every double in [-2^63, 2^63) fits an int64.
        if (v >= -9223372036854775808.0 && v < 9223372036854775808.0 && static_cast<double>(static_cast<std::int64_t>(v)) == v)
            return static_cast<std::int64_t>(v);
    }
    return std::nullopt;
}

// A TOML date-time with its UTC offset as an instant (milliseconds kept); nothing when it has no
// offset (a local time could be anywhere on Earth) or is not a real date.
std::optional<scheduler::Moment> momentOf(const toml::date_time& when);

// Where the first refused character is (line and column as TOML++ counts them: from 1, in
// characters) and what to say about it.
struct Problem {
    int line = 0;
    int column = 0;
    std::string message;
};

struct Check {
    std::optional<Problem> problem;  // the first problem in the text, if any
    std::size_t countedTables = 0;   // [[countedArrayTable]] headers (when no problem was found)
};

// Reads the whole text once; never throws except std::bad_alloc.
Check checkText(std::string_view text, const Rules& rules = {});

/// A small data file (the achievements, the quests) checked and then parsed: nullopt and one
/// error at its line and column in `diagnostics` when either step refuses it.
std::optional<toml::table> parseChecked(std::string_view text, const std::string& fileName, const Rules& rules,
                                        std::vector<Diagnostic>& diagnostics);

}  // namespace attune::model::tomlguard
