// Line breaking (UAX #14), caret stops and bidi order (UAX #9) as the layout uses them, with a
// fixed-advance measure: exact expectations, no font, no window.
#include "catch.hpp"

#include <attune/ui/Layout.hpp>
#include <attune/model/core/TextOrder.hpp>

#include <string>
#include <vector>

using namespace attune;
using Lines = std::vector<std::string>;

namespace {

/// Every code point 10 px wide, lines 20 px.
struct FixedMeasure final : ui::TextMeasure {
    float width(std::string_view utf8, unsigned, bool) const override {
        return 10.0f * static_cast<float>(ui::utf8Length(utf8));
    }
    float lineHeight(unsigned) const override { return 20.0f; }
};

Lines wrap(std::string_view text, float width) {
    return ui::wrapLines(FixedMeasure{}, text, 10, false, width);
}

}  // namespace

TEST_CASE("wrapping - Chinese and Japanese wrap between characters without any space") {
    CHECK(wrap("我每天早上喝一杯热茶", 40.0f) == Lines{"我每天早", "上喝一杯", "热茶"});
    // A full stop never starts a line: it stays with the character before it.
    const Lines japanese = wrap("あいう。えお", 30.0f);
    CHECK(japanese == Lines{"あい", "う。え", "お"});
    for (const auto& line : wrap("駅までの道を教えていただけませんか。朝の電車はとても混んでいるので、少し早めに家を出ます。", 50.0f)) {
        INFO(line);
        CHECK(ui::utf8Length(line) <= 5);
        CHECK(line.rfind("。", 0) != 0);
        CHECK(line.rfind("、", 0) != 0);
    }
}

TEST_CASE("wrapping - Latin words never break inside, a word wider than the line still splits") {
    CHECK(wrap("hello world", 80.0f) == Lines{"hello", "world"});
    CHECK(wrap("aa bb cc", 50.0f) == Lines{"aa bb", "cc"});
    CHECK(wrap("internationalisation is long", 200.0f) == Lines{"internationalisation", "is long"});
    CHECK(wrap("abcdefghij", 40.0f) == Lines{"abcd", "efgh", "ij"});
    // Spaces at a break vanish; a paragraph's own leading spaces too; empty lines stay.
    CHECK(wrap("  one   two", 40.0f) == Lines{"one", "two"});
    CHECK(wrap("one\n\ntwo", 100.0f) == Lines{"one", "", "two"});
}

TEST_CASE("wrapping - a long word splits between grapheme clusters, never inside one") {
    // "é" written as e + combining acute: two code points, 20 px, one character on screen.
    const std::string e = "e\xCC\x81";
    CHECK(wrap(e + e + e, 40.0f) == Lines{e + e, e});
    CHECK(model::graphemeBoundaries(e + "x") == std::vector<std::size_t>{0, 3, 4});
}

TEST_CASE("line breaks - the opportunities of UAX 14 as byte offsets") {
    CHECK(model::lineBreaks("hello world") == std::vector<std::size_t>{6, 11});
    CHECK(model::lineBreaks("日本") == std::vector<std::size_t>{3, 6});
    CHECK(model::lineBreaks("") == std::vector<std::size_t>{0});
}

TEST_CASE("bidi - a paragraph's direction comes from its first strong character") {
    CHECK(model::rightToLeft("قطة"));
    CHECK(model::rightToLeft("שלום"));
    CHECK(model::rightToLeft("123 שלום"));
    CHECK_FALSE(model::rightToLeft("Hello قطة"));
    CHECK_FALSE(model::rightToLeft("日本語"));
    CHECK_FALSE(model::rightToLeft(""));
}

TEST_CASE("bidi - mixed Arabic and English in visual order") {
    // "abc قطة": the Arabic word reads right to left after the English one.
    CHECK(model::visualOrder("abc قطة", false) == std::vector<std::size_t>{0, 1, 2, 3, 6, 5, 4});
    // "قطة abc" in an Arabic paragraph: the Arabic word stands at the right, English at the left, still readable.
    CHECK(model::visualOrder("قطة abc", true) == std::vector<std::size_t>{6, 5, 4, 3, 0, 1, 2});
    // An English word inside an Arabic sentence keeps its letters in order.
    const auto order = model::visualOrder("أحب Python كثيرًا", true);
    const std::size_t p = 4;  // 'P' is the fifth code point
    for (std::size_t k = 0; k + 1 < 6; ++k) CHECK(order[p + k + 1] == order[p + k] + 1);
    const auto runs = model::visualRuns("قطة abc", true);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0] == model::BidiRun{7, 10, false});
    CHECK(runs[1] == model::BidiRun{0, 7, true});
}

TEST_CASE("layout - a right-to-left paragraph aligns right where the style says left") {
    ui::TextStyle style;
    style.size = 10;
    const ui::Rect box{100, 0, 300, 100};
    const ui::TextBlock arabic = ui::layoutText(FixedMeasure{}, "قطة", box, style);
    REQUIRE(arabic.runs.size() == 1);
    CHECK(arabic.runs[0].rightToLeft);
    CHECK(arabic.runs[0].x + arabic.runs[0].width == box.right());
    const ui::TextBlock mixed = ui::layoutText(FixedMeasure{}, "Hello\nשלום עולם", box, style);
    REQUIRE(mixed.runs.size() == 2);
    CHECK_FALSE(mixed.runs[0].rightToLeft);
    CHECK(mixed.runs[0].x == box.x);
    CHECK(mixed.runs[1].rightToLeft);
    CHECK(mixed.runs[1].x + mixed.runs[1].width == box.right());
    style.align = ui::Align::Center;
    const ui::TextBlock centred = ui::layoutText(FixedMeasure{}, "قطة", box, style);
    CHECK(centred.runs[0].x == box.x + (box.w - centred.runs[0].width) / 2.0f);
}
