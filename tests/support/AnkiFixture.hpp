// Builds Anki packages for tests and benchmarks, with Anki's own schemas: schema 11 (the legacy
// generations: collection.anki2 / collection.anki21, JSON note types and decks in the col row,
// a JSON media map, raw media) and schema 18 (collection.anki21b: note types, fields, templates
// and decks in tables with protobuf blobs, everything zstd-compressed, a protobuf media map).
// The stock note types carry Anki's real templates.
#pragma once

#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace attune::testing {

enum class AnkiFormat { Legacy1, Legacy2, Latest };

struct FixtureNotetype {
    std::int64_t id = 0;
    std::string name;
    bool cloze = false;
    std::vector<std::string> fields;
    std::vector<std::pair<std::string, std::string>> templates;  // question, answer
};

struct FixtureNote {
    std::int64_t id = 0;
    std::string guid;
    std::int64_t notetype = 0;
    std::vector<std::string> fields;
    std::string tags;  // " a b "
};

struct FixtureCard {
    std::int64_t id = 0;
    std::int64_t note = 0;
    std::int64_t deck = 1;
    int ord = 0;
};

struct FixtureReview {
    std::int64_t id = 0;  // epoch ms
    std::int64_t card = 0;
    int ease = 3;
    int type = 1;
    std::int64_t factor = 2500;
    std::int64_t timeMs = 5000;
};

inline FixtureNotetype stockBasic(std::int64_t id = 1001) {
    return {id, "Basic", false, {"Front", "Back"}, {{"{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"}}};
}
inline FixtureNotetype stockReversed(std::int64_t id = 1002) {
    return {id, "Basic (and reversed card)", false, {"Front", "Back"},
            {{"{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"}, {"{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"}}};
}
inline FixtureNotetype stockOptionalReversed(std::int64_t id = 1003) {
    return {id, "Basic (optional reversed card)", false, {"Front", "Back", "Add Reverse"},
            {{"{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"},
             {"{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"}}};
}
inline FixtureNotetype stockTyping(std::int64_t id = 1004) {
    return {id, "Basic (type in the answer)", false, {"Front", "Back"},
            {{"{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}"}}};
}
inline FixtureNotetype stockCloze(std::int64_t id = 1005) {
    return {id, "Cloze", true, {"Text", "Back Extra"}, {{"{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}"}}};
}

struct FixtureCollection {
    std::map<std::int64_t, FixtureNotetype> notetypes;
    std::map<std::int64_t, std::string> decks{{1, "Default"}};  // id -> "A::B"
    std::vector<FixtureNote> notes;
    std::vector<FixtureCard> cards;
    std::vector<FixtureReview> reviews;
    std::vector<std::pair<std::string, std::string>> media;  // name, bytes
    std::int64_t nextId = 1700000000000;

    /// Adds a note and the cards Anki would make for it (one per template, or per cloze number
    /// for cloze types: the numbers are given). Returns the note id.
    std::int64_t addNote(const FixtureNotetype& type, std::vector<std::string> fields, std::int64_t deck = 1,
                         std::string guid = {}, std::vector<int> clozeNumbers = {1}, std::string tags = {}) {
        notetypes[type.id] = type;
        const std::int64_t id = nextId++;
        notes.push_back({id, guid.empty() ? "g" + std::to_string(id) : guid, type.id, std::move(fields), std::move(tags)});
        if (type.cloze) {
            for (const int n : clozeNumbers) cards.push_back({nextId++, id, deck, n - 1});
        } else {
            for (std::size_t t = 0; t < type.templates.size(); ++t) {
                if (type.name == "Basic (optional reversed card)" && t == 1 && notes.back().fields[2].empty()) continue;
                cards.push_back({nextId++, id, deck, static_cast<int>(t)});
            }
        }
        return id;
    }
};

namespace anki_fixture {

inline void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
    }
}

inline void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message != nullptr ? message : "?";
        sqlite3_free(message);
        throw std::runtime_error(sql.substr(0, 60) + ": " + text);
    }
}

// Binds each argument in turn (int64 or text or blob via std::string) and runs one statement.
struct Statement {
    sqlite3* db;
    sqlite3_stmt* s = nullptr;
    Statement(sqlite3* database, const std::string& sql) : db(database) { check(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), db, "prepare"); }
    ~Statement() { sqlite3_finalize(s); }
    int index = 0;
    Statement& bind(std::int64_t v) {
        check(sqlite3_bind_int64(s, ++index, v), db, "bind");
        return *this;
    }
    Statement& text(const std::string& v) {
        check(sqlite3_bind_text(s, ++index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), db, "bind");
        return *this;
    }
    Statement& blob(const std::string& v) {
        check(sqlite3_bind_blob(s, ++index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), db, "bind");
        return *this;
    }
    void run() {
        check(sqlite3_step(s), db, "step");
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        index = 0;
    }
};

inline std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// Protobuf wire format, written.
inline void varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}
inline void pbVarint(std::string& out, std::uint32_t field, std::uint64_t v) {
    varint(out, (std::uint64_t{field} << 3) | 0);
    varint(out, v);
}
inline void pbBytes(std::string& out, std::uint32_t field, const std::string& bytes) {
    varint(out, (std::uint64_t{field} << 3) | 2);
    varint(out, bytes.size());
    out += bytes;
}

