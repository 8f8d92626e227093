// Drawing primitives and text measuring for the screens (see Ui.hpp).
#include <attune/ui/Ui.hpp>

#include <attune/model/core/Utf8.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace attune::ui {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

/// Corner points of a rounded rectangle, clockwise, `segments` per corner.
std::vector<sf::Vector2f> roundedOutline(const Rect& r, float radius, int segments = 6) {
    radius = std::clamp(radius, 0.0f, std::min(r.w, r.h) / 2.0f);
    std::vector<sf::Vector2f> points;
    if (radius < 0.5f) {
        points = {{r.x, r.y}, {r.right(), r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()}};
        return points;
    }
    const sf::Vector2f centres[4] = {{r.right() - radius, r.y + radius},
                                     {r.right() - radius, r.bottom() - radius},
                                     {r.x + radius, r.bottom() - radius},
                                     {r.x + radius, r.y + radius}};
    for (int corner = 0; corner < 4; ++corner) {
        const float start = -kPi / 2.0f + static_cast<float>(corner) * kPi / 2.0f;
        for (int i = 0; i <= segments; ++i) {
            const float a = start + static_cast<float>(i) * (kPi / 2.0f) / static_cast<float>(segments);
            points.emplace_back(centres[corner].x + radius * std::cos(a), centres[corner].y + radius * std::sin(a));
        }
    }
    return points;
}

/// The union of a block's line boxes: where its text lies on the screen.
Rect linesArea(const TextBlock& block) {
    if (block.runs.empty()) return {};
    float left = block.runs.front().x, top = block.runs.front().y;
    float right = left + block.runs.front().width, bottom = top + block.runs.front().height;
    for (const TextRun& run : block.runs) {
        left = std::min(left, run.x);
        top = std::min(top, run.y);
        right = std::max(right, run.x + run.width);
        bottom = std::max(bottom, run.y + run.height);
    }
    return {left, top, right - left, bottom - top};
}

sf::Color withAlpha(sf::Color c, float alpha) {
    c.a = static_cast<sf::Uint8>(std::clamp(alpha, 0.0f, 1.0f) * static_cast<float>(c.a));
    return c;
}

}  // namespace

bool Ui::loadFonts(const std::string& fontsDir, std::string* error) {
    const std::string regular = fontsDir + "/DejaVuSans.ttf";
    const std::string bold = fontsDir + "/DejaVuSans-Bold.ttf";
    // sf::Font prints its own complaint on failure; check first so the message is ours alone.
    std::FILE* probe = std::fopen(regular.c_str(), "rb");
    if (!probe) {
        if (error) *error = "cannot find the font " + regular + " (is the assets folder installed?)";
        return false;
    }
    std::fclose(probe);
    if (!m_regular.loadFromFile(regular)) {
        if (error) *error = "cannot read the font " + regular;
        return false;
    }
    // The bold face is optional: fall back to the regular one.
    std::FILE* probeBold = std::fopen(bold.c_str(), "rb");
    if (probeBold) {
        std::fclose(probeBold);
        if (!m_bold.loadFromFile(bold)) m_bold = m_regular;
    } else {
        m_bold = m_regular;
    }
    return true;
}

void Ui::setFontScale(double scale) {
    m_fontScale = std::clamp(scale, 1.0, 2.0);
}

void Ui::setViewSize(float width, float height) {
    m_width = width;
    m_height = height;
    // Scale with the window, but keep text readable in small windows and sane in huge ones.
    m_unit = std::clamp(std::min(width / 1280.0f, height / 720.0f), 0.72f, 2.5f);
}

unsigned Ui::textSize(float designed) const {
    return static_cast<unsigned>(std::lround(designed * m_unit * static_cast<float>(m_fontScale)));
}

