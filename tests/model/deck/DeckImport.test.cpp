// Importing Anki and Quizlet exports: separators, quoting, Anki's header lines, the round trip
// into a deck that loads, and ids that survive re-importing an updated file.
#include "catch.hpp"

#include <attune/model/deck/DeckImport.hpp>

#include <toml++/toml.h>

using namespace attune::model;

namespace {

ImportOptions options(const std::string& sourceName = "cards.csv") {
    ImportOptions o;
    o.deckId = "imported";
    o.title = "Imported cards";
    o.sourceName = sourceName;
    return o;
}

// Imports and loads the result; the deck must load without errors.
Deck importAndLoad(const std::string& csv, const ImportOptions& o, const Deck* previous = nullptr) {
    const ImportResult result = importCards(csv, o, previous);
    std::string all;
    for (const auto& d : result.diagnostics) all += "\n  " + d.format();
    INFO("import diagnostics:" << all << "\n" << result.toml);
    REQUIRE_FALSE(hasErrors(result.diagnostics));
    const DeckLoadResult loaded = loadDeckFromText(result.toml, "imported.toml");
    for (const auto& d : loaded.diagnostics) all += "\n  " + d.format();
    INFO("load diagnostics:" << all);
    REQUIRE(loaded.deck.has_value());
    return *loaded.deck;
}

}  // namespace

TEST_CASE("import - comma separated rows with quotes become basic cards") {
    const std::string csv = "amygdala,the brain's alarm\n"
                            "\"secure, base\",\"a \"\"safe\"\" place\nto explore from\"\n"
                            "\r\n"
                            "trust,built slowly,core trust\r\n";
    const Deck deck = importAndLoad(csv, options());
    REQUIRE(deck.cards.size() == 3);
    CHECK(deck.cards[0].front == "amygdala");
    CHECK(deck.cards[0].back == "the brain's alarm");
    CHECK(deck.cards[1].front == "secure, base");
    CHECK(deck.cards[1].back == "a \"safe\" place\nto explore from");
    CHECK(deck.cards[2].tags == std::vector<std::string>{"core", "trust"});
    CHECK(deck.id == "imported");
    CHECK(deck.title == "Imported cards");
    REQUIRE(deck.topics.size() == 1);
    CHECK(deck.topics[0].title == "Imported");
}

TEST_CASE("import - Quizlet's tab export and a detected semicolon") {
    CHECK(importAndLoad("term one\tdefinition one\nterm two\tdefinition, with comma\n", options("quizlet.txt")).cards.size() == 2);
    const Deck semicolons = importAndLoad("a;b\nc;d, e\n", options());
    REQUIRE(semicolons.cards.size() == 2);
    CHECK(semicolons.cards[1].back == "d, e");
    const ImportResult tsv = importCards("a,b\tc\n", options("list.tsv"));
    CHECK(tsv.separator == '\t');
}

TEST_CASE("import - an explicit separator wins") {
    ImportOptions o = options();
    o.separator = '|';
    const Deck deck = importAndLoad("a, b|c\n", o);
    REQUIRE(deck.cards.size() == 1);
    CHECK(deck.cards[0].front == "a, b");
}

TEST_CASE("import - Anki header lines set separator, HTML and the tags column") {
    const std::string anki = "#separator:tab\n#html:true\n#notetype column:1\n#tags column:4\n"
                             "Basic\tWhat is <b>validation</b>?\tSaying &quot;your feeling makes sense&quot;<br>even when you disagree\ttalk::core\n";
    ImportOptions o = options("anki.txt");
    o.topicTitle = "Talking";
    const Deck deck = importAndLoad(anki, o);
    REQUIRE(deck.cards.size() == 1);
    CHECK(deck.cards[0].front == "What is validation?");
    CHECK(deck.cards[0].back == "Saying \"your feeling makes sense\"\neven when you disagree");
    CHECK(deck.cards[0].tags == std::vector<std::string>{"talk::core"});
    CHECK(deck.topics[0].id == "talking");
}

TEST_CASE("import - rows without a back are skipped with a warning naming the line") {
    const ImportResult result = importCards("a,b\nlonely\nc,d\n", options());
    REQUIRE(result.cardCount == 2);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(result.diagnostics[0].line == 2);
}

TEST_CASE("import - unusable input is an error") {
    CHECK(hasErrors(importCards("", options()).diagnostics));
    CHECK(hasErrors(importCards("no separator here\n", options()).diagnostics));
    CHECK(hasErrors(importCards("a,b\n\xFF,c\n", options()).diagnostics));
    ImportOptions badId = options();
    badId.deckId = "Bad Id";
    CHECK(hasErrors(importCards("a,b\n", badId).diagnostics));
}

