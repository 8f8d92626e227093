// Anki-style cloze deletions: "The {{c1::amygdala}} flags {{c2::threats::what?}}". The loader uses
// parseCloze() to validate a card; the session uses clozeQuestion()/clozeAnswer() to show it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

struct ClozeDeletion {
    int number = 0;         // N of {{cN::...}}
    std::string answer;     // the hidden text
    std::string hint;       // shown in the blank instead of "..." (may be empty)
    std::size_t begin = 0;  // byte offsets of "{{" and one past "}}" in the text
    std::size_t end = 0;
};

struct ClozeError {
    std::size_t offset = 0;  // byte offset in the text where the problem starts
    std::string message;
};

struct ClozeParse {
    std::vector<ClozeDeletion> deletions;  // in text order
    std::optional<ClozeError> error;       // the first problem, if any
};

/// Splits a cloze text into its deletions. Broken braces ("{{c1::x" without "}}", a stray "}}",
/// "{{x}}" without cN::, an empty answer) and deletions without a c1 come back as an error
/// with its offset.
ClozeParse parseCloze(std::string_view text);

/// The distinct deletion numbers, ascending (empty when the text is broken or has none).
std::vector<int> clozeNumbers(std::string_view text);

/// The question for deletion N: its deletions replaced by "[...]" (or "[hint]"), the others shown.
std::string clozeQuestion(std::string_view text, int number, std::string_view blank = "...");

/// The whole text with every deletion revealed; deletion N's answers are wrapped in
/// open/close (e.g. "[" and "]") so the player sees what was asked.
std::string clozeAnswer(std::string_view text, int number, std::string_view open = "", std::string_view close = "");

/// Only the hidden answers of deletion N, joined by ", " (what a player would have to recall).
std::string clozeHiddenText(std::string_view text, int number);

}  // namespace attune::model
