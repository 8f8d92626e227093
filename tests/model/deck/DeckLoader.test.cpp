// The deck loader: every error class at its exact line and column, warnings, limits, expansion
// into study cards and content hashes. Broken decks live in tests/data/decks/broken.
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/model/deck/PictureFile.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::TempDir;

namespace {

const fs::path kDecks = fs::path(ATTUNE_TEST_DATA_DIR) / "decks";

std::size_t countErrors(const std::vector<Diagnostic>& diagnostics) {
    std::size_t n = 0;
    for (const auto& d : diagnostics) n += d.severity == Diagnostic::Severity::Error ? 1u : 0u;
    return n;
}

// The file loads with exactly one error, at line:column, whose message contains `fragment`.
void expectOnlyError(const DeckLoadResult& result, int line, int column, const std::string& fragment) {
    INFO("diagnostics: " << [&] {
        std::string all;
        for (const auto& d : result.diagnostics) all += "\n  " + d.format();
        return all;
    }());
    CHECK_FALSE(result.deck.has_value());
    REQUIRE(countErrors(result.diagnostics) == 1);
    const auto error = std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
    CHECK(error->line == line);
    CHECK(error->column == column);
    CHECK(error->message.find(fragment) != std::string::npos);
}

void expectBrokenDeck(const std::string& name, int line, int column, const std::string& fragment) {
    const fs::path file = kDecks / "broken" / name;
    REQUIRE(fs::exists(file));
    const DeckLoadResult result = loadDeck(file);
    expectOnlyError(result, line, column, fragment);
    CHECK(result.diagnostics.front().file == file.string());
}

const std::string kHead = R"([deck]
id = "test"
title = "Test"
description = "A test deck."
version = "1"

[[topic]]
id = "t"
title = "Topic"
)";

DeckLoadResult load(const std::string& text) { return loadDeckFromText(text, kDecks / "inline.toml"); }


}  // namespace

TEST_CASE("deck errors - TOML syntax is reported where the parser stopped") {
    expectBrokenDeck("syntax.toml", 16, 10, "this text is not closed");
    expectOnlyError(load(kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"choice\"\nprompt = \"P\"\n"
                                 "options = [\"a\" \"b\"]\n"),
                    16, 16, "invalid TOML in array: expected comma");
    expectOnlyError(load(kHead + "title = \u201CTwice\u201D\n"), 10, 9, "typographic quote");
}

TEST_CASE("deck errors - a missing key is reported at the card header") {
    expectBrokenDeck("missing-key.toml", 11, 1, "card 'c1' needs 'back'");
}

TEST_CASE("deck errors - an unknown key is reported at the key with a suggestion") {
    expectBrokenDeck("unknown-key.toml", 15, 1, "did you mean 'front'?");
}

TEST_CASE("deck errors - a mistyped key is reported at its value") {
    expectBrokenDeck("mistyped-key.toml", 15, 9, "'front' must be text in quotes, not a whole number");
}

TEST_CASE("deck errors - a key of another card type is reported at the key") {
    expectOnlyError(load(kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\n"
                                 "options = [\"x\", \"y\"]\nexplain = \"E\"\n"),
                    17, 1, "'options' does not belong to a basic card");
}

TEST_CASE("deck errors - a duplicate card id is reported at the second id") {
    expectBrokenDeck("duplicate-card-id.toml", 20, 6, "duplicate card id 'c1' (first used on line 12)");
}

TEST_CASE("deck errors - a duplicate topic id is reported at the second id") {
    expectBrokenDeck("duplicate-topic-id.toml", 12, 6, "duplicate topic id 't' (first used on line 8)");
}

TEST_CASE("deck errors - a card naming an unknown topic is reported at its topic") {
    const DeckLoadResult result = loadDeck(kDecks / "broken" / "unknown-topic.toml");
    expectOnlyError(result, 13, 9, "unknown topic 'tt'");
}

