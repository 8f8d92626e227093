// What every screen draws with: the fonts, the palette, the layout scale (window size x font
// scale), text measuring for the pure layout functions, and the drawing primitives (rounded
// boxes, rings, bars, icons, the streak flame) made from plain SFML shapes.
#pragma once

#include <attune/ui/Layout.hpp>
#include <attune/ui/Theme.hpp>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attune::ui {

namespace text {
class TextEngine;
}

enum class Icon { None, Check, Cross, Flame, Snowflake, Star, Back, Undo };

/// Base text sizes at 1280x720 and 100 %; Ui::textSize scales them.
namespace TextSize {
inline constexpr float Small = 16.0f;
inline constexpr float Body = 20.0f;
inline constexpr float Large = 26.0f;
inline constexpr float Title = 32.0f;
inline constexpr float Huge = 44.0f;
/// The smallest any text is drawn: a label shrinks to fit its box down to this and no further
/// (past it the text is cut, which the screen-fit tests catch).
inline constexpr float Minimum = 14.0f;
}  // namespace TextSize

/// A text as drawn, for the tests that check what every screen shows (Ui::recordDrawnText).
struct DrawnText {
    std::string text;
    unsigned size = 0;
    bool truncated = false;
    Rect box;    // the box it was laid out in
    Rect lines;  // where it lies: the union of its lines' boxes (empty when nothing was laid out)
    Rect ink;    // where its glyphs land (lines keep air above and below: only ink shows texts drawn over each other)
};

/// A card's picture as drawn (Ui::recordDrawnPictures).
struct DrawnPicture {
    std::string file;
    Rect area;                 // the room the layout gave it
    Rect drawn;                // where the picture (or its placeholder) lies
    float width = 0.0f;        // the picture's own size in pixels (0 for a placeholder)
    float height = 0.0f;
    bool placeholder = false;  // the file could not be read: a box with the alt text instead
};

class Ui final : public TextMeasure {
public:
    Ui();
    ~Ui() override;
    Ui(Ui&&) noexcept;
    Ui& operator=(Ui&&) noexcept;

    /// Loads DejaVu Sans from assets/fonts; false and *error when missing. Characters DejaVu
    /// lacks come from whatever installed font has them (fontconfig), found on first use.
    bool loadFonts(const std::string& fontsDir, std::string* error);

    void setPalette(const Palette& palette) { m_palette = palette; }
    const Palette& palette() const { return m_palette; }
    void setFontScale(double scale);
    double fontScale() const { return m_fontScale; }
    void setReducedMotion(bool reduced) { m_reducedMotion = reduced; }
    bool reducedMotion() const { return m_reducedMotion; }

    /// The window's size in pixels: sets the layout unit.
    void setViewSize(float width, float height);
    float viewWidth() const { return m_width; }
    float viewHeight() const { return m_height; }
    /// A length designed at 1280x720, scaled to the window.
    float px(float designed) const { return designed * m_unit; }
    /// A text size: designed size x window scale x font scale.
    unsigned textSize(float designed) const;
    /// The smallest text the theme allows at this window and text scale (TextSize::Minimum).
    unsigned minimumTextSize() const { return std::max(8u, textSize(TextSize::Minimum)); }
    /// While set, draw() also appends every text block it draws to `record` (nullptr: off).
    void recordDrawnText(std::vector<DrawnText>* record) { m_record = record; }
    /// The same for the pictures draw() puts on cards.
    void recordDrawnPictures(std::vector<DrawnPicture>* record) { m_pictureRecord = record; }

    // TextMeasure
    float width(std::string_view utf8, unsigned size, bool bold) const override;
    float lineHeight(unsigned size) const override;

    TextBlock text(std::string_view utf8, const Rect& box, float designedSize, bool bold = false,
                   Align align = Align::Left, bool centerVertically = false, float minFraction = 0.6f) const;
    /// Height the text takes wrapped in `width` at the designed size.
    float textHeight(std::string_view utf8, float width, float designedSize, bool bold = false) const;

