// The caret of a text field over shaped text with the bundled font (DejaVu has Latin, Greek,
// Arabic and Hebrew): where it stands, where a click puts it, and how the arrow keys move it.
#include "catch.hpp"

#include <attune/model/core/TextOrder.hpp>
#include <attune/ui/Ui.hpp>

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

constexpr unsigned kSize = 24;

}  // namespace

TEST_CASE("caret - in left-to-right text it moves right with each character") {
    ui::Ui& ui = fontUi();
    const std::string text = "café au lait";
    const auto stops = model::graphemeBoundaries(text);
    float previous = -1.0f;
    for (const std::size_t stop : stops) {
        const float x = ui.caretX(text, stop, kSize);
        CHECK(x > previous);
        previous = x;
    }
    CHECK(ui.caretX(text, text.size(), kSize) <= ui.width(text, kSize, false));
    CHECK(ui.caretMove(text, 0, 1, kSize) == 1);
    CHECK(ui.caretMove(text, 3, 1, kSize) == 5);  // over the two bytes of "é"
    CHECK(ui.caretMove(text, 5, -1, kSize) == 3);
    CHECK(ui.caretMove(text, 0, -1, kSize) == 0);
    CHECK(ui.caretMove(text, text.size(), 1, kSize) == text.size());
}

TEST_CASE("caret - in Arabic it starts at the right and Right moves it back toward the start") {
    ui::Ui& ui = fontUi();
    const std::string cat = "قطة";  // three letters of two bytes
    CHECK(ui.caretX(cat, 0, kSize) > ui.caretX(cat, 2, kSize));
    CHECK(ui.caretX(cat, 2, kSize) > ui.caretX(cat, 4, kSize));
    CHECK(ui.caretX(cat, 4, kSize) > ui.caretX(cat, 6, kSize));
    // Left on screen goes forward in the text; Right goes back.
    CHECK(ui.caretMove(cat, 0, -1, kSize) == 2);
    CHECK(ui.caretMove(cat, 2, 1, kSize) == 0);
    CHECK(ui.caretMove(cat, 6, -1, kSize) == 6);
    CHECK(ui.caretMove(cat, 0, 1, kSize) == 0);
}

TEST_CASE("caret - a click lands on the nearest caret stop, in mixed Hebrew and English too") {
    ui::Ui& ui = fontUi();
    for (const std::string& text : {std::string("hello"), std::string("שלום"), std::string("שלום abc עולם"),
                                   std::string("abc قطة def")}) {
        INFO(text);
        for (const std::size_t stop : model::graphemeBoundaries(text)) {
            const float x = ui.caretX(text, stop, kSize);
            const std::size_t back = ui.offsetAt(text, x, kSize);
            // Where two runs meet, two logical stops share one place on screen.
            CHECK(ui.caretX(text, back, kSize) == Approx(x).margin(0.5));
        }
        CHECK(ui.offsetAt(text, -100.0f, kSize) <= text.size());
    }
    // Walking Right from the leftmost stop visits every stop once, left to right.
    const std::string mixed = "שלום abc עולם";
    std::size_t at = ui.offsetAt(mixed, -100.0f, kSize);
    std::vector<float> seen{ui.caretX(mixed, at, kSize)};
    for (int i = 0; i < 40; ++i) {
        const std::size_t next = ui.caretMove(mixed, at, 1, kSize);
        if (next == at) break;
        at = next;
        seen.push_back(ui.caretX(mixed, at, kSize));
    }
    CHECK(seen.size() == model::graphemeBoundaries(mixed).size());
    for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] >= seen[i - 1]);
}

TEST_CASE("shaping - Arabic letters join, so a word is narrower than its letters alone") {
    ui::Ui& ui = fontUi();
    // Joined forms of ق ط ة differ from their isolated forms: the shaped word is not the sum.
    const float word = ui.width("قطة", kSize, false);
    const float apart = ui.width("ق", kSize, false) + ui.width("ط", kSize, false) + ui.width("ة", kSize, false);
    CHECK(word < apart);
    // Bold stays bold: DejaVu Sans Bold is wider.
    CHECK(ui.width("Attune", kSize, true) > ui.width("Attune", kSize, false));
}

TEST_CASE("shaping - a tab or a joiner draws no placeholder box, a character no font has does") {
    ui::Ui& ui = fontUi();
    // Alone, the characters that draw nothing leave no ink at all.
    for (const char* nothing : {"\t", "\xE2\x80\x8D", "\t\t\xE2\x80\x8C"}) {
        const ui::TextRun run{nothing, 0.0f, 0.0f, 100.0f, 40.0f, kSize, false, false};
        CHECK(ui.inkBounds(run).width == 0.0f);
    }
    const ui::TextRun plain{"ab", 0.0f, 0.0f, 100.0f, 40.0f, kSize, false, false};
    // U+10FFFD: no font has it, so its box adds ink between the letters.
    const ui::TextRun boxed{"a\xF4\x8F\xBF\xBD" "b", 0.0f, 0.0f, 100.0f, 40.0f, kSize, false, false};
    CHECK(ui.inkBounds(boxed).width > ui.inkBounds(plain).width);
}
