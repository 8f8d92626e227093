// The package reader: the zip archive (libzip), zstd streams (libzstd), the collection as an
// SQLite database opened from memory (no temporary file), and its JSON or protobuf metadata.
#include "anki/Protobuf.hpp"

#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/core/Utf8.hpp>

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace attune::model {

struct AnkiPackage::Archive {
    zip_t* zip = nullptr;
    ~Archive() {
        if (zip != nullptr) zip_discard(zip);
    }
};

namespace {

using Json = nlohmann::json;

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

std::string sizeText(std::uint64_t bytes) {
    if (bytes >= (1ull << 30)) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / 1e9);
        return text;
    }
    return megabytes(bytes);
}

bool isZstd(std::string_view data) { return data.size() >= 4 && data.substr(0, 4) == "\x28\xB5\x2F\xFD"; }

/// Decodes every zstd frame of `data` (frames may not say their size); false with `error` when
/// the stream is broken or would grow over `cap` bytes.
bool zstdDecode(std::string_view data, std::uint64_t cap, std::string& out, std::string& error) {
    ZSTD_DCtx* context = ZSTD_createDCtx();
    if (context == nullptr) {
        error = "out of memory";
        return false;
    }
    ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, 27);  // at most a 128 MiB window
    out.clear();
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    std::size_t last = 1;
    bool ok = true;
    while (in.pos < in.size || last != 0) {
        const std::size_t chunk = std::min<std::uint64_t>(std::max<std::size_t>(out.size(), 1u << 16), cap + 1 - out.size());
        const std::size_t before = out.size();
        out.resize(before + chunk);
        ZSTD_outBuffer o{out.data() + before, chunk, 0};
        const std::size_t inBefore = in.pos;
        last = ZSTD_decompressStream(context, &o, &in);
        out.resize(before + o.pos);
        if (ZSTD_isError(last)) {
            error = std::string("is not a valid zstd stream (") + ZSTD_getErrorName(last) + ")";
            ok = false;
            break;
        }
        if (in.pos == in.size && last != 0 && o.pos == 0 && in.pos == inBefore) {
            error = "is truncated (the zstd stream ends early)";
            ok = false;
            break;
        }
        if (out.size() > cap) {
            error = "expands to more than " + sizeText(cap);
            ok = false;
            break;
        }
    }
    ZSTD_freeDCtx(context);
    if (!ok) out.clear();
    return ok;
}