float Ui::width(std::string_view utf8, unsigned size, bool bold) const {
    const sf::Font& font = bold ? m_bold : m_regular;
    float total = 0.0f;
    sf::Uint32 previous = 0;
    float rightOverhang = 0.0f;
    for (const char32_t cp : utf8Decode(utf8)) {
        const auto code = static_cast<sf::Uint32>(cp);
        if (previous != 0) total += font.getKerning(previous, code, size);
        const sf::Glyph& glyph = font.getGlyph(code, size, false);
        total += glyph.advance;
        // Ink past the advance of the last glyph (e.g. a final 'f') still belongs to the line.
        rightOverhang = std::max(0.0f, glyph.bounds.left + glyph.bounds.width - glyph.advance);
        previous = code;
    }
    return std::ceil(total + leftOverhang(utf8, size, bold) + rightOverhang);
}

float Ui::caretX(std::string_view utf8, std::size_t offset, unsigned size, bool bold) const {
    const sf::Font& font = bold ? m_bold : m_regular;
    float x = leftOverhang(utf8, size, bold);
    sf::Uint32 previous = 0;
    const std::string_view before = utf8.substr(0, std::min(offset, utf8.size()));
    for (const char32_t cp : utf8Decode(before)) {
        const auto code = static_cast<sf::Uint32>(cp);
        if (previous != 0) x += font.getKerning(previous, code, size);
        x += font.getGlyph(code, size, false).advance;
        previous = code;
    }
    return x;
}

std::size_t Ui::offsetAt(std::string_view utf8, float x, unsigned size, bool bold) const {
    const sf::Font& font = bold ? m_bold : m_regular;
    float at = leftOverhang(utf8, size, bold);
    sf::Uint32 previous = 0;
    std::size_t offset = 0;
    while (offset < utf8.size()) {
        std::size_t length = 1;
        while (offset + length < utf8.size() && model::isContinuationByte(utf8[offset + length])) ++length;
        const std::u32string decoded = utf8Decode(utf8.substr(offset, length));
        const auto code = static_cast<sf::Uint32>(decoded.empty() ? U'?' : decoded.front());
        float advance = font.getGlyph(code, size, false).advance;
        if (previous != 0) advance += font.getKerning(previous, code, size);
        if (x < at + advance / 2.0f) return offset;
        at += advance;
        offset += length;
        previous = code;
    }
    return utf8.size();
}

float Ui::lineHeight(unsigned size) const {
    // DejaVu's ink reaches about 0.93 em above and 0.24 em below the baseline (accents,
    // descenders); 1.32 em holds both with a little air.
    return std::ceil(static_cast<float>(size) * 1.32f);
}

TextBlock Ui::text(std::string_view utf8, const Rect& box, float designedSize, bool bold, Align align,
                   bool centerVertically, float minFraction) const {
    TextStyle style;
    style.size = std::max(1u, textSize(designedSize));
    style.bold = bold;
    style.align = align;
    style.centerVertically = centerVertically;
    style.minSize = std::min(style.size, std::max(minimumTextSize(), static_cast<unsigned>(static_cast<float>(style.size) * minFraction)));
    return layoutText(*this, utf8, box, style);
}

float Ui::textHeight(std::string_view utf8, float width, float designedSize, bool bold) const {
    return wrappedHeight(*this, utf8, std::max(1u, textSize(designedSize)), bold, width);
}

float Ui::leftOverhang(std::string_view utf8, unsigned size, bool bold) const {
    // Glyphs like 'j' reach left of their origin: the line makes room for that ink.
    const std::u32string decoded = utf8Decode(utf8.substr(0, std::min<std::size_t>(utf8.size(), 4)));
    if (decoded.empty()) return 0.0f;
    const sf::Glyph& glyph = (bold ? m_bold : m_regular).getGlyph(static_cast<sf::Uint32>(decoded.front()), size, false);
    return std::max(0.0f, -glyph.bounds.left);
}

sf::Vector2f Ui::textPosition(const TextRun& run) const {
    // sf::Text puts the first baseline one character size below its origin; shift so the ink
    // (about 0.07 em to 1.24 em below the origin for DejaVu) sits in the middle of the line box.
    const float offset = std::round((run.height - static_cast<float>(run.size) * 1.17f) / 2.0f);
    return {std::round(run.x + leftOverhang(run.text, run.size, run.bold)), std::round(run.y + offset)};
}

