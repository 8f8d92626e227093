#include <attune/model/history/ReviewCsv.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/Utf8.hpp>

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

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

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
            cachedDays = daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
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

    static std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
        y -= m <= 2 ? 1 : 0;
        const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
        const auto yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
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

// The rows of one stretch of the file (whole lines). Line numbers count from 1 at its first
// line; card indices are its own until merged.
struct Chunk {
    ReviewHistory history;
    std::vector<Diagnostic> diagnostics;
    int lines = 0;
};

void parseRows(std::string_view text, const Columns& columns, const std::string& fileName,
               const ReviewCsvOptions& options, std::size_t reserveBytes, Chunk& chunk) {
    std::size_t pos = 0;
    int lineNumber = 0;
    auto nextLine = [&](std::string_view& line) {
        if (pos >= text.size()) return false;
        const void* found = std::memchr(text.data() + pos, '\n', text.size() - pos);
        const std::size_t end = found != nullptr ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data())
                                                 : text.size();
        line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        ++lineNumber;
        return true;
    };
    auto error = [&](int line, std::string message) {
        chunk.diagnostics.push_back({Diagnostic::Severity::Error, fileName, line, 0, std::move(message)});
    };
    std::vector<std::string_view> fields;
    std::vector<std::string> scratch;
    const std::size_t cardColumn = columns.card, ratingColumn = columns.rating, timeColumn = columns.time,
                      durationColumn = columns.duration, stateColumn = columns.state, needed = columns.needed;
    ReviewHistory& history = chunk.history;
    history.reviews.reserve(reserveBytes / 48 + 16);  // rows are rarely shorter than 48 bytes
    CardIndex cards(history.cardIds);
    std::int64_t zoneFrom = 1, zoneUntil = 0;
    std::int32_t zoneOffset = 0;
    std::size_t errors = 0;
    FastIsoTime isoTime;
    struct Pending {
        ImportedReview review;
        std::string_view id;
        CardIndex::Key key;
    };
    constexpr std::size_t kPending = 16;
    std::array<Pending, kPending> pending{};
    std::size_t pendingCount = 0;
    auto resolve = [&](Pending& p) {
        p.review.card = cards.find(p.id, p.key);
        history.reviews.push_back(p.review);
    };
    std::string_view line;
    while (nextLine(line)) {
        if (trim(line).empty()) continue;
        const int recordLine = lineNumber;
        auto bad = [&](std::string message) {
            error(recordLine, std::move(message));
            ++errors;
        };
        bool split = splitFields(line, fields, scratch);
        // RFC 4180: a quoted field may hold line breaks, so an open quote takes in the next lines.
        for (std::string_view more; !split && nextLine(more);) {
            line = text.substr(static_cast<std::size_t>(line.data() - text.data()),
                               static_cast<std::size_t>(more.data() + more.size() - line.data()));
            split = splitFields(line, fields, scratch);
        }
        const bool idInScratch = line.find('"') != std::string_view::npos;
        if (!split) {
            bad("unterminated quote: a quoted field is never closed (a \" is missing before the end of the file)");
        } else if (fields.size() <= needed) {
            bad("expected at least " + std::to_string(needed + 1) + " columns, found " + std::to_string(fields.size()));
        } else {
            ImportedReview review;
            review.line = recordLine;
            const std::string_view id = trim(fields[cardColumn]);
            const std::string_view ratingText = trim(fields[ratingColumn]);
            const std::string_view timeText = trim(fields[timeColumn]);
            std::int64_t number = 0;
            bool ok = true;
            if (id.empty()) {
                bad("empty card_id");
                ok = false;
            } else if (const auto invalid = firstInvalidUtf8(id)) {
                bad("card_id is not UTF-8 text (byte " + std::to_string(*invalid + 1) + " of it); save the file as UTF-8");
                ok = false;
            } else if (firstControlCharacter(id) || id.find('\n') != std::string_view::npos ||
                       id.find('\t') != std::string_view::npos) {
                bad("card_id " + quoted(id) + " holds a control character or a line break; an id is one line of text");
                ok = false;
            } else if (ratingText.size() != 1 || ratingText[0] < '1' || ratingText[0] > '4') {
                bad("review_rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not " + quoted(ratingText));
                ok = false;
            } else if (parseInteger(timeText, number)) {
                review.at = {number, 0};
            } else if (auto moment = isoTime.parse(timeText)) {
                review.at = *moment;
            } else {
                bad("review_time " + quoted(timeText) +
                    " is not an ISO-8601 time (2024-03-29T20:32:32Z, with Z or an offset) or epoch milliseconds");
                ok = false;
            }
            if (ok && !withinReviewEra(review.at.utcMs)) {
                bad("review_time " + quoted(timeText) + " is outside 1980-2199: not a time a review can have");
                ok = false;
            }
            if (ok && durationColumn != kNone) {
                std::string_view duration = trim(fields[durationColumn]);
                if (const auto dot = duration.find('.'); dot != std::string_view::npos &&
                                                         duration.find_first_not_of('0', dot + 1) == std::string_view::npos)
                    duration = duration.substr(0, dot);  // "25060.0" from tools that write floats
                if (!duration.empty()) {
                    if (!parseInteger(duration, number) || number < 0) {
                        bad("review_duration " + quoted(duration) + " is not a whole number of milliseconds");
                        ok = false;
                    } else {
                        review.durationMs = static_cast<std::int32_t>(
                            std::min<std::int64_t>(number, std::numeric_limits<std::int32_t>::max()));
                    }
                }
            }
            if (ok && stateColumn != kNone) {
                const std::string_view state = trim(fields[stateColumn]);
                if (!state.empty()) {
                    if (!parseInteger(state, number) || number < 0 || number > 5) {
                        bad("review_state " + quoted(state) + " is not a state number (0 New, 1 Learning, 2 Review, 3 Relearning)");
                        ok = false;
                    } else {
                        review.state = static_cast<std::int8_t>(number);
                    }
                }
            }
            if (ok) {
                review.rating = static_cast<scheduler::Rating>(ratingText[0] - '0');
                if (options.timeZone != nullptr) {
                    if (review.at.utcMs < zoneFrom || review.at.utcMs >= zoneUntil)
                        zoneOffset = options.timeZone->offsetAt(review.at.utcMs, zoneFrom, zoneUntil);
                    review.at.utcOffsetSeconds = zoneOffset;
                }
                const CardIndex::Key key = CardIndex::keyOf(id);
                if (idInScratch) {
                    // An unquoted id lives in `scratch` only until the next row: look it up now,
                    // after the rows still waiting, so cards keep their order of first appearance.
                    for (std::size_t k = pendingCount > kPending ? pendingCount - kPending : 0; k < pendingCount; ++k)
                        resolve(pending[k % kPending]);
                    pendingCount = 0;
                    Pending now{review, id, key};
                    resolve(now);
                } else {
                    // The card lookup waits a few rows so its table slot can be fetched meanwhile.
                    cards.prefetch(key);
                    Pending& slot = pending[pendingCount++ % kPending];
                    if (pendingCount > kPending) resolve(slot);
                    slot = {review, id, key};
                }
            }
        }
        if (errors >= options.maxErrors) break;
    }
    for (std::size_t k = pendingCount > kPending ? pendingCount - kPending : 0; k < pendingCount; ++k)
        resolve(pending[k % kPending]);
    chunk.lines = lineNumber;
}

}  // namespace

