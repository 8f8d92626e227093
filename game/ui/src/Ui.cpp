// Drawing primitives and text measuring for the screens (see Ui.hpp).
#include <attune/ui/Ui.hpp>

#include "text/TextEngine.hpp"

#include <attune/model/core/TextOrder.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <utility>

namespace attune::ui {
using model::rightToLeft;
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

Ui::Ui() : m_engine(std::make_unique<text::TextEngine>()) {}
Ui::~Ui() = default;
Ui::Ui(Ui&&) noexcept = default;
Ui& Ui::operator=(Ui&&) noexcept = default;

bool Ui::loadFonts(const std::string& fontsDir, std::string* error) {
    const std::string regular = fontsDir + "/DejaVuSans.ttf";
    const std::string bold = fontsDir + "/DejaVuSans-Bold.ttf";
    std::FILE* probe = std::fopen(regular.c_str(), "rb");
    if (!probe) {
        if (error) *error = "cannot find the font " + regular + " (is the assets folder installed?)";
        return false;
    }
    std::fclose(probe);
    // The bold face is optional: the regular one stands in.
    std::FILE* probeBold = std::fopen(bold.c_str(), "rb");
    if (probeBold) std::fclose(probeBold);
    return m_engine->load(regular, probeBold ? bold : std::string(), error);
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
    const text::ShapedLine& line = m_engine->shape(utf8, size, bold, false);
    // Ink past either end of the pen's path (a 'j' at the start, an 'f' at the end) belongs to the line.
    const float left = line.hasInk ? std::max(0.0f, -line.inkLeft) : 0.0f;
    const float right = line.hasInk ? std::max(0.0f, line.inkRight - line.advance) : 0.0f;
    return std::ceil(line.advance + left + right);
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

float Ui::leftOverhang(const TextRun& run) const {
    const text::ShapedLine& line = m_engine->shape(run.text, run.size, run.bold, run.rightToLeft);
    return line.hasInk ? std::max(0.0f, -line.inkLeft) : 0.0f;
}

sf::Vector2f Ui::textPosition(const TextRun& run) const {
    // The baseline lies one text size below the returned point; shift so the ink (about 0.07
    // em to 1.24 em below it for DejaVu) sits in the middle of the line box.
    const float offset = std::round((run.height - static_cast<float>(run.size) * 1.17f) / 2.0f);
    float x = run.x + leftOverhang(run);
    if (run.rightToLeft) {
        // Measured left to right, drawn in the paragraph's order: the pen's path may differ by
        // a pixel, so the line keeps its right edge where the layout put it.
        const text::ShapedLine& line = m_engine->shape(run.text, run.size, run.bold, true);
        const float right = line.hasInk ? std::max(line.advance, line.inkRight) : line.advance;
        x = std::min(x, run.x + run.width - right);
    }
    return {std::round(x), std::round(run.y + offset)};
}

sf::FloatRect Ui::inkBounds(const TextRun& run) const {
    const text::ShapedLine& line = m_engine->shape(run.text, run.size, run.bold, run.rightToLeft);
    if (!line.hasInk) return {};
    const sf::Vector2f origin = textPosition(run);
    const float baseline = origin.y + static_cast<float>(run.size);
    return {origin.x + line.inkLeft, baseline + line.inkTop, line.inkRight - line.inkLeft, line.inkBottom - line.inkTop};
}

float Ui::caretX(std::string_view line, std::size_t byteOffset, unsigned size, bool bold) const {
    TextRun run{std::string(line), 0.0f, 0.0f, 0.0f, 0.0f, size, bold, rightToLeft(line)};
    run.width = width(line, size, bold);
    const text::ShapedLine& shaped = m_engine->shape(line, size, bold, run.rightToLeft);
    const float origin = textPosition(run).x;
    // The last stop at or before the offset (an offset inside a cluster snaps back to its start).
    float x = shaped.carets.empty() ? 0.0f : shaped.carets.front().x;
    for (const auto& stop : shaped.carets)
        if (stop.offset <= byteOffset) x = stop.x;
    return origin + x;
}

std::size_t Ui::offsetAt(std::string_view line, float x, unsigned size, bool bold) const {
    TextRun run{std::string(line), 0.0f, 0.0f, 0.0f, 0.0f, size, bold, rightToLeft(line)};
    run.width = width(line, size, bold);
    const float origin = textPosition(run).x;
    const text::ShapedLine& shaped = m_engine->shape(line, size, bold, run.rightToLeft);
    std::size_t best = 0;
    float bestDistance = 1e30f;
    for (const auto& stop : shaped.carets) {
        const float distance = std::abs(origin + stop.x - x);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = stop.offset;
        }
    }
    return best;
}

std::size_t Ui::caretMove(std::string_view line, std::size_t byteOffset, int step, unsigned size, bool bold) const {
    const text::ShapedLine& shaped = m_engine->shape(line, size, bold, rightToLeft(line));
    if (shaped.carets.empty() || step == 0) return byteOffset;
    // The stops in screen order (ties, where two runs meet, in logical order); one step along it.
    std::vector<text::CaretStop> onScreen = shaped.carets;
    std::stable_sort(onScreen.begin(), onScreen.end(),
                     [](const text::CaretStop& a, const text::CaretStop& b) { return a.x < b.x; });
    // The stop the caret stands on: the last at or before the offset in logical order.
    std::size_t at = 0;
    bool found = false;
    for (std::size_t i = 0; i < onScreen.size(); ++i) {
        if (onScreen[i].offset <= byteOffset && (!found || onScreen[i].offset > onScreen[at].offset)) {
            at = i;
            found = true;
        }
    }
    const auto target = static_cast<long>(at) + (step < 0 ? -1 : 1);
    if (target < 0 || target >= static_cast<long>(onScreen.size())) return onScreen[at].offset;
    return onScreen[static_cast<std::size_t>(target)].offset;
}

unsigned Ui::takePlaceholderCount() const {
    return std::exchange(m_placeholders, 0u);
}

std::string Ui::fontFileFor(char32_t cp, bool bold) const {
    return m_engine->fontFileFor(cp, bold);
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
        const sf::Vector2f origin = textPosition(run);
        const float baseline = origin.y + static_cast<float>(run.size);
        const text::ShapedLine& line = m_engine->shape(run.text, run.size, run.bold, run.rightToLeft);
        m_placeholders += line.placeholders;
        for (const text::PlacedGlyph& glyph : line.glyphs) {
            text::GlyphImage& image = *glyph.image;
            if (image.width <= 0 || image.height <= 0) continue;
            m_engine->upload(image);
            if (m_glyphs.size() <= static_cast<std::size_t>(image.page)) m_glyphs.resize(static_cast<std::size_t>(image.page) + 1, sf::VertexArray(sf::Triangles));
            sf::VertexArray& quads = m_glyphs[static_cast<std::size_t>(image.page)];
            // One pixel of the atlas's air around the image keeps its smooth edges.
            constexpr float pad = 1.0f;
            const float left = origin.x + std::round(glyph.x) + static_cast<float>(image.left) - pad;
            const float top = baseline - std::round(glyph.y) - static_cast<float>(image.top) - pad;
            const float right = left + static_cast<float>(image.width) + 2.0f * pad;
            const float bottom = top + static_cast<float>(image.height) + 2.0f * pad;
            const float u1 = static_cast<float>(image.u) - pad;
            const float v1 = static_cast<float>(image.v) - pad;
            const float u2 = static_cast<float>(image.u + image.width) + pad;
            const float v2 = static_cast<float>(image.v + image.height) + pad;
            const sf::Vertex a({left, top}, color, {u1, v1});
            const sf::Vertex b({right, top}, color, {u2, v1});
            const sf::Vertex c({right, bottom}, color, {u2, v2});
            const sf::Vertex d({left, bottom}, color, {u1, v2});
            for (const auto& v : {a, b, c, a, c, d}) quads.append(v);
        }
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
    for (std::size_t page = 0; page < m_glyphs.size(); ++page) {
        sf::VertexArray& quads = m_glyphs[page];
        if (quads.getVertexCount() == 0) continue;
        sf::RenderStates states;
        states.texture = &m_engine->page(static_cast<int>(page));
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