template <typename Visit>
void Ui::forEachGlyph(const TextRun& run, Visit&& visit) const {
    const sf::Font& font = run.bold ? m_bold : m_regular;
    const sf::Vector2f origin = textPosition(run);
    float x = origin.x;
    const float baseline = origin.y + static_cast<float>(run.size);
    sf::Uint32 previous = 0;
    for (const char32_t cp : utf8Decode(run.text)) {
        const auto code = static_cast<sf::Uint32>(cp);
        if (previous != 0) x += font.getKerning(previous, code, run.size);
        const sf::Glyph& glyph = font.getGlyph(code, run.size, false);
        if (cp != U' ' && cp != U'\t') visit(glyph, x, baseline);
        x += glyph.advance;
        previous = code;
    }
}

sf::FloatRect Ui::inkBounds(const TextRun& run) const {
    float left = 1e9f, top = 1e9f, right = -1e9f, bottom = -1e9f;
    forEachGlyph(run, [&](const sf::Glyph& glyph, float x, float baseline) {
        if (glyph.bounds.width <= 0.0f || glyph.bounds.height <= 0.0f) return;
        left = std::min(left, x + glyph.bounds.left);
        top = std::min(top, baseline + glyph.bounds.top);
        right = std::max(right, x + glyph.bounds.left + glyph.bounds.width);
        bottom = std::max(bottom, baseline + glyph.bounds.top + glyph.bounds.height);
    });
    if (right < left) return {};
    return {left, top, right - left, bottom - top};
}

Rect Ui::inkArea(const TextBlock& block) const {
    float left = 1e9f, top = 1e9f, right = -1e9f, bottom = -1e9f;
    for (const TextRun& run : block.runs) {
        const sf::FloatRect ink = inkBounds(run);
        if (ink.width <= 0.0f || ink.height <= 0.0f) continue;
        left = std::min(left, ink.left);
        top = std::min(top, ink.top);
        right = std::max(right, ink.left + ink.width);
        bottom = std::max(bottom, ink.top + ink.height);
    }
    if (right < left) return {};
    return {left, top, right - left, bottom - top};
}

void Ui::draw(sf::RenderTarget&, const TextBlock& block, sf::Color color) const {
    if (m_record != nullptr && (!block.runs.empty() || block.truncated)) {
        DrawnText drawn{block.whole, block.size, block.truncated, block.box, linesArea(block), inkArea(block)};
        if (!block.truncated)
            for (const auto& run : block.runs) drawn.text += (drawn.text.empty() ? "" : " ") + run.text;
        m_record->push_back(std::move(drawn));
    }
    for (const auto& run : block.runs) {
        sf::VertexArray& quads = m_glyphs[{run.bold, run.size}];
        quads.setPrimitiveType(sf::Triangles);
        forEachGlyph(run, [&](const sf::Glyph& glyph, float x, float baseline) {
            // One pixel of padding keeps the smooth edges of the glyph bitmap.
            constexpr float pad = 1.0f;
            const float left = x + glyph.bounds.left - pad;
            const float top = baseline + glyph.bounds.top - pad;
            const float right = x + glyph.bounds.left + glyph.bounds.width + pad;
            const float bottom = baseline + glyph.bounds.top + glyph.bounds.height + pad;
            const auto& t = glyph.textureRect;
            const float u1 = static_cast<float>(t.left) - pad;
            const float v1 = static_cast<float>(t.top) - pad;
            const float u2 = static_cast<float>(t.left + t.width) + pad;
            const float v2 = static_cast<float>(t.top + t.height) + pad;
            const sf::Vertex a({left, top}, color, {u1, v1});
            const sf::Vertex b({right, top}, color, {u2, v1});
            const sf::Vertex c({right, bottom}, color, {u2, v2});
            const sf::Vertex d({left, bottom}, color, {u1, v2});
            for (const auto& v : {a, b, c, a, c, d}) quads.append(v);
        });
    }
}

