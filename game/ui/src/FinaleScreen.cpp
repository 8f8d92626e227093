// A course finale, shown once over the summary of the session that crossed the line: every card
// of a deck met, a topic mastered, or the whole course. What was learned (topics, mastery, days,
// answers) and the ways on: the weak topics, writing your own deck, the writing tour.
#include "App.hpp"
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/core/CountText.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {
namespace {

enum Id { Continue = 1, Weak, OwnDeck, Tour };

class FinaleScreen final : public Screen {
public:
    FinaleScreen(App& app, model::FinaleFacts facts) : Screen(app), m_facts(std::move(facts)) {
        m_controls.focus(Continue);
        app.audio().play(Effect::LevelUp);
        if (app.ui().reducedMotion()) settle();
    }

    void settle() override { m_time = 10.0f; }
    void update(float seconds) override { m_time += seconds; }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        const auto focus = m_controls.focused();
        m_controls.clear();
        const float gap = ui.px(14.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1000.0f) * std::max(1.0f, static_cast<float>(ui.fontScale()) * 0.7f)), content.h);

        // The ways on at the foot, two or four a row.
        const float h = buttonHeight(ui);
        const float buttonMin = std::max(ui.px(200.0f), ui.width("Write your own deck", ui.textSize(TextSize::Body), true) + ui.px(40.0f));
        const int rows = content.w >= 4.0f * buttonMin + 3.0f * gap ? 1 : 2;
        Rect buttons = content.takeBottom(h * static_cast<float>(rows) + gap * static_cast<float>(rows - 1), gap);
        const auto cells = flowCells(buttons, 4, rows == 1 ? buttonMin : (buttons.w - gap) / 2.0f, h, gap);
        m_controls.add(Control(Weak, cells[0], "Weak topics").enabledIf(!m_facts.weakestTopic.empty()), ui);
        m_controls.add(Control(OwnDeck, cells[1], "Write your own deck"), ui);
        m_controls.add(Control(Tour, cells[2], "The writing tour").enabledIf(m_facts.tourLoaded), ui);
        m_controls.add(Control(Continue, cells[3], "Continue").withStyle(ButtonStyle::Primary), ui);

        const std::string headline = headlineText();
        m_title = ui.text(headline, content.takeTop(std::min(ui.textHeight(headline, content.w, TextSize::Title, true), ui.lineHeight(ui.textSize(TextSize::Title)) * 2.0f), gap),
                          TextSize::Title, true, Align::Center, true, 0.5f);
        const std::string subject = m_facts.subject;
        m_subject = ui.text(subject, content.takeTop(std::min(ui.textHeight(subject, content.w, TextSize::Large), ui.lineHeight(ui.textSize(TextSize::Large)) * 2.0f), gap),
                            TextSize::Large, false, Align::Center, true, 0.5f);

        // What was learned: four tiles.
        const std::pair<std::string, std::string> tiles[] = {
            {std::to_string(m_facts.topicsMastered) + " / " + std::to_string(m_facts.topics), "topics mastered"},
            {std::to_string(m_facts.masteryPercent) + " %", "cards mastered"},
            {model::countText(m_facts.days), m_facts.days == 1 ? "day of study" : "days of study"},
            {model::countText(m_facts.answers), "answers"},
        };
        const float tileHeight = ui.lineHeight(ui.textSize(TextSize::Huge)) + ui.lineHeight(ui.textSize(TextSize::Small)) + ui.px(24.0f);
        const float tileMin = std::max(ui.px(170.0f), ui.width("topics mastered", ui.textSize(TextSize::Small), false) + ui.px(30.0f));
        const auto tileCells = flowCells(content, 4, tileMin, tileHeight, gap);
        content.takeTop(tileCells.back().bottom() - content.y, gap);
        m_tiles.clear();
        for (std::size_t i = 0; i < tileCells.size(); ++i) {
            Rect inner = tileCells[i].inset(ui.px(10.0f), ui.px(8.0f));
            Tile tile;
            tile.rect = tileCells[i];
            tile.label = ui.text(tiles[i].second, inner.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small))), TextSize::Small, false, Align::Center, true, 0.5f);
            tile.value = ui.text(tiles[i].first, inner, TextSize::Huge, true, Align::Center, true, 0.4f);
            m_tiles.push_back(std::move(tile));
        }
        // The ways on, in words, in what is left.
        m_next = ui.text(nextText(), content, TextSize::Body, false, Align::Center, true, 0.6f);
        if (m_next.truncated) m_next = {};  // no room (a small window, large text): the buttons say it

        m_controls.focus(focus.value_or(Continue));
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        // A ring of the goal colour opens out behind the title once.
        const float t = std::clamp(m_time / 1.2f, 0.0f, 1.0f);
        if (t < 1.0f && !m_title.runs.empty()) {
            sf::Color ring = p.goal;
            ring.a = static_cast<sf::Uint8>(200.0f * (1.0f - t));
            ui.ring(target, m_title.box.x + m_title.box.w / 2.0f, m_title.box.y + m_title.box.h / 2.0f, m_title.box.h * (0.6f + 3.0f * t),
                    ui.px(6.0f), 1.0, ring);
        }
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_subject, p.textMuted);
        for (const Tile& tile : m_tiles) {
            ui.panel(target, tile.rect);
            ui.draw(target, tile.value, p.goal);
            ui.draw(target, tile.label, p.textMuted);
        }
        ui.draw(target, m_next, p.text);
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::Back) {
            m_app.pop();
            return;
        }
        Screen::onAction(action);
    }

    void onActivate(int id) override {
        switch (id) {
        case Continue: m_app.pop(); break;
        case Weak: m_app.pop(); m_app.push(makeWeakTopicsScreen(m_app)); break;
        case OwnDeck:
            m_app.push(makeNoticeScreen(m_app, "Write your own deck",
                                        "A deck is one text file. In a terminal, attune deck new my-deck writes a starter deck with "
                                        "every kind of card; attune deck check my-deck.toml says what to fix. Put it in "
                                        "~/.local/share/attune/decks/ and it joins the course here.",
                                        "Back"));
            break;
        case Tour:
            m_app.pop();
            if (m_app.game().startDeckSession(model::kWritingTourDeckId))
                m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily));
            break;
        default: break;
        }
    }

private:
    struct Tile {
        Rect rect;
        TextBlock value, label;
    };

    std::string headlineText() const {
        switch (m_facts.kind) {
        case model::FinaleFacts::Kind::DeckIntroduced: return "Every card met";
        case model::FinaleFacts::Kind::TopicMastered: return "Topic mastered";
        case model::FinaleFacts::Kind::CourseMastered: return "The whole course, mastered";
        }
        return "";
    }

    std::string nextText() const {
        std::string text = m_facts.kind == model::FinaleFacts::Kind::DeckIntroduced
                               ? "No new cards are left: from now on the daily reviews keep it fresh. "
                               : "The daily reviews keep it fresh. ";
        if (!m_facts.weakestTopic.empty()) text += "Weakest now: " + m_facts.weakestTopic + ". ";
        text += "Or write a deck of your own";
        text += m_facts.tourLoaded ? " (the writing tour shows how)." : ".";
        return text;
    }

    model::FinaleFacts m_facts;
    float m_time = 0.0f;
    TextBlock m_title, m_subject, m_next;
    std::vector<Tile> m_tiles;
};

}  // namespace

std::unique_ptr<Screen> makeFinaleScreen(App& app, model::FinaleFacts facts) { return std::make_unique<FinaleScreen>(app, std::move(facts)); }

}  // namespace attune::ui
