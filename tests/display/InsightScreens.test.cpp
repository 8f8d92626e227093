// `attune shot` renders the topic map, weak topics, stats and deck browser from a six-month
// profile, in light and dark at 100 % and 200 % text (and 800x600 at 200 %): no image is blank,
// the stats show the streak marks, and nothing in the profile changes. Each of these screens and
// Study more shows its title and its key figures whole, inside the window and clear of its
// other texts. The stats count an answer dated past now only once its time comes.
#include "CliRun.hpp"
#include "PixelLook.hpp"
#include "catch.hpp"

#include "DrawnScreens.hpp"
#include "SixMonthProfile.hpp"

#include <attune/model/core/CountText.hpp>

#include <attune/model/deck/Deck.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/ui/Theme.hpp>

#include <SFML/Graphics/Image.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdlib.h>
#include <string>
#include <utility>

namespace fs = std::filesystem;
using namespace attune;

namespace {

using testing::shellQuoted;

/// This run's folder for the shots and their profile.
const fs::path& shotsFolder() {
    static const testing::TempDir folder("attune-insight-shots");
    return folder.path;
}

fs::path sixMonthProfile() {
    static const fs::path dir = [] {
        const fs::path made = shotsFolder() / "profile";
        testing::writeSixMonthProfile(made, testing::courseDeck());
        return made;
    }();
    return dir;
}

std::size_t pixelsOf(const sf::Image& image, sf::Color colour) {
    std::size_t n = 0;
    for (unsigned y = 0; y < image.getSize().y; ++y)
        for (unsigned x = 0; x < image.getSize().x; ++x)
            if (image.getPixel(x, y) == colour) ++n;
    return n;
}

sf::Image shoot(const std::string& screen, const std::string& theme, const std::string& size, const std::string& scale) {
    const fs::path out = shotsFolder();
    const fs::path png = out / (screen + "-" + theme + "-" + size + "-" + scale + ".png");
    fs::remove(png);
    const std::string command = std::string("ATTUNE_NOW=") + testing::kSixMonthNow + " XDG_DATA_HOME=" + shellQuoted(out / "xdg") + " " +
                                shellQuoted(ATTUNE_BINARY) + " shot --screen " + screen + " --out " + shellQuoted(png) + " --profile " +
                                shellQuoted(sixMonthProfile()) + " --size " + size + " --font-scale " + scale + " --theme " + theme +
                                " > /dev/null";
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    sf::Image image;
    REQUIRE(image.loadFromFile(png.string()));
    return image;
}

}  // namespace

TEST_CASE("six-month profile - has weak topics, leeches, a streak and scheduled reviews") {
    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    auto opened = model::Profile::open(sixMonthProfile(), readOnly);
    const std::vector<model::Deck> decks{testing::courseDeck()};
    model::CourseInput input;
    input.decks = decks;
    input.reviews = opened.profile.reviews();
    input.now = {testing::kSixMonthNowMs, 0};
    const model::CourseProgress p = model::computeProgress(input);
    CHECK(p.reviewsTotal > 2000);
    CHECK_FALSE(p.weakTopics.empty());
    CHECK_FALSE(p.leeches.empty());
    CHECK(p.streak.current > 0);
    CHECK(p.reviewCards > 0);
}

TEST_CASE("insight shots - topics weak stats and decks render in light and dark at 100 and 200 % text") {
    struct Variant {
        const char* size;
        const char* scale;
        unsigned width, height;
    };
    const Variant variants[] = {{"1280x720", "1.0", 1280, 720}, {"1280x720", "2.0", 1280, 720}, {"800x600", "2.0", 800, 600}};
    for (const char* theme : {"light", "dark"}) {
        for (const auto& v : variants) {
            for (const char* screen : {"topics", "weak", "stats", "decks"}) {
                INFO(std::string(screen) + " " + theme + " " + v.size + " at " + v.scale);
                const sf::Image image = shoot(screen, theme, v.size, v.scale);
                CHECK(image.getSize().x == v.width);
                CHECK(image.getSize().y == v.height);
                const testing::Look look = testing::lookAt(image);
                CHECK(look.inked > 0.05);
                CHECK(look.colours >= 8);
            }
        }
    }
}

TEST_CASE("insight shots - the stats heatmap marks streak days in the flame colour in every theme") {
    for (const auto theme : {model::Theme::Light, model::Theme::Dark, model::Theme::HighContrast}) {
        const char* name = theme == model::Theme::Light ? "light" : theme == model::Theme::Dark ? "dark" : "high-contrast";
        INFO(name);
        const sf::Image image = shoot("stats", name, "1280x720", "1.0");
        CHECK(pixelsOf(image, ui::paletteFor(theme).flame) > 200);
        // And the study days themselves in the accent's shades: more than the track colour alone.
        CHECK(pixelsOf(image, ui::paletteFor(theme).track) > 200);
    }
}

