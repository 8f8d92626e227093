// Controls (buttons, text fields) with focus and hover, and the screens' shared key handling.
#include "Screen.hpp"

#include "App.hpp"
#include "TextField.hpp"

#include <attune/model/core/TextOrder.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {
using model::rightToLeft;
namespace {

sf::Color mix(sf::Color a, sf::Color b, float t) {
    auto channel = [t](sf::Uint8 x, sf::Uint8 y) {
        return static_cast<sf::Uint8>(std::lround(static_cast<float>(x) + (static_cast<float>(y) - static_cast<float>(x)) * t));
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b), channel(a.a, b.a)};
}

// A control's colours: by its style, then a text field's, hover and disabled on top.
struct Look {
    sf::Color fill, ink, edge;
    float edgeWidth = 0.0f;
};

Look lookOf(const Control& item, const Palette& p, float border, bool focused, bool hover) {
    Look look{p.surfaceRaised, p.text, p.border, border};
    switch (item.style) {
    case ButtonStyle::Primary:
        look.fill = p.accent;
        look.ink = p.onAccent;
        look.edge = p.accent;
        break;
    case ButtonStyle::Right:
        look.fill = mix(p.surface, p.right, 0.14f);
        look.edge = p.right;
        look.edgeWidth = border * 2.0f;
        break;
    case ButtonStyle::Wrong:
        look.fill = mix(p.surface, p.wrong, 0.14f);
        look.edge = p.wrong;
        look.edgeWidth = border * 2.0f;
        break;
    case ButtonStyle::Quiet:
        look.fill = p.background;
        look.ink = p.textMuted;
        break;
    case ButtonStyle::Normal: break;
    }
    if (item.textField) {
        look.fill = p.surface;
        look.edge = focused ? p.focus : p.border;
    }
    if (hover) look.fill = mix(look.fill, p.text, 0.07f);
    if (!item.enabled) {
        look.fill = mix(look.fill, p.background, 0.6f);
        look.ink = mix(look.ink, p.background, 0.55f);
    }
    return look;
}

// A text field: the typed text (or its placeholder) and, when focused, a blinking caret at
// `caret` (a byte offset), placed over the shaped line: in Arabic or Hebrew the end is at the left.
void drawField(sf::RenderTarget& target, const Ui& ui, const Control& item, const std::string& fieldText, bool focused,
               float caretClock, std::size_t caret) {
    const Palette& p = ui.palette();
    const bool empty = fieldText.empty();
    Rect inner = item.rect.inset(ui.px(14.0f), ui.px(6.0f));
    const TextBlock block = empty ? item.labelBlock : ui.text(fieldText, inner, TextSize::Body, false, Align::Left, true, 0.5f);
    ui.draw(target, block, empty ? p.textMuted : p.text);
    const bool caretOn = !focused ? false : std::fmod(caretClock, 1.0f) < 0.6f;
    if (!caretOn) return;
    float caretX = inner.x;
    float caretY = inner.y + inner.h / 2.0f;
    float caretH = ui.lineHeight(ui.textSize(TextSize::Body));
    if (!empty && !block.runs.empty()) {
        // One line holds the whole text (the usual case): the caret where it stands in it;
        // wrapped or cut, at the end of the last line.
        const bool whole = block.runs.size() == 1 && !block.truncated && block.runs.front().text == fieldText;
        const TextRun& run = whole ? block.runs.front() : block.runs.back();
        const std::size_t offset = whole ? std::min(caret, fieldText.size()) : run.text.size();
        caretX = run.x + ui.caretX(run.text, offset, run.size, run.bold);
        caretY = run.y + run.height / 2.0f;
        caretH = run.height;
        if (offset == run.text.size() && !rightToLeft(run.text)) caretX += ui.px(1.0f);
    } else if (empty && rightToLeft(item.label)) {
        caretX = inner.right();
    }
    caretX = std::clamp(caretX, item.rect.x + ui.px(8.0f), item.rect.right() - ui.px(8.0f));
    ui.box(target, {caretX, caretY - caretH * 0.4f, std::max(2.0f, ui.px(2.0f)), caretH * 0.8f}, p.text, 0.0f);
}

// A button: its icon (a check or a cross for a graded answer), its label and its detail line.
void drawButtonFace(sf::RenderTarget& target, const Ui& ui, const Control& item, sf::Color ink) {
    const Palette& p = ui.palette();
    Icon icon = item.icon;
    sf::Color iconColor = ink;
    if (item.style == ButtonStyle::Right) {
        icon = Icon::Check;
        iconColor = p.right;
    } else if (item.style == ButtonStyle::Wrong) {
        icon = Icon::Cross;
        iconColor = p.wrong;
    }
    if (icon != Icon::None) ui.icon(target, icon, item.iconRect, iconColor);
    ui.draw(target, item.labelBlock, ink);
    if (!item.detailBlock.runs.empty()) ui.draw(target, item.detailBlock, item.style == ButtonStyle::Primary ? ink : p.textMuted);
}

}  // namespace

