// Turning flash cards exported by Anki ("Notes in Plain Text") or Quizlet (term/definition
// export) into a deck: CSV/TSV rows front,back[,tags] become basic cards with ids generated from
// the front, so importing an updated file again keeps each unchanged card's id and progress.
// Also writes TOML text safely (tomlString) and the starter deck of `attune deck new`.
#pragma once

#include <attune/model/core/TomlText.hpp>
#include <attune/model/deck/Deck.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

struct ImportOptions {
    std::string deckId;               // [a-z0-9-]+
    std::string title;
    std::string topicTitle;           // empty: the previous deck's first topic, else "Imported"
    std::optional<char> separator;    // empty: Anki's #separator: line, .tsv, else detected
    std::string sourceName;           // the file's name, for the description and messages
};

struct ImportResult {
    std::string toml;                     // the deck; empty when there are errors
    std::vector<Diagnostic> diagnostics;  // rows skipped (warnings), unusable input (errors)
    std::size_t cardCount = 0;
    std::size_t keptIds = 0;              // cards whose id came from the previous deck
    char separator = ',';                 // the separator used
};

/// Converts CSV/TSV text into deck TOML. `previous` is the deck this import replaces (same
/// output file): cards whose front is unchanged keep their ids, explanations and sources.
ImportResult importCards(std::string_view text, const ImportOptions& options, const Deck* previous = nullptr);

/// What keeps `text` (a --title or --topic) from being deck text, as the end of a sentence
/// ("has 12000 characters: deck texts are limited to 10000"); empty when it is fine.
std::string importTextProblem(std::string_view text);

/// The id an imported card gets for its front: a few words of it and a short hash of all of it
/// ("what-is-a-secure-3fa2c1"). Equal fronts give equal ids.
std::string importedCardId(std::string_view front);

/// "My Deck!" -> "my-deck" (lower-case letters, digits and single dashes; may be empty).
std::string slugify(std::string_view text, std::size_t maxLength = 40);

/// The deck `attune deck new` writes: one card of every type with explanations; it passes
/// `attune deck check` without warnings.
std::string starterDeckToml(const std::string& deckId, const std::string& title);

}  // namespace attune::model