TEST_CASE("insight shots - shots change nothing in the profile and an unknown screen is a usage error") {
    const std::size_t before = [] {
        model::ProfileOpenOptions readOnly;
        readOnly.readOnly = true;
        readOnly.dailyBackup = false;
        return model::Profile::open(sixMonthProfile(), readOnly).profile.reviews().size();
    }();
    shoot("decks", "light", "1280x720", "1.0");
    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    CHECK(model::Profile::open(sixMonthProfile(), readOnly).profile.reviews().size() == before);
    const fs::path png = shotsFolder() / "never.png";
    fs::remove(png);
    CHECK(std::system((shellQuoted(ATTUNE_BINARY) + " shot --screen topic-map --out " + shellQuoted(png) + " 2>/dev/null").c_str()) != 0);
    CHECK_FALSE(fs::exists(png));
}

TEST_CASE("insight screens - topics, weak topics, stats, decks and study more show their titles and figures inside the window and clear of each other") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    setenv("XDG_DATA_HOME", (shotsFolder() / "xdg").c_str(), 1);
    {
        model::Game game({sixMonthProfile(), {}, true});
        testing::ScreenDrawer drawer(game);
        const model::CourseProgress& course = game.course();
        REQUIRE_FALSE(course.topics.empty());
        REQUIRE_FALSE(course.weakTopics.empty());
        const model::TopicMastery& firstTopic = course.topics.front();
        const model::TopicMastery& weakest = course.topics[course.weakTopics.front()];
        const std::string answers = model::countText(course.reviewsTotal) + " answers";
        const std::string streak = "streak " + std::to_string(course.streak.current);
        const std::string cards = "Card 1 of " + model::countText(static_cast<std::int64_t>(course.cards.size()));
        const model::StudyMoreFacts more = game.studyMore();
        REQUIRE(more.goalMet);
        REQUIRE_FALSE(more.topics.empty());
        for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
            const auto topics = drawer.draw(testing::Shown::Topics, at);
            checkShows(topics, "Topics");
            checkShows(topics, "1. " + firstTopic.title);
            checkShows(topics, std::to_string(firstTopic.cards) + " cards");
            checkNoTextOverlaps(topics);

            const auto weak = drawer.draw(testing::Shown::Weak, at);
            checkShows(weak, "Weak topics");
            checkShowsExactly(weak, weakest.title);
            checkShows(weak, std::to_string(weakest.lapses) + " lapses");
            checkNoTextOverlaps(weak);

            const auto stats = drawer.draw(testing::Shown::Stats, at);
            checkShows(stats, "Stats");
            checkShows(stats, answers);
            checkShows(stats, streak);
            checkNoTextOverlaps(stats);

            const auto decks = drawer.draw(testing::Shown::Decks, at);
            checkShows(decks, "Decks");
            checkShows(decks, cards);
            checkNoTextOverlaps(decks);

            const auto studyMore = drawer.draw(testing::Shown::StudyMore, at);
            checkShows(studyMore, "Study more");
            checkShows(studyMore, "Today's goal is met");
            checkShows(studyMore, "More new cards today");
            checkNoTextOverlaps(studyMore);
            // The list's last rows: cramming the course's last topic.
            const auto studyMoreEnd = drawer.draw(testing::Shown::StudyMore, at, true);
            checkShows(studyMoreEnd, more.topics.back().title);
            checkNoTextOverlaps(studyMoreEnd);
        }
        CHECK(game.close().ok);
    }
    unsetenv("ATTUNE_NOW");
    unsetenv("XDG_DATA_HOME");
}

// ---------------------------------------------------------------------------------------------
// The screens in the running shell, by keyboard only.

#include "InProcessShell.hpp"

#include "../../game/ui/src/InsightScreens.hpp"

namespace {

struct KeyboardShell : testing::InProcessShell {
    KeyboardShell() : InProcessShell({sixMonthProfile(), {}, true}) {
        app.reset(ui::makeHomeScreen(app));
        frame();
    }
    /// Tab until the control labelled `label` has focus (the focus ring walks every control).
    void tabTo(const std::string& label) {
        for (int i = 0; i < 20; ++i) {
            ui::Controls& controls = app.top()->controls();
            const auto focus = controls.focused();
            if (focus && controls.find(*focus) && controls.find(*focus)->label == label) return;
            press(sf::Keyboard::Tab);
        }
        FAIL("no control labelled " << label);
    }
};

}  // namespace

