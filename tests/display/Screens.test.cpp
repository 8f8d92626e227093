// `attune shot` renders every screen with a profile's real data: at 1280x720 and at 800x600
// with 200 % text, in light and dark (and high contrast), and none of the images is blank. And
// each screen shows what it must (the streak, the goal, the card, the XP gained...) whole,
// inside the window and clear of its other texts.
#include "CliRun.hpp"
#include "PixelLook.hpp"
#include "catch.hpp"

#include "DrawnScreens.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/model/save/Profile.hpp>

#include <SFML/Graphics/Image.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace attune;

namespace {

using testing::shellQuoted;

/// This run's folder for the shots and their profile.
const fs::path& shotsFolder() {
    static const testing::TempDir folder("attune-display-shots");
    return folder.path;
}

constexpr const char* kNow = "2026-11-27T18:00:00Z";

/// A profile that has studied six cards of the course an hour ago.
fs::path seededProfile() {
    const fs::path dir = shotsFolder() / "profile";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
    REQUIRE(loaded.deck.has_value());
    model::ProfileOpenOptions options;
    options.dailyBackup = false;
    auto opened = model::Profile::open(dir, options);
    REQUIRE_FALSE(opened.profile.readOnly());
    const std::int64_t base = 1795802400000 - 3600 * 1000;  // 2026-11-27T17:00:00Z
    for (std::size_t i = 0; i < 6; ++i) {
        model::ReviewRecord record;
        record.deckId = loaded.deck->id;
        record.cardId = loaded.deck->studyCards[i].id;
        record.utcMs = base + static_cast<std::int64_t>(i) * 20000;
        record.rating = i == 2 ? scheduler::Rating::Again : scheduler::Rating::Good;
        record.durationMs = 6000;
        record.kind = model::ReviewKind::Learn;
        REQUIRE(opened.profile.append(record).ok);
    }
    REQUIRE(opened.profile.close().unsaved == 0);
    return dir;
}

}  // namespace

TEST_CASE("shot - every screen renders in light and dark at 1280x720 and at 800x600 with 200 % text") {
    const fs::path profile = seededProfile();
    const fs::path out = shotsFolder();
    struct Variant {
        const char* size;
        const char* scale;
        unsigned width, height;
    };
    const Variant variants[] = {{"1280x720", "1.0", 1280, 720}, {"800x600", "2.0", 800, 600}};
    const char* screens[] = {"home", "study", "study-answered", "summary", "settings", "welcome"};
    for (const char* theme : {"light", "dark", "high-contrast"}) {
        for (const auto& variant : variants) {
            if (std::string(theme) == "high-contrast" && variant.width != 1280) continue;
            for (const char* screen : screens) {
                const fs::path png = out / (std::string(screen) + "-" + theme + "-" + variant.size + ".png");
                fs::remove(png);
                const std::string command = std::string("ATTUNE_NOW=") + kNow + " " + shellQuoted(ATTUNE_BINARY) +
                                            " shot --screen " + screen + " --out " + shellQuoted(png) + " --profile " +
                                            shellQuoted(profile) + " --size " + variant.size + " --font-scale " +
                                            variant.scale + " --theme " + theme + " > /dev/null";
                INFO(command);
                REQUIRE(std::system(command.c_str()) == 0);
                sf::Image image;
                REQUIRE(image.loadFromFile(png.string()));
                CHECK(image.getSize().x == variant.width);
                CHECK(image.getSize().y == variant.height);
                const testing::Look look = testing::lookAt(image);
                CHECK(look.inked > 0.04);   // text, panels and buttons, not an empty page
                CHECK(look.colours >= 8);   // more than a flat fill
            }
        }
    }
    // The shot changed nothing in the profile.
    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    CHECK(model::Profile::open(profile, readOnly).profile.reviews().size() == 6);
}

