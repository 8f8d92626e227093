// Card info and the Stats screen's pages, on a six-month player: `attune shot` renders them in
// light and dark at 1280x720 and 800x600 with 100 and 200 % text; drawn in this process they
// show their titles and figures whole, inside the window and clear of each other (card info and
// the memory page also scrolled to their ends); and the keyboard reaches them: i after answering
// in study and in the deck browser opens card info, Esc returns to the same beat, the Stats
// tabs, topic choice and forecast range switch by Tab and Enter.
#include "CliRun.hpp"
#include "PixelLook.hpp"
#include "catch.hpp"

#include "DrawnScreens.hpp"
#include "InProcessShell.hpp"
#include "SixMonthProfile.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/progress/CardHistory.hpp>
#include <attune/model/progress/MemoryCharts.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdlib.h>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

using testing::shellQuoted;

const fs::path& folder() {
    static const testing::TempDir made("attune-memory-insight");
    return made.path;
}

/// A writable six-month profile (study answers are saved in it).
fs::path profile() {
    static const fs::path dir = [] {
        const fs::path made = folder() / "profile";
        testing::writeSixMonthProfile(made, testing::courseDeck());
        return made;
    }();
    return dir;
}

struct Clock {
    explicit Clock(const char* now = testing::kSixMonthNow) {
        setenv("ATTUNE_NOW", now, 1);
        setenv("XDG_DATA_HOME", (folder() / "xdg").c_str(), 1);
    }
    ~Clock() {
        unsetenv("ATTUNE_NOW");
        unsetenv("XDG_DATA_HOME");
    }
};

/// The card answered most often, as "deck" and "card" ids.
std::pair<std::string, std::string> mostAnswered(model::Game& game) {
    const model::CourseProgress& p = game.course();
    std::uint32_t most = 0;
    for (std::uint32_t c = 0; c < p.cards.size(); ++c)
        if (p.cards[c].scheduledAnswers > p.cards[most].scheduledAnswers) most = c;
    return {p.deckOf(most).id, p.studyCardOf(most).id};
}

std::string texts(ui::Ui& ui, ui::App& app, sf::RenderTexture& texture) {
    std::vector<ui::DrawnText> drawn;
    ui.recordDrawnText(&drawn);
    app.draw(texture);
    ui.recordDrawnText(nullptr);
    std::string all;
    for (const auto& t : drawn) all += testing::DrawnScreen::oneLine(t.text) + "\n";
    return all;
}

