// Where decks come from: folders, files, duplicate ids, and the live-reload watcher.
#include "FileText.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/deck/DeckLibrary.hpp>
#include <attune/model/deck/DeckWatcher.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::TempDir;
using attune::testing::writeAll;

namespace {


std::string deckText(const std::string& id, const std::string& front) {
    return "[deck]\nid = \"" + id + "\"\ntitle = \"T\"\ndescription = \"D\"\nversion = \"1\"\n\n"
           "[[topic]]\nid = \"t\"\ntitle = \"Topic\"\n\n[[card]]\nid = \"c1\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"" +
           front + "\"\nback = \"A\"\nexplain = \"E\"\n";
}


}  // namespace

TEST_CASE("deck library - folders are searched one level deep for toml files") {
    const TempDir folder("attune-library-test-folders");
    const fs::path& dir = folder.path;
    writeAll(dir / "a.toml", deckText("deck-a", "Q"));
    writeAll(dir / "own-folder" / "b.toml", deckText("deck-b", "Q"));
    writeAll(dir / "own-folder" / "deeper" / "c.toml", deckText("deck-c", "Q"));
    writeAll(dir / "notes.md", "not a deck");
    const DeckLibrary library = loadDeckLibrary({{dir, DeckOrigin::Player, true}});
    CHECK(library.fileCount == 2);
    CHECK(library.diagnostics.empty());
    CHECK(library.findDeck("deck-a") != nullptr);
    CHECK(library.findDeck("deck-b") != nullptr);
    CHECK(library.findDeck("deck-c") == nullptr);
}

TEST_CASE("deck library - two decks with one id are an error naming both files") {
    const TempDir folder("attune-library-test-duplicates");
    const fs::path& dir = folder.path;
    writeAll(dir / "bundled" / "course.toml", deckText("course", "Bundled"));
    writeAll(dir / "mine" / "copy.toml", deckText("course", "Mine"));
    const DeckLibrary library = loadDeckLibrary({{dir / "bundled", DeckOrigin::Bundled, true},
                                                 {dir / "mine" / "copy.toml", DeckOrigin::CommandLine, true}});
    REQUIRE(library.decks.size() == 1);
    CHECK(library.decks[0].origin == DeckOrigin::Bundled);
    CHECK(library.decks[0].deck.cards[0].front == "Bundled");
    REQUIRE(library.diagnostics.size() == 1);
    const Diagnostic& error = library.diagnostics[0];
    CHECK(error.severity == Diagnostic::Severity::Error);
    CHECK(error.file == (dir / "mine" / "copy.toml").string());
    CHECK(error.line == 2);  // its [deck] id
    CHECK(error.message.find((dir / "bundled" / "course.toml").string()) != std::string::npos);
    CHECK(error.message.find("'course'") != std::string::npos);
}

TEST_CASE("deck library - one file reached twice is read once") {
    const TempDir folder("attune-library-test-twice");
    const fs::path& dir = folder.path;
    writeAll(dir / "a.toml", deckText("deck-a", "Q"));
    const DeckLibrary library = loadDeckLibrary({{dir, DeckOrigin::Player, true}, {dir / "a.toml", DeckOrigin::CommandLine, true}});
    CHECK(library.fileCount == 1);
    CHECK(library.decks.size() == 1);
    CHECK(library.diagnostics.empty());
}

TEST_CASE("deck library - a missing --deck path is an error but a missing player folder is not") {
    const TempDir folder("attune-library-test-missing");
    const fs::path& dir = folder.path;
    const DeckLibrary library = loadDeckLibrary({{dir / "no-folder", DeckOrigin::Player, false},
                                                 {dir / "gone.toml", DeckOrigin::CommandLine, true}});
    REQUIRE(library.diagnostics.size() == 1);
    CHECK(library.diagnostics[0].file == (dir / "gone.toml").string());
}

TEST_CASE("deck library - the standard sources are bundled, player, then command line") {
    const auto sources = standardDeckSources({"extra.toml"});
    REQUIRE(sources.size() == 3);
    CHECK(sources[0].origin == DeckOrigin::Bundled);
    CHECK(sources[1].origin == DeckOrigin::Player);
    CHECK(sources[1].path.filename() == "decks");
    CHECK(sources[2].path == "extra.toml");
    CHECK(sources[2].required);
}

