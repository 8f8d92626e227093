// The review log's month-file format: writing lines, the fast reader and the TOML++ fallback.
#include <attune/model/history/ReviewLog.hpp>

#include <attune/model/core/Clock.hpp>

#include "core/CivilDate.hpp"
#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>
#include <tuple>

namespace attune::model::reviewlog {
namespace {

constexpr const char* kWhatToDo =
    " Attune will not write to this file. Fix it in a text editor (each review is one line, see "
    "docs/SAVES.md) or move it out of the log folder, then start Attune again.";

// A review is never scheduled further out than this (100 years): a larger "days" is damage.
constexpr std::int64_t kMaxScheduledDays = 36500;

constexpr tomlguard::Rules kMonthTextRules = tomlguard::savedFileRules("like card or rating");

void appendEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(u));
            out += buffer;
        } else {
            out += c;
        }
    }
}

// --- the fast reader: exactly the lines formatLine() writes ---------------------------------

class LineReader {
public:
    explicit LineReader(std::string_view line) : m_text(line) {}

    bool literal(std::string_view expected) {
        if (m_text.substr(m_pos, expected.size()) != expected) return false;
        m_pos += expected.size();
        return true;
    }
    bool digits(std::uint64_t& value) {
        const char* begin = m_text.data() + m_pos;
        const char* end = m_text.data() + m_text.size();
        if (begin == end || *begin < '0' || *begin > '9') return false;
        const auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc{}) return false;
        m_pos += static_cast<std::size_t>(ptr - begin);
        return true;
    }
    bool integer(std::int64_t& value) {
        const char* begin = m_text.data() + m_pos;
        const char* end = m_text.data() + m_text.size();
        const auto [ptr, ec] = std::from_chars(begin, end, value);
        if (ec != std::errc{} || ptr == begin) return false;
        m_pos += static_cast<std::size_t>(ptr - begin);
        return true;
    }
    // A basic string's body up to the closing quote, with \" and \\ (anything else: not ours).
    bool quoted(LogId& out) {
        const std::size_t close = m_text.find('"', m_pos);
        if (close == std::string_view::npos) return false;
        const std::string_view body = m_text.substr(m_pos, close - m_pos);
        bool plain = true;
        for (const char c : body) {
            if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                plain = false;
                break;
            }
        }
        if (plain) {  // the common case: no escapes, one lookup of the shared id
            out = LogId(body);
            m_pos = close + 1;
            return true;
        }
        std::string text;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"') {
                out = LogId(text);
                return true;
            }
            if (c == '\\') {
                if (m_pos >= m_text.size()) return false;
                const char e = m_text[m_pos++];
                if (e != '"' && e != '\\') return false;
                text += e;
            } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                return false;
            } else {
                text += c;
            }
        }
        return false;
    }
    // A quoted word without escapes, as a view into the line.
    bool quotedWord(std::string_view& out) {
        const std::size_t close = m_text.find('"', m_pos);
        if (close == std::string_view::npos) return false;
        out = m_text.substr(m_pos, close - m_pos);
        m_pos = close + 1;
        return true;
    }
    std::string_view until(char stop) {
        const std::size_t end = m_text.find(stop, m_pos);
        if (end == std::string_view::npos) return {};
        const std::string_view out = m_text.substr(m_pos, end - m_pos);
        m_pos = end;
        return out;
    }
    bool atEnd() const { return m_pos == m_text.size(); }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

int twoDigits(const char* p, bool& ok) {
    const int a = p[0] - '0';
    const int b = p[1] - '0';
    ok = ok && a >= 0 && a <= 9 && b >= 0 && b <= 9;
    return a * 10 + b;
}

