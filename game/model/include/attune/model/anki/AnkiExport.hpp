// Decks going out: to Anki as a legacy-schema package (collection.anki2, a JSON media map and
// the pictures), which every Anki since 2.0 imports, and as the CSV that `attune deck import`
// (and Anki's text importer) read back.
#pragma once

#include <attune/model/deck/Deck.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace attune::model {

struct AnkiExportReport {
    std::string error;          // empty when the package was written
    std::size_t notes = 0;
    std::size_t cards = 0;      // Anki cards: two per reverse card, one per cloze number
    std::size_t pictures = 0;
};

/// Writes `deck` as an Anki package to `file` (through a temporary file, so a failed export
/// leaves nothing half-written). Basic cards become Basic notes, reverse cards "Basic (and
/// reversed card)", type-in cards "Basic (type in the answer)", cloze cards Cloze; choice and
/// true/false cards become Basic notes that list the options. Each topic is a subdeck. Note
/// guids come from the deck and card ids, so exporting again updates the notes in Anki.
/// `nowMs` seeds Anki's ids (epoch milliseconds).
AnkiExportReport exportAnkiPackage(const Deck& deck, const std::filesystem::path& file, std::int64_t nowMs);

struct CsvExport {
    std::string text;         // with Anki's header lines (#separator, #html, #tags column)
    std::size_t rows = 0;
    std::size_t skipped = 0;  // cards a front,back row cannot hold (cloze, choice, true/false, type-in)
};

/// Basic and reverse cards as rows front,back,tags: `attune deck import` reads them back to
/// the same cards.
CsvExport exportDeckCsv(const Deck& deck);

}  // namespace attune::model