namespace {

// Gives a rewritten file a different modification time even on coarse file systems.
void touchLater(const fs::path& file, int seconds) {
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(seconds));
}

}  // namespace

TEST_CASE("deck watcher - a changed deck is reloaded at the next poll after the interval") {
    const TempDir folder("attune-library-test-watch");
    const fs::path& dir = folder.path;
    const fs::path file = dir / "a.toml";
    writeAll(file, deckText("deck-a", "First"));
    DeckWatcher watcher({{dir, DeckOrigin::Player, true}});
    REQUIRE(watcher.decks().size() == 1);
    CHECK(watcher.findDeck("deck-a")->cards[0].front == "First");

    const auto start = DeckWatcher::Clock::time_point{} + std::chrono::hours(1);
    CHECK_FALSE(watcher.poll(start));  // nothing changed
    writeAll(file, deckText("deck-a", "Second"));
    touchLater(file, 2);
    CHECK_FALSE(watcher.poll(start + std::chrono::milliseconds(500)));  // not yet a second
    CHECK(watcher.findDeck("deck-a")->cards[0].front == "First");
    const auto before = watcher.generation();
    CHECK(watcher.poll(start + std::chrono::milliseconds(1100)));
    CHECK(watcher.findDeck("deck-a")->cards[0].front == "Second");
    CHECK(watcher.generation() == before + 1);
    CHECK(watcher.findDeck("deck-a")->cards[0].id == "c1");  // progress stays keyed by the id
}

TEST_CASE("deck watcher - a broken edit keeps the last good version and shows why") {
    const TempDir folder("attune-library-test-broken-edit");
    const fs::path& dir = folder.path;
    const fs::path file = dir / "a.toml";
    writeAll(file, deckText("deck-a", "Good"));
    DeckWatcher watcher({{dir, DeckOrigin::Player, true}});
    writeAll(file, deckText("deck-a", "Half-typed\nback"));  // an unterminated string
    touchLater(file, 2);
    CHECK(watcher.checkNow());
    REQUIRE(watcher.decks().size() == 1);
    CHECK(watcher.findDeck("deck-a")->cards[0].front == "Good");
    REQUIRE(watcher.diagnostics().size() == 1);
    CHECK(watcher.diagnostics()[0].file == file.string());
    CHECK(watcher.diagnostics()[0].line == 15);  // the unterminated front

    writeAll(file, deckText("deck-a", "Fixed"));
    touchLater(file, 4);
    CHECK(watcher.checkNow());
    CHECK(watcher.findDeck("deck-a")->cards[0].front == "Fixed");
    CHECK(watcher.diagnostics().empty());
}

TEST_CASE("deck watcher - new and deleted deck files are noticed") {
    const TempDir folder("attune-library-test-add-remove");
    const fs::path& dir = folder.path;
    writeAll(dir / "a.toml", deckText("deck-a", "Q"));
    DeckWatcher watcher({{dir, DeckOrigin::Player, true}});
    writeAll(dir / "b.toml", deckText("deck-b", "Q"));
    CHECK(watcher.checkNow());
    CHECK(watcher.findDeck("deck-b") != nullptr);
    fs::remove(dir / "a.toml");
    CHECK(watcher.checkNow());
    CHECK(watcher.findDeck("deck-a") == nullptr);
    CHECK(watcher.decks().size() == 1);
    CHECK_FALSE(watcher.checkNow());
}

TEST_CASE("deck watcher - a reload that duplicates another deck's id is reported") {
    const TempDir folder("attune-library-test-watch-duplicate");
    const fs::path& dir = folder.path;
    writeAll(dir / "a.toml", deckText("deck-a", "Q"));
    writeAll(dir / "b.toml", deckText("deck-b", "Q"));
    DeckWatcher watcher({{dir, DeckOrigin::Player, true}});
    writeAll(dir / "b.toml", deckText("deck-a", "Copy"));
    touchLater(dir / "b.toml", 2);
    CHECK(watcher.checkNow());
    CHECK(watcher.decks().size() == 1);
    REQUIRE(watcher.diagnostics().size() == 1);
    CHECK(watcher.diagnostics()[0].message.find((dir / "a.toml").string()) != std::string::npos);
}
