#include <attune/model/ReviewCsv.hpp>

#include <attune/model/Clock.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

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

// Splits one line into fields. Quoted fields ("a,b", "say ""hi""") are unquoted into
// `scratch`; returns false for an unterminated quote.
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

// Open addressing over the card ids, so 750k rows cost one hash and one compare each.
class CardIndex {
public:
    explicit CardIndex(std::vector<std::string>& ids) : m_ids(ids), m_slots(1024, 0) {}

    std::uint32_t find(std::string_view id) {
        std::uint64_t hash = 1469598103934665603ULL;
        for (const char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        hash ^= hash >> 29;
        std::size_t mask = m_slots.size() - 1;
        std::size_t slot = static_cast<std::size_t>(hash) & mask;
        while (m_slots[slot] != 0) {
            const std::uint32_t index = m_slots[slot] - 1;
            if (m_ids[index] == id) return index;
            slot = (slot + 1) & mask;
        }
        const auto index = static_cast<std::uint32_t>(m_ids.size());
        m_ids.emplace_back(id);
        m_hashes.push_back(hash);
        m_slots[slot] = index + 1;
        if (m_ids.size() * 2 > m_slots.size()) grow();
        return index;
    }

private:
    void grow() {
        std::vector<std::uint32_t> slots(m_slots.size() * 2, 0);
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t i = 0; i < m_ids.size(); ++i) {
            std::size_t slot = static_cast<std::size_t>(m_hashes[i]) & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = i + 1;
        }
        m_slots.swap(slots);
    }

    std::vector<std::string>& m_ids;
    std::vector<std::uint32_t> m_slots;
    std::vector<std::uint64_t> m_hashes;
};

std::string quoted(std::string_view s) {
    constexpr std::size_t kShown = 40;
    if (s.size() > kShown) return "'" + std::string(s.substr(0, kShown)) + "...'";
    return "'" + std::string(s) + "'";
}

}  // namespace

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
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::size_t cardColumn = kNone, ratingColumn = kNone, timeColumn = kNone, durationColumn = kNone,
                stateColumn = kNone;
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
    std::size_t needed = std::max({cardColumn, ratingColumn, timeColumn});
    if (durationColumn != kNone) needed = std::max(needed, durationColumn);
    if (stateColumn != kNone) needed = std::max(needed, stateColumn);

    ReviewHistory& history = result.history;
    history.reviews.reserve(text.size() / 48 + 16);
    CardIndex cards(history.cardIds);
    std::int64_t zoneFrom = 1, zoneUntil = 0;
    std::int32_t zoneOffset = 0;
    std::size_t errors = 0;
    std::string_view line;
    while (nextLine(line)) {
        if (trim(line).empty()) continue;
        auto bad = [&](std::string message) {
            error(lineNumber, std::move(message));
            ++errors;
        };
        if (!splitFields(line, fields, scratch)) {
            bad("unterminated quote");
        } else if (fields.size() <= needed) {
            bad("expected at least " + std::to_string(needed + 1) + " columns, found " + std::to_string(fields.size()));
        } else {
            ImportedReview review;
            review.line = lineNumber;
            const std::string_view id = trim(fields[cardColumn]);
            const std::string_view ratingText = trim(fields[ratingColumn]);
            const std::string_view timeText = trim(fields[timeColumn]);
            std::int64_t number = 0;
            bool ok = true;
            if (id.empty()) {
                bad("empty card_id");
                ok = false;
            } else if (ratingText.size() != 1 || ratingText[0] < '1' || ratingText[0] > '4') {
                bad("review_rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not " + quoted(ratingText));
                ok = false;
            } else if (parseInteger(timeText, number)) {
                review.at = {number, 0};
            } else if (auto moment = parseIsoTime(timeText)) {
                review.at = *moment;
            } else {
                bad("review_time " + quoted(timeText) +
                    " is not an ISO-8601 time (2024-03-29T20:32:32Z, with Z or an offset) or epoch milliseconds");
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
                review.card = cards.find(id);
                history.reviews.push_back(review);
            }
        }
        if (errors >= options.maxErrors) break;
    }
    return result;
}

ReviewCsvResult readReviewCsv(const std::string& path, const ReviewCsvOptions& options) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        ReviewCsvResult result;
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, path, 0, 0, std::string("cannot open the file: ") + std::strerror(errno)});
        return result;
    }
    // One read of the whole file: no stream per line.
    std::string text;
    if (std::fseek(file, 0, SEEK_END) == 0) {
        const long size = std::ftell(file);
        std::fseek(file, 0, SEEK_SET);
        if (size > 0) {
            text.resize(static_cast<std::size_t>(size));
            text.resize(std::fread(text.data(), 1, text.size(), file));
        }
    }
    char buffer[1 << 14];
    while (true) {  // whatever is left (or all of it, for a pipe)
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file);
        text.append(buffer, got);
        if (got < sizeof buffer) break;
    }
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed) {
        ReviewCsvResult result;
        result.diagnostics.push_back({Diagnostic::Severity::Error, path, 0, 0, "cannot read the file"});
        return result;
    }
    return parseReviewCsv(text, path, options);
}

}  // namespace attune::model
