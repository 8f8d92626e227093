// IANA zones from the system tzdata: offsets across DST, the TZ rule after the table, errors.
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/TimeZone.hpp>

#include <cstdint>
#include <string>

using attune::model::TimeZone;

namespace {

std::int64_t utc(const char* iso) {
    const auto moment = attune::model::parseIsoTime(iso);
    REQUIRE(moment.has_value());
    return moment->utcMs;
}

TimeZone zone(const char* name) {
    std::string error;
    auto z = TimeZone::load(name, &error);
    INFO(error);
    REQUIRE(z.has_value());
    return *z;
}

}  // namespace

TEST_CASE("time zone - Europe/Berlin switches to summer time on the last Sunday of March") {
    const TimeZone berlin = zone("Europe/Berlin");
    CHECK(berlin.name() == "Europe/Berlin");
    CHECK(berlin.offsetAt(utc("2024-03-31T00:59:59Z")) == 3600);
    CHECK(berlin.offsetAt(utc("2024-03-31T01:00:00Z")) == 7200);
    CHECK(berlin.offsetAt(utc("2024-10-27T00:59:59Z")) == 7200);
    CHECK(berlin.offsetAt(utc("2024-10-27T01:00:00Z")) == 3600);
    CHECK(berlin.offsetAt(utc("2024-07-01T12:00:00Z")) == 7200);
    CHECK(berlin.offsetAt(utc("2024-01-01T12:00:00Z")) == 3600);
}

TEST_CASE("time zone - southern hemisphere and half-hour zones") {
    const TimeZone sydney = zone("Australia/Sydney");
    CHECK(sydney.offsetAt(utc("2024-01-15T00:00:00Z")) == 11 * 3600);
    CHECK(sydney.offsetAt(utc("2024-07-15T00:00:00Z")) == 10 * 3600);
    CHECK(zone("Asia/Kolkata").offsetAt(utc("2024-07-15T00:00:00Z")) == 5 * 3600 + 1800);
    const TimeZone lordHowe = zone("Australia/Lord_Howe");
    CHECK(lordHowe.offsetAt(utc("2024-01-15T00:00:00Z")) == 11 * 3600);
    CHECK(lordHowe.offsetAt(utc("2024-07-15T00:00:00Z")) == 10 * 3600 + 1800);
}

TEST_CASE("time zone - New York history and the rule beyond the table") {
    const TimeZone newYork = zone("America/New_York");
    // 2006 rules (first Sunday of April) and 2007 rules (second Sunday of March).
    CHECK(newYork.offsetAt(utc("2006-03-20T12:00:00Z")) == -5 * 3600);
    CHECK(newYork.offsetAt(utc("2007-03-20T12:00:00Z")) == -4 * 3600);
    // Far future, past the last listed transition: the footer rule decides.
    CHECK(newYork.offsetAt(utc("2090-03-12T06:59:59Z")) == -5 * 3600);  // Sunday 12 March 2090, 02:00 EST, is the switch
    CHECK(newYork.offsetAt(utc("2090-03-12T07:00:00Z")) == -4 * 3600);
    CHECK(newYork.offsetAt(utc("2090-07-01T12:00:00Z")) == -4 * 3600);
    CHECK(newYork.offsetAt(utc("2090-12-01T12:00:00Z")) == -5 * 3600);
    const TimeZone sydney = zone("Australia/Sydney");
    CHECK(sydney.offsetAt(utc("2090-01-15T00:00:00Z")) == 11 * 3600);
    CHECK(sydney.offsetAt(utc("2090-07-15T00:00:00Z")) == 10 * 3600);
}

TEST_CASE("time zone - the span of an offset covers the moment asked about") {
    const TimeZone berlin = zone("Europe/Berlin");
    std::int64_t from = 0, until = 0;
    const std::int64_t t = utc("2024-07-01T12:00:00Z");
    CHECK(berlin.offsetAt(t, from, until) == 7200);
    CHECK(from == utc("2024-03-31T01:00:00Z"));
    CHECK(until == utc("2024-10-27T01:00:00Z"));
}

TEST_CASE("time zone - UTC and fixed zones") {
    CHECK(zone("UTC").offsetAt(utc("2024-07-01T12:00:00Z")) == 0);
    CHECK(TimeZone::fixed(-3600, "X").offsetAt(0) == -3600);
}

TEST_CASE("time zone - an unknown or unsafe name is refused with a clear message") {
    std::string error;
    CHECK_FALSE(TimeZone::load("Mars/Olympus_Mons", &error).has_value());
    CHECK(error.find("unknown time zone 'Mars/Olympus_Mons'") != std::string::npos);
    CHECK_FALSE(TimeZone::load("../../etc/passwd", &error).has_value());
    CHECK(error.find("unknown time zone") != std::string::npos);
    CHECK_FALSE(TimeZone::load("/etc/localtime", &error).has_value());
    CHECK_FALSE(TimeZone::load("", &error).has_value());
}

TEST_CASE("time zone - damaged TZif data is refused") {
    std::string error;
    CHECK_FALSE(TimeZone::fromTzif("not a zone file at all, clearly not one", "X", &error).has_value());
    CHECK(error.find("TZif") != std::string::npos);
    std::string truncated(44, '\0');
    truncated.replace(0, 5, "TZif2");
    truncated[20 + 4 * 3 + 3] = 100;  // 100 transitions that are not there
    CHECK_FALSE(TimeZone::fromTzif(truncated, "X", &error).has_value());
}
