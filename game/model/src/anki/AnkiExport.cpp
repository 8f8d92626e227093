#include <attune/model/anki/AnkiExport.hpp>
#include <attune/model/deck/Cloze.hpp>

#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <set>

namespace attune::model {
namespace {

using Json = nlohmann::json;

// Fixed note type ids: exporting again finds the same note types in Anki.
constexpr std::int64_t kBasicId = 1764500000001;
constexpr std::int64_t kReversedId = 1764500000002;
constexpr std::int64_t kTypingId = 1764500000003;
constexpr std::int64_t kClozeId = 1764500000004;
constexpr std::int64_t kTypingNoAccentsId = 1764500000005;  // {{type:nc:Back}}: accents optional

std::string html(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\n': out += "<br>"; break;
            default: out += c;
        }
    }
    return out;
}

Json field(const std::string& name, int ord) {
    return {{"name", name}, {"ord", ord}, {"sticky", false}, {"rtl", false}, {"font", "Arial"}, {"size", 20},
            {"description", ""}, {"plainText", false}, {"collapsed", false}, {"excludeFromSearch", false}};
}

Json cardTemplate(const std::string& name, int ord, const std::string& question, const std::string& answer) {
    return {{"name", name}, {"ord", ord}, {"qfmt", question}, {"afmt", answer}, {"bqfmt", ""}, {"bafmt", ""},
            {"did", nullptr}, {"bfont", ""}, {"bsize", 0}};
}

Json notetype(std::int64_t id, const std::string& name, bool cloze, const std::vector<std::string>& fields, Json templates,
              int stockKind) {
    Json flds = Json::array();
    for (std::size_t i = 0; i < fields.size(); ++i) flds.push_back(field(fields[i], static_cast<int>(i)));
    return {{"id", id}, {"name", name}, {"type", cloze ? 1 : 0}, {"mod", 0}, {"usn", 0}, {"sortf", 0}, {"did", nullptr},
            {"tmpls", std::move(templates)}, {"flds", std::move(flds)},
            {"css", ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }"},
            {"latexPre", "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n"
                         "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n"},
            {"latexPost", "\\end{document}"}, {"latexsvg", false}, {"req", Json::array()}, {"originalStockKind", stockKind},
            {"tags", Json::array()}, {"vers", Json::array()}};
}

// The stock note types, and the typing one that ignores accents when the deck has such a card.
Json models(bool typingWithoutAccents) {
    const std::string answer = "{{FrontSide}}\n\n<hr id=answer>\n\n";
    Json out = Json::object();
    out[std::to_string(kBasicId)] =
        notetype(kBasicId, "Basic", false, {"Front", "Back"}, Json::array({cardTemplate("Card 1", 0, "{{Front}}", answer + "{{Back}}")}), 1);
    out[std::to_string(kReversedId)] = notetype(
        kReversedId, "Basic (and reversed card)", false, {"Front", "Back"},
        Json::array({cardTemplate("Card 1", 0, "{{Front}}", answer + "{{Back}}"), cardTemplate("Card 2", 1, "{{Back}}", answer + "{{Front}}")}), 2);
    out[std::to_string(kTypingId)] =
        notetype(kTypingId, "Basic (type in the answer)", false, {"Front", "Back"},
                 Json::array({cardTemplate("Card 1", 0, "{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}")}), 4);
    if (typingWithoutAccents)
        out[std::to_string(kTypingNoAccentsId)] =
            notetype(kTypingNoAccentsId, "Basic (type in the answer, accents optional)", false, {"Front", "Back"},
                     Json::array({cardTemplate("Card 1", 0, "{{Front}}\n\n{{type:nc:Back}}",
                                               "{{Front}}\n\n<hr id=answer>\n\n{{type:nc:Back}}")}), 0);
    out[std::to_string(kClozeId)] =
        notetype(kClozeId, "Cloze", true, {"Text", "Back Extra"},
                 Json::array({cardTemplate("Cloze", 0, "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")}), 5);
    return out;
}