TEST_CASE("deck errors - a choice answer that is not an option is reported at the answer") {
    expectBrokenDeck("choice-answer-not-option.toml", 17, 10, "is not one of the options");
}

TEST_CASE("deck errors - a duplicate option is reported at the repeated option") {
    expectBrokenDeck("choice-duplicate-options.toml", 16, 25, "duplicate option 'Yes'");
}

TEST_CASE("deck errors - a choice card needs 2 to 6 options") {
    expectBrokenDeck("choice-too-few-options.toml", 16, 11, "2 to 6 options, not 1");
    std::string seven = kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"choice\"\nprompt = \"P\"\n"
                                "options = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"]\nanswer = \"1\"\nexplain = \"E\"\n";
    expectOnlyError(load(seven), 16, 11, "not 7");
}

TEST_CASE("deck errors - a cloze without deletions is reported at its text") {
    expectBrokenDeck("cloze-no-deletions.toml", 15, 8, "at least one deletion");
}

TEST_CASE("deck errors - broken cloze braces are reported at the brace inside the text") {
    expectBrokenDeck("cloze-broken-braces.toml", 15, 13, "never closed");
    const auto card = [](const std::string& text) {
        return kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"cloze\"\ntext = " + text + "\nexplain = \"E\"\n";
    };
    expectOnlyError(load(card("\"a }} b {{c1::x}}\"")), 15, 11, "'}}' without a matching '{{'");
    expectOnlyError(load(card("'ab {{x::y}}'")), 15, 12, "starts with '{{c1::'");
    expectOnlyError(load(card("\"{{c1::a {{c2::b}} }}\"")), 15, 17, "cannot contain another '{{'");
    expectOnlyError(load(card("\"x {{c1::  }}\"")), 15, 11, "hides nothing");
    // After an escape the column inside the string is unknown: the value's start is reported.
    expectOnlyError(load(card("\"a\\tb {{c1::x\"")), 15, 8, "never closed");
}

TEST_CASE("deck errors - a cloze without c1 is reported at its lowest deletion") {
    // decks/FORMAT.md: "a cloze without {{c1::...}}" is an error; it once loaded.
    const auto card = [](const std::string& text) {
        return kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"cloze\"\ntext = " + text + "\nexplain = \"E\"\n";
    };
    expectOnlyError(load(card("\"Only {{c2::this}} gap.\"")), 15, 14, "needs a {{c1::...}} deletion");
    expectOnlyError(load(card("\"{{c3::a}} and {{c2::b}}\"")), 15, 23, "the lowest here is c2");
    // From c1 on, gaps are fine: removing a c2 later keeps c3's id and progress.
    const DeckLoadResult gap = load(card("\"{{c1::a}} and {{c3::b}}\""));
    REQUIRE(gap.deck.has_value());
    REQUIRE(gap.deck->studyCards.size() == 2);
    CHECK(gap.deck->studyCards[1].id == "c#c3");
}

TEST_CASE("deck errors - an empty text is reported at its value") {
    expectBrokenDeck("empty-text.toml", 15, 9, "'front' is empty");
}

TEST_CASE("deck errors - an unknown card type is reported at the type") {
    expectBrokenDeck("unknown-type.toml", 14, 8, "unknown card type 'multiple'");
}

TEST_CASE("deck errors - a truefalse answer in quotes is reported at the answer") {
    expectBrokenDeck("truefalse-quoted-answer.toml", 16, 10, "must be true or false");
}

TEST_CASE("deck errors - an invalid deck id is reported at the id") {
    expectBrokenDeck("bad-deck-id.toml", 2, 6, "lower-case letters, digits and '-'");
}

TEST_CASE("deck errors - a file without a deck table is reported for the whole file") {
    expectBrokenDeck("no-deck-table.toml", 0, 0, "no [deck] table");
}

TEST_CASE("deck errors - an absolute image path is refused") {
    expectBrokenDeck("image-absolute.toml", 17, 9, "is absolute");
}