/// Registered for the `COLLATE unicase` columns of newer collections, which plain SQLite does
/// not know: ASCII case folding is enough for reading.
int unicaseCompare(void*, int leftSize, const void* left, int rightSize, const void* right) {
    const auto* a = static_cast<const unsigned char*>(left);
    const auto* b = static_cast<const unsigned char*>(right);
    const int n = std::min(leftSize, rightSize);
    for (int i = 0; i < n; ++i) {
        const int x = std::tolower(a[i]);
        const int y = std::tolower(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return leftSize == rightSize ? 0 : (leftSize < rightSize ? -1 : 1);
}

std::string textColumn(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    const int size = sqlite3_column_bytes(statement, column);
    return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

class Database {
public:
    ~Database() {
        if (m_db != nullptr) sqlite3_close(m_db);
    }
    /// Opens `bytes` (kept alive by the caller) read-only in memory.
    bool open(std::string& bytes, std::string& error) {
        if (bytes.size() < 100 || std::memcmp(bytes.data(), "SQLite format 3", 16) != 0) {
            error = "the collection is not an SQLite database";
            return false;
        }
        // A collection saved in WAL mode: the in-memory database has no WAL, read it as a
        // rollback-journal file instead (the header's read/write version bytes).
        if (bytes[18] == 2) bytes[18] = 1;
        if (bytes[19] == 2) bytes[19] = 1;
        if (sqlite3_open_v2(":memory:", &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            error = "cannot open an in-memory database";
            return false;
        }
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_create_collation(m_db, "unicase", SQLITE_UTF8, nullptr, unicaseCompare);
        const int rc = sqlite3_deserialize(m_db, "main", reinterpret_cast<unsigned char*>(bytes.data()),
                                           static_cast<sqlite3_int64>(bytes.size()), static_cast<sqlite3_int64>(bytes.size()),
                                           SQLITE_DESERIALIZE_READONLY);
        if (rc != SQLITE_OK) return fail(error);
        // A damaged page may sit where no query of ours would notice it: check them all once.
        std::string verdict;
        if (!query("PRAGMA quick_check(1)", error, [&](sqlite3_stmt* s) { verdict = textColumn(s, 0); })) return false;
        if (verdict != "ok") {
            error = "the collection database is damaged (" + verdict.substr(0, 200) + ")";
            return false;
        }
        return true;
    }
    bool fail(std::string& error) const {
        error = std::string("the collection database is damaged (") + sqlite3_errmsg(m_db) + ")";
        return false;
    }
    bool hasTable(const char* name) {
        bool found = false;
        std::string ignored;
        query(std::string("SELECT 1 FROM sqlite_master WHERE type='table' AND name='") + name + "'", ignored,
              [&](sqlite3_stmt*) { found = true; });
        return found;  // the schema read once already in quick_check: an error here is a missing table
    }
    /// Runs `sql`, calling onRow per row; false with `error` on any SQLite error.
    template <class OnRow>
    bool query(const std::string& sql, std::string& error, OnRow&& onRow) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return fail(error);
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) onRow(statement);
        sqlite3_finalize(statement);
        if (rc != SQLITE_DONE) return fail(error);
        return true;
    }

private:
    sqlite3* m_db = nullptr;
};

std::string_view blobColumn(sqlite3_stmt* statement, int column) {
    const void* blob = sqlite3_column_blob(statement, column);
    const int size = sqlite3_column_bytes(statement, column);
    return blob == nullptr ? std::string_view() : std::string_view(static_cast<const char*>(blob), static_cast<std::size_t>(size));
}

std::vector<std::string> splitFields(std::string_view joined) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = joined.find('\x1f', start);
        fields.emplace_back(joined.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return fields;
}

std::optional<std::int64_t> parseInteger(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

const Json* member(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

std::string stringMember(const Json& object, const char* key) {
    const Json* value = member(object, key);
    return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

std::int64_t integerMember(const Json& object, const char* key) {
    const Json* value = member(object, key);
    if (value == nullptr) return 0;
    if (value->is_number_integer()) return value->get<std::int64_t>();
    if (value->is_string()) return parseInteger(value->get<std::string>()).value_or(0);
    return 0;
}

}  // namespace

struct AnkiPackageReader {
    AnkiReadOptions options;
    AnkiProgress progress;
    std::unique_ptr<AnkiPackage> package;
    std::string error;

    AnkiPackageReader(const AnkiReadOptions& readOptions, const AnkiProgress& onProgress)
        : options(readOptions), progress(onProgress), package(new AnkiPackage) {
        package->m_options = readOptions;
        package->m_archive = std::make_unique<AnkiPackage::Archive>();
    }

    zip_t*& archive() { return package->m_archive->zip; }

    zip_t* zip() const { return package->m_archive->zip; }

    void say(const std::string& step) const {
        if (progress) progress(step);
    }

    std::optional<std::uint64_t> locate(const char* name) const {
        const zip_int64_t index = zip_name_locate(zip(), name, 0);
        if (index < 0) return std::nullopt;
        return static_cast<std::uint64_t>(index);
    }

    /// A member's bytes, refusing any that declares or expands to more than `cap`.
    static bool readMember(zip_t* archive, std::uint64_t index, std::uint64_t cap, const std::string& what,
                           std::string& out, std::string& error) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive, index, 0, &stat) != 0) {
            error = what + " cannot be read (" + zip_strerror(archive) + ")";
            return false;
        }
        if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > cap) {
            error = what + " is " + sizeText(stat.size) + ", over the limit of " + sizeText(cap);
            return false;
        }
        zip_file_t* file = zip_fopen_index(archive, index, 0);
        if (file == nullptr) {
            error = what + " cannot be read (" + zip_strerror(archive) + ")";
            return false;
        }
        out.clear();
        out.reserve((stat.valid & ZIP_STAT_SIZE) != 0 ? static_cast<std::size_t>(stat.size) : 0);
        char buffer[1 << 16];
        bool ok = true;
        for (;;) {
            const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
            if (n < 0) {
                error = what + " is damaged or truncated (" + zip_file_strerror(file) + ")";
                ok = false;
                break;
            }
            if (n == 0) break;
            if (out.size() + static_cast<std::uint64_t>(n) > cap) {
                error = what + " expands to more than " + sizeText(cap);
                ok = false;
                break;
            }
            out.append(buffer, static_cast<std::size_t>(n));
        }
        zip_fclose(file);
        if (!ok) out.clear();
        return ok;
    }

    bool fail(std::string message) {
        error = std::move(message);
        return false;
    }

    bool read() {
        const zip_int64_t members = zip_get_num_entries(zip(), 0);
        if (members < 0) return fail("the zip archive cannot be read");
        AnkiGeneration generation = AnkiGeneration::Legacy1;
        const char* collectionName = nullptr;
        if (const auto meta = locate("meta")) {
            std::string bytes;
            if (!readMember(zip(), *meta, 1024, "the package's version (meta)", bytes, error)) return false;
            std::uint64_t version = 0;
            const bool wellFormed = protobuf::walk(bytes, [&](const protobuf::Field& f) {
                if (f.number == 1 && f.wire == protobuf::Wire::Varint) version = f.value;
            });
            if (!wellFormed) return fail("the package's version (meta) is damaged");
            if (version == 1) {
                collectionName = "collection.anki2";
            } else if (version == 2) {
                generation = AnkiGeneration::Legacy2;
                collectionName = "collection.anki21";
            } else if (version == 3) {
                generation = AnkiGeneration::Latest;
                collectionName = "collection.anki21b";
            } else {
                return fail("the package was made by a newer Anki than this importer knows (package version " +
                            std::to_string(version) + ")");
            }
        } else if (locate("collection.anki21")) {
            generation = AnkiGeneration::Legacy2;
            collectionName = "collection.anki21";
        } else if (locate("collection.anki2")) {
            collectionName = "collection.anki2";
        } else {
            return fail(locate("collection.anki21b")
                            ? "the package's version (meta) is missing"
                            : "this zip archive is not an Anki package: it holds no collection (collection.anki2, .anki21 or .anki21b)");
        }
        package->m_collection.generation = generation;
        const auto collectionIndex = locate(collectionName);
        if (!collectionIndex) return fail(std::string("the package has no ") + collectionName);

        std::string collectionBytes;
        {
            zip_stat_t stat;
            zip_stat_init(&stat);
            if (zip_stat_index(zip(), *collectionIndex, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0) {
                say(std::string("reading the collection (") + megabytes(stat.size) + ")");
            }
            std::string raw;
            if (!readMember(zip(), *collectionIndex, options.collectionBytes, std::string("the collection (") + collectionName + ")",
                            raw, error)) {
                return false;
            }
            if (isZstd(raw)) {
                std::string why;
                if (!zstdDecode(raw, options.collectionBytes, collectionBytes, why)) {
                    return fail(std::string("the collection (") + collectionName + ") " + why);
                }
            } else if (generation == AnkiGeneration::Latest) {
                return fail("the collection (collection.anki21b) is not zstd-compressed");
            } else {
                collectionBytes = std::move(raw);
            }
        }
        if (!readMediaMap(generation)) return false;

        Database db;
        if (!db.open(collectionBytes, error)) return false;
        if (!readCollection(db)) return false;
        return true;
    }

    bool addMedia(const std::string& name, const std::string& member) {
        if (!isSafeMediaName(name)) {
            std::string shown;
            for (const char c : name) shown += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
            return fail("the media map names '" + shown + "', which is not a plain file name (no folders, no '..')");
        }
        if (package->m_mediaMembers.size() >= options.mediaFiles) {
            return fail("the package holds more than " + std::to_string(options.mediaFiles) + " media files");
        }
        const auto index = locate(member.c_str());
        if (index) package->m_mediaMembers.emplace(name, *index);
        return true;
    }

    bool readMediaMap(AnkiGeneration generation) {
        const auto index = locate("media");
        if (!index) return true;  // older AnkiDroid packages have none: no media
        std::string raw;
        if (!readMember(zip(), *index, options.mediaMapBytes, "the media map", raw, error)) return false;
        if (generation == AnkiGeneration::Latest || isZstd(raw)) {
            std::string decoded;
            std::string why;
            if (!zstdDecode(raw, options.mediaMapBytes, decoded, why)) return fail("the media map " + why);
            std::vector<std::string> names;
            bool entriesOk = true;
            const bool ok = protobuf::walk(decoded, [&](const protobuf::Field& entry) {
                if (entry.number != 1 || entry.wire != protobuf::Wire::Bytes) return;
                std::string name;
                entriesOk = entriesOk && protobuf::walk(entry.bytes, [&](const protobuf::Field& f) {
                                if (f.number == 1 && f.wire == protobuf::Wire::Bytes) name = std::string(f.bytes);
                            });
                names.push_back(std::move(name));
            });
            if (!ok || !entriesOk) return fail("the media map is damaged");
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (!addMedia(names[i], std::to_string(i))) return false;
            }
            return true;
        }
        const Json map = Json::parse(raw, nullptr, false);
        if (map.is_discarded() || !map.is_object()) return fail("the media map is not a JSON object");
        for (const auto& [key, value] : map.items()) {
            if (!value.is_string()) return fail("the media map is damaged (entry '" + key + "' is not a file name)");
            if (!addMedia(value.get<std::string>(), key)) return false;
        }
        return true;
    }

    bool readCollection(Database& db) {
        AnkiCollection& c = package->m_collection;
        if (!db.hasTable("notes") || !db.hasTable("cards") || !db.hasTable("col")) {
            return fail("the collection is not an Anki collection (no notes, cards or col table)");
        }
        const bool split = db.hasTable("notetypes") && db.hasTable("fields") && db.hasTable("templates") && db.hasTable("decks");
        if (split ? !readSplitMetadata(db) : !readJsonMetadata(db)) return false;

        say("reading the notes");
        if (!db.query("SELECT id, guid, mid, flds, tags FROM notes ORDER BY id", error, [&](sqlite3_stmt* s) {
                AnkiNote note;
                note.id = sqlite3_column_int64(s, 0);
                note.guid = textColumn(s, 1);
                note.notetypeId = sqlite3_column_int64(s, 2);
                note.fields = splitFields(textColumn(s, 3));
                note.tags = textColumn(s, 4);
                c.notes.push_back(std::move(note));
            })) {
            return false;
        }
        if (!db.query("SELECT id, nid, did, ord FROM cards ORDER BY nid, ord, id", error, [&](sqlite3_stmt* s) {
                AnkiCard card;
                card.id = sqlite3_column_int64(s, 0);
                card.noteId = sqlite3_column_int64(s, 1);
                card.deckId = sqlite3_column_int64(s, 2);
                card.ord = sqlite3_column_int(s, 3);
                c.cards.push_back(card);
            })) {
            return false;
        }
        if (options.reviews && db.hasTable("revlog")) {
            say("reading the review log");
            if (!db.query("SELECT id, cid, ease, type, factor, time FROM revlog ORDER BY id", error, [&](sqlite3_stmt* s) {
                    AnkiReview r;
                    r.id = sqlite3_column_int64(s, 0);
                    r.cardId = sqlite3_column_int64(s, 1);
                    r.ease = sqlite3_column_int(s, 2);
                    r.type = sqlite3_column_int(s, 3);
                    r.factor = sqlite3_column_int64(s, 4);
                    r.timeMs = sqlite3_column_int64(s, 5);
                    c.reviews.push_back(r);
                })) {
                return false;
            }
        }
        return true;
    }

    // Schema 11: note types and decks are JSON in the col row.
    bool readJsonMetadata(Database& db) {
        std::string models;
        std::string decks;
        bool found = false;
        if (!db.query("SELECT models, decks FROM col LIMIT 1", error, [&](sqlite3_stmt* s) {
                models = textColumn(s, 0);
                decks = textColumn(s, 1);
                found = true;
            })) {
            return false;
        }
        if (!found) return fail("the collection has no col row");
        const Json modelJson = Json::parse(models, nullptr, false);
        const Json deckJson = Json::parse(decks, nullptr, false);
        if (modelJson.is_discarded() || !modelJson.is_object()) return fail("the collection's note types (col.models) are not a JSON object");
        if (deckJson.is_discarded() || !deckJson.is_object()) return fail("the collection's decks (col.decks) are not a JSON object");
        AnkiCollection& c = package->m_collection;
        for (const auto& [key, model] : modelJson.items()) {
            if (!model.is_object()) continue;
            AnkiNotetype type;
            type.id = parseInteger(key).value_or(integerMember(model, "id"));
            type.name = stringMember(model, "name");
            type.cloze = integerMember(model, "type") == 1;
            if (const Json* fields = member(model, "flds"); fields != nullptr && fields->is_array()) {
                for (const auto& field : *fields) type.fields.push_back(stringMember(field, "name"));
            }
            if (const Json* templates = member(model, "tmpls"); templates != nullptr && templates->is_array()) {
                for (const auto& t : *templates) type.templates.push_back({stringMember(t, "qfmt"), stringMember(t, "afmt")});
            }
            c.notetypes[type.id] = std::move(type);
        }
        for (const auto& [key, deck] : deckJson.items()) {
            const auto id = parseInteger(key);
            if (id) c.decks[*id] = stringMember(deck, "name");
        }
        return true;
    }

    // Schema 15 and later: tables, with protobuf blobs for what is not a name.
    bool readSplitMetadata(Database& db) {
        AnkiCollection& c = package->m_collection;
        bool wellFormed = true;
        if (!db.query("SELECT id, name, config FROM notetypes", error, [&](sqlite3_stmt* s) {
                AnkiNotetype type;
                type.id = sqlite3_column_int64(s, 0);
                type.name = textColumn(s, 1);
                wellFormed = wellFormed && protobuf::walk(blobColumn(s, 2), [&](const protobuf::Field& f) {
                                 if (f.number == 1 && f.wire == protobuf::Wire::Varint) type.cloze = f.value == 1;
                             });
                c.notetypes[type.id] = std::move(type);
            })) {
            return false;
        }
        if (!db.query("SELECT ntid, name FROM fields ORDER BY ntid, ord", error, [&](sqlite3_stmt* s) {
                const auto it = c.notetypes.find(sqlite3_column_int64(s, 0));
                if (it != c.notetypes.end()) it->second.fields.push_back(textColumn(s, 1));
            })) {
            return false;
        }
        if (!db.query("SELECT ntid, config FROM templates ORDER BY ntid, ord", error, [&](sqlite3_stmt* s) {
                const auto it = c.notetypes.find(sqlite3_column_int64(s, 0));
                if (it == c.notetypes.end()) return;
                AnkiNotetype::Template t;
                wellFormed = wellFormed && protobuf::walk(blobColumn(s, 1), [&](const protobuf::Field& f) {
                                 if (f.wire != protobuf::Wire::Bytes) return;
                                 if (f.number == 1) t.question = std::string(f.bytes);
                                 if (f.number == 2) t.answer = std::string(f.bytes);
                             });
                it->second.templates.push_back(std::move(t));
            })) {
            return false;
        }
        if (!db.query("SELECT id, name FROM decks", error, [&](sqlite3_stmt* s) {
                std::string name = textColumn(s, 1);
                std::string joined;
                for (const char ch : name) {
                    if (ch == '\x1f') {
                        joined += "::";
                    } else {
                        joined += ch;
                    }
                }
                c.decks[sqlite3_column_int64(s, 0)] = std::move(joined);
            })) {
            return false;
        }
        if (!wellFormed) return fail("the collection's note types are damaged (a protobuf blob does not read)");
        return true;
    }
};

