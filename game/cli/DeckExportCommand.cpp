// `attune deck export DECK --csv|--apkg [--out FILE]`: a deck (a file, or the id of an
// installed deck) as the CSV `deck import` reads back, or as an Anki package.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"

#include <attune/model/anki/AnkiExport.hpp>
#include <attune/model/core/Clock.hpp>
#include <attune/model/deck/DeckLibrary.hpp>

#include <fstream>
#include <ostream>

namespace attune::cli {
namespace {
namespace fs = std::filesystem;

/// The deck named by a path or an id; nullopt (after saying why) when there is none.
std::optional<model::Deck> findDeck(const std::string& name, std::ostream& err) {
    std::error_code ec;
    if (fs::is_regular_file(name, ec)) {
        model::DeckLoadResult loaded = model::loadDeck(name);
        for (const auto& d : loaded.diagnostics) {
            if (d.severity == model::Diagnostic::Severity::Error) err << d.format() << '\n';
        }
        if (!loaded.deck) err << "attune: " << name << " does not load; nothing was exported\n";
        return std::move(loaded.deck);
    }
    const model::DeckLibrary library = model::loadDeckLibrary(model::standardDeckSources());
    if (const model::Deck* deck = library.findDeck(name)) return *deck;
    err << "attune: no deck file or deck id '" << name << "'. Decks found:";
    for (const auto& d : library.decks) err << ' ' << d.deck.id;
    err << '\n';
    return std::nullopt;
}

}  // namespace

int runDeckExport(const Invocation& call, const Args& args, const char* usage) {
    if (args.positionals().size() != 2) return usageError(call.err, "deck export needs one deck (a file or a deck id)", usage);
    const bool csv = args.has("--csv");
    if (csv == args.has("--apkg")) return usageError(call.err, "deck export needs --csv or --apkg", usage);
    const auto deck = findDeck(args.positionals()[1], call.err);
    if (!deck) return 1;
    const fs::path out = args.value("--out").value_or(deck->id + (csv ? ".csv" : ".apkg"));
    if (csv) {
        const model::CsvExport exported = model::exportDeckCsv(*deck);
        const fs::path temporary = out.string() + ".tmp";
        std::ofstream file(temporary, std::ios::binary);
        file << exported.text;
        file.close();
        std::error_code ec;
        fs::rename(temporary, out, ec);
        if (!file || ec) {
            call.err << "attune: cannot write " << out.string() << '\n';
            fs::remove(temporary, ec);
            return 1;
        }
        call.out << "wrote " << out.string() << ": " << exported.rows << " cards";
        if (exported.skipped > 0) {
            call.out << " (" << exported.skipped << " cloze, choice, true/false and type-in cards left out: a CSV row holds a "
                     << "front and a back; use --apkg to keep them)";
        }
        call.out << '\n';
        return 0;
    }
    const model::AnkiExportReport report = model::exportAnkiPackage(*deck, out, model::now().utcMs);
    if (!report.error.empty()) {
        call.err << "attune: " << report.error << "; nothing was exported\n";
        return 1;
    }
    call.out << "wrote " << out.string() << ": " << report.notes << " notes, " << report.cards << " Anki cards, " << report.pictures
             << " pictures (import it in Anki with File > Import)\n";
    return 0;
}

}  // namespace attune::cli
