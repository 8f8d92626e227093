// Trimming and lowercasing as the CSV readers, the importers and the screens need them.
#include "catch.hpp"

#include <attune/model/core/Text.hpp>

using namespace attune::model;

TEST_CASE("text - trimmed drops the chosen characters at both ends only") {
    CHECK(trimmed("  a b \t\r\n") == "a b");
    CHECK(trimmed("\v\fa\f\v") == "a");
    CHECK(trimmed(" \t\r\n") == "");
    CHECK(trimmed("") == "");
    CHECK(trimmed("\va\v", kSpacesTabsAndLineBreaks) == "\va\v");
    CHECK(trimmed("\r\n a \r\n", kSpacesTabsAndLineBreaks) == "a");
}

TEST_CASE("text - a CSV field loses spaces and tabs around it and the CR of a line ending") {
    CHECK(trimmedCsvField(" \tcard-1\t \r") == "card-1");
    CHECK(trimmedCsvField("\rcard") == "\rcard");
    CHECK(trimmedCsvField("card\n") == "card\n");
    CHECK(trimmedCsvField(" \r") == "");
    CHECK(trimmedCsvField("") == "");
}

TEST_CASE("text - lowerAscii lowercases A-Z and leaves every other byte") {
    CHECK(lowerAscii("Card ID") == "card id");
    CHECK(lowerAscii("\xC3\x89t\xC3\xA9 [Z]") == "\xC3\x89t\xC3\xA9 [z]");
    CHECK(lowerAscii("") == "");
}
