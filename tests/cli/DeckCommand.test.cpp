// `attune deck check|new|import`, run as the real binary: diagnostics, the summary line and the
// exit codes (0 clean, 1 errors, 2 usage), a starter deck that passes check, and imports.
#include "CliRun.hpp"
#include "catch.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using attune::testing::Run;
using attune::testing::readAll;

namespace {

const fs::path& scratchDir() {
    static const attune::testing::TempDir dir("attune-deck-cli-test");
    return dir.path;
}

// Runs `attune deck ARGUMENTS` in the scratch folder.
Run deck(const std::string& arguments) {
    return attune::testing::runCaught(
        "cd " + attune::testing::shellQuoted(scratchDir()) + " && " + attune::testing::shellQuoted(ATTUNE_BINARY) + " deck " + arguments,
        scratchDir());
}

std::string data(const std::string& relative) { return "'" + std::string(ATTUNE_TEST_DATA_DIR) + "/decks/" + relative + "'"; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string lastLine(const std::string& text) {
    const std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
    return trimmed.substr(trimmed.find_last_of('\n') + 1);
}

}  // namespace

TEST_CASE("deck check - a good deck exits 0 with a clean summary") {
    const Run run = deck("check " + data("good/all-types.toml"));
    CHECK(run.exitCode == 0);
    CHECK(run.out == "0 errors, 0 warnings in 1 deck\n");
}

TEST_CASE("deck check - errors are printed as file:line:col and exit 1") {
    const Run run = deck("check " + data("broken/unknown-type.toml") + " " + data("warnings/no-explain.toml") + " " +
                         data("good"));
    CHECK(run.exitCode == 1);
    CHECK(contains(run.out, std::string(ATTUNE_TEST_DATA_DIR) + "/decks/broken/unknown-type.toml:14:8: error: unknown card type 'multiple'"));
    CHECK(contains(run.out, "/decks/warnings/no-explain.toml:11:1: warning: card 'c1' has no 'explain'"));
    CHECK(lastLine(run.out) == "1 error, 1 warning in 5 decks");
}

TEST_CASE("deck check - a picture file that is no picture is an error where its path stands, a picture without alt a warning") {
    const Run broken = deck("check " + data("broken/image-not-a-picture.toml"));
    CHECK(broken.exitCode == 1);
    CHECK(contains(broken.out, std::string(ATTUNE_TEST_DATA_DIR) + "/decks/broken/image-not-a-picture.toml:17:9: error: image "
                                                                   "'pictures/notes.png' is not a picture Attune can show (use PNG, JPEG, BMP or GIF)"));
    const Run pictures = deck("check " + data("pictures"));
    CHECK(pictures.exitCode == 0);
    CHECK(pictures.out == "0 errors, 0 warnings in 1 deck\n");
}

TEST_CASE("deck check - card-craft warnings read like a compiler's, in line order, and do not fail the check") {
    const std::string file = std::string(ATTUNE_TEST_DATA_DIR) + "/decks/craft/cued.toml";
    const Run run = deck("check " + data("craft/cued.toml"));
    CHECK(run.exitCode == 0);
    CHECK(run.out ==
          file + ":17:9: warning: the question asks for a whole list ('name them'): ask for one item per card (a cloze over "
                 "one item of the list keeps its order) [whole-list]\n" +
          file + ":21:1: warning: card 'no-why' has no 'explain': a sentence shown after answering helps it stick\n" +
          file + ":35:31: warning: unknown card-craft rule 'whole-lsit' in 'allow' silences nothing; did you mean "
                 "'whole-list'?\n"
                 "0 errors, 3 warnings in 1 deck (card craft: 1 whole-list)\n");
}

TEST_CASE("deck check - with errors in one deck and craft warnings in another, each file's lines stay together") {
    const Run run = deck("check " + data("craft/cued.toml") + " " + data("broken/unknown-type.toml"));
    CHECK(run.exitCode == 1);
    const std::size_t craft = run.out.find("[whole-list]");
    const std::size_t noWhy = run.out.find("card 'no-why' has no 'explain'");
    const std::size_t broken = run.out.find("unknown-type.toml:14:8: error: unknown card type 'multiple'");
    REQUIRE(craft != std::string::npos);
    REQUIRE(noWhy != std::string::npos);
    REQUIRE(broken != std::string::npos);
    CHECK(craft < noWhy);
    CHECK(noWhy < broken);
    CHECK(lastLine(run.out) == "1 error, 3 warnings in 2 decks (card craft: 1 whole-list)");
}

TEST_CASE("deck check - the whole broken corpus is checked without a crash") {
    const Run run = deck("check " + data("broken"));
    CHECK(run.exitCode == 1);
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(std::string(ATTUNE_TEST_DATA_DIR) + "/decks/broken")) {
        files += entry.path().extension() == ".toml" ? 1u : 0u;
    }
    CHECK(contains(lastLine(run.out), " in " + std::to_string(files) + " decks"));
    std::size_t errorLines = 0;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) errorLines += contains(line, ": error: ") ? 1u : 0u;
    CHECK(errorLines >= files);  // every broken deck says what is wrong
}

