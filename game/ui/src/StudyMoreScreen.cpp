// Study more (Anki's custom study, Duolingo's practice): beyond today's daily session, more new
// cards today, review ahead, today's forgotten cards, the cards of a tag — all earning XP as
// memory gained — and cram a topic, which the screen says earns nothing and moves no schedule.
#include "App.hpp"
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/core/CountText.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {
namespace {

enum Id { Back = 1, FirstButton = 100 };

std::string cards(int n) { return model::countText(n) + (n == 1 ? " card" : " cards"); }

class StudyMoreScreen final : public Screen {
public:
    explicit StudyMoreScreen(App& app) : Screen(app) { load(); }

    void resumed() override {
        load();
        invalidate();
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        m_list.view = layoutFrame(ui, area);
        measureRows(ui);
        // A newly focused button scrolls into view; the wheel may then scroll away from it.
        if (focus && focus != m_revealed) {
            for (const Row& row : m_rows)
                for (const Button& b : row.buttons)
                    if (b.id == *focus) m_list.reveal(row.offset, row.height);
        }
        m_list.clamp();
        placeRows(ui);
        const bool more = m_list.scroll + m_list.view.h < m_list.content - 1.0f;
        m_hintText = ui.text(more ? "More below \xE2\x80\x94 Tab or scroll" : "", m_hint, TextSize::Small, false, Align::Center, true, 0.5f);
        if (!focus) focus = m_firstEnabled;
        m_controls.focus(*focus);
        if (!m_controls.focused()) m_controls.focus(Back);
        m_revealed = m_controls.focused();
    }

    // The header and the hint line; returns the list's area.
    Rect layoutFrame(Ui& ui, const Rect& area) {
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1040.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Study more", m_title, gap);
        m_hint = content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small)), ui.px(4.0f));
        return content;
    }

    // Rows measure themselves: text on the left, buttons on the right, or the buttons under
    // the text when the row is too narrow for both (small windows, large text).
    void measureRows(Ui& ui) {
        const unsigned body = ui.textSize(TextSize::Body);
        const float rowGap = ui.px(8.0f);
        const float pad = ui.px(14.0f);
        const float buttonH = buttonHeight(ui);
        float offset = 0.0f;
        for (Row& row : m_rows) {
            const float inner = m_list.view.w - 2.0f * pad;
            row.buttonWidths.clear();
            float buttonsWidth = 0.0f;
            for (const Button& b : row.buttons) {
                const float w = ui.width(b.label, body, true) + ui.px(36.0f);
                row.buttonWidths.push_back(w);
                buttonsWidth += w + (buttonsWidth > 0.0f ? ui.px(8.0f) : 0.0f);
            }
            row.stacked = !row.buttons.empty() && buttonsWidth > inner * 0.5f;
            const float textWidth = row.stacked || row.buttons.empty() ? inner : inner - buttonsWidth - pad;
            const float titleSize = row.heading ? TextSize::Large : TextSize::Body;
            float textHeight = ui.textHeight(row.title, textWidth, titleSize, true);
            if (!row.detail.empty()) textHeight += ui.px(2.0f) + ui.textHeight(row.detail, textWidth, TextSize::Small);
            row.height = row.heading ? textHeight + ui.px(8.0f)
                         : row.stacked ? textHeight + ui.px(8.0f) + buttonH + 2.0f * ui.px(8.0f)
                                       : std::max(textHeight, buttonH) + 2.0f * ui.px(8.0f);
            row.offset = offset;
            row.textWidth = textWidth;
            offset += row.height + rowGap;
        }
        m_list.content = std::max(0.0f, offset - rowGap);
    }

    // Each row at its place in the scrolled list: its texts, then its buttons.
    void placeRows(Ui& ui) {
        const float pad = ui.px(14.0f);
        const float buttonH = buttonHeight(ui);
        for (Row& row : m_rows) {
            row.rect = m_list.place(row.offset, row.height);
            row.hidden = !m_list.shows(row.rect);
            Rect inner = row.heading ? row.rect : row.rect.inset(pad, ui.px(8.0f));
            Rect buttons;
            if (row.stacked) buttons = inner.takeBottom(buttonH, ui.px(8.0f));
            else if (!row.buttons.empty()) {
                buttons = inner.takeRight(std::max(0.0f, inner.w - row.textWidth - pad), pad);
                buttons = buttons.centered(buttons.w, buttonH);
            }
            placeRowText(ui, row, inner);
            placeRowButtons(ui, row, buttons, buttonH);
        }
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_hintText, p.textMuted);
        for (const Row& row : m_rows) {
            if (row.hidden) continue;
            if (!row.heading) ui.panel(target, row.rect);
            ui.draw(target, row.titleBlock, p.text);
            ui.draw(target, row.detailBlock, p.textMuted);
        }
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onScroll(float notches) override {
        m_list.scroll -= notches * m_app.ui().px(48.0f);
        m_list.clamp();
        invalidate();
    }

    void onAction(const InputAction& action) override {
        Screen::onAction(action);
        invalidate();  // focus may have moved off screen: scroll to it
    }

    void onActivate(int id) override {
        if (id == Back) {
            m_app.pop();
            return;
        }
        const auto index = static_cast<std::size_t>(id - FirstButton);
        if (id < FirstButton || index >= m_choices.size()) return;
        if (m_app.game().startChoice(m_choices[index])) {
            m_app.pop();  // the summary returns home, not here
            m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily));
        } else {
            m_app.toast("Nothing to study there right now.");
        }
    }

