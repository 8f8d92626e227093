// CSV/TSV import (Anki, Quizlet) and the starter deck: both produce deck TOML as text, because
// TOML++ does not keep comments and a deck written for people should read well.
#include <attune/model/core/Hash.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/deck/DeckImport.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

namespace attune::model {
namespace {

using Severity = Diagnostic::Severity;

// What an imported field may carry around its text.
std::string_view trim(std::string_view text) { return trimmed(text, kSpacesTabsAndLineBreaks); }

struct Row {
    std::vector<std::string> fields;
    int line = 0;
};

struct Place {
    int line = 0;
    int column = 0;
};

struct Rows {
    std::vector<Row> rows;
    std::optional<Place> unterminatedQuote;  // where a quoted field opened and never closed
    std::size_t strayQuotes = 0;             // quotes inside unquoted fields (read as text)
};

// RFC 4180 rows: quoted fields may hold separators, doubled quotes and line breaks (a CRLF in
// one is read as a line break). Stops after `maxRows` rows.
Rows parseRows(std::string_view text, char separator, int firstLine, std::size_t maxRows = std::string_view::npos) {
    Rows out;
    std::vector<Row>& rows = out.rows;
    Row row;
    row.line = firstLine;
    std::string field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = firstLine;
    int column = 1;  // in characters, of text[i]
    Place quoteOpened;
    auto endField = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        fieldStarted = false;
    };
    auto endRow = [&] {
        endField();
        const bool blank = std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return trim(f).empty(); });
        if (!blank) rows.push_back(std::move(row));
        row = Row{};
        row.line = line;
    };
    for (std::size_t i = 0; i < text.size() && rows.size() < maxRows; ++i) {
        const char c = text[i];
        const int at = column;
        if (c == '\n') {
            column = 1;
        } else if (!isContinuationByte(c)) {
            ++column;
        }
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                    ++column;
                } else {
                    quoted = false;
                }
            } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                // the CR of a CRLF line break: the field holds the line break alone
            } else {
                if (c == '\n') ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteOpened = {line, at};
        } else if (c == '"') {
            ++out.strayQuotes;
            field += c;
        } else if (c == separator) {
            endField();
        } else if (c == '\n') {
            ++line;
            if (!field.empty() && field.back() == '\r') field.pop_back();
            endRow();
        } else {
            field += c;
            if (c != ' ' && c != '\t') fieldStarted = true;  // spaces may stand before an opening quote
        }
    }
    if (quoted) out.unterminatedQuote = quoteOpened;
    if (rows.size() < maxRows && (!field.empty() || !row.fields.empty() || fieldStarted)) endRow();
    return out;
}

// How well `separator` splits the first rows: how many it splits into more than one field, then
// (negated, to compare) how few quotes it leaves inside fields ("a,\"b<tab>c\"" is split by the
// comma: split at the tab, both halves would hold a stray quote).
std::pair<std::size_t, long> splitScore(std::string_view text, char separator) {
    const Rows parsed = parseRows(text, separator, 1, 50);
    const auto split = std::count_if(parsed.rows.begin(), parsed.rows.end(), [](const Row& row) { return row.fields.size() > 1; });
    return {static_cast<std::size_t>(split), -static_cast<long>(parsed.strayQuotes)};
}

// The first control character a deck may not hold (Utf8.hpp) in valid UTF-8, but the CR of a
// CRLF line break is fine in a file.
std::optional<std::size_t> firstControlCharacterInFile(std::string_view text) {
    for (std::size_t from = 0; from < text.size();) {
        const auto at = firstControlCharacter(text.substr(from));
        if (!at) return std::nullopt;
        const std::size_t i = from + *at;
        if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') return i;
        from = i + 1;
    }
    return std::nullopt;
}

// Line and column (in characters) of byte `offset`.
Place placeOf(std::string_view text, std::size_t offset, int firstLine) {
    Place place{firstLine, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++place.line;
            place.column = 1;
        } else if (!isContinuationByte(text[i])) {
            ++place.column;
        }
    }
    return place;
}