// Exactly what formatIsoTime writes: YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM). Anything
// else goes to the general parser.
bool parseWrittenTime(std::string_view t, scheduler::Moment& out) {
    if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return false;
    bool ok = true;
    const char* p = t.data();
    const int year = twoDigits(p, ok) * 100 + twoDigits(p + 2, ok);
    const int month = twoDigits(p + 5, ok);
    const int day = twoDigits(p + 8, ok);
    const int hour = twoDigits(p + 11, ok);
    const int minute = twoDigits(p + 14, ok);
    const int second = twoDigits(p + 17, ok);
    std::size_t pos = 19;
    int millis = 0;
    if (t[pos] == '.') {
        if (t.size() < pos + 4) return false;
        millis = twoDigits(p + pos + 1, ok) * 10 + (p[pos + 3] - '0');
        ok = ok && p[pos + 3] >= '0' && p[pos + 3] <= '9';
        pos += 4;
    }
    int offset = 0;
    if (pos + 1 == t.size() && t[pos] == 'Z') {
        offset = 0;
    } else if (pos + 6 == t.size() && (t[pos] == '+' || t[pos] == '-') && t[pos + 3] == ':') {
        const int oh = twoDigits(p + pos + 1, ok);
        const int om = twoDigits(p + pos + 4, ok);
        ok = ok && oh <= 23 && om <= 59;
        offset = (oh * 3600 + om * 60) * (t[pos] == '-' ? -1 : 1);
    } else {
        return false;
    }
    if (!ok || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
    const std::int64_t local = civil::daysFromDate(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 + minute * 60 + second;
    out.utcMs = (local - offset) * 1000 + millis;
    out.utcOffsetSeconds = offset;
    return true;
}

bool hasOffset(std::string_view time) {
    if (time.size() < 20 || (time[10] != 'T' && time[10] != 't' && time[10] != ' ')) return false;
    const char last = time.back();
    if (last == 'Z' || last == 'z') return true;
    return time.size() >= 25 && (time[time.size() - 6] == '+' || time[time.size() - 6] == '-') &&
           time[time.size() - 3] == ':';
}

bool parseReviewLine(std::string_view line, ReviewRecord& out, std::uint64_t& index) {
    LineReader r(line);
    std::uint64_t rating = 0;
    std::int64_t ms = 0;
    std::string_view kind;
    if (!r.literal("r") || !r.digits(index) || !r.literal(" = { card = \"") || !r.quoted(out.cardId) ||
        !r.literal(", deck = \"") || !r.quoted(out.deckId) || !r.literal(", at = "))
        return false;
    const std::string_view at = r.until(',');
    scheduler::Moment moment;
    if (!parseWrittenTime(at, moment)) {
        if (!hasOffset(at)) return false;
        const auto general = parseIsoTime(at);
        if (!general) return false;
        moment = *general;
    }
    if (r.literal(", kind = \"")) {  // a card marker: no rating, no duration
        if (!r.quotedWord(kind) || !parseKind(kind, out.kind) || !isCardMarkerKind(out.kind) || !r.literal(" }") ||
            !r.atEnd())
            return false;
        out.utcMs = moment.utcMs;
        out.utcOffsetSeconds = moment.utcOffsetSeconds;
        out.rating = kMarkerRating;
        out.durationMs = 0;
        out.scheduledDays = 0;
        return true;
    }
    if (!r.literal(", rating = ") || !r.digits(rating) || rating < 1 || rating > 4 || !r.literal(", ms = ") ||
        !r.integer(ms) || ms < 0 || ms > INT32_MAX || !r.literal(", kind = \"") || !r.quotedWord(kind) ||
        !parseKind(kind, out.kind) || isCardMarkerKind(out.kind))
        return false;
    std::uint64_t days = 0;
    if (r.literal(", days = ") && (!r.digits(days) || days < 1 || days > static_cast<std::uint64_t>(kMaxScheduledDays))) return false;
    if (!r.literal(" }") || !r.atEnd()) return false;
    out.scheduledDays = static_cast<std::int32_t>(days);
    out.utcMs = moment.utcMs;
    out.utcOffsetSeconds = moment.utcOffsetSeconds;
    out.rating = static_cast<scheduler::Rating>(rating);
    out.durationMs = static_cast<std::int32_t>(ms);
    return true;
}

bool isBlank(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

enum class FastResult { Ok, NotOurs, NewerSchema };

// Reads the file line by line; NotOurs as soon as a line is not one Attune writes.
FastResult readFast(std::string_view content, MonthFile& file, bool lenient) {
    bool inReviews = false;
    std::size_t pos = 0;
    file.reviews.reserve(file.reviews.size() + content.size() / 120);
    while (pos < content.size()) {
        std::size_t end = content.find('\n', pos);
        if (end == std::string_view::npos) end = content.size();
        std::string_view line = content.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::uint64_t index = 0;
        if (inReviews) {
            // Parse straight into the vector's new element: one string copy per field, no more.
            file.reviews.emplace_back();
            if (parseReviewLine(line, file.reviews.back(), index)) {
                file.nextIndex = std::max(file.nextIndex, index + 1);
                continue;
            }
            file.reviews.pop_back();
        }
        if (isBlank(line) || line.front() == '#') continue;
        if (!inReviews && line == "[reviews]") {
            inReviews = true;
            continue;
        }
        if (!inReviews && line.rfind("schema_version = ", 0) == 0) {
            LineReader r(line);
            std::uint64_t version = 0;
            if (r.literal("schema_version = ") && r.digits(version) && r.atEnd() && version <= 1000) {
                file.schemaVersion = static_cast<int>(version);
                if (file.schemaVersion > kLogSchemaVersion) return FastResult::NewerSchema;
                continue;
            }
        }
        if (!lenient) return FastResult::NotOurs;
    }
    return FastResult::Ok;
}

// --- the fallback: TOML++ for hand-edited files and for its error positions -------------------

Diagnostic errorAt(const std::string& fileName, const toml::source_region& where, std::string message) {
    return {Diagnostic::Severity::Error, fileName, static_cast<int>(where.begin.line),
            static_cast<int>(where.begin.column), std::move(message) + kWhatToDo};
}

// The month file parsed by TOML++, or nothing when it is not TOML (the diagnostic says where).
std::optional<toml::table> parseMonthToml(std::string_view content, const std::string& fileName, MonthFile& file) {
    // TOML++ must never see what it cannot classify (TomlGuard.hpp): a stray byte would crash it.
    if (const auto raw = tomlguard::checkText(content, kMonthTextRules); raw.problem) {
        file.diagnostics.push_back({Diagnostic::Severity::Error, fileName, raw.problem->line, raw.problem->column,
                                    raw.problem->message + "." + kWhatToDo});
        file.damaged = true;
        return std::nullopt;
    }
    try {
        return toml::parse(content, fileName);
    } catch (const toml::parse_error& error) {
        file.diagnostics.push_back(errorAt(fileName, error.source(), std::string(error.description()) + "."));
        file.damaged = true;
        return std::nullopt;
    }
}

// schema_version, when given; false when the reviews are not to be read (damaged, or newer).
bool readSchemaVersion(const toml::table& root, const std::string& fileName, MonthFile& file) {
    const auto version = root["schema_version"];
    if (!version) return true;
    const auto value = tomlguard::wholeNumber(version.node());
    if (!value || *value < 0) {
        file.diagnostics.push_back(errorAt(fileName, version.node()->source(), "schema_version must be a whole number."));
        file.damaged = true;
        return false;
    }
    file.schemaVersion = static_cast<int>(std::min<std::int64_t>(*value, 1000));
    if (file.schemaVersion > kLogSchemaVersion) {
        file.newerSchema = true;
        return false;
    }
    return true;
}

void warnOfUnknownKeys(const toml::table& root, const std::string& fileName, MonthFile& file) {
    for (const auto& [key, node] : root) {
        if (key.str() != "schema_version" && key.str() != "reviews")
            file.diagnostics.push_back({Diagnostic::Severity::Warning, fileName,
                                        static_cast<int>(node.source().begin.line),
                                        static_cast<int>(node.source().begin.column),
                                        "unknown key '" + std::string(key.str()) + "' is ignored"});
    }
}

// One review's inline table; on the first bad field `bad` hears why and nothing is returned.
template <class Bad>
std::optional<ReviewRecord> readTomlReview(const toml::node& node, Bad&& bad) {
    const toml::table* entry = node.as_table();
    if (entry == nullptr) {
        bad(node.source(), "must be an inline table { card = ..., deck = ..., at = ..., rating = ... }.");
        return std::nullopt;
    }
    const auto refuse = [&](const toml::source_region& where, const std::string& what) -> std::optional<ReviewRecord> {
        bad(where, what);
        return std::nullopt;
    };
    ReviewRecord record;
    if (const toml::node* kind = entry->get("kind")) {
        const auto name = kind->value<std::string>();
        if (!name || !parseKind(*name, record.kind))
            return refuse(kind->source(), "kind must be \"learn\", \"review\", \"relearn\", \"cram\", \"imported\", "
                                          "\"undo\", \"suspend\", \"unsuspend\" or \"bury\".");
    }
    const bool marker = isCardMarkerKind(record.kind);
    const auto card = (*entry)["card"].value<std::string>();
    const auto deck = (*entry)["deck"].value<std::string>();
    const toml::node* at = entry->get("at");
    const auto rating = tomlguard::wholeNumber(entry->get("rating"));
    if (!card || card->empty()) return refuse(node.source(), "needs card = \"<card id>\".");
    if (!deck) return refuse(node.source(), "needs deck = \"<deck id>\".");
    const toml::value<toml::date_time>* when = at != nullptr ? at->as_date_time() : nullptr;
    if (when == nullptr || !when->get().offset)
        return refuse(at != nullptr ? at->source() : node.source(),
                      "needs at = <date and time with UTC offset>, like 2026-11-27T14:36:45+09:00.");
    if (marker) {
        // A card marker says what was done to a card, not how it was answered.
        for (const char* answerOnly : {"rating", "ms", "days"})
            if (const toml::node* field = entry->get(answerOnly))
                return refuse(field->source(), std::string("kind = \"") + kindName(record.kind) + "\" marks a card and has no " +
                                                   answerOnly + " (only answers have one).");
        const auto moment = tomlguard::momentOf(when->get());
        if (!moment) return refuse(at->source(), "is not a valid time.");
        record.utcMs = moment->utcMs;
        record.utcOffsetSeconds = moment->utcOffsetSeconds;
        record.cardId = *card;
        record.deckId = *deck;
        record.rating = kMarkerRating;
        return record;
    }
    if (!rating || *rating < 1 || *rating > 4)
        return refuse(entry->get("rating") != nullptr ? entry->get("rating")->source() : node.source(),
                      "needs rating = 1, 2, 3 or 4.");
    const auto moment = tomlguard::momentOf(when->get());
    if (!moment) return refuse(at->source(), "is not a valid time.");
    record.utcMs = moment->utcMs;
    record.utcOffsetSeconds = moment->utcOffsetSeconds;
    record.cardId = *card;
    record.deckId = *deck;
    record.rating = static_cast<scheduler::Rating>(*rating);
    if (const toml::node* ms = entry->get("ms")) {
        const auto value = tomlguard::wholeNumber(ms);
        if (!value || *value < 0 || *value > INT32_MAX)
            return refuse(ms->source(), "ms must be a whole number of milliseconds.");
        record.durationMs = static_cast<std::int32_t>(*value);
    }
    if (const toml::node* days = entry->get("days")) {
        const auto value = tomlguard::wholeNumber(days);
        if (!value || *value < 1 || *value > kMaxScheduledDays)
            return refuse(days->source(),
                          "days must be a whole number of days from 1 to " + std::to_string(kMaxScheduledDays) + ".");
        record.scheduledDays = static_cast<std::int32_t>(*value);
    }
    return record;
}

void readWithToml(std::string_view content, const std::string& fileName, MonthFile& file) {
    const std::optional<toml::table> root = parseMonthToml(content, fileName, file);
    if (!root || !readSchemaVersion(*root, fileName, file)) return;
    warnOfUnknownKeys(*root, fileName, file);
    const toml::node* reviewsNode = root->get("reviews");
    if (reviewsNode == nullptr) return;  // an empty month
    const toml::table* reviews = reviewsNode->as_table();
    if (reviews == nullptr) {
        file.diagnostics.push_back(errorAt(fileName, reviewsNode->source(), "'reviews' must be a table of reviews."));
        file.damaged = true;
        return;
    }
    for (const auto& [key, node] : *reviews) {
        const std::string keyName(key.str());  // clang 14 cannot capture a structured binding
        const auto bad = [&](const toml::source_region& where, const std::string& what) {
            file.diagnostics.push_back(errorAt(fileName, where, "review '" + keyName + "': " + what));
            file.damaged = true;
        };
        std::optional<ReviewRecord> record = readTomlReview(node, bad);
        if (!record) continue;
        std::uint64_t index = 0;
        const std::string_view k = key.str();
        if (k.size() > 1 && k[0] == 'r' && std::from_chars(k.data() + 1, k.data() + k.size(), index).ec == std::errc{})
            file.nextIndex = std::max(file.nextIndex, index + 1);
        file.reviews.push_back(std::move(*record));
    }
    // TOML++ tables are keyed maps: put the reviews back in time order.
    std::stable_sort(file.reviews.begin(), file.reviews.end(),
                     [](const ReviewRecord& a, const ReviewRecord& b) { return a.utcMs < b.utcMs; });
}

}  // namespace

const char* kindName(ReviewKind kind) {
    switch (kind) {
        case ReviewKind::Learn: return "learn";
        case ReviewKind::Review: return "review";
        case ReviewKind::Relearn: return "relearn";
        case ReviewKind::Cram: return "cram";
        case ReviewKind::Imported: return "imported";
        case ReviewKind::Undo: return "undo";
        case ReviewKind::Suspend: return "suspend";
        case ReviewKind::Unsuspend: return "unsuspend";
        case ReviewKind::Bury: return "bury";
    }
    return "review";
}

bool parseKind(std::string_view name, ReviewKind& out) {
    for (ReviewKind k : {ReviewKind::Learn, ReviewKind::Review, ReviewKind::Relearn, ReviewKind::Cram, ReviewKind::Imported,
                          ReviewKind::Undo, ReviewKind::Suspend, ReviewKind::Unsuspend, ReviewKind::Bury}) {
        if (name == kindName(k)) {
            out = k;
            return true;
        }
    }
    return false;
}

std::string monthOf(std::int64_t utcMs) {
    const std::string iso = formatIsoTime({utcMs, 0});
    return iso.substr(0, 7);
}

std::string fileHeader() { return "schema_version = " + std::to_string(kLogSchemaVersion) + "\n[reviews]\n"; }

std::string formatLine(const ReviewRecord& review, std::uint64_t index) {
    std::string out;
    out.reserve(160);
    char key[32];
    std::snprintf(key, sizeof key, "r%06llu", static_cast<unsigned long long>(index));
    out += key;
    out += " = { card = \"";
    appendEscaped(out, review.cardId);
    out += "\", deck = \"";
    appendEscaped(out, review.deckId);
    out += "\", at = ";
    out += formatIsoTime(review.moment());
    if (isCardMarkerKind(review.kind)) {
        out += ", kind = \"";
        out += kindName(review.kind);
        out += "\" }\n";
        return out;
    }
    out += ", rating = ";
    out += std::to_string(static_cast<int>(review.rating));
    out += ", ms = ";
    out += std::to_string(std::max(0, review.durationMs));
    out += ", kind = \"";
    out += kindName(review.kind);
    out += '"';
    if (review.scheduledDays > 0) {
        out += ", days = ";
        out += std::to_string(review.scheduledDays);
    }
    out += " }\n";
    return out;
}

bool sameAnswer(const ReviewRecord& a, const ReviewRecord& b) {
    // An undo marker is never the same as the answer it takes back, even in the same millisecond;
    // a card marker only repeats a marker of its own kind (a suspend is no unsuspend).
    const auto sort = [](ReviewKind k) { return k == ReviewKind::Undo || isCardMarkerKind(k) ? k : ReviewKind::Review; };
    return a.utcMs == b.utcMs && a.rating == b.rating && a.cardId == b.cardId && a.deckId == b.deckId &&
           sort(a.kind) == sort(b.kind);
}

bool canonicalLess(const ReviewRecord& a, const ReviewRecord& b) {
    return std::tie(a.utcMs, a.deckId, a.cardId, a.rating, a.utcOffsetSeconds, a.durationMs, a.kind) <
           std::tie(b.utcMs, b.deckId, b.cardId, b.rating, b.utcOffsetSeconds, b.durationMs, b.kind);
}

void orderCanonically(std::span<ReviewRecord> timeOrdered) {
    // canonicalLess compares the time first, so only runs of one millisecond need sorting.
    auto run = timeOrdered.begin();
    while (run != timeOrdered.end()) {
        auto next = run + 1;
        while (next != timeOrdered.end() && next->utcMs == run->utcMs) ++next;
        if (next - run > 1 && !std::is_sorted(run, next, canonicalLess)) std::sort(run, next, canonicalLess);
        run = next;
    }
}

void keepEachAnswerOnce(std::vector<ReviewRecord>& canonical) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (kept > 0 && sameAnswer(canonical[kept - 1], canonical[i])) continue;
        if (kept != i) canonical[kept] = std::move(canonical[i]);
        ++kept;
    }
    canonical.resize(kept);
}

