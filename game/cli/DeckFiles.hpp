// Writing a deck file that `deck import` made, and reading the one it replaces, so that an
// import never overwrites something it should not and never leaves half a file.
#pragma once

#include <attune/model/deck/Deck.hpp>

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace attune::cli {

/// The deck already at `output`, whose unchanged cards keep their progress; the exit code when
/// something else is there that must not be overwritten.
std::optional<int> readPreviousDeck(const std::filesystem::path& output, const std::string& id, std::ostream& err,
                                    std::optional<model::Deck>& previous);

/// Writes the deck in place of `output` at once (through a temporary file), after checking that
/// it loads; the exit code when it cannot.
std::optional<int> writeDeck(const std::filesystem::path& output, const std::string& toml, std::ostream& err);

}  // namespace attune::cli
