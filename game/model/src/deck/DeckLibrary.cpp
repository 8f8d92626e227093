// Collecting decks from the bundled folder, the player's folder and the command line.
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/deck/DeckCache.hpp>
#include <attune/model/deck/DeckLibrary.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <system_error>
#include <thread>

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

namespace {

DeckLoadResult loadOne(const fs::path& file, DeckReading reading) {
    try {
        return reading == DeckReading::Cached ? loadDeckCached(file) : loadDeck(file);
    } catch (const std::exception& error) {  // both never throw; a thread must not end the game if they did
        DeckLoadResult result;
        result.diagnostics.push_back({Diagnostic::Severity::Error, file.string(), 0, 0, std::string("cannot load the deck: ") + error.what()});
        return result;
    }
}

// Each file into its own slot, two at a time when there are two cores: the results keep the
// files' order whoever loads them.
std::vector<DeckLoadResult> loadAll(const std::vector<fs::path>& files, DeckReading reading) {
    std::vector<DeckLoadResult> results(files.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < files.size(); i = next++) results[i] = loadOne(files[i], reading);
    };
    std::thread helper;
    if (files.size() > 1 && std::thread::hardware_concurrency() > 1) {
        try {
            helper = std::thread(work);
        } catch (const std::system_error&) {  // no thread to be had: this one loads them all
        }
    }
    work();
    if (helper.joinable()) helper.join();
    return results;
}

}  // namespace

DeckLibrary loadDeckLibrary(const std::vector<DeckSource>& sources, DeckReading reading) {
    DeckLibrary library;
    // Find every file first (each source's own diagnostics kept apart), load them all, then put
    // the diagnostics and decks together in source order, as if they had loaded one by one.
    std::vector<std::vector<Diagnostic>> sourceDiagnostics(sources.size());
    std::vector<std::size_t> filesEnd(sources.size());
    std::vector<fs::path> files;
    std::set<fs::path> seen;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        for (auto& file : findDeckFiles(sources[s], sourceDiagnostics[s])) {
            std::error_code ec;
            fs::path key = fs::canonical(file, ec);
            if (ec) key = fs::absolute(file, ec);
            if (seen.insert(key).second) files.push_back(std::move(file));
        }
        filesEnd[s] = files.size();
    }
    library.fileCount = files.size();
    library.files = files;
    std::vector<DeckLoadResult> results = loadAll(files, reading);

    std::size_t index = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        library.diagnostics.insert(library.diagnostics.end(), sourceDiagnostics[s].begin(), sourceDiagnostics[s].end());
        for (; index < filesEnd[s]; ++index) {
            DeckLoadResult& result = results[index];
            library.diagnostics.insert(library.diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
            if (!result.deck) continue;
            if (const Deck* earlier = library.findDeck(result.deck->id)) {
                library.diagnostics.push_back(duplicateDeckIdError(*earlier, *result.deck));
                continue;
            }
            library.decks.push_back({std::move(*result.deck), sources[s].origin});
        }
    }
    return library;
}

}  // namespace attune::model
