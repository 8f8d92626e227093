// Every screen fits: Home, Study (question and answer), Summary, Settings, Study more, and the
// topic map, weak topics, stats (its forecast and memory pages too) and card info at 1280x720 and 800x600, with text at 100, 150 and 200 %, light and dark, show every text whole
// (never cut with an ellipsis, never outside the window) and never smaller than the theme's
// minimum size. The player is six months in, so the numbers are long ones.
// ATTUNE_SCREEN_FIT_DIR=DIR also saves every checked screen there as a PNG, to look at.
#include "FreshHome.hpp"
#include "catch.hpp"

#include "SixMonthProfile.hpp"

#include "../../game/ui/src/App.hpp"
#include <attune/model/session/Game.hpp>
#include "../../game/ui/src/Screens.hpp"
#include "../../game/ui/src/InsightScreens.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/deck/Deck.hpp>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune;

namespace {

enum class Shown { Home, Study, Answered, Summary, Settings, StudyMore, Topics, Weak, Stats, StatsForecast, StatsMemory, CardInfo };

const char* nameOf(Shown s) {
    switch (s) {
    case Shown::Home: return "home";
    case Shown::Study: return "study";
    case Shown::Answered: return "study-answered";
    case Shown::Summary: return "summary";
    case Shown::Settings: return "settings";
    case Shown::StudyMore: return "study-more";
    case Shown::Topics: return "topics";
    case Shown::Weak: return "weak";
    case Shown::Stats: return "stats";
    case Shown::StatsForecast: return "stats-forecast";
    case Shown::StatsMemory: return "stats-memory";
    case Shown::CardInfo: return "card-info";
    }
    return "?";
}

struct Problem {
    std::string where, text, why;
};

}  // namespace