Json deckEntry(std::int64_t id, const std::string& name, const std::string& description) {
    return {{"id", id}, {"name", name}, {"mod", 0}, {"usn", 0}, {"desc", description}, {"collapsed", false},
            {"browserCollapsed", false}, {"dyn", 0}, {"conf", 1}, {"extendNew", 0}, {"extendRev", 0},
            {"newToday", {0, 0}}, {"revToday", {0, 0}}, {"lrnToday", {0, 0}}, {"timeToday", {0, 0}}};
}

Json deckOptions() {
    return {{"1",
             {{"id", 1}, {"mod", 0}, {"name", "Default"}, {"usn", 0}, {"maxTaken", 60}, {"autoplay", true}, {"timer", 0},
              {"replayq", true}, {"dyn", false},
              {"new", {{"delays", {1, 10}}, {"ints", {1, 4, 0}}, {"initialFactor", 2500}, {"order", 1}, {"perDay", 20}, {"bury", false}}},
              {"rev", {{"perDay", 200}, {"ease4", 1.3}, {"ivlFct", 1}, {"maxIvl", 36500}, {"bury", false}, {"hardFactor", 1.2}}},
              {"lapse", {{"delays", {10}}, {"mult", 0}, {"minInt", 1}, {"leechFails", 8}, {"leechAction", 1}}}}}};
}

constexpr const char* kSchema = R"SQL(
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

// One note on its way into the collection.
struct Note {
    std::int64_t type = kBasicId;
    std::vector<std::string> fields;
    std::vector<int> ords;  // the cards it has
    std::int64_t deck = 1;
    std::string guid;
    std::string tags;
};

class Writer {
public:
    explicit Writer(std::string& error) : m_error(error) {}
    ~Writer() {
        for (sqlite3_stmt* s : m_statements) sqlite3_finalize(s);
        if (m_db != nullptr) sqlite3_close(m_db);
    }

    bool open() {
        if (sqlite3_open(":memory:", &m_db) != SQLITE_OK) return fail();
        return exec(kSchema) && exec("BEGIN");
    }
    bool exec(const char* sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK || fail(); }
    bool fail() {
        m_error = std::string("cannot build the collection (") + sqlite3_errmsg(m_db) + ")";
        return false;
    }
    sqlite3_stmt* prepare(const char* sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK) return nullptr;
        m_statements.push_back(s);
        return s;
    }
    static void bindText(sqlite3_stmt* s, int i, const std::string& text) {
        sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
    bool step(sqlite3_stmt* s) {
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        return rc == SQLITE_DONE || fail();
    }
    /// The database file's bytes.
    bool serialize(std::string& bytes) {
        if (!exec("COMMIT")) return false;
        sqlite3_int64 size = 0;
        unsigned char* data = sqlite3_serialize(m_db, "main", &size, 0);
        if (data == nullptr) return fail();
        bytes.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
        sqlite3_free(data);
        return true;
    }
    sqlite3* db() { return m_db; }

private:
    std::string& m_error;
    sqlite3* m_db = nullptr;
    std::vector<sqlite3_stmt*> m_statements;
};

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