struct Shell : testing::InProcessShell {
    Shell() : InProcessShell({profile(), {}, false}) {
        app.reset(ui::makeHomeScreen(app));
        frame();
    }
    std::string shown() { return texts(ui, app, texture); }
    /// Tab until the control whose label starts with `label` has focus.
    void tabTo(const std::string& label) {
        for (int i = 0; i < 60; ++i) {
            ui::Controls& controls = app.top()->controls();
            const auto focus = controls.focused();
            if (focus && controls.find(*focus) && controls.find(*focus)->label.rfind(label, 0) == 0) return;
            press(sf::Keyboard::Tab);
        }
        FAIL("no control labelled " << label);
    }
    const ui::Control* control(const std::string& label) {
        for (const ui::Control& c : app.top()->controls().items())
            if (c.label == label) return &c;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("memory insight shots - card info and the stats pages render in light and dark at both sizes and text sizes") {
    const Clock clock;
    struct Variant {
        const char* size;
        const char* scale;
        unsigned width, height;
    };
    const Variant variants[] = {{"1280x720", "1.0", 1280, 720}, {"1280x720", "2.0", 1280, 720}, {"800x600", "1.0", 800, 600}, {"800x600", "2.0", 800, 600}};
    for (const char* theme : {"light", "dark"})
        for (const auto& v : variants)
            for (const char* screen : {"card-info", "stats-memory", "stats-forecast", "stats-topics"}) {
                INFO(std::string(screen) + " " + theme + " " + v.size + " at " + v.scale);
                const fs::path png = folder() / (std::string(screen) + "-" + theme + "-" + v.size + "-" + v.scale + ".png");
                fs::remove(png);
                const std::string command = std::string("ATTUNE_NOW=") + testing::kSixMonthNow + " " + shellQuoted(ATTUNE_BINARY) +
                                            " shot --screen " + screen + " --out " + shellQuoted(png) + " --profile " + shellQuoted(profile()) +
                                            " --size " + v.size + " --font-scale " + v.scale + " --theme " + theme + " > /dev/null";
                REQUIRE(std::system(command.c_str()) == 0);
                sf::Image image;
                REQUIRE(image.loadFromFile(png.string()));
                CHECK(image.getSize().x == v.width);
                CHECK(image.getSize().y == v.height);
                const testing::Look look = testing::lookAt(image);
                CHECK(look.inked > 0.05);
                CHECK(look.colours >= 8);
            }
}

TEST_CASE("memory insight screens - card info and the stats pages show their figures whole, inside the window and apart") {
    const Clock clock;
    model::Game game({profile(), {}, true});
    testing::ScreenDrawer drawer(game);
    const auto [deckId, cardId] = mostAnswered(game);
    drawer.showCard(deckId, cardId);
    const auto history = game.cardHistory(deckId, cardId);
    REQUIRE(history.has_value());
    REQUIRE(history->answers.size() > 10);
    const std::string lastDate = model::localDateTime(history->answers.back().at);
    const std::string firstDate = model::localDateTime(history->answers.front().at);
    const model::MemoryCharts charts = model::memoryCharts(game.course(), game.profile().reviews(), std::nullopt, 30);
    REQUIRE(charts.retention.young.total > 0);
    const std::string young = ui::percentText(charts.retention.young.share()) + " of " + model::countText(charts.retention.young.total);
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const auto info = drawer.draw(testing::Shown::CardInfo, at);
        checkShows(info, "Card info");
        checkShows(info, "Stability");
        checkShows(info, "Recall now");
        // At 100 % text every figure is in view at once; at 200 % the view scrolls to them.
        if (at.fontScale == 1.0) checkShows(info, "Lapses");
        if (at.fontScale == 1.0) checkShowsExactly(info, model::countText(history->lapses));
        checkNoTextOverlaps(info);
        // Newest first: the end of the list is the first answer.
        const auto infoEnd = drawer.draw(testing::Shown::CardInfo, at, true);
        checkShows(infoEnd, firstDate);
        checkNoTextOverlaps(infoEnd);

        const auto memory = drawer.draw(testing::Shown::StatsMemory, at);
        checkShows(memory, "True retention by interval");
        checkShows(memory, "Cards: All topics");
        checkShows(memory, young);
        checkNoTextOverlaps(memory);
        const auto memoryEnd = drawer.draw(testing::Shown::StatsMemory, at, true);
        checkShows(memoryEnd, "90-100 %");
        checkNoTextOverlaps(memoryEnd);

        const auto forecast = drawer.draw(testing::Shown::StatsForecast, at);
        checkShows(forecast, "Reviews due in the next 30 days");
        checkShows(forecast, "90 days");
        checkShows(forecast, "today");
        checkNoTextOverlaps(forecast);

        const auto topics = drawer.draw(testing::Shown::StatsTopics, at);
        checkShows(topics, game.course().topics.front().title);
        checkShows(topics, std::to_string(game.course().topics.front().masteryPercent) + " %");
        checkNoTextOverlaps(topics);
    }
    const auto infoEnd = drawer.draw(testing::Shown::CardInfo, 1280, 720, 1.0, true);
    CHECK(infoEnd.find(lastDate) == nullptr);  // a long history: the newest rows are at its top
    CHECK(game.close().ok);
}

TEST_CASE("memory insight keys - i after answering opens card info, Esc returns to the same beat and Enter moves on") {
    const Clock clock("2026-11-29T18:00:00Z");  // two days on: reviews are due
    Shell shell;
    shell.app.push(ui::makeStudyScreen(shell.app, model::SessionKind::Daily));
    shell.frame();
    REQUIRE(shell.game.inSession());
    REQUIRE(shell.app.depth() == 2);
    const model::CardFacts card = shell.game.card();
    REQUIRE(card.beat == model::Beat::Answer);
    if (card.kind != model::CardKind::TypeIn) {
        shell.press(sf::Keyboard::I);  // before the answer: nothing to show yet
        CHECK(shell.app.depth() == 2);
    }
    shell.press(sf::Keyboard::Enter);
    REQUIRE(shell.game.card().beat == model::Beat::Grade);
    const int done = shell.game.progress().done;

    shell.press(sf::Keyboard::I);
    REQUIRE(shell.app.depth() == 3);
    const std::string shown = shell.shown();
    CHECK(shown.find("Card info") != std::string::npos);
    CHECK(shown.find("Forgetting curve") != std::string::npos);
    shell.press(sf::Keyboard::Escape);
    CHECK(shell.app.depth() == 2);
    CHECK(shell.game.inSession());
    CHECK(shell.game.card().beat == model::Beat::Grade);
    CHECK(shell.game.card().prompt == card.prompt);
    CHECK(shell.game.progress().done == done);

    // The mouse: the Info button in the study screen's top bar.
    const ui::Control* info = shell.control("Info");
    REQUIRE(info != nullptr);
    CHECK(info->enabled);
    shell.click(info->rect.x + info->rect.w / 2.0f, info->rect.y + info->rect.h / 2.0f);
    CHECK(shell.app.depth() == 3);
    shell.press(sf::Keyboard::Escape);
    REQUIRE(shell.app.depth() == 2);
    CHECK(shell.game.card().beat == model::Beat::Grade);

    // Enter still accepts the suggested grade: one answer more in the log (and if it was the
    // session's last card, the session is over).
    const auto answers = shell.game.course().reviewsTotal;
    shell.press(sf::Keyboard::Enter);
    CHECK(shell.game.course().reviewsTotal == answers + 1);
    if (shell.game.inSession()) shell.game.finish();
    CHECK(shell.game.close().ok);
}

TEST_CASE("memory insight keys - i in the deck browser opens the shown card's info, Esc comes back to it") {
    const Clock clock;
    Shell shell;
    shell.app.push(ui::makeDeckBrowserScreen(shell.app));
    shell.frame();
    const auto before = ui::browserView(*shell.app.top());
    REQUIRE(before.has_value());
    shell.press(sf::Keyboard::I);
    REQUIRE(shell.app.depth() == 3);
    const std::string shown = shell.shown();
    CHECK(shown.find(testing::DrawnScreen::oneLine(before->question)) != std::string::npos);
    CHECK(shown.find(before->deckId + "/" + before->cardId) != std::string::npos);
    // Tab brings the forgetting curve into view, its axes named and today marked.
    shell.press(sf::Keyboard::Tab);
    const std::string curve = shell.shown();
    CHECK(curve.find("Forgetting curve") != std::string::npos);
    CHECK(curve.find("\nDays since the last review\n") != std::string::npos);
    CHECK(curve.find("\nRecall\n") != std::string::npos);
    CHECK(curve.find("\n100 %\n") != std::string::npos);
    // Then the history, newest answer first.
    const auto history = shell.game.cardHistory(before->deckId, before->cardId);
    REQUIRE(history.has_value());
    REQUIRE_FALSE(history->answers.empty());
    shell.press(sf::Keyboard::Tab);
    CHECK(shell.shown().find(model::localDateTime(history->answers.back().at)) != std::string::npos);
    shell.press(sf::Keyboard::Escape);
    REQUIRE(shell.app.depth() == 2);
    const auto after = ui::browserView(*shell.app.top());
    REQUIRE(after.has_value());
    CHECK(after->cardId == before->cardId);
    // The button does the same.
    shell.tabTo("Card info");
    shell.press(sf::Keyboard::Enter);
    CHECK(shell.app.depth() == 3);
    CHECK(shell.game.close().ok);
}

TEST_CASE("memory insight keys - the stats tabs, the topic choice and the forecast range by keyboard") {
    const Clock clock;
    Shell shell;
    shell.app.push(ui::makeStatsScreen(shell.app));
    shell.frame();
    REQUIRE(ui::statsPage(*shell.app.top()) == ui::StatsPage::Activity);
    shell.tabTo("Memory");
    shell.press(sf::Keyboard::Enter);
    CHECK(ui::statsPage(*shell.app.top()) == ui::StatsPage::Memory);
    CHECK(shell.shown().find("True retention by interval") != std::string::npos);
    shell.tabTo("Cards: All topics");
    shell.press(sf::Keyboard::Enter);
    const std::string firstTopic = shell.game.course().topics.front().title;
    CHECK(shell.control("Cards: " + firstTopic + " \xE2\x96\xB8") != nullptr);
    // Every topic, then all again.
    for (std::size_t i = 1; i < shell.game.course().topics.size(); ++i) shell.press(sf::Keyboard::Enter);
    CHECK(shell.control("Cards: " + shell.game.course().topics.back().title + " \xE2\x96\xB8") != nullptr);
    shell.press(sf::Keyboard::Enter);
    CHECK(shell.control("Cards: All topics \xE2\x96\xB8") != nullptr);

    shell.tabTo("Forecast");
    shell.press(sf::Keyboard::Enter);
    CHECK(ui::statsPage(*shell.app.top()) == ui::StatsPage::Forecast);
    CHECK(shell.shown().find("Reviews due in the next 30 days") != std::string::npos);
    shell.tabTo("90 days");
    shell.press(sf::Keyboard::Enter);
    CHECK(shell.shown().find("Reviews due in the next 90 days") != std::string::npos);
    shell.press(sf::Keyboard::Escape);
    CHECK(shell.app.depth() == 1);
    CHECK(shell.game.close().ok);
}