TEST_CASE("deck errors - an image path with .. is refused") {
    expectBrokenDeck("image-dotdot.toml", 17, 9, "contains '..'");
}

TEST_CASE("deck errors - a missing image is reported") {
    expectBrokenDeck("image-missing.toml", 17, 9, "not found");
}

TEST_CASE("deck errors - an image file that is not a picture is refused where the path stands") {
    expectBrokenDeck("image-not-a-picture.toml", 17, 9, "is not a picture Attune can show (use PNG, JPEG, BMP or GIF)");
}

TEST_CASE("deck check - a picture is told from its first bytes") {
    CHECK(looksLikePicture(std::string_view("\x89PNG\r\n\x1A\n\0\0", 10)));
    CHECK(looksLikePicture("\xFF\xD8\xFF\xE0"));
    CHECK(looksLikePicture("BM6\0\0"));
    CHECK(looksLikePicture("GIF89a"));
    CHECK(looksLikePicture("GIF87a"));
    CHECK_FALSE(looksLikePicture(""));
    CHECK_FALSE(looksLikePicture("\x89PNG"));  // cut short
    CHECK_FALSE(looksLikePicture("GIF90a"));
    CHECK_FALSE(looksLikePicture("%PDF-1.7"));
    CHECK_FALSE(looksLikePicture("<svg xmlns="));
}

TEST_CASE("deck check - a card with an image and no alt gets a warning at the image") {
    const fs::path folder = kDecks / "good";
    const std::string card = "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\nexplain = \"E\"\n"
                             "image = \"images/pixel.png\"\n";
    const DeckLoadResult without = loadDeckFromText(kHead + card, folder / "inline.toml");
    REQUIRE(without.deck.has_value());
    REQUIRE(without.diagnostics.size() == 1);
    CHECK(without.diagnostics[0].format() ==
          (folder / "inline.toml").string() + ":18:9: warning: card 'c' has an image but no 'alt': say in a few words what it shows "
                                              "(the terminal and a missing file show it instead)");
    const DeckLoadResult with = loadDeckFromText(kHead + card + "alt = \"A red dot\"\n", folder / "inline.toml");
    REQUIRE(with.deck.has_value());
    CHECK(with.diagnostics.empty());
    CHECK(with.deck->cards.at(0).alt == "A red dot");
}

TEST_CASE("deck loading - alt must be text without control characters") {
    const fs::path folder = kDecks / "good";
    const std::string card = "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\nexplain = \"E\"\n"
                             "image = \"images/pixel.png\"\n";
    CHECK_FALSE(loadDeckFromText(kHead + card + "alt = 3\n", folder / "inline.toml").deck.has_value());
    CHECK_FALSE(loadDeckFromText(kHead + card + "alt = \"a\\u001b[2Jb\"\n", folder / "inline.toml").deck.has_value());
}

TEST_CASE("deck errors - an image symlink leading outside the deck folder is refused") {
    expectBrokenDeck("image-symlink/deck.toml", 17, 9, "outside the deck's folder through a symbolic link");
}

TEST_CASE("deck errors - invalid UTF-8 is reported at the bad byte") {
    expectBrokenDeck("invalid-utf8.toml", 16, 10, "invalid UTF-8 (byte 0xFF)");
    // Columns count characters, not bytes: the é before the bad byte is one column.
    expectOnlyError(load("[deck]\nid = \"caf\xC3\xA9\xC3\x28\"\n"), 2, 11, "invalid UTF-8 (byte 0xC3)");
    expectOnlyError(load("a = \"\xED\xA0\x80\"\n"), 1, 6, "invalid UTF-8");  // a surrogate
    expectOnlyError(load("a = \"\xC0\xAF\"\n"), 1, 6, "invalid UTF-8");      // an overlong '/'
}

