#include <attune/model/core/TimeZone.hpp>

#include "core/CivilDate.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace attune::model {
namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Big-endian readers over the TZif bytes, bounds checked by the caller.
std::int64_t readBig(std::string_view bytes, std::size_t pos, std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[pos + i]);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
}

// A tiny cursor for the POSIX TZ string of the footer.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;
    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    bool number(int& value) {
        const std::size_t start = pos;
        value = 0;
        while (!done() && text[pos] >= '0' && text[pos] <= '9') {
            value = value * 10 + (text[pos] - '0');
            if (value > 100000) return false;
            ++pos;
        }
        return pos > start;
    }
    bool zoneName() {
        if (eat('<')) {
            while (!done() && peek() != '>') ++pos;
            return eat('>');
        }
        const std::size_t start = pos;
        while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) ++pos;
        return pos - start >= 3;
    }
    // [+-]hh[:mm[:ss]] in seconds.
    bool duration(std::int32_t& seconds) {
        int sign = 1;
        if (eat('-')) sign = -1;
        else eat('+');
        int h = 0, m = 0, s = 0;
        if (!number(h)) return false;
        if (eat(':')) {
            if (!number(m)) return false;
            if (eat(':') && !number(s)) return false;
        }
        seconds = sign * (h * 3600 + m * 60 + s);
        return true;
    }
};

}  // namespace

TimeZone TimeZone::fixed(std::int32_t offsetSeconds, std::string name) {
    TimeZone zone;
    zone.m_name = std::move(name);
    zone.m_initialOffset = offsetSeconds;
    return zone;
}

std::optional<TimeZone> TimeZone::load(std::string_view name, std::string* error, const std::string& zoneinfoDir) {
    auto fail = [&](const std::string& why) -> std::optional<TimeZone> {
        if (error != nullptr) *error = "unknown time zone '" + std::string(name) + "'" + why;
        return std::nullopt;
    };
    // Only IANA names: no absolute paths and no way out of the zoneinfo folder.
    const bool wellFormed =
        !name.empty() && name.front() != '/' && name.find("..") == std::string_view::npos &&
        std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                   c == '_' || c == '-' || c == '+';
        });
    if (!wellFormed) return fail(" (expected an IANA name such as Europe/Berlin)");
    const std::string path = zoneinfoDir + "/" + std::string(name);
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(" (expected an IANA name such as Europe/Berlin; none in " + zoneinfoDir + ")");
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    std::string why;
    auto zone = fromTzif(bytes, std::string(name), &why);
    if (!zone) return fail(" (" + path + ": " + why + ")");
    return zone;
}

std::optional<TimeZone> TimeZone::fromTzif(std::string_view bytes, std::string name, std::string* error) {
    auto fail = [&](const char* why) -> std::optional<TimeZone> {
        if (error != nullptr) *error = why;
        return std::nullopt;
    };
    constexpr std::size_t kHeader = 44;
    auto counts = [&](std::size_t at, std::array<std::int64_t, 6>& c) {
        if (bytes.size() < at + kHeader || bytes.substr(at, 4) != "TZif") return false;
        for (std::size_t i = 0; i < 6; ++i) {
            c[i] = readBig(bytes, at + 20 + 4 * i, 4);
            if (c[i] < 0 || c[i] > 1'000'000) return false;
        }
        return true;
    };
    std::array<std::int64_t, 6> c{};
    if (!counts(0, c)) return fail("not a TZif file");
    if (bytes[4] < '2') return fail("TZif version 1 files are not supported");
    auto blockSize = [](const std::array<std::int64_t, 6>& n, std::size_t timeWidth) {
        const auto [isut, isstd, leap, time, type, chars] = n;
        return static_cast<std::size_t>(time) * timeWidth + static_cast<std::size_t>(time) +
               static_cast<std::size_t>(type) * 6 + static_cast<std::size_t>(chars) +
               static_cast<std::size_t>(leap) * (timeWidth + 4) + static_cast<std::size_t>(isstd) +
               static_cast<std::size_t>(isut);
    };
    const std::size_t second = kHeader + blockSize(c, 4);
    if (!counts(second, c)) return fail("damaged TZif file (no version 2 data)");
    const std::size_t data = second + kHeader;
    if (bytes.size() < data + blockSize(c, 8)) return fail("damaged TZif file (truncated)");
    const auto timeCount = static_cast<std::size_t>(c[3]);
    const auto typeCount = static_cast<std::size_t>(c[4]);
    if (typeCount == 0) return fail("damaged TZif file (no local time types)");

    TimeZone zone;
    zone.m_name = std::move(name);
    std::vector<std::int32_t> typeOffsets(typeCount);
    const std::size_t typesAt = data + timeCount * 9;
    for (std::size_t i = 0; i < typeCount; ++i)
        typeOffsets[i] = static_cast<std::int32_t>(readBig(bytes, typesAt + i * 6, 4));
    zone.m_initialOffset = typeOffsets[0];
    zone.m_transitions.reserve(timeCount);
    zone.m_offsets.reserve(timeCount);
    for (std::size_t i = 0; i < timeCount; ++i) {
        const std::int64_t at = readBig(bytes, data + i * 8, 8);
        const auto type = static_cast<unsigned char>(bytes[data + timeCount * 8 + i]);
        if (type >= typeCount) return fail("damaged TZif file (bad local time type)");
        if (!zone.m_transitions.empty() && at <= zone.m_transitions.back()) return fail("damaged TZif file (unsorted)");
        zone.m_transitions.push_back(at);
        zone.m_offsets.push_back(typeOffsets[type]);
    }
    std::size_t footerAt = data + blockSize(c, 8);
    if (footerAt < bytes.size() && bytes[footerAt] == '\n') {
        const std::size_t end = bytes.find('\n', footerAt + 1);
        if (end != std::string_view::npos && end > footerAt + 1) {
            if (!parseFooter(bytes.substr(footerAt + 1, end - footerAt - 1), zone.m_footer))
                return fail("damaged TZif file (bad TZ rule in the footer)");
        }
    }
    return zone;
}