TEST_CASE("insight screens - the stats count an answer dated past now only once its time comes") {
    // A second computer whose clock ran ahead wrote one answer two hours after this one's "now".
    const testing::TempDir folder("attune-stats-ahead");
    const fs::path profile = folder.path / "profile";
    const std::int64_t nowMs = testing::kSixMonthNowMs;
    {
        model::ProfileOpenOptions options;
        options.dailyBackup = false;
        auto opened = model::Profile::open(profile, options);
        REQUIRE_FALSE(opened.profile.readOnly());
        const auto& cards = testing::courseDeck().studyCards;
        REQUIRE(cards.size() >= 4);
        for (std::size_t i = 0; i < 4; ++i) {
            model::ReviewRecord r;
            r.deckId = testing::courseDeck().id;
            r.cardId = cards[i].id;
            r.utcMs = i < 3 ? nowMs - 3'600'000 + static_cast<std::int64_t>(i) * 60'000 : nowMs + 2 * 3'600'000;
            r.rating = scheduler::Rating::Good;
            r.durationMs = 5000;
            r.kind = model::ReviewKind::Learn;
            REQUIRE(opened.profile.append(r).ok);
        }
        REQUIRE(opened.profile.close().unsaved == 0);
    }
    setenv("XDG_DATA_HOME", (folder.path / "xdg").c_str(), 1);
    const auto answersShown = [&](const char* now) {
        setenv("ATTUNE_NOW", now, 1);
        model::Game game({profile, {}, true});
        testing::ScreenDrawer drawer(game);
        const auto stats = drawer.draw(testing::Shown::Stats, testing::kWindowsAndTexts[0]);
        const std::string total = model::countText(game.course().reviewsTotal);
        const bool shown = stats.find(total + " answers on ") != nullptr;
        CHECK(game.close().ok);
        return std::make_pair(total, shown);
    };
    const auto before = answersShown(testing::kSixMonthNow);
    CHECK(before.first == "3");
    CHECK(before.second);
    const auto after = answersShown("2026-11-27T21:00:00Z");
    CHECK(after.first == "4");
    CHECK(after.second);
    unsetenv("ATTUNE_NOW");
    unsetenv("XDG_DATA_HOME");
}

TEST_CASE("insight screens - home opens each screen by keyboard and Esc comes back") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    setenv("XDG_DATA_HOME", (shotsFolder() / "xdg").c_str(), 1);
    KeyboardShell shell;
    for (const char* label : {"Topics", "Weak topics", "Stats", "Decks"}) {
        INFO(label);
        shell.tabTo(label);
        shell.press(sf::Keyboard::Enter);
        REQUIRE(shell.app.depth() == 2);
        // Every screen has a focused control the moment it opens.
        CHECK(shell.app.top()->controls().focused().has_value());
        CHECK(ui::browserView(*shell.app.top()).has_value() == (std::string(label) == "Decks"));
        shell.press(sf::Keyboard::Escape);
        CHECK(shell.app.depth() == 1);
    }
}

TEST_CASE("insight screens - a topic on the map and the weak topics each start a session on the study screen") {
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    setenv("XDG_DATA_HOME", (shotsFolder() / "xdg").c_str(), 1);
    SECTION("topic map: Down selects the second topic, Enter then Enter studies it") {
        KeyboardShell shell;
        shell.tabTo("Topics");
        shell.press(sf::Keyboard::Enter);
        shell.press(sf::Keyboard::Down);
        shell.press(sf::Keyboard::Enter);  // select: focus goes to "Study this topic"
        const auto focus = shell.app.top()->controls().focused();
        REQUIRE(focus.has_value());
        CHECK(shell.app.top()->controls().find(*focus)->label == "Study this topic");
        shell.press(sf::Keyboard::Enter);
        CHECK(shell.app.depth() == 3);
        REQUIRE(shell.game.inSession());
        // Every card of the session is from the second topic.
        const model::CourseProgress& p = shell.game.course();
        CHECK(shell.game.card().topic == p.topics[1].title);
    }
    SECTION("weak topics: Enter on the focused button studies the weak topics") {
        KeyboardShell shell;
        shell.tabTo("Weak topics");
        shell.press(sf::Keyboard::Enter);
        shell.press(sf::Keyboard::Enter);
        CHECK(shell.app.depth() == 3);
        CHECK(shell.game.inSession());
    }
}
