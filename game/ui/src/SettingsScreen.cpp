// Settings: desired retention, daily new and review limits, daily goal, day-start hour, theme,
// text size, sound, reduced motion. Each change is saved to the profile at once and applied live.
#include "App.hpp"
#include "Screens.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace attune::ui {
namespace {

enum Row { Retention, NewCards, Reviews, Goal, DayStart, ThemeRow, TextScale, Sound, Motion, RowCount };
constexpr int kBack = 1;
constexpr int kFirstRowId = 100;  // row r: minus = 100 + 2r, plus (or toggle) = 101 + 2r

bool isStepper(int row) { return row != ThemeRow && row != Sound && row != Motion; }

const char* rowLabel(int row) {
    switch (row) {
    case Retention: return "Desired retention";
    case NewCards: return "New cards per day";
    case Reviews: return "Reviews per day";
    case Goal: return "Daily goal";
    case DayStart: return "New day starts at";
    case ThemeRow: return "Theme";
    case TextScale: return "Text size";
    case Sound: return "Sound";
    case Motion: return "Reduced motion";
    default: return "";
    }
}

const char* themeLabel(model::Theme theme) {
    switch (theme) {
    case model::Theme::Light: return "Light";
    case model::Theme::Dark: return "Dark";
    case model::Theme::HighContrast: return "High contrast";
    }
    return "Light";
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

class SettingsScreen final : public Screen {
public:
    // Starts from what is on screen (a --theme or --font-scale of this run included): what the
    // player sees is what a change saves.
    explicit SettingsScreen(App& app) : Screen(app), m_settings(app.shownSettings()) {
        m_controls.focus(kFirstRowId);
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        const auto focus = m_controls.focused();
        m_controls.clear();
        m_rows.clear();
        const float gap = ui.px(10.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(900.0f)), content.h);

        Rect header = content.takeTop(buttonHeight(ui), gap * 2.0f);
        m_controls.add(Control(kBack, header.takeLeft(ui.width("Back", ui.textSize(TextSize::Body), true) + ui.px(64.0f), gap), "Back").withStyle(ButtonStyle::Quiet).withIcon(Icon::Back), ui);
        m_title = ui.text("Settings", header, TextSize::Title, true, Align::Left, true, 0.5f);
        m_note = ui.text("Changes are saved as you make them.", content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small)), gap),
                         TextSize::Small, false, Align::Center, true, 0.5f);
        m_list = content;

        const float rowHeight = buttonHeight(ui);
        const float total = static_cast<float>(RowCount) * (rowHeight + gap) - gap;
        m_scroll = std::clamp(m_scroll, 0.0f, std::max(0.0f, total - m_list.h));
        const float square = rowHeight;
        const float toggleWidth = std::max(ui.width("High contrast", ui.textSize(TextSize::Body), true) + ui.px(40.0f), square * 2.0f + gap);
        for (int row = 0; row < RowCount; ++row) {
            Rect r{m_list.x, m_list.y + static_cast<float>(row) * (rowHeight + gap) - m_scroll, m_list.w, rowHeight};
            const bool hidden = !m_list.encloses(r);
            RowView view;
            view.rect = r;
            view.hidden = hidden;
            Rect inner = r;
            Rect controlsArea = inner.takeRight(std::min(inner.w * 0.5f, toggleWidth), gap);
            if (isStepper(row)) {
                Rect plus = controlsArea.takeRight(square, gap);
                Rect minus = controlsArea.takeRight(square, gap);
                m_controls.add(Control(kFirstRowId + 2 * row, minus, "\xE2\x88\x92").hiddenIf(hidden), ui);
                m_controls.add(Control(kFirstRowId + 2 * row + 1, plus, "+").hiddenIf(hidden), ui);
                view.value = ui.text(valueText(row), controlsArea, TextSize::Body, true, Align::Right, true, 0.5f);
            } else {
                m_controls.add(Control(kFirstRowId + 2 * row + 1, controlsArea, valueText(row)).hiddenIf(hidden), ui);
            }
            view.label = ui.text(rowLabel(row), inner.inset(ui.px(4.0f), 0.0f), TextSize::Body, false, Align::Left, true, 0.5f);
            m_rows.push_back(std::move(view));
        }
        m_moreBelow = !m_rows.empty() && m_rows.back().hidden;
        m_more = ui.text("More settings below \xE2\x80\x94 Tab or scroll", m_note.box, TextSize::Small, false, Align::Center, true, 0.5f);
        if (focus) m_controls.focus(*focus);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const auto& row = m_rows[i];
            if (row.hidden) continue;
            if (i % 2 == 0) ui.box(target, row.rect.inset(-ui.px(6.0f), -ui.px(3.0f)), p.surface, ui.px(10.0f));
            ui.draw(target, row.label, p.text);
            ui.draw(target, row.value, p.text);
        }
        ui.draw(target, m_moreBelow ? m_more : m_note, p.textMuted);
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::FocusNext || action.action == Action::FocusPrevious) {
            handleFocusAction(action);
            scrollToFocus();
            return;
        }
        Screen::onAction(action);
    }

    void onScroll(float notches) override {
        m_scroll -= notches * m_app.ui().px(40.0f);
        invalidate();
    }

    void onActivate(int id) override {
        if (id == kBack) {
            m_app.pop();
            return;
        }
        const int row = (id - kFirstRowId) / 2;
        const int direction = (id - kFirstRowId) % 2 == 0 ? -1 : 1;
        change(row, direction);
    }

