// Turning an Anki collection into Attune decks: each note becomes one card, its type chosen by
// the shape of its note type (Basic, reversed, optional reversed, type-in, Cloze; anything else
// becomes a basic card from its first two fields, with a warning naming the note type). Card ids
// come from the note's guid, so importing an updated package keeps every card's progress.
// Also maps the package's review log onto the imported study cards (--with-history).
#pragma once

#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace attune::model {

struct AnkiImportOptions {
    std::string deckId;       // the deck's id; empty: made from the title
    std::string title;        // empty: the Anki deck every note is in, else the package's name
    bool split = false;       // one Attune deck per Anki deck (their ids and titles from the names)
    std::string sourceName;   // the package's file name, for the description and messages
};

struct AnkiImportedDeck {
    std::string id;
    std::string title;
    std::string toml;
    std::size_t cardCount = 0;
};

/// Where an Anki card's progress goes in Attune.
struct AnkiCardTarget {
    std::string deckId;
    std::string studyCardId;  // "anki-...", "anki-...#reverse", "anki-...#c2"
};

struct AnkiImportResult {
    std::vector<AnkiImportedDeck> decks;  // empty when there are errors
    std::vector<std::string> media;       // pictures the decks use: extract them into mediaFolder
    std::string mediaFolder;              // beside the deck files: "ID-media" (split: from the package's name)
    std::unordered_map<std::int64_t, AnkiCardTarget> cards;  // Anki card id -> study card
    std::vector<Diagnostic> diagnostics;  // notes skipped, what was dropped (warnings); errors
    std::size_t noteCount = 0;            // notes in the package
};

/// Converts the collection; `package` tells which media files exist. Writes nothing.
AnkiImportResult convertAnkiCollection(const AnkiPackage& package, const AnkiImportOptions& options);

/// The package's review log as Attune review records (kind Imported), for the study cards
/// `imported` made. Entries that are no answer are skipped and counted.
struct AnkiHistory {
    std::vector<ReviewRecord> records;
    std::size_t manual = 0;       // set due date, forget, reset (type 4, or no button pressed)
    std::size_t cram = 0;         // filtered-deck reviews that did not reschedule
    std::size_t rescheduled = 0;  // FSRS "reschedule cards on change" (type 5)
    std::size_t otherCards = 0;   // answers of cards that were not imported
    std::size_t badTimes = 0;     // answers dated before 1980 or after 2199 (a damaged log)
};
AnkiHistory ankiReviewHistory(const AnkiCollection& collection, const AnkiImportResult& imported);

}  // namespace attune::model
