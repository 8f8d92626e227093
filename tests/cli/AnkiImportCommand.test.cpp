// `attune deck import FILE.apkg`: the real binary on packages built with Anki's schemas. What it
// writes passes `deck check`, an updated package keeps the ids, bad packages change nothing,
// and --with-history adds the review log to the profile once.
#include "AnkiFixture.hpp"
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewCsv.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string in(const Scratch& s, const std::string& name) { return shellQuoted(s.root / name); }

FixtureCollection spanish() {
    FixtureCollection c;
    c.decks[5] = "Spanish::Animals";
    c.decks[6] = "Spanish::Food";
    c.addNote(stockBasic(), {"<div>el perro</div>", "the dog<br><img src=\"dog.png\">"}, 5, "n1");
    c.addNote(stockReversed(), {"el gato", "the cat"}, 5, "n2");
    c.addNote(stockCloze(), {"Me gusta el {{c1::pan}}", ""}, 6, "n3");
    c.media = {{"dog.png", std::string("\x89PNG\r\n\x1a\n", 8) + "dog"}};
    return c;
}

std::size_t filesIn(const fs::path& folder) {
    std::size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) n += it->is_regular_file() ? 1u : 0u;
    return n;
}

}  // namespace

TEST_CASE("deck import apkg - both generations become a deck with its pictures that passes deck check") {
    const AnkiFormat format = GENERATE(AnkiFormat::Legacy1, AnkiFormat::Legacy2, AnkiFormat::Latest);
    Scratch s;
    writeAll(s.root / "spanish.apkg", ankiPackage(spanish(), format));
    const Run run = s.attune("deck import " + in(s, "spanish.apkg") + " --out " + in(s, "out/spanish.toml"));
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(contains(run.out, "spanish.toml: 3 cards"));
    CHECK(readAll(s.root / "out/spanish-media/dog.png") == std::string("\x89PNG\r\n\x1a\n", 8) + "dog");
    const std::string toml = readAll(s.root / "out/spanish.toml");
    CHECK(contains(toml, "title = \"Spanish\""));
    CHECK(contains(toml, "title = \"Animals\""));
    CHECK(contains(toml, "image = \"spanish-media/dog.png\""));
    const Run check = s.attune("deck check " + in(s, "out/spanish.toml"));
    INFO(check.out);
    CHECK(check.exitCode == 0);
    CHECK(contains(check.out, "0 errors"));
}

TEST_CASE("deck import apkg - importing an updated package keeps the ids, split writes one deck per Anki deck") {
    Scratch s;
    writeAll(s.root / "v1.apkg", ankiPackage(spanish(), AnkiFormat::Legacy2));
    REQUIRE(s.attune("deck import " + in(s, "v1.apkg") + " --id spanish --title Spanish --out " + in(s, "spanish.toml")).exitCode == 0);
    const std::string before = readAll(s.root / "spanish.toml");
    auto updated = spanish();
    updated.notes[1].fields = {"el gato", "the cat (feline)"};
    writeAll(s.root / "v2.colpkg", ankiPackage(updated, AnkiFormat::Latest));
    const Run run = s.attune("deck import " + in(s, "v2.colpkg") + " --id spanish --title Spanish --out " + in(s, "spanish.toml"));
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    const std::string after = readAll(s.root / "spanish.toml");
    CHECK(after != before);
    const auto idLine = [](const std::string& toml, std::size_t nth) {
        std::size_t at = 0;
        for (std::size_t i = 0; i <= nth; ++i) at = toml.find("\n[[card]]\nid = ", at + 1);
        return toml.substr(at, toml.find('\n', at + 10) - at);
    };
    for (std::size_t i = 0; i < 3; ++i) CHECK(idLine(before, i) == idLine(after, i));

    const Run split = s.attune("deck import " + in(s, "v1.apkg") + " --split --out " + in(s, "split"));
    INFO(split.err);
    REQUIRE(split.exitCode == 0);
    CHECK(fs::exists(s.root / "split/spanish-animals.toml"));
    CHECK(fs::exists(s.root / "split/spanish-food.toml"));
    CHECK(fs::exists(s.root / "split/v1-media/dog.png"));
    CHECK(s.attune("deck check " + in(s, "split")).exitCode == 0);
}