TEST_CASE("deck limits - a file over 8 MiB is refused before it is read") {
    const TempDir folder("attune-deck-test-big");
    const fs::path& dir = folder.path;
    const fs::path file = dir / "big.toml";
    {
        std::ofstream out(file, std::ios::binary);
        out << kHead;
        out << std::string(kMaxDeckFileBytes, '#');
    }
    const DeckLoadResult result = loadDeck(file);
    expectOnlyError(result, 0, 0, "decks are limited to 8 MiB");
    CHECK(loadDeckFromText(std::string(kMaxDeckFileBytes + 1, ' '), file).diagnostics.at(0).message.find("8 MiB") !=
          std::string::npos);
}

TEST_CASE("deck limits - more than 100000 cards are refused before parsing") {
    std::string text = kHead;
    for (std::size_t i = 0; i <= kMaxDeckCards; ++i) text += "[[card]]\n";
    // Thousands of empty cards would each be an error if the parser ran: exactly one proves it did not.
    expectOnlyError(load(text), 0, 0, "at most 100000");
}

TEST_CASE("deck limits - a text over 10000 characters is refused before parsing at its start") {
    const std::string longText(kMaxTextCharacters + 1, 'x');
    const std::string text = kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"" + longText +
                             "\"\nback = \"A\"\nexplain = \"E\"\n";
    expectOnlyError(load(text), 15, 9, "texts are limited to 10000 characters");
    // Exactly at the limit it loads (with a long-text warning).
    const std::string atLimit = kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = '''" +
                                std::string(kMaxTextCharacters, 'y') + "'''\nback = \"A\"\nexplain = \"E\"\n";
    const DeckLoadResult ok = load(atLimit);
    CHECK(ok.deck.has_value());
}

TEST_CASE("deck errors - characters the TOML library cannot classify are refused first") {
    // TOML++ 3.3.0 reaches __builtin_unreachable() classifying some non-ASCII characters where
    // TOML allows none; the loader must refuse them before parsing (found by the fuzzer).
    expectOnlyError(load("[deck]\nid = \xC3\xA9\n"), 2, 6, "outside quotes");
    expectOnlyError(load("[deck]\n\"caf\xC3\xA9\" = 1\n"), 2, 1, "a key may only use ASCII");
    expectOnlyError(load("[\"\xC3\xA9\"]\n"), 1, 2, "a key may only use ASCII");
    expectOnlyError(load("a = [1, {b = 2, \"\xC3\xA9\" = 3}]\n"), 1, 17, "a key may only use ASCII");
    expectOnlyError(load("a = 2\"\xC3\xA9\"\n"), 1, 6, "a quote right after a value");
    // The fuzzer's find: '=' inside a bare value does not end it.
    expectOnlyError(load("p=2u)=\'\'\'7\'h*\xEF\xBB\x9F\'=\'\'x"), 1, 7, "a quote right after a value");
    expectOnlyError(load("a = 1\"x\"\"\xC3\xA9\"\n"), 1, 9, "a quote right after a value");
    expectOnlyError(load("a = \"\"\"x\\\n  \xC3\xA9\"\"\"\n"), 2, 3, "continued with");
    expectOnlyError(load("a = \"\"\"x\\\xC3\xA9\"\"\"\n"), 1, 9, "invalid escape");
    // Non-ASCII text in values, arrays and comments is fine.
    const DeckLoadResult fine = load("# caf\xC3\xA9\n" + kHead + "description = \"\xC3\xA9\"\n");
    for (const auto& d : fine.diagnostics) CHECK(d.message.find("ASCII") == std::string::npos);
}

