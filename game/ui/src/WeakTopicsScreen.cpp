// Weak topics: the topics that need work, weakest first, and why (low predicted recall, lapses,
// leeches); one action starts a weak-topic session; the leeches are listed with their cards.
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/WeakTopics.hpp>
#include <attune/model/session/CardFace.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {
namespace {

enum Id { Back = 1, StudyWeak = 2, FirstTopic = 100, FirstLeech = 1000 };

struct WeakTopic {
    model::TopicMastery mastery;
    std::string sessionId;
};

struct Leech {
    std::string deckId, cardId, topic, question;
    std::uint32_t card = 0;  // into the course's cards
    int lapses = 0;
    double recall = 0.0;
    bool setAside = false;
};

class WeakTopicsScreen final : public Screen {
public:
    explicit WeakTopicsScreen(App& app) : Screen(app) { load(); }

    void resumed() override {
        load();
        invalidate();
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        m_controls.clear();
        const Rect content = layoutFrame(ui, area);
        listRows(ui, content);
        if (focus) {
            for (const auto& item : m_items)
                if (item.id == *focus) m_list.reveal(item.offset, item.height);
        }
        m_list.clamp();
        placeRows(ui);
        const bool more = m_list.scroll + m_list.view.h < m_list.content - 1.0f;
        m_hintText = ui.text(more ? "More below \xE2\x80\x94 Tab or scroll" : "", m_hint, TextSize::Small, false, Align::Center, true, 0.5f);
        if (!focus) focus = m_topics.empty() ? Back : StudyWeak;
        m_controls.focus(*focus);
        if (!m_controls.focused()) m_controls.focus(Back);
    }

