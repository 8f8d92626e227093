// Counts as people read them: the screens and the terminal group thousands.
#include "catch.hpp"

#include <attune/model/CountText.hpp>

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
