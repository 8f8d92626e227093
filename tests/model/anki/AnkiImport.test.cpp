// The package reader and the conversion, on packages built with Anki's schemas
// (tests/support/AnkiFixture.hpp), in all three generations.
#include "AnkiFixture.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/anki/AnkiImport.hpp>
#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

#include <fstream>

using namespace attune::model;
using namespace attune::testing;

namespace {

struct Imported {
    std::string bytes;  // the package stays alive with the reader
    std::unique_ptr<AnkiPackage> package;
    AnkiImportResult result;
    std::optional<Deck> deck;
    std::vector<Diagnostic> deckDiagnostics;
};

std::unique_ptr<Imported> importPackage(const FixtureCollection& collection, AnkiFormat format, AnkiImportOptions options = {}) {
    auto imported = std::make_unique<Imported>();
    imported->bytes = ankiPackage(collection, format);
    auto opened = openAnkiPackage(std::string_view(imported->bytes));
    INFO(opened.error);
    REQUIRE(opened.package);
    imported->package = std::move(opened.package);
    if (options.sourceName.empty()) options.sourceName = "shared.apkg";
    imported->result = convertAnkiCollection(*imported->package, options);
    if (!imported->result.decks.empty() && imported->result.media.empty()) {
        auto loaded = loadDeckFromText(imported->result.decks.front().toml, "shared.toml");
        imported->deck = std::move(loaded.deck);
        imported->deckDiagnostics = std::move(loaded.diagnostics);
    }
    return imported;
}

AnkiFormat anyFormat() { return GENERATE(AnkiFormat::Legacy1, AnkiFormat::Legacy2, AnkiFormat::Latest); }

bool mentions(const std::vector<Diagnostic>& diagnostics, const std::string& text) {
    for (const auto& d : diagnostics) {
        if (d.message.find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("Anki import: every stock note type becomes its Attune card type, in every package generation") {
    const AnkiFormat format = anyFormat();
    FixtureCollection c;
    c.decks[2] = "Spanish";
    c.addNote(stockBasic(), {"<b>perro</b>", "dog"}, 2, "basic-guid");
    c.addNote(stockReversed(), {"gato", "cat"}, 2, "reversed-guid");
    c.addNote(stockOptionalReversed(), {"casa", "house", "y"}, 2, "optional-yes");
    c.addNote(stockOptionalReversed(), {"mesa", "table", ""}, 2, "optional-no");
    c.addNote(stockTyping(), {"Say 'thank you'", "gracias"}, 2, "typing-guid");
    c.addNote(stockCloze(), {"El {{c1::perro}} come {{c2::pan::food}}", "dogs eat bread"}, 2, "cloze-guid", {1, 2});
    auto imported = importPackage(c, format);
    INFO(imported->deckDiagnostics.size());
    REQUIRE(imported->deck);
    CHECK_FALSE(hasErrors(imported->result.diagnostics));
    const Deck& deck = *imported->deck;
    CHECK(deck.id == "spanish");
    CHECK(deck.title == "Spanish");
    REQUIRE(deck.cards.size() == 6);
    CHECK(deck.cards[0].type == CardType::Basic);
    CHECK(deck.cards[0].front == "perro");
    CHECK(deck.cards[0].back == "dog");
    CHECK(deck.cards[1].type == CardType::Reverse);
    CHECK(deck.cards[2].type == CardType::Reverse);
    CHECK(deck.cards[3].type == CardType::Basic);
    CHECK(deck.cards[3].back == "table");
    CHECK(deck.cards[4].type == CardType::TypeIn);
    CHECK(deck.cards[4].prompt == "Say 'thank you'");
    CHECK(deck.cards[4].answer == "gracias");
    CHECK(deck.cards[5].type == CardType::Cloze);
    CHECK(deck.cards[5].text == "El {{c1::perro}} come {{c2::pan::food}}");
    CHECK(deck.cards[5].explain == "dogs eat bread");
    // 1 + 2 + 2 + 1 + 1 + 2 study cards
    CHECK(deck.studyCards.size() == 9);
    CHECK(imported->result.noteCount == 6);
}

TEST_CASE("Anki import: note types are recognised by their templates, not their (translated or renamed) names") {
    FixtureCollection c;
    auto basic = stockBasic(2001);
    basic.name = "Einfach";
    basic.fields = {"Vorderseite", "R\u00fcckseite"};
    basic.templates = {{"{{Vorderseite}}", "{{FrontSide}}<hr id=answer>{{R\u00fcckseite}}"}};
    c.addNote(basic, {"Hund", "dog"});
    auto imported = importPackage(c, AnkiFormat::Latest);
    REQUIRE(imported->deck);
    CHECK(imported->deck->cards[0].type == CardType::Basic);
    CHECK(imported->deck->cards[0].back == "dog");
    CHECK_FALSE(mentions(imported->result.diagnostics, "Einfach"));
}

TEST_CASE("Anki import: another note type becomes basic cards from its first two fields, with a warning naming it") {
    const AnkiFormat format = anyFormat();
    FixtureCollection c;
    FixtureNotetype vocab{3001, "Vocab 3-way", false, {"Word", "Meaning", "Example"},
                          {{"{{Word}}", "{{Meaning}}"}, {"{{Meaning}}", "{{Word}}"}, {"{{Example}}", "{{Word}}"}}};
    c.addNote(vocab, {"hola", "hello", "hola amigo"});
    auto imported = importPackage(c, format);
    REQUIRE(imported->deck);
    CHECK(imported->deck->cards[0].type == CardType::Basic);
    CHECK(imported->deck->cards[0].front == "hola");
    CHECK(imported->deck->cards[0].back == "hello");
    CHECK(mentions(imported->result.diagnostics, "note type 'Vocab 3-way' is not one Attune knows"));
}

TEST_CASE("Anki import: card ids come from the note guid, so an updated package keeps the progress") {
    FixtureCollection first;
    first.addNote(stockBasic(), {"perro", "dog"}, 1, "guid-1");
    first.addNote(stockReversed(), {"gato", "cat"}, 1, "guid-2");
    FixtureCollection updated;
    updated.addNote(stockReversed(), {"gato", "the cat"}, 1, "guid-2");
    updated.addNote(stockBasic(), {"el perro", "the dog"}, 1, "guid-1");
    updated.addNote(stockBasic(), {"nuevo", "new"}, 1, "guid-3");
    auto before = importPackage(first, AnkiFormat::Legacy2);
    auto after = importPackage(updated, AnkiFormat::Latest);
    REQUIRE(before->deck);
    REQUIRE(after->deck);
    CHECK(after->deck->findCard(before->deck->cards[0].id)->front == "el perro");
    CHECK(after->deck->findCard(before->deck->cards[1].id)->back == "the cat");
    CHECK(before->deck->cards[0].id != before->deck->cards[1].id);
    CHECK(before->deck->cards[0].id.rfind("anki-", 0) == 0);
}

TEST_CASE("Anki import: Anki decks become topics, or decks of their own with split") {
    FixtureCollection c;
    c.decks[10] = "Languages::Spanish";
    c.decks[11] = "Languages::French";
    c.addNote(stockBasic(), {"perro", "dog"}, 10);
    c.addNote(stockBasic(), {"chien", "dog"}, 11);
    c.addNote(stockBasic(), {"gato", "cat"}, 10);
    SECTION("one deck, one topic per Anki deck") {
        auto imported = importPackage(c, AnkiFormat::Latest);
        REQUIRE(imported->deck);
        CHECK(imported->deck->title == "Languages");
        REQUIRE(imported->deck->topics.size() == 2);
        CHECK(imported->deck->topics[0].title == "French");
        CHECK(imported->deck->topics[1].title == "Spanish");
        CHECK(imported->deck->cards[0].topic == "spanish");
        CHECK(imported->deck->cards[1].topic == "french");
    }
    SECTION("split") {
        AnkiImportOptions options;
        options.split = true;
        auto imported = importPackage(c, AnkiFormat::Legacy1, options);
        REQUIRE(imported->result.decks.size() == 2);
        CHECK(imported->result.decks[0].id == "languages-french");
        CHECK(imported->result.decks[0].title == "Languages / French");
        CHECK(imported->result.decks[0].cardCount == 1);
        CHECK(imported->result.decks[1].cardCount == 2);
        for (const auto& deck : imported->result.decks) CHECK(loadDeckFromText(deck.toml, deck.id + ".toml").deck);
    }
}

TEST_CASE("Anki import: pictures become the card's image, read from the package, sounds are dropped with a warning") {
    const AnkiFormat format = anyFormat();
    FixtureCollection c;
    c.addNote(stockBasic(), {"<img src=\"heart.png\">", "the heart[sound:heart.mp3]"});
    c.addNote(stockBasic(), {"Which organ?<br><img src='missing.png'>", "brain"});
    c.media = {{"heart.png", std::string("\x89PNG\r\n\x1a\n-heart", 14)}, {"heart.mp3", "ID3"}};
    auto imported = importPackage(c, format);
    REQUIRE(imported->result.decks.size() == 1);
    REQUIRE(imported->result.media == std::vector<std::string>{"heart.png"});
    CHECK(imported->result.mediaFolder == "shared-media");
    CHECK(imported->result.decks[0].toml.find("image = \"shared-media/heart.png\"") != std::string::npos);
    CHECK(imported->result.decks[0].toml.find("front = \"(see the picture)\"") != std::string::npos);
    CHECK(mentions(imported->result.diagnostics, "1 sound or video reference dropped"));
    CHECK(mentions(imported->result.diagnostics, "picture 'missing.png' is not in the package"));
    std::string error;
    const auto bytes = imported->package->readMedia("heart.png", error);
    REQUIRE(bytes);
    CHECK(*bytes == std::string("\x89PNG\r\n\x1a\n-heart", 14));
    // The deck loads once its picture is where it says.
    TempDir dir;
    std::filesystem::create_directories(dir.path / "shared-media");
    std::ofstream(dir.path / "shared-media" / "heart.png", std::ios::binary) << *bytes;
    const auto loaded = loadDeckFromText(imported->result.decks[0].toml, dir.path / "shared.toml");
    REQUIRE(loaded.deck);
    CHECK(loaded.deck->cards[0].image == "shared-media/heart.png");
}

TEST_CASE("Anki import: a picture the game cannot show (an SVG) is left out with a warning, so the deck still loads") {
    FixtureCollection c;
    c.addNote(stockBasic(), {"Which shape?<br><img src=\"shape.svg\">", "a circle"});
    c.media = {{"shape.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>"}};
    auto imported = importPackage(c, anyFormat());
    REQUIRE(imported->result.decks.size() == 1);
    CHECK(imported->result.media.empty());
    CHECK(imported->result.decks[0].toml.find("image =") == std::string::npos);
    CHECK(mentions(imported->result.diagnostics, "picture 'shape.svg' is not a PNG, JPEG, BMP or GIF: left out"));
    CHECK(loadDeckFromText(imported->result.decks[0].toml, "shared.toml").deck);
}

TEST_CASE("Anki import: notes that cannot be cards are skipped with a warning") {
    FixtureCollection c;
    c.addNote(stockBasic(), {"only a front", ""});
    c.addNote(stockCloze(), {"no deletion here", ""});
    c.addNote(stockBasic(), {"fine", "yes"});
    auto imported = importPackage(c, AnkiFormat::Legacy1);
    for (const auto& d : imported->deckDiagnostics) UNSCOPED_INFO(d.format());
    REQUIRE(imported->deck);
    CHECK(imported->deck->cards.size() == 1);
    CHECK(mentions(imported->result.diagnostics, "it needs a front and a back"));
    CHECK(mentions(imported->result.diagnostics, "its cloze text has no deletion"));
}

TEST_CASE("Anki import: the review log maps onto the study cards, and what is no answer is skipped and counted") {
    FixtureCollection c;
    const auto reversed = c.addNote(stockReversed(), {"gato", "cat"});
    c.addNote(stockCloze(), {"{{c1::a}} {{c2::b}}", ""}, 1, {}, {1, 2});
    std::int64_t forward = 0, backward = 0, c2 = 0;
    for (const auto& card : c.cards) {
        if (card.note == reversed) (card.ord == 0 ? forward : backward) = card.id;
        if (card.note != reversed && card.ord == 1) c2 = card.id;
    }
    c.reviews = {
        {1710000000000, forward, 1, 0, 0, 8000},     // learn: Again
        {1710000060000, forward, 3, 0, 0, 4000},     // learn: Good
        {1710086400000, backward, 4, 1, 2500, 3000}, // review: Easy
        {1710090000000, c2, 2, 2, 2500, 2000},       // relearn: Hard
        {1710100000000, forward, 0, 4, 2500, 0},     // set due date
        {1710100000001, forward, 0, 4, 0, 0},        // forget
        {1710200000000, forward, 3, 3, 0, 1000},     // cram in a filtered deck
        {1710200000001, forward, 3, 3, 2500, 1000},  // early review that counts
        {1710300000000, forward, 0, 5, 2500, 0},     // rescheduled by FSRS
        {1710400000000, 999, 3, 1, 2500, 1000},      // a card the package does not hold
        {-5, forward, 3, 1, 2500, 1000},             // a damaged date
    };
    auto imported = importPackage(c, AnkiFormat::Latest);
    REQUIRE(imported->deck);
    const AnkiHistory history = ankiReviewHistory(imported->package->collection(), imported->result);
    CHECK(history.manual == 2);
    CHECK(history.cram == 1);
    CHECK(history.rescheduled == 1);
    CHECK(history.otherCards == 1);
    CHECK(history.badTimes == 1);
    REQUIRE(history.records.size() == 5);
    const std::string id = imported->deck->cards[0].id;
    const std::string cloze = imported->deck->cards[1].id;
    REQUIRE(history.records[0].utcMs == 1710000000000);
    CHECK(history.records[0].cardId == id);
    CHECK(history.records[0].rating == attune::scheduler::Rating::Again);
    CHECK(history.records[0].utcMs == 1710000000000);
    CHECK(history.records[0].durationMs == 8000);
    CHECK(history.records[2].cardId == id + "#reverse");
    CHECK(history.records[2].rating == attune::scheduler::Rating::Easy);
    CHECK(history.records[3].cardId == cloze + "#c2");
    CHECK(history.records[4].utcMs == 1710200000001);
    for (const auto& r : history.records) {
        CHECK(r.deckId == imported->deck->id);
        CHECK(r.kind == ReviewKind::Imported);
        CHECK(imported->deck->findStudyCard(r.cardId) != nullptr);
    }
}

TEST_CASE("Anki import: a typing note's {{type:nc:Field}} becomes ignore_diacritics, and typed answers match as in Anki") {
    FixtureCollection c;
    auto relaxed = stockTyping(2004);
    relaxed.name = "Typing, accents optional";
    relaxed.templates = {{"{{Front}}\n\n{{type:nc:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:nc:Back}}"}};
    c.addNote(stockTyping(), {"Coffee?", "caf\u00E9"});
    c.addNote(relaxed, {"Greece?", "\u0395\u03BB\u03BB\u03AC\u03B4\u03B1"});
    auto imported = importPackage(c, anyFormat());
    REQUIRE(imported->deck);
    CHECK_FALSE(hasErrors(imported->result.diagnostics));
    const Deck& deck = *imported->deck;
    REQUIRE(deck.cards.size() == 2);
    CHECK(deck.cards[0].type == CardType::TypeIn);
    CHECK_FALSE(deck.cards[0].ignoreDiacritics);
    CHECK(typedAnswerMatches("CAFE\u0301", deck.cards[0]));
    CHECK_FALSE(typedAnswerMatches("cafe", deck.cards[0]));
    CHECK(deck.cards[1].type == CardType::TypeIn);
    CHECK(deck.cards[1].ignoreDiacritics);
    CHECK(typedAnswerMatches("\u0395\u039B\u039B\u0391\u0394\u0391", deck.cards[1]));
}