void Ui::flush(sf::RenderTarget& target) const {
    // Every shape of the layer in one draw call, then every glyph of one face and size in one
    // more: software GL pays per draw call and per blended pixel, so this keeps frames short.
    if (m_shapes.getVertexCount() > 0) {
        sf::RenderStates states;
        if (!m_translucentShapes) states.blendMode = sf::BlendNone;  // opaque: no read-back
        target.draw(m_shapes, states);
        m_shapes.clear();
        m_translucentShapes = false;
    }
    // Pictures lie on their card's panel and under any text.
    for (const auto& [texture, rect] : m_pictures) {
        sf::VertexArray quad(sf::TriangleStrip, 4);
        const auto size = sf::Vector2f(texture->getSize());
        quad[0] = sf::Vertex({rect.x, rect.y}, {0.0f, 0.0f});
        quad[1] = sf::Vertex({rect.right(), rect.y}, {size.x, 0.0f});
        quad[2] = sf::Vertex({rect.x, rect.bottom()}, {0.0f, size.y});
        quad[3] = sf::Vertex({rect.right(), rect.bottom()}, size);
        sf::RenderStates states;
        states.texture = texture;
        target.draw(quad, states);
    }
    m_pictures.clear();
    for (auto& [key, quads] : m_glyphs) {
        if (quads.getVertexCount() == 0) continue;
        sf::RenderStates states;
        states.texture = &(key.first ? m_bold : m_regular).getTexture(key.second);
        target.draw(quads, states);
        quads.clear();
    }
}

void Ui::triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color color) const {
    if (color.a == 0) return;
    if (color.a < 255) m_translucentShapes = true;
    m_shapes.append(sf::Vertex(a, color));
    m_shapes.append(sf::Vertex(b, color));
    m_shapes.append(sf::Vertex(c, color));
}

void Ui::box(sf::RenderTarget&, const Rect& rect, sf::Color fill, float radius) const {
    if (rect.w <= 0.0f || rect.h <= 0.0f) return;
    // Compact triangles (a cross of three rectangles and four corner fans) rasterise much
    // faster on software GL than one fan of long thin slivers from the centre.
    const float r = std::clamp(radius, 0.0f, std::min(rect.w, rect.h) / 2.0f);
    auto quad = [&](float x, float y, float w, float h) {
        if (w <= 0.0f || h <= 0.0f) return;
        const sf::Vector2f a{x, y}, b{x + w, y}, c{x + w, y + h}, d{x, y + h};
        triangle(a, b, c, fill);
        triangle(a, c, d, fill);
    };
    quad(rect.x + r, rect.y, rect.w - 2.0f * r, rect.h);
    quad(rect.x, rect.y + r, r, rect.h - 2.0f * r);
    quad(rect.right() - r, rect.y + r, r, rect.h - 2.0f * r);
    if (r >= 0.5f) {
        constexpr int kSegments = 6;
        const sf::Vector2f centres[4] = {{rect.right() - r, rect.y + r},
                                         {rect.right() - r, rect.bottom() - r},
                                         {rect.x + r, rect.bottom() - r},
                                         {rect.x + r, rect.y + r}};
        for (int corner = 0; corner < 4; ++corner) {
            const float start = -kPi / 2.0f + static_cast<float>(corner) * kPi / 2.0f;
            for (int i = 0; i < kSegments; ++i) {
                const float a0 = start + static_cast<float>(i) * (kPi / 2.0f) / kSegments;
                const float a1 = start + static_cast<float>(i + 1) * (kPi / 2.0f) / kSegments;
                const sf::Vector2f c = centres[corner];
                triangle(c, {c.x + r * std::cos(a0), c.y + r * std::sin(a0)}, {c.x + r * std::cos(a1), c.y + r * std::sin(a1)},
                         fill);
            }
        }
    }
}

