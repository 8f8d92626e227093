// Opening a course: the profile (read on a second thread) and the decks from every source,
// with each file's problems kept apart, as `attune stats`, `attune study` and the window need.
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/session/Course.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune::model;

namespace {

struct Scratch {
    attune::testing::TempDir folder{"attune-course-test"};
    fs::path root = folder.path;
    Scratch() {
        setenv("XDG_DATA_HOME", (root / "xdg").c_str(), 1);
        setenv("XDG_CACHE_HOME", (root / "cache").c_str(), 1);
    }
};

void copyDeck(const std::string& corpusFile, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy_file(fs::path(ATTUNE_TEST_DATA_DIR) / "decks" / corpusFile, to, fs::copy_options::overwrite_existing);
}

bool hasDeck(const OpenedCourse& course, const std::string& id) {
    return std::any_of(course.decks.begin(), course.decks.end(), [&](const Deck& d) { return d.id == id; });
}

}  // namespace

TEST_CASE("course open - the bundled decks the player's folder and --deck load and the profile answers stay") {
    Scratch scratch;
    const fs::path profileDir = scratch.root / "profile";
    {
        auto opened = Profile::open(profileDir, {.readOnly = false, .dailyBackup = false, .now = {}, .localState = {}});
        ReviewRecord r;
        r.deckId = "attachment-course";
        r.cardId = "any-card";
        r.utcMs = parseIsoTime("2026-11-27T10:00:00Z")->utcMs;
        REQUIRE(opened.profile.append(r).ok);
        REQUIRE(opened.profile.close().unsaved == 0);
    }
    fs::create_directories(userDecksDir());
    std::ofstream(userDecksDir() / "mine.toml", std::ios::binary)
        << "[deck]\nid = \"my-own\"\ntitle = \"Mine\"\ndescription = \"My own cards.\"\nversion = \"1\"\n[[topic]]\nid = \"t\"\ntitle = \"T\"\n"
           "[[card]]\nid = \"one\"\ntopic = \"t\"\ntype = \"basic\"\nfront = \"F\"\nback = \"B\"\nexplain = \"E\"\n";
    const auto mineLoaded = loadDeck(userDecksDir() / "mine.toml");
    for (const auto& d : mineLoaded.diagnostics) INFO(d.format());
    REQUIRE(mineLoaded.deck.has_value());
    const Deck& mine = *mineLoaded.deck;
    const fs::path extra = scratch.root / "extra" / "all-types.toml";
    copyDeck("good/all-types.toml", extra);
    const auto extraLoaded = loadDeck(extra);
    REQUIRE(extraLoaded.deck.has_value());
    const Deck& extraDeck = *extraLoaded.deck;

    CourseOpenOptions options;
    options.profileDir = profileDir;
    options.decks = {extra};
    options.profile.readOnly = true;
    options.profile.dailyBackup = false;
    const OpenedCourse course = openCourse(options);
    REQUIRE(course.profile.has_value());
    CHECK(course.profile->reviews().size() == 1);
    CHECK(course.profileDiagnostics.empty());
    CHECK(course.deckDiagnostics.empty());
    CHECK(hasDeck(course, "attachment-guide"));  // bundled
    CHECK(hasDeck(course, mine.id));
    CHECK(hasDeck(course, extraDeck.id));
    CHECK(course.playerDeckIds == std::vector<std::string>{mine.id});
    CHECK_FALSE(course.achievements.empty());
    // The progress input points into the course.
    const CourseInput input = course.progressInput(*parseIsoTime("2026-11-28T10:00:00Z"));
    CHECK(input.decks.size() == course.decks.size());
    CHECK(input.reviews.size() == 1);
    CHECK(input.playerDeckIds == course.playerDeckIds);
}

TEST_CASE("course open - a broken deck and a damaged profile each report file line and column and the rest opens") {
    Scratch scratch;
    const fs::path profileDir = scratch.root / "profile";
    fs::create_directories(profileDir);
    const std::string damaged = "schema_version = 1\n[settings\n";
    std::ofstream(profileDir / "profile.toml", std::ios::binary) << damaged;
    const fs::path broken = scratch.root / "broken.toml";
    std::ofstream(broken, std::ios::binary) << "[deck]\nid = \"broken\"\ntitle = \"Broken\nversion = \"1\"\n";

    CourseOpenOptions options;
    options.profileDir = profileDir;
    options.decks = {broken};
    const OpenedCourse course = openCourse(options);
    REQUIRE(course.profile.has_value());
    CHECK(course.profile->readOnly());
    REQUIRE_FALSE(course.profileDiagnostics.empty());
    CHECK(course.profileDiagnostics.front().file.find("profile.toml") != std::string::npos);
    CHECK(course.profileDiagnostics.front().line == 2);
    REQUIRE(hasErrors(course.deckDiagnostics));
    const auto error = std::find_if(course.deckDiagnostics.begin(), course.deckDiagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
    CHECK(error->file == broken.string());
    CHECK(error->line == 3);
    CHECK_FALSE(hasDeck(course, "broken"));
    CHECK(hasDeck(course, "attachment-guide"));  // the rest still loads
    // The damaged file was not written over.
    std::ifstream in(profileDir / "profile.toml", std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == damaged);
}
