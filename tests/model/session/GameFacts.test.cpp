// The game's facts for the screens come from one derivation of the course that is reused
// between questions (a heavy log takes a tenth of a second to replay). Reuse must never show
// stale facts: a new answer, saved settings and a later clock are seen at once.
#include "FreshHome.hpp"
#include "catch.hpp"

#include <attune/model/session/Game.hpp>

#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Settings.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune;

TEST_CASE("game facts - home follows a new answer saved settings and the clock moving on at once") {
    const testing::FreshHome fresh("attune-game-facts");
    const fs::path& root = fresh.root;
    setenv("ATTUNE_NOW", "2026-11-27T10:00:00Z", 1);

    model::Game game({root / "profile", {}, false});
    REQUIRE(game.hasCards());
    const model::HomeFacts first = game.home();
    CHECK(first.firstLaunch);
    // The bundled course's intro, for the welcome to show before the first session.
    CHECK(first.courseIntro.find("education, not therapy") != std::string::npos);
    CHECK(first.dueToday == 0);
    REQUIRE(first.newToday == game.settings().newCardsPerDay);

    // One new card answered Easy: it leaves today's new cards and goes to review in days.
    REQUIRE(game.startSession(model::SessionKind::Daily));
    game.reveal();
    REQUIRE(game.grade(4).saved.ok);
    game.finish();
    const model::HomeFacts answered = game.home();
    CHECK_FALSE(answered.firstLaunch);
    CHECK(answered.newToday == first.newToday - 1);
    CHECK(answered.xpToday > 0);
    CHECK(game.course().reviewsTotal == 1);

    // Saved settings are seen on the very next question (same clock, same log).
    model::Settings settings = game.settings();
    settings.newCardsPerDay = 1;
    REQUIRE(game.saveSettings(settings).ok);
    CHECK(game.home().newToday == 0);

    // The clock moves on a month: the Easy card is due and a new day's new card is offered.
    setenv("ATTUNE_NOW", "2026-12-27T10:00:00Z", 1);
    const model::HomeFacts later = game.home();
    CHECK(later.dueToday == 1);
    CHECK(later.newToday == 1);
    CHECK(later.xpToday == 0);

    // And back (a clock set back by hand): today's facts again, not the month-later ones.
    setenv("ATTUNE_NOW", "2026-11-27T10:00:30Z", 1);
    const model::HomeFacts back = game.home();
    CHECK(back.dueToday == 0);
    CHECK(back.xpToday == answered.xpToday);

    CHECK(game.close().ok);
    unsetenv("ATTUNE_NOW");
}
