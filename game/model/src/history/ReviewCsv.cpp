#include <attune/model/history/ReviewCsv.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>

#include "core/CivilDate.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attune::model {
namespace {

// Splits one record into fields. Quoted fields ("a,b", "say ""hi""", a line break inside
// quotes) are unquoted into `scratch`, so their views live only until the next call; returns
// false for an unterminated quote.
bool splitFields(std::string_view line, std::vector<std::string_view>& fields, std::vector<std::string>& scratch) {
    fields.clear();
    if (line.find('"') == std::string_view::npos) {
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = line.find(',', start);
            if (comma == std::string_view::npos) {
                fields.push_back(line.substr(start));
                return true;
            }
            fields.push_back(line.substr(start, comma - start));
            start = comma + 1;
        }
    }
    scratch.clear();
    scratch.reserve(line.size() / 2 + 1);  // keeps views into scratch valid
    std::size_t pos = 0;
    while (true) {
        while (pos < line.size() && line[pos] == ' ') ++pos;
        if (pos < line.size() && line[pos] == '"') {
            std::string value;
            ++pos;
            while (true) {
                if (pos >= line.size()) return false;
                if (line[pos] == '"') {
                    if (pos + 1 < line.size() && line[pos + 1] == '"') {
                        value += '"';
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    break;
                }
                value += line[pos++];
            }
            while (pos < line.size() && line[pos] != ',') ++pos;  // ignore text after the quote
            scratch.push_back(std::move(value));
            fields.push_back(scratch.back());
        } else {
            const std::size_t comma = std::min(line.find(',', pos), line.size());
            fields.push_back(line.substr(pos, comma - pos));
            pos = comma;
        }
        if (pos >= line.size()) return true;
        ++pos;  // the comma
    }
}

bool parseInteger(std::string_view s, std::int64_t& value) {
    bool negative = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 18) return false;
    std::int64_t v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    value = negative ? -v : v;
    return true;
}

// Open addressing over the card ids, so 750k rows cost about one cache miss each. A plain
// decimal id (no leading zero, up to 18 digits) is its own key, so a hit needs no string
// compare; other ids are keyed by a hash and confirmed against the stored string.
class CardIndex {
public:
    explicit CardIndex(std::vector<std::string>& ids) : m_ids(ids), m_slots(4096) {}

    /// Over ids already collected, which keep their indices.
    static constexpr struct IndexExisting {
    } indexExisting{};
    CardIndex(std::vector<std::string>& ids, IndexExisting) : m_ids(ids), m_slots(4096) {
        while (m_slots.size() < ids.size() * 2 + 2) m_slots.resize(m_slots.size() * 2);
        const std::size_t mask = m_slots.size() - 1;
        for (std::uint32_t i = 0; i < ids.size(); ++i) {
            const Key key = keyOf(ids[i]);
            std::size_t slot = spread(key.value) & mask;
            while (m_slots[slot].kind != 0) slot = (slot + 1) & mask;
            m_slots[slot] = {key.value, i, key.kind};
        }
    }

    struct Key {
        std::uint64_t value = 0;
        std::uint32_t kind = 0;  // 1 decimal id, 2 hashed id
    };

    static Key keyOf(std::string_view id) {
        Key key;
        if (decimalKey(id, key.value)) {
            key.kind = 1;
        } else {
            key.value = 1469598103934665603ULL;
            for (const char c : id) key.value = (key.value ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
            key.kind = 2;
        }
        return key;
    }

    /// A hint to the cache for a lookup a few rows later; it is never wrong to skip it.
    void prefetch(const Key& key) const {
        __builtin_prefetch(&m_slots[spread(key.value) & (m_slots.size() - 1)]);
    }

    std::uint32_t find(std::string_view id, const Key& key) {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t slot = spread(key.value) & mask;
        while (m_slots[slot].kind != 0) {
            const Slot& s = m_slots[slot];
            if (s.key == key.value && s.kind == key.kind && (key.kind == 1 || m_ids[s.index] == id)) return s.index;
            slot = (slot + 1) & mask;
        }
        const auto index = static_cast<std::uint32_t>(m_ids.size());
        m_ids.emplace_back(id);
        m_slots[slot] = {key.value, index, key.kind};
        if (m_ids.size() * 2 > m_slots.size()) grow();
        return index;
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t index = 0;
        std::uint32_t kind = 0;  // 0 empty, 1 decimal id, 2 hashed id
    };

    static bool decimalKey(std::string_view id, std::uint64_t& key) {
        if (id.empty() || id.size() > 18 || (id[0] == '0' && id.size() > 1)) return false;
        std::uint64_t v = 0;
        for (const char c : id) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        key = v;
        return true;
    }

    static std::size_t spread(std::uint64_t x) {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        return static_cast<std::size_t>(x);
    }

    void grow() {
        std::vector<Slot> slots(m_slots.size() * 2);
        const std::size_t mask = slots.size() - 1;
        for (const Slot& s : m_slots) {
            if (s.kind == 0) continue;
            std::size_t slot = spread(s.key) & mask;
            while (slots[slot].kind != 0) slot = (slot + 1) & mask;
            slots[slot] = s;
        }
        m_slots.swap(slots);
    }

    std::vector<std::string>& m_ids;
    std::vector<Slot> m_slots;
};

// The common shape "2024-03-29T20:32:32[.250000](Z|+00:00)" without a call per field into
// the general parser; the date's day number is cached, since a history is mostly in time order.
struct FastIsoTime {
    char cachedDate[10] = {};
    std::int64_t cachedDays = 0;
    bool haveDate = false;

