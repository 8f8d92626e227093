// The pure layout functions (wrapping, shrinking, cells) and the key bindings, measured with the
// bundled font: no text run — and no glyph ink — leaves its box at any window or font scale.
#include "catch.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/ui/Input.hpp>
#include <attune/ui/Layout.hpp>
#include <attune/ui/Ui.hpp>


#include <cstdint>
#include <string>
#include <vector>

using namespace attune;

namespace {

ui::Ui& fontUi() {
    static ui::Ui instance = [] {
        ui::Ui made;
        std::string error;
        if (!made.loadFonts(std::string(ATTUNE_SOURCE_DIR) + "/assets/fonts", &error)) FAIL(error);
        return made;
    }();
    return instance;
}

/// Every text a player may see on a card of the bundled course.
std::vector<std::string> courseTexts() {
    std::vector<std::string> texts;
    const auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
    REQUIRE(loaded.deck.has_value());
    for (const auto& card : loaded.deck->cards) {
        for (const std::string* text : {&card.front, &card.back, &card.text, &card.prompt, &card.statement,
                                        &card.explain, &card.answer}) {
            if (!text->empty()) texts.push_back(*text);
        }
        for (const auto& option : card.options) texts.push_back(option);
    }
    // And the awkward ones: one long word, accents, non-Latin scripts, empty lines.
    texts.push_back("Antidisestablishmentarianism-and-then-some-more-without-any-space-at-all");
    texts.push_back("Ça va? Übung macht den Meister. Ελληνικά, русский, ①②③ — «quotes»");
    texts.push_back("first line\n\nthird line after an empty one");
    return texts;
}

/// A stand-in measure: every character 10 px wide, lines 20 px (for exact expectations).
struct FixedMeasure final : ui::TextMeasure {
    float width(std::string_view utf8, unsigned, bool) const override {
        return 10.0f * static_cast<float>(ui::utf8Length(utf8));
    }
    float lineHeight(unsigned) const override { return 20.0f; }
};

}  // namespace

TEST_CASE("layout - no text run or glyph leaves its box at any window size and font scale") {
    ui::Ui& measure = fontUi();
    const auto texts = courseTexts();
    REQUIRE(texts.size() > 100);
    const ui::Rect boxes[] = {{10, 10, 120, 40}, {0, 0, 300, 90}, {50, 20, 520, 160}, {0, 0, 980, 420}};
    struct View {
        float width, height;
    };
    const View views[] = {{1280, 720}, {800, 600}};
    std::size_t checkedRuns = 0;
    for (const auto& view : views) {
        measure.setViewSize(view.width, view.height);
        for (const double scale : {1.0, 1.5, 2.0}) {
            measure.setFontScale(scale);
            for (const auto& box : boxes) {
                for (const auto& text : texts) {
                    for (const float size : {ui::TextSize::Body, ui::TextSize::Title}) {
                        const ui::TextBlock block = measure.text(text, box, size, size > 25.0f);
                        for (const auto& run : block.runs) {
                            INFO("text: " << text << " | run: " << run.text << " | scale " << scale << " box w "
                                          << box.w << " h " << box.h);
                            REQUIRE(box.encloses(run.box()));
                            // The ink of the real glyphs, drawn where the renderer draws them.
                            const sf::FloatRect ink = measure.inkBounds(run);
                            CHECK(ink.left >= box.x - 1.0f);
                            CHECK(ink.top >= box.y - 1.0f);
                            CHECK(ink.left + ink.width <= box.right() + 1.0f);
                            CHECK(ink.top + ink.height <= box.bottom() + 1.0f);
                            ++checkedRuns;
                        }
                    }
                }
            }
        }
    }
    CHECK(checkedRuns > 10000);
    measure.setFontScale(1.0);
    measure.setViewSize(1280, 720);
}

TEST_CASE("layout - words wrap at spaces and long words split between UTF-8 characters") {
    const FixedMeasure measure;
    const auto lines = ui::wrapLines(measure, "aa bb cc", 10, false, 50.0f);
    REQUIRE(lines == std::vector<std::string>{"aa bb", "cc"});

    // "éééééé" is 6 characters of 2 bytes each: 4 fit in 40 px, never half a character.
    const auto split = ui::wrapLines(measure, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 10, false, 40.0f);
    REQUIRE(split.size() == 2);
    CHECK(split[0] == "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9");
    CHECK(split[1] == "\xC3\xA9\xC3\xA9");

    const auto paragraphs = ui::wrapLines(measure, "one\n\ntwo", 10, false, 100.0f);
    CHECK(paragraphs == std::vector<std::string>{"one", "", "two"});
}

