// Decks going out to Anki and to CSV, read back by Attune's own importers.
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/anki/AnkiExport.hpp>
#include <attune/model/anki/AnkiImport.hpp>
#include <attune/model/anki/AnkiPackage.hpp>
#include <attune/model/deck/DeckImport.hpp>

#include <fstream>
#include <set>

using namespace attune::model;
using attune::testing::TempDir;

namespace {

constexpr std::int64_t kNow = 1764583200000;
// A PNG signature is all `deck check` reads of a picture; the rest tells the bytes apart.
const std::string kClockBytes = std::string("\x89PNG\r\n\x1A\n", 8) + "clock";

Deck starterWithPicture(const TempDir& dir) {
    std::filesystem::create_directories(dir.path / "images");
    std::ofstream(dir.path / "images" / "clock.png", std::ios::binary) << kClockBytes;
    std::string toml = starterDeckToml("starter", "Starter & Co");
    toml.replace(toml.find("tags = [\"example\"]"), 18, "tags = [\"example\", \"first\"]\nimage = \"images/clock.png\"");
    std::ofstream(dir.path / "starter.toml", std::ios::binary) << toml;
    auto loaded = loadDeck(dir.path / "starter.toml");
    for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.format());
    REQUIRE(loaded.deck);
    return *loaded.deck;
}

}  // namespace

TEST_CASE("Anki export: every card type goes out as Anki's own note types and comes back as the same type") {
    TempDir dir;
    const Deck deck = starterWithPicture(dir);
    const auto file = dir.path / "starter.apkg";
    const AnkiExportReport report = exportAnkiPackage(deck, file, kNow);
    REQUIRE(report.error.empty());
    CHECK(report.notes == 6);
    CHECK(report.cards == 8);  // basic 1, reverse 2, cloze 2, choice 1, true/false 1, type-in 1
    CHECK(report.pictures == 1);
    CHECK_FALSE(std::filesystem::exists(dir.path / "starter.apkg.tmp"));

    const auto opened = openAnkiPackage(file);
    INFO(opened.error);
    REQUIRE(opened.package);
    const AnkiCollection& c = opened.package->collection();
    CHECK(c.generation == AnkiGeneration::Legacy1);
    std::set<std::string> names;
    for (const auto& [id, type] : c.notetypes) names.insert(type.name);
    CHECK(names == std::set<std::string>{"Basic", "Basic (and reversed card)", "Basic (type in the answer)", "Cloze"});
    CHECK(c.decks.at(kNow) == "Starter & Co");
    REQUIRE(c.notes.size() == 6);
    CHECK(c.notes[0].guid == "attune:starter:what-is-a-card");
    CHECK(c.notes[0].tags == " example first ");
    CHECK(c.notes[0].fields[0] == "What does a basic card show first?<br><img src=\"clock.png\">");
    std::string error;
    CHECK(opened.package->readMedia("clock.png", error) == std::optional<std::string>(kClockBytes));

    AnkiImportOptions options;
    options.sourceName = "starter.apkg";
    const AnkiImportResult back = convertAnkiCollection(*opened.package, options);
    REQUIRE(back.decks.size() == 1);
    CHECK(back.media == std::vector<std::string>{"clock.png"});
    CHECK(back.decks[0].title == "Starter & Co");
    const std::string& toml = back.decks[0].toml;
    for (const char* type : {"\"basic\"", "\"reverse\"", "\"cloze\"", "\"typein\""}) CHECK(toml.find(std::string("type = ") + type) != std::string::npos);
    CHECK(toml.find("text = \"Reviews are spread out over {{c1::days and weeks}} because {{c2::spacing::why?}} helps memory.\"") !=
          std::string::npos);
    CHECK(toml.find("title = \"First steps\"") != std::string::npos);
    // Exporting again gives the same guids: Anki updates the notes instead of adding copies.
    REQUIRE(exportAnkiPackage(deck, dir.path / "again.apkg", kNow + 5000).error.empty());
    const auto again = openAnkiPackage(dir.path / "again.apkg");
    REQUIRE(again.package);
    for (std::size_t i = 0; i < c.notes.size(); ++i) CHECK(again.package->collection().notes[i].guid == c.notes[i].guid);
}