ReviewCsvResult parseReviewCsv(std::string_view text, const std::string& fileName, const ReviewCsvOptions& options) {
    ReviewCsvResult result;
    auto error = [&](int line, std::string message) {
        result.diagnostics.push_back({Diagnostic::Severity::Error, fileName, line, 0, std::move(message)});
    };
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) text.remove_prefix(3);

    std::size_t pos = 0;
    int lineNumber = 0;
    auto nextLine = [&](std::string_view& line) {
        if (pos >= text.size()) return false;
        const void* found = std::memchr(text.data() + pos, '\n', text.size() - pos);
        const std::size_t end = found != nullptr ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data())
                                                 : text.size();
        line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos = end + 1;
        ++lineNumber;
        return true;
    };

    std::vector<std::string_view> fields;
    std::vector<std::string> scratch;
    std::string_view header;
    do {
        if (!nextLine(header)) {
            error(0, "empty file: expected a header row with card_id,review_rating,review_time");
            return result;
        }
    } while (trim(header).empty());
    if (!splitFields(header, fields, scratch)) {
        error(lineNumber, "unterminated quote in the header row");
        return result;
    }
    Columns columns;
    std::size_t& cardColumn = columns.card;
    std::size_t& ratingColumn = columns.rating;
    std::size_t& timeColumn = columns.time;
    std::size_t& durationColumn = columns.duration;
    std::size_t& stateColumn = columns.state;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string name = lower(trim(fields[i]));
        if (name == "card_id") cardColumn = i;
        else if (name == "review_rating") ratingColumn = i;
        else if (name == "review_time") timeColumn = i;
        else if (name == "review_duration") durationColumn = i;
        else if (name == "review_state") stateColumn = i;
    }
    for (const auto& [column, name] : {std::pair{cardColumn, "card_id"}, std::pair{ratingColumn, "review_rating"},
                                       std::pair{timeColumn, "review_time"}}) {
        if (column == kNone)
            error(lineNumber, std::string("missing column '") + name +
                                  "' in the header row (needed: card_id, review_rating, review_time)");
    }
    if (!result.diagnostics.empty()) return result;
    columns.needed = std::max({cardColumn, ratingColumn, timeColumn});
    if (durationColumn != kNone) columns.needed = std::max(columns.needed, durationColumn);
    if (stateColumn != kNone) columns.needed = std::max(columns.needed, stateColumn);

    // A large file is cut at line ends into one stretch per core, parsed side by side, then
    // merged in file order: card order and line numbers come out as from a single pass.
    const std::string_view rows = text.substr(std::min(pos, text.size()));
    std::size_t parts = 1;
    if (rows.size() >= (std::size_t{4} << 20)) parts = options.threads != 0 ? std::min<std::size_t>(options.threads, 16) : idleCores();
    std::vector<std::string_view> pieces;
    std::size_t from = 0;
    // A cut inside quotes would split a field that holds a line break: the quotes before a cut
    // must pair up. Counted only when the file has quotes at all.
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
                if (std::count(span.begin(), span.end(), '"') % 2 != 0)
                    insideQuotes = !insideQuotes;
                counted = cut;
                if (!insideQuotes || cut == rows.size()) break;
            }
        }
        pieces.push_back(rows.substr(from, cut - from));
        from = cut;
        if (from >= rows.size()) break;
    }
    std::vector<Chunk> chunks(pieces.size());
    {
        std::vector<std::thread> workers;
        for (std::size_t k = 1; k < pieces.size(); ++k)
            workers.emplace_back([&, k] { parseRows(pieces[k], columns, fileName, options, pieces[k].size(), chunks[k]); });
        // The first stretch reserves room for all rows, so the merge appends without moving it.
        parseRows(pieces[0], columns, fileName, options, rows.size(), chunks[0]);
        for (std::thread& worker : workers) worker.join();
    }

    ReviewHistory& history = result.history;
    history = std::move(chunks[0].history);
    int lineOffset = lineNumber;
    for (Diagnostic& d : chunks[0].diagnostics) {
        d.line += lineOffset;
        result.diagnostics.push_back(std::move(d));
    }
    for (ImportedReview& review : history.reviews) review.line += lineOffset;
    if (chunks.size() > 1) {
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
