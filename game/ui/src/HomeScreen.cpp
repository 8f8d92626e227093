// Home: the streak flame, the XP bar and level, the daily-goal ring, today's quests, today's due
// and new counts, and the ways in (study now, weak topics, topics, stats, trophies, decks, settings).
#include "App.hpp"
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/CountText.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace attune::ui {
namespace {

enum Id { StudyNow = 1, Weak, Topics, Stats, Trophies, Decks, Settings, StudyMore };

std::string plural(long long n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

class HomeScreen final : public Screen {
public:
    explicit HomeScreen(App& app) : Screen(app) { m_controls.focus(StudyNow); }

    void resumed() override {
        m_facts = m_app.game().home();
        invalidate();
    }

    // The countdown to the next learning card, and Study coming on when it is near, follow the
    // clock while Home is open.
    void update(float /*seconds*/) override {
        if (m_facts.learningLater == 0) return;
        const std::int64_t nowMs = model::now().utcMs;
        if (nowMs / 1000 == m_checkedSecond) return;
        m_checkedSecond = nowMs / 1000;
        if (model::waitText(m_facts.nextLearningDueMs, nowMs) != m_shownWait ||
            (!m_facts.canStudy && m_facts.studyOpensAtMs <= nowMs)) {
            m_facts = m_app.game().home();
            invalidate();
        }
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        if (!m_loaded) {
            m_facts = m_app.game().home();
            m_loaded = true;
        }
        const auto focus = m_controls.focused();
        m_controls.clear();

        const float margin = ui.px(28.0f);
        const float gap = ui.px(16.0f);
        Rect content = area.inset(margin);
        content = content.centered(std::min(content.w, ui.px(1120.0f)), content.h);
        layoutTitleBar(ui, content, gap);
        layoutButtons(ui, content, gap);
        const Rect panels = layoutToday(ui, content, gap);
        layoutPanels(ui, panels, gap);

        if (focus) m_controls.focus(*focus);
        if (focus == StudyNow && !m_facts.canStudy) m_controls.focus(StudyMore);
        if (!m_controls.focused()) m_controls.moveFocus(1);
    }

    // Header: the name on the left, the course on the right.
    void layoutTitleBar(Ui& ui, Rect& content, float gap) {
        const float headerHeight = ui.lineHeight(ui.textSize(TextSize::Title));
        Rect header = content.takeTop(headerHeight, gap);
        Rect courseArea = header;
        Rect titleArea = courseArea.takeLeft(std::min(header.w * 0.45f, ui.width("Attune", ui.textSize(TextSize::Title), true) + ui.px(8.0f)), gap);
        m_title = ui.text("Attune", titleArea, TextSize::Title, true, Align::Left, true);
        m_course = ui.text(m_facts.courseTitle, courseArea, TextSize::Body, false, Align::Right, true, 0.5f);
    }

    // Buttons at the bottom: "Study now" on its own row, the others flowing below.
    void layoutButtons(Ui& ui, Rect& content, float gap) {
        const float rowHeight = buttonHeight(ui);
        const char* labels[] = {"Weak topics", "Topics", "Stats", "Trophies", "Decks", "Settings"};
        constexpr float kCount = static_cast<float>(std::size(labels));
        float widest = 0.0f;
        for (const char* label : labels) widest = std::max(widest, ui.width(label, ui.textSize(TextSize::Body), true));
        const float minWidth = widest + ui.px(40.0f);
        const auto perRow = std::max(1.0f, std::floor((content.w + gap) / (minWidth + gap)));
        const auto rows = std::ceil(kCount / std::min(kCount, perRow));
        const float othersHeight = rows * rowHeight + (rows - 1.0f) * gap;
        Rect others = content.takeBottom(othersHeight, gap);
        Rect studyRow = content.takeBottom(rowHeight * 1.15f, gap);
        // "Study more" beside "Study now": the way on once today's cards are done.
        Rect moreCell = studyRow.takeRight(std::max(minWidth, ui.width("Study more", ui.textSize(TextSize::Body), true) + ui.px(40.0f)), gap);
        const bool waiting = !m_facts.canStudy && m_facts.learningLater > 0;
        m_controls.add(Control(StudyNow, studyRow, m_facts.canStudy ? "Study now" : waiting ? "Study now (cards come back later)" : "Study now (all done for today)")
                           .withStyle(ButtonStyle::Primary)
                           .enabledIf(m_facts.canStudy),
                       ui);
        m_controls.add(Control(StudyMore, moreCell, "Study more").enabledIf(!m_facts.firstLaunch), ui);
        const auto cells = flowCells(others, std::size(labels), minWidth, rowHeight, gap);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            Control c = Control(static_cast<int>(Weak + static_cast<int>(i)), cells[i], labels[i]);
            if (i == 0 && m_facts.weakTopics == 0) c.enabled = false;
            m_controls.add(std::move(c), ui);
        }
    }

    // Today's line, with the learning cards that come back later today (and the wait shown,
    // which update() watches to redraw when it changes).
    std::string todayLine() {
        const std::int64_t nowMs = model::now().utcMs;
        m_shownWait = m_facts.learningLater > 0 ? model::waitText(m_facts.nextLearningDueMs, nowMs) : std::string();
        const std::string comeBack =
            m_facts.learningLater > 0 ? model::comeBackText(m_facts.learningLater, m_facts.nextLearningDueMs, nowMs) : std::string();
        std::string today;
        // After the course (every card met): mastery, and the daily reviews that keep it fresh.
        const std::string course = "Course " + std::to_string(m_facts.masteryPercent) + " % mastered \xC2\xB7 ";
        if (m_facts.allIntroduced && m_facts.newToday == 0) {
            if (m_facts.dueToday > 0) today = course + "keep it fresh: " + plural(m_facts.dueToday, "review", "reviews") + " today";
            else if (comeBack.empty()) today = course + "all fresh today";
            else today = course + comeBack + ".";
        } else if (m_facts.dueToday + m_facts.newToday > 0) {
            today = "Today: " + plural(m_facts.dueToday, "review due", "reviews due") + " \xC2\xB7 " +
                    plural(m_facts.newToday, "new card", "new cards");
            if (!comeBack.empty()) today += " \xC2\xB7 " + comeBack;
            if (m_facts.setAside > 0) today += " \xC2\xB7 " + std::to_string(m_facts.setAside) + " set aside";
        } else if (!comeBack.empty()) {
            today = comeBack + (m_facts.canStudy ? " \xE2\x80\x94 you can study them now." : ". The rest of today is done.");
        } else {
            today = "Nothing due today \xE2\x80\x94 well done. Come back tomorrow.";
        }
        return today;
    }

    // The panels and today's line as one group, centred in the room left; returns the panels' area.
    Rect layoutToday(Ui& ui, const Rect& content, float gap) {
        // The quests as cards when there is room; else their count joins today's line.
        const float questsHeight = questsNeeded(ui, content.w, gap, content.h * 0.3f);
        const std::string today = todayLine() + (m_questCards || m_facts.quests.empty() ? "" : " \xC2\xB7 " + questCount(true));
        // Large when it takes one line; a wrapped line in body size leaves the panels their room.
        const float todaySize =
            ui.textHeight(today, content.w, TextSize::Large) <= ui.lineHeight(ui.textSize(TextSize::Large)) + 0.5f ? TextSize::Large : TextSize::Body;
        const float todayHeight = std::min(ui.textHeight(today, content.w, todaySize), ui.lineHeight(ui.textSize(todaySize)) * 2.0f);
        const float questsGap = questsHeight > 0.0f ? gap : 0.0f;
        const float panelsHeight =
            std::max(0.0f, std::min(content.h - todayHeight - gap - questsHeight - questsGap, ui.px(260.0f) * static_cast<float>(ui.fontScale())));
        Rect group = content.centered(content.w, panelsHeight + gap + questsHeight + questsGap + todayHeight);
        Rect panels = group.takeTop(panelsHeight, gap);
        layoutQuests(ui, group.takeTop(questsHeight, questsGap), gap);
        m_today = ui.text(today, group, todaySize, false, Align::Center, true, 0.5f);
        return panels;
    }

    // "Daily quests: 2 of 3 done"; `inLine`: "quests 2 of 3 done", to end today's line.
    std::string questCount(bool inLine = false) const {
        int done = 0;
        for (const auto& q : m_facts.quests) done += q.complete ? 1 : 0;
        return std::string(inLine ? "quests " : "Daily quests: ") + std::to_string(done) + " of " + std::to_string(m_facts.quests.size()) + " done" +
               (m_facts.questBonusXp > 0 ? " \xC2\xB7 +" + std::to_string(m_facts.questBonusXp) + " XP bonus" : "");
    }

    // The height the quests take: a row of cards (title, bar, count) when that fits in `room`,
    // else one line that counts them; 0 without quests.
    float questsNeeded(Ui& ui, float width, float gap, float room) {
        m_questCards = false;
        if (m_facts.quests.empty()) return 0.0f;
        const float line = ui.lineHeight(ui.textSize(TextSize::Small));
        const float cellWidth = (width - gap * 2.0f) / 3.0f - ui.px(24.0f);
        float titles = 0.0f;
        for (const auto& q : m_facts.quests) titles = std::max(titles, ui.textHeight(q.title, cellWidth, TextSize::Small, true));
        const float cards = line + ui.px(6.0f) + titles + ui.px(6.0f) + line + ui.px(16.0f);
        if (cards <= room) {
            m_questCards = true;
            return std::ceil(cards);
        }
        return 0.0f;
    }

    // The quests: a heading that counts them, then one card each (title, a bar and "4 / 12").
    void layoutQuests(Ui& ui, Rect area, float gap) {
        m_questRows.clear();
        m_questHeading = {};
        if (area.h <= 0.0f) return;
        if (!m_questCards) return;
        const float line = ui.lineHeight(ui.textSize(TextSize::Small));
        m_questHeading = ui.text(questCount(), area.takeTop(line, ui.px(6.0f)), TextSize::Small, true, Align::Left, true, 0.6f);
        const auto cells = flowCells(area, m_facts.quests.size(), 1.0f, area.h, gap);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto& q = m_facts.quests[i];
            QuestRow row;
            row.panel = cells[i];
            Rect inner = cells[i].inset(ui.px(12.0f), ui.px(8.0f));
            Rect foot = inner.takeBottom(line, ui.px(6.0f));
            const std::string count = std::to_string(q.progress) + " / " + std::to_string(q.target);
            row.count = ui.text(q.complete ? "Done" : count, foot.takeRight(ui.width(q.complete ? "Done" : count, ui.textSize(TextSize::Small), true) + ui.px(2.0f), ui.px(8.0f)),
                                TextSize::Small, true, Align::Right, true, 0.6f);
            row.bar = foot.centered(foot.w, std::max(4.0f, ui.px(8.0f)));
            row.fraction = q.target > 0 ? static_cast<double>(q.progress) / q.target : 0.0;
            row.complete = q.complete;
            row.title = ui.text(q.title, inner, TextSize::Small, true, Align::Left, false, 0.6f);
            m_questRows.push_back(std::move(row));
        }
    }

    // Three panels: streak, daily goal, level.
    void layoutPanels(Ui& ui, Rect panels, float gap) {
        const float panelWidth = (panels.w - 2.0f * gap) / 3.0f;
        for (int i = 0; i < 3; ++i) m_panels[i] = panels.takeLeft(panelWidth, gap);
        layoutStreak(ui, m_panels[0].inset(ui.px(16.0f)));
        layoutGoal(ui, m_panels[1].inset(ui.px(16.0f)));
        layoutLevel(ui, m_panels[2].inset(ui.px(16.0f)));
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_course, p.textMuted);
        for (const auto& panel : m_panels) ui.panel(target, panel);

        ui.flame(target, m_flameRect, m_facts.streak > 0, m_app.clock());
        ui.draw(target, m_streakCount, p.text);
        ui.draw(target, m_streakLabel, p.textMuted);
        ui.icon(target, Icon::Snowflake, m_freezeIcon, p.focus);
        ui.draw(target, m_freezes, p.textMuted);

        const double goal = m_facts.dailyGoal > 0 ? static_cast<double>(m_facts.xpToday) / m_facts.dailyGoal : 1.0;
        ui.ring(target, m_ringCenter.x, m_ringCenter.y, m_ringRadius, m_ringRadius * 0.2f, goal, p.goal);
        if (m_facts.questBonusXp > 0)  // all of today's quests done: a halo of XP colour
            ui.ring(target, m_ringCenter.x, m_ringCenter.y, m_ringRadius * 0.78f, m_ringRadius * 0.06f, 1.0, p.xp);
        if (goal >= 1.0) ui.icon(target, Icon::Check, m_goalCheck, p.goal);
        ui.draw(target, m_goalValue, p.text);
        ui.draw(target, m_goalLabel, p.textMuted);

        ui.draw(target, m_levelTitle, p.text);
        if (m_xpBar.w > 0.0f) ui.bar(target, m_xpBar, m_facts.xpForNext > 0 ? static_cast<double>(m_facts.xpIntoLevel) / static_cast<double>(m_facts.xpForNext) : 0.0, p.xp);
        ui.draw(target, m_xpLabel, p.textMuted);
        ui.draw(target, m_xpTotal, p.textMuted);

        ui.draw(target, m_questHeading, p.textMuted);
        for (const QuestRow& row : m_questRows) {
            ui.panel(target, row.panel);
            ui.draw(target, row.title, row.complete ? p.textMuted : p.text);
            ui.bar(target, row.bar, row.fraction, row.complete ? p.goal : p.xp);
            ui.draw(target, row.count, row.complete ? p.goal : p.textMuted);
        }

        ui.draw(target, m_today, p.text);
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::Back) {
            m_app.requestQuit();
            return;
        }
        if (action.action == Action::Reveal) {  // Space on home: same as Enter on the focused button
            if (const auto id = m_controls.focused()) onActivate(*id);
            return;
        }
        if (action.action == Action::MoveOn && !m_controls.focused()) {
            onActivate(StudyNow);
            return;
        }
        Screen::onAction(action);
    }

    void onActivate(int id) override {
        switch (id) {
        case StudyNow: m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily)); break;
        case Weak: m_app.push(makeWeakTopicsScreen(m_app)); break;
        case Topics: m_app.push(makeTopicMapScreen(m_app)); break;
        case Stats: m_app.push(makeStatsScreen(m_app)); break;
        case Trophies: m_app.push(makeTrophyRoomScreen(m_app)); break;
        case Decks: m_app.push(makeDeckBrowserScreen(m_app)); break;
        case Settings: m_app.push(makeSettingsScreen(m_app)); break;
        case StudyMore: m_app.push(makeStudyMoreScreen(m_app)); break;
        default: break;
        }
    }