AnkiExportReport exportAnkiPackage(const Deck& deck, const std::filesystem::path& file, std::int64_t nowMs) {
    AnkiExportReport report;
    // One subdeck per topic.
    std::map<std::string, std::int64_t> topicDecks;
    Json decks = Json::object();
    decks["1"] = deckEntry(1, "Default", "");
    const std::int64_t rootId = nowMs;
    decks[std::to_string(rootId)] = deckEntry(rootId, deck.title, html(deck.description));
    std::int64_t nextDeck = rootId + 1;
    for (const Topic& topic : deck.topics) {
        topicDecks[topic.id] = nextDeck;
        decks[std::to_string(nextDeck)] = deckEntry(nextDeck, deck.title + "::" + topic.title, html(topic.description));
        ++nextDeck;
    }

    // Pictures by their name in Anki's media folder (one folder: equal names get a number).
    std::map<std::string, std::string> mediaNames;  // deck-relative path -> media name
    std::set<std::string> usedNames;
    std::vector<Note> notes;
    for (const Card& card : deck.cards) {
        Note note;
        note.deck = topicDecks.count(card.topic) != 0 ? topicDecks[card.topic] : rootId;
        note.guid = "attune:" + deck.id + ":" + card.id;
        for (const std::string& tag : card.tags) {
            std::string clean;
            for (const char c : tag) clean += (c == ' ' || c == '\t' || c == '\n') ? '_' : c;
            note.tags += " " + clean;
        }
        if (!note.tags.empty()) note.tags += " ";
        std::string picture;
        if (!card.image.empty()) {
            auto& name = mediaNames[card.image];
            if (name.empty()) {
                const std::filesystem::path path(card.image);
                name = path.filename().string();
                for (int n = 2; !usedNames.insert(name).second; ++n) {
                    name = path.stem().string() + "-" + std::to_string(n) + path.extension().string();
                }
            }
            picture = "<br><img src=\"" + html(name) + "\">";
        }
        const std::string explain = card.explain.empty() ? std::string() : "<br><br>" + html(card.explain);
        switch (card.type) {
            case CardType::Basic:
                note.fields = {html(card.front) + picture, html(card.back) + explain};
                note.ords = {0};
                break;
            case CardType::Reverse:
                note.type = kReversedId;
                note.fields = {html(card.front) + picture, html(card.back) + explain};
                note.ords = {0, 1};
                break;
            case CardType::TypeIn:
                note.type = card.ignoreDiacritics ? kTypingNoAccentsId : kTypingId;
                note.fields = {html(card.prompt) + picture, html(card.answer)};
                note.ords = {0};
                break;
            case CardType::Cloze:
                note.type = kClozeId;
                note.fields = {html(card.text) + picture, html(card.explain)};
                for (const int n : clozeNumbers(card.text)) note.ords.push_back(n - 1);
                break;
            case CardType::Choice: {
                std::string options;
                for (const std::string& option : card.options) options += "<li>" + html(option) + "</li>";
                note.fields = {html(card.prompt) + "<ul>" + options + "</ul>" + picture, html(card.answer) + explain};
                note.ords = {0};
                break;
            }
            case CardType::TrueFalse:
                note.fields = {html(card.statement) + "<br><br>True or false?" + picture, std::string(card.truth ? "True" : "False") + explain};
                note.ords = {0};
                break;
        }
        notes.push_back(std::move(note));
    }

    Writer writer(report.error);
    if (!writer.open()) return report;
    const Json conf = {{"nextPos", notes.size() + 1}, {"curModel", kBasicId}, {"curDeck", rootId}, {"activeDecks", {rootId}},
                       {"sortType", "noteFld"}, {"sortBackwards", false}, {"addToCur", true}, {"collapseTime", 1200},
                       {"estTimes", true}, {"dueCounts", true}, {"newSpread", 0}, {"schedVer", 2}};
    sqlite3_stmt* col = writer.prepare("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')");
    sqlite3_stmt* noteRow = writer.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')");
    sqlite3_stmt* cardRow = writer.prepare("INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')");
    if (col == nullptr || noteRow == nullptr || cardRow == nullptr) {
        writer.fail();
        return report;
    }
    const std::int64_t nowSeconds = nowMs / 1000;
    sqlite3_bind_int64(col, 1, nowSeconds - nowSeconds % 86400);
    sqlite3_bind_int64(col, 2, nowMs);
    sqlite3_bind_int64(col, 3, nowMs);
    Writer::bindText(col, 4, conf.dump());
    const bool typingWithoutAccents = std::any_of(deck.cards.begin(), deck.cards.end(), [](const Card& card) {
        return card.type == CardType::TypeIn && card.ignoreDiacritics;
    });
    Writer::bindText(col, 5, models(typingWithoutAccents).dump());
    Writer::bindText(col, 6, decks.dump());
    Writer::bindText(col, 7, deckOptions().dump());
    if (!writer.step(col)) return report;
    std::int64_t nextId = nowMs;
    std::int64_t position = 0;
    for (const Note& note : notes) {
        const std::int64_t noteId = nextId++;
        std::string joined;
        for (std::size_t i = 0; i < note.fields.size(); ++i) joined += (i > 0 ? "\x1f" : "") + note.fields[i];
        sqlite3_bind_int64(noteRow, 1, noteId);
        Writer::bindText(noteRow, 2, note.guid);
        sqlite3_bind_int64(noteRow, 3, note.type);
        sqlite3_bind_int64(noteRow, 4, nowSeconds);
        Writer::bindText(noteRow, 5, note.tags);
        Writer::bindText(noteRow, 6, joined);
        Writer::bindText(noteRow, 7, firstLine(note.fields.front()));
        if (!writer.step(noteRow)) return report;
        ++position;
        for (const int ord : note.ords) {
            sqlite3_bind_int64(cardRow, 1, nextId++);
            sqlite3_bind_int64(cardRow, 2, noteId);
            sqlite3_bind_int64(cardRow, 3, note.deck);
            sqlite3_bind_int64(cardRow, 4, ord);
            sqlite3_bind_int64(cardRow, 5, nowSeconds);
            sqlite3_bind_int64(cardRow, 6, position);
            if (!writer.step(cardRow)) return report;
            ++report.cards;
        }
    }
    report.notes = notes.size();
    std::string database;
    if (!writer.serialize(database)) return report;

    // The zip: the collection, the pictures as 0, 1, ... and the map naming them.
    const std::filesystem::path temporary = file.string() + ".tmp";
    int code = 0;
    zip_t* zip = zip_open(temporary.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (zip == nullptr) {
        report.error = "cannot write " + temporary.string();
        return report;
    }
    auto add = [&](const std::string& name, zip_source_t* source) {
        if (source == nullptr || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
            if (source != nullptr) zip_source_free(source);
            report.error = "cannot add " + name + " to the package (" + zip_strerror(zip) + ")";
            return false;
        }
        return true;
    };
    Json media = Json::object();
    bool ok = add("collection.anki2", zip_source_buffer(zip, database.data(), database.size(), 0));
    std::size_t index = 0;
    for (const auto& [path, name] : mediaNames) {
        if (!ok) break;
        const std::filesystem::path source = deck.folder() / path;
        ok = add(std::to_string(index), zip_source_file(zip, source.c_str(), 0, -1));
        media[std::to_string(index)] = name;
        ++index;
    }
    const std::string map = media.dump();
    ok = ok && add("media", zip_source_buffer(zip, map.data(), map.size(), 0));
    if (!ok) {
        zip_discard(zip);
        std::error_code ec;
        std::filesystem::remove(temporary, ec);
        return report;
    }
    if (zip_close(zip) != 0) {
        report.error = std::string("cannot write ") + file.string() + " (" + zip_strerror(zip) + ")";
        zip_discard(zip);
        std::error_code ec;
        std::filesystem::remove(temporary, ec);
        return report;
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file, ec);
    if (ec) report.error = "cannot write " + file.string() + ": " + ec.message();
    report.pictures = mediaNames.size();
    return report;
}

namespace {

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos && (text.empty() || (text.front() != ' ' && text.front() != '#'))) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace

CsvExport exportDeckCsv(const Deck& deck) {
    CsvExport out;
    out.text = "#separator:comma\n#html:false\n#tags column:3\n";
    for (const Card& card : deck.cards) {
        if (card.type != CardType::Basic && card.type != CardType::Reverse) {
            ++out.skipped;
            continue;
        }
        std::string tags;
        for (const std::string& tag : card.tags) tags += (tags.empty() ? "" : " ") + tag;
        out.text += csvField(card.front) + "," + csvField(card.back) + "," + csvField(tags) + "\n";
        ++out.rows;
    }
    return out;
}

}  // namespace attune::model