TEST_CASE("deck errors - keys, tables and lists nested over 64 levels deep are refused before parsing") {
    // A dotted key of 50000 parts made TOML++ recurse until the stack overflowed (exit 139).
    std::string deepKey = "a";
    for (int i = 1; i < 50000; ++i) deepKey += ".a";
    expectOnlyError(load(kHead + deepKey + " = 1\n"), 10, 1, "this key nests tables more than 64 levels deep");
    expectOnlyError(load(kHead + "[" + deepKey + "]\n"), 10, 2, "this key nests tables more than 64 levels deep");
    expectOnlyError(load(kHead + "[[card]]\nx = { y = 1, " + deepKey + " = 2 }\n"), 11, 14, "more than 64 levels deep");
    // Levels add up: the [table]'s parts, the key's parts, inline tables and lists.
    const auto parts = [](int n) {
        std::string key = "k";
        for (int i = 1; i < n; ++i) key += ".k";
        return key;
    };
    expectOnlyError(load("[" + parts(40) + "]\n" + parts(25) + " = 1\n"), 2, 1, "this key nests tables");
    expectOnlyError(load(kHead + "a = " + std::string(70, '[') + "\n"), 10, 68, "lists and tables nested more than 64 levels deep");
    std::string inlineTables = "a = ";
    for (int i = 0; i < 70; ++i) inlineTables += "{ b = ";
    expectOnlyError(load(kHead + inlineTables + "\n"), 10, 6 * 63 + 1, "this key nests tables");  // the 63rd b
    // 64 levels pass the guard: the loader's own message about the key follows.
    expectOnlyError(load(kHead + "[" + parts(60) + "]\n" + parts(4) + " = 1\n"), 10, 2, "unknown key");
}

TEST_CASE("deck errors - control characters in any text are an error at the character") {
    // Escape sequences, BEL or NUL in a card would reach the terminal of `study --tty`.
    const auto card = [](const std::string& key, const std::string& value) {
        return kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\n" + key +
               " = " + value + "\n";
    };
    expectOnlyError(load(card("explain", "\"x\\u001B]0;owned\\u0007\"")), 17, 13, "'explain' holds the control character U+001B");
    expectOnlyError(load(card("explain", "\"ring \\u0007\"")), 17, 17, "U+0007");
    expectOnlyError(load(card("explain", "\"nul \\u0000\"")), 17, 16, "U+0000");
    expectOnlyError(load(card("explain", "\"del \\u007F\"")), 17, 16, "U+007F");
    expectOnlyError(load(card("explain", "\"cr \\r\"")), 17, 15, "U+000D");
    // C1 controls may stand raw in TOML text: U+0085 and U+009B (ESC [ to some terminals).
    expectOnlyError(load(card("source", "\"a\xC2\x9B" "31m\"")), 17, 12, "'source' holds the control character U+009B");
    expectOnlyError(load(card("source", "'next\xC2\x85line'")), 17, 15, "U+0085");
    // In lists, titles and the version too.
    expectOnlyError(load(card("tags", "[\"ok\", \"b\\u0008\"]")), 17, 17, "'tags' holds the control character U+0008");
    std::string title = kHead;
    title.replace(title.find("\"Test\""), 6, "\"Te\\u001Bst\"");
    expectOnlyError(load(title), 3, 12, "'title' holds the control character U+001B");
    std::string version = kHead;
    version.replace(version.find("\"1\""), 3, "\"1\\u0007\"");
    expectOnlyError(load(version), 5, 13, "'version' holds the control character U+0007");
    // Tabs, line breaks and other characters (U+00A0, U+2028) are text.
    const DeckLoadResult fine = load(card("explain", "\"tab\\there\\nnext\xC2\xA0\xE2\x80\xA8\""));
    CHECK(fine.deck.has_value());
    CHECK(countErrors(fine.diagnostics) == 0);
}

