#include <attune/model/core/Clock.hpp>

#include "core/CivilDate.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace attune::model {
namespace {

bool readDigits(std::string_view text, std::size_t& pos, std::size_t count, int& value) {
    if (pos + count > text.size()) return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

int localOffsetSeconds(std::time_t t) {
    std::tm local{};
    localtime_r(&t, &local);
    return static_cast<int>(local.tm_gmtoff);
}

}  // namespace

std::optional<scheduler::Moment> parseIsoTime(std::string_view text) {
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, pos, 4, year) || !expect(text, pos, '-') || !readDigits(text, pos, 2, month) ||
        !expect(text, pos, '-') || !readDigits(text, pos, 2, day))
        return std::nullopt;
    if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
        ++pos;
        if (!readDigits(text, pos, 2, hour) || !expect(text, pos, ':') || !readDigits(text, pos, 2, minute))
            return std::nullopt;
        if (expect(text, pos, ':') && !readDigits(text, pos, 2, second)) return std::nullopt;
    }
    std::int64_t millis = 0;
    if (expect(text, pos, '.')) {
        int scale = 100;
        std::size_t digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (scale > 0) millis += (text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
            ++digits;
        }
        if (digits == 0) return std::nullopt;
    }
    int offset = 0;
    if (pos < text.size()) {
        const char c = text[pos];
        if (c == 'Z' || c == 'z') {
            ++pos;
        } else if (c == '+' || c == '-') {
            ++pos;
            int oh = 0, om = 0;
            if (!readDigits(text, pos, 2, oh)) return std::nullopt;
            expect(text, pos, ':');
            if (!readDigits(text, pos, 2, om)) return std::nullopt;
            if (oh > 18 || om > 59 || (oh == 18 && om > 0)) return std::nullopt;  // ISO 8601's widest offsets
            offset = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
        }
    }
    if (pos != text.size()) return std::nullopt;
    // A date that does not exist (2026-02-30) is refused, not rolled over into the next month.
    if (month < 1 || month > 12 || day < 1 || day > static_cast<int>(civil::daysInMonth(year, static_cast<unsigned>(month))) || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const std::int64_t days = civil::daysFromDate(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t localSeconds = days * 86400 + hour * 3600 + minute * 60 + second;
    return scheduler::Moment{(localSeconds - offset) * 1000 + millis, offset};
}

std::string formatIsoTime(scheduler::Moment moment) {
    const std::int64_t localMs = moment.utcMs + std::int64_t{moment.utcOffsetSeconds} * 1000;
    std::int64_t days = localMs / 86400000;
    std::int64_t msOfDay = localMs % 86400000;
    if (msOfDay < 0) {
        msOfDay += 86400000;
        --days;
    }
    const civil::Date date = civil::dateFromDays(days);
    const auto secs = msOfDay / 1000;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year), date.month, date.day, static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    std::string out = buffer;
    if (msOfDay % 1000 != 0) {
        std::snprintf(buffer, sizeof buffer, ".%03d", static_cast<int>(msOfDay % 1000));
        out += buffer;
    }
    if (moment.utcOffsetSeconds == 0) return out + "Z";
    const int off = moment.utcOffsetSeconds < 0 ? -moment.utcOffsetSeconds : moment.utcOffsetSeconds;
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", moment.utcOffsetSeconds < 0 ? '-' : '+', off / 3600,
                  off / 60 % 60);
    return out + buffer;
}

bool withinReviewEra(std::int64_t utcMs) { return utcMs >= kEarliestReviewMs && utcMs < kLatestReviewMs; }

std::optional<std::string> pinnedClockProblem() {
    const char* pinned = std::getenv("ATTUNE_NOW");
    if (pinned == nullptr) return std::nullopt;
    const std::string text = pinned;
    const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    const auto moment = parseIsoTime(text);
    if (!moment)
        return "ATTUNE_NOW='" + shown +
               "' is not a time: use ISO 8601, like 2026-11-27T09:30:00+01:00 (or unset it for the real clock)";
    if (!withinReviewEra(moment->utcMs))
        return "ATTUNE_NOW='" + shown + "' is outside the years Attune keeps answers for (1980 to 2199)";
    return std::nullopt;
}

scheduler::Moment now() {
    if (const char* pinned = std::getenv("ATTUNE_NOW"); pinned != nullptr) {
        if (auto moment = parseIsoTime(pinned); moment && withinReviewEra(moment->utcMs)) return *moment;
    }
    const auto since = std::chrono::system_clock::now().time_since_epoch();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(since).count();
    return {ms, localOffsetSeconds(static_cast<std::time_t>(ms / 1000))};
}

}  // namespace attune::model
