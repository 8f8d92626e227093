// "What retention should I aim for?" on the six-month player's profile: the sweep's charts,
// axes and figures drawn whole, inside the window and clear of each other at 1280x720 and
// 800x600 with text at 100-200 % in light and dark; reached from Settings by keyboard, arrows
// pick a retention and Enter stores it; a click on a column stores that one; Esc goes back to
// Settings, which shows the new value.
#include "FreshHome.hpp"
#include "catch.hpp"

#include "DrawnScreens.hpp"
#include "InProcessShell.hpp"
#include "SixMonthProfile.hpp"

#include <attune/model/progress/Workload.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Simulator.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

struct FreshRoot : testing::FreshHome {
    FreshRoot() : FreshHome("attune-retention-screen") {
        setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
        testing::writeSixMonthProfile(root / "profile", testing::courseDeck());
    }
    ~FreshRoot() { unsetenv("ATTUNE_NOW"); }
    FreshRoot(const FreshRoot&) = delete;
    FreshRoot& operator=(const FreshRoot&) = delete;
};

std::string percentOf(double retention) { return std::to_string(static_cast<int>(std::lround(retention * 100.0))) + " %"; }

double storedRetention(const fs::path& dir) {
    auto opened = model::Profile::open(dir, {.readOnly = true, .dailyBackup = false, .now = {}, .localState = {}});
    return opened.profile.settings().desiredRetention;
}

struct Shell : testing::InProcessShell {
    explicit Shell(const fs::path& profile) : InProcessShell({profile, {}, false}) {
        app.reset(ui::makeHomeScreen(app));
        app.push(ui::makeSettingsScreen(app));
        frame();
    }
    std::optional<ui::RetentionView> view() { return app.top() ? ui::retentionView(*app.top()) : std::nullopt; }
    bool focusedIs(const std::string& label) {
        ui::Controls& controls = app.top()->controls();
        const auto focus = controls.focused();
        return focus && controls.find(*focus) && controls.find(*focus)->label == label;
    }
};

}  // namespace

TEST_CASE("retention screen - the charts, axes, best retention and figures are drawn whole and apart at every size") {
    const FreshRoot fresh;
    model::Game game({fresh.root / "profile", {}, true});
    // What the screen simulates, computed here the same way: its best retention is the one named.
    const scheduler::SimulationSetup setup = model::workloadSetup(game.course(), game.profile().reviews());
    const std::vector<double> retentions = scheduler::retentionSweep();
    const scheduler::SweepResult sweep = scheduler::sweepRetention(setup, retentions);
    REQUIRE(sweep.best.has_value());
    const std::string best = "Best: " + percentOf(retentions[*sweep.best]);
    testing::ScreenDrawer drawer(game);
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const testing::DrawnScreen shown = drawer.draw(testing::Shown::Retention, at);
        checkShows(shown, "What retention should I aim for?");
        checkShows(shown, "Minutes of study a day");
        checkShows(shown, "Cards remembered at the end of the year");
        checkShows(shown, "Desired retention");
        checkShowsExactly(shown, "70 %");
        checkShowsExactly(shown, "95 %");
        checkShowsExactly(shown, "best");
        checkShows(shown, best);
        checkShows(shown, "At 90 %:");  // the player's own retention is picked first
        checkShows(shown, "Yours: 90 %");
        for (const ui::DrawnText& text : shown.texts) {
            INFO(shown.where << ": \"" << text.text << "\"");
            CHECK_FALSE(text.truncated);
            CHECK(shown.inside(text.lines));
        }
        checkNoTextOverlaps(shown);
    }
    CHECK(game.close().ok);
}

TEST_CASE("retention screen - from Settings by keyboard: arrows pick, Enter stores the retention, Esc goes back") {
    const FreshRoot fresh;
    const fs::path profile = fresh.root / "profile";
    REQUIRE(storedRetention(profile) == Approx(0.90));
    {
        Shell shell(profile);
        for (int i = 0; i < 60 && !shell.focusedIs("What retention should I aim for?"); ++i) shell.press(sf::Keyboard::Tab);
        REQUIRE(shell.focusedIs("What retention should I aim for?"));
        shell.press(sf::Keyboard::Enter);
        REQUIRE(shell.view().has_value());
        if (shell.view()->running) {
            // While the sweep runs, the window keeps drawing its progress.
            CHECK(shell.view()->progress >= 0.0);
            CHECK(shell.view()->progress <= 1.0);
            shell.shot(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "retention-screen-running.png");
        }
        shell.frameUntil([&] { return shell.view()->finished; }, std::chrono::seconds(60));
        ui::RetentionView view = *shell.view();
        REQUIRE(view.finished);
        REQUIRE(view.retentions.size() == 28);
        REQUIRE(view.minutesPerDay.size() == 28);
        CHECK(view.minutesPerDay.back() > view.minutesPerDay.front());
        CHECK(view.remembered.back() > view.remembered.front());
        REQUIRE(view.best.has_value());
        REQUIRE(view.picked.has_value());
        CHECK(*view.picked == Approx(0.90));  // starts on the player's own setting
        shell.shot(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "retention-screen.png");

        shell.press(sf::Keyboard::Left);
        shell.press(sf::Keyboard::Left);
        REQUIRE(shell.view()->picked.has_value());
        CHECK(*shell.view()->picked == Approx(0.88));
        shell.press(sf::Keyboard::Enter);
        CHECK(shell.view()->setting == Approx(0.88));
        CHECK(shell.game.settings().desiredRetention == Approx(0.88));

        shell.press(sf::Keyboard::Escape);
        REQUIRE_FALSE(shell.view().has_value());
        // Settings shows the value the retention screen stored, and a change there keeps it.
        CHECK(shell.control("What retention should I aim for?").label == "What retention should I aim for?");
        shell.app.top()->onScroll(1000.0f);  // back to the top of the list
        shell.frame();
        shell.clickOn("+");  // the first stepper is the desired retention's
        CHECK(shell.game.settings().desiredRetention == Approx(0.89));
        CHECK(shell.game.close().ok);
    }
    CHECK(storedRetention(profile) == Approx(0.89));
}

TEST_CASE("retention screen - a click on a retention's column stores that retention") {
    const FreshRoot fresh;
    const fs::path profile = fresh.root / "profile";
    {
        Shell shell(profile);
        shell.app.push(ui::makeRetentionScreen(shell.app));
        shell.frame();
        shell.frameUntil([&] { return shell.view() && shell.view()->finished; }, std::chrono::seconds(60));
        REQUIRE(shell.view()->finished);
        // The columns are the controls after Back, one per retention from 70 %.
        const auto& items = shell.app.top()->controls().items();
        REQUIRE(items.size() == 29);
        const ui::Rect column = items[1 + 5].rect;  // 75 %
        shell.moveMouse(column.x + column.w / 2.0f, column.y + column.h / 2.0f);
        REQUIRE(shell.view()->picked.has_value());
        CHECK(*shell.view()->picked == Approx(0.75));  // the figures follow the mouse
        shell.click(column.x + column.w / 2.0f, column.y + column.h / 2.0f);
        CHECK(shell.game.settings().desiredRetention == Approx(0.75));
        // A key takes over from the resting mouse: the figures follow the focus again.
        shell.press(sf::Keyboard::Right);
        REQUIRE(shell.view()->picked.has_value());
        CHECK(*shell.view()->picked == Approx(0.76));
        CHECK(shell.game.close().ok);
    }
    CHECK(storedRetention(profile) == Approx(0.75));
}