    // The header, the "Study weak topics" button and the hint line; returns the list's area.
    Rect layoutFrame(Ui& ui, const Rect& area) {
        const float gap = ui.px(16.0f);
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1040.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Weak topics", m_title, gap);
        Rect bottom = content.takeBottom(buttonHeight(ui), gap);
        m_controls.add(Control(StudyWeak, bottom.centered(std::min(bottom.w, ui.px(420.0f) * static_cast<float>(ui.fontScale())), bottom.h),
                               m_topics.empty() ? "No weak topics to study" : "Study weak topics")
                           .withStyle(ButtonStyle::Primary)
                           .enabledIf(!m_topics.empty()),
                       ui);
        m_hint = content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small)), ui.px(4.0f));
        return content;
    }

    // The rows of one scrolling list (a heading, the topics, a heading, the leeches) with their
    // offsets and heights: each row as tall as its text needs once wrapped (large text, small windows).
    void listRows(Ui& ui, const Rect& content) {
        const unsigned body = ui.textSize(TextSize::Body);
        const unsigned small = ui.textSize(TextSize::Small);
        const float headingHeight = ui.lineHeight(ui.textSize(TextSize::Large)) + ui.px(6.0f);
        const float topicHeight = std::round(ui.lineHeight(body) + ui.lineHeight(small) * 2.2f + ui.px(22.0f));
        const float leechHeight = std::round(ui.lineHeight(body) * 2.0f + ui.lineHeight(small) * 1.1f + ui.px(22.0f));
        const float rowGap = ui.px(8.0f);
        m_list.view = content;
        m_items.clear();
        float offset = 0.0f;
        auto add = [&](Item::Kind kind, int id, std::size_t index, float height) {
            Item item;
            item.kind = kind;
            item.id = id;
            item.index = index;
            item.offset = offset;
            item.height = height;
            offset += height + rowGap;
            m_items.push_back(std::move(item));
        };
        add(Item::Heading, -1, 0, headingHeight);
        if (m_topics.empty()) add(Item::Note, -1, 0, ui.lineHeight(body) * 2.2f);
        const float whyWidth = content.w - 2.0f * ui.px(16.0f) - std::min(ui.lineHeight(body) * 1.6f, topicHeight) - ui.px(14.0f);
        for (std::size_t i = 0; i < m_topics.size(); ++i) {
            const float needed = std::ceil(ui.lineHeight(body) + ui.px(2.0f) + ui.textHeight(whyLine(m_topics[i].mastery), whyWidth, TextSize::Small) +
                                           ui.px(22.0f));
            add(Item::Topic, FirstTopic + static_cast<int>(i), i, std::max(topicHeight, needed));
        }
        add(Item::Heading, -1, 1, headingHeight);
        if (m_leeches.empty()) add(Item::Note, -1, 1, ui.lineHeight(body) * 2.2f);
        const float factsWidth = content.w - 2.0f * ui.px(16.0f) - ui.width("888\xC3\x97", body, true) - ui.px(30.0f);
        for (std::size_t i = 0; i < m_leeches.size(); ++i) {
            const float facts = ui.textHeight(leechFacts(m_leeches[i]), factsWidth, TextSize::Small);
            add(Item::Leech, FirstLeech + static_cast<int>(i), i, std::max(leechHeight, std::ceil(leechHeight - ui.lineHeight(small) * 1.1f + facts)));
        }
        m_list.content = offset - rowGap;
    }

    // Each row at its place in the scrolled list, with its texts and (topics, leeches) a control.
    void placeRows(Ui& ui) {
        const unsigned body = ui.textSize(TextSize::Body);
        for (auto& item : m_items) {
            item.rect = m_list.place(item.offset, item.height);
            item.hidden = !m_list.shows(item.rect);
            Rect inner = item.rect.inset(ui.px(16.0f), ui.px(8.0f));
            switch (item.kind) {
            case Item::Heading:
                item.title = ui.text(item.index == 0 ? "Weakest first"
                                                     : "Leeches \xE2\x80\x94 cards forgotten " + std::to_string(m_leechLapses) + " times or more",
                                     item.rect, TextSize::Large, true, Align::Left, true, 0.5f);
                break;
            case Item::Note:
                item.title = ui.text(item.index == 0 ? "No weak topics yet: study a few topics and they will show here."
                                                     : "No leeches: no card has been forgotten " + std::to_string(m_leechLapses) + " times.",
                                     item.rect, TextSize::Body, false, Align::Left, true, 0.5f);
                break;
            case Item::Topic: {
                m_controls.add(Control(item.id, item.rect, "").hiddenIf(item.hidden), ui);
                const model::TopicMastery& t = m_topics[item.index].mastery;
                const float side = std::min(ui.lineHeight(body) * 1.6f, inner.h);
                item.badge = inner.takeLeft(side, ui.px(14.0f)).centered(side, side);  // a round badge
                item.badgeText = ui.text(std::to_string(item.index + 1), item.badge, TextSize::Large, true, Align::Center, true, 0.5f);
                item.title = ui.text(t.title, inner.takeTop(ui.lineHeight(body), ui.px(2.0f)), TextSize::Body, true, Align::Left, false, 0.6f);
                item.detail = ui.text(whyLine(t), inner, TextSize::Small, false, Align::Left, false, 0.6f);
                break;
            }
            case Item::Leech: {
                m_controls.add(Control(item.id, item.rect, "").hiddenIf(item.hidden), ui);
                const Leech& l = m_leeches[item.index];
                item.badge = inner.takeLeft(ui.width("888\xC3\x97", body, true) + ui.px(16.0f), ui.px(14.0f));
                item.badgeText = ui.text(std::to_string(l.lapses) + "\xC3\x97", item.badge, TextSize::Body, true, Align::Center, true, 0.5f);
                Rect facts = inner.takeBottom(std::min(inner.h * 0.6f, ui.textHeight(leechFacts(l), inner.w, TextSize::Small)));
                item.title = ui.text(l.question, inner, TextSize::Body, false, Align::Left, false, 0.6f);
                item.detail = ui.text(leechFacts(l), facts, TextSize::Small, false, Align::Left, false, 0.6f);
                break;
            }
            }
        }
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_hintText, p.textMuted);
        m_controls.draw(target, ui, {}, m_app.clock());
        for (const auto& item : m_items) {
            if (item.hidden) continue;
            switch (item.kind) {
            case Item::Heading: ui.draw(target, item.title, p.text); break;
            case Item::Note: ui.draw(target, item.title, p.textMuted); break;
            case Item::Topic: {
                const model::TopicMastery& t = m_topics[item.index].mastery;
                ui.box(target, item.badge, p.wrong, item.badge.w / 2.0f);
                ui.draw(target, item.badgeText, p.onAccent);
                ui.draw(target, item.title, p.text);
                ui.draw(target, item.detail, p.textMuted);
                // Recall as a thin bar along the row's foot.
                Rect bar{item.badge.right() + ui.px(14.0f), item.rect.bottom() - ui.px(10.0f), 0.0f, std::max(3.0f, ui.px(5.0f))};
                bar.w = std::max(0.0f, item.rect.right() - ui.px(16.0f) - bar.x);
                ui.bar(target, bar, t.recall, p.accent);
                break;
            }
            case Item::Leech:
                ui.box(target, item.badge, p.track, ui.px(8.0f));
                ui.draw(target, item.badgeText, p.wrong);
                ui.draw(target, item.title, p.text);
                ui.draw(target, item.detail, p.textMuted);
                break;
            }
        }
    }

    void onScroll(float notches) override {
        m_list.scroll -= notches * m_app.ui().px(48.0f);
        m_list.clamp();
        invalidate();
    }

    void onAction(const InputAction& action) override {
        const auto focus = m_controls.focused();
        if (action.action == Action::Suspend && focus && *focus >= FirstLeech) {
            toggleSetAside(m_leeches[static_cast<std::size_t>(*focus - FirstLeech)]);
            return;
        }
        Screen::onAction(action);
        invalidate();  // focus may have moved off screen: scroll to it
    }

    // s on a leech: bring it back when it is set aside, set it aside otherwise.
    void toggleSetAside(const Leech& l) {
        const model::CardMarkResult result = m_app.game().setAside(l.card, !l.setAside);
        if (!result.changed) return;
        if (!result.saved.ok) m_app.toast(result.saved.message, 6.0f);
        else m_app.toast(l.setAside ? "Brought back: it is due as its answers scheduled it." : "Set aside until you bring it back.", 3.5f);
        load();
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) {
            m_app.pop();
        } else if (id == StudyWeak) {
            m_app.push(makeStudyScreen(m_app, model::SessionKind::WeakTopics));
        } else if (id >= FirstLeech) {
            const Leech& l = m_leeches[static_cast<std::size_t>(id - FirstLeech)];
            m_app.push(makeDeckBrowserScreen(m_app, l.deckId, l.cardId));
        } else if (id >= FirstTopic) {
            const WeakTopic& t = m_topics[static_cast<std::size_t>(id - FirstTopic)];
            if (m_app.game().startTopicSession(t.sessionId)) m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily));
            else m_app.toast("Nothing to study in \xE2\x80\x9C" + t.mastery.title + "\xE2\x80\x9D right now.");
        }
    }

