// Where decks come from: the bundled decks (installed with the game), the player's deck folder
// ($XDG_DATA_HOME/attune/decks) and any --deck PATH (a file or a folder). A folder is searched
// for *.toml files, including one level of sub-folders (a deck with its media in its own folder).
#pragma once

#include <attune/model/deck/Deck.hpp>

#include <filesystem>
#include <vector>

namespace attune::model {

enum class DeckOrigin { Bundled, Player, CommandLine };

struct DeckSource {
    std::filesystem::path path;  // a deck file or a folder of decks
    DeckOrigin origin = DeckOrigin::CommandLine;
    bool required = true;        // a missing path is an error (the player's folder may not exist yet)
};

/// The bundled decks, the player's folder, then each --deck PATH.
std::vector<DeckSource> standardDeckSources(const std::vector<std::filesystem::path>& commandLinePaths = {});

/// The deck files of one source, sorted by path; a missing required path is reported.
std::vector<std::filesystem::path> findDeckFiles(const DeckSource& source, std::vector<Diagnostic>& diagnostics);

struct LibraryDeck {
    Deck deck;
    DeckOrigin origin = DeckOrigin::CommandLine;
};

struct DeckLibrary {
    std::vector<LibraryDeck> decks;       // every deck that loaded without errors, first source first
    std::vector<Diagnostic> diagnostics;  // of every file, then duplicate-id errors
    std::size_t fileCount = 0;            // deck files read
    std::vector<std::filesystem::path> files;  // the deck files read, in order

    const Deck* findDeck(const std::string& deckId) const;
};

/// How deck files are read: through the checked deck cache (DeckCache.hpp; same results, faster)
/// or always parsed (`attune deck check`, the author's validator, must really parse).
enum class DeckReading { Cached, AlwaysParse };

/// Loads every deck of the sources. A file reached twice (e.g. by a folder and by --deck) is read
/// once; two different files declaring one deck id are an error naming both, and only the
/// first stays in the library. Several files load on two threads; the order of the decks and of
/// the diagnostics is the order of the sources and files all the same.
DeckLibrary loadDeckLibrary(const std::vector<DeckSource>& sources, DeckReading reading = DeckReading::Cached);

/// The duplicate-id check on its own (used by the watcher after a reload): returns the error for
/// `later` when `earlier` already has its id.
Diagnostic duplicateDeckIdError(const Deck& earlier, const Deck& later);

}  // namespace attune::model
