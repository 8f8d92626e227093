// Live reload: while the game runs, deck files that change on disk are noticed (each file's
// modification time and size are compared about once a second), reloaded and swapped in. A
// broken edit leaves the last good version in use and shows its diagnostics instead.
// Single-threaded: the caller drives it from its frame loop with its own steady clock.
#pragma once

#include <attune/model/deck/DeckLibrary.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

namespace attune::model {

class DeckWatcher {
public:
    using Clock = std::chrono::steady_clock;

    /// Loads every deck of the sources at once (like loadDeckLibrary).
    explicit DeckWatcher(std::vector<DeckSource> sources, std::chrono::milliseconds interval = std::chrono::seconds(1));

    /// Call every frame. At most once per interval it looks at the files; returns true when the
    /// decks or the diagnostics changed (then redraw; progress stays keyed by card id).
    bool poll(Clock::time_point now);

    /// Looks at the files now, whatever the interval.
    bool checkNow();

    /// The decks in use: the last good version of each file, first source first.
    const std::vector<LibraryDeck>& decks() const { return m_decks; }
    const Deck* findDeck(const std::string& deckId) const;

    /// The current problems: each file's latest diagnostics (a broken edit's errors while the
    /// previous version stays in use) and duplicate deck ids.
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

    /// Counts reloads that changed something (lets screens notice a new version cheaply).
    std::uint64_t generation() const { return m_generation; }

private:
    struct WatchedFile {
        DeckOrigin origin = DeckOrigin::CommandLine;
        std::filesystem::file_time_type modified{};
        std::uintmax_t size = 0;
        std::optional<Deck> lastGood;
        std::vector<Diagnostic> diagnostics;
        std::size_t order = 0;  // discovery order, so the first source wins duplicate ids
    };

    bool scan();
    void load(const std::filesystem::path& file, WatchedFile& watched);
    void rebuild();

    std::vector<DeckSource> m_sources;
    std::chrono::milliseconds m_interval;
    std::optional<Clock::time_point> m_lastCheck;
    std::map<std::filesystem::path, WatchedFile> m_files;
    std::size_t m_nextOrder = 0;
    std::vector<Diagnostic> m_sourceDiagnostics;
    std::vector<LibraryDeck> m_decks;
    std::vector<Diagnostic> m_diagnostics;
    std::uint64_t m_generation = 0;
};

}  // namespace attune::model
