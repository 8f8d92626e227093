// Controls (buttons, text fields) with focus and hover, and the screens' shared key handling.
#include "Screen.hpp"

#include "App.hpp"

#include <algorithm>
#include <cmath>

namespace attune::ui {
namespace {

sf::Color mix(sf::Color a, sf::Color b, float t) {
    auto channel = [t](sf::Uint8 x, sf::Uint8 y) {
        return static_cast<sf::Uint8>(std::lround(static_cast<float>(x) + (static_cast<float>(y) - static_cast<float>(x)) * t));
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b), channel(a.a, b.a)};
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
            const float total = std::min(labelArea.w, side + gap + labelWidth);
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

void Controls::draw(sf::RenderTarget& target, const Ui& ui, const std::string& fieldText, float caretClock) const {
    const Palette& p = ui.palette();
    const float radius = ui.px(12.0f);
    const float border = std::max(1.0f, ui.px(1.5f));
    const auto focus = focused();
    for (const auto& item : m_items) {
        if (item.hidden) continue;
        const bool hover = m_hover && *m_hover == item.id && item.enabled;
        sf::Color fill = p.surfaceRaised;
        sf::Color ink = p.text;
        sf::Color edge = p.border;
        float edgeWidth = border;
        switch (item.style) {
        case ButtonStyle::Primary:
            fill = p.accent;
            ink = p.onAccent;
            edge = p.accent;
            break;
        case ButtonStyle::Right:
            fill = mix(p.surface, p.right, 0.14f);
            edge = p.right;
            edgeWidth = border * 2.0f;
            break;
        case ButtonStyle::Wrong:
            fill = mix(p.surface, p.wrong, 0.14f);
            edge = p.wrong;
            edgeWidth = border * 2.0f;
            break;
        case ButtonStyle::Quiet:
            fill = p.background;
            ink = p.textMuted;
            break;
        case ButtonStyle::Normal: break;
        }
        if (item.textField) {
            fill = p.surface;
            edge = focus && *focus == item.id ? p.focus : p.border;
        }
        if (hover) fill = mix(fill, p.text, 0.07f);
        if (!item.enabled) {
            fill = mix(fill, p.background, 0.6f);
            ink = mix(ink, p.background, 0.55f);
        }
        ui.box(target, item.rect, fill, radius);
        ui.frame(target, item.rect, edge, edgeWidth, radius);

        if (item.textField) {
            const bool empty = fieldText.empty();
            Rect inner = item.rect.inset(ui.px(14.0f), ui.px(6.0f));
            const TextBlock block = empty ? item.labelBlock
                                          : ui.text(fieldText, inner, TextSize::Body, false, Align::Left, true, 0.5f);
            ui.draw(target, block, empty ? p.textMuted : p.text);
            const bool caretOn = !(focus && *focus == item.id) ? false : std::fmod(caretClock, 1.0f) < 0.6f;
            if (caretOn) {
                float caretX = inner.x;
                float caretY = inner.y + inner.h / 2.0f;
                float caretH = ui.lineHeight(ui.textSize(TextSize::Body));
                if (!empty && !block.runs.empty()) {
                    caretX = block.runs.back().x + block.runs.back().width + ui.px(1.0f);
                    caretY = block.runs.back().y + block.runs.back().height / 2.0f;
                    caretH = block.runs.back().height;
                }
                caretX = std::min(caretX, item.rect.right() - ui.px(8.0f));
                ui.box(target, {caretX, caretY - caretH * 0.4f, std::max(2.0f, ui.px(2.0f)), caretH * 0.8f}, p.text, 0.0f);
            }
        } else {
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
            if (!item.detailBlock.runs.empty())
                ui.draw(target, item.detailBlock, item.style == ButtonStyle::Primary ? ink : p.textMuted);
        }
        if (focus && *focus == item.id) ui.focusRing(target, item.rect, radius);
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