TEST_CASE("deck check - the bundled decks pass with no errors and no warnings but card craft") {
    const Run run = deck("check '" + std::string(ATTUNE_SOURCE_DIR) + "/decks'");
    CHECK(run.exitCode == 0);
    CHECK(contains(lastLine(run.out), "0 errors, "));
    CHECK_FALSE(contains(run.out, "in 0 decks"));
    // Card-craft warnings end in their [rule]; any other warning is a defect of the bundled decks.
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line) && line != lastLine(run.out);) {
        INFO(line);
        CHECK(contains(line, ": warning: "));
        CHECK(line.back() == ']');
    }
}

TEST_CASE("deck check - the deck-writing tour, an example for authors, has no warning at all") {
    const Run run = deck("check '" + std::string(ATTUNE_SOURCE_DIR) + "/decks/deck-writing-tour.toml'");
    CHECK(run.exitCode == 0);
    CHECK(run.out == "0 errors, 0 warnings in 1 deck\n");
}

TEST_CASE("deck check - usage errors exit 2 and --help exits 0") {
    CHECK(deck("check").exitCode == 2);
    CHECK(deck("").exitCode == 2);
    CHECK(deck("frobnicate x").exitCode == 2);
    CHECK(deck("check --bogus x.toml").exitCode == 2);
    CHECK(deck("check --dir here x.toml").exitCode == 2);
    const Run help = deck("--help");
    CHECK(help.exitCode == 0);
    CHECK(contains(help.out, "attune deck check PATH..."));
    CHECK(contains(help.out, "allow = [\"rule\"] on the card silences it"));
    fs::create_directories(scratchDir() / "empty-folder");
    const Run empty = deck("check empty-folder");
    CHECK(empty.exitCode == 0);
    CHECK(empty.out == "empty-folder: warning: no .toml deck files in this folder\n0 errors, 1 warning in 0 decks\n");
    const Run missing = deck("check no-such-deck.toml");
    CHECK(missing.exitCode == 1);
    CHECK(contains(missing.out, "no-such-deck.toml: error: no such deck file or folder"));
}

TEST_CASE("deck new - writes a starter deck that passes check and never overwrites") {
    fs::create_directories(scratchDir() / "new");
    const Run made = deck("new 'Study Skills' --dir new");
    CHECK(made.exitCode == 0);
    const fs::path file = scratchDir() / "new" / "study-skills.toml";
    REQUIRE(fs::exists(file));
    const Run check = deck("check new/study-skills.toml");
    CHECK(check.exitCode == 0);
    CHECK(check.out == "0 errors, 0 warnings in 1 deck\n");
    for (const char* type : {"basic", "reverse", "cloze", "choice", "truefalse", "typein"}) {
        CHECK(contains(readAll(file), std::string("type = \"") + type + "\""));
    }
    const Run again = deck("new 'Study Skills' --dir new");
    CHECK(again.exitCode == 1);
    CHECK(contains(again.err, "already exists"));
    CHECK(deck("new").exitCode == 2);
    CHECK(deck("new A B").exitCode == 2);
}

TEST_CASE("deck import - a CSV becomes a deck and re-importing keeps ids") {
    std::ofstream(scratchDir() / "words.csv") << "perro,dog\ngato,cat\n\"casa, grande\",big house\n";
    const Run first = deck("import words.csv --id spanish --title 'Spanish words' --topic Animals");
    CHECK(first.exitCode == 0);
    CHECK(contains(first.out, "wrote spanish.toml: 3 cards"));
    const std::string written = readAll(scratchDir() / "spanish.toml");
    CHECK(contains(written, "front = \"casa, grande\""));
    CHECK(contains(written, "title = \"Animals\""));
    const Run check = deck("check spanish.toml");
    CHECK(check.exitCode == 0);  // warnings only: imported cards have no explain yet

    std::ofstream(scratchDir() / "words.csv", std::ios::trunc) << "gato,a cat\npez,fish\n";
    const Run second = deck("import words.csv --id spanish --title 'Spanish words'");
    CHECK(second.exitCode == 0);
    CHECK(contains(second.out, "2 cards (1 kept their ids, 1 new)"));
    const std::string updated = readAll(scratchDir() / "spanish.toml");
    const auto idOf = [](const std::string& text, const std::string& front) {
        const auto at = text.rfind("id = ", text.find("front = \"" + front + "\""));
        return text.substr(at, text.find('\n', at) - at);
    };
    CHECK(idOf(updated, "gato") == idOf(written, "gato"));
    CHECK(contains(updated, "title = \"Animals\""));  // the topic is kept too
}

