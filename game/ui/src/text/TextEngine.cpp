// Shaping with HarfBuzz, glyphs with FreeType, order with ICU (see TextEngine.hpp).
#include "TextEngine.hpp"

#include <attune/model/core/Utf8.hpp>
#include <attune/ui/Layout.hpp>
#include <attune/model/core/TextOrder.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace attune::ui::text {
using model::graphemeBoundaries;
using model::rightToLeft;
using model::visualRuns;
using model::BidiRun;
namespace {

// Pages start small (software GL keeps textures in the process's memory): a screen's glyphs at
// 100-200 % fit in one or two; more pages come when needed.
constexpr unsigned kPageSize = 512;
// Hinted like SFML's own glyphs were, so Latin text keeps its look and crisp stems.
constexpr FT_Int32 kLoadFlags = FT_LOAD_TARGET_NORMAL | FT_LOAD_FORCE_AUTOHINT;
// Shaped lines kept: far more than any screen shows; past either limit the cache starts again
// (a hostile deck's 10,000-character card cannot make it grow without end).
constexpr std::size_t kMaxLines = 20000;
constexpr std::size_t kMaxCachedBytes = 4u << 20;

FT_Library library(void* handle) { return static_cast<FT_Library>(handle); }

bool isMark(char32_t cp) {
    const hb_unicode_general_category_t category = hb_unicode_general_category(hb_unicode_funcs_get_default(), cp);
    return category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           category == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK || category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

hb_script_t scriptOf(char32_t cp) { return hb_unicode_script(hb_unicode_funcs_get_default(), cp); }

bool sharedScript(hb_script_t script) {
    return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN;
}

}  // namespace

struct TextEngine::Face {
    FT_Face ft = nullptr;
    hb_font_t* hb = nullptr;
    unsigned size = 0;
    std::string file;
    ~Face() {
        if (hb != nullptr) hb_font_destroy(hb);
        if (ft != nullptr) FT_Done_Face(ft);
    }
};

std::size_t TextEngine::KeyHash::operator()(const Key& key) const {
    return std::hash<std::string>{}(key.text) ^ (static_cast<std::size_t>(key.size) * 0x9E3779B97F4A7C15ull) ^
           (key.bold ? 0x51ED27u : 0u) ^ (key.rightToLeft ? 0xA5A5A5u << 8 : 0u);
}

TextEngine::TextEngine() {
    FT_Library made = nullptr;
    if (FT_Init_FreeType(&made) == 0) m_library = made;
    m_buffer = hb_buffer_create();
}

TextEngine::~TextEngine() {
    m_faces.clear();  // before the library that owns them
    hb_buffer_destroy(static_cast<hb_buffer_t*>(m_buffer));
    if (m_library != nullptr) FT_Done_FreeType(library(m_library));
}

int TextEngine::loadFace(const fonts::FontFile& file) {
    const std::string key = file.path + "#" + std::to_string(file.index);
    if (const auto found = m_faceByFile.find(key); found != m_faceByFile.end()) return found->second;
    int index = -1;
    auto face = std::make_unique<Face>();
    face->file = file.path;
    if (m_library != nullptr && FT_New_Face(library(m_library), file.path.c_str(), file.index, &face->ft) == 0 &&
        FT_IS_SCALABLE(face->ft)) {
        face->hb = hb_ft_font_create_referenced(face->ft);
        hb_ft_font_set_load_flags(face->hb, kLoadFlags);
        index = static_cast<int>(m_faces.size());
        m_faces.push_back(std::move(face));
    }
    m_faceByFile.emplace(key, index);
    return index;
}

bool TextEngine::load(const std::string& regular, const std::string& bold, std::string* error) {
    if (m_library == nullptr) {
        if (error) *error = "cannot start FreeType";
        return false;
    }
    m_faces.clear();
    m_faceByFile.clear();
    m_faceForChar.clear();
    m_lines.clear();
    m_cachedBytes = 0;
    m_images.clear();
    if (loadFace({regular, 0}) != 0) {
        if (error) *error = "cannot read the font " + regular;
        m_faces.clear();
        m_faceByFile.clear();
        return false;
    }
    // The bold face is optional: the regular one stands in.
    if (bold.empty() || loadFace({bold, 0}) != 1) m_faces.push_back(nullptr);
    return true;
}

void TextEngine::setSize(Face& face, unsigned size) {
    if (face.size == size) return;
    FT_Set_Pixel_Sizes(face.ft, 0, size);
    hb_ft_font_changed(face.hb);
    face.size = size;
}

int TextEngine::faceFor(char32_t cp, bool bold, int previous) {
    const int primary = bold && m_faces.size() > 1 && m_faces[1] ? 1 : 0;
    auto has = [&](int face) {
        return face >= 0 && m_faces[static_cast<std::size_t>(face)] &&
               FT_Get_Char_Index(m_faces[static_cast<std::size_t>(face)]->ft, cp) != 0;
    };
    // Marks and joiners belong to the character before them; so does shared punctuation after
    // a character from a fallback face (a Japanese "、" stays in the Japanese font).
    if (previous >= 0 && (fonts::drawsNothing(cp) || isMark(cp))) return previous;
    if (previous > 1 && sharedScript(scriptOf(cp)) && has(previous)) return previous;
    if (has(primary) || fonts::drawsNothing(cp)) return primary;
    const std::uint64_t key = (static_cast<std::uint64_t>(cp) << 1) | (bold ? 1u : 0u);
    if (const auto found = m_faceForChar.find(key); found != m_faceForChar.end()) return found->second;
    int face = -1;
    if (!m_system) m_system = std::make_unique<fonts::SystemFonts>();  // only when DejaVu lacks a character
    if (const auto file = m_system->fontFor(cp, bold)) {
        face = loadFace(*file);
        if (!has(face)) face = -1;
    }
    m_faceForChar.emplace(key, face);
    return face;
}

std::string TextEngine::fontFileFor(char32_t cp, bool bold) {
    if (m_faces.empty()) return {};
    const int face = faceFor(cp, bold, -1);
    return face < 0 ? std::string() : m_faces[static_cast<std::size_t>(face)]->file;
}

GlyphImage& TextEngine::image(std::uint32_t faceIndex, std::uint32_t glyph, unsigned size) {
    const std::uint64_t key = (static_cast<std::uint64_t>(faceIndex & 0xFFFF) << 48) |
                              (static_cast<std::uint64_t>(size & 0xFFFF) << 32) | glyph;
    const auto found = m_images.find(key);
    if (found != m_images.end()) return found->second;
    GlyphImage& made = m_images[key];
    Face& face = *m_faces[faceIndex];
    setSize(face, size);
    if (FT_Load_Glyph(face.ft, glyph, kLoadFlags) != 0 || FT_Render_Glyph(face.ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
        return made;
    const FT_Bitmap& bitmap = face.ft->glyph->bitmap;
    made.left = face.ft->glyph->bitmap_left;
    made.top = face.ft->glyph->bitmap_top;
    made.width = static_cast<int>(bitmap.width);
    made.height = static_cast<int>(bitmap.rows);
    made.coverage.resize(static_cast<std::size_t>(made.width) * static_cast<std::size_t>(made.height));
    for (int row = 0; row < made.height; ++row) {
        const unsigned char* line = bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch;
        for (int column = 0; column < made.width; ++column) {
            const std::uint8_t value = bitmap.pixel_mode == FT_PIXEL_MODE_MONO
                                           ? static_cast<std::uint8_t>(((line[column / 8] >> (7 - column % 8)) & 1) ? 255 : 0)
                                           : line[column];
            made.coverage[static_cast<std::size_t>(row * made.width + column)] = value;
        }
    }
    return made;
}

const sf::Texture& TextEngine::upload(GlyphImage& glyph) {
    if (glyph.page < 0) {
        // Shelves of glyphs, one pixel of air around each so smooth sampling never bleeds.
        const unsigned w = static_cast<unsigned>(glyph.width) + 2;
        const unsigned h = static_cast<unsigned>(glyph.height) + 2;
        if (m_pages.empty() || m_shelfX + w > kPageSize) {
            m_shelfX = 0;
            m_shelfY += m_shelfHeight;
            m_shelfHeight = 0;
        }
        if (m_pages.empty() || m_shelfY + h > kPageSize) {
            auto page = std::make_unique<sf::Texture>();
            page->create(kPageSize, kPageSize);
            // Cleared a strip at a time: a whole page of zeros would cost its size again at the peak.
            constexpr unsigned kStrip = 32;
            const std::vector<sf::Uint8> clear(static_cast<std::size_t>(kPageSize) * kStrip * 4, 0);
            for (unsigned y = 0; y < kPageSize; y += kStrip) page->update(clear.data(), kPageSize, kStrip, 0, y);
            page->setSmooth(true);
            m_pages.push_back(std::move(page));
            m_shelfX = 0;
            m_shelfY = 0;
            m_shelfHeight = 0;
        }
        glyph.page = static_cast<int>(m_pages.size()) - 1;
        glyph.u = static_cast<int>(m_shelfX) + 1;
        glyph.v = static_cast<int>(m_shelfY) + 1;
        m_shelfX += w;
        m_shelfHeight = std::max(m_shelfHeight, h);
        if (glyph.width > 0 && glyph.height > 0) {
            std::vector<sf::Uint8> pixels(glyph.coverage.size() * 4, 255);
            for (std::size_t i = 0; i < glyph.coverage.size(); ++i) pixels[i * 4 + 3] = glyph.coverage[i];
            m_pages.back()->update(pixels.data(), static_cast<unsigned>(glyph.width), static_cast<unsigned>(glyph.height),
                                   static_cast<unsigned>(glyph.u), static_cast<unsigned>(glyph.v));
        }
        glyph.coverage = {};
    }
    return *m_pages[static_cast<std::size_t>(glyph.page)];
}

const ShapedLine& TextEngine::shape(std::string_view line, unsigned size, bool bold, bool rightToLeft) {
    Key key{std::string(line), size, bold, rightToLeft};
    if (const auto found = m_lines.find(key); found != m_lines.end()) return found->second;
    if (m_lines.size() >= kMaxLines || m_cachedBytes >= kMaxCachedBytes) {
        m_lines.clear();
        m_cachedBytes = 0;
    }
    m_cachedBytes += line.size();
    ShapedLine& made = m_lines[std::move(key)];
    if (!m_faces.empty() && size > 0) shapeInto(made, line, size, bold, rightToLeft);
    return made;
}

void TextEngine::shapeInto(ShapedLine& out, std::string_view line, unsigned size, bool bold, bool rightToLeft) {
    auto* buffer = static_cast<hb_buffer_t*>(m_buffer);
    // Where each cluster (a byte range shaped together) lies on screen, for the caret stops.
    struct Cluster {
        std::size_t begin = 0, end = 0;
        float left = 0.0f, right = 0.0f;
        bool rightToLeft = false;
    };
    std::vector<Cluster> clusters;
    float pen = 0.0f;
    const int primary = bold && m_faces[1] ? 1 : 0;

    for (const BidiRun& run : visualRuns(line, rightToLeft)) {
        // Split the run where the face or the script changes.
        struct Piece {
            std::size_t begin, end;
            int face;
            hb_script_t script;
        };
        std::vector<Piece> pieces;
        int previousFace = -1;
        hb_script_t script = HB_SCRIPT_COMMON;
        std::size_t i = run.begin;
        while (i < run.end) {
            std::size_t length = model::claimedSequenceLength(static_cast<unsigned char>(line[i]));
            char32_t cp = 0xFFFD;
            if (i + length > run.end) length = 1;
            else if (length == 1) cp = static_cast<unsigned char>(line[i]) < 0x80 ? char32_t{static_cast<unsigned char>(line[i])} : char32_t{0xFFFD};
            else if (!model::decodeSequence(line.substr(i, length), cp)) cp = 0xFFFD, length = 1;
            int face = faceFor(cp, bold, previousFace);
            if (face < 0) face = primary;  // no font has it: the primary face's empty box
            hb_script_t own = scriptOf(cp);
            if (sharedScript(own)) own = script;
            if (pieces.empty() || pieces.back().face != face ||
                (own != pieces.back().script && !sharedScript(pieces.back().script))) {
                pieces.push_back({i, i + length, face, own});
            } else {
                pieces.back().end = i + length;
                if (sharedScript(pieces.back().script)) pieces.back().script = own;
            }
            script = own;
            previousFace = face;
            i += length;
        }
        if (run.rightToLeft) std::reverse(pieces.begin(), pieces.end());

        for (const Piece& piece : pieces) {
            Face& face = *m_faces[static_cast<std::size_t>(piece.face)];
            setSize(face, size);
            hb_buffer_clear_contents(buffer);
            hb_buffer_add_utf8(buffer, line.data(), static_cast<int>(line.size()), static_cast<unsigned>(piece.begin),
                               static_cast<int>(piece.end - piece.begin));
            hb_buffer_set_direction(buffer, run.rightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
            hb_buffer_set_script(buffer, sharedScript(piece.script) ? HB_SCRIPT_LATIN : piece.script);
            hb_buffer_set_language(buffer, hb_language_get_default());
            hb_shape(face.hb, buffer, nullptr, 0);
            unsigned count = 0;
            const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
            const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
            const std::size_t firstCluster = clusters.size();
            for (unsigned g = 0; g < count; ++g) {
                PlacedGlyph placed;
                placed.face = static_cast<std::uint32_t>(piece.face);
                placed.glyph = infos[g].codepoint;
                placed.x = pen + static_cast<float>(positions[g].x_offset) / 64.0f;
                placed.y = static_cast<float>(positions[g].y_offset) / 64.0f;
                const float advance = static_cast<float>(positions[g].x_advance) / 64.0f;
                // No glyph: a box, unless the character draws nothing anyway (a tab, a joiner).
                bool invisible = false;
                if (placed.glyph == 0) {
                    char32_t missing = 0xFFFD;
                    const std::size_t at = infos[g].cluster;
                    const std::size_t length = model::claimedSequenceLength(static_cast<unsigned char>(line[at]));
                    if (at + length <= line.size() && length > 1) model::decodeSequence(line.substr(at, length), missing);
                    else if (length == 1) missing = static_cast<unsigned char>(line[at]);
                    invisible = fonts::drawsNothing(missing);
                    if (!invisible) ++out.placeholders;
                }
                GlyphImage& glyphImage = image(placed.face, placed.glyph, size);
                placed.image = invisible ? &m_nothing : &glyphImage;
                if (!invisible && glyphImage.width > 0 && glyphImage.height > 0) {
                    const float left = std::round(placed.x) + static_cast<float>(glyphImage.left);
                    const float top = -std::round(placed.y) - static_cast<float>(glyphImage.top);
                    const float right = left + static_cast<float>(glyphImage.width);
                    const float bottom = top + static_cast<float>(glyphImage.height);
                    if (!out.hasInk) {
                        out.inkLeft = left, out.inkTop = top, out.inkRight = right, out.inkBottom = bottom;
                        out.hasInk = true;
                    } else {
                        out.inkLeft = std::min(out.inkLeft, left);
                        out.inkTop = std::min(out.inkTop, top);
                        out.inkRight = std::max(out.inkRight, right);
                        out.inkBottom = std::max(out.inkBottom, bottom);
                    }
                }
                out.glyphs.push_back(placed);
                const std::size_t begin = infos[g].cluster;
                if (clusters.size() > firstCluster && clusters.back().begin == begin) {
                    clusters.back().left = std::min(clusters.back().left, pen);
                    clusters.back().right = std::max(clusters.back().right, pen + advance);
                } else {
                    clusters.push_back({begin, 0, pen, pen + advance, run.rightToLeft});
                }
                pen += advance;
            }
            // Each cluster ends where the next one in logical order begins.
            std::vector<std::size_t> starts;
            for (std::size_t c = firstCluster; c < clusters.size(); ++c) starts.push_back(clusters[c].begin);
            std::sort(starts.begin(), starts.end());
            for (std::size_t c = firstCluster; c < clusters.size(); ++c) {
                const auto next = std::upper_bound(starts.begin(), starts.end(), clusters[c].begin);
                clusters[c].end = next == starts.end() ? piece.end : *next;
            }
        }
    }
    out.advance = pen;

    // Caret stops: a boundary at a cluster's start sits on its leading edge (left when the
    // cluster reads left to right); one inside a ligature or conjunct, in proportion.
    const std::vector<std::size_t> stops = graphemeBoundaries(line);
    std::sort(clusters.begin(), clusters.end(), [](const Cluster& a, const Cluster& b) { return a.begin < b.begin; });
    for (const std::size_t stop : stops) {
        float x = rightToLeft ? pen : 0.0f;
        if (!clusters.empty()) {
            if (stop >= line.size()) {
                const Cluster& last = clusters.back();
                x = last.rightToLeft ? last.left : last.right;
            } else {
                auto it = std::upper_bound(clusters.begin(), clusters.end(), stop,
                                           [](std::size_t offset, const Cluster& c) { return offset < c.begin; });
                if (it != clusters.begin()) --it;
                const Cluster& c = *it;
                std::size_t inside = 0, total = 0;
                for (const std::size_t s : stops) {
                    if (s > c.begin && s <= c.end) ++total;
                    if (s > c.begin && s <= stop) ++inside;
                }
                const float fraction = total == 0 ? 0.0f : static_cast<float>(inside) / static_cast<float>(total);
                const float width = c.right - c.left;
                x = c.rightToLeft ? c.right - fraction * width : c.left + fraction * width;
            }
        }
        out.carets.push_back({stop, x});
    }
}

}  // namespace attune::ui::text
