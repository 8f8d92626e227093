// Reading an Anki package (.apkg, .colpkg): both generations, the legacy one
// (collection.anki2 / collection.anki21, a JSON media map, raw media) and the current one
// (collection.anki21b compressed with zstd, a protobuf media map, compressed media). The reader
// takes any bytes: every size is capped before it is allocated, and a package it cannot read
// is one error message, never a crash. Media are read one at a time, on demand.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

struct AnkiNotetype {
    std::int64_t id = 0;
    std::string name;
    bool cloze = false;
    std::vector<std::string> fields;  // field names, in order
    struct Template {
        std::string question;  // the template's front (qfmt)
        std::string answer;    // its back (afmt)
    };
    std::vector<Template> templates;  // in order (card ord = index)
};

struct AnkiNote {
    std::int64_t id = 0;
    std::string guid;                  // stays the same when the deck is exported again
    std::int64_t notetypeId = 0;
    std::vector<std::string> fields;   // HTML fragments
    std::string tags;                  // space-separated
};

struct AnkiCard {
    std::int64_t id = 0;
    std::int64_t noteId = 0;
    std::int64_t deckId = 0;
    int ord = 0;  // template index, or cloze number - 1
};

/// One row of the revlog: an answer or a scheduling event.
struct AnkiReview {
    std::int64_t id = 0;      // epoch milliseconds of the event
    std::int64_t cardId = 0;
    int ease = 0;             // 1 Again .. 4 Easy; 0 no button (manual, rescheduled)
    int type = 0;             // 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled
    std::int64_t factor = 0;
    std::int64_t timeMs = 0;  // time taken to answer
};

enum class AnkiGeneration { Legacy1, Legacy2, Latest };

struct AnkiCollection {
    AnkiGeneration generation = AnkiGeneration::Legacy1;
    std::map<std::int64_t, AnkiNotetype> notetypes;
    std::map<std::int64_t, std::string> decks;  // id -> "Parent::Child"
    std::vector<AnkiNote> notes;                // by id
    std::vector<AnkiCard> cards;                // by note, then ord
    std::vector<AnkiReview> reviews;            // by time
};

/// What to read, and the sizes a package may declare or expand to: beyond them it is refused
/// (zip bombs, 2 GB of media).
struct AnkiReadOptions {
    bool reviews = true;                            // read the revlog too
    std::uint64_t collectionBytes = 768ull << 20;  // the SQLite collection, uncompressed
    std::uint64_t mediaFileBytes = 100ull << 20;   // one media file (AnkiWeb's own limit)
    std::uint64_t mediaMapBytes = 64ull << 20;     // the media map, uncompressed
    std::size_t mediaFiles = 200000;
};

/// An open package: the collection read, the media waiting in the archive.
class AnkiPackage {
public:
    ~AnkiPackage();
    AnkiPackage(const AnkiPackage&) = delete;
    AnkiPackage& operator=(const AnkiPackage&) = delete;

    const AnkiCollection& collection() const { return m_collection; }
    /// True when the package holds a media file of this name.
    bool hasMedia(const std::string& name) const { return m_mediaMembers.count(name) != 0; }
    /// The media file's bytes; nullopt with `error` set when it cannot be read or is too big.
    std::optional<std::string> readMedia(const std::string& name, std::string& error) const;

    struct Archive;

private:
    friend struct AnkiPackageReader;
    AnkiPackage() = default;
    std::unique_ptr<Archive> m_archive;
    AnkiCollection m_collection;
    std::map<std::string, std::uint64_t> m_mediaMembers;  // media name -> archive member index
    AnkiReadOptions m_options;
};

struct AnkiPackageResult {
    std::unique_ptr<AnkiPackage> package;  // empty on error
    std::string error;                     // what is wrong, as the end of "FILE: error: ..."
};

/// Says what the reader is doing, for long imports ("reading the collection (40 MB)").
using AnkiProgress = std::function<void(const std::string& step)>;

/// Opens a package file and reads its collection.
AnkiPackageResult openAnkiPackage(const std::filesystem::path& file, const AnkiReadOptions& options = {},
                                  const AnkiProgress& progress = {});
/// The same for a package in memory (`bytes` must outlive the package).
AnkiPackageResult openAnkiPackage(std::string_view bytes, const AnkiReadOptions& options = {},
                                  const AnkiProgress& progress = {});

/// True when `name` may be a media file name: one plain path component, not "." or "..", no
/// control characters, no '/', '\\' or drive letter, at most 255 bytes of valid UTF-8.
bool isSafeMediaName(std::string_view name);

}  // namespace attune::model