float buttonHeight(const Ui& ui, bool withDetail) {
    float height = ui.lineHeight(ui.textSize(TextSize::Body)) + ui.px(22.0f);
    if (withDetail) height += ui.lineHeight(ui.textSize(TextSize::Small));
    return std::round(height);
}

Control& Controls::add(Control control, const Ui& ui) {
    Rect inner = control.rect.inset(ui.px(12.0f), ui.px(6.0f));
    const bool hasIcon = control.icon != Icon::None || control.style == ButtonStyle::Right ||
                         control.style == ButtonStyle::Wrong;
    if (control.textField) {
        inner = control.rect.inset(ui.px(14.0f), ui.px(6.0f));
        control.labelBlock = ui.text(control.label, inner, TextSize::Body, false, Align::Left, true);
    } else {
        Rect labelArea = inner;
        if (!control.detail.empty()) {
            const float detailHeight = ui.lineHeight(ui.textSize(TextSize::Small));
            Rect detailArea = labelArea.takeBottom(std::min(detailHeight, labelArea.h / 2.0f));
            control.detailBlock = ui.text(control.detail, detailArea, TextSize::Small, false, Align::Center, true, 0.5f);
        }
        if (hasIcon) {
            const float side = std::min(labelArea.h, ui.lineHeight(ui.textSize(TextSize::Body)));
            // Icon and label centred together when the label is short.
            const float labelWidth = ui.width(control.label, ui.textSize(TextSize::Body), true);
            const float gap = ui.px(8.0f);
            const float total = std::min(labelArea.w, side + gap + labelWidth + 2.0f);  // a hair of room: the label must not wrap
            Rect group = labelArea.centered(total, labelArea.h);
            control.iconRect = group.takeLeft(side, gap).centered(side, side);
            control.labelBlock = ui.text(control.label, group, TextSize::Body, true, Align::Left, true, 0.5f);
        } else {
            control.labelBlock = ui.text(control.label, labelArea, TextSize::Body * control.textScale, !control.plain,
                                         Align::Center, true, 0.5f);
        }
    }
    m_items.push_back(std::move(control));
    return m_items.back();
}

Control* Controls::find(int id) {
    for (auto& item : m_items)
        if (item.id == id) return &item;
    return nullptr;
}

std::optional<int> Controls::focused() const {
    if (!m_focus) return std::nullopt;
    for (const auto& item : m_items)
        if (item.id == *m_focus && item.enabled) return m_focus;
    return std::nullopt;
}

void Controls::moveFocus(int step) {
    std::vector<int> order;
    for (const auto& item : m_items)
        if (item.enabled) order.push_back(item.id);
    if (order.empty()) return;
    const auto current = focused();
    if (!current) {
        m_focus = step > 0 ? order.front() : order.back();
        return;
    }
    const auto at = static_cast<long>(std::find(order.begin(), order.end(), *current) - order.begin());
    const long count = static_cast<long>(order.size());
    m_focus = order[static_cast<std::size_t>(((at + step) % count + count) % count)];
}

std::optional<int> Controls::hit(float x, float y) const {
    for (const auto& item : m_items)
        if (item.enabled && !item.hidden && item.rect.contains(x, y)) return item.id;
    return std::nullopt;
}

void Controls::draw(sf::RenderTarget& target, const Ui& ui, const std::string& fieldText, float caretClock,
                    std::size_t caret) const {
    const Palette& p = ui.palette();
    const float radius = ui.px(12.0f);
    const float border = std::max(1.0f, ui.px(1.5f));
    const auto focus = focused();
    for (const auto& item : m_items) {
        if (item.hidden) continue;
        const bool hover = m_hover && *m_hover == item.id && item.enabled;
        const bool isFocused = focus && *focus == item.id;
        const Look look = lookOf(item, p, border, isFocused, hover);
        ui.box(target, item.rect, look.fill, radius);
        ui.frame(target, item.rect, look.edge, look.edgeWidth, radius);
        if (item.field) item.field->draw(target, ui, item.label, isFocused, caretClock);
        else if (item.textField) drawField(target, ui, item, fieldText, isFocused, caretClock, caret);
        else drawButtonFace(target, ui, item, look.ink);
        if (isFocused) ui.focusRing(target, item.rect, radius);
    }
}

void Screen::onAction(const InputAction& action) {
    if (handleFocusAction(action)) return;
    if (action.action == Action::Back && m_app.depth() > 1) m_app.pop();
}

bool Screen::handleFocusAction(const InputAction& action) {
    switch (action.action) {
    case Action::FocusNext: m_controls.moveFocus(1); return true;
    case Action::FocusPrevious: m_controls.moveFocus(-1); return true;
    case Action::MoveOn:
        if (const auto id = m_controls.focused()) {
            onActivate(*id);
            return true;
        }
        return false;
    default: return false;
    }
}

}  // namespace attune::ui