inline std::string zstdCompress(const std::string& data) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    const std::size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
    if (ZSTD_isError(n)) throw std::runtime_error("zstd");
    out.resize(n);
    return out;
}

inline int unicase(void*, int n1, const void* a, int n2, const void* b) {
    const int r = sqlite3_strnicmp(static_cast<const char*>(a), static_cast<const char*>(b), n1 < n2 ? n1 : n2);
    return r != 0 ? r : n1 - n2;
}

constexpr const char* kSchema11 = R"SQL(
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
)SQL";

// What schema 18 adds, and the col row it leaves empty.
constexpr const char* kSchema18 = R"SQL(
CREATE TABLE deck_config (id integer primary key not null, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, config blob not null);
CREATE TABLE config (KEY text not null primary key, usn integer not null, mtime_secs integer not null, val blob not null) without rowid;
CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null collate unicase,
  config blob not null, primary key (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (ntid integer not null, ord integer not null, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, config blob not null, primary key (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE TABLE notetypes (id integer not null primary key, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, config blob not null);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE TABLE decks (id integer primary key not null, name text not null collate unicase,
  mtime_secs integer not null, usn integer not null, common blob not null, kind blob not null);
CREATE UNIQUE INDEX idx_decks_name ON decks (name);
CREATE TABLE tags (tag text not null primary key collate unicase, usn integer not null, collapsed boolean not null,
  config blob null) without rowid;
)SQL";

inline std::string collectionDatabase(const FixtureCollection& c, bool latest) {
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    sqlite3_create_collation(db, "unicase", SQLITE_UTF8, nullptr, unicase);
    exec(db, "PRAGMA page_size = 1024");  // small fixtures (Anki itself uses 4096)
    exec(db, kSchema11);
    if (latest) exec(db, kSchema18);
    exec(db, "BEGIN");
    std::string models = "{";
    for (const auto& [id, t] : c.notetypes) {
        if (models.size() > 1) models += ",";
        models += "\"" + std::to_string(id) + "\":{\"id\":" + std::to_string(id) + ",\"name\":" + jsonString(t.name) +
                  ",\"type\":" + (t.cloze ? "1" : "0") + ",\"mod\":0,\"usn\":0,\"sortf\":0,\"did\":1,\"css\":\"\",\"flds\":[";
        for (std::size_t i = 0; i < t.fields.size(); ++i) {
            models += (i ? "," : "") + std::string("{\"name\":") + jsonString(t.fields[i]) + ",\"ord\":" + std::to_string(i) +
                      ",\"sticky\":false,\"rtl\":false,\"font\":\"Arial\",\"size\":20}";
        }
        models += "],\"tmpls\":[";
        for (std::size_t i = 0; i < t.templates.size(); ++i) {
            models += (i ? "," : "") + std::string("{\"name\":\"Card ") + std::to_string(i + 1) + "\",\"ord\":" + std::to_string(i) +
                      ",\"qfmt\":" + jsonString(t.templates[i].first) + ",\"afmt\":" + jsonString(t.templates[i].second) +
                      ",\"bqfmt\":\"\",\"bafmt\":\"\",\"did\":null}";
        }
        models += "]}";
    }
    models += "}";
    std::string decks = "{";
    for (const auto& [id, name] : c.decks) {
        if (decks.size() > 1) decks += ",";
        decks += "\"" + std::to_string(id) + "\":{\"id\":" + std::to_string(id) + ",\"name\":" + jsonString(name) +
                 ",\"usn\":0,\"collapsed\":false,\"dyn\":0,\"conf\":1,\"newToday\":[0,0],\"revToday\":[0,0],"
                 "\"lrnToday\":[0,0],\"timeToday\":[0,0]}";
    }
    decks += "}";
    Statement col(db, "INSERT INTO col VALUES (1, 1700000000, 0, 0, ?, 0, 0, 0, ?, ?, ?, ?, '{}')");
    col.bind(latest ? 18 : 11).text(latest ? "" : "{\"schedVer\":2}").text(latest ? "" : models).text(latest ? "" : decks)
        .text(latest ? "" : "{}").run();
    if (latest) {
        Statement notetype(db, "INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)");
        Statement field(db, "INSERT INTO fields VALUES (?, ?, ?, ?)");
        Statement templ(db, "INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)");
        for (const auto& [id, t] : c.notetypes) {
            std::string config;
            if (t.cloze) pbVarint(config, 1, 1);
            pbBytes(config, 3, ".card { color: black; }");
            notetype.bind(id).text(t.name).blob(config).run();
            for (std::size_t i = 0; i < t.fields.size(); ++i) {
                std::string fieldConfig;
                pbBytes(fieldConfig, 3, "Arial");
                pbVarint(fieldConfig, 4, 20);
                field.bind(id).bind(static_cast<std::int64_t>(i)).text(t.fields[i]).blob(fieldConfig).run();
            }
            for (std::size_t i = 0; i < t.templates.size(); ++i) {
                std::string templateConfig;
                pbBytes(templateConfig, 1, t.templates[i].first);
                pbBytes(templateConfig, 2, t.templates[i].second);
                templ.bind(id).bind(static_cast<std::int64_t>(i)).text("Card " + std::to_string(i + 1)).blob(templateConfig).run();
            }
        }
        Statement deck(db, "INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)");
        for (const auto& [id, name] : c.decks) {
            std::string stored;
            for (std::size_t i = 0; i < name.size(); ++i) {
                if (name.compare(i, 2, "::") == 0) {
                    stored += '\x1f';
                    ++i;
                } else {
                    stored += name[i];
                }
            }
            std::string kind;
            std::string normal;
            pbVarint(normal, 1, 1);
            pbBytes(kind, 1, normal);
            deck.bind(id).text(stored).blob("").blob(kind).run();
        }
    }
    Statement note(db, "INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, '')");
    for (const FixtureNote& n : c.notes) {
        std::string joined;
        for (std::size_t i = 0; i < n.fields.size(); ++i) joined += (i ? "\x1f" : "") + n.fields[i];
        note.bind(n.id).text(n.guid).bind(n.notetype).text(n.tags).text(joined).text(n.fields.empty() ? "" : n.fields[0]).run();
    }
    Statement card(db, "INSERT INTO cards VALUES (?, ?, ?, ?, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')");
    for (const FixtureCard& k : c.cards) card.bind(k.id).bind(k.note).bind(k.deck).bind(k.ord).run();
    Statement review(db, "INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, ?, ?, ?)");
    for (const FixtureReview& r : c.reviews) review.bind(r.id).bind(r.card).bind(r.ease).bind(r.factor).bind(r.timeMs).bind(r.type).run();
    exec(db, "COMMIT");
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
    sqlite3_free(bytes);
    sqlite3_close_v2(db);  // closes once the statements above are finalized
    if (latest) {
        out[18] = 2;  // Anki leaves its collections in WAL mode
        out[19] = 2;
    }
    return out;
}

}  // namespace anki_fixture

/// A zip archive of the members, in order (Stored, or Deflated when `deflate`).
inline std::string zipArchive(const std::vector<std::pair<std::string, std::string>>& members, bool deflate = false) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* zip = zip_open_from_source(source, ZIP_TRUNCATE, &error);
    if (zip == nullptr) throw std::runtime_error("zip_open_from_source");
    zip_source_keep(source);
    for (const auto& [name, bytes] : members) {
        zip_source_t* member = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
        const zip_int64_t index = zip_file_add(zip, name.c_str(), member, ZIP_FL_ENC_UTF_8);
        if (index < 0) throw std::runtime_error("zip_file_add");
        zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    if (zip_close(zip) != 0) throw std::runtime_error("zip_close");
    zip_source_open(source);
    zip_source_seek(source, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(source);
    zip_source_seek(source, 0, SEEK_SET);
    std::string out(static_cast<std::size_t>(size), '\0');
    zip_source_read(source, out.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(source);
    zip_source_free(source);
    zip_error_fini(&error);
    return out;
}

/// The package's zip members, in Anki's order.
inline std::vector<std::pair<std::string, std::string>> ankiPackageMembers(const FixtureCollection& c, AnkiFormat format) {
    using namespace anki_fixture;
    std::vector<std::pair<std::string, std::string>> members;
    const bool latest = format == AnkiFormat::Latest;
    if (format != AnkiFormat::Legacy1) members.emplace_back("meta", std::string("\x08") + (latest ? "\x03" : "\x02"));
    const std::string database = collectionDatabase(c, latest);
    if (latest) {
        members.emplace_back("collection.anki21b", zstdCompress(database));
    } else if (format == AnkiFormat::Legacy2) {
        members.emplace_back("collection.anki21", database);
    } else {
        members.emplace_back("collection.anki2", database);
    }
    if (format != AnkiFormat::Legacy1) {
        FixtureCollection dummy;
        dummy.addNote(stockBasic(), {"Please update to the latest Anki version, then import the .colpkg/.apkg file again.", ""});
        members.emplace_back("collection.anki2", collectionDatabase(dummy, false));
    }
    std::string map = latest ? std::string() : std::string("{");
    for (std::size_t i = 0; i < c.media.size(); ++i) {
        const auto& [name, bytes] = c.media[i];
        members.emplace_back(std::to_string(i), latest ? zstdCompress(bytes) : bytes);
        if (latest) {
            std::string entry;
            pbBytes(entry, 1, name);
            pbVarint(entry, 2, bytes.size());
            pbBytes(entry, 3, std::string(20, '\x11'));
            pbBytes(map, 1, entry);
        } else {
            map += (i ? "," : "") + std::string("\"") + std::to_string(i) + "\":" + jsonString(name);
        }
    }
    if (!latest) map += "}";
    members.emplace_back("media", latest ? zstdCompress(map) : map);
    return members;
}

inline std::string ankiPackage(const FixtureCollection& c, AnkiFormat format) {
    return zipArchive(ankiPackageMembers(c, format), format == AnkiFormat::Legacy2);
}

}  // namespace attune::testing