TEST_CASE("Anki export: an unwritable place is an error and leaves nothing") {
    TempDir dir;
    const Deck deck = starterWithPicture(dir);
    const AnkiExportReport report = exportAnkiPackage(deck, dir.path / "missing-folder" / "x.apkg", kNow);
    CHECK_FALSE(report.error.empty());
    CHECK_FALSE(std::filesystem::exists(dir.path / "missing-folder"));
}

TEST_CASE("CSV export: deck import reads the basic and reverse cards back to the same cards") {
    const std::string toml = R"(
[deck]
id = "words"
title = "Words"
description = "Some words."
version = "1"
[[topic]]
id = "imported"
title = "Imported"
[[card]]
id = "a"
topic = "imported"
type = "basic"
front = "Hello, \"world\""
back = "two\nlines"
tags = ["x", "y"]
[[card]]
id = "b"
topic = "imported"
type = "reverse"
front = "#not a header"
back = "back"
[[card]]
id = "c"
topic = "imported"
type = "cloze"
text = "a {{c1::b}}"
)";
    const auto loaded = loadDeckFromText(toml, "words.toml");
    for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.format());
    REQUIRE(loaded.deck);
    const CsvExport csv = exportDeckCsv(*loaded.deck);
    CHECK(csv.rows == 2);
    CHECK(csv.skipped == 1);
    ImportOptions options;
    options.deckId = "words";
    options.title = "Words";
    options.sourceName = "words.csv";
    const ImportResult back = importCards(csv.text, options, &*loaded.deck);
    for (const auto& d : back.diagnostics) UNSCOPED_INFO(d.format());
    REQUIRE_FALSE(hasErrors(back.diagnostics));
    const auto reloaded = loadDeckFromText(back.toml, "words.toml");
    REQUIRE(reloaded.deck);
    REQUIRE(reloaded.deck->cards.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const Card& before = loaded.deck->cards[i];
        const Card& after = reloaded.deck->cards[i];
        CHECK(after.id == before.id);
        CHECK(after.type == before.type);
        CHECK(after.front == before.front);
        CHECK(after.back == before.back);
        CHECK(after.tags == before.tags);
    }
}

TEST_CASE("Anki export: a typein card with ignore_diacritics goes out as {{type:nc:...}} and comes back with it") {
    TempDir dir;
    auto loaded = loadDeck(std::filesystem::path(ATTUNE_TEST_DATA_DIR) / "decks" / "good" / "typein-scripts.toml");
    REQUIRE(loaded.deck);
    const auto file = dir.path / "scripts.apkg";
    REQUIRE(exportAnkiPackage(*loaded.deck, file, kNow).error.empty());
    const auto opened = openAnkiPackage(file);
    REQUIRE(opened.package);
    std::set<std::string> names;
    for (const auto& [id, type] : opened.package->collection().notetypes) names.insert(type.name);
    CHECK(names.count("Basic (type in the answer, accents optional)") == 1);

    AnkiImportOptions options;
    options.sourceName = "scripts.apkg";
    const AnkiImportResult back = convertAnkiCollection(*opened.package, options);
    REQUIRE(back.decks.size() == 1);
    const auto reread = loadDeckFromText(back.decks[0].toml, dir.path / "scripts.toml");
    REQUIRE(reread.deck);
    REQUIRE(reread.deck->cards.size() == loaded.deck->cards.size());
    for (std::size_t i = 0; i < loaded.deck->cards.size(); ++i) {
        INFO(loaded.deck->cards[i].id);
        CHECK(reread.deck->cards[i].answer == loaded.deck->cards[i].answer);
        CHECK(reread.deck->cards[i].ignoreDiacritics == loaded.deck->cards[i].ignoreDiacritics);
    }
}