TEST_CASE("deck intro - an optional text in [deck], read before the first session") {
    const auto withIntro = [](const std::string& value) {
        std::string text = kHead;
        text.insert(text.find("version = "), "intro = " + value + "\n");  // line 5 of the file
        return text + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\nexplain = \"E\"\n";
    };
    const DeckLoadResult read = load(withIntro("\"Education, not therapy.\\nRead once.\""));
    REQUIRE(read.deck.has_value());
    CHECK(read.diagnostics.empty());
    CHECK(read.deck->intro == "Education, not therapy.\nRead once.");
    const DeckLoadResult none = load(kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\n");
    REQUIRE(none.deck.has_value());
    CHECK(none.deck->intro.empty());
    expectOnlyError(load(withIntro("3")), 5, 9, "'intro' must be text");
    expectOnlyError(load(withIntro("\"  \"")), 5, 9, "'intro' is empty");
    expectOnlyError(load(withIntro("\"a\\u001Bb\"")), 5, 11, "'intro' holds the control character U+001B");
}

TEST_CASE("deck errors - every problem of a file is reported, sorted by position") {
    const std::string text = kHead + "\n[[card]]\nid = \"a\"\ntopic = \"nope\"\ntype = \"basic\"\nfront = \"\"\nback = 3\n";
    const DeckLoadResult result = load(text);
    CHECK_FALSE(result.deck.has_value());
    REQUIRE(countErrors(result.diagnostics) == 3);
    for (std::size_t i = 1; i < result.diagnostics.size(); ++i) {
        CHECK(result.diagnostics[i - 1].line <= result.diagnostics[i].line);
    }
    CHECK(result.diagnostics.back().format() == (kDecks / "inline.toml").string() + ":16:8: error: 'back' must be text in quotes, not a whole number");
}

TEST_CASE("deck warnings - a card without explain") {
    const DeckLoadResult result = loadDeck(kDecks / "warnings" / "no-explain.toml");
    REQUIRE(result.deck.has_value());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(result.diagnostics[0].line == 11);
    CHECK(result.diagnostics[0].column == 1);
    CHECK(result.diagnostics[0].message.find("no 'explain'") != std::string::npos);
}

TEST_CASE("deck warnings - a topic without cards") {
    const DeckLoadResult result = loadDeck(kDecks / "warnings" / "topic-without-cards.toml");
    REQUIRE(result.deck.has_value());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(result.diagnostics[0].line == 11);
    CHECK(result.diagnostics[0].message.find("topic 'empty' has no cards") != std::string::npos);
}

TEST_CASE("deck warnings - a very long text") {
    const DeckLoadResult result = loadDeck(kDecks / "warnings" / "long-text.toml");
    REQUIRE(result.deck.has_value());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(result.diagnostics[0].line == 15);
    CHECK(result.diagnostics[0].column == 9);
    CHECK(result.diagnostics[0].message.find("very long") != std::string::npos);
}

TEST_CASE("deck loading - a good deck loads every card type without diagnostics") {
    const DeckLoadResult result = loadDeck(kDecks / "good" / "all-types.toml");
    REQUIRE(result.deck.has_value());
    CHECK(result.diagnostics.empty());
    const Deck& deck = *result.deck;
    CHECK(deck.id == "all-types");
    CHECK(deck.language == "en");
    CHECK(deck.intro == "Read once, before the first session.");
    REQUIRE(deck.topics.size() == 2);
    CHECK(deck.topics[0].id == "more");  // order = 1 comes before order = 2
    REQUIRE(deck.cards.size() == 6);
    const Card* choice = deck.findCard("choice-1");
    REQUIRE(choice != nullptr);
    CHECK(choice->type == CardType::Choice);
    CHECK(choice->options.size() == 3);
    CHECK(choice->answer == "Give space and offer to talk later");
    const Card* tf = deck.findCard("tf-1");
    REQUIRE(tf != nullptr);
    CHECK(tf->truth);
    const Card* typein = deck.findCard("typein-1");
    REQUIRE(typein != nullptr);
    CHECK(typein->accept == std::vector<std::string>{"safe base"});
    const Card* basic = deck.findCard("basic-1");
    REQUIRE(basic != nullptr);
    CHECK(basic->tags == std::vector<std::string>{"intro", "core"});
    CHECK(basic->source == "Section 1");
    CHECK(basic->line == 21);
}

TEST_CASE("deck loading - reverse and cloze cards expand into their study cards") {
    const DeckLoadResult result = loadDeck(kDecks / "good" / "all-types.toml");
    REQUIRE(result.deck.has_value());
    std::vector<std::string> ids;
    for (const auto& study : result.deck->studyCards) ids.push_back(study.id);
    CHECK(ids == std::vector<std::string>{"basic-1", "rev-1", "rev-1#reverse", "cloze-1#c1", "cloze-1#c2", "choice-1",
                                          "tf-1", "typein-1"});
    const StudyCard* reversed = result.deck->findStudyCard("rev-1#reverse");
    REQUIRE(reversed != nullptr);
    CHECK(reversed->reversed);
    CHECK(result.deck->cardOf(*reversed).id == "rev-1");
    const StudyCard* second = result.deck->findStudyCard("cloze-1#c2");
    REQUIRE(second != nullptr);
    CHECK(second->clozeNumber == 2);
    CHECK_FALSE(second->reversed);
}

TEST_CASE("deck loading - an image inside the deck folder loads") {
    const DeckLoadResult result = loadDeck(kDecks / "good" / "with-image.toml");
    REQUIRE(result.deck.has_value());
    CHECK(result.deck->cards.at(0).image == "images/pixel.png");
    CHECK(result.deck->cards.at(0).alt == "A single red pixel");
    CHECK(result.diagnostics.empty());
}

TEST_CASE("deck loading - the content hash follows the texts, not the id or tags") {
    const std::string card = "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\nexplain = \"E\"\n";
    const auto hashOf = [](const std::string& text) {
        const DeckLoadResult result = load(text);
        REQUIRE(result.deck.has_value());
        return result.deck->cards.at(0).contentHash;
    };
    const auto original = hashOf(kHead + card);
    CHECK(original != 0);
    CHECK(hashOf(kHead + card) == original);
    CHECK(hashOf(kHead + card + "tags = [\"x\"]\nsource = \"S\"\n") == original);
    std::string edited = card;
    edited.replace(edited.find("\"A\""), 3, "\"A!\"");
    CHECK(hashOf(kHead + edited) != original);
    Card a;  // a character moved from one text to the other
    a.front = "QA";
    a.back = "B";
    Card b = a;
    b.front = "Q";
    b.back = "AB";
    CHECK(cardContentHash(a) != cardContentHash(b));
    Card t;
    t.type = CardType::TrueFalse;
    t.statement = "S";
    Card f = t;
    f.truth = true;
    CHECK(cardContentHash(t) != cardContentHash(f));
}

TEST_CASE("deck loading - never throws on a missing file or a folder") {
    const DeckLoadResult missing = loadDeck(kDecks / "no-such-deck.toml");
    expectOnlyError(missing, 0, 0, "no such file");
    const DeckLoadResult folder = loadDeck(kDecks / "good");
    expectOnlyError(folder, 0, 0, "is a folder");
}

TEST_CASE("deck loading - the bundled decks load with no errors and no warnings") {
    const fs::path bundled = fs::path(ATTUNE_SOURCE_DIR) / "decks";
    std::size_t decks = 0;
    for (const auto& entry : fs::directory_iterator(bundled)) {
        if (entry.path().extension() != ".toml") continue;
        ++decks;
        const DeckLoadResult result = loadDeck(entry.path());
        std::string all = entry.path().string();
        for (const auto& d : result.diagnostics) all += "\n  " + d.format();
        INFO(all);
        CHECK(result.deck.has_value());
        CHECK(result.diagnostics.empty());
    }
    CHECK(decks >= 1);
}

TEST_CASE("deck format - the examples in decks/FORMAT.md form a deck that checks clean") {
    std::ifstream in(fs::path(ATTUNE_SOURCE_DIR) / "decks" / "FORMAT.md", std::ios::binary);
    const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string deck;
    std::size_t cards = 0;
    for (std::size_t at = doc.find("```toml\n"); at != std::string::npos; at = doc.find("```toml\n", at)) {
        at += 8;
        const std::string block = doc.substr(at, doc.find("```", at) - at);
        if (block.find("[deck]") != std::string::npos) {
            deck = block + "\n[[topic]]\nid = \"habits\"\ntitle = \"Habits\"\n" + deck;
        } else if (block.find("[[card]]") != std::string::npos) {
            deck += "\n" + block;
            ++cards;
        }
    }
    CHECK(cards == 7);  // one example per card type, and a typein card with ignore_diacritics
    const DeckLoadResult result = loadDeckFromText(deck, "FORMAT.md.toml");
    std::string all;
    for (const auto& d : result.diagnostics) all += "\n  " + d.format();
    INFO(all);
    REQUIRE(result.deck.has_value());
    CHECK(result.diagnostics.empty());
    CHECK(result.deck->cards.size() == 8);
}

TEST_CASE("deck fuzzing - inputs that once broke the loader give one clear error") {
    // tests/data/decks/fuzz-regressions: what the libFuzzer target found (see tests/fuzz).
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(kDecks / "fuzz-regressions")) {
        ++files;
        const DeckLoadResult result = loadDeck(entry.path());
        INFO(entry.path().string());
        CHECK_FALSE(result.deck.has_value());
        CHECK(countErrors(result.diagnostics) == 1);
    }
    CHECK(files >= 4);
}

