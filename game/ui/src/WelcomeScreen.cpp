// First launch: what Attune is, the course's own intro (what it is and is not, read once rather
// than studied as a card), then straight into the first session. Also a plain notice: a title,
// a message and one button.
#include "App.hpp"
#include "Screens.hpp"

#include <algorithm>
#include <cmath>

namespace attune::ui {
namespace {

constexpr const char* kWhat =
    "Attune teaches, a few minutes a day, how to support a partner who struggles with attachment: "
    "where the push and pull comes from, the patterns you might notice, and what helps both of you. "
    "Short cards come back just before you would forget them, so what you learn stays with you.";
// Shown when no daily deck has an intro of its own.
constexpr const char* kNotTherapy =
    "Attune is education, not therapy; if you or your partner are struggling, a qualified therapist "
    "or counsellor can help.";
constexpr const char* kHow =
    "Each card has two beats: answer (Space or Enter shows it), then say how well you knew it (1\xE2\x80\x93" "4, or Enter "
    "for the suggestion).";

class WelcomeScreen final : public Screen {
public:
    explicit WelcomeScreen(App& app) : Screen(app), m_noteText(app.game().home().courseIntro) {
        if (m_noteText.empty()) m_noteText = kNotTherapy;
        m_controls.focus(1);
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        m_controls.clear();
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(32.0f));
        content = content.centered(std::min(content.w, ui.px(860.0f)), content.h);
        const float h = buttonHeight(ui) * 1.1f;
        Rect button = content.takeBottom(h, gap);
        m_controls.add(Control(1, button.centered(std::min(button.w, ui.px(420.0f) * static_cast<float>(ui.fontScale())), h), "Start my first session").withStyle(ButtonStyle::Primary), ui);
        m_title = ui.text("Welcome to Attune", content.takeTop(ui.lineHeight(ui.textSize(TextSize::Title)), gap),
                          TextSize::Title, true, Align::Left, true, 0.5f);
        // The keys line (how to play) and the note (what the course is and is not) keep their
        // natural height; what Attune is takes the room left, shrinking a little, and gives way
        // when that is not enough, so the parts that matter stay whole and large at any text size.
        const float w = content.w;
        const float pad = ui.px(18.0f);
        const float hWhat = ui.textHeight(kWhat, w, TextSize::Body);
        const float hNote = ui.textHeight(m_noteText, w - 2.0f * pad, TextSize::Body) + 2.0f * pad;
        const float hHow = ui.textHeight(kHow, w, TextSize::Body);
        const float noteRoom = std::max(0.0f, content.h - gap - hHow);
        const float noteH = std::min(hNote, noteRoom);
        const float whatH = std::min(hWhat, noteRoom - noteH - gap);
        constexpr float kLeast = 0.6f;  // the smallest share of its natural height "what" shrinks to
        m_what = {};
        if (whatH >= hWhat * kLeast)
            m_what = ui.text(kWhat, content.takeTop(std::floor(whatH), gap), TextSize::Body, false, Align::Left, false, kLeast);
        m_notePanel = content.takeTop(std::ceil(noteH), gap);
        m_note = ui.text(m_noteText, m_notePanel.inset(pad), TextSize::Body, false, Align::Left, true, 0.4f);
        m_how = ui.text(kHow, content, TextSize::Body, false, Align::Left, false, 0.4f);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_what, p.text);
        ui.panel(target, m_notePanel);
        ui.box(target, {m_notePanel.x, m_notePanel.y + ui.px(8.0f), std::max(3.0f, ui.px(5.0f)), m_notePanel.h - ui.px(16.0f)},
               p.accent, ui.px(2.0f));
        ui.draw(target, m_note, p.text);
        ui.draw(target, m_how, p.textMuted);
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::Reveal || (action.action == Action::MoveOn && !m_controls.focused())) {
            onActivate(1);
            return;
        }
        Screen::onAction(action);
    }

    void onActivate(int) override {
        m_app.pop();
        m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily));
    }

private:
    std::string m_noteText;
    TextBlock m_title, m_what, m_note, m_how;
    Rect m_notePanel;
};

class NoticeScreen final : public Screen {
public:
    NoticeScreen(App& app, std::string title, std::string text, std::string button)
        : Screen(app), m_titleText(std::move(title)), m_bodyText(std::move(text)), m_buttonText(std::move(button)) {
        m_controls.focus(1);
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        m_controls.clear();
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(32.0f));
        content = content.centered(std::min(content.w, ui.px(760.0f)), content.h);
        Rect header = content.takeTop(buttonHeight(ui), gap);
        m_controls.add(Control(1, header.takeLeft(ui.width(m_buttonText, ui.textSize(TextSize::Body), true) + ui.px(64.0f), gap), m_buttonText).withStyle(ButtonStyle::Quiet).withIcon(Icon::Back), ui);
        m_title = ui.text(m_titleText, header, TextSize::Title, true, Align::Left, true, 0.5f);
        const float bodyHeight = ui.textHeight(m_bodyText, content.w - ui.px(48.0f), TextSize::Body) + ui.px(48.0f);
        m_panel = content.takeTop(std::min(content.h, bodyHeight));
        m_body = ui.text(m_bodyText, m_panel.inset(ui.px(24.0f)), TextSize::Body, false, Align::Left, true, 0.4f);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        ui.draw(target, m_title, ui.palette().text);
        ui.panel(target, m_panel);
        ui.draw(target, m_body, ui.palette().text);
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onActivate(int) override { m_app.pop(); }

private:
    std::string m_titleText, m_bodyText, m_buttonText;
    TextBlock m_title, m_body;
    Rect m_panel;
};

}  // namespace

std::unique_ptr<Screen> makeWelcomeScreen(App& app) { return std::make_unique<WelcomeScreen>(app); }

std::unique_ptr<Screen> makeNoticeScreen(App& app, std::string title, std::string text, std::string button) {
    return std::make_unique<NoticeScreen>(app, std::move(title), std::move(text), std::move(button));
}

}  // namespace attune::ui