void Ui::frame(sf::RenderTarget& target, const Rect& rect, sf::Color color, float thickness, float radius) const {
    if (rect.w <= 0.0f || rect.h <= 0.0f || thickness <= 0.0f) return;
    const auto outer = roundedOutline(rect, radius);
    const auto inner = roundedOutline(rect.inset(thickness), std::max(0.0f, radius - thickness));
    if (outer.size() != inner.size()) {
        // Tiny radius on one of them: fall back to four bars.
        box(target, {rect.x, rect.y, rect.w, thickness}, color, 0.0f);
        box(target, {rect.x, rect.bottom() - thickness, rect.w, thickness}, color, 0.0f);
        box(target, {rect.x, rect.y, thickness, rect.h}, color, 0.0f);
        box(target, {rect.right() - thickness, rect.y, thickness, rect.h}, color, 0.0f);
        return;
    }
    for (std::size_t i = 0; i < outer.size(); ++i) {
        const std::size_t k = (i + 1) % outer.size();
        triangle(outer[i], outer[k], inner[k], color);
        triangle(outer[i], inner[k], inner[i], color);
    }
}

void Ui::panel(sf::RenderTarget& target, const Rect& rect) const {
    const float radius = px(14.0f);
    if (m_palette.shadow.a > 0) {
        // Only the part that shows below the panel is drawn (blending a whole panel-sized
        // shadow is costly on software GL).
        const float drop = std::max(1.0f, px(3.0f));
        Rect shadow{rect.x - px(1.0f), rect.bottom() - radius * 2.0f + drop, rect.w + px(2.0f), radius * 2.0f};
        // Pre-blended onto the background so the whole layer stays opaque (no read-back).
        const sf::Color& b = m_palette.background;
        const sf::Color& c = m_palette.shadow;
        const float a = static_cast<float>(c.a) / 255.0f;
        auto blend = [a](sf::Uint8 under, sf::Uint8 over) {
            return static_cast<sf::Uint8>(std::lround(static_cast<float>(under) * (1.0f - a) + static_cast<float>(over) * a));
        };
        box(target, shadow, sf::Color(blend(b.r, c.r), blend(b.g, c.g), blend(b.b, c.b)), radius + px(1.0f));
    }
    box(target, rect, m_palette.surface, radius);
    frame(target, rect, m_palette.border, std::max(1.0f, px(1.0f)), radius);
}

void Ui::focusRing(sf::RenderTarget& target, const Rect& rect, float radius) const {
    const float gap = std::max(2.0f, px(3.0f));
    const float thickness = std::max(2.0f, px(3.0f));
    frame(target, rect.inset(-(gap + thickness)), m_palette.focus, thickness, radius + gap + thickness);
}

void Ui::bar(sf::RenderTarget& target, const Rect& rect, double fraction, sf::Color fill) const {
    const float radius = rect.h / 2.0f;
    box(target, rect, m_palette.track, radius);
    const auto f = static_cast<float>(std::clamp(fraction, 0.0, 1.0));
    if (f <= 0.0f) return;
    Rect filled = rect;
    filled.w = std::max(rect.h, rect.w * f);
    box(target, filled, fill, radius);
}

void Ui::ring(sf::RenderTarget&, float cx, float cy, float radius, float thickness, double fraction,
              sf::Color fill) const {
    const auto f = static_cast<float>(std::clamp(fraction, 0.0, 1.0));
    constexpr int kSegments = 72;
    auto arc = [&](float from, float to, sf::Color color) {
        const int steps = std::max(1, static_cast<int>(std::ceil(static_cast<float>(kSegments) * (to - from))));
        sf::Vector2f outerPrev, innerPrev;
        for (int i = 0; i <= steps; ++i) {
            const float t = from + (to - from) * static_cast<float>(i) / static_cast<float>(steps);
            const float a = -kPi / 2.0f + t * 2.0f * kPi;
            const float c = std::cos(a);
            const float s = std::sin(a);
            const sf::Vector2f outerNow{cx + c * radius, cy + s * radius};
            const sf::Vector2f innerNow{cx + c * (radius - thickness), cy + s * (radius - thickness)};
            if (i > 0) {
                triangle(outerPrev, outerNow, innerNow, color);
                triangle(outerPrev, innerNow, innerPrev, color);
            }
            outerPrev = outerNow;
            innerPrev = innerNow;
        }
    };
    arc(0.0f, 1.0f, m_palette.track);
    if (f > 0.0f) arc(0.0f, f, fill);
}

