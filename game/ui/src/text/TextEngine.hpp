// The one text path: fonts (DejaVu first, then per character whatever installed font has it),
// HarfBuzz shaping of each run of one direction, script and font, bidi order of the line, and
// FreeType glyph images packed into atlas textures for drawing as quads.
#pragma once

#include <attune/fonts/Fonts.hpp>

#include <SFML/Graphics/Texture.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attune::ui::text {

/// A glyph's image at one size: its ink relative to the pen on the baseline (left, top above
/// it), and once drawn, where it lies in which atlas page.
struct GlyphImage {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
    int page = -1;
    int u = 0;
    int v = 0;
    std::vector<std::uint8_t> coverage;  // until uploaded to the atlas
};

/// One shaped glyph: pen position (x right, y up from the baseline) from the line's start.
struct PlacedGlyph {
    std::uint32_t face = 0;
    std::uint32_t glyph = 0;
    float x = 0.0f;
    float y = 0.0f;
    GlyphImage* image = nullptr;
};

/// A caret stop (grapheme boundary, byte offset) and its x from the line's pen origin.
struct CaretStop {
    std::size_t offset = 0;
    float x = 0.0f;
};

/// One line shaped and put in screen order.
struct ShapedLine {
    std::vector<PlacedGlyph> glyphs;  // left to right on screen
    float advance = 0.0f;
    // The union of the glyphs' ink relative to the pen origin (y down); empty when !hasInk.
    float inkLeft = 0.0f, inkTop = 0.0f, inkRight = 0.0f, inkBottom = 0.0f;
    bool hasInk = false;
    std::vector<CaretStop> carets;  // logical order
    unsigned placeholders = 0;      // characters no font has: drawn as the empty-box glyph
};

class TextEngine {
public:
    TextEngine();
    ~TextEngine();
    TextEngine(const TextEngine&) = delete;
    TextEngine& operator=(const TextEngine&) = delete;

    /// Loads the bundled faces (bold may equal regular); false and *error when unreadable.
    bool load(const std::string& regular, const std::string& bold, std::string* error);
    bool loaded() const { return !m_faces.empty(); }

    /// `line` (no '\n') shaped at `size` pixels in a paragraph of the given direction. The
    /// reference stays valid until the next call.
    const ShapedLine& shape(std::string_view line, unsigned size, bool bold, bool rightToLeft);

    /// The atlas page texture of a glyph's image, uploading it first if needed (needs a GL context).
    const sf::Texture& upload(GlyphImage& image);
    const sf::Texture& page(int index) const { return *m_pages[static_cast<std::size_t>(index)]; }

    /// The file of the face that draws `cp` ("" when none has it: a placeholder box).
    std::string fontFileFor(char32_t cp, bool bold);

private:
    struct Face;
    struct Key {
        std::string text;
        unsigned size;
        bool bold;
        bool rightToLeft;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const;
    };

    /// Index into m_faces of the face to draw `cp` (-1: none has it). `previous` keeps marks,
    /// joiners and shared punctuation in the face of the character before them.
    int faceFor(char32_t cp, bool bold, int previous);
    int loadFace(const fonts::FontFile& file);
    void setSize(Face& face, unsigned size);
    GlyphImage& image(std::uint32_t face, std::uint32_t glyph, unsigned size);
    void shapeInto(ShapedLine& out, std::string_view line, unsigned size, bool bold, bool rightToLeft);

    void* m_library = nullptr;  // FT_Library
    std::vector<std::unique_ptr<Face>> m_faces;  // 0 regular, 1 bold, then fallbacks
    std::unordered_map<std::string, int> m_faceByFile;
    std::unordered_map<std::uint64_t, int> m_faceForChar;  // (cp, bold) -> face, -1 for none
    std::unique_ptr<fonts::SystemFonts> m_system;
    std::unordered_map<Key, ShapedLine, KeyHash> m_lines;
    std::size_t m_cachedBytes = 0;  // the text of m_lines' keys
    std::unordered_map<std::uint64_t, GlyphImage> m_images;
    std::vector<std::unique_ptr<sf::Texture>> m_pages;
    GlyphImage m_nothing;  // what a character that draws nothing shows: no ink
    unsigned m_shelfX = 0, m_shelfY = 0, m_shelfHeight = 0;
    void* m_buffer = nullptr;  // hb_buffer_t, reused
};

}  // namespace attune::ui::text