private:
    struct RowView {
        Rect rect;
        bool hidden = false;
        TextBlock label, value;
    };

    std::string valueText(int row) const {
        switch (row) {
        case Retention: return std::to_string(static_cast<int>(std::lround(m_settings.desiredRetention * 100.0))) + " %";
        case NewCards: return std::to_string(m_settings.newCardsPerDay);
        case Reviews: return std::to_string(m_settings.reviewsPerDay);
        case Goal: return std::to_string(m_settings.dailyGoalXp) + " XP";
        case DayStart: return two(m_settings.dayStartHour) + ":00";
        case ThemeRow: return themeLabel(m_settings.theme);
        case TextScale: return std::to_string(static_cast<int>(std::lround(m_settings.fontScale * 100.0))) + " %";
        case Sound: return m_settings.sound ? "On" : "Off";
        case Motion: return m_settings.reducedMotion ? "On" : "Off";
        default: return {};
        }
    }

    void change(int row, int d) {
        model::Settings& s = m_settings;
        switch (row) {
        case Retention: {
            const int percent = static_cast<int>(std::lround(s.desiredRetention * 100.0)) + d;
            s.desiredRetention = std::clamp(percent, 70, 99) / 100.0;
            break;
        }
        case NewCards: s.newCardsPerDay = std::clamp(s.newCardsPerDay + d * (s.newCardsPerDay >= 20 ? 5 : 1), 0, 200); break;
        case Reviews: s.reviewsPerDay = std::clamp(s.reviewsPerDay + d * 10, 10, 9990); break;
        case Goal: s.dailyGoalXp = std::clamp(s.dailyGoalXp + d * 10, 10, 1000); break;
        case DayStart: s.dayStartHour = (s.dayStartHour + d + 24) % 24; break;
        case ThemeRow:
            s.theme = s.theme == model::Theme::Light ? model::Theme::Dark
                    : s.theme == model::Theme::Dark  ? model::Theme::HighContrast
                                                     : model::Theme::Light;
            break;
        case TextScale: {
            const int percent = static_cast<int>(std::lround(s.fontScale * 100.0)) + d * 10;
            s.fontScale = std::clamp(percent, 100, 200) / 100.0;
            break;
        }
        case Sound: s.sound = !s.sound; break;
        case Motion: s.reducedMotion = !s.reducedMotion; break;
        default: return;
        }
        const std::string error = m_app.game().saveSettings(s);
        if (!error.empty()) m_app.toast("Could not save the settings: " + error, 6.0f);
        m_app.applySettings(s);
        if (row == Sound && s.sound) m_app.audio().play(Effect::Reveal);
        invalidate();
    }

    void scrollToFocus() {
        const auto focus = m_controls.focused();
        if (!focus || *focus < kFirstRowId) {
            if (focus && m_scroll > 0.0f) {
                m_scroll = 0.0f;
                invalidate();
            }
            return;
        }
        const auto row = static_cast<std::size_t>((*focus - kFirstRowId) / 2);
        if (row >= m_rows.size()) return;
        const Rect& r = m_rows[row].rect;
        if (r.y < m_list.y) m_scroll -= m_list.y - r.y;
        else if (r.bottom() > m_list.bottom()) m_scroll += r.bottom() - m_list.bottom();
        invalidate();
    }

    model::Settings m_settings;
    float m_scroll = 0.0f;
    Rect m_list;
    TextBlock m_title, m_note, m_more;
    bool m_moreBelow = false;
    std::vector<RowView> m_rows;
};

}  // namespace

std::unique_ptr<Screen> makeSettingsScreen(App& app) { return std::make_unique<SettingsScreen>(app); }

}  // namespace attune::ui