TEST_CASE("deck format - daily = false makes a reference deck and anything but true or false is an error at the value") {
    const std::string card = "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\nexplain = \"E\"\n";
    const auto plain = load(kHead + card);
    REQUIRE(plain.deck.has_value());
    CHECK(plain.deck->daily);
    std::string reference = kHead;
    reference.insert(reference.find("\n\n[[topic]]"), "\ndaily = false");
    const auto loaded = load(reference + card);
    REQUIRE(loaded.deck.has_value());
    CHECK_FALSE(loaded.deck->daily);
    std::string quoted = kHead;
    quoted.insert(quoted.find("\n\n[[topic]]"), "\ndaily = \"no\"");
    expectOnlyError(load(quoted + card), 6, 9, "'daily' must be true or false");
}

TEST_CASE("deck format - ignore_diacritics belongs to typein cards, as true or false") {
    const std::string typein = "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"typein\"\nprompt = \"Coffee in French?\"\n"
                               "answer = \"caf\u00E9\"\nexplain = \"E\"\n";
    const auto plain = load(kHead + typein);
    REQUIRE(plain.deck.has_value());
    CHECK_FALSE(plain.deck->cards[0].ignoreDiacritics);
    const auto relaxed = load(kHead + typein + "ignore_diacritics = true\n");
    REQUIRE(relaxed.deck.has_value());
    CHECK(relaxed.deck->cards[0].ignoreDiacritics);
    CHECK(typedAnswerMatches("cafe", relaxed.deck->cards[0]));
    CHECK_FALSE(typedAnswerMatches("cafe", plain.deck->cards[0]));
    // The setting changes what counts as right, so it changes the card's content hash.
    CHECK(relaxed.deck->cards[0].contentHash != plain.deck->cards[0].contentHash);
    const auto strict = load(kHead + typein + "ignore_diacritics = false\n");
    REQUIRE(strict.deck.has_value());
    CHECK(strict.deck->cards[0].contentHash == plain.deck->cards[0].contentHash);

    const auto quoted = load(kHead + typein + "ignore_diacritics = \"yes\"\n");
    expectOnlyError(quoted, 18, 21, "'ignore_diacritics' must be true or false (without quotes), not text");
    const auto onBasic = load(kHead + "\n[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"Q\"\nback = \"A\"\n"
                                      "ignore_diacritics = true\nexplain = \"E\"\n");
    expectOnlyError(onBasic, 17, 1, "'ignore_diacritics' does not belong to a basic card");
    const auto error = std::find_if(onBasic.diagnostics.begin(), onBasic.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
    REQUIRE(error != onBasic.diagnostics.end());
    CHECK(error->format().find("inline.toml:17:1: error: 'ignore_diacritics' does not belong") != std::string::npos);
}