TEST_CASE("import - an unterminated quote is an error at the quote, not a guess about separators") {
    // Once "cannot tell how fronts and backs are separated": the quote swallowed every comma.
    const ImportResult alone = importCards("\"front,back\n", options());
    REQUIRE(alone.diagnostics.size() == 1);
    CHECK(alone.diagnostics[0].format() == "cards.csv:1:1: error: unterminated quote: the field that starts here has no closing "
                                           "'\"' (a quote inside a quoted field is written twice: \"\")");
    // After good rows, at its column (characters, after an Anki header line).
    const ImportResult later = importCards("#separator:comma\na,b\nc, \"d\"\"e,f\ng,h\n", options());
    REQUIRE(later.diagnostics.size() == 1);
    CHECK(later.diagnostics[0].line == 3);
    CHECK(later.diagnostics[0].column == 4);
    CHECK(later.diagnostics[0].message.find("unterminated quote") == 0);
    CHECK(later.toml.empty());
    const ImportResult detected = importCards("a,b\n\xC3\xA9,\"x\n", options());
    REQUIRE(detected.diagnostics.size() == 1);
    CHECK(detected.diagnostics[0].format().find("cards.csv:2:3: error: unterminated quote") == 0);
}

TEST_CASE("import - a quoted field with line breaks is one field, CRLF read as a line break") {
    const Deck deck = importAndLoad("front,back\r\n\"two\r\nlines\",\"a back\r\nwith \"\"quotes\"\"\r\nand a break\"\r\nlast,row\r\n", options());
    REQUIRE(deck.cards.size() == 3);
    CHECK(deck.cards[1].front == "two\nlines");
    CHECK(deck.cards[1].back == "a back\nwith \"quotes\"\nand a break");
    CHECK(deck.cards[2].front == "last");
    // Rows after it keep their line numbers.
    const ImportResult result = importCards("\"a\nb\",c\nlonely\n", options());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].line == 3);
}

TEST_CASE("import - control characters are an error at their place, since a deck may not hold them") {
    const ImportResult escape = importCards("a,b\nc,d \x1B]0;owned\x07\n", options());
    REQUIRE(escape.diagnostics.size() == 1);
    CHECK(escape.diagnostics[0].format().find("cards.csv:2:5: error: control character U+001B: remove it") == 0);
    CHECK(importCards("a,b\xC2\x9B" "1m\n", options()).diagnostics.at(0).message.find("U+009B") != std::string::npos);
    CHECK(importCards("a,\"b\x7F\"\n", options()).diagnostics.at(0).column == 5);
    // A UTF-16 file without its byte order mark: NUL bytes.
    const std::string utf16("a\0,\0b\0\n\0", 8);
    CHECK(importCards(utf16, options()).diagnostics.at(0).message.find("not UTF-16") != std::string::npos);
    CHECK(importCards("a,b\rc,d\r", options()).diagnostics.at(0).message.find("carriage return") != std::string::npos);
    // Tabs inside a quoted field are text (and the comma is the separator).
    const Deck deck = importAndLoad("a,\"b\tc\"\n", options());
    CHECK(deck.cards[0].back == "b\tc");
}

TEST_CASE("import - a title or topic the deck could not hold is an error, long tags skip their row") {
    ImportOptions longTitle = options();
    longTitle.title = std::string(kMaxTextCharacters + 1, 't');
    const ImportResult title = importCards("a,b\n", longTitle);
    REQUIRE(title.diagnostics.size() == 1);
    CHECK(title.diagnostics[0].message == "the title has 10001 characters: deck texts are limited to 10000");
    longTitle.title = std::string(kMaxTextCharacters, 't');
    CHECK(importAndLoad("a,b\n", longTitle).title.size() == kMaxTextCharacters);
    ImportOptions bell = options();
    bell.topicTitle = "ding\x07";
    CHECK(importCards("a,b\n", bell).diagnostics.at(0).message == "the topic may not hold control characters (U+0007)");
    CHECK(importTextProblem("Spanish \xC3\xA9") == "");

    const std::string tag(kMaxTextCharacters + 1, 'g');
    const ImportResult tags = importCards("a,b," + tag + "\nc,d,short\n", options());
    CHECK(tags.cardCount == 1);
    CHECK(tags.diagnostics.at(0).severity == Diagnostic::Severity::Warning);
}

TEST_CASE("import - many short rows that would make a deck over 8 MiB are an error") {
    std::string csv;
    for (int i = 0; i < 99000; ++i) csv += std::to_string(i) + ",b\n";  // about 700 kB
    const ImportResult result = importCards(csv, options());
    REQUIRE(hasErrors(result.diagnostics));
    CHECK(result.diagnostics.back().message.find("decks are limited to 8 MiB") != std::string::npos);
    CHECK(result.toml.empty());
}

