// Drawing primitives and text measuring for the screens (see Ui.hpp).
#include <attune/ui/Ui.hpp>

#include <SFML/Graphics/ConvexShape.hpp>

#include <algorithm>
#include <cstdio>
#include <cmath>
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
    m_textCache.clear();
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
    style.minSize = std::max(8u, static_cast<unsigned>(static_cast<float>(style.size) * minFraction));
    return layoutText(*this, utf8, box, style);
}

float Ui::textHeight(std::string_view utf8, float width, float designedSize, bool bold) const {
    return wrappedHeight(*this, utf8, std::max(1u, textSize(designedSize)), bold, width);
}

sf::Text& Ui::cachedText(const TextRun& run) const {
    if (m_textCache.size() > 4000) m_textCache.clear();
    std::string key = run.text;
    key += '\x1F';
    key += std::to_string(run.size);
    key += run.bold ? 'b' : 'r';
    auto found = m_textCache.find(key);
    if (found == m_textCache.end()) {
        const std::u32string decoded = utf8Decode(run.text);
        sf::String string;
        for (const char32_t cp : decoded) string += static_cast<sf::Uint32>(cp);
        found = m_textCache.emplace(key, sf::Text(string, run.bold ? m_bold : m_regular, run.size)).first;
    }
    return found->second;
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

void Ui::draw(sf::RenderTarget& target, const TextBlock& block, sf::Color color) const {
    for (const auto& run : block.runs) {
        sf::Text& text = cachedText(run);
        text.setFillColor(color);
        text.setPosition(textPosition(run));
        target.draw(text);
    }
}

void Ui::box(sf::RenderTarget& target, const Rect& rect, sf::Color fill, float radius) const {
    if (rect.w <= 0.0f || rect.h <= 0.0f) return;
    const auto points = roundedOutline(rect, radius);
    sf::VertexArray fan(sf::TriangleFan, points.size() + 2);
    fan[0] = sf::Vertex({rect.x + rect.w / 2.0f, rect.y + rect.h / 2.0f}, fill);
    for (std::size_t i = 0; i < points.size(); ++i) fan[i + 1] = sf::Vertex(points[i], fill);
    fan[points.size() + 1] = sf::Vertex(points.front(), fill);
    target.draw(fan);
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
    sf::VertexArray strip(sf::TriangleStrip, outer.size() * 2 + 2);
    for (std::size_t i = 0; i <= outer.size(); ++i) {
        const std::size_t k = i % outer.size();
        strip[2 * i] = sf::Vertex(outer[k], color);
        strip[2 * i + 1] = sf::Vertex(inner[k], color);
    }
    target.draw(strip);
}

void Ui::panel(sf::RenderTarget& target, const Rect& rect) const {
    const float radius = px(14.0f);
    if (m_palette.shadow.a > 0) {
        Rect shadow = rect;
        shadow.y += px(3.0f);
        box(target, shadow.inset(-px(1.0f)), m_palette.shadow, radius + px(1.0f));
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

void Ui::ring(sf::RenderTarget& target, float cx, float cy, float radius, float thickness, double fraction,
              sf::Color fill) const {
    const auto f = static_cast<float>(std::clamp(fraction, 0.0, 1.0));
    constexpr int kSegments = 72;
    auto arc = [&](float from, float to, sf::Color color) {
        const int steps = std::max(1, static_cast<int>(std::ceil(static_cast<float>(kSegments) * (to - from))));
        sf::VertexArray strip(sf::TriangleStrip, static_cast<std::size_t>(steps + 1) * 2);
        for (int i = 0; i <= steps; ++i) {
            const float t = from + (to - from) * static_cast<float>(i) / static_cast<float>(steps);
            const float a = -kPi / 2.0f + t * 2.0f * kPi;
            const float c = std::cos(a);
            const float s = std::sin(a);
            strip[static_cast<std::size_t>(2 * i)] = sf::Vertex({cx + c * radius, cy + s * radius}, color);
            strip[static_cast<std::size_t>(2 * i + 1)] =
                sf::Vertex({cx + c * (radius - thickness), cy + s * (radius - thickness)}, color);
        }
        target.draw(strip);
    };
    arc(0.0f, 1.0f, m_palette.track);
    if (f > 0.0f) arc(0.0f, f, fill);
}

void Ui::line(sf::VertexArray& out, float x1, float y1, float x2, float y2, float thickness, sf::Color color) const {
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
    for (const auto& p : {a, b, c, a, c, d}) out.append(sf::Vertex(p, color));
}

void Ui::icon(sf::RenderTarget& target, Icon which, const Rect& rect, sf::Color color) const {
    const float s = std::min(rect.w, rect.h);
    const float x = rect.x + (rect.w - s) / 2.0f;
    const float y = rect.y + (rect.h - s) / 2.0f;
    const float t = std::max(2.0f, s * 0.14f);
    sf::VertexArray shape(sf::Triangles);
    switch (which) {
    case Icon::Check:
        line(shape, x + s * 0.18f, y + s * 0.55f, x + s * 0.42f, y + s * 0.78f, t, color);
        line(shape, x + s * 0.42f, y + s * 0.78f, x + s * 0.84f, y + s * 0.24f, t, color);
        break;
    case Icon::Cross:
        line(shape, x + s * 0.24f, y + s * 0.24f, x + s * 0.76f, y + s * 0.76f, t, color);
        line(shape, x + s * 0.76f, y + s * 0.24f, x + s * 0.24f, y + s * 0.76f, t, color);
        break;
    case Icon::Snowflake:
        for (int i = 0; i < 3; ++i) {
            const float a = static_cast<float>(i) * kPi / 3.0f + kPi / 2.0f;
            const float cx = x + s / 2.0f;
            const float cy = y + s / 2.0f;
            const float r = s * 0.42f;
            line(shape, cx - std::cos(a) * r, cy - std::sin(a) * r, cx + std::cos(a) * r, cy + std::sin(a) * r,
                 t * 0.7f, color);
        }
        break;
    case Icon::Back:
        line(shape, x + s * 0.2f, y + s * 0.5f, x + s * 0.82f, y + s * 0.5f, t, color);
        line(shape, x + s * 0.2f, y + s * 0.5f, x + s * 0.45f, y + s * 0.25f, t, color);
        line(shape, x + s * 0.2f, y + s * 0.5f, x + s * 0.45f, y + s * 0.75f, t, color);
        break;
    case Icon::Undo:
        line(shape, x + s * 0.25f, y + s * 0.4f, x + s * 0.7f, y + s * 0.4f, t, color);
        line(shape, x + s * 0.7f, y + s * 0.4f, x + s * 0.7f, y + s * 0.75f, t, color);
        line(shape, x + s * 0.25f, y + s * 0.4f, x + s * 0.42f, y + s * 0.23f, t, color);
        line(shape, x + s * 0.25f, y + s * 0.4f, x + s * 0.42f, y + s * 0.57f, t, color);
        break;
    case Icon::Star: {
        sf::ConvexShape star(10);
        for (std::size_t i = 0; i < 10; ++i) {
            const float a = -kPi / 2.0f + static_cast<float>(i) * kPi / 5.0f;
            const float r = (i % 2 == 0) ? s * 0.48f : s * 0.2f;
            star.setPoint(i, {x + s / 2.0f + std::cos(a) * r, y + s * 0.53f + std::sin(a) * r});
        }
        // Concave: draw as a fan from the centre instead of a convex shape.
        sf::VertexArray fan(sf::TriangleFan);
        fan.append(sf::Vertex({x + s / 2.0f, y + s * 0.53f}, color));
        for (std::size_t i = 0; i <= 10; ++i) fan.append(sf::Vertex(star.getPoint(i % 10), color));
        target.draw(fan);
        return;
    }
    case Icon::Flame: flame(target, rect, true, 0.0f); return;
    case Icon::None: return;
    }
    target.draw(shape);
}

void Ui::flame(sf::RenderTarget& target, const Rect& rect, bool lit, float flicker) const {
    const float h = std::min(rect.h, rect.w * 1.35f);
    const float w = h / 1.35f;
    const float cx = rect.x + rect.w / 2.0f;
    const float bottom = rect.y + (rect.h + h) / 2.0f;
    const float motion = m_reducedMotion ? 0.0f : 1.0f;
    auto teardrop = [&](float width, float height, float sway, sf::Color color) {
        // A circle for the belly and a curved taper to a tip that sways a little.
        const float r = width / 2.0f;
        const float belly = bottom - r;
        sf::VertexArray fan(sf::TriangleFan);
        fan.append(sf::Vertex({cx, belly}, color));
        constexpr int kSteps = 28;
        for (int i = 0; i <= kSteps; ++i) {
            const float a = static_cast<float>(i) / static_cast<float>(kSteps) * 2.0f * kPi;
            const float sx = std::sin(a);
            const float cy = std::cos(a);
            if (cy >= 0.0f) {  // lower half: round
                fan.append(sf::Vertex({cx + sx * r, belly + cy * r}, color));
            } else {           // upper half: stretched to the tip, leaning with the sway
                const float lift = -cy;
                const float taper = 1.0f - 0.35f * lift;
                fan.append(sf::Vertex({cx + sx * r * taper + sway * lift * lift,
                                       belly - lift * (height - r)},
                                      color));
            }
        }
        target.draw(fan);
    };
    const float sway = motion * std::sin(flicker * 3.1f) * w * 0.06f;
    const float breathe = 1.0f + motion * 0.03f * std::sin(flicker * 5.3f);
    const sf::Color outer = lit ? m_palette.flame : m_palette.track;
    const sf::Color inner = lit ? m_palette.flameCore : withAlpha(m_palette.textMuted, 0.35f);
    teardrop(w, h * breathe, sway, outer);
    teardrop(w * 0.52f, h * 0.55f * breathe, sway * 1.4f, inner);
}

}  // namespace attune::ui