TEST_CASE("deck import - tsv, separators and refusals") {
    std::ofstream(scratchDir() / "list.tsv") << "one, two\tthree\n";
    const Run tsv = deck("import list.tsv --id list --title List --out list-deck.toml");
    CHECK(tsv.exitCode == 0);
    CHECK(contains(readAll(scratchDir() / "list-deck.toml"), "front = \"one, two\""));
    std::ofstream(scratchDir() / "pipes.txt") << "a|b\n";
    CHECK(deck("import pipes.txt --id pipes --title P --separator pipe").exitCode == 0);
    // Another deck at --out is never overwritten.
    const Run clash = deck("import pipes.txt --id other --title O --out list-deck.toml");
    CHECK(clash.exitCode == 1);
    CHECK(contains(clash.err, "not overwriting"));
    CHECK(deck("import pipes.txt --title P").exitCode == 2);
    CHECK(deck("import pipes.txt --id 'Bad Id' --title P").exitCode == 2);
    CHECK(deck("import pipes.txt --id p --title P --separator long").exitCode == 2);
    std::ofstream(scratchDir() / "empty.csv") << "\n";
    CHECK(deck("import empty.csv --id e --title E").exitCode == 1);
    CHECK(deck("import missing.csv --id m --title M").exitCode == 1);
}

TEST_CASE("deck import - an unterminated quote, a quoted line break and a long title") {
    std::ofstream(scratchDir() / "open-quote.csv") << "\"front,back\n";
    const Run open = deck("import open-quote.csv --id q --title Q");
    CHECK(open.exitCode == 1);
    CHECK(contains(open.err, "open-quote.csv:1:1: error: unterminated quote"));
    CHECK_FALSE(contains(open.err, "cannot tell how fronts and backs are separated"));
    CHECK_FALSE(fs::exists(scratchDir() / "q.toml"));

    std::ofstream(scratchDir() / "breaks.csv", std::ios::binary) << "sleep,\"first line\r\nsecond line\"\r\n";
    const Run breaks = deck("import breaks.csv --id breaks --title Breaks");
    CHECK(breaks.exitCode == 0);
    CHECK(contains(readAll(scratchDir() / "breaks.toml"), "back = \"first line\\nsecond line\""));

    // Once "the imported deck does not load (please report this)", exit 1.
    const std::string longTitle(10001, 'T');
    const Run tooLong = deck("import breaks.csv --id long --title " + longTitle);
    CHECK(tooLong.exitCode == 2);
    CHECK(contains(tooLong.err, "--title has 10001 characters: deck texts are limited to 10000"));
    CHECK_FALSE(contains(tooLong.err, "please report"));
    CHECK(deck("import breaks.csv --id long --title " + std::string(10000, 'T')).exitCode == 0);
    CHECK(deck("import breaks.csv --id bell --title B --topic \"$(printf 'ring\\007')\"").exitCode == 2);
}

TEST_CASE("deck check - control characters in card text fail the check") {
    std::ofstream(scratchDir() / "escape.toml") << "[deck]\nid = \"escape\"\ntitle = \"E\"\ndescription = \"D\"\nversion = \"1\"\n\n"
                                                   "[[topic]]\nid = \"t\"\ntitle = \"T\"\n\n[[card]]\nid = \"c\"\ntopic = \"t\"\n"
                                                   "type = \"basic\"\nfront = \"Q \\u001B]0;owned\\u0007\"\nback = \"A\"\nexplain = \"E\"\n";
    const Run check = deck("check escape.toml");
    CHECK(check.exitCode == 1);
    CHECK(contains(check.out, "escape.toml:15:12: error: 'front' holds the control character U+001B"));
    CHECK(contains(check.out, "1 error"));
}

TEST_CASE("deck check - a character no installed font has is a no-font warning at its first place") {
    const std::string file = std::string(ATTUNE_TEST_DATA_DIR) + "/decks/warnings/no-font.toml";
    const Run run = deck("check " + data("warnings/no-font.toml"));
    CHECK(run.exitCode == 0);
    // Line 16, column 24: after `front = "Which sign is `; the comment on line 1 and the one after
    // the string are never drawn, and the same character on line 17 is not reported again.
    CHECK(contains(run.out, file + ":16:24: warning: no installed font has the character U+10FFFD '\xF4\x8F\xBF\xBD': the game "
                                   "draws it as an empty box"));
    CHECK(contains(run.out, "[no-font]\n"));
    CHECK(lastLine(run.out) == "0 errors, 1 warning in 1 deck");
    // Latin, accents and the scripts of the bundled DejaVu need no installed font.
    const Run good = deck("check " + data("good/all-types.toml"));
    CHECK(good.out == "0 errors, 0 warnings in 1 deck\n");
}