    static bool digits(const char* p, std::size_t n, int& value) {
        value = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const char c = p[i];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    // A review time must say its offset (Z or +hh:mm): a bare local time is ambiguous.
    static bool endsWithOffset(std::string_view t) {
        if (t.size() < 11) return false;
        if (t.back() == 'Z' || t.back() == 'z') return true;
        for (const std::size_t back : {std::size_t{6}, std::size_t{5}}) {  // +hh:mm or +hhmm
            if (t.size() < 11 + back) continue;
            const char sign = t[t.size() - back];
            if (sign == '+' || sign == '-') return true;
        }
        return false;
    }

    std::optional<scheduler::Moment> parse(std::string_view t) {
        if (!endsWithOffset(t)) return std::nullopt;
        if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') || t[13] != ':' ||
            t[16] != ':')
            return parseIsoTime(t);
        if (!haveDate || std::memcmp(cachedDate, t.data(), 10) != 0) {
            const auto general = parseIsoTime(t);  // validates the date fully
            if (!general) return general;
            int y = 0, m = 0, d = 0;
            digits(t.data(), 4, y);
            digits(t.data() + 5, 2, m);
            digits(t.data() + 8, 2, d);
            cachedDays = civil::daysFromDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
            std::memcpy(cachedDate, t.data(), 10);
            haveDate = true;
            return general;
        }
        int hour = 0, minute = 0, second = 0;
        if (!digits(t.data() + 11, 2, hour) || !digits(t.data() + 14, 2, minute) || !digits(t.data() + 17, 2, second) ||
            hour > 23 || minute > 59 || second > 60)
            return parseIsoTime(t);
        std::size_t pos = 19;
        std::int64_t millis = 0;
        if (pos < t.size() && t[pos] == '.') {
            ++pos;
            int scale = 100;
            const std::size_t from = pos;
            while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
                millis += (t[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == from) return std::nullopt;
        }
        int offset = 0;
        if (pos < t.size()) {
            if ((t[pos] == 'Z' || t[pos] == 'z') && pos + 1 == t.size()) {
                ++pos;
            } else if ((t[pos] == '+' || t[pos] == '-') && pos + 6 == t.size() && t[pos + 3] == ':') {
                int oh = 0, om = 0;
                if (!digits(t.data() + pos + 1, 2, oh) || !digits(t.data() + pos + 4, 2, om) || oh > 18 || om > 59 ||
                    (oh == 18 && om > 0))
                    return std::nullopt;
                offset = (oh * 3600 + om * 60) * (t[pos] == '-' ? -1 : 1);
                pos += 6;
            } else {
                return parseIsoTime(t);
            }
        } else {
            return std::nullopt;  // no offset: the time of day could be anywhere on Earth
        }
        const std::int64_t local = cachedDays * 86400 + hour * 3600 + minute * 60 + second;
        return scheduler::Moment{(local - offset) * 1000 + millis, offset};
    }
};

std::string quoted(std::string_view s) {
    constexpr std::size_t kShown = 40;
    if (s.size() > kShown) return "'" + std::string(s.substr(0, kShown)) + "...'";
    return "'" + std::string(s) + "'";
}

}  // namespace

std::size_t idleCores() {
    const double cores = std::max(1U, std::thread::hardware_concurrency());
    double load[1] = {0.0};
    const double busy = ::getloadavg(load, 1) == 1 ? load[0] : 0.0;
    return static_cast<std::size_t>(std::clamp(std::floor(cores - busy + 0.5), 1.0, 4.0));
}

ReviewHistory::ByCard ReviewHistory::groupByCard() const {
    ByCard out;
    out.start.assign(cardIds.size() + 1, 0);
    for (const ImportedReview& r : reviews) ++out.start[r.card + 1];
    for (std::size_t c = 0; c < cardIds.size(); ++c) out.start[c + 1] += out.start[c];
    out.order.resize(reviews.size());
    std::vector<std::uint32_t> next(out.start.begin(), out.start.end() - 1);
    for (std::uint32_t i = 0; i < reviews.size(); ++i) out.order[next[reviews[i].card]++] = i;
    const auto earlier = [&](std::uint32_t a, std::uint32_t b) { return reviews[a].at.utcMs < reviews[b].at.utcMs; };
    for (std::size_t c = 0; c < cardIds.size(); ++c) {
        const auto first = out.order.begin() + out.start[c];
        const auto last = out.order.begin() + out.start[c + 1];
        if (!std::is_sorted(first, last, earlier)) std::stable_sort(first, last, earlier);
    }
    return out;
}

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

struct Columns {
    std::size_t card = kNone, rating = kNone, time = kNone, duration = kNone, state = kNone;
    std::size_t needed = 0;  // the highest index a row must have
};

// The lines of a text one at a time, "\r\n" or "\n", counted from 1.
class LineReader {
public:
    explicit LineReader(std::string_view text) : m_text(text) {}

