// Importing Anki and Quizlet exports: separators, quoting, Anki's header lines, the round trip
// into a deck that loads, and ids that survive re-importing an updated file.
#include "catch.hpp"

#include <attune/model/DeckImport.hpp>

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

TEST_CASE("import - ids the author changed and explanations added are kept on re-import") {
    Deck edited = importAndLoad("amygdala,alarm\n", options());
    edited.cards[0].id = "my-own-id";
    edited.cards[0].explain = "Added by hand.";
    edited.cards[0].type = CardType::Reverse;
    const ImportResult again = importCards("amygdala,alarm!\n", options(), &edited);
    CHECK(again.keptIds == 1);
    const Deck reloaded = *loadDeckFromText(again.toml, "x.toml").deck;
    CHECK(reloaded.cards[0].id == "my-own-id");
    CHECK(reloaded.cards[0].explain == "Added by hand.");
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
