// A card's picture in the window: on the study card (with the question and after the answer) and
// in the deck browser, scaled into the room the layout gives it with its shape kept, the card's
// texts whole and clear of it at every window and text size (the answered card and the browser
// leave it out when large text takes its room); a box with the alt text when the
// file is gone.
#include "DrawnScreens.hpp"
#include "FreshHome.hpp"
#include "catch.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

const fs::path kPictureDeck = fs::path(ATTUNE_TEST_DATA_DIR) / "decks" / "pictures";
constexpr float kWide = 480.0f, kHigh = 240.0f;  // images/wide.png
const char* const kAlt = "A deck folder holding the deck file and an images folder";

bool meet(const ui::Rect& a, const ui::Rect& b) {
    constexpr float hair = 0.5f;
    return std::min(a.right(), b.right()) - std::max(a.x, b.x) > hair && std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y) > hair;
}

// The picture card's one picture: drawn inside its room and the window, its shape kept, and no
// text over it; the screen's texts whole and clear of each other.
void checkPicture(const testing::DrawnScreen& screen, const std::vector<std::string>& texts, bool required = true) {
    INFO(screen.where);
    for (const std::string& text : texts) testing::checkShows(screen, text);
    testing::checkNoTextOverlaps(screen);
    if (!required && screen.pictures.empty()) return;
    REQUIRE(screen.pictures.size() == 1);
    const ui::DrawnPicture& picture = screen.pictures[0];
    INFO("room " << picture.area.x << "," << picture.area.y << " " << picture.area.w << "x" << picture.area.h << ", drawn "
                 << picture.drawn.x << "," << picture.drawn.y << " " << picture.drawn.w << "x" << picture.drawn.h);
    CHECK_FALSE(picture.placeholder);
    CHECK(picture.width == kWide);
    CHECK(picture.height == kHigh);
    CHECK(screen.inside(picture.area));
    CHECK(picture.area.encloses(picture.drawn));
    // Big enough to make out, and no wider or taller than its shape allows (within a pixel).
    CHECK(picture.drawn.h >= 40.0f * std::min(static_cast<float>(screen.width) / 1280.0f, static_cast<float>(screen.height) / 720.0f));
    CHECK(std::abs(picture.drawn.w - picture.drawn.h * kWide / kHigh) <= 1.0f);
    // It fills its room one way: as wide or as high as the room (or its largest size).
    const bool fills = std::abs(picture.drawn.w - picture.area.w) <= 1.0f || std::abs(picture.drawn.h - picture.area.h) <= 1.0f ||
                       picture.drawn.w >= kWide;
    CHECK(fills);
    for (const ui::DrawnText& text : screen.texts) {
        INFO("\"" << text.text << "\"");
        CHECK_FALSE(meet(text.ink, picture.drawn));
    }
}

}  // namespace

TEST_CASE("pictures - the study card and the deck browser draw the picture in its room with its shape kept and the texts whole") {
    testing::FreshHome fresh("attune-pictures");
    setenv("ATTUNE_NOW", "2026-03-02T09:00:00Z", 1);
    model::Game game({fresh.root / "profile", {kPictureDeck}, true});
    model::SessionOptions options;
    options.kind = model::SessionKind::Tag;
    options.tag = "picture";
    REQUIRE(game.startSession(options) == model::SessionStart::Ready);
    REQUIRE(game.card().picture == (kPictureDeck / "images" / "wide.png").string());
    REQUIRE(game.card().pictureAlt == kAlt);
    testing::ScreenDrawer drawer(game);
    drawer.showCard("pictures", "deck-folder");
    const std::string question = "What does a deck's folder hold besides the deck file?";
    const std::string answer = "Its pictures, in a folder of their own.";
    const std::string why = "Image paths are relative to the deck's folder";
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const std::string size = std::to_string(at.width) + "x" + std::to_string(at.height) + "-" +
                                 std::to_string(static_cast<int>(at.fontScale * 100));
        drawer.keepAs((fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("picture-study-" + size + ".png")).string());
        checkPicture(drawer.draw(testing::Shown::Study, at), {question, "Show answer"});
        drawer.keepAs((fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("picture-decks-" + size + ".png")).string());
        // The browser's card is short (the deck list and the problems share the screen): with large
        // text its texts take the room and the picture is left out rather than squeezed.
        checkPicture(drawer.draw(testing::Shown::Decks, at), {question, answer}, at.fontScale == 1.0);
    }
    game.reveal();
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const std::string size = std::to_string(at.width) + "x" + std::to_string(at.height) + "-" +
                                 std::to_string(static_cast<int>(at.fontScale * 100));
        drawer.keepAs((fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("picture-answered-" + size + ".png")).string());
        // After the answer the texts shrink toward their minimum before the picture would go.
        checkPicture(drawer.draw(testing::Shown::Answered, at), {question, answer, why, "Good"});
    }
    unsetenv("ATTUNE_NOW");
}

TEST_CASE("pictures - a picture file gone while the game runs shows a box with its alt text, not a crash") {
    testing::FreshHome fresh("attune-pictures-gone");
    const fs::path decks = fresh.root / "decks";
    fs::create_directories(decks / "images");
    fs::copy_file(kPictureDeck / "pictures.toml", decks / "pictures.toml");
    fs::copy_file(kPictureDeck / "images" / "wide.png", decks / "images" / "wide.png");
    model::Game game({fresh.root / "profile", {decks}, true});
    model::SessionOptions options;
    options.kind = model::SessionKind::Tag;
    options.tag = "picture";
    REQUIRE(game.startSession(options) == model::SessionStart::Ready);
    {
        // A picture is read once and kept: drawn again after its file went, it is still there.
        testing::ScreenDrawer first(game);
        REQUIRE(first.draw(testing::Shown::Study, 1280, 720, 1.0).pictures.size() == 1);
        fs::remove(decks / "images" / "wide.png");
        const testing::DrawnScreen again = first.draw(testing::Shown::Study, 800, 600, 1.0);
        REQUIRE(again.pictures.size() == 1);
        CHECK_FALSE(again.pictures[0].placeholder);
    }
    testing::ScreenDrawer drawer(game);
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        drawer.keepAs((fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("picture-gone-" + std::to_string(at.width) + "-" +
                                                          std::to_string(static_cast<int>(at.fontScale * 100)) + ".png")).string());
        const testing::DrawnScreen screen = drawer.draw(testing::Shown::Study, at);
        INFO(screen.where);
        REQUIRE(screen.pictures.size() == 1);
        CHECK(screen.pictures[0].placeholder);
        CHECK(screen.inside(screen.pictures[0].drawn));
        testing::checkShows(screen, std::string("Picture: ") + kAlt);
        const ui::DrawnText* alt = screen.find(kAlt);
        REQUIRE(alt != nullptr);
        CHECK(screen.pictures[0].drawn.encloses(alt->lines));
        testing::checkShows(screen, "What does a deck's folder hold besides the deck file?");
        testing::checkNoTextOverlaps(screen);
    }
}
