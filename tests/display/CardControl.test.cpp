// Setting cards aside in the window: b and s on the study screen and the same two moves in its
// small menu for the mouse, suspend and bring back in the deck browser, leeches and their way
// back under Weak topics; every move a card marker in the log; the menu, the browser, the leech
// settings and the weak topics read whole at every window and text size.
#include "CliRun.hpp"
#include "DrawnScreens.hpp"
#include "FreshHome.hpp"
#include "InProcessShell.hpp"
#include "SixMonthProfile.hpp"
#include "catch.hpp"

#include "../../game/ui/src/InsightScreens.hpp"

#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

bool hasControl(ui::Screen& screen, const std::string& label) {
    for (const ui::Control& c : screen.controls().items())
        if (!c.hidden && c.label.rfind(label, 0) == 0) return true;
    return false;
}

model::ReviewKind lastKind(const model::Game& game) {
    REQUIRE_FALSE(game.profile().reviews().empty());
    return game.profile().reviews().back().kind;
}

// The six-month profile (leeches set aside among its cards), kept in the build folder for a
// person to shoot its screens with `attune shot`.
fs::path sixMonthProfile() {
    static const fs::path dir = [] {
        const fs::path made = fs::path(ATTUNE_TEST_OUTPUT_DIR) / "card-control-profile";
        testing::writeSixMonthProfile(made, testing::courseDeck());
        return made;
    }();
    return dir;
}

}  // namespace

TEST_CASE("card control - b and s in study and the set-aside menu by mouse save bury and suspend markers") {
    const testing::FreshHome fresh("attune-card-control");
    testing::InProcessShell shell({fresh.root / "profile", {}, false});
    shell.app.reset(ui::makeHomeScreen(shell.app));
    shell.frame();
    shell.clickOn("Study now");
    REQUIRE(shell.game.inSession());
    const int total = shell.game.progress().total;

    const std::string first = shell.game.card().prompt;
    shell.press(sf::Keyboard::B);
    CHECK(lastKind(shell.game) == model::ReviewKind::Bury);
    CHECK(shell.game.card().prompt != first);
    CHECK(shell.game.progress().total == total - 1);

    // s on the grade beat: the card goes, its answer is not given.
    shell.press(sf::Keyboard::Space);
    REQUIRE(shell.game.card().beat == model::Beat::Grade);
    shell.press(sf::Keyboard::S);
    CHECK(lastKind(shell.game) == model::ReviewKind::Suspend);
    CHECK(shell.game.card().beat == model::Beat::Answer);
    CHECK(shell.game.profile().reviews().size() == 2);

    // The menu: opened by the mouse, closed by Esc without leaving the session.
    ui::Screen* study = shell.app.top();
    CHECK_FALSE(hasControl(*study, "Bury until tomorrow (b)"));
    shell.clickOn("Set aside");
    CHECK(hasControl(*study, "Bury until tomorrow (b)"));
    CHECK(hasControl(*study, "Suspend (s)"));
    CHECK_FALSE(hasControl(*study, "Show answer"));
    shell.press(sf::Keyboard::Escape);
    CHECK(shell.app.top() == study);
    CHECK(shell.game.inSession());
    CHECK_FALSE(hasControl(*study, "Suspend (s)"));
    CHECK(hasControl(*study, "Show answer"));

    // Suspend and bury by clicks alone.
    const std::string third = shell.game.card().prompt;
    shell.clickOn("Set aside");
    shell.clickOn("Suspend (s)");
    CHECK(lastKind(shell.game) == model::ReviewKind::Suspend);
    CHECK(shell.game.card().prompt != third);
    shell.clickOn("Set aside");
    shell.clickOn("Bury until tomorrow");
    CHECK(lastKind(shell.game) == model::ReviewKind::Bury);
    CHECK(shell.game.profile().reviews().size() == 4);
    (void)shell.game.finish();
    const model::CourseProgress& course = shell.game.course();
    CHECK(course.setAsideCards == 2);
    CHECK(course.buriedCards == 2);
    CHECK(shell.game.close().ok);
}

TEST_CASE("card control - the deck browser suspends and brings back a card by key and by mouse") {
    const testing::FreshHome fresh("attune-card-control");
    testing::InProcessShell shell({fresh.root / "profile", {}, false});
    shell.app.reset(ui::makeHomeScreen(shell.app));
    shell.app.push(ui::makeDeckBrowserScreen(shell.app));
    shell.frame();
    ui::Screen* browser = shell.app.top();
    auto view = ui::browserView(*browser);
    REQUIRE(view);
    CHECK(view->holdButton == "Suspend (s)");
    const std::string card = view->cardId;

    shell.press(sf::Keyboard::S);
    CHECK(lastKind(shell.game) == model::ReviewKind::Suspend);
    CHECK(shell.game.profile().reviews().back().cardId == card);
    view = ui::browserView(*browser);
    CHECK(view->hold.find("suspended") != std::string::npos);
    CHECK(view->holdButton == "Bring back (s)");
    CHECK(shell.game.course().setAsideCards == 1);

    shell.clickOn("Bring back");
    CHECK(lastKind(shell.game) == model::ReviewKind::Unsuspend);
    view = ui::browserView(*browser);
    CHECK(view->holdButton == "Suspend (s)");
    CHECK(view->hold.find("suspended") == std::string::npos);
    CHECK(shell.game.course().setAsideCards == 0);
    CHECK(shell.game.profile().reviews().size() == 2);

    // Typing s into the search is a letter, not a suspend.
    shell.clickOn("Search cards");
    shell.press(sf::Keyboard::S);
    CHECK(shell.game.profile().reviews().size() == 2);
    CHECK(shell.game.close().ok);
}

TEST_CASE("card control - the study menu, the deck browser and the leeches read whole at every window and text size") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    const testing::FreshHome fresh("attune-card-control");
    model::Game game({sixMonthProfile(), {}, true});
    const model::CourseProgress& course = game.course();
    REQUIRE_FALSE(course.leeches.empty());
    REQUIRE(course.setAsideCards > 0);  // its leeches are set aside (the default action)
    testing::ScreenDrawer drawer(game);
    REQUIRE(game.startPreviewSession());
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const auto menu = drawer.draw(testing::Shown::StudyMenu, at);
        checkShows(menu, "Bury until tomorrow (b)");
        checkShows(menu, "Suspend (s)");
        checkShows(menu, "Cancel (Esc)");
        checkShows(menu, "Set aside");
        checkNoTextOverlaps(menu);

        const auto study = drawer.draw(testing::Shown::Study, at);
        checkShows(study, "Set aside");
        checkShows(study, "Undo");
        checkNoTextOverlaps(study);

        const auto decks = drawer.draw(testing::Shown::Decks, at);
        checkShows(decks, "Suspend (s)");
        checkNoTextOverlaps(decks);

        const auto settings = drawer.draw(testing::Shown::Settings, at, true);
        checkShows(settings, "A leech after forgetting");
        checkShows(settings, "8 times");
        checkShows(settings, "Leeches are");
        checkNoTextOverlaps(settings);

        const auto weak = drawer.draw(testing::Shown::Weak, at, true);
        checkShows(weak, "set aside: s brings it back");
        checkNoTextOverlaps(weak);
    }
    (void)game.finish();
    unsetenv("ATTUNE_NOW");
}
