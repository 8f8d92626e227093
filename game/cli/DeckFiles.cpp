#include "cli/DeckFiles.hpp"

#include <attune/model/save/SaveFile.hpp>

namespace attune::cli {
namespace fs = std::filesystem;

std::optional<int> readPreviousDeck(const fs::path& output, const std::string& id, std::ostream& err,
                                    std::optional<model::Deck>& previous) {
    std::error_code ec;
    if (!fs::exists(output, ec)) return std::nullopt;
    model::DeckLoadResult old = model::loadDeck(output);
    if (!old.deck) {
        err << "attune: " << output.string() << " exists and is not a valid deck; not overwriting it:\n";
        for (const auto& d : old.diagnostics) err << d.format() << '\n';
        return 1;
    }
    if (old.deck->id != id) {
        err << "attune: " << output.string() << " holds deck '" << old.deck->id << "', not '" << id
            << "'; not overwriting it (choose --out)\n";
        return 1;
    }
    previous = std::move(old.deck);
    return std::nullopt;
}

std::optional<int> writeDeck(const fs::path& output, const std::string& toml, std::ostream& err) {
    // What we write must load: check it before replacing anything.
    const model::DeckLoadResult check = model::loadDeckFromText(toml, output);
    if (!check.deck) {
        err << "attune: the imported deck does not load (please report this):\n";
        for (const auto& d : check.diagnostics) err << d.format() << '\n';
        return 1;
    }
    // The profile store's durable write: temp file, fsync, rename, fsync of the folder.
    if (const model::SaveResult saved = model::savefile::writeAtomically(output, toml); !saved.ok) {
        err << "attune: " << saved.message << '\n';
        return 1;
    }
    return std::nullopt;
}

}  // namespace attune::cli