TEST_CASE("deck import apkg - a bad package is one clear error and changes nothing") {
    Scratch s;
    const std::string good = ankiPackage(spanish(), AnkiFormat::Latest);
    auto evil = spanish();
    evil.media = {{"../../escape.png", "x"}};
    auto damagedPicture = ankiPackageMembers(spanish(), AnkiFormat::Latest);
    for (auto& [name, bytes] : damagedPicture) {
        if (name == "0") bytes = "\x28\xB5\x2F\xFD not zstd after all";
    }
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"not-a-zip.apkg", "front,back\n"},
        {"truncated.apkg", good.substr(0, good.size() / 2)},
        {"no-collection.apkg", zipArchive({{"readme.txt", "hi"}})},
        {"escape.apkg", ankiPackage(evil, AnkiFormat::Legacy1)},
        {"damaged-picture.apkg", zipArchive(damagedPicture)},
    };
    fs::create_directories(s.root / "out");
    for (const auto& [name, bytes] : cases) {
        writeAll(s.root / name, bytes);
        const Run run = s.attune("deck import " + in(s, name) + " --out " + in(s, "out/deck.toml"));
        INFO(name << ": " << run.err);
        CHECK(run.exitCode == 1);
        CHECK(contains(run.err, name + ": error: "));
        CHECK(contains(run.err, "nothing was imported"));
        CHECK(filesIn(s.root / "out") == 0);
        CHECK_FALSE(fs::exists(s.root / "out" / ".spanish-media.importing"));
    }
    CHECK_FALSE(fs::exists(s.root / "escape.png"));
    const Run damaged = s.attune("deck import " + in(s, "damaged-picture.apkg") + " --out " + in(s, "out/deck.toml"));
    CHECK(contains(damaged.err, "media file 'dog.png' is not a valid zstd stream"));
    CHECK(s.attune("deck import " + in(s, "x.apkg") + " --split --id x").exitCode == 2);
}

TEST_CASE("deck import apkg - with-history adds the review log once, skipping what is no answer") {
    Scratch s;
    auto c = spanish();
    const std::int64_t dog = c.cards[0].id;
    const std::int64_t catBack = c.cards[2].id;
    c.reviews = {{1710000000000, dog, 3, 0, 0, 4000},
                 {1710086400000, dog, 3, 1, 2500, 3000},
                 {1710090000000, catBack, 1, 1, 2500, 2000},
                 {1710100000000, dog, 0, 4, 0, 0},
                 {1710200000000, dog, 3, 3, 0, 1000}};
    writeAll(s.root / "history.apkg", ankiPackage(c, AnkiFormat::Latest));
    const std::string command = "deck import " + in(s, "history.apkg") + " --out " + in(s, "spanish.toml") +
                                " --with-history --profile " + in(s, "profile");
    const Run first = s.attune(command);
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(contains(first.out, "added 3 reviews"));
    CHECK(contains(first.out, "skipped 1 manual reschedules, 1 cram reviews, 0 rescheduled entries"));
    const Run again = s.attune(command);
    REQUIRE(again.exitCode == 0);
    CHECK(contains(again.out, "added 0 reviews"));
    CHECK(contains(again.out, "3 were already there"));
    std::string log;
    for (const auto& entry : fs::recursive_directory_iterator(s.root / "profile")) {
        if (entry.path().extension() == ".toml") log += readAll(entry.path());
    }
    CHECK(contains(log, "#reverse"));
}