std::string formatMonthFile(std::span<const ReviewRecord> reviews) {
    std::vector<const ReviewRecord*> sorted;
    sorted.reserve(reviews.size());
    for (const auto& r : reviews) sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(), [](const ReviewRecord* a, const ReviewRecord* b) { return canonicalLess(*a, *b); });
    std::string out = fileHeader();
    std::uint64_t index = 1;
    for (const ReviewRecord* r : sorted) out += formatLine(*r, index++);
    return out;
}

MonthFile parseMonthFile(std::string_view content, const std::string& fileName) {
    MonthFile file;
    const std::string_view whole = content;
    // A crash mid-append leaves bytes after the last newline: a torn review, unless it happens
    // to be a whole line (a hand edit without the final newline).
    const std::size_t lastNewline = content.rfind('\n');
    const std::size_t tailStart = lastNewline == std::string_view::npos ? 0 : lastNewline + 1;
    std::string_view tail = content.substr(tailStart);
    if (!isBlank(tail)) {
        ReviewRecord probe;
        std::uint64_t index = 0;
        std::string_view trimmed = tail;
        if (!trimmed.empty() && trimmed.back() == '\r') trimmed.remove_suffix(1);
        const bool wholeLine = parseReviewLine(trimmed, probe, index) || trimmed == "[reviews]" ||
                               trimmed.rfind("schema_version = ", 0) == 0 || trimmed.front() == '#';
        file.missingFinalNewline = wholeLine;
        if (!wholeLine) {
            file.tornTail = std::string(tail);
            file.tornOffset = tailStart;
            file.tornLine = static_cast<int>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(tailStart), '\n')) + 1;
            content = content.substr(0, tailStart);
        }
    }
    switch (readFast(content, file, false)) {
        case FastResult::Ok:
            // The crash cut the header of a new month file: the whole file is the torn piece,
            // so the next append starts the file afresh with its header.
            if (file.tornTail && file.reviews.empty() && content.find("[reviews]") == std::string_view::npos) {
                file.tornTail = std::string(whole);
                file.tornOffset = 0;
                file.tornLine = 1;
            }
            return file;
        case FastResult::NewerSchema:
            file.newerSchema = true;
            file.reviews.clear();
            return file;
        case FastResult::NotOurs: break;
    }
    file.reviews.clear();
    file.nextIndex = 1;
    readWithToml(content, fileName, file);
    if (file.damaged) {
        // Show what can be read (the profile is read-only now), never more than the file says.
        file.reviews.clear();
        file.nextIndex = 1;
        (void)readFast(content, file, true);
    }
    return file;
}

}  // namespace attune::model::reviewlog
