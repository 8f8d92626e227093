// Card text at a terminal wraps between words to the terminal's width; piped text does not.
#include "catch.hpp"

#include "cli/TerminalText.hpp"

#include <sstream>
#include <string>
#include <vector>

using attune::cli::wrapped;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::size_t characters(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("terminal text - wraps between words, indents under the prefix, keeps every word") {
    const std::string text =
        "It teaches the ideas of one guide about attachment in relationships. It is education, not therapy.";
    const std::string out = wrapped("A: ", text, 40);
    const auto rows = lines(out);
    REQUIRE(rows.size() > 1);
    CHECK(rows[0].rfind("A: It teaches", 0) == 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO(rows[i]);
        CHECK(characters(rows[i]) <= 39);             // the last column stays free
        if (i > 0) CHECK(rows[i].rfind("   ", 0) == 0);  // under the text, not the prefix
        CHECK(rows[i].back() != ' ');
    }
    // Nothing lost or split: the words, read back, are the text.
    std::string words;
    for (const auto& row : rows) words += (words.empty() ? "" : " ") + row.substr(3);
    CHECK(words == text);
}

TEST_CASE("terminal text - no width means one line, and a long word or UTF-8 stays whole") {
    CHECK(wrapped("Q: ", "one two three", 0) == "Q: one two three");
    const std::string out = wrapped("Why: ", "a supercalifragilisticexpialidocious word", 20);
    CHECK(out.find("supercalifragilisticexpialidocious") != std::string::npos);
    // "é" and "—" are one column each: eight of them fit where eight ASCII letters do.
    const auto rows = lines(wrapped("", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xE2\x80\x94\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94", 11));
    REQUIRE(rows.size() == 1);
    CHECK(characters(rows[0]) == 9);
    // The author's own line break starts a new line at the indent.
    CHECK(wrapped("A: ", "first\nsecond", 80) == "A: first\n   second");
}

TEST_CASE("terminal text - control characters never reach the terminal, whatever the deck says") {
    using attune::cli::terminalSafe;
    const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
    // ESC ] 0 ; ... BEL retitles a terminal; NUL, DEL, CR and C1 (U+009B is ESC [ to some).
    CHECK(terminalSafe("a\x1B]0;owned\x07z") == "a" + replacement + "]0;owned" + replacement + "z");
    CHECK(terminalSafe(std::string("x\0y", 3)) == "x" + replacement + "y");
    CHECK(terminalSafe("del\x7F cr\r c1\xC2\x9B" "31m") == "del" + replacement + " cr" + replacement + " c1" + replacement + "31m");
    // Invalid UTF-8 (a lone 0x9B byte is CSI to an 8-bit terminal) is replaced byte by byte.
    CHECK(terminalSafe("\x9B" "2J \xE2\x80") == replacement + "2J " + replacement + replacement);
    // Tabs, line breaks and all other UTF-8 stay as they are, U+00A0 (C2 A0) included.
    const std::string fine = "tab\there\nnext: caf\xC3\xA9 \xC2\xA0 \xE2\x80\x94 \xF0\x9F\x8C\x99";
    CHECK(terminalSafe(fine) == fine);
    // Card text at the terminal goes through it, wrapped or not, prefix too.
    CHECK(wrapped("Q: ", "ring\x07 me", 0) == "Q: ring" + replacement + " me");
    CHECK(wrapped("Q\x1B: ", "ring\x07 me", 40) == "Q" + replacement + ": ring" + replacement + " me");
}

namespace {

using attune::cli::displayWidth;

// The text of wrapped rows read back: each row without its indent, run together.
std::string joined(const std::vector<std::string>& rows, std::size_t indent) {
    std::string out;
    for (std::size_t i = 0; i < rows.size(); ++i) out += i == 0 ? rows[i] : rows[i].substr(indent);
    return out;
}

bool startsWith(const std::string& text, const std::string& start) { return text.rfind(start, 0) == 0; }
bool endsWith(const std::string& text, const std::string& end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

TEST_CASE("terminal text - display width: wide characters take two columns, marks none") {
    CHECK(displayWidth("") == 0);
    CHECK(displayWidth("Secure base") == 11);
    CHECK(displayWidth("caf\u00E9") == 4);
    CHECK(displayWidth("cafe\u0301") == 4);                                   // a combining accent takes no column
    CHECK(displayWidth("\u732B\u306F\u30CD\u30B3") == 8);                      // 猫はネコ
    CHECK(displayWidth("\u4F60\u597D\uFF01") == 6);                            // 你好！ (full-width !)
    CHECK(displayWidth("\uD55C\uAD6D\uC5B4") == 6);                            // 한국어
    CHECK(displayWidth("\u1112\u1161\u11AB") == 2);                            // 한 as conjoining jamo
    CHECK(displayWidth("\uFF21\uFF22") == 4);                                  // full-width ＡＢ
    CHECK(displayWidth("\uFF7A\uFF70\uFF8B\uFF70") == 4);                      // half-width ｺｰﾋｰ
    CHECK(displayWidth("\u0643\u064E\u062A\u064E\u0628\u064E") == 3);          // كَتَبَ: harakat take none
    CHECK(displayWidth("\u05E9\u05C1\u05B8\u05DC\u05D5\u05B9\u05DD") == 4);    // שָׁלוֹם
    CHECK(displayWidth("\u0939\u093F\u0928\u094D\u0926\u0940") == 5);          // हिन्दी: ि and ी are spacing marks, ् is not
    CHECK(displayWidth("\u0395\u03BB\u03BB\u03AC\u03B4\u03B1") == 6);          // Greek: ambiguous width counts one
    CHECK(displayWidth("\U0001F600") == 2);                                    // 😀
    CHECK(displayWidth("a\u200Db\u00ADc") == 3);                               // zero-width joiner and soft hyphen
}

TEST_CASE("terminal text - a Japanese sentence wraps between characters at the column limit") {
    // No spaces: before UAX #14 this stayed one line as wide as the sentence.
    const std::string text = "\u543E\u8F29\u306F\u732B\u3067\u3042\u308B\u3002\u540D\u524D\u306F\u307E\u3060\u7121\u3044\u3002"
                             "\u3069\u3053\u3067\u751F\u308C\u305F\u304B\u3068\u3093\u3068\u898B\u5F53\u304C\u3064\u304B\u306C\u3002";
    const auto rows = lines(wrapped("Q: ", text, 20));
    REQUIRE(rows.size() >= 4);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("row " << i << ": " << rows[i]);
        CHECK(displayWidth(rows[i]) <= 19);  // the last column stays free
        if (i + 1 < rows.size()) CHECK(displayWidth(rows[i]) >= 17);  // filled, not broken early
        if (i > 0) CHECK(startsWith(rows[i], "   "));
        CHECK_FALSE(startsWith(rows[i].substr(i == 0 ? 0 : 3), "\u3002"));  // never a full stop first on a line
    }
    // Every character is kept, none split, and no space is added between them.
    CHECK(joined(rows, 3) == "Q: " + text);
}

TEST_CASE("terminal text - mixed scripts keep their spaces, CJK breaks inside, Latin words stay whole") {
    const std::string text = "Say \u3053\u3093\u306B\u3061\u306F\u3001\u5143\u6C17\u3067\u3059\u304B to a friend, "
                             "then na\u00EFve caf\u00E9s.";
    const auto rows = lines(wrapped("", text, 16));
    REQUIRE(rows.size() > 1);
    for (const auto& row : rows) {
        INFO(row);
        CHECK(displayWidth(row) <= 15);
        CHECK(row.back() != ' ');
        CHECK(row.front() != ' ');
    }
    std::string words;
    for (const auto& row : rows) {
        const bool wideJoin = !words.empty() && static_cast<unsigned char>(words.back()) >= 0x80 &&
                              static_cast<unsigned char>(row.front()) >= 0xE3;
        words += (words.empty() || wideJoin ? "" : " ") + row;
    }
    CHECK(words == text);
}

TEST_CASE("terminal text - emoji sequences and combining marks are never split across lines") {
    // Each a single grapheme cluster: thumbs up with a skin tone, a family joined by ZWJ, a flag,
    // and e with two combining marks.
    const std::string thumbs = "\U0001F44D\U0001F3FD";
    const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
    const std::string flag = "\U0001F1EF\U0001F1F5";
    const std::string marked = "e\u0301\u0323";
    std::string text;
    for (int i = 0; i < 6; ++i) text += thumbs + family + flag + "\u7D75" + marked + "\u7D75";
    const auto rows = lines(wrapped("", text, 21));
    REQUIRE(rows.size() > 2);
    for (const auto& row : rows) {
        INFO(row);
        CHECK(displayWidth(row) <= 20);
        for (const std::string& continuation : {std::string("\U0001F3FD"), std::string("\u200D"), std::string("\u0301"), std::string("\u0323")})
            CHECK_FALSE(startsWith(row, continuation));
        CHECK_FALSE(endsWith(row, "\u200D"));
        std::size_t regional = 0;  // a flag is two regional indicators: each row holds whole pairs
        for (std::size_t at = row.find("\xF0\x9F\x87"); at != std::string::npos; at = row.find("\xF0\x9F\x87", at + 4)) ++regional;
        CHECK(regional % 2 == 0);
    }
    CHECK(joined(rows, 0) == text);
}

TEST_CASE("terminal text - right-to-left text wraps by its words in logical order, marks take no width") {
    // The terminal orders the letters; the wrapping only has to measure and break them right.
    const std::string arabic = "\u0627\u0644\u0642\u0650\u0637\u0651\u064E\u0629\u064F \u062A\u064E\u0646\u064E\u0627\u0645\u064F "
                               "\u0639\u064E\u0644\u064E\u0649 \u0627\u0644\u0643\u064F\u0631\u0652\u0633\u0650\u064A\u0651\u0650";
    CHECK(wrapped("A: ", arabic, 80) == "A: " + arabic);
    const auto rows = lines(wrapped("A: ", arabic, 14));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == "A: \u0627\u0644\u0642\u0650\u0637\u0651\u064E\u0629\u064F \u062A\u064E\u0646\u064E\u0627\u0645\u064F");
    CHECK(displayWidth(rows[0]) == 3 + 5 + 1 + 4);
}
