// The daily loop in the window: learning cards that come back later today keep Study open and
// are counted down on Home and the summary, a learner who does every step on day one reaches
// the goal that day, and Study more starts each of its ways (cram labelled as earning nothing).
#include "FreshHome.hpp"
#include "catch.hpp"

#include "InProcessShell.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune;

namespace {

struct Scratch : testing::FreshHome {
    explicit Scratch(const char* name) : FreshHome(name) {}
    ~Scratch() { unsetenv("ATTUNE_NOW"); }
};

/// Answers the session's cards Good (revealing each first) until `count` are graded or it ends.
int answerGood(model::Game& game, int count) {
    int graded = 0;
    while (game.inSession() && graded < count) {
        if (game.card().beat == model::Beat::Answer) game.reveal();
        const model::GradeResult result = game.grade(3);
        REQUIRE(result.saved.ok);
        ++graded;
        if (result.finished) break;
    }
    return graded;
}

}  // namespace

TEST_CASE("daily loop - learning cards coming back keep Study open, and every step done on day one meets the goal") {
    Scratch scratch("attune-daily-loop");
    setenv("ATTUNE_NOW", "2026-12-04T10:00:00Z", 1);
    testing::InProcessShell shell({scratch.root / "profile", {}, false});
    model::Game& game = shell.game;
    REQUIRE(game.hasCards());
    const int newCards = game.settings().newCardsPerDay;
    REQUIRE(newCards >= 5);

    // A first pass over today's new cards, then the learner stops: every card is in learning.
    REQUIRE(game.startSession(model::SessionKind::Daily));
    REQUIRE(answerGood(game, newCards) == newCards);
    const model::SummaryFacts first = game.finish();
    CHECK(first.learningLater == newCards);
    CHECK(first.xpToday < first.dailyGoal);
    CHECK_FALSE(first.todayCounts);

    const model::HomeFacts home = game.home();
    CHECK(home.dueToday == 0);
    CHECK(home.newToday == 0);
    CHECK(home.learningLater == newCards);
    const std::int64_t nowMs = model::now().utcMs;
    CHECK(home.nextLearningDueMs > nowMs);
    CHECK(home.nextLearningDueMs <= nowMs + 10 * 60 * 1000);
    CHECK(home.canStudy);  // within the 20-minute learn-ahead limit

    // On screen: Study now is on and Enter starts the session again.
    shell.app.reset(ui::makeHomeScreen(shell.app));
    shell.frame();
    const ui::Control& study = shell.control("Study now");
    CHECK(study.enabled);
    CHECK(study.label == "Study now");
    CHECK(shell.control("Study more").enabled);
    shell.press(sf::Keyboard::Enter);
    CHECK(game.inSession());
    game.finish();

    // The learner comes back when the steps are due and does every one: the goal is met today.
    setenv("ATTUNE_NOW", "2026-12-04T10:11:00Z", 1);
    for (int round = 0; round < 4 && game.home().canStudy; ++round) {
        REQUIRE(game.startSession(model::SessionKind::Daily));
        answerGood(game, 1000);
        game.finish();
    }
    const model::HomeFacts done = game.home();
    CHECK(done.learningLater == 0);
    CHECK_FALSE(done.canStudy);
    CHECK(done.xpToday >= done.dailyGoal);
    CHECK(done.todayCounts);
    CHECK(game.close().ok);
}

TEST_CASE("daily loop - Study more: more new cards today, forgotten cards and cram (no XP) start from the screen") {
    Scratch scratch("attune-study-more");
    setenv("ATTUNE_NOW", "2026-12-04T10:00:00Z", 1);
    {
        // Day one done: today's new cards studied through every step, one forgotten on the way.
        model::Game game({scratch.root / "profile", {}, false});
        REQUIRE(game.startSession(model::SessionKind::Daily));
        if (game.card().beat == model::Beat::Answer) game.reveal();
        REQUIRE(game.grade(1).saved.ok);
        answerGood(game, 1000);
        game.finish();
        REQUIRE_FALSE(game.home().canStudy);
        CHECK(game.close().ok);
    }
    testing::InProcessShell shell({scratch.root / "profile", {}, false});
    shell.app.reset(ui::makeHomeScreen(shell.app));
    shell.frame();
    CHECK_FALSE(shell.control("Study now").enabled);
    const model::StudyMoreFacts offer = shell.game.studyMore();
    CHECK(offer.newBeyondLimit > 0);
    CHECK(offer.forgottenToday == 1);
    REQUIRE_FALSE(offer.topics.empty());

    // Home -> Study more -> +5: a session of five new cards beyond today's limit.
    shell.clickOn("Study more");
    shell.clickOn("+5");
    REQUIRE(shell.game.inSession());
    CHECK(shell.game.card().isNew);
    CHECK(shell.game.progress().total == 5);
    const int xpBefore = shell.game.home().xpToday;
    answerGood(shell.game, 1);
    CHECK(shell.game.home().xpToday >= xpBefore);
    shell.game.finish();

    // Practise today's forgotten card: exactly that card, once more.
    shell.app.reset(ui::makeStudyMoreScreen(shell.app));
    shell.frame();
    shell.clickOn("Practise");
    REQUIRE(shell.game.inSession());
    CHECK(shell.game.progress().total == 1);
    shell.game.finish();

    // Cram a topic: answers are saved but earn nothing, and the summary says so.
    shell.app.reset(ui::makeStudyMoreScreen(shell.app));
    shell.frame();
    const std::size_t answersBefore = shell.game.profile().reviews().size();
    const int xpToday = shell.game.home().xpToday;
    // The cram buttons are at the foot of the list: Tab reaches them (the list scrolls).
    bool found = false;
    for (int i = 0; i < 60 && !found; ++i) {
        shell.press(sf::Keyboard::Tab);
        const auto focused = shell.app.top()->controls().focused();
        for (const ui::Control& c : shell.app.top()->controls().items())
            if (focused && c.id == *focused && c.label == "Cram") found = !c.hidden;
    }
    REQUIRE(found);
    shell.press(sf::Keyboard::Enter);
    REQUIRE(shell.game.inSession());
    answerGood(shell.game, 3);
    const model::SummaryFacts summary = shell.game.finish();
    CHECK(summary.cram);
    CHECK(summary.xp == 0);
    CHECK(shell.game.home().xpToday == xpToday);
    CHECK(shell.game.profile().reviews().size() > answersBefore);
    CHECK(shell.game.close().ok);
}