private:
    struct Button {
        int id = 0;
        std::string label;
        bool enabled = true;
        bool primary = false;
    };
    struct Row {
        bool heading = false;
        std::string title, detail;
        std::vector<Button> buttons;
        // Laid out:
        std::vector<float> buttonWidths;
        bool stacked = false, hidden = false;
        float offset = 0.0f, height = 0.0f, textWidth = 0.0f;
        Rect rect;
        TextBlock titleBlock, detailBlock;
    };

    // The title, with its detail under it, centred down the row's text area.
    void placeRowText(Ui& ui, Row& row, const Rect& text) {
        const float titleSize = row.heading ? TextSize::Large : TextSize::Body;
        const float titleHeight = ui.textHeight(row.title, row.textWidth, titleSize, true);
        if (!row.detail.empty()) {
            const float detailHeight = ui.textHeight(row.detail, row.textWidth, TextSize::Small);
            Rect block = text.centered(text.w, std::min(text.h, titleHeight + ui.px(2.0f) + detailHeight));
            row.titleBlock = ui.text(row.title, block.takeTop(titleHeight, ui.px(2.0f)), titleSize, true, Align::Left, false, 0.6f);
            row.detailBlock = ui.text(row.detail, block, TextSize::Small, false, Align::Left, false, 0.6f);
        } else {
            row.titleBlock = ui.text(row.title, text, titleSize, true, Align::Left, true, 0.6f);
            row.detailBlock = {};
        }
    }

    // Buttons from the right edge (or the left, under the text), in their order.
    void placeRowButtons(Ui& ui, const Row& row, const Rect& buttons, float buttonH) {
        float x = row.stacked ? buttons.x : buttons.right();
        if (!row.stacked) {
            float total = 0.0f;
            for (const float w : row.buttonWidths) total += w + ui.px(8.0f);
            x = buttons.right() - (total - ui.px(8.0f));
        }
        for (std::size_t i = 0; i < row.buttons.size(); ++i) {
            const Button& b = row.buttons[i];
            const Rect r{x, buttons.y, row.buttonWidths[i], buttonH};
            m_controls.add(Control(b.id, r, b.label).enabledIf(b.enabled).hiddenIf(row.hidden).withStyle(b.primary ? ButtonStyle::Primary : ButtonStyle::Normal), ui);
            x += row.buttonWidths[i] + ui.px(8.0f);
        }
    }

    Button button(std::string label, model::StudyChoice choice, bool enabled) {
        Button b;
        b.id = FirstButton + static_cast<int>(m_choices.size());
        b.label = std::move(label);
        b.enabled = enabled;
        m_choices.push_back(std::move(choice));
        if (enabled && !m_firstEnabled) m_firstEnabled = b.id;
        return b;
    }

    void heading(std::string title, std::string detail = {}) {
        Row row;
        row.heading = true;
        row.title = std::move(title);
        row.detail = std::move(detail);
        m_rows.push_back(std::move(row));
    }

    void load() {
        const model::StudyMoreFacts f = m_app.game().studyMore();
        m_rows.clear();
        m_choices.clear();
        m_firstEnabled.reset();
        using Kind = model::SessionKind;

        heading("Earns XP", f.goalMet ? "Today's goal is met; these still earn XP for what you remember."
                                      : "Today's goal: " + model::countText(f.xpToday) + " of " + model::countText(f.dailyGoal) +
                                            " XP. Each of these earns XP as memory gained.");
        Row more;
        more.title = "More new cards today";
        const bool moreOpen = f.newBeyondLimit > 0 && f.newLeftToday == 0;
        more.detail = f.newLeftToday > 0     ? "Today's " + cards(f.newLeftToday) + " in Study now come first."
                      : f.newBeyondLimit == 0 ? "No new cards wait beyond today's limit."
                                              : cards(f.newBeyondLimit) + " wait beyond today's limit. Just for today; the limit stays.";
        for (const int n : {5, 10, 20})
            more.buttons.push_back(button("+" + std::to_string(n), {Kind::MoreNew, n, {}}, moreOpen));
        m_rows.push_back(std::move(more));

        Row ahead;
        ahead.title = "Review ahead";
        ahead.detail = "Cards due soon, reviewed early: " + cards(f.ahead[0]) + " in 1 day, " + model::countText(f.ahead[1]) +
                       " in 3 days, " + model::countText(f.ahead[2]) + " in 7 days.";
        const int days[] = {1, 3, 7};
        for (std::size_t i = 0; i < 3; ++i)
            ahead.buttons.push_back(button(std::to_string(days[i]) + (days[i] == 1 ? " day" : " days"), {Kind::ReviewAhead, days[i], {}}, f.ahead[i] > 0));
        m_rows.push_back(std::move(ahead));

        Row forgotten;
        forgotten.title = "Today's forgotten cards";
        forgotten.detail = f.forgottenToday == 0 ? "No card was answered Again today."
                                                 : cards(f.forgottenToday) + " answered Again today, practised once more.";
        forgotten.buttons.push_back(button("Practise", {Kind::Forgotten, 0, {}}, f.forgottenToday > 0));
        m_rows.push_back(std::move(forgotten));

        if (!f.tags.empty()) {
            heading("By tag", "The cards the deck authors tagged, weakest first. Earns XP.");
            for (const auto& tag : f.tags) {
                Row row;
                row.title = tag.title;
                row.detail = cards(tag.cards);
                row.buttons.push_back(button("Study", {Kind::Tag, 0, tag.id}, tag.cards > 0));
                m_rows.push_back(std::move(row));
            }
        }
        heading("Cram a topic", "Practice only: no XP, and no card's schedule changes.");
        for (const auto& topic : f.topics) {
            Row row;
            row.title = topic.title;
            row.detail = cards(topic.cards) + " \xC2\xB7 no XP";
            row.buttons.push_back(button("Cram", {Kind::Cram, 0, topic.id}, topic.cards > 0));
            m_rows.push_back(std::move(row));
        }
    }

    std::vector<Row> m_rows;
    std::vector<model::StudyChoice> m_choices;  // a button's id - FirstButton
    std::optional<int> m_firstEnabled;
    std::optional<int> m_revealed;  // the focus the list last scrolled to
    ScrollArea m_list;
    TextBlock m_title;
    Rect m_hint;
    TextBlock m_hintText;
};

}  // namespace

std::unique_ptr<Screen> makeStudyMoreScreen(App& app) { return std::make_unique<StudyMoreScreen>(app); }

}  // namespace attune::ui