TEST_CASE("shot - bad options are usage errors and write nothing") {
    const fs::path png = shotsFolder() / "never.png";
    fs::remove(png);
    const std::string binary = shellQuoted(ATTUNE_BINARY);
    CHECK(std::system((binary + " shot --screen nowhere --out " + shellQuoted(png) + " 2>/dev/null").c_str()) != 0);
    CHECK(std::system((binary + " shot --screen home --out " + shellQuoted(png) + " --size 12 2>/dev/null").c_str()) != 0);
    CHECK(std::system((binary + " shot --screen home --out " + shellQuoted(png) + " --font-scale 3 2>/dev/null").c_str()) != 0);
    CHECK(std::system((binary + " shot --screen home --out " + shellQuoted(png) + " --theme neon 2>/dev/null").c_str()) != 0);
    CHECK_FALSE(fs::exists(png));
    // No display at all: a sentence and exit 1, never SFML's abort.
    const std::string headless = "env -u DISPLAY " + binary + " shot --screen home --out " + shellQuoted(png) + " 2>/dev/null";
    const int status = std::system(headless.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK_FALSE(fs::exists(png));
}

TEST_CASE("screens - home, study, summary, settings and welcome show their facts inside the window and clear of each other") {
    const fs::path profile = seededProfile();
    setenv("ATTUNE_NOW", kNow, 1);
    setenv("XDG_DATA_HOME", (profile.parent_path() / "xdg").c_str(), 1);
    {
        model::Game game({profile, {}, true});
        testing::ScreenDrawer drawer(game);
        const model::HomeFacts home = game.home();
        const model::SummaryFacts summary = game.todaySummary();
        const model::Settings settings = game.settings();
        REQUIRE(summary.xp > 0);
        REQUIRE_FALSE(summary.achievements.empty());
        REQUIRE_FALSE(home.courseIntro.empty());  // the bundled course's intro
        for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
            const auto homeScreen = drawer.draw(testing::Shown::Home, at);
            // The streak number stands on its own, or leads "N day streak" where the room is short.
            const std::string streak = std::to_string(home.streak);
            const ui::DrawnText* streakText = homeScreen.findExactly(streak);
            checkWholeInside(homeScreen, streak, streakText != nullptr ? streakText : homeScreen.find(streak + " day streak"));
            checkShows(homeScreen, std::to_string(home.xpToday) + "/" + std::to_string(home.dailyGoal) + " XP");
            checkShows(homeScreen, "Level " + std::to_string(home.level));
            checkNoTextOverlaps(homeScreen);

            const auto summaryScreen = drawer.draw(testing::Shown::Summary, at);
            checkShows(summaryScreen, "Session complete");
            checkShowsExactly(summaryScreen, "+" + std::to_string(summary.xp));
            checkShows(summaryScreen, summary.streakAfter == 0 ? "No streak yet" : std::to_string(summary.streakAfter) + " day streak");
            for (const model::Unlocked& a : summary.achievements) checkShows(summaryScreen, a.title + " \xE2\x80\x94 " + a.description);
            checkNoTextOverlaps(summaryScreen);

            const auto settingsScreen = drawer.draw(testing::Shown::Settings, at);
            checkShows(settingsScreen, "Settings");
            checkShows(settingsScreen, "Desired retention");
            checkShowsExactly(settingsScreen, std::to_string(static_cast<int>(std::lround(settings.desiredRetention * 100))) + " %");
            checkShowsExactly(settingsScreen, std::to_string(settings.dailyGoalXp) + " XP");
            checkNoTextOverlaps(settingsScreen);

            const auto welcomeScreen = drawer.draw(testing::Shown::Welcome, at);
            checkShows(welcomeScreen, "Welcome to Attune");
            checkShows(welcomeScreen, "Start my first session");
            checkShows(welcomeScreen, home.courseIntro);  // whole: what the course is and is not
            checkShows(welcomeScreen, "Each card has two beats: answer (Space or Enter shows it), then say how well you knew it (1\xE2\x80\x93" "4, or Enter for the suggestion).");
            checkNoTextOverlaps(welcomeScreen);
        }
        REQUIRE(game.startPreviewSession());
        const model::CardFacts question = game.card();
        for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
            const auto studyScreen = drawer.draw(testing::Shown::Study, at);
            checkShows(studyScreen, question.prompt);
            checkShows(studyScreen, "Show answer");
            checkNoTextOverlaps(studyScreen);
        }
        game.reveal();
        const model::CardFacts revealed = game.card();
        for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
            const auto answeredScreen = drawer.draw(testing::Shown::Answered, at);
            checkShows(answeredScreen, revealed.answer);
            checkShows(answeredScreen, "3 Good");
            checkNoTextOverlaps(answeredScreen);
        }
        game.finish();
        CHECK(game.close().ok);
    }
    unsetenv("ATTUNE_NOW");
    unsetenv("XDG_DATA_HOME");
}