    // --- caret and hit tests in one line of text, as drawn (x from the line's left edge, the
    // TextRun::x of a laid-out line; the line reads right to left when its first strong
    // character does). Offsets are UTF-8 byte offsets at grapheme boundaries.
    /// Where the caret stands before the character at `byteOffset` (at text.size(): after the last).
    float caretX(std::string_view line, std::size_t byteOffset, unsigned size, bool bold = false) const;
    /// The caret stop nearest to `x` (a click in the field).
    std::size_t offsetAt(std::string_view line, float x, unsigned size, bool bold = false) const;
    /// The caret stop one step left (`step` < 0) or right (> 0) on screen from `byteOffset`:
    /// visual order, so Right moves leftward in logical order inside Arabic or Hebrew.
    std::size_t caretMove(std::string_view line, std::size_t byteOffset, int step, unsigned size,
                          bool bold = false) const;
    /// Characters drawn as a placeholder box since the last call because no installed font has
    /// them (the display tests expect none on a multilingual deck with fonts-noto installed).
    unsigned takePlaceholderCount() const;
    /// The font file that draws `cp` ("" when none has it).
    std::string fontFileFor(char32_t cp, bool bold = false) const;

    // --- drawing -------------------------------------------------------------------------
    /// Where draw() puts the pen of a run's first glyph, less one text size (its ink then sits
    /// inside the run's line box: the baseline lies `run.size` below this).
    sf::Vector2f textPosition(const TextRun& run) const;
    /// Where the ink of a run's glyphs lands when drawn (for tests: it stays in the run's box).
    sf::FloatRect inkBounds(const TextRun& run) const;
    /// Drawing is batched: shapes and glyphs collect until flush() draws them (shapes first,
    /// then text, so labels always sit on their buttons). The App flushes once per layer.
    void flush(sf::RenderTarget& target) const;
    void draw(sf::RenderTarget& target, const TextBlock& block, sf::Color color) const;
    void box(sf::RenderTarget& target, const Rect& rect, sf::Color fill, float radius) const;
    void frame(sf::RenderTarget& target, const Rect& rect, sf::Color color, float thickness, float radius) const;
    /// A card-like panel: soft shadow, surface fill, hairline border.
    void panel(sf::RenderTarget& target, const Rect& rect) const;
    /// The focus ring, drawn just outside `rect`.
    void focusRing(sf::RenderTarget& target, const Rect& rect, float radius) const;
    void bar(sf::RenderTarget& target, const Rect& rect, double fraction, sf::Color fill) const;
    void ring(sf::RenderTarget& target, float cx, float cy, float radius, float thickness, double fraction,
              sf::Color fill) const;
    void icon(sf::RenderTarget& target, Icon icon, const Rect& rect, sf::Color color) const;
    /// A picture file's size in pixels, read once and kept with its texture; empty when the
    /// file cannot be read as a PNG, JPEG, BMP or GIF.
    std::optional<sf::Vector2f> pictureSize(const std::string& file) const;
    /// The picture scaled into `area` with its shape kept, centred; when the file cannot be read,
    /// a framed box there with `alt` (or "Picture missing") instead.
    void picture(sf::RenderTarget& target, const std::string& file, const Rect& area, const std::string& alt) const;
    /// The streak flame: `lit` false draws it grey (no streak); `flicker` in seconds animates it.
    void flame(sf::RenderTarget& target, const Rect& rect, bool lit, float flicker) const;

private:
    float leftOverhang(const TextRun& run) const;
    /// The union of the ink of a block's runs (for the drawn-text record).
    Rect inkArea(const TextBlock& block) const;
    void line(float x1, float y1, float x2, float y2, float thickness, sf::Color color) const;
    void triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color color) const;

    std::unique_ptr<text::TextEngine> m_engine;
    mutable unsigned m_placeholders = 0;
    Palette m_palette;
    double m_fontScale = 1.0;
    bool m_reducedMotion = false;
    float m_width = 1280.0f;
    float m_height = 720.0f;
    float m_unit = 1.0f;
    // The frame's batches: every shape, and the glyph quads per atlas page.
    mutable sf::VertexArray m_shapes{sf::Triangles};
    mutable bool m_translucentShapes = false;
    mutable std::vector<sf::VertexArray> m_glyphs;
    std::vector<DrawnText>* m_record = nullptr;
    std::vector<DrawnPicture>* m_pictureRecord = nullptr;
    // Textures by file, loaded on first use (nullptr: unreadable); the frame's pictures to draw.
    mutable std::map<std::string, std::unique_ptr<sf::Texture>> m_textures;
    mutable std::vector<std::pair<const sf::Texture*, Rect>> m_pictures;
};

}  // namespace attune::ui