private:
    struct Item {
        enum Kind { Heading, Note, Topic, Leech } kind = Heading;
        int id = -1;
        std::size_t index = 0;
        float offset = 0.0f;
        Rect rect;
        bool hidden = false;
        Rect badge;
        TextBlock badgeText, title;
        TextBlock detail;
        float height = 0.0f;
    };

    static std::string leechFacts(const Leech& l) {
        return l.topic + " \xC2\xB7 forgotten " + std::to_string(l.lapses) + " times \xC2\xB7 recall now " + percentText(l.recall) +
               (l.setAside ? " \xC2\xB7 set aside: s brings it back, Enter shows the card to rewrite it"
                           : " \xC2\xB7 Enter shows the card, s sets it aside");
    }

    static std::string whyLine(const model::TopicMastery& t) {
        std::string why = "Predicted recall " + percentText(t.recall);
        why += t.recall < 0.85 ? " (low)" : "";
        why += " \xC2\xB7 " + std::to_string(t.lapses) + (t.lapses == 1 ? " lapse" : " lapses");
        if (t.leeches > 0) why += " \xC2\xB7 " + std::to_string(t.leeches) + (t.leeches == 1 ? " leech" : " leeches");
        if (t.setAside > 0) why += " \xC2\xB7 " + std::to_string(t.setAside) + " set aside";
        why += "\n" + std::to_string(t.studied) + " of " + std::to_string(t.cards) + " cards studied \xC2\xB7 " +
               std::to_string(t.masteryPercent) + " % mastered \xC2\xB7 Enter studies this topic";
        return why;
    }

    void load() {
        const model::CourseProgress& p = m_app.game().course();
        m_topics.clear();
        for (const std::size_t index : p.weakTopics) {
            const model::TopicMastery& t = p.topics[index];
            m_topics.push_back({t, t.deckId + "/" + t.topicId});
        }
        m_leechLapses = p.settings.leechLapses;
        m_leeches.clear();
        for (const std::uint32_t card : p.leeches) {
            Leech l;
            const model::Deck& deck = p.deckOf(card);
            const model::StudyCard& study = p.studyCardOf(card);
            l.deckId = deck.id;
            l.cardId = study.id;
            l.question = model::faceOf(deck, study, 0).question;
            const auto topic = p.cards[card].topicIndex;
            if (topic < p.topics.size()) l.topic = p.topics[topic].title;
            l.card = card;
            l.setAside = model::isSetAside(p.holdOf(card));
            l.lapses = p.states[card].lapses;
            l.recall = p.recallNow(card);
            m_leeches.push_back(std::move(l));
        }
    }

    std::vector<WeakTopic> m_topics;
    std::vector<Leech> m_leeches;
    int m_leechLapses = model::kLeechLapses;
    std::vector<Item> m_items;
    ScrollArea m_list;
    TextBlock m_title;
    Rect m_hint;
    TextBlock m_hintText;
};

}  // namespace

std::unique_ptr<Screen> makeWeakTopicsScreen(App& app) { return std::make_unique<WeakTopicsScreen>(app); }

}  // namespace attune::ui