void Ui::line(float x1, float y1, float x2, float y2, float thickness, sf::Color color) const {
    const float dx = x2 - x1;
    const float dy = y2 - y1;
    const float length = std::max(0.001f, std::sqrt(dx * dx + dy * dy));
    const float nx = -dy / length * thickness / 2.0f;
    const float ny = dx / length * thickness / 2.0f;
    // Extend the ends by half the thickness so joined strokes meet without notches.
    const float ex = dx / length * thickness / 2.0f;
    const float ey = dy / length * thickness / 2.0f;
    const sf::Vector2f a{x1 - ex + nx, y1 - ey + ny}, b{x2 + ex + nx, y2 + ey + ny};
    const sf::Vector2f c{x2 + ex - nx, y2 + ey - ny}, d{x1 - ex - nx, y1 - ey - ny};
    triangle(a, b, c, color);
    triangle(a, c, d, color);
}

void Ui::icon(sf::RenderTarget& target, Icon which, const Rect& rect, sf::Color color) const {
    const float s = std::min(rect.w, rect.h);
    const float x = rect.x + (rect.w - s) / 2.0f;
    const float y = rect.y + (rect.h - s) / 2.0f;
    const float t = std::max(2.0f, s * 0.14f);
    switch (which) {
    case Icon::Check:
        line(x + s * 0.18f, y + s * 0.55f, x + s * 0.42f, y + s * 0.78f, t, color);
        line(x + s * 0.42f, y + s * 0.78f, x + s * 0.84f, y + s * 0.24f, t, color);
        break;
    case Icon::Cross:
        line(x + s * 0.24f, y + s * 0.24f, x + s * 0.76f, y + s * 0.76f, t, color);
        line(x + s * 0.76f, y + s * 0.24f, x + s * 0.24f, y + s * 0.76f, t, color);
        break;
    case Icon::Snowflake:
        for (int i = 0; i < 3; ++i) {
            const float a = static_cast<float>(i) * kPi / 3.0f + kPi / 2.0f;
            const float cx = x + s / 2.0f;
            const float cy = y + s / 2.0f;
            const float r = s * 0.42f;
            line(cx - std::cos(a) * r, cy - std::sin(a) * r, cx + std::cos(a) * r, cy + std::sin(a) * r,
                 t * 0.7f, color);
        }
        break;
    case Icon::Back:
        line(x + s * 0.2f, y + s * 0.5f, x + s * 0.82f, y + s * 0.5f, t, color);
        line(x + s * 0.2f, y + s * 0.5f, x + s * 0.45f, y + s * 0.25f, t, color);
        line(x + s * 0.2f, y + s * 0.5f, x + s * 0.45f, y + s * 0.75f, t, color);
        break;
    case Icon::Undo:
        line(x + s * 0.25f, y + s * 0.4f, x + s * 0.7f, y + s * 0.4f, t, color);
        line(x + s * 0.7f, y + s * 0.4f, x + s * 0.7f, y + s * 0.75f, t, color);
        line(x + s * 0.25f, y + s * 0.4f, x + s * 0.42f, y + s * 0.23f, t, color);
        line(x + s * 0.25f, y + s * 0.4f, x + s * 0.42f, y + s * 0.57f, t, color);
        break;
    case Icon::Star: {
        // Concave: triangles from the centre to each pair of neighbouring points.
        sf::Vector2f points[10];
        for (std::size_t i = 0; i < 10; ++i) {
            const float a = -kPi / 2.0f + static_cast<float>(i) * kPi / 5.0f;
            const float r = (i % 2 == 0) ? s * 0.48f : s * 0.2f;
            points[i] = {x + s / 2.0f + std::cos(a) * r, y + s * 0.53f + std::sin(a) * r};
        }
        const sf::Vector2f centre{x + s / 2.0f, y + s * 0.53f};
        for (std::size_t i = 0; i < 10; ++i) triangle(centre, points[i], points[(i + 1) % 10], color);
        return;
    }
    case Icon::Flame: flame(target, rect, true, 0.0f); return;
    case Icon::None: return;
    }
}

