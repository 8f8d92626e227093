// The mouse plays too: hovering shows which control a click would press, a click is a press
// and a release on the same control, and a whole card (study, reveal, grade) can be played by
// clicking alone.
#include "FreshHome.hpp"
#include "catch.hpp"

#include "InProcessShell.hpp"

#include <attune/model/save/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune;

TEST_CASE("mouse - hover, a click on home, reveal and grade a card by clicking alone") {
    const testing::FreshHome fresh("attune-mouse");
    const fs::path& root = fresh.root;
    {
        testing::InProcessShell shell({root / "profile", {}, false});
        shell.app.reset(ui::makeHomeScreen(shell.app));
        shell.frame();
        ui::Screen* home = shell.app.top();

        // Hover names the control under the pointer; nothing under it, nothing hovered.
        const ui::Control& study = shell.control("Study now");
        shell.moveMouse(study.rect.x + 4.0f, study.rect.y + 4.0f);
        CHECK(home->controls().hovered() == study.id);
        shell.moveMouse(2.0f, 2.0f);
        CHECK_FALSE(home->controls().hovered().has_value());

        // Pressed on one control and released on another: nothing happens (as any button).
        const ui::Rect topics = shell.control("Topics").rect;
        shell.click(study.rect.x + study.rect.w / 2.0f, study.rect.y + study.rect.h / 2.0f, topics.x + topics.w / 2.0f,
                    topics.y + topics.h / 2.0f);
        CHECK(shell.app.top() == home);
        CHECK_FALSE(shell.game.inSession());
        // A click on no control does nothing either.
        shell.click(3.0f, 3.0f);
        CHECK(shell.app.top() == home);

        // A real click starts the session; the card is revealed and graded by clicking.
        shell.clickOn("Study now");
        REQUIRE(shell.game.inSession());
        REQUIRE(shell.app.top() != home);
        shell.clickOn("Show answer");
        shell.clickOn("3 Good");
        CHECK(shell.game.profile().reviews().size() == 1);
        CHECK(shell.game.profile().reviews().front().rating == scheduler::Rating::Good);
        CHECK(shell.game.close().ok);
    }
}
