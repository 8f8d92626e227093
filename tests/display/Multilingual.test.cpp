// A deck in eight scripts drawn on the study card and in the deck browser at 1280x720 and at
// 800x600 with 200 % text: every character from a font that has it (no placeholder boxes, ink
// in every text), Arabic and Hebrew lines ending at the right margin. Needs fonts-noto-core and
// fonts-noto-cjk (scripts/install-deps.sh installs them): without them these tests fail and say
// so. And the type-in field's caret over Hebrew.
#include "DrawnScreens.hpp"
#include "FreshHome.hpp"
#include "InProcessShell.hpp"
#include "catch.hpp"

#include <attune/model/core/TextOrder.hpp>

#include <SFML/Graphics/Image.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

const fs::path kDeck = fs::path(ATTUNE_TEST_DATA_DIR) / "decks" / "multilingual";
constexpr testing::WindowAndText kSizes[] = {{1280, 720, 1.0}, {800, 600, 2.0}};

/// The installed fonts these tests need, with what to install when one is missing.
void requireNotoFonts(ui::Ui& ui) {
    const std::pair<char32_t, const char*> needs[] = {
        {U'\u99C5', "fonts-noto-cjk (Japanese and Chinese)"}, {U'\uB0A0', "fonts-noto-cjk (Korean)"},
        {U'\u092E', "fonts-noto-core (Devanagari)"}};
    for (const auto& [cp, package] : needs) {
        INFO("no installed font has U+" << std::hex << static_cast<unsigned>(cp) << ": install " << package
                                        << " (scripts/install-deps.sh does)");
        REQUIRE_FALSE(ui.fontFileFor(cp).empty());
    }
}

/// The share of a rectangle's pixels unlike its most common colour (the background).
double inkShare(const sf::Image& image, const ui::Rect& r) {
    std::map<unsigned, std::size_t> counts;
    std::size_t total = 0;
    const auto size = image.getSize();
    for (unsigned y = static_cast<unsigned>(std::max(0.0f, r.y)); y < std::min<unsigned>(size.y, static_cast<unsigned>(r.bottom())); ++y)
        for (unsigned x = static_cast<unsigned>(std::max(0.0f, r.x)); x < std::min<unsigned>(size.x, static_cast<unsigned>(r.right())); ++x) {
            ++counts[image.getPixel(x, y).toInteger()];
            ++total;
        }
    if (total == 0) return 0.0;
    std::size_t most = 0;
    for (const auto& [colour, n] : counts) most = std::max(most, n);
    return 1.0 - static_cast<double>(most) / static_cast<double>(total);
}

/// Without spaces: Japanese lines are recorded joined by a space that the text does not have.
std::string squeezed(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (c != ' ' && c != '\n') out += c;
    return out;
}

const ui::DrawnText* findDrawn(const testing::DrawnScreen& screen, const std::string& text) {
    for (const ui::DrawnText& drawn : screen.texts)
        if (squeezed(drawn.text).find(squeezed(text)) != std::string::npos) return &drawn;
    return nullptr;
}

/// `text` is drawn whole, from real glyphs (its box holds ink), and when it reads right to
/// left and the screen sets it flush with the start, its lines end at the box's right edge.
void checkDrawn(const testing::DrawnScreen& screen, const sf::Image& image, const std::string& text, bool startAligned) {
    INFO(screen.where << ": \"" << text << "\"");
    const ui::DrawnText* drawn = findDrawn(screen, text);
    testing::checkWholeInside(screen, text, drawn);
    CHECK(inkShare(image, drawn->ink) > 0.05);
    if (startAligned && model::rightToLeft(text)) {
        INFO("box " << drawn->box.x << ".." << drawn->box.right() << ", lines " << drawn->lines.x << ".." << drawn->lines.right());
        CHECK(drawn->lines.right() == Approx(drawn->box.right()).margin(1.0));
        // The ink stops short of the line's end by the last glyph's side bearing, a small part of an em.
        CHECK(drawn->ink.right() == Approx(drawn->box.right()).margin(std::max(3.0, 0.12 * drawn->size)));
        CHECK(drawn->ink.right() <= drawn->box.right() + 1.0f);
    }
}

std::string sizeName(const testing::WindowAndText& at) {
    return std::to_string(at.width) + "x" + std::to_string(at.height) + "-" + std::to_string(static_cast<int>(at.fontScale * 100));
}

}  // namespace

TEST_CASE("multilingual - a character DejaVu lacks comes from an installed font that has it") {
    ui::Ui ui;
    std::string error;
    REQUIRE(ui.loadFonts(std::string(ATTUNE_SOURCE_DIR) + "/assets/fonts", &error));
    requireNotoFonts(ui);
    // DejaVu first: Latin, Greek, Arabic and Hebrew stay in the bundled font.
    for (const char32_t cp : {U'a', U'\u00E9', U'\u03B1', U'\u0642', U'\u05E9'})
        CHECK(fs::path(ui.fontFileFor(cp)).filename() == "DejaVuSans.ttf");
    CHECK(fs::path(ui.fontFileFor(U'a', true)).filename() == "DejaVuSans-Bold.ttf");
    // Then the installed font made for the script.
    CHECK(ui.fontFileFor(U'\u99C5').find("CJK") != std::string::npos);
    CHECK(ui.fontFileFor(U'\u092E').find("Devanagari") != std::string::npos);
    // A character no font has (a private-use code point): no file, and drawn as a placeholder, not a crash.
    CHECK(ui.fontFileFor(U'\U0010FFFD').empty());
    CHECK(ui.width("a\U0010FFFDb", 20, false) > ui.width("ab", 20, false));
}