void Ui::flame(sf::RenderTarget&, const Rect& rect, bool lit, float flicker) const {
    const float h = std::min(rect.h, rect.w * 1.35f);
    const float w = h / 1.35f;
    const float cx = rect.x + rect.w / 2.0f;
    const float bottom = rect.y + (rect.h + h) / 2.0f;
    const float motion = m_reducedMotion ? 0.0f : 1.0f;
    auto teardrop = [&](float width, float height, float sway, sf::Color color) {
        // A circle for the belly and a curved taper to a tip that sways a little.
        const float r = width / 2.0f;
        const float belly = bottom - r;
        const sf::Vector2f centre{cx, belly};
        sf::Vector2f previous;
        constexpr int kSteps = 28;
        for (int i = 0; i <= kSteps; ++i) {
            const float a = static_cast<float>(i) / static_cast<float>(kSteps) * 2.0f * kPi;
            const float sx = std::sin(a);
            const float cy = std::cos(a);
            sf::Vector2f point;
            if (cy >= 0.0f) {  // lower half: round
                point = {cx + sx * r, belly + cy * r};
            } else {           // upper half: stretched to the tip, leaning with the sway
                const float lift = -cy;
                const float taper = 1.0f - 0.35f * lift;
                point = {cx + sx * r * taper + sway * lift * lift, belly - lift * (height - r)};
            }
            if (i > 0) triangle(centre, previous, point, color);
            previous = point;
        }
    };
    const float sway = motion * std::sin(flicker * 3.1f) * w * 0.06f;
    const float breathe = 1.0f + motion * 0.03f * std::sin(flicker * 5.3f);
    const sf::Color outer = lit ? m_palette.flame : m_palette.track;
    const sf::Color inner = lit ? m_palette.flameCore : withAlpha(m_palette.textMuted, 0.35f);
    teardrop(w, h * breathe, sway, outer);
    teardrop(w * 0.52f, h * 0.55f * breathe, sway * 1.4f, inner);
}

std::optional<sf::Vector2f> Ui::pictureSize(const std::string& file) const {
    auto found = m_textures.find(file);
    if (found == m_textures.end()) {
        auto texture = std::make_unique<sf::Texture>();
        // SFML reads PNG, JPEG, BMP and GIF (its first frame); anything else, or a file gone, fails here.
        if (texture->loadFromFile(file)) texture->setSmooth(true);
        else texture.reset();
        found = m_textures.emplace(file, std::move(texture)).first;
    }
    if (!found->second) return std::nullopt;
    return sf::Vector2f(found->second->getSize());
}

void Ui::picture(sf::RenderTarget& target, const std::string& file, const Rect& area, const std::string& alt) const {
    if (area.w <= 0.0f || area.h <= 0.0f) return;
    const auto size = pictureSize(file);
    DrawnPicture drawn{file, area, area, 0.0f, 0.0f, !size.has_value()};
    if (size) {
        // Never blown up past twice the layout unit: a small diagram stays crisp.
        drawn.drawn = fitPicture(area, size->x, size->y, px(2.0f));
        drawn.width = size->x;
        drawn.height = size->y;
        m_pictures.emplace_back(m_textures.at(file).get(), drawn.drawn);
    } else {
        frame(target, area, m_palette.textMuted, std::max(1.0f, px(1.5f)), px(8.0f));
        draw(target, text(alt.empty() ? "Picture missing" : "Picture: " + alt, area.inset(px(10.0f)), TextSize::Small,
                          false, Align::Center, true, 0.5f),
             m_palette.textMuted);
    }
    if (m_pictureRecord != nullptr) m_pictureRecord->push_back(std::move(drawn));
}

}  // namespace attune::ui
