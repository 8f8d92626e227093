// IANA time zones ("Europe/Berlin") read from the system tzdata (TZif files, version 2 and
// later), so a review history given in UTC can be placed on the player's own study days.
// GCC 12 has no std::chrono time-zone database, hence this small reader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

class TimeZone {
public:
    /// The zone for an IANA name from `zoneinfoDir`; nullopt and *error set ("unknown time
    /// zone 'Mars/Olympus'") when there is no such zone or its file is damaged.
    static std::optional<TimeZone> load(std::string_view name, std::string* error = nullptr,
                                        const std::string& zoneinfoDir = "/usr/share/zoneinfo");
    /// A zone from the bytes of a TZif file.
    static std::optional<TimeZone> fromTzif(std::string_view bytes, std::string name, std::string* error = nullptr);
    /// A zone at a fixed offset from UTC (no daylight saving).
    static TimeZone fixed(std::int32_t offsetSeconds, std::string name = "UTC");

    const std::string& name() const { return m_name; }
    /// The UTC offset in seconds in force at a moment (UTC milliseconds since the epoch).
    std::int32_t offsetAt(std::int64_t utcMs) const;
    /// The same, plus the span [validFromMs, validUntilMs) over which that offset holds, so a
    /// caller converting many nearby moments can skip the search.
    std::int32_t offsetAt(std::int64_t utcMs, std::int64_t& validFromMs, std::int64_t& validUntilMs) const;

private:
    // After the last listed transition the zone follows a POSIX TZ rule (the TZif footer).
    struct Rule {
        enum class Kind : std::uint8_t { Julian1, Julian0, MonthWeekDay };
        Kind kind = Kind::MonthWeekDay;
        int day = 0;    // Julian day, or weekday for MonthWeekDay
        int week = 0;   // 1..5 (5 = last)
        int month = 0;  // 1..12
        std::int32_t timeSeconds = 7200;
    };
    struct Footer {
        bool present = false;
        std::int32_t standardOffset = 0;
        bool hasDst = false;
        std::int32_t dstOffset = 0;
        Rule start, end;
    };

    std::int32_t footerOffset(std::int64_t utcSeconds) const;
    static std::int64_t ruleUtcSeconds(const Rule& rule, int year, std::int32_t offsetBefore);
    static bool parseFooter(std::string_view text, Footer& footer);

    std::string m_name;
    std::vector<std::int64_t> m_transitions;  // UTC seconds, ascending
    std::vector<std::int32_t> m_offsets;      // offset from m_transitions[i] on
    std::int32_t m_initialOffset = 0;         // before the first transition
    Footer m_footer;
};

}  // namespace attune::model