TEST_CASE("screen fit - home, study, summary, settings, study more, topics, weak topics and stats show every text whole at 800x600 and 1280x720, 100-200 %") {
    const testing::FreshHome fresh("attune-screen-fit");
    const fs::path& root = fresh.root;
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    const auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
    REQUIRE(loaded.deck.has_value());
    REQUIRE(testing::writeSixMonthProfile(root / "profile", *loaded.deck) > 0);

    std::vector<Problem> problems;
    int screensChecked = 0;
    {
        model::Game game({root / "profile", {}, true});
        ui::Ui ui;
        std::string error;
        REQUIRE(ui.loadFonts(std::string(ATTUNE_SOURCE_DIR) + "/assets/fonts", &error));
        ui::Audio audio(false);
        ui::App app(game, ui, audio);
        const model::SummaryFacts summary = game.todaySummary();
        const model::HomeFacts home = game.home();
        REQUIRE(home.streak > 0);
        const struct Size { unsigned w, h; } sizes[] = {{1280, 720}, {800, 600}};
        // Card info shows the card answered most often: the longest history.
        const model::CourseProgress& course = game.course();
        std::uint32_t most = 0;
        for (std::uint32_t c = 0; c < course.cards.size(); ++c)
            if (course.cards[c].scheduledAnswers > course.cards[most].scheduledAnswers) most = c;
        const auto history = game.cardHistory(course.deckOf(most).id, course.studyCardOf(most).id);
        REQUIRE(history.has_value());
        REQUIRE(history->answers.size() > 10);
        const Shown shown[] = {Shown::Topics, Shown::Weak, Shown::Stats, Shown::StatsForecast, Shown::StatsMemory, Shown::CardInfo,
                               Shown::Home, Shown::Summary, Shown::Settings, Shown::StudyMore, Shown::Study, Shown::Answered};
        for (const Shown screen : shown) {
            if (screen == Shown::Study) REQUIRE(game.startPreviewSession());
            if (screen == Shown::Answered) game.reveal();
            for (const Size size : sizes) {
                sf::RenderTexture texture;
                REQUIRE(texture.create(size.w, size.h));
                for (const double scale : {1.0, 1.5, 2.0}) {
                    for (const model::Theme theme : {model::Theme::Light, model::Theme::Dark}) {
                        model::Settings settings = game.settings();
                        settings.fontScale = scale;
                        settings.theme = theme;
                        settings.reducedMotion = true;  // the summary's counters at their final values
                        app.applySettings(settings);
                        app.resize(static_cast<float>(size.w), static_cast<float>(size.h));
                        app.reset(ui::makeHomeScreen(app));
                        switch (screen) {
                        case Shown::Home: break;
                        case Shown::Study:
                        case Shown::Answered: app.push(ui::makeStudyScreen(app, model::SessionKind::Daily)); break;
                        case Shown::Summary: app.push(ui::makeSummaryScreen(app, summary)); break;
                        case Shown::Settings: app.push(ui::makeSettingsScreen(app)); break;
                        case Shown::StudyMore: app.push(ui::makeStudyMoreScreen(app)); break;
                        case Shown::Topics: app.push(ui::makeTopicMapScreen(app)); break;
                        case Shown::Weak: app.push(ui::makeWeakTopicsScreen(app)); break;
                        case Shown::Stats: app.push(ui::makeStatsScreen(app)); break;
                        case Shown::StatsForecast: app.push(ui::makeStatsScreen(app, ui::StatsPage::Forecast)); break;
                        case Shown::StatsMemory: app.push(ui::makeStatsScreen(app, ui::StatsPage::Memory)); break;
                        case Shown::CardInfo: app.push(ui::makeCardInfoScreen(app, *history)); break;
                        }
                        app.applyPending();
                        app.layoutIfNeeded();
                        if (ui::Screen* top = app.top()) top->settle();
                        app.update(0.0f);
                        // Lists are checked at the top and scrolled to their end (the last rows).
                        const bool list = screen == Shown::Settings || screen == Shown::StudyMore || screen == Shown::Topics ||
                                          screen == Shown::Weak || screen == Shown::StatsMemory || screen == Shown::CardInfo;
                        for (int pass = 0; pass < (list ? 2 : 1); ++pass) {
                        if (pass == 1) {
                            app.top()->onScroll(-1.0e6f);
                            app.layoutIfNeeded();
                        }
                        std::vector<ui::DrawnText> drawn;
                        ui.recordDrawnText(&drawn);
                        app.draw(texture);
                        ui.recordDrawnText(nullptr);
                        ++screensChecked;
                        const std::string where = std::string(nameOf(screen)) + " " + std::to_string(size.w) + "x" +
                                                  std::to_string(size.h) + " " + std::to_string(static_cast<int>(scale * 100)) +
                                                  "% " + model::themeName(theme) + (pass == 1 ? " scrolled" : "");
                        if (const char* dir = std::getenv("ATTUNE_SCREEN_FIT_DIR")) {
                            texture.display();
                            std::string file = where;
                            for (char& c : file) c = c == ' ' || c == '%' ? '-' : c;
                            CHECK(texture.getTexture().copyToImage().saveToFile((fs::path(dir) / (file + ".png")).string()));
                        }
                        CHECK(drawn.size() >= 3);
                        // The numbers a player looks for are there, not only left uncut.
                        std::string all;
                        for (const ui::DrawnText& t : drawn) all += t.text + "\n";
                        const auto shows = [&](const std::string& wanted) {
                            if (all.find(wanted) == std::string::npos) problems.push_back({where, wanted, "not shown"});
                        };
                        if (screen == Shown::Home) {
                            const std::string streak = std::to_string(home.streak);
                            if (all.find("\n" + streak + "\n") == std::string::npos && all.find(streak + " day streak") == std::string::npos)
                                problems.push_back({where, streak, "streak number not shown"});
                            shows(std::to_string(home.xpToday) + "/" + std::to_string(home.dailyGoal));
                            shows("Level " + std::to_string(home.level));
                            shows(model::countText(home.xpIntoLevel) + " / " + model::countText(home.xpForNext) + " XP");
                        }
                        if (screen == Shown::Summary) {
                            shows("+" + std::to_string(summary.xp));
                            shows(std::to_string(summary.streakAfter) + " day streak");
                        }
                        const unsigned minimum = ui.minimumTextSize();
                        for (const ui::DrawnText& t : drawn) {
                            if (t.truncated) problems.push_back({where, t.text, "cut"});
                            if (t.size < minimum)
                                problems.push_back({where, t.text, "shrunk to " + std::to_string(t.size) + " px, below the minimum " +
                                                                       std::to_string(minimum) + " px"});
                            const float slack = 1.0f;
                            if (t.box.x < -slack || t.box.y < -slack || t.box.right() > static_cast<float>(size.w) + slack ||
                                t.box.bottom() > static_cast<float>(size.h) + slack)
                                problems.push_back({where, t.text, "outside the window"});
                        }
                        }
                    }
                }
            }
        }
        game.finish();
        CHECK(game.close().ok);
    }
    for (const Problem& p : problems) UNSCOPED_INFO(p.where << ": \"" << p.text << "\" " << p.why);
    CHECK(problems.empty());
    CHECK(screensChecked == (12 + 6) * 2 * 3 * 2);
    unsetenv("ATTUNE_NOW");
}
