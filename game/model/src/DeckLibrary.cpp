// Collecting decks from the bundled folder, the player's folder and the command line.
#include <attune/model/DataPaths.hpp>
#include <attune/model/DeckLibrary.hpp>

#include <algorithm>
#include <set>

namespace attune::model {
namespace fs = std::filesystem;

std::vector<DeckSource> standardDeckSources(const std::vector<fs::path>& commandLinePaths) {
    std::vector<DeckSource> sources;
    sources.push_back({bundledDecksDir(), DeckOrigin::Bundled, false});
    sources.push_back({userDecksDir(), DeckOrigin::Player, false});
    for (const auto& path : commandLinePaths) sources.push_back({path, DeckOrigin::CommandLine, true});
    return sources;
}

namespace {

bool isDeckFile(const fs::directory_entry& entry) {
    std::error_code ec;
    return entry.is_regular_file(ec) && entry.path().extension() == ".toml";
}

}  // namespace

std::vector<fs::path> findDeckFiles(const DeckSource& source, std::vector<Diagnostic>& diagnostics) {
    std::vector<fs::path> files;
    std::error_code ec;
    const fs::file_status status = fs::status(source.path, ec);
    if (!fs::exists(status)) {
        if (source.required) {
            diagnostics.push_back({Diagnostic::Severity::Error, source.path.string(), 0, 0, "no such deck file or folder"});
        }
        return files;
    }
    if (!fs::is_directory(status)) {
        files.push_back(source.path);
        return files;
    }
    // The folder itself and its direct sub-folders: deep trees are not searched (a home folder
    // given by mistake should not be crawled).
    fs::directory_iterator it(source.path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        diagnostics.push_back({Diagnostic::Severity::Error, source.path.string(), 0, 0, "cannot read the folder: " + ec.message()});
        return files;
    }
    for (const auto& entry : it) {
        if (isDeckFile(entry)) {
            files.push_back(entry.path());
        } else if (entry.is_directory(ec)) {
            fs::directory_iterator inner(entry.path(), fs::directory_options::skip_permission_denied, ec);
            if (ec) continue;
            for (const auto& sub : inner) {
                if (isDeckFile(sub)) files.push_back(sub.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

Diagnostic duplicateDeckIdError(const Deck& earlier, const Deck& later) {
    return {Diagnostic::Severity::Error, later.file.string(), later.idLine, 0,
            "deck id '" + later.id + "' is already used by " + earlier.file.string() +
                ": two decks cannot share an id (change [deck] id in one of them); this one is not loaded"};
}

const Deck* DeckLibrary::findDeck(const std::string& deckId) const {
    for (const auto& entry : decks) {
        if (entry.deck.id == deckId) return &entry.deck;
    }
    return nullptr;
}

DeckLibrary loadDeckLibrary(const std::vector<DeckSource>& sources) {
    DeckLibrary library;
    std::set<fs::path> seen;
    for (const auto& source : sources) {
        for (const auto& file : findDeckFiles(source, library.diagnostics)) {
            std::error_code ec;
            fs::path key = fs::canonical(file, ec);
            if (ec) key = fs::absolute(file, ec);
            if (!seen.insert(key).second) continue;
            ++library.fileCount;
            DeckLoadResult result = loadDeck(file);
            library.diagnostics.insert(library.diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
            if (!result.deck) continue;
            if (const Deck* earlier = library.findDeck(result.deck->id)) {
                library.diagnostics.push_back(duplicateDeckIdError(*earlier, *result.deck));
                continue;
            }
            library.decks.push_back({std::move(*result.deck), source.origin});
        }
    }
    return library;
}

}  // namespace attune::model