TEST_CASE("layout - text too tall for its box shrinks first and is cut with an ellipsis last") {
    ui::Ui& measure = fontUi();
    measure.setViewSize(1280, 720);
    measure.setFontScale(2.0);
    const std::string text = "Secure attachment grows from many small moments of responsiveness over time.";
    const ui::Rect box{0, 0, 400, 100};
    ui::TextStyle style;
    style.size = 40;
    style.minSize = 20;
    const ui::TextBlock shrunk = ui::layoutText(measure, text, box, style);
    CHECK(shrunk.size < 40);
    CHECK(shrunk.size >= 20);
    CHECK_FALSE(shrunk.truncated);

    const ui::TextBlock cut = ui::layoutText(measure, text + " " + text + " " + text, ui::Rect{0, 0, 200, 60}, style);
    CHECK(cut.truncated);
    REQUIRE_FALSE(cut.runs.empty());
    CHECK(cut.runs.back().text.size() >= 3);
    CHECK(cut.runs.back().text.substr(cut.runs.back().text.size() - 3) == "\xE2\x80\xA6");
    for (const auto& run : cut.runs) CHECK(ui::Rect{0, 0, 200, 60}.encloses(run.box()));
    measure.setFontScale(1.0);
}

TEST_CASE("layout - cells flow into balanced rows inside their area") {
    const ui::Rect area{10, 20, 500, 400};
    const auto one = ui::flowCells(area, 5, 90.0f, 40.0f, 10.0f);
    REQUIRE(one.size() == 5);
    CHECK(one[4].y == one[0].y);  // 5 x 90 + 4 x 10 = 490 fits on one row
    const auto two = ui::flowCells(area, 5, 150.0f, 40.0f, 10.0f);
    REQUIRE(two.size() == 5);
    CHECK(two[2].y == two[0].y);  // 3 + 2: rows balanced
    CHECK(two[3].y > two[0].y);
    for (const auto& cell : two) CHECK(area.encloses(cell));
    const auto seven = ui::flowCells(area, 7, 150.0f, 40.0f, 10.0f);
    REQUIRE(seven.size() == 7);
    CHECK(seven[3].y > seven[0].y);  // 4 + 3 would not fit at 150 px: 3 + 3 + 1
    CHECK(seven[6].y > seven[3].y);
}

TEST_CASE("layout - UTF-8 helpers drop and count whole characters") {
    CHECK(ui::utf8Length("a\xC3\xA9\xE2\x80\xA6") == 3);
    CHECK(ui::utf8DropLast("a\xC3\xA9") == "a");
    CHECK(ui::utf8DropLast("") == "");
    std::string built;
    ui::utf8Append(built, U'\u00E9');
    ui::utf8Append(built, U'\U0001F331');
    CHECK(built == "\xC3\xA9\xF0\x9F\x8C\xB1");
    CHECK(ui::utf8Decode(built) == std::u32string{U'\u00E9', U'\U0001F331'});
}

TEST_CASE("input - keys map to the game's actions") {
    auto key = [](sf::Keyboard::Key code, bool control = false, bool shift = false) {
        sf::Event::KeyEvent event{};
        event.code = code;
        event.control = control;
        event.shift = shift;
        return event;
    };
    CHECK(ui::actionForKey(key(sf::Keyboard::Space), false).action == ui::Action::Reveal);
    CHECK(ui::actionForKey(key(sf::Keyboard::Enter), false).action == ui::Action::MoveOn);
    CHECK(ui::actionForKey(key(sf::Keyboard::Enter), true).action == ui::Action::MoveOn);
    const auto three = ui::actionForKey(key(sf::Keyboard::Num3), false);
    CHECK(three.action == ui::Action::Number);
    CHECK(three.number == 3);
    CHECK(ui::actionForKey(key(sf::Keyboard::Numpad6), false).number == 6);
    CHECK(ui::actionForKey(key(sf::Keyboard::Num7), false).action == ui::Action::None);
    CHECK(ui::actionForKey(key(sf::Keyboard::T), false).action == ui::Action::True);
    CHECK(ui::actionForKey(key(sf::Keyboard::F), false).action == ui::Action::False);
    CHECK(ui::actionForKey(key(sf::Keyboard::Tab), false).action == ui::Action::FocusNext);
    CHECK(ui::actionForKey(key(sf::Keyboard::Tab, false, true), false).action == ui::Action::FocusPrevious);
    CHECK(ui::actionForKey(key(sf::Keyboard::Up), false).action == ui::Action::FocusPrevious);
    CHECK(ui::actionForKey(key(sf::Keyboard::Escape), false).action == ui::Action::Back);
    CHECK(ui::actionForKey(key(sf::Keyboard::Z, true), true).action == ui::Action::Undo);
    CHECK(ui::actionForKey(key(sf::Keyboard::F11), false).action == ui::Action::ToggleFullscreen);
    // While typing, letters, digits and Space are text, Backspace erases.
    CHECK(ui::actionForKey(key(sf::Keyboard::T), true).action == ui::Action::None);
    CHECK(ui::actionForKey(key(sf::Keyboard::Num1), true).action == ui::Action::None);
    CHECK(ui::actionForKey(key(sf::Keyboard::Space), true).action == ui::Action::None);
    CHECK(ui::actionForKey(key(sf::Keyboard::BackSpace), true).action == ui::Action::Erase);
    // The arrows move focus (a focused text field takes Left and Right first, as caret moves).
    CHECK(ui::actionForKey(key(sf::Keyboard::Right), false).action == ui::Action::FocusNext);
    CHECK(ui::actionForKey(key(sf::Keyboard::Left), false).action == ui::Action::FocusPrevious);
    CHECK(ui::actionForKey(key(sf::Keyboard::Down), true).action == ui::Action::FocusNext);
}
