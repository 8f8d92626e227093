// `attune deck export DECK --csv|--apkg`: what it writes, `deck import` reads back.
#include "CliRun.hpp"
#include "catch.hpp"

#include <filesystem>

namespace fs = std::filesystem;
using namespace attune::testing;

TEST_CASE("deck export - an Anki package and a CSV that deck import reads back") {
    Scratch s;
    REQUIRE(s.attune("deck new \"My Deck\" --dir " + shellQuoted(s.root)).exitCode == 0);
    const std::string deck = shellQuoted(s.root / "my-deck.toml");

    const Run apkg = s.attune("deck export " + deck + " --apkg --out " + shellQuoted(s.root / "my.apkg"));
    INFO(apkg.err);
    REQUIRE(apkg.exitCode == 0);
    CHECK(apkg.out.find("6 notes, 8 Anki cards, 0 pictures") != std::string::npos);
    const Run back = s.attune("deck import " + shellQuoted(s.root / "my.apkg") + " --out " + shellQuoted(s.root / "back/my.toml"));
    INFO(back.err);
    REQUIRE(back.exitCode == 0);
    CHECK(s.attune("deck check " + shellQuoted(s.root / "back/my.toml")).exitCode == 0);

    const Run csv = s.attune("deck export " + deck + " --csv --out " + shellQuoted(s.root / "my.csv"));
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.find("2 cards (4 cloze, choice") != std::string::npos);
    CHECK(readAll(s.root / "my.csv").rfind("#separator:comma\n", 0) == 0);
    const Run fromCsv = s.attune("deck import " + shellQuoted(s.root / "my.csv") + " --id words --title Words --out " +
                                 shellQuoted(s.root / "words.toml"));
    INFO(fromCsv.err);
    CHECK(fromCsv.exitCode == 0);
    CHECK(fromCsv.out.find("2 cards") != std::string::npos);
}

TEST_CASE("deck export - usage errors and unknown decks") {
    Scratch s;
    CHECK(s.attune("deck export").exitCode == 2);
    CHECK(s.attune("deck export x.toml").exitCode == 2);
    CHECK(s.attune("deck export x.toml --csv --apkg").exitCode == 2);
    const Run missing = s.attune("deck export no-such-deck --csv --out " + shellQuoted(s.root / "x.csv"));
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("no deck file or deck id 'no-such-deck'") != std::string::npos);
    CHECK_FALSE(fs::exists(s.root / "x.csv"));
}