AnkiPackage::~AnkiPackage() = default;

std::optional<std::string> AnkiPackage::readMedia(const std::string& name, std::string& error) const {
    const auto it = m_mediaMembers.find(name);
    if (it == m_mediaMembers.end()) {
        error = "the package has no media file '" + name + "'";
        return std::nullopt;
    }
    std::string raw;
    if (!AnkiPackageReader::readMember(m_archive->zip, it->second, m_options.mediaFileBytes, "media file '" + name + "'", raw, error)) {
        return std::nullopt;
    }
    if (m_collection.generation != AnkiGeneration::Latest) return raw;
    std::string decoded;
    std::string why;
    if (!zstdDecode(raw, m_options.mediaFileBytes, decoded, why)) {
        error = "media file '" + name + "' " + why;
        return std::nullopt;
    }
    return decoded;
}

namespace {

AnkiPackageResult finish(AnkiPackageReader& reader) {
    AnkiPackageResult result;
    bool ok = false;
    try {
        ok = reader.read();
    } catch (const std::bad_alloc&) {
        reader.error = "the package is too big to read in memory";
    } catch (const std::exception& e) {
        reader.error = std::string("the package is damaged (") + e.what() + ")";
    }
    if (ok) {
        result.package = std::move(reader.package);
    } else {
        result.error = reader.error;
    }
    return result;
}

std::string zipOpenError(int code) {
    switch (code) {
        case ZIP_ER_NOZIP: return "not a zip archive, so not an Anki package (.apkg or .colpkg)";
        case ZIP_ER_INCONS: return "the zip archive is damaged or truncated (an incomplete download?)";
        case ZIP_ER_OPEN: return "cannot open the file";
        case ZIP_ER_NOENT: return "no such file";
        case ZIP_ER_READ: return "cannot read the file";
        case ZIP_ER_MEMORY: return "out of memory";
        default: {
            zip_error_t error;
            zip_error_init_with_code(&error, code);
            std::string text = std::string("the zip archive cannot be read (") + zip_error_strerror(&error) + ")";
            zip_error_fini(&error);
            return text;
        }
    }
}

}  // namespace

AnkiPackageResult openAnkiPackage(const std::filesystem::path& file, const AnkiReadOptions& options, const AnkiProgress& progress) {
    AnkiPackageReader reader(options, progress);
    int code = 0;
    reader.archive() = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (reader.archive() == nullptr) return {nullptr, zipOpenError(code)};
    return finish(reader);
}

AnkiPackageResult openAnkiPackage(std::string_view bytes, const AnkiReadOptions& options, const AnkiProgress& progress) {
    AnkiPackageReader reader(options, progress);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        zip_error_fini(&error);
        return {nullptr, "out of memory"};
    }
    reader.archive() = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (reader.archive() == nullptr) {
        const int code = zip_error_code_zip(&error);
        zip_source_free(source);
        zip_error_fini(&error);
        return {nullptr, zipOpenError(code)};
    }
    zip_error_fini(&error);
    return finish(reader);
}

bool isSafeMediaName(std::string_view name) {
    if (name.empty() || name.size() > 255 || name == "." || name == "..") return false;
    if (firstInvalidUtf8(name)) return false;
    if (name.find_first_of("/\\") != std::string_view::npos) return false;
    if (name.size() >= 2 && name[1] == ':') return false;
    return std::none_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

}  // namespace attune::model
