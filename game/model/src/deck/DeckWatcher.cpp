// Live reload by polling: cheap (one stat per file per second), portable, no threads.
#include <attune/model/deck/DeckCache.hpp>
#include <attune/model/deck/DeckWatcher.hpp>

#include <algorithm>

namespace attune::model {
namespace fs = std::filesystem;

DeckWatcher::DeckWatcher(std::vector<DeckSource> sources, std::chrono::milliseconds interval)
    : m_sources(std::move(sources)), m_interval(interval) {
    scan();
    rebuild();
}

bool DeckWatcher::poll(Clock::time_point now) {
    if (m_lastCheck && now - *m_lastCheck < m_interval) return false;
    m_lastCheck = now;
    return checkNow();
}

bool DeckWatcher::checkNow() {
    if (!scan()) return false;
    rebuild();
    ++m_generation;
    return true;
}

void DeckWatcher::load(const fs::path& file, WatchedFile& watched) {
    // The cache checks the file's bytes, so an edit is always parsed anew.
    DeckLoadResult result = loadDeckCached(file);
    watched.diagnostics = std::move(result.diagnostics);
    if (result.deck) watched.lastGood = std::move(*result.deck);
    // On errors the last good version stays in use; its diagnostics say why the edit is not.
}

bool DeckWatcher::scan() {
    bool changed = false;
    std::vector<Diagnostic> sourceDiagnostics;
    std::map<fs::path, DeckOrigin> present;
    for (const auto& source : m_sources) {
        for (const auto& file : findDeckFiles(source, sourceDiagnostics)) present.emplace(file, source.origin);
    }
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (present.count(it->first) == 0) {  // deleted or renamed away: it leaves the library
            it = m_files.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    for (const auto& [file, origin] : present) {
        std::error_code ec;
        const auto modified = fs::last_write_time(file, ec);
        const auto size = ec ? 0 : fs::file_size(file, ec);
        auto found = m_files.find(file);
        if (found == m_files.end()) {
            WatchedFile watched;
            watched.origin = origin;
            watched.order = m_nextOrder++;
            watched.modified = modified;
            watched.size = size;
            load(file, watched);
            m_files.emplace(file, std::move(watched));
            changed = true;
        } else if (found->second.modified != modified || found->second.size != size) {
            found->second.modified = modified;
            found->second.size = size;
            load(file, found->second);
            changed = true;
        }
    }
    if (sourceDiagnostics.size() != m_sourceDiagnostics.size()) changed = true;
    m_sourceDiagnostics = std::move(sourceDiagnostics);
    return changed;
}

void DeckWatcher::rebuild() {
    std::vector<std::pair<std::size_t, const fs::path*>> order;
    for (const auto& [file, watched] : m_files) order.emplace_back(watched.order, &file);
    std::sort(order.begin(), order.end());

    m_decks.clear();
    m_diagnostics = m_sourceDiagnostics;
    for (const auto& [index, file] : order) {
        const WatchedFile& watched = m_files.at(*file);
        m_diagnostics.insert(m_diagnostics.end(), watched.diagnostics.begin(), watched.diagnostics.end());
        if (!watched.lastGood) continue;
        if (const Deck* earlier = findDeck(watched.lastGood->id)) {
            m_diagnostics.push_back(duplicateDeckIdError(*earlier, *watched.lastGood));
            continue;
        }
        m_decks.push_back({*watched.lastGood, watched.origin});
    }
}

const Deck* DeckWatcher::findDeck(const std::string& deckId) const {
    for (const auto& entry : m_decks) {
        if (entry.deck.id == deckId) return &entry.deck;
    }
    return nullptr;
}

}  // namespace attune::model
