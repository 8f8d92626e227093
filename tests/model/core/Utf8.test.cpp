// The UTF-8 steps every reader of text shares: counting, checking, decoding and encoding.
#include "catch.hpp"

#include <attune/model/core/Utf8.hpp>

#include <string>

using namespace attune::model;

TEST_CASE("utf8 - characters are counted by their lead bytes") {
    CHECK(characterCount("") == 0);
    CHECK(characterCount("a\xC3\xA9\xE2\x80\xA6\xF0\x9F\x8C\xB1") == 4);
    CHECK(characterCount("\x80\x80") == 0);  // stray continuation bytes
    CHECK(characterCount("\xC3") == 1);      // a truncated sequence
    CHECK(isContinuationByte('\x80'));
    CHECK_FALSE(isContinuationByte('\xC3'));
    CHECK_FALSE(isContinuationByte('a'));
}

TEST_CASE("utf8 - the claimed length reads the lead byte's high bits only") {
    CHECK(claimedSequenceLength('a') == 1);
    CHECK(claimedSequenceLength(0x80) == 1);
    CHECK(claimedSequenceLength(0xC0) == 2);
    CHECK(claimedSequenceLength(0xDF) == 2);
    CHECK(claimedSequenceLength(0xE0) == 3);
    CHECK(claimedSequenceLength(0xF7) == 4);
    CHECK(claimedSequenceLength(0xF8) == 1);
    CHECK(claimedSequenceLength(0xFF) == 1);
}

TEST_CASE("utf8 - a valid sequence has its length, an invalid one none") {
    CHECK(validSequenceLength("a", 0) == 1);
    CHECK(validSequenceLength("\xC3\xA9", 0) == 2);
    CHECK(validSequenceLength("\xE2\x80\xA6", 0) == 3);
    CHECK(validSequenceLength("\xF4\x8F\xBF\xBF", 0) == 4);  // U+10FFFF
    CHECK(validSequenceLength("\xC0\xAF", 0) == 0);          // overlong
    CHECK(validSequenceLength("\xE0\x80\xAF", 0) == 0);      // overlong
    CHECK(validSequenceLength("\xED\xA0\x80", 0) == 0);      // surrogate
    CHECK(validSequenceLength("\xF0\x80\x80\xAF", 0) == 0);  // overlong
    CHECK(validSequenceLength("\xF4\x90\x80\x80", 0) == 0);  // past U+10FFFF
    CHECK(validSequenceLength("\xE2\x80", 0) == 0);          // truncated
    CHECK(validSequenceLength("\xE2\x41\xA6", 0) == 0);      // not a continuation byte
    CHECK(validSequenceLength("\x80", 0) == 0);
    CHECK(validSequenceLength("a\xC3\xA9", 1) == 2);
    CHECK(firstInvalidUtf8("ok \xC3\xA9") == std::nullopt);
    CHECK(firstInvalidUtf8("ok \xC3") == std::optional<std::size_t>(3));
}

TEST_CASE("utf8 - decoding and encoding round-trip code points") {
    char32_t cp = 0;
    CHECK(decodeSequence("\xC3\xA9", cp));
    CHECK(cp == U'\u00E9');
    CHECK(decodeSequence("\xF0\x9F\x8C\xB1", cp));
    CHECK(cp == U'\U0001F331');
    CHECK_FALSE(decodeSequence("\xE2\x41\xA6", cp));

    std::string out;
    appendUtf8(out, U'a');
    appendUtf8(out, U'\u00E9');
    appendUtf8(out, U'\u2026');
    appendUtf8(out, U'\U0001F331');
    CHECK(out == "a\xC3\xA9\xE2\x80\xA6\xF0\x9F\x8C\xB1");
    // A value past U+10FFFF decoded from stray bytes goes back out as those bytes.
    CHECK(decodeSequence("\xF7\xBF\xBF\xBF", cp));
    out.clear();
    appendUtf8(out, cp);
    CHECK(out == "\xF7\xBF\xBF\xBF");
}