bool TimeZone::parseFooter(std::string_view text, Footer& footer) {
    Cursor cur{text};
    std::int32_t west = 0;
    if (!cur.zoneName() || !cur.duration(west)) return false;
    footer.present = true;
    footer.standardOffset = -west;  // POSIX counts hours west of Greenwich
    if (cur.done()) return true;
    if (!cur.zoneName()) return false;
    footer.hasDst = true;
    footer.dstOffset = footer.standardOffset + 3600;
    if (cur.peek() != ',' && !cur.done()) {
        if (!cur.duration(west)) return false;
        footer.dstOffset = -west;
    }
    auto rule = [&](Rule& r) {
        if (!cur.eat(',')) return false;
        if (cur.eat('M')) {
            r.kind = Rule::Kind::MonthWeekDay;
            if (!cur.number(r.month) || !cur.eat('.') || !cur.number(r.week) || !cur.eat('.') || !cur.number(r.day))
                return false;
            if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.day > 6) return false;
        } else if (cur.eat('J')) {
            r.kind = Rule::Kind::Julian1;
            if (!cur.number(r.day) || r.day < 1 || r.day > 365) return false;
        } else {
            r.kind = Rule::Kind::Julian0;
            if (!cur.number(r.day) || r.day > 365) return false;
        }
        r.timeSeconds = 7200;
        if (cur.eat('/') && !cur.duration(r.timeSeconds)) return false;
        return true;
    };
    if (!rule(footer.start) || !rule(footer.end)) return false;
    return cur.done();
}

std::int64_t TimeZone::ruleUtcSeconds(const Rule& rule, int year, std::int32_t offsetBefore) {
    std::int64_t day = 0;
    switch (rule.kind) {
    case Rule::Kind::Julian1: {
        // Day 1..365, February 29 never counted.
        int n = rule.day;
        if (civil::isLeapYear(year) && n >= 60) ++n;
        day = civil::daysFromDate(year, 1, 1) + n - 1;
        break;
    }
    case Rule::Kind::Julian0:
        day = civil::daysFromDate(year, 1, 1) + rule.day;
        break;
    case Rule::Kind::MonthWeekDay: {
        const std::int64_t first = civil::daysFromDate(year, static_cast<unsigned>(rule.month), 1);
        const int firstWeekday = static_cast<int>(((first % 7) + 7 + 4) % 7);  // 0 = Sunday
        std::int64_t d = first + (rule.day - firstWeekday + 7) % 7 + 7 * (rule.week - 1);
        const unsigned nextMonth = rule.month == 12 ? 1 : static_cast<unsigned>(rule.month + 1);
        const std::int64_t monthEnd = civil::daysFromDate(rule.month == 12 ? year + 1 : year, nextMonth, 1);
        while (d >= monthEnd) d -= 7;
        day = d;
        break;
    }
    }
    return day * 86400 + rule.timeSeconds - offsetBefore;
}

std::int32_t TimeZone::footerOffset(std::int64_t utcSeconds) const {
    if (!m_footer.hasDst) return m_footer.standardOffset;
    const int year = static_cast<int>(civil::dateFromDays(floorDiv(utcSeconds + m_footer.standardOffset, 86400)).year);
    const std::int64_t start = ruleUtcSeconds(m_footer.start, year, m_footer.standardOffset);
    const std::int64_t end = ruleUtcSeconds(m_footer.end, year, m_footer.dstOffset);
    const bool inDst = start < end ? (utcSeconds >= start && utcSeconds < end) : !(utcSeconds >= end && utcSeconds < start);
    return inDst ? m_footer.dstOffset : m_footer.standardOffset;
}

std::int32_t TimeZone::offsetAt(std::int64_t utcMs) const {
    std::int64_t from = 0, until = 0;
    return offsetAt(utcMs, from, until);
}

std::int32_t TimeZone::offsetAt(std::int64_t utcMs, std::int64_t& validFromMs, std::int64_t& validUntilMs) const {
    constexpr std::int64_t kFar = std::int64_t{1} << 62;
    const std::int64_t seconds = floorDiv(utcMs, 1000);
    const bool ruleAfter = m_footer.present;
    if (m_transitions.empty()) {
        if (ruleAfter && m_footer.hasDst) {
            validFromMs = seconds * 1000;
            validUntilMs = validFromMs + 1000;
            return footerOffset(seconds);
        }
        validFromMs = -kFar;
        validUntilMs = kFar;
        return ruleAfter ? m_footer.standardOffset : m_initialOffset;
    }
    if (seconds < m_transitions.front()) {
        validFromMs = -kFar;
        validUntilMs = m_transitions.front() * 1000;
        return m_initialOffset;
    }
    if (seconds >= m_transitions.back()) {
        if (!ruleAfter) {
            validFromMs = m_transitions.back() * 1000;
            validUntilMs = kFar;
            return m_offsets.back();
        }
        // Past the table the rule decides; no caching there (tzdata lists transitions to 2037).
        validFromMs = seconds * 1000;
        validUntilMs = validFromMs + 1000;
        return footerOffset(seconds);
    }
    const auto it = std::upper_bound(m_transitions.begin(), m_transitions.end(), seconds);
    const auto index = static_cast<std::size_t>(it - m_transitions.begin());
    validFromMs = m_transitions[index - 1] * 1000;
    validUntilMs = m_transitions[index] * 1000;
    return m_offsets[index - 1];
}

}  // namespace attune::model
