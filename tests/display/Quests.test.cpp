// Daily quests on Home and the summary, and the course's finale, over a six-month profile: the
// quests and their count, the finale's figures and its ways on are drawn whole, inside the window
// and clear of every other text at 1280x720 and 800x600 with text at 100 and 200 %; the summary
// names the quests done today; the finale's writing tour starts a session of the tour's cards.
#include "DrawnScreens.hpp"
#include "InProcessShell.hpp"
#include "SixMonthProfile.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdlib.h>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

const fs::path& questFolder() {
    static const testing::TempDir folder("attune-quest-shots");
    return folder.path;
}

fs::path questProfile() {
    static const fs::path dir = [] {
        const fs::path made = questFolder() / "profile";
        testing::writeSixMonthProfile(made, testing::courseDeck());
        return made;
    }();
    return dir;
}

}  // namespace

TEST_CASE("quests on screen - Home shows today's quests with their progress, whole and clear of the rest") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    setenv("XDG_DATA_HOME", (questFolder() / "xdg").c_str(), 1);
    {
        model::Game game({questProfile(), {}, true});
        const model::HomeFacts home = game.home();
        REQUIRE(home.quests.size() == 3);
        int done = 0;
        for (const auto& q : home.quests) done += q.complete ? 1 : 0;
        // "Daily quests: 2 of 3 done" over the cards, or "... · quests 2 of 3 done" ending today's line.
        const std::string count = std::to_string(done) + " of 3 done";
        testing::ScreenDrawer drawer(game);
        for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
            const auto shown = drawer.draw(testing::Shown::Home, at);
            checkShows(shown, count);
            // Quest cards where there is room; the count alone in the smallest window at 200 %.
            if (at.width == 1280 && at.fontScale == 1.0)
                for (const auto& q : home.quests) {
                    checkShowsExactly(shown, q.title);
                    checkShowsExactly(shown, q.complete ? "Done" : std::to_string(q.progress) + " / " + std::to_string(q.target));
                }
            checkShows(shown, "Study now");
            checkShows(shown, "Trophies");
            checkNoTextOverlaps(shown);

            const auto summary = drawer.draw(testing::Shown::Summary, at);
            checkNoTextOverlaps(summary);
            checkShows(summary, "Trophies");
        }
        const model::SummaryFacts today = game.todaySummary();
        REQUIRE(today.questsCompleted.size() == static_cast<std::size_t>(done));
        if (done > 0) {
            const auto summary = drawer.draw(testing::Shown::Summary, 1280, 720, 1.0);
            checkShows(summary, today.questsCompleted.front());
        }
        CHECK(game.close().ok);
    }
    unsetenv("ATTUNE_NOW");
    unsetenv("XDG_DATA_HOME");
}

TEST_CASE("finale on screen - what was learned and the ways on, whole and clear of each other") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    setenv("XDG_DATA_HOME", (questFolder() / "xdg").c_str(), 1);
    {
        model::Game game({questProfile(), {}, true});
        const auto finale = game.latestFinale();
        REQUIRE(finale.has_value());  // six months: the course's cards have all been met
        testing::ScreenDrawer drawer(game);
        for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
            const auto shown = drawer.draw(testing::Shown::Finale, at);
            checkShows(shown, finale->subject);
            checkShowsExactly(shown, std::to_string(finale->topicsMastered) + " / " + std::to_string(finale->topics));
            checkShowsExactly(shown, std::to_string(finale->masteryPercent) + " %");
            checkShows(shown, "Write your own deck");
            checkShows(shown, "Weak topics");
            checkShows(shown, "Continue");
            checkNoTextOverlaps(shown);
        }
        CHECK(game.close().ok);
    }
    unsetenv("ATTUNE_NOW");
    unsetenv("XDG_DATA_HOME");
}

TEST_CASE("finale - the writing tour, clicked or reached by keyboard, starts a session of the tour's cards") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    setenv("XDG_DATA_HOME", (questFolder() / "xdg").c_str(), 1);
    for (const bool byKeyboard : {false, true}) {
        testing::InProcessShell shell({questProfile(), {}, true});
        const auto finale = shell.game.latestFinale();
        REQUIRE(finale.has_value());
        REQUIRE(finale->tourLoaded);
        shell.app.reset(ui::makeHomeScreen(shell.app));
        shell.app.push(ui::makeFinaleScreen(shell.app, *finale));
        shell.frame();
        REQUIRE(shell.app.depth() == 2);
        if (byKeyboard) {
            bool reached = false;
            for (int i = 0; i < 10 && !reached; ++i) {
                ui::Controls& controls = shell.app.top()->controls();
                const auto focus = controls.focused();
                reached = focus && controls.find(*focus) && controls.find(*focus)->label == "The writing tour";
                if (!reached) shell.press(sf::Keyboard::Tab);
            }
            REQUIRE(reached);
            shell.press(sf::Keyboard::Enter);
        } else {
            shell.clickOn("The writing tour");
        }
        // The finale gives way to a study session over Home, on a card of the tour.
        REQUIRE(shell.game.inSession());
        CHECK(shell.app.depth() == 2);
        const auto card = shell.game.currentCardHistory();
        REQUIRE(card.has_value());
        CHECK(card->deckId == model::kWritingTourDeckId);
        CHECK(shell.game.close().ok);
    }
    unsetenv("ATTUNE_NOW");
    unsetenv("XDG_DATA_HOME");
}