std::optional<char> separatorFromName(std::string_view name) {
    const std::string n = lowerAscii(trim(name));
    if (n == "tab" || n == "\\t" || n == "\t") return '\t';
    if (n == "comma" || n == ",") return ',';
    if (n == "semicolon" || n == ";") return ';';
    if (n == "pipe" || n == "|") return '|';
    if (n == "colon" || n == ":") return ':';
    if (n == "space" || name == " ") return ' ';
    if (n.size() == 1) return n[0];
    return std::nullopt;
}

// Anki exports HTML when "include HTML" is on: keep the text, turn breaks into line breaks.
std::string htmlToText(std::string_view html) {
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '<') {
            const std::size_t end = html.find('>', i);
            if (end == std::string_view::npos) {
                out += html.substr(i);
                break;
            }
            const std::string tag = lowerAscii(html.substr(i + 1, end - i - 1));
            if (tag.rfind("br", 0) == 0 || tag == "div" || tag == "/div" || tag == "p" || tag == "/p") {
                if (!out.empty() && out.back() != '\n') out += '\n';
            }
            i = end;
        } else if (c == '&') {
            static const std::array<std::pair<std::string_view, std::string_view>, 7> entities = {{
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}}};
            bool replaced = false;
            for (const auto& [entity, text] : entities) {
                if (html.compare(i, entity.size(), entity) == 0) {
                    out += text;
                    i += entity.size() - 1;
                    replaced = true;
                    break;
                }
            }
            if (!replaced) out += c;
        } else {
            out += c;
        }
    }
    return out;
}

// The line of the first invalid UTF-8 sequence; nullopt when the whole text is valid.
std::optional<int> lineOfInvalidUtf8(std::string_view text) {
    const auto invalid = firstInvalidUtf8(text);
    if (!invalid) return std::nullopt;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*invalid), '\n'));
}

// A file name for the deck's description: what a deck may not hold becomes '?' (control
// characters; every non-ASCII byte when the name is not UTF-8).
std::string printableName(std::string_view name) {
    const bool utf8 = !firstInvalidUtf8(name);
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto byte = static_cast<unsigned char>(name[i]);
        const bool c1 = byte == 0xC2 && i + 1 < name.size() && static_cast<unsigned char>(name[i + 1]) < 0xA0;
        if (byte < 0x20 || byte == 0x7F || (byte >= 0x80 && !utf8)) {
            out += '?';
        } else if (c1 && utf8) {
            out += '?';
            ++i;
        } else {
            out += name[i];
        }
    }
    return out;
}

constexpr const char* kUnterminatedQuote =
    "unterminated quote: the field that starts here has no closing '\"' (a quote inside a quoted field is written twice: \"\")";

}  // namespace

std::string importTextProblem(std::string_view text) {
    if (firstInvalidUtf8(text)) return "is not valid UTF-8";
    if (const auto at = firstControlCharacter(text)) return "may not hold control characters (" + controlCharacterName(text, *at) + ")";
    const std::size_t characters = characterCount(text);
    if (characters > kMaxTextCharacters) {
        return "has " + std::to_string(characters) + " characters: deck texts are limited to " + std::to_string(kMaxTextCharacters);
    }
    return {};
}

