// The trophy room over a six-month profile: every achievement listed, earned ones with their
// local date, locked ones with their progress, hidden ones as "?"; drawn whole, inside the window
// and clear of each other at 1280x720 and 800x600 with text at 100 and 200 %; reached from Home
// and the summary by keyboard; `attune shot --screen trophies` renders it.
#include "CliRun.hpp"
#include "DrawnScreens.hpp"
#include "InProcessShell.hpp"
#include "PixelLook.hpp"
#include "SixMonthProfile.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/progress/Progress.hpp>

#include <SFML/Graphics/Image.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdlib.h>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

const fs::path& trophyFolder() {
    static const testing::TempDir folder("attune-trophy-shots");
    return folder.path;
}

fs::path trophyProfile() {
    static const fs::path dir = [] {
        const fs::path made = trophyFolder() / "profile";
        testing::writeSixMonthProfile(made, testing::courseDeck());
        return made;
    }();
    return dir;
}

struct Pinned {
    Pinned() {
        setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
        setenv("XDG_DATA_HOME", (trophyFolder() / "xdg").c_str(), 1);
    }
    ~Pinned() {
        unsetenv("ATTUNE_NOW");
        unsetenv("XDG_DATA_HOME");
    }
};

}  // namespace

TEST_CASE("trophy room - every achievement is shown whole: earned with its date, locked with progress, hidden as ?") {
    const Pinned pinned;
    model::Game game({trophyProfile(), {}, true});
    const model::CourseProgress& p = game.course();
    const auto standings = model::achievementStandings(p.achievementDefinitions, p.milestones, model::standingInputOf(p));
    REQUIRE(standings.size() >= 15);
    const model::AchievementStanding* earned = nullptr;
    const model::AchievementStanding* locked = nullptr;
    const model::AchievementStanding* secret = nullptr;
    std::size_t earnedCount = 0;
    for (const auto& s : standings) {
        earnedCount += s.earnedAtMs ? 1u : 0u;
        if (s.earnedAtMs && !earned) earned = &s;
        if (!s.earnedAtMs && !s.definition->hidden && s.definition->condition == model::AchievementCondition::ReviewsTotal) locked = &s;
        if (!s.earnedAtMs && s.definition->hidden && !secret) secret = &s;
    }
    REQUIRE(earned != nullptr);
    REQUIRE(locked != nullptr);  // ten thousand answers: not yet after six months
    CHECK(locked->progress == p.reviewsTotal);
    const std::string lockedProgress = model::countText(locked->progress) + " / " + model::countText(locked->target) + " answers";

    testing::ScreenDrawer drawer(game);
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const auto top = drawer.draw(testing::Shown::Trophies, at);
        checkShows(top, "Trophy room");
        checkShows(top, std::to_string(earnedCount) + " of " + std::to_string(standings.size()) + " earned");
        checkShowsExactly(top, earned->definition->title);
        checkShows(top, "Earned ");
        checkNoTextOverlaps(top);

        const auto end = drawer.draw(testing::Shown::Trophies, at, true);
        checkShowsExactly(end, standings.back().earnedAtMs || !standings.back().definition->hidden ? standings.back().definition->title : "?");
        checkNoTextOverlaps(end);
    }
    // The answers trophy still locked, with its progress (fourth in the data: on the first page).
    const auto whole = drawer.draw(testing::Shown::Trophies, 1280, 720, 1.0, true);
    const auto first = drawer.draw(testing::Shown::Trophies, 1280, 720, 1.0);
    checkShows(first, lockedProgress);
    if (secret != nullptr) {
        // A hidden achievement not yet earned never shows its title.
        CHECK(whole.find(secret->definition->title) == nullptr);
        CHECK(first.find(secret->definition->title) == nullptr);
    }
    CHECK(game.close().ok);
}

TEST_CASE("trophy room - Home and the summary open it by keyboard, Esc comes back") {
    const Pinned pinned;
    testing::InProcessShell shell({trophyProfile(), {}, true});
    shell.app.reset(ui::makeHomeScreen(shell.app));
    shell.frame();
    auto tabTo = [&](const std::string& label) {
        for (int i = 0; i < 30; ++i) {
            ui::Controls& controls = shell.app.top()->controls();
            const auto focus = controls.focused();
            if (focus && controls.find(*focus) && controls.find(*focus)->label == label) return;
            shell.press(sf::Keyboard::Tab);
        }
        FAIL("no control labelled " << label);
    };
    tabTo("Trophies");
    shell.press(sf::Keyboard::Enter);
    REQUIRE(shell.app.depth() == 2);
    CHECK(shell.app.top()->controls().focused().has_value());
    shell.press(sf::Keyboard::Escape);
    CHECK(shell.app.depth() == 1);

    shell.app.push(ui::makeSummaryScreen(shell.app, shell.game.todaySummary()));
    shell.frame();
    tabTo("Trophies");
    shell.press(sf::Keyboard::Enter);
    REQUIRE(shell.app.depth() == 3);
    shell.press(sf::Keyboard::Escape);
    CHECK(shell.app.depth() == 2);
}

TEST_CASE("trophy room - attune shot renders it in light and dark") {
    const Pinned pinned;
    for (const char* theme : {"light", "dark"}) {
        const fs::path png = trophyFolder() / (std::string("trophies-") + theme + ".png");
        const std::string command = std::string(testing::shellQuoted(ATTUNE_BINARY)) + " shot --screen trophies --out " +
                                    testing::shellQuoted(png) + " --profile " + testing::shellQuoted(trophyProfile()) +
                                    " --size 800x600 --font-scale 2.0 --theme " + theme + " > /dev/null";
        INFO(command);
        REQUIRE(std::system(command.c_str()) == 0);
        sf::Image image;
        REQUIRE(image.loadFromFile(png.string()));
        CHECK(image.getSize().x == 800);
        const testing::Look look = testing::lookAt(image);
        CHECK(look.inked > 0.05);
    }
}