TEST_CASE("import - the file's name in the description keeps no control characters") {
    const Deck deck = importAndLoad("a,b\n", options("bell\x07\xFF.csv"));
    CHECK(deck.description == "Imported from bell??.csv.");
}

TEST_CASE("import - ids come from the front and survive re-importing an updated file") {
    const Deck first = importAndLoad("amygdala,alarm\ntrust,slow\nbase,secure\n", options());
    REQUIRE(first.cards.size() == 3);
    CHECK(first.cards[0].id == importedCardId("amygdala"));
    CHECK(first.cards[0].id.rfind("amygdala-", 0) == 0);

    // The updated export: a back edited, a row removed, a row added, the order changed.
    const Deck second = importAndLoad("base,a secure base\nnew card,fresh\namygdala,the alarm\n", options(), &first);
    REQUIRE(second.cards.size() == 3);
    CHECK(second.findCard(first.cards[0].id)->back == "the alarm");
    CHECK(second.findCard(first.cards[2].id)->back == "a secure base");
    CHECK(second.findCard(first.cards[1].id) == nullptr);
    CHECK(second.cards[1].id == importedCardId("new card"));
}

TEST_CASE("import - ids the author changed, explanations and allow lists added are kept on re-import") {
    Deck edited = importAndLoad("amygdala,alarm\n", options());
    edited.cards[0].id = "my-own-id";
    edited.cards[0].explain = "Added by hand.";
    edited.cards[0].allow = {"whole-list", "explain-repeats-answer"};
    edited.allow = {"true-false-balance"};
    edited.cards[0].type = CardType::Reverse;
    const ImportResult again = importCards("amygdala,alarm!\n", options(), &edited);
    CHECK(again.keptIds == 1);
    const Deck reloaded = *loadDeckFromText(again.toml, "x.toml").deck;
    CHECK(reloaded.cards[0].id == "my-own-id");
    CHECK(reloaded.cards[0].explain == "Added by hand.");
    CHECK(reloaded.cards[0].allow == std::vector<std::string>{"whole-list", "explain-repeats-answer"});
    CHECK(reloaded.allow == std::vector<std::string>{"true-false-balance"});
    CHECK(reloaded.cards[0].type == CardType::Reverse);
}

TEST_CASE("import - equal fronts get distinct ids") {
    const Deck deck = importAndLoad("same,one\nsame,two\n", options());
    REQUIRE(deck.cards.size() == 2);
    CHECK(deck.cards[0].id != deck.cards[1].id);
}

TEST_CASE("import - TOML strings escape quotes, backslashes and control characters") {
    CHECK(tomlString("plain") == "\"plain\"");
    CHECK(tomlString("a \"q\" \\ b") == "\"a \\\"q\\\" \\\\ b\"");
    CHECK(tomlString("line\nnext\ttab") == "\"line\\nnext\\ttab\"");
    CHECK(tomlString(std::string("nul\0bell\x07", 9)) == "\"nul\\u0000bell\\u0007\"");
    CHECK(tomlString("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
    // Whatever the text, TOML reads it back unchanged (a deck refuses the control characters).
    const std::string nasty = "\"\"\" ''' \\u0041 \\ \r\n\t \x1F {{c1::x}} # [[card]]";
    const toml::table parsed = toml::parse("title = " + tomlString(nasty) + "\n");
    CHECK(parsed["title"].value_or(std::string()) == nasty);
    const std::string text = "\"\"\" ''' \\u0041 \\ \n\t {{c1::x}} # [[card]]";
    const std::string deck = "[deck]\nid = \"x\"\ntitle = " + tomlString(text) + "\ndescription = \"d\"\nversion = \"1\"\n";
    const DeckLoadResult loaded = loadDeckFromText(deck, "x.toml");
    REQUIRE(loaded.deck.has_value());
    CHECK(loaded.deck->title == text);
}

TEST_CASE("import - slugs are lower-case words joined by dashes") {
    CHECK(slugify("My Spanish Words!") == "my-spanish-words");
    CHECK(slugify("  --a--b--  ") == "a-b");
    CHECK(slugify("\xC3\xA9t\xC3\xA9") == "t");
    CHECK(slugify("???").empty());
}

TEST_CASE("starter deck - it loads without errors or warnings and uses every card type") {
    const DeckLoadResult loaded = loadDeckFromText(starterDeckToml("my-deck", "My \"Deck\""), "my-deck.toml");
    REQUIRE(loaded.deck.has_value());
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.deck->title == "My \"Deck\"");
    for (const auto type : {CardType::Basic, CardType::Reverse, CardType::Cloze, CardType::Choice, CardType::TrueFalse, CardType::TypeIn}) {
        CHECK(std::any_of(loaded.deck->cards.begin(), loaded.deck->cards.end(), [&](const Card& c) { return c.type == type; }));
    }
}
