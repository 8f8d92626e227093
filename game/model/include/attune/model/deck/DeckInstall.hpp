// Importing a file into the player's decks folder from the window (the deck browser's Import):
// an Anki package (.apkg, .colpkg) as one deck with its pictures, or a CSV/TSV export as a deck
// named after the file. Everything is read and checked before the first file is written: a
// file that cannot be imported changes nothing, and a deck file holding another deck is never
// overwritten. No review history here: that is `attune deck import --with-history`.
#pragma once

#include <attune/model/core/Diagnostic.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace attune::model {

/// The step under way ("reading the package") and how far the whole import is, 0..1.
using InstallProgress = std::function<void(const std::string& step, double fraction)>;

struct DeckInstallResult {
    bool ok = false;
    std::string error;                    // why nothing was imported, naming the file (when !ok)
    std::filesystem::path deckFile;       // the deck written (when ok)
    std::string title;
    std::size_t cardCount = 0;
    std::size_t pictureCount = 0;
    std::vector<Diagnostic> diagnostics;  // what was skipped or dropped (warnings), errors
    std::size_t warningCount() const;
};

/// True for the files installDeckFile takes, by extension (any case).
bool isInstallableDeckFile(const std::filesystem::path& file);

/// Imports `input` into `decksFolder` (made if missing).
DeckInstallResult installDeckFile(const std::filesystem::path& input, const std::filesystem::path& decksFolder,
                                  const InstallProgress& progress = {});

}  // namespace attune::model
