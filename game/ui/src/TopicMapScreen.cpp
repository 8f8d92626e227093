// The topic map: the course's topics as a path of nodes in the guide's order, each with its
// mastery ring, card counts and predicted recall. Selecting a node shows its description and
// the way to study just that topic (a one-topic session on the study screen).
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/progress/Progress.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {

std::string percentText(double fraction) {
    return std::to_string(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0))) + " %";
}

void ScrollArea::reveal(float offset, float height) {
    if (offset < scroll) scroll = offset;
    else if (offset + height > scroll + view.h) scroll = offset + height - view.h;
    clamp();
}

void ScrollArea::clamp() { scroll = std::clamp(scroll, 0.0f, std::max(0.0f, content - view.h)); }

Rect layoutHeader(Ui& ui, Controls& controls, Rect content, int backId, const std::string& title, TextBlock& titleBlock,
                  float gap) {
    Rect header = content.takeTop(buttonHeight(ui), gap);
    const float backWidth = std::min(header.w * 0.4f, ui.width("Back", ui.textSize(TextSize::Body), true) + ui.px(64.0f));
    controls.add(Control(backId, header.takeLeft(backWidth, gap), "Back").withStyle(ButtonStyle::Quiet).withIcon(Icon::Back), ui);
    titleBlock = ui.text(title, header, TextSize::Title, true, Align::Left, true, 0.5f);
    return content;
}

namespace {

enum Id { Back = 1, Study = 2, FirstTopic = 100 };

struct TopicFacts {
    model::TopicMastery mastery;
    std::string sessionId;  // "deck/topic"
    std::string description;
};

class TopicMapScreen final : public Screen {
public:
    explicit TopicMapScreen(App& app) : Screen(app) { load(); }

    void resumed() override {
        load();
        invalidate();
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1120.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Topics", m_title, gap);
        const bool wide = content.w >= ui.lineHeight(ui.textSize(TextSize::Body)) * 30.0f;
        const Rect list = splitDetail(ui, content, wide, gap);
        layoutPath(ui, list, focus);
        layoutDetail(ui, wide, gap);
        if (!focus) focus = FirstTopic + static_cast<int>(m_selected);
        m_controls.focus(*focus);
        if (!m_controls.focused()) m_controls.focus(Back);
    }

    // The selected topic's card beside the path (wide) or under it; returns the path's area.
    Rect splitDetail(Ui& ui, const Rect& content, bool wide, float gap) {
        const unsigned body = ui.textSize(TextSize::Body);
        Rect list = content;
        if (wide) {
            m_detail = list.takeRight(list.w * 0.42f, gap);
        } else {
            // As tall as the selected topic needs (title, bar, one line of facts, a short
            // description, the button), so the path keeps as many rows as it can.
            float needed = ui.px(40.0f) + ui.lineHeight(body) + ui.px(8.0f) + ui.lineHeight(ui.textSize(TextSize::Small)) +
                           ui.px(10.0f) + gap + buttonHeight(ui);
            if (!m_topics.empty()) {
                const std::string& text = m_topics[std::min(m_selected, m_topics.size() - 1)].description;
                needed += std::min(ui.lineHeight(body) * 3.0f, ui.textHeight(text.empty() ? "-" : text, list.w - ui.px(40.0f), TextSize::Body));
            }
            m_detail = list.takeBottom(std::min(list.h * 0.62f, needed), gap);
        }
        return list;
    }