TEST_CASE("deck import apkg - a real history imported with the deck replays as fsrs-rs computes it") {
    // The sample log's 1,205 cards as Anki notes, its 12,580 answers as their revlog.
    const std::string sample = std::string(ATTUNE_TEST_DATA_DIR) + "/review-logs/review-log-sample.csv";
    const auto csv = attune::model::readReviewCsv(sample);
    REQUIRE(csv.ok());
    FixtureCollection c;
    std::vector<std::int64_t> cardOf(csv.history.cardIds.size());
    for (std::size_t i = 0; i < csv.history.cardIds.size(); ++i) {
        c.addNote(stockBasic(), {"card " + csv.history.cardIds[i], "back"}, 1, "sample-" + csv.history.cardIds[i]);
        cardOf[i] = c.cards.back().id;
    }
    std::vector<bool> seen(cardOf.size(), false);
    for (const auto& r : csv.history.reviews) {
        c.reviews.push_back({r.at.utcMs, cardOf[r.card], static_cast<int>(r.rating), seen[r.card] ? 1 : 0, seen[r.card] ? 2500 : 0,
                             r.durationMs});
        seen[r.card] = true;
    }
    Scratch s;
    writeAll(s.root / "sample.apkg", ankiPackage(c, AnkiFormat::Latest));
    const Run imported = s.attune("deck import " + in(s, "sample.apkg") + " --out " + in(s, "sample.toml") + " --with-history --profile " +
                                  in(s, "profile"));
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK(contains(imported.out, "added 12580 reviews"));
    const Run exported = s.attune("export-reviews --profile " + in(s, "profile") + " --out " + in(s, "exported.csv"));
    REQUIRE(exported.exitCode == 0);

    // Back to the sample's card ids: the deck's cards are in the notes' order.
    const std::string toml = readAll(s.root / "sample.toml");
    std::map<std::string, std::string> original;
    std::size_t at = 0;
    for (std::size_t i = 0; i < csv.history.cardIds.size(); ++i) {
        at = toml.find("\n[[card]]\nid = \"", at + 1);
        REQUIRE(at != std::string::npos);
        const std::size_t start = at + 16;
        original[toml.substr(start, toml.find('"', start) - start)] = csv.history.cardIds[i];
    }
    const Run memory = s.attune("memory --reviews " + in(s, "exported.csv"));
    REQUIRE(memory.exitCode == 0);
    std::string translated;
    std::istringstream lines(memory.out);
    std::string line;
    std::getline(lines, line);
    translated += line + "\n";
    while (std::getline(lines, line)) {
        const auto comma = line.find(',');
        REQUIRE(original.count(line.substr(0, comma)) == 1);
        translated += original[line.substr(0, comma)] + line.substr(comma) + "\n";
    }
    const Run direct = s.attune("memory --reviews " + shellQuoted(sample));
    REQUIRE(direct.exitCode == 0);
    // The same memory states as the sample read directly (which the memory tests hold to
    // fsrs-rs within 2e-4), line for line once sorted by card.
    const auto sorted = [](const std::string& text) {
        std::vector<std::string> rows;
        std::istringstream in(text);
        std::string row;
        while (std::getline(in, row)) rows.push_back(row);
        std::sort(rows.begin() + 1, rows.end());
        return rows;
    };
    CHECK(sorted(translated) == sorted(direct.out));
}

TEST_CASE("deck import apkg - a big package says each step on stderr, a small one keeps quiet") {
    Scratch s;
    auto c = spanish();
    writeAll(s.root / "small.apkg", ankiPackage(c, AnkiFormat::Legacy1));
    std::string picture(1500000, '\0');
    for (std::size_t i = 0; i < picture.size(); ++i) picture[i] = static_cast<char>((i * 2654435761u) >> 13);
    picture.replace(0, 8, "\x89PNG\r\n\x1a\n", 8);  // a picture's first bytes, as deck check wants
    c.media = {{"dog.png", picture}};
    writeAll(s.root / "big.apkg", ankiPackage(c, AnkiFormat::Legacy1));
    const Run small = s.attune("deck import " + in(s, "small.apkg") + " --out " + in(s, "small/deck.toml"));
    REQUIRE(small.exitCode == 0);
    CHECK(small.err.empty());
    const Run big = s.attune("deck import " + in(s, "big.apkg") + " --out " + in(s, "big/deck.toml"));
    INFO(big.err);
    REQUIRE(big.exitCode == 0);
    CHECK(contains(big.err, "attune: reading the collection ("));
    CHECK(contains(big.err, "attune: converting 3 notes...\nattune: extracting 1 picture...\nattune: writing the deck..."));
    CHECK(readAll(s.root / "big/spanish-media/dog.png") == picture);
}
