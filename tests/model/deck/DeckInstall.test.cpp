// Importing a file into the decks folder (the deck browser's Import): an Anki package becomes a
// deck with its pictures, a CSV export a deck named after the file, with progress reported in
// order; a missing file, a file of another kind, a damaged package and a deck file holding
// another deck are refused with the file named, and nothing is written.
#include "AnkiFixture.hpp"
#include "FileText.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/model/deck/DeckInstall.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace attune;

namespace {

testing::FixtureCollection spanish() {
    testing::FixtureCollection c;
    c.decks[5] = "Spanish";
    c.addNote(testing::stockBasic(), {"el perro", "the dog<br><img src=\"dog.png\">"}, 5, "n1");
    c.addNote(testing::stockReversed(), {"el gato", "the cat"}, 5, "n2");
    c.addNote(testing::stockBasic(), {"el sonido", "a bark [sound:bark.mp3]"}, 5, "n3");
    c.media = {{"dog.png", std::string("\x89PNG\r\n\x1a\n", 8) + "dog"}, {"bark.mp3", "ID3"}};
    return c;
}

std::size_t filesIn(const fs::path& folder) {
    std::error_code ec;
    if (!fs::exists(folder, ec)) return 0;
    std::size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) n += it->is_regular_file() ? 1u : 0u;
    return n;
}

}  // namespace

TEST_CASE("deck install - a package becomes a deck with its pictures in the folder, its progress in order") {
    const testing::TempDir dir("attune-deck-install");
    const fs::path package = dir.path / "Spanish.apkg";
    testing::writeAll(package, testing::ankiPackage(spanish(), testing::AnkiFormat::Latest));
    const fs::path folder = dir.path / "decks";
    std::vector<double> fractions;
    const model::DeckInstallResult r = model::installDeckFile(package, folder, [&](const std::string&, double f) { fractions.push_back(f); });
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.deckFile == folder / "spanish.toml");
    CHECK(r.title == "Spanish");
    CHECK(r.cardCount == 3);
    CHECK(r.pictureCount == 1);
    CHECK(r.warningCount() >= 1);  // the sound is left out, with a warning
    const model::DeckLoadResult loaded = model::loadDeck(r.deckFile);
    REQUIRE(loaded.deck.has_value());
    CHECK(loaded.deck->id == "spanish");
    CHECK(testing::readAll(folder / "spanish-media" / "dog.png") == std::string("\x89PNG\r\n\x1a\n", 8) + "dog");
    CHECK(filesIn(folder) == 2);  // no staging folder or temporary file is left
    REQUIRE(fractions.size() >= 3);
    CHECK(fractions.front() == 0.0);
    CHECK(fractions.back() == 1.0);
    for (std::size_t i = 1; i < fractions.size(); ++i) CHECK(fractions[i] >= fractions[i - 1]);
}

TEST_CASE("deck install - a CSV export becomes a deck named after the file, and importing it again keeps its cards' ids") {
    const testing::TempDir dir("attune-deck-install-csv");
    const fs::path csv = dir.path / "Verbs.csv";
    testing::writeAll(csv, "comer,to eat\nbeber,to drink\n");
    const fs::path folder = dir.path / "decks";
    const model::DeckInstallResult first = model::installDeckFile(csv, folder);
    INFO(first.error);
    REQUIRE(first.ok);
    CHECK(first.deckFile == folder / "verbs.toml");
    CHECK(first.title == "Verbs");
    CHECK(first.cardCount == 2);
    const auto before = model::loadDeck(first.deckFile);
    REQUIRE(before.deck.has_value());
    testing::writeAll(csv, "comer,to eat\nbeber,to drink\nvivir,to live\n");
    const model::DeckInstallResult again = model::installDeckFile(csv, folder);
    REQUIRE(again.ok);
    CHECK(again.cardCount == 3);
    const auto after = model::loadDeck(again.deckFile);
    REQUIRE(after.deck.has_value());
    CHECK(after.deck->cards[0].id == before.deck->cards[0].id);
    CHECK(after.deck->cards[1].id == before.deck->cards[1].id);
}

TEST_CASE("deck install - bad input is refused with the file named and writes nothing") {
    const testing::TempDir dir("attune-deck-install-bad");
    const fs::path folder = dir.path / "decks";
    const auto refused = [&](const fs::path& input, const std::string& says) {
        const model::DeckInstallResult r = model::installDeckFile(input, folder);
        INFO(r.error);
        CHECK_FALSE(r.ok);
        CHECK(r.error.find(says) != std::string::npos);
        CHECK(filesIn(folder) == 0);
    };
    refused(dir.path / "missing.apkg", (dir.path / "missing.apkg").string() + ": there is no such file");
    refused(dir.path, "a folder, not a file");
    testing::writeAll(dir.path / "notes.docx", "words");
    refused(dir.path / "notes.docx", "not an Anki package (.apkg, .colpkg) or a CSV export");
    testing::writeAll(dir.path / "broken.apkg", "these are my notes, not a zip archive\n");
    refused(dir.path / "broken.apkg", (dir.path / "broken.apkg").string() + ": ");
    const std::string whole = testing::ankiPackage(spanish(), testing::AnkiFormat::Legacy2);
    testing::writeAll(dir.path / "cut.apkg", whole.substr(0, whole.size() / 2));
    refused(dir.path / "cut.apkg", (dir.path / "cut.apkg").string() + ": ");
    refused("", "type the path of a file first");

    // A deck file of the same name that holds another deck stays as it is.
    const std::string other = "[deck]\nid = \"mine\"\ntitle = \"Mine\"\ndescription = \"My own.\"\nversion = \"1\"\n[[topic]]\nid = \"t\"\ntitle = \"T\"\n"
                              "[[card]]\nid = \"c\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"F\"\nback = \"B\"\n";
    testing::writeAll(folder / "spanish.toml", other);
    testing::writeAll(dir.path / "Spanish.apkg", testing::ankiPackage(spanish(), testing::AnkiFormat::Latest));
    const model::DeckInstallResult r = model::installDeckFile(dir.path / "Spanish.apkg", folder);
    INFO(r.error);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("holds the deck 'mine'") != std::string::npos);
    CHECK(testing::readAll(folder / "spanish.toml") == other);
    CHECK(filesIn(folder) == 1);
}
