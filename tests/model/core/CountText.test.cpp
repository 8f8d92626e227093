// Counts as people read them: the screens and the terminal group thousands.
#include "catch.hpp"

#include <attune/model/core/CountText.hpp>

#include <cstdint>

TEST_CASE("count text - counts group their thousands, down to INT64_MIN") {
    using attune::model::countText;
    CHECK(countText(0) == "0");
    CHECK(countText(7) == "7");
    CHECK(countText(999) == "999");
    CHECK(countText(1000) == "1,000");
    CHECK(countText(12580) == "12,580");
    CHECK(countText(1823084) == "1,823,084");
    CHECK(countText(-4500) == "-4,500");
    CHECK(countText(INT64_MAX) == "9,223,372,036,854,775,807");
    CHECK(countText(INT64_MIN) == "-9,223,372,036,854,775,808");
}

TEST_CASE("count text - a countdown to learning cards rounds up to whole minutes and says hours") {
    using attune::model::comeBackText;
    using attune::model::waitText;
    constexpr std::int64_t now = 1'800'000'000'000;
    constexpr std::int64_t minute = 60'000;
    CHECK(waitText(now, now) == "now");
    CHECK(waitText(now - minute, now) == "now");
    CHECK(waitText(now + 1, now) == "in 1 min");
    CHECK(waitText(now + 8 * minute, now) == "in 8 min");
    CHECK(waitText(now + 8 * minute + 1, now) == "in 9 min");
    CHECK(waitText(now + 60 * minute, now) == "in 1 h");
    CHECK(waitText(now + 65 * minute, now) == "in 1 h 5 min");
    CHECK(comeBackText(4, now + 8 * minute, now) == "4 cards come back in 8 min");
    CHECK(comeBackText(1, now + 30 * 1000, now) == "1 card comes back in 1 min");
    CHECK(comeBackText(1, now, now) == "1 card comes back now");
}
