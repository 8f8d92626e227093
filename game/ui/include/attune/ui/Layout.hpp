// Pure layout: rectangles and wrapped text runs computed without a window, in the style of
// rxi/microui — the renderer only draws what these functions decide, so tests can check that
// every run stays inside its box at any size and font scale.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune::ui {

struct Rect {
    float x = 0.0f;
    float y = 0.0f;
    float w = 0.0f;
    float h = 0.0f;

    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
    /// True when `inner` lies wholly inside (a hair of float tolerance allowed).
    bool encloses(const Rect& inner) const;
    Rect inset(float dx, float dy) const;
    Rect inset(float d) const { return inset(d, d); }
    /// Splits off the top `height` (clamped) and returns it; *this keeps the rest below `gap`.
    Rect takeTop(float height, float gap = 0.0f);
    Rect takeBottom(float height, float gap = 0.0f);
    Rect takeLeft(float width, float gap = 0.0f);
    Rect takeRight(float width, float gap = 0.0f);
    /// A rect of at most (w, h) centred in this one.
    Rect centered(float width, float height) const;
};

/// How wide text is and how tall a line is, at a pixel size. The renderer implements it with
/// the real font; tests may use either the font or a fixed-advance stand-in.
class TextMeasure {
public:
    virtual ~TextMeasure() = default;
    virtual float width(std::string_view utf8, unsigned size, bool bold) const = 0;
    /// The line box: every glyph's ink (ascenders and descenders) fits inside it.
    virtual float lineHeight(unsigned size) const = 0;
};

enum class Align { Left, Center, Right };

struct TextStyle {
    unsigned size = 18;
    bool bold = false;
    Align align = Align::Left;
    bool centerVertically = false;
    /// Text shrinks down to this size to fit its box (0: size itself, no shrinking).
    unsigned minSize = 0;
};

/// One line of laid-out text; (x, y) is the top-left of its line box.
struct TextRun {
    std::string text;
    float x = 0.0f;
    float y = 0.0f;
    float width = 0.0f;
    float height = 0.0f;
    unsigned size = 0;
    bool bold = false;
    bool rightToLeft = false;  // its paragraph reads right to left (Arabic, Hebrew): bidi order of the line

    Rect box() const { return {x, y, width, height}; }
};

struct TextBlock {
    std::vector<TextRun> runs;
    Rect box;               // the box it was laid out in
    unsigned size = 0;      // the size finally used
    bool truncated = false; // did not fit even at minSize: the last line ends in "…"
    std::string whole;      // when truncated: the whole text (for the screen-fit tests' messages)
    float contentHeight() const;
};

/// Text wrapped to maxWidth at the line-break opportunities of UAX #14 (between words, and
/// between the characters of Chinese or Japanese); '\n' starts a new paragraph; a word wider
/// than the line is split between grapheme clusters. Never returns a line wider than maxWidth
/// unless one character is.
std::vector<std::string> wrapLines(const TextMeasure& measure, std::string_view text, unsigned size, bool bold,
                                   float maxWidth);

/// Height of `text` wrapped to `maxWidth` at `size`.
float wrappedHeight(const TextMeasure& measure, std::string_view text, unsigned size, bool bold, float maxWidth);

/// Lays `text` out inside `box`: wrapped, shrunk toward style.minSize when too tall, and, if
/// still too tall, cut at the last line that fits with an ellipsis. No run leaves the box. A
/// right-to-left paragraph's lines align right where the style says Left.
TextBlock layoutText(const TextMeasure& measure, std::string_view text, const Rect& box, const TextStyle& style);

/// A picture of `width` x `height` scaled to fit `area` with its shape kept (at most `maxScale`
/// times its own size), centred; empty when either has no size.
Rect fitPicture(const Rect& area, float width, float height, float maxScale);

/// `count` cells of equal width in rows inside `area`: as many per row as fit at `minWidth`
/// (at least one), rows of `rowHeight` separated by `gap`.
std::vector<Rect> flowCells(const Rect& area, std::size_t count, float minWidth, float rowHeight, float gap);

/// The number of UTF-8 characters (code points) in `text`.
std::size_t utf8Length(std::string_view text);
/// `text` without its last UTF-8 character (for Backspace).
std::string utf8DropLast(std::string_view text);
/// Appends one code point as UTF-8.
void utf8Append(std::string& out, char32_t codePoint);
/// Decodes UTF-8 to code points (invalid bytes become U+FFFD).
std::u32string utf8Decode(std::string_view text);

}  // namespace attune::ui