    // The path: one row per topic, scrolled to keep the focused one in view.
    void layoutPath(Ui& ui, const Rect& list, const std::optional<int>& focus) {
        const unsigned body = ui.textSize(TextSize::Body);
        const float rowHeight = std::round(ui.lineHeight(body) + ui.lineHeight(ui.textSize(TextSize::Small)) * 1.1f + ui.px(16.0f));
        const float rowGap = ui.px(8.0f);
        m_list.view = list;
        m_list.content = static_cast<float>(m_topics.size()) * (rowHeight + rowGap) - rowGap;
        if (focus && *focus >= FirstTopic) m_list.reveal(static_cast<float>(*focus - FirstTopic) * (rowHeight + rowGap), rowHeight);
        m_list.clamp();
        m_rows.clear();
        for (std::size_t i = 0; i < m_topics.size(); ++i) {
            const Rect r = m_list.place(static_cast<float>(i) * (rowHeight + rowGap), rowHeight);
            const bool hidden = !m_list.shows(r);
            m_controls.add(Control(FirstTopic + static_cast<int>(i), r, "").withStyle(ButtonStyle::Quiet).hiddenIf(hidden), ui);
            Row row;
            row.rect = r;
            row.hidden = hidden;
            row.radius = (rowHeight - ui.px(12.0f)) / 2.0f;
            row.center = {r.x + ui.px(10.0f) + row.radius, r.y + r.h / 2.0f};
            Rect text = r.inset(ui.px(12.0f), ui.px(6.0f));
            text.takeLeft(row.radius * 2.0f + ui.px(10.0f), ui.px(12.0f));
            const model::TopicMastery& t = m_topics[i].mastery;
            Rect percentBox{row.center.x - row.radius * 0.8f, row.center.y - row.radius * 0.5f, row.radius * 1.6f, row.radius};
            row.percent = ui.text(std::to_string(t.masteryPercent) + "%", percentBox, TextSize::Small, true, Align::Center, true, 0.4f);
            // A small ring holds the number alone (the detail card says "% mastered").
            if (row.percent.truncated)
                row.percent = ui.text(std::to_string(t.masteryPercent), percentBox, TextSize::Small, true, Align::Center, true, 0.4f);
            const float titleHeight = ui.lineHeight(body);
            row.title = ui.text(std::to_string(i + 1) + ". " + t.title, text.takeTop(titleHeight, ui.px(2.0f)), TextSize::Body, true, Align::Left, false, 0.6f);
            row.counts = ui.text(countsLine(t), text, TextSize::Small, false, Align::Left, false, 0.6f);
            // A narrow row keeps what matters most: mastered, set aside, recall.
            if (row.counts.truncated) row.counts = ui.text(countsLine(t, true), text, TextSize::Small, false, Align::Left, false, 0.6f);
            m_rows.push_back(std::move(row));
        }
        m_moreBelow = !m_rows.empty() && m_rows.back().hidden;
        m_moreAbove = !m_rows.empty() && m_rows.front().hidden;
    }

    // The selected topic's card: title, mastery bar (wide), facts, description, study button.
    void layoutDetail(Ui& ui, bool wide, float gap) {
        const unsigned body = ui.textSize(TextSize::Body);
        Rect detail = m_detail.inset(ui.px(20.0f));
        if (!m_topics.empty()) {
            const TopicFacts& t = m_topics[std::min(m_selected, m_topics.size() - 1)];
            const model::TopicMastery& m = t.mastery;
            Rect button = detail.takeBottom(buttonHeight(ui), gap);
            m_controls.add(Control(Study, button, "Study this topic").withStyle(ButtonStyle::Primary).enabledIf(m.cards > 0), ui);
            // Narrow: a one-line title and no bar (the node's ring shows the mastery).
            const float titleSize = wide ? TextSize::Large : TextSize::Body;
            const float titleHeight = std::min(wide ? detail.h * 0.3f : ui.lineHeight(body), ui.textHeight(m.title, detail.w, titleSize, true));
            m_detailTitle = ui.text(m.title, detail.takeTop(titleHeight, ui.px(8.0f)), titleSize, true, Align::Left, false, 0.5f);
            m_masteryBar = wide ? detail.takeTop(std::max(6.0f, ui.px(12.0f) * static_cast<float>(ui.fontScale())), ui.px(6.0f)) : Rect{};
            const std::string facts = "Mastered " + std::to_string(m.masteryPercent) + " % \xC2\xB7 predicted recall " +
                                      (m.studied > 0 ? percentText(m.recall) : std::string("\xE2\x80\x94 (not studied yet)")) +
                                      (wide ? "\n" + countsLine(m) : std::string()) +
                                      (wide && m.lapses > 0 ? " \xC2\xB7 " + std::to_string(m.lapses) + " lapses" : "");
            const float factsHeight = std::min(detail.h * 0.4f, ui.textHeight(facts, detail.w, TextSize::Small));
            m_detailFacts = ui.text(facts, detail.takeTop(factsHeight, ui.px(10.0f)), TextSize::Small, false, Align::Left, false, 0.6f);
            m_detailBody = ui.text(t.description.empty() ? "No description in the deck for this topic." : t.description, detail,
                                   TextSize::Body, false, Align::Left, false, 0.55f);
        } else {
            m_detailTitle = ui.text("No topics", detail, TextSize::Large, true, Align::Center, true);
        }
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        ui.panel(target, m_detail);  // first: the study button sits on it
        m_controls.draw(target, ui, {}, m_app.clock());
        // The path joining the nodes, behind them.
        const float lineWidth = std::max(2.0f, ui.px(4.0f));
        for (std::size_t i = 0; i + 1 < m_rows.size(); ++i) {
            const float x = m_rows[i].center.x - lineWidth / 2.0f;
            // From below one ring to above the next, so no line crosses a ring's number.
            const float y1 = std::max(m_list.view.y, m_rows[i].center.y + m_rows[i].radius);
            const float y2 = std::min(m_list.view.bottom(), m_rows[i + 1].center.y - m_rows[i + 1].radius);
            if (y2 > y1) ui.box(target, {x, y1, lineWidth, y2 - y1}, p.track, 0.0f);
        }
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const Row& row = m_rows[i];
            if (row.hidden) continue;
            const model::TopicMastery& t = m_topics[i].mastery;
            const bool selected = i == m_selected;
            ui.ring(target, row.center.x, row.center.y, row.radius, row.radius * 0.22f, t.masteryPercent / 100.0,
                    t.masteryPercent >= 100 ? p.goal : p.accent);
            if (selected) ui.frame(target, row.rect, p.accent, std::max(1.0f, ui.px(2.0f)), ui.px(12.0f));
            ui.draw(target, row.percent, p.text);
            ui.draw(target, row.title, p.text);
            ui.draw(target, row.counts, p.textMuted);
        }
        if (m_moreBelow || m_moreAbove) {
            // A hint that the path goes on: a fade line at the list's edge.
            const float h = std::max(2.0f, ui.px(3.0f));
            if (m_moreAbove) ui.box(target, {m_list.view.x, m_list.view.y - h * 2.0f, m_list.view.w, h}, p.border, h / 2.0f);
            if (m_moreBelow) ui.box(target, {m_list.view.x, m_list.view.bottom() + h, m_list.view.w, h}, p.border, h / 2.0f);
        }
        ui.draw(target, m_detailTitle, p.text);
        if (!m_topics.empty() && m_masteryBar.w > 0.0f) {
            const model::TopicMastery& m = m_topics[std::min(m_selected, m_topics.size() - 1)].mastery;
            ui.bar(target, m_masteryBar, m.masteryPercent / 100.0, p.goal);
        }
        ui.draw(target, m_detailFacts, p.textMuted);
        ui.draw(target, m_detailBody, p.text);
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::FocusNext || action.action == Action::FocusPrevious) {
            Screen::onAction(action);
            const auto focus = m_controls.focused();
            if (focus && *focus >= FirstTopic) m_selected = static_cast<std::size_t>(*focus - FirstTopic);
            invalidate();
            return;
        }
        Screen::onAction(action);
    }

    void onScroll(float notches) override {
        m_list.scroll -= notches * m_app.ui().px(48.0f);
        m_list.clamp();
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) {
            m_app.pop();
        } else if (id == Study) {
            if (m_topics.empty()) return;
            const TopicFacts& t = m_topics[std::min(m_selected, m_topics.size() - 1)];
            if (m_app.game().startTopicSession(t.sessionId)) m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily));
            else m_app.toast("Nothing to study in \xE2\x80\x9C" + t.mastery.title + "\xE2\x80\x9D right now.");
        } else if (id >= FirstTopic) {
            // Select: the description shows, and Enter again studies it.
            m_selected = static_cast<std::size_t>(id - FirstTopic);
            m_controls.focus(Study);
            invalidate();
        }
    }

