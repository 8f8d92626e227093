// Dates of the proleptic Gregorian calendar counted as days since 1970-01-01, the one place
// the model turns a year-month-day into a day number and back (H. Hinnant's era algorithms).
// std::chrono's calendar keeps its year in a short; these use 64-bit days so that any
// instant a damaged save or a CSV can hold still maps to a date instead of wrapping.
#pragma once

#include <cstdint>

namespace attune::model::civil {

struct Date {
    std::int64_t year = 1970;
    unsigned month = 1;  // 1-12
    unsigned day = 1;    // 1-31
};

constexpr std::int64_t daysFromDate(std::int64_t year, unsigned month, unsigned day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

constexpr Date dateFromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned shiftedMonth = (5 * dayOfYear + 2) / 153;  // 0 = March
    Date date;
    date.day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    date.month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    date.year = static_cast<std::int64_t>(yearOfEra) + era * 400 + (date.month <= 2 ? 1 : 0);
    return date;
}

constexpr bool isLeapYear(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

constexpr unsigned daysInMonth(std::int64_t year, unsigned month) {
    constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Checked at compile time against dates anyone can verify.
static_assert(daysFromDate(1970, 1, 1) == 0);
static_assert(daysFromDate(2000, 3, 1) == 11017);
static_assert(daysFromDate(1969, 12, 31) == -1);
static_assert(dateFromDays(11017).year == 2000 && dateFromDays(11017).month == 3 && dateFromDays(11017).day == 1);
static_assert(dateFromDays(-1).year == 1969 && dateFromDays(-1).month == 12 && dateFromDays(-1).day == 31);
static_assert(daysInMonth(2024, 2) == 29 && daysInMonth(1900, 2) == 28 && daysInMonth(2000, 2) == 29);

}  // namespace attune::model::civil
