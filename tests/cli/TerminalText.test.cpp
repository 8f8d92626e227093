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