private:
    struct Row {
        Rect rect;
        bool hidden = false;
        sf::Vector2f center;
        float radius = 0.0f;
        TextBlock percent, title, counts;
    };

    static std::string countsLine(const model::TopicMastery& t, bool compact = false) {
        std::string line = std::to_string(t.cards) + (t.cards == 1 ? " card" : " cards");
        if (t.newCards > 0 && !compact) line += " \xC2\xB7 " + std::to_string(t.newCards) + " new";
        if (t.learning > 0 && !compact) line += " \xC2\xB7 " + std::to_string(t.learning) + " learning";
        if (t.review > 0 && !compact) line += " \xC2\xB7 " + std::to_string(t.review) + " in review";
        if (t.mastered > 0) line += " \xC2\xB7 " + std::to_string(t.mastered) + " mastered";
        if (t.setAside > 0) line += " \xC2\xB7 " + std::to_string(t.setAside) + " set aside";
        if (t.studied > 0) line += " \xC2\xB7 recall " + percentText(t.recall);
        return line;
    }

    void load() {
        const model::CourseProgress& p = m_app.game().course();
        m_topics.clear();
        for (const auto& t : p.topics) {
            TopicFacts facts;
            facts.mastery = t;
            facts.sessionId = t.deckId + "/" + t.topicId;
            for (const auto& deck : p.decks) {
                if (deck.id != t.deckId) continue;
                if (const model::Topic* topic = deck.findTopic(t.topicId)) facts.description = topic->description;
            }
            m_topics.push_back(std::move(facts));
        }
        if (m_selected >= m_topics.size()) m_selected = 0;
    }

    std::vector<TopicFacts> m_topics;
    std::size_t m_selected = 0;
    TextBlock m_title;
    ScrollArea m_list;
    std::vector<Row> m_rows;
    bool m_moreBelow = false, m_moreAbove = false;
    Rect m_detail, m_masteryBar;
    TextBlock m_detailTitle, m_detailFacts, m_detailBody;
};

}  // namespace

std::unique_ptr<Screen> makeTopicMapScreen(App& app) { return std::make_unique<TopicMapScreen>(app); }

}  // namespace attune::ui