std::string slugify(std::string_view text, std::size_t maxLength) {
    std::string out;
    bool dash = false;
    for (const char raw : text) {
        char c = raw;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            if (out.size() >= maxLength) break;
            out += c;
        } else {
            dash = true;
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::string importedCardId(std::string_view front) {
    const std::string text(trim(front));
    std::string words = slugify(text, 32);
    char hash[16];
    std::snprintf(hash, sizeof hash, "%06llx", static_cast<unsigned long long>(fnv1a(text) & 0xFFFFFFull));
    return (words.empty() ? std::string("card") : words) + "-" + hash;
}


namespace {

// What Anki's header lines ("#separator:tab", "#html:true", "#tags column:3", ...) say.
struct Headers {
    std::optional<char> separator;
    bool html = false;
    std::size_t tagsColumn = 3;  // 1-based; rows are front,back[,tags] unless the header says otherwise
    std::set<std::size_t> skippedColumns;
    std::vector<std::string> globalTags;
};

// Splits on spaces and tabs (and line breaks when `lineBreaks`), appending each word to `tags`.
inline void appendTags(const std::string& text, bool lineBreaks, std::vector<std::string>& tags) {
    std::string tag;
    for (const char c : text + " ") {
        if (c == ' ' || c == '\t' || (lineBreaks && (c == '\n' || c == '\r'))) {
            if (!tag.empty()) tags.push_back(tag);
            tag.clear();
        } else {
            tag += c;
        }
    }
}

// One import: the text goes through the checks, the header lines and the rows, in that order,
// and the deck's TOML comes out in `result`.
class Importer {
public:
    Importer(const ImportOptions& options, const Deck* previous)
        : m_options(options), m_previous(previous), m_file(options.sourceName) {}

    ImportResult run(std::string_view text) {
        if (!optionsUsable() || !textUsable(text)) return std::move(m_result);
        const Headers headers = readHeaders(text);
        if (hasErrors(m_result.diagnostics)) return std::move(m_result);
        const std::optional<char> separator = chooseSeparator(text, headers);
        if (!separator) return std::move(m_result);
        m_result.separator = *separator;
        choosePlaceForCards();
        if (!writeCards(text, headers, *separator)) return std::move(m_result);
        writeDeck();
        return std::move(m_result);
    }

private:
    void report(Severity severity, int line, std::string message, int column = 0) {
        m_result.diagnostics.push_back({severity, m_file, line, column, std::move(message)});
    }

    bool optionsUsable();
    bool textUsable(std::string_view& text);
    Headers readHeaders(std::string_view& text);
    void readHeader(const std::string& header, Headers& headers);
    std::optional<char> chooseSeparator(std::string_view text, const Headers& headers);
    void choosePlaceForCards();
    bool writeCards(std::string_view text, const Headers& headers, char separator);
    bool writeCard(const Row& row, const Headers& headers, char separator);
    std::string cardId(const std::string& front, const Card*& before);
    void writeDeck();

    const ImportOptions& m_options;
    const Deck* m_previous;
    const std::string m_file;
    ImportResult m_result;
    int m_line = 1;  // the line the rows start on, after the header lines
    std::multimap<std::string, const Card*> m_previousByFront;  // equal fronts in file order
    std::string m_topicTitle;
    std::string m_topicId;
    std::string m_cards;
    std::set<std::string> m_usedIds;
    std::set<const Card*> m_reused;
};

bool Importer::optionsUsable() {
    if (!isValidDeckId(m_options.deckId)) {
        report(Severity::Error, 0, "deck id '" + m_options.deckId + "' may only use lower-case letters, digits and '-'");
        return false;
    }
    if (trim(m_options.title).empty()) {
        report(Severity::Error, 0, "the deck needs a title");
        return false;
    }
    // The title and the topic are deck texts: the loader would refuse them later.
    for (const auto& [what, value] : {std::pair{"the title", &m_options.title}, std::pair{"the topic", &m_options.topicTitle}}) {
        if (const std::string problem = importTextProblem(*value); !problem.empty()) {
            report(Severity::Error, 0, std::string(what) + " " + problem);
            return false;
        }
    }
    return true;
}

// Size, encoding and control characters; drops a UTF-8 byte order mark.
bool Importer::textUsable(std::string_view& text) {
    if (text.size() > kMaxDeckFileBytes) {
        report(Severity::Error, 0, "the file is over 8 MiB; split it");
        return false;
    }
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
    if (const auto badLine = lineOfInvalidUtf8(text)) {
        report(Severity::Error, *badLine, "invalid UTF-8: export the file as UTF-8 (Unicode) text");
        return false;
    }
    // A deck may not hold control characters (they would drive a terminal): say where one is.
    if (const auto at = firstControlCharacterInFile(text)) {
        const Place place = placeOf(text, *at, 1);
        const std::string name = controlCharacterName(text, *at);
        std::string message = "control character " + name + ": remove it (cards may hold tabs and line breaks, no other control characters)";
        if (name == "U+0000") message = "a NUL byte (U+0000): export the file as UTF-8 text, not UTF-16";
        if (name == "U+000D") message = "a carriage return (U+000D) that does not end a line: save the file with LF or CRLF line endings";
        report(Severity::Error, place.line, message, place.column);
        return false;
    }
    return true;
}

// Reads and removes the header lines at the top of `text`.
Headers Importer::readHeaders(std::string_view& text) {
    Headers headers;
    while (!text.empty() && text.front() == '#') {
        const std::size_t end = text.find('\n');
        const std::string header(trim(text.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1)));
        if (header.find(':') == std::string::npos) break;  // not a header: a row that starts with '#'
        readHeader(header, headers);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++m_line;
    }
    return headers;
}

void Importer::readHeader(const std::string& header, Headers& headers) {
    const std::size_t colon = header.find(':');
    const std::string key = lowerAscii(trim(header.substr(0, colon)));
    const std::string value = header.substr(colon + 1);
    if (key == "separator") {
        headers.separator = separatorFromName(value);
        if (!headers.separator) report(Severity::Error, m_line, "unknown separator '" + value + "'");
    } else if (key == "html") {
        headers.html = lowerAscii(trim(value)) == "true";
    } else if (key == "tags column" || key == "notetype column" || key == "deck column" || key == "guid column") {
        const std::string number(trim(value));
        std::size_t column = 0;
        for (const char c : number) {
            if (c < '0' || c > '9' || column > 1000) {
                column = 0;
                break;
            }
            column = column * 10 + static_cast<std::size_t>(c - '0');
        }
        if (column == 0) {
            report(Severity::Error, m_line, "'" + key + "' needs a column number, not '" + number + "'");
        } else if (key == "tags column") {
            headers.tagsColumn = column;
        } else {
            headers.skippedColumns.insert(column);
        }
    } else if (key == "tags") {
        appendTags(value, false, headers.globalTags);
    } else if (key != "columns" && key != "notetype" && key != "deck") {
        report(Severity::Warning, m_line, "ignored header line '#" + header + "'");
    }
}

// The option, else the header, else .tsv, else the separator that splits the rows best.
std::optional<char> Importer::chooseSeparator(std::string_view text, const Headers& headers) {
    if (m_options.separator) return *m_options.separator;
    if (headers.separator) return *headers.separator;
    if (m_file.size() >= 4 && lowerAscii(m_file.substr(m_file.size() - 4)) == ".tsv") return '\t';
    char separator = ',';
    std::pair<std::size_t, long> bestScore{0, 0};
    for (const char candidate : {'\t', ',', ';', '|'}) {
        const auto score = splitScore(text, candidate);
        if (score.first > 0 && (bestScore.first == 0 || score > bestScore)) {
            bestScore = score;
            separator = candidate;
        }
    }
    const std::size_t best = bestScore.first;
    // An unterminated quote swallows every separator after it: say that, not "cannot tell".
    if (const auto quote = parseRows(text, ',', m_line).unterminatedQuote; best == 0 && quote) {
        report(Severity::Error, quote->line, kUnterminatedQuote, quote->column);
        return std::nullopt;
    }
    if (best == 0) {
        report(Severity::Error, m_line, "cannot tell how fronts and backs are separated: no tab, comma, semicolon "
                                        "or '|' found (use --separator)");
        return std::nullopt;
    }
    return separator;
}

// The topic, and the previous ids by front, so an updated file keeps its cards' progress.
void Importer::choosePlaceForCards() {
    std::string previousTopicTitle;
    if (m_previous != nullptr) {
        for (const auto& card : m_previous->cards) {
            if (card.type == CardType::Basic || card.type == CardType::Reverse) m_previousByFront.emplace(trim(card.front), &card);
        }
        if (!m_previous->topics.empty()) previousTopicTitle = m_previous->topics.front().title;
    }
    m_topicTitle = !trim(m_options.topicTitle).empty() ? std::string(trim(m_options.topicTitle))
                   : !previousTopicTitle.empty()       ? previousTopicTitle
                                                       : std::string("Imported");
    m_topicId = slugify(m_topicTitle);
    if (m_topicId.empty()) m_topicId = "imported";
}

// False when the import stops (an error); rows that cannot be cards are skipped with a warning.
bool Importer::writeCards(std::string_view text, const Headers& headers, char separator) {
    const Rows parsed = parseRows(text, separator, m_line);
    if (parsed.unterminatedQuote) {
        report(Severity::Error, parsed.unterminatedQuote->line, kUnterminatedQuote, parsed.unterminatedQuote->column);
        return false;
    }
    for (const Row& row : parsed.rows) {
        if (!writeCard(row, headers, separator)) return false;
    }
    if (m_result.cardCount == 0) {
        report(Severity::Error, 0, "no cards found: rows need a front and a back");
        return false;
    }
    return true;
}

bool Importer::writeCard(const Row& row, const Headers& headers, char separator) {
    std::vector<std::string> fields;
    std::vector<std::string> tags = headers.globalTags;
    for (std::size_t i = 0; i < row.fields.size(); ++i) {
        if (headers.skippedColumns.count(i + 1) != 0) continue;
        if (i + 1 == headers.tagsColumn && headers.tagsColumn > 2) {
            appendTags(row.fields[i], true, tags);
            continue;
        }
        fields.push_back(headers.html ? htmlToText(row.fields[i]) : row.fields[i]);
    }
    const std::string front = fields.size() > 0 ? std::string(trim(fields[0])) : std::string{};
    const std::string back = fields.size() > 1 ? std::string(trim(fields[1])) : std::string{};
    if (front.empty() || back.empty()) {
        report(Severity::Warning, row.line, "skipped: a row needs a front and a back (separator '" +
                                                std::string(separator == '\t' ? "tab" : std::string(1, separator)) + "')");
        return true;
    }
    const bool longTag = std::any_of(tags.begin(), tags.end(), [](const std::string& tag) { return tag.size() > kMaxTextCharacters; });
    if (front.size() > kMaxTextCharacters || back.size() > kMaxTextCharacters || longTag) {
        report(Severity::Warning, row.line, "skipped: texts are limited to 10000 characters");
        return true;
    }
    if (m_result.cardCount >= kMaxDeckCards) {
        report(Severity::Error, row.line, "more than 100000 cards: split the file");
        return false;
    }

    const Card* before = nullptr;
    const std::string id = cardId(front, before);
    m_cards += "\n[[card]]\nid = " + tomlString(id) + "\ntopic = " + tomlString(m_topicId) + "\ntype = ";
    m_cards += before != nullptr && before->type == CardType::Reverse ? "\"reverse\"" : "\"basic\"";
    m_cards += "\nfront = " + tomlString(front) + "\nback = " + tomlString(back) + "\n";
    if (before != nullptr && !before->explain.empty()) m_cards += "explain = " + tomlString(before->explain) + "\n";
    if (before != nullptr && !before->source.empty()) m_cards += "source = " + tomlString(before->source) + "\n";
    if (before != nullptr && !before->image.empty()) m_cards += "image = " + tomlString(before->image) + "\n";
    if (before != nullptr && !before->allow.empty()) m_cards += "allow = " + tomlList(before->allow) + "\n";
    if (!tags.empty()) {
        m_cards += "tags = " + tomlList(tags) + "\n";
    }
    ++m_result.cardCount;
    return true;
}

// The previous deck's id for an unused card with this front (`before` is then that card),
// else a new id from the front.
std::string Importer::cardId(const std::string& front, const Card*& before) {
    before = nullptr;
    const auto [first, last] = m_previousByFront.equal_range(front);
    for (auto it = first; it != last && before == nullptr; ++it) {
        if (m_reused.count(it->second) == 0) before = it->second;
    }
    std::string id;
    if (before != nullptr && m_usedIds.count(before->id) == 0) {
        id = before->id;
        m_reused.insert(before);
        ++m_result.keptIds;
    } else {
        before = nullptr;
        const std::string base = importedCardId(front);
        id = base;
        for (int n = 2; m_usedIds.count(id) != 0; ++n) {
            id = base + "-" + std::to_string(n);
        }
    }
    m_usedIds.insert(id);
    return id;
}

void Importer::writeDeck() {
    const std::string description = m_previous != nullptr && !m_previous->description.empty()
                                        ? m_previous->description
                                        : "Imported from " + (m_file.empty() ? std::string("a CSV file") : printableName(m_file)) + ".";
    const std::string version = m_previous != nullptr && !m_previous->version.empty() ? m_previous->version : "1";
    std::string& toml = m_result.toml;
    toml = "# Imported by `attune deck import`. Importing the file again keeps the id (and the progress) of\n"
           "# every card whose front did not change; explain, source, image and allow added here are kept.\n"
           "[deck]\nid = " + tomlString(m_options.deckId) + "\ntitle = " + tomlString(trim(m_options.title)) +
           "\ndescription = " + tomlString(description) + "\nversion = " + tomlString(version) + "\n";
    if (m_previous != nullptr && !m_previous->language.empty()) toml += "language = " + tomlString(m_previous->language) + "\n";
    if (m_previous != nullptr && !m_previous->allow.empty()) toml += "allow = " + tomlList(m_previous->allow) + "\n";
    toml += "\n[[topic]]\nid = " + tomlString(m_topicId) + "\ntitle = " + tomlString(m_topicTitle) + "\n" + m_cards;
    // Each card adds its keys to the file: many short rows make a deck over the limit.
    if (toml.size() > kMaxDeckFileBytes) {
        report(Severity::Error, 0, "the deck would be " + std::to_string(toml.size()) + " bytes: decks are limited to 8 MiB (split the file)");
        toml.clear();
    }
}

}  // namespace

ImportResult importCards(std::string_view text, const ImportOptions& options, const Deck* previous) {
    return Importer(options, previous).run(text);
}

std::string starterDeckToml(const std::string& deckId, const std::string& title) {
    std::string out;
    out += "# A new Attune deck. Every card type is shown once below: change them, copy them, add more.\n"
           "# The format is explained in FORMAT.md next to the bundled decks. Check your work with\n"
           "#     attune deck check THIS-FILE.toml\n"
           "# Or edit it in the game window: put it in your deck folder, open Decks, and use New card\n"
           "# and Edit there (only the card you save changes in this file; comments stay).\n"
           "# Ids are how Attune remembers your progress: once you study a card, keep its id.\n\n";
    out += "[deck]\nid = " + tomlString(deckId) + "\ntitle = " + tomlString(title) + "\n";
    out += R"TOML(description = "What this deck teaches, in a sentence or two."
version = "1.0"
language = "en"

[[topic]]
id = "first-steps"
title = "First steps"
description = "Topics group cards; the game shows how well you know each topic."
order = 1

[[topic]]
id = "practice"
title = "Practice"
order = 2

# basic: a question and its answer.
[[card]]
id = "what-is-a-card"
topic = "first-steps"
type = "basic"
front = "What does a basic card show first?"
back = "Its front; the back appears when you answer."
explain = "You recall the answer before you see it: that effort is what makes it stick."
source = "Attune deck format"
tags = ["example"]

# reverse: studied both ways, front to back and back to front.
[[card]]
id = "recall-term"
topic = "first-steps"
type = "reverse"
front = "Active recall"
back = "Bringing an answer to mind before seeing it"
explain = "A reverse card becomes two study cards, so both the term and its meaning are practised."

# cloze: hide parts of a sentence; each cN becomes its own study card.
[[card]]
id = "spacing-sentence"
topic = "first-steps"
type = "cloze"
text = "Reviews are spread out over {{c1::days and weeks}} because {{c2::spacing::why?}} helps memory."
explain = "Cloze cards ask one numbered gap at a time; the text after a second :: is a hint."

# choice: a prompt, 2 to 6 options and the text of the right one. Options are shuffled when shown.
[[card]]
id = "which-rating"
topic = "practice"
type = "choice"
prompt = "You remembered the answer, but only after a long struggle. Which rating fits?"
options = ["Again", "Hard", "Good", "Easy"]
answer = "Hard"
explain = "Hard means you got it with real effort; the next review comes a little sooner."

# truefalse: a statement that is true or false (no quotes around true/false).
[[card]]
id = "cramming-myth"
topic = "practice"
type = "truefalse"
statement = "Reading your notes many times in one evening is the best way to remember them for months."
answer = false
explain = "Spaced, effortful recall beats rereading for long-term memory."

# typein: the player types the answer; case, spaces and punctuation do not matter, in any
# script. Accents count unless the card says ignore_diacritics = true.
[[card]]
id = "name-the-effect"
topic = "practice"
type = "typein"
prompt = "Reviews spread over time work better than cramming. What is this called? (two words)"
answer = "spacing effect"
accept = ["spaced repetition"]
explain = "The spacing effect is why Attune schedules each card for the day you are about to forget it."

# Any card may also have: image = "images/picture.png" (a PNG, JPEG, BMP or GIF inside this
# deck's folder) with alt = "what it shows, in words", and
# allow = ["whole-list"] to keep one of deck check's card-craft warnings quiet where you mean it.
)TOML";
    return out;
}

}  // namespace attune::model