private:
    void layoutStreak(Ui& ui, Rect r) {
        const float labelHeight = ui.lineHeight(ui.textSize(TextSize::Body));
        Rect bottom = r.takeBottom(labelHeight);
        m_freezeIcon = bottom.takeLeft(labelHeight * 0.8f, ui.px(6.0f)).centered(labelHeight * 0.8f, labelHeight * 0.8f);
        m_freezes = ui.text(plural(m_facts.freezes, "freeze held", "freezes held"), bottom, TextSize::Body, false,
                            Align::Left, true, 0.5f);
        const std::string count = std::to_string(m_facts.streak);
        const Rect rest = r;
        Rect label = r.takeBottom(labelHeight, ui.px(4.0f));
        m_streakLabel = ui.text("day streak", label, TextSize::Body, false, Align::Left, true, 0.5f);
        m_flameRect = r.takeLeft(std::min(r.w * 0.4f, r.h * 0.75f), ui.px(10.0f));
        m_streakCount = ui.text(count, r, TextSize::Huge * 1.3f, true, Align::Left, true, 0.4f);
        if (!m_streakCount.truncated) return;
        // A short panel (large text in a wide window): the number and its label share one line
        // beside a small flame, rather than the number lost.
        r = rest;
        m_flameRect = r.takeLeft(std::min(r.w * 0.3f, r.h * 0.75f), ui.px(10.0f));
        m_streakCount = ui.text(count + " day streak", r, TextSize::Large, true, Align::Left, true, 0.5f);
        m_streakLabel = {};
    }

    void layoutGoal(Ui& ui, Rect r) {
        const float labelHeight = ui.lineHeight(ui.textSize(TextSize::Body));
        const std::string value = std::to_string(m_facts.xpToday) + "/" + std::to_string(m_facts.dailyGoal);
        const Rect whole = r;
        // The quest bonus, once earned, is named under the ring (and drawn as a halo round it).
        const Rect labelArea = r.takeBottom(labelHeight, ui.px(6.0f));
        const std::string bonus = "+" + std::to_string(m_facts.questBonusXp) + " XP";
        for (const std::string& label : {"Today's goal \xC2\xB7 " + bonus + " quest bonus", "Goal \xC2\xB7 " + bonus + " bonus", "Goal " + bonus}) {
            if (m_facts.questBonusXp == 0) break;
            m_goalLabel = ui.text(label, labelArea, TextSize::Body, false, Align::Center, true, 0.8f);
            if (!m_goalLabel.truncated) break;
        }
        if (m_facts.questBonusXp == 0 || m_goalLabel.truncated)
            m_goalLabel = ui.text("Today's goal", labelArea, TextSize::Body, false, Align::Center, true, 0.5f);
        placeRing(r);
        Rect hole = ringHole();
        m_goalCheck = hole.takeTop(hole.h * 0.3f).centered(hole.h * 0.3f, hole.h * 0.3f);
        m_goalValue = ui.text(value + "\nXP", hole, TextSize::Large, true, Align::Center, true, 0.4f);
        if (m_goalValue.truncated) m_goalValue = ui.text(value + " XP", hole, TextSize::Large, true, Align::Center, true, 0.4f);
        if (!m_goalValue.truncated) return;
        // A ring too small for the numbers (a small panel, large text): they go under it, whole.
        r = whole;
        m_goalLabel = ui.text("Today's goal: " + value + " XP", r.takeBottom(labelHeight * 2.0f, ui.px(6.0f)), TextSize::Body,
                              false, Align::Center, true, 0.5f);
        placeRing(r);
        hole = ringHole();
        m_goalCheck = hole.centered(hole.h * 0.5f, hole.h * 0.5f);
        m_goalValue = {};
    }

    void placeRing(const Rect& r) {
        m_ringRadius = std::max(4.0f, std::min(r.w, r.h) / 2.0f);
        m_ringCenter = {r.x + r.w / 2.0f, r.y + r.h / 2.0f};
    }

    Rect ringHole() const {
        const float inner = (m_ringRadius * 0.8f) * 1.41f;  // the square inside the ring's hole
        return Rect{m_ringCenter.x - inner / 2.0f, m_ringCenter.y - inner / 2.0f, inner, inner};
    }

    void layoutLevel(Ui& ui, Rect r) {
        const float labelHeight = ui.lineHeight(ui.textSize(TextSize::Body));
        const std::string title = "Level " + std::to_string(m_facts.level);
        const std::string toNext = model::countText(m_facts.xpIntoLevel) + " / " + model::countText(m_facts.xpForNext) +
                                   " XP to level " + std::to_string(m_facts.level + 1);
        const std::string total = model::countText(m_facts.xpTotal) + " XP in all";
        const Rect whole = r;
        m_levelTitle = ui.text(title, r.takeTop(ui.lineHeight(ui.textSize(TextSize::Title)), ui.px(10.0f)), TextSize::Title, true,
                               Align::Left, true, 0.5f);
        m_xpBar = r.takeTop(std::max(8.0f, ui.px(16.0f) * static_cast<float>(ui.fontScale())), ui.px(10.0f));
        const float smallLine = ui.lineHeight(ui.textSize(TextSize::Small));
        if (r.h - labelHeight * 2.0f - ui.px(4.0f) >= smallLine * 0.9f) {
            m_xpLabel = ui.text(toNext, r.takeTop(labelHeight * 2.0f, ui.px(4.0f)), TextSize::Body, false, Align::Left, false, 0.5f);
            m_xpTotal = ui.text(total, r, TextSize::Small, false, Align::Left, false, 0.5f);
            return;
        }
        // A short panel (a small window, large text): one block shares the room, rather than
        // the total shrunk to a line nobody can read.
        m_xpLabel = ui.text(toNext + " \xC2\xB7 " + total, r, TextSize::Body, false, Align::Left, false, 0.5f);
        m_xpTotal = {};
        if (!m_xpLabel.truncated) return;
        // Shorter still: a smaller title and bar, and the way to the next level alone (the total
        // is on the Stats screen), as "664 / 1,000 XP" when even that does not fit.
        r = whole;
        m_levelTitle = ui.text(title, r.takeTop(ui.lineHeight(ui.textSize(TextSize::Large)), ui.px(6.0f)), TextSize::Large, true,
                               Align::Left, true, 0.5f);
        m_xpBar = r.takeTop(std::max(6.0f, ui.px(8.0f) * static_cast<float>(ui.fontScale())), ui.px(6.0f));
        m_xpLabel = ui.text(toNext, r, TextSize::Small, false, Align::Left, false, 0.6f);
        if (!m_xpLabel.truncated) return;
        const std::string short_ = model::countText(m_facts.xpIntoLevel) + " / " + model::countText(m_facts.xpForNext) + " XP";
        m_xpLabel = ui.text(short_, r, TextSize::Small, false, Align::Left, false, 0.6f);
        if (!m_xpLabel.truncated) return;
        // The shortest panel: the level and its XP as two lines, the bar left out.
        m_xpBar = {};
        r = whole;
        m_levelTitle = ui.text(title, r.takeTop(ui.lineHeight(ui.textSize(TextSize::Large)), 0.0f), TextSize::Large, true,
                               Align::Left, true, 0.5f);
        m_xpLabel = ui.text(short_, r, TextSize::Small, false, Align::Left, false, 0.6f);
    }

    struct QuestRow {
        Rect panel, bar;
        TextBlock title, count;
        double fraction = 0.0;
        bool complete = false;
    };

    model::HomeFacts m_facts;
    bool m_questCards = false;  // the quests as cards; false: one line that counts them
    TextBlock m_questHeading;
    std::vector<QuestRow> m_questRows;
    bool m_loaded = false;
    std::string m_shownWait;  // the countdown as drawn ("in 8 min")
    std::int64_t m_checkedSecond = 0;
    TextBlock m_title, m_course, m_today;
    Rect m_panels[3];
    Rect m_flameRect, m_freezeIcon;
    TextBlock m_streakCount, m_streakLabel, m_freezes;
    sf::Vector2f m_ringCenter;
    float m_ringRadius = 0.0f;
    Rect m_goalCheck;
    TextBlock m_goalValue, m_goalLabel;
    TextBlock m_levelTitle, m_xpLabel, m_xpTotal;
    Rect m_xpBar;
};

}  // namespace

std::unique_ptr<Screen> makeHomeScreen(App& app) { return std::make_unique<HomeScreen>(app); }

}  // namespace attune::ui