TEST_CASE("multilingual - every card of the eight-script deck is drawn from real glyphs, right to left where it should") {
    testing::FreshHome fresh("attune-multilingual");
    setenv("ATTUNE_NOW", "2026-03-02T09:00:00Z", 1);
    model::Game game({fresh.root / "profile", {kDeck}, false});
    model::SessionOptions options;
    options.kind = model::SessionKind::Topic;
    options.deckId = "languages";
    REQUIRE(game.startSession(options) == model::SessionStart::Ready);
    testing::ScreenDrawer drawer(game);
    requireNotoFonts(drawer.ui());
    drawer.ui().takePlaceholderCount();
    std::size_t cards = 0;
    bool sawArabic = false, sawHebrew = false, sawJapanese = false;
    while (game.inSession() && cards < 12) {  // each of the twelve study cards (two reverse) once
        const model::CardFacts card = game.card();
        const std::string question = card.prompt;
        sawArabic = sawArabic || question.find("\xD9\x82\xD8\xB7\xD8\xA9") != std::string::npos;  // قطة
        sawHebrew = sawHebrew || question.find("\xD7\xA9\xD7\x95\xD7\xAA\xD7\x94") != std::string::npos;  // שותה
        sawJapanese = sawJapanese || question.find("\xE9\xA7\x85") != std::string::npos;  // 駅
        for (const auto& at : kSizes) {
            const fs::path png = fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("multilingual-" + std::to_string(cards) + "-" + sizeName(at) + ".png");
            drawer.keepAs(png.string());
            const testing::DrawnScreen study = drawer.draw(testing::Shown::Study, at);
            sf::Image image;
            REQUIRE(image.loadFromFile(png.string()));
            CHECK(drawer.ui().takePlaceholderCount() == 0);
            checkDrawn(study, image, question, false);
        }
        game.reveal();
        for (const auto& at : kSizes) {
            const fs::path png = fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("multilingual-" + std::to_string(cards) + "-answered-" + sizeName(at) + ".png");
            drawer.keepAs(png.string());
            const testing::DrawnScreen answered = drawer.draw(testing::Shown::Answered, at);
            sf::Image image;
            REQUIRE(image.loadFromFile(png.string()));
            CHECK(drawer.ui().takePlaceholderCount() == 0);
            // After the answer the question and the answer stand flush with the card's start.
            checkDrawn(answered, image, question, true);
            checkDrawn(answered, image, game.card().answer, true);
            testing::checkNoTextOverlaps(answered);
        }
        (void)game.grade(3);
        ++cards;
    }
    CHECK(cards == 12);
    CHECK(sawArabic);
    CHECK(sawHebrew);
    CHECK(sawJapanese);
    unsetenv("ATTUNE_NOW");
}

TEST_CASE("multilingual - the type-in caret moves in screen order, in Hebrew too, and Backspace erases before it") {
    testing::FreshHome fresh("attune-caret");
    const fs::path decks = fresh.root / "decks";
    fs::create_directories(decks);
    std::ofstream(decks / "peace.toml") << "[deck]\nid = \"peace\"\ntitle = \"Peace\"\ndescription = \"One word.\"\nversion = \"1\"\n\n"
                                           "[[topic]]\nid = \"t\"\ntitle = \"Words\"\n\n[[card]]\nid = \"shalom\"\ntopic = \"t\"\n"
                                           "type = \"typein\"\nprompt = \"Peace, in Hebrew?\"\nanswer = \"\xD7\xA9\xD7\x9C\xD7\x9D\"\n"
                                           "explain = \"Shalom is also a greeting.\"\n";
    testing::InProcessShell shell({fresh.root / "profile", {decks}, false});
    model::SessionOptions options;
    options.kind = model::SessionKind::Topic;
    options.deckId = "peace";
    REQUIRE(shell.game.startSession(options) == model::SessionStart::Ready);
    REQUIRE(shell.game.card().kind == model::CardKind::TypeIn);
    shell.app.reset(ui::makeStudyScreen(shell.app, model::SessionKind::Daily));
    shell.frame();
    auto type = [&](std::string_view utf8) {
        for (const char32_t cp : ui::utf8Decode(utf8)) {
            sf::Event event{};
            event.type = sf::Event::TextEntered;
            event.text.unicode = static_cast<sf::Uint32>(cp);
            shell.app.handle(event);
        }
        shell.frame();
    };
    // "שלום": the caret starts at its end, which is its left on screen. Right goes back over
    // "ם" toward the start; Backspace then takes "ו", the letter before the caret.
    type("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D");
    shell.press(sf::Keyboard::Right);
    shell.press(sf::Keyboard::BackSpace);
    // Left on screen is forward in Hebrew: back to the end (and no further).
    shell.press(sf::Keyboard::Left);
    shell.press(sf::Keyboard::Left);
    // "e" and a combining acute are one character: Backspace takes both.
    type("e\xCC\x81");
    shell.press(sf::Keyboard::BackSpace);
    shell.shot(fs::path(ATTUNE_TEST_OUTPUT_DIR) / "multilingual-caret.png");
    shell.press(sf::Keyboard::Enter);
    const model::CardFacts card = shell.game.card();
    CHECK(card.typed == "\xD7\xA9\xD7\x9C\xD7\x9D");  // שלם
    REQUIRE(card.correct.has_value());
    CHECK(*card.correct);
}