    bool next(std::string_view& line) {
        if (m_pos >= m_text.size()) return false;
        const void* found = std::memchr(m_text.data() + m_pos, '\n', m_text.size() - m_pos);
        const std::size_t end = found != nullptr
                                    ? static_cast<std::size_t>(static_cast<const char*>(found) - m_text.data())
                                    : m_text.size();
        line = m_text.substr(m_pos, end - m_pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        m_pos = end + 1;
        ++m_lineNumber;
        return true;
    }
    int lineNumber() const { return m_lineNumber; }
    std::string_view rest() const { return m_text.substr(std::min(m_pos, m_text.size())); }
    /// From the start of `first` to the end of `last`, both lines of this text.
    std::string_view span(std::string_view first, std::string_view last) const {
        return m_text.substr(static_cast<std::size_t>(first.data() - m_text.data()),
                             static_cast<std::size_t>(last.data() + last.size() - first.data()));
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_lineNumber = 0;
};

// The rows of one stretch of the file (whole lines). Line numbers count from 1 at its first
// line; card indices are its own until merged.
struct Chunk {
    ReviewHistory history;
    std::vector<Diagnostic> diagnostics;
    int lines = 0;
};

// One row's fields checked and read into a review (its card still to be looked up); on the
// first bad field `bad` hears why and nothing is returned.
template <class Bad>
std::optional<ImportedReview> readReview(const std::vector<std::string_view>& fields, const Columns& columns,
                                         FastIsoTime& isoTime, Bad&& bad) {
    const auto refuse = [&](std::string message) -> std::optional<ImportedReview> {
        bad(std::move(message));
        return std::nullopt;
    };
    ImportedReview review;
    const std::string_view id = trimmedCsvField(fields[columns.card]);
    const std::string_view ratingText = trimmedCsvField(fields[columns.rating]);
    const std::string_view timeText = trimmedCsvField(fields[columns.time]);
    std::int64_t number = 0;
    if (id.empty()) return refuse("empty card_id");
    if (const auto invalid = firstInvalidUtf8(id))
        return refuse("card_id is not UTF-8 text (byte " + std::to_string(*invalid + 1) +
                      " of it); save the file as UTF-8");
    if (firstControlCharacter(id) || id.find('\n') != std::string_view::npos || id.find('\t') != std::string_view::npos)
        return refuse("card_id " + quoted(id) + " holds a control character or a line break; an id is one line of text");
    if (ratingText.size() != 1 || ratingText[0] < '1' || ratingText[0] > '4')
        return refuse("review_rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not " + quoted(ratingText));
    if (parseInteger(timeText, number)) {
        review.at = {number, 0};
    } else if (auto moment = isoTime.parse(timeText)) {
        review.at = *moment;
    } else {
        return refuse("review_time " + quoted(timeText) +
                      " is not an ISO-8601 time (2024-03-29T20:32:32Z, with Z or an offset) or epoch milliseconds");
    }
    if (!withinReviewEra(review.at.utcMs))
        return refuse("review_time " + quoted(timeText) + " is outside 1980-2199: not a time a review can have");
    if (columns.duration != kNone) {
        std::string_view duration = trimmedCsvField(fields[columns.duration]);
        if (const auto dot = duration.find('.');
            dot != std::string_view::npos && duration.find_first_not_of('0', dot + 1) == std::string_view::npos)
            duration = duration.substr(0, dot);  // "25060.0" from tools that write floats
        if (!duration.empty()) {
            if (!parseInteger(duration, number) || number < 0)
                return refuse("review_duration " + quoted(duration) + " is not a whole number of milliseconds");
            review.durationMs =
                static_cast<std::int32_t>(std::min<std::int64_t>(number, std::numeric_limits<std::int32_t>::max()));
        }
    }
    if (columns.state != kNone) {
        const std::string_view state = trimmedCsvField(fields[columns.state]);
        if (!state.empty()) {
            if (!parseInteger(state, number) || number < 0 || number > 5)
                return refuse("review_state " + quoted(state) +
                              " is not a state number (0 New, 1 Learning, 2 Review, 3 Relearning)");
            review.state = static_cast<std::int8_t>(number);
        }
    }
    review.rating = static_cast<scheduler::Rating>(ratingText[0] - '0');
    return review;
}

// Each review's UTC offset in the player's time zone, when one is given. An offset is kept for
// the span of time it holds, so most rows need no zone lookup.
class ZoneOffsets {
public:
    explicit ZoneOffsets(const TimeZone* zone) : m_zone(zone) {}
    void place(scheduler::Moment& at) {
        if (m_zone == nullptr) return;
        if (at.utcMs < m_from || at.utcMs >= m_until) m_offset = m_zone->offsetAt(at.utcMs, m_from, m_until);
        at.utcOffsetSeconds = m_offset;
    }

private:
    const TimeZone* m_zone;
    std::int64_t m_from = 1, m_until = 0;
    std::int32_t m_offset = 0;
};

// Adds reviews to the history with their card looked up. The lookup waits a few rows so its
// table slot can be fetched meanwhile; cards keep their order of first appearance.
class CardLookups {
public:
    CardLookups(ReviewHistory& history) : m_history(history), m_cards(history.cardIds) {}

    /// `idIsStable`: the id views the text itself, not the row's scratch.
    void add(const ImportedReview& review, std::string_view id, bool idIsStable) {
        const CardIndex::Key key = CardIndex::keyOf(id);
        if (!idIsStable) {
            // The id of a row with quotes lives in `scratch` only until the next row: look it up
            // now, after the rows still waiting.
            flush();
            Pending now{review, id, key};
            resolve(now);
            return;
        }
        m_cards.prefetch(key);
        Pending& slot = m_pending[m_count++ % kPending];
        if (m_count > kPending) resolve(slot);
        slot = {review, id, key};
    }

    /// Looks up the rows still waiting.
    void flush() {
        for (std::size_t k = m_count > kPending ? m_count - kPending : 0; k < m_count; ++k)
            resolve(m_pending[k % kPending]);
        m_count = 0;
    }

private:
    struct Pending {
        ImportedReview review;
        std::string_view id;
        CardIndex::Key key;
    };
    void resolve(Pending& p) {
        p.review.card = m_cards.find(p.id, p.key);
        m_history.reviews.push_back(p.review);
    }

    static constexpr std::size_t kPending = 16;
    ReviewHistory& m_history;
    CardIndex m_cards;
    std::array<Pending, kPending> m_pending{};
    std::size_t m_count = 0;
};

void parseRows(std::string_view text, const Columns& columns, const std::string& fileName,
               const ReviewCsvOptions& options, std::size_t reserveBytes, Chunk& chunk) {
    LineReader lines(text);
    std::vector<std::string_view> fields;
    std::vector<std::string> scratch;
    chunk.history.reviews.reserve(reserveBytes / 48 + 16);  // rows are rarely shorter than 48 bytes
    CardLookups cards(chunk.history);
    ZoneOffsets zone(options.timeZone);
    std::size_t errors = 0;
    FastIsoTime isoTime;
    std::string_view line;
    while (lines.next(line)) {
        if (trimmedCsvField(line).empty()) continue;
        const int recordLine = lines.lineNumber();
        auto bad = [&](std::string message) {
            chunk.diagnostics.push_back({Diagnostic::Severity::Error, fileName, recordLine, 0, std::move(message)});
            ++errors;
        };
        bool split = splitFields(line, fields, scratch);
        // RFC 4180: a quoted field may hold line breaks, so an open quote takes in the next lines.
        for (std::string_view more; !split && lines.next(more);) {
            line = lines.span(line, more);
            split = splitFields(line, fields, scratch);
        }
        if (!split) {
            bad("unterminated quote: a quoted field is never closed (a \" is missing before the end of the file)");
        } else if (fields.size() <= columns.needed) {
            bad("expected at least " + std::to_string(columns.needed + 1) + " columns, found " +
                std::to_string(fields.size()));
        } else if (auto review = readReview(fields, columns, isoTime, bad)) {
            review->line = recordLine;
            zone.place(review->at);
            cards.add(*review, trimmedCsvField(fields[columns.card]), line.find('"') == std::string_view::npos);
        }
        if (errors >= options.maxErrors) break;
    }
    cards.flush();
    chunk.lines = lines.lineNumber();
}

// The header row: where each column is. Nothing when it is missing, unreadable or lacks a
// needed column (the diagnostics say which).
std::optional<Columns> readHeader(LineReader& lines, const std::string& fileName, std::vector<Diagnostic>& diagnostics) {
    auto error = [&](std::string message) {
        diagnostics.push_back({Diagnostic::Severity::Error, fileName, lines.lineNumber(), 0, std::move(message)});
    };
    std::vector<std::string_view> fields;
    std::vector<std::string> scratch;
    std::string_view header;
    do {
        if (!lines.next(header)) {
            diagnostics.push_back({Diagnostic::Severity::Error, fileName, 0, 0,
                                   "empty file: expected a header row with card_id,review_rating,review_time"});
            return std::nullopt;
        }
    } while (trimmedCsvField(header).empty());
    if (!splitFields(header, fields, scratch)) {
        error("unterminated quote in the header row");
        return std::nullopt;
    }
    Columns columns;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name = lowerAscii(trimmedCsvField(fields[i]));
        if (name == "card_id") columns.card = i;
        else if (name == "review_rating") columns.rating = i;
        else if (name == "review_time") columns.time = i;
        else if (name == "review_duration") columns.duration = i;
        else if (name == "review_state") columns.state = i;
    }
    bool complete = true;
    for (const auto& [column, name] : {std::pair{columns.card, "card_id"}, std::pair{columns.rating, "review_rating"},
                                       std::pair{columns.time, "review_time"}}) {
        if (column != kNone) continue;
        error(std::string("missing column '") + name + "' in the header row (needed: card_id, review_rating, review_time)");
        complete = false;
    }
    if (!complete) return std::nullopt;
    columns.needed = std::max({columns.card, columns.rating, columns.time});
    if (columns.duration != kNone) columns.needed = std::max(columns.needed, columns.duration);
    if (columns.state != kNone) columns.needed = std::max(columns.needed, columns.state);
    return columns;
}

// A large file is cut at line ends into one stretch per core. A cut inside quotes would split a
// field that holds a line break: the quotes before a cut must pair up (counted only when the
// file has quotes at all).
std::vector<std::string_view> cutIntoStretches(std::string_view rows, const ReviewCsvOptions& options) {
    std::size_t parts = 1;
    if (rows.size() >= (std::size_t{4} << 20))
        parts = options.threads != 0 ? std::min<std::size_t>(options.threads, 16) : idleCores();
    std::vector<std::string_view> pieces;
    std::size_t from = 0;
    const bool anyQuotes = parts > 1 && rows.find('"') != std::string_view::npos;
    bool insideQuotes = false;
    for (std::size_t k = 1; k <= parts; ++k) {
        std::size_t cut = k == parts ? rows.size() : std::max(from, rows.size() * k / parts);
        if (k != parts) {
            std::size_t counted = from;
            while (true) {
                const std::size_t newline = rows.find('\n', cut);
                cut = newline == std::string_view::npos ? rows.size() : newline + 1;
                if (!anyQuotes) break;
                const std::string_view span = rows.substr(counted, cut - counted);
                if (std::count(span.begin(), span.end(), '"') % 2 != 0) insideQuotes = !insideQuotes;
                counted = cut;
                if (!insideQuotes || cut == rows.size()) break;
            }
        }
        pieces.push_back(rows.substr(from, cut - from));
        from = cut;
        if (from >= rows.size()) break;
    }
    return pieces;
}

// The stretches parsed side by side, one thread each.
std::vector<Chunk> parseStretches(const std::vector<std::string_view>& pieces, std::size_t rowBytes,
                                  const Columns& columns, const std::string& fileName, const ReviewCsvOptions& options) {
    std::vector<Chunk> chunks(pieces.size());
    std::vector<std::thread> workers;
    for (std::size_t k = 1; k < pieces.size(); ++k)
        workers.emplace_back([&, k] { parseRows(pieces[k], columns, fileName, options, pieces[k].size(), chunks[k]); });
    // The first stretch reserves room for all rows, so the merge appends without moving it.
    parseRows(pieces[0], columns, fileName, options, rowBytes, chunks[0]);
    for (std::thread& worker : workers) worker.join();
    return chunks;
}

// The stretches merged in file order: card order and line numbers come out as from a single
// pass. `headerLines`: the lines before the first stretch.
void mergeStretches(std::vector<Chunk>& chunks, int headerLines, ReviewCsvResult& result) {
    ReviewHistory& history = result.history;
    history = std::move(chunks[0].history);
    int lineOffset = headerLines;
    for (Diagnostic& d : chunks[0].diagnostics) {
        d.line += lineOffset;
        result.diagnostics.push_back(std::move(d));
    }
    for (ImportedReview& review : history.reviews) review.line += lineOffset;
    if (chunks.size() == 1) return;
    CardIndex cards(history.cardIds, CardIndex::indexExisting);
    for (std::size_t k = 1; k < chunks.size(); ++k) {
        lineOffset += chunks[k - 1].lines;
        Chunk& chunk = chunks[k];
        std::vector<std::uint32_t> global(chunk.history.cardIds.size());
        for (std::size_t c = 0; c < global.size(); ++c) {
            const std::string& id = chunk.history.cardIds[c];
            global[c] = cards.find(id, CardIndex::keyOf(id));
        }
        for (ImportedReview review : chunk.history.reviews) {
            review.card = global[review.card];
            review.line += lineOffset;
            history.reviews.push_back(review);
        }
        for (Diagnostic& d : chunk.diagnostics) {
            d.line += lineOffset;
            result.diagnostics.push_back(std::move(d));
        }
    }
}

}  // namespace

ReviewCsvResult parseReviewCsv(std::string_view text, const std::string& fileName, const ReviewCsvOptions& options) {
    ReviewCsvResult result;
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) text.remove_prefix(3);
    LineReader lines(text);
    const std::optional<Columns> columns = readHeader(lines, fileName, result.diagnostics);
    if (!columns) return result;
    const std::string_view rows = lines.rest();
    std::vector<Chunk> chunks = parseStretches(cutIntoStretches(rows, options), rows.size(), *columns, fileName, options);
    mergeStretches(chunks, lines.lineNumber(), result);
    if (result.diagnostics.size() > options.maxErrors) result.diagnostics.resize(options.maxErrors);
    return result;
}

ReviewCsvResult readReviewCsv(const std::string& path, const ReviewCsvOptions& options) {
    auto failure = [&](std::string message) {
        ReviewCsvResult result;
        result.diagnostics.push_back({Diagnostic::Severity::Error, path, 0, 0, std::move(message)});
        return result;
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return failure(std::string("cannot open the file: ") + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        // A regular file is mapped, not copied: one read of the whole file at once.
        const auto size = static_cast<std::size_t>(info.st_size);
        void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (mapped != MAP_FAILED) {
            ::close(fd);
            ReviewCsvResult result = parseReviewCsv({static_cast<const char*>(mapped), size}, path, options);
            ::munmap(mapped, size);
            return result;
        }
    }
    std::string text;  // a pipe, an empty file, or no mmap: read it in blocks
    char buffer[1 << 16];
    while (true) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            const int saved = errno;
            ::close(fd);
            return failure(std::string("cannot read the file: ") + std::strerror(saved));
        }
        if (got == 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return parseReviewCsv(text, path, options);
}

}  // namespace attune::model
