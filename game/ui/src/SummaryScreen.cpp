// Session summary: XP earned, accuracy, cards learned and reviewed, time, the streak extended
// (the count rolls over and the flame grows), achievements unlocked; continue, the trophy room,
// or go home.
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

enum Id { Continue = 1, Home, StudyMore, Trophies };

std::string duration(int seconds) {
    if (seconds < 60) return std::to_string(seconds) + "s";
    return std::to_string(seconds / 60) + "m " + std::to_string(seconds % 60) + "s";
}

class SummaryScreen final : public Screen {
public:
    SummaryScreen(App& app, model::SummaryFacts facts) : Screen(app), m_facts(std::move(facts)) {
        m_controls.focus(Home);
        if (m_facts.streakExtended) app.audio().play(Effect::Streak);
        else if (m_facts.levelAfter > m_facts.levelBefore) app.audio().play(Effect::LevelUp);
        else if (!m_facts.questsCompleted.empty()) app.audio().play(Effect::QuestComplete);
        // The quests this session completed are listed with the achievements it unlocked.
        m_unlockedCount = m_facts.achievements.size();
        for (const std::string& quest : m_facts.questsCompleted) m_facts.achievements.push_back({"Quest done", quest});
        if (m_facts.questBonusXp > 0)
            m_facts.achievements.push_back({"All of today's quests done", "+" + std::to_string(m_facts.questBonusXp) + " XP quest bonus toward your level"});
        if (app.ui().reducedMotion()) settle();
    }

    void settle() override { m_time = 10.0f; }
    void update(float seconds) override { m_time += seconds; }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        const auto focus = m_controls.focused();
        m_controls.clear();
        const float gap = ui.px(14.0f);
        Rect content = layoutTitle(ui, area, gap);
        layoutFooter(ui, content, gap);
        layoutTiles(ui, content, gap);
        layoutStreakAndAchievements(ui, content, gap);
        if (focus) m_controls.focus(*focus);
    }

    // The column the screen lives in and the title at its top; returns what is left below it.
    Rect layoutTitle(Ui& ui, const Rect& area, float gap) {
        Rect content = area.inset(ui.px(28.0f));
        // Wider with large text, so the three buttons keep one row.
        const float widest = ui.px(1000.0f) * std::max(1.0f, static_cast<float>(ui.fontScale()) * 0.7f);
        content = content.centered(std::min(content.w, widest), content.h);

        m_title = ui.text(m_facts.answered > 0 ? "Session complete" : "Session ended",
                          content.takeTop(ui.lineHeight(ui.textSize(TextSize::Title)), gap), TextSize::Title, true,
                          Align::Center, true, 0.5f);
        return content;
    }

    // The four buttons at the foot and, above them, the line that says what is left of today.
    void layoutFooter(Ui& ui, Rect& content, float gap) {
        const float h = buttonHeight(ui);
        // One row when the four labels fit, each button as wide as its label needs plus an even
        // share of the rest; two rows of two otherwise.
        const char* labels[] = {"Keep studying", "Study more", "Trophies", "Home"};
        float widths[4];
        float total = 3.0f * gap;
        for (int i = 0; i < 4; ++i) {
            widths[i] = std::max(ui.px(150.0f), ui.width(labels[i], ui.textSize(TextSize::Body), true) + ui.px(40.0f));
            total += widths[i];
        }
        const int buttonRows = content.w >= total ? 1 : 2;
        Rect buttons = content.takeBottom(h * static_cast<float>(buttonRows) + gap * static_cast<float>(buttonRows - 1), gap);
        std::vector<Rect> cells;
        if (buttonRows == 1) {
            const float share = (buttons.w - total) / 4.0f;
            Rect row = buttons;
            for (int i = 0; i < 4; ++i) cells.push_back(row.takeLeft(widths[i] + share, gap));
        } else {
            cells = flowCells(buttons, 4, (buttons.w - gap) / 2.0f, h, gap);
        }
        const model::HomeFacts home = m_app.game().home();
        m_controls.add(Control(Continue, cells[0], "Keep studying").enabledIf(home.canStudy), ui);
        m_controls.add(Control(StudyMore, cells[1], "Study more"), ui);
        m_controls.add(Control(Trophies, cells[2], "Trophies"), ui);
        m_controls.add(Control(Home, cells[3], "Home").withStyle(ButtonStyle::Primary), ui);
        // What is left of today: learning cards coming back, and, with the goal not met, the ways
        // that still earn XP (never cram).
        const std::string nextLine = nextStepText(home);
        if (!nextLine.empty()) {
            const float lineH = std::min(ui.textHeight(nextLine, content.w, TextSize::Body), ui.lineHeight(ui.textSize(TextSize::Body)) * 2.0f);
            m_next = ui.text(nextLine, content.takeBottom(lineH, gap), TextSize::Body, false, Align::Center, true, 0.6f);
        } else {
            m_next = {};
        }
    }

    // Tiles: XP, accuracy, learned, reviewed, time.
    void layoutTiles(Ui& ui, Rect& content, float gap) {
        const int accuracy = m_facts.answered > 0 ? (100 * m_facts.right + m_facts.answered / 2) / m_facts.answered : 0;
        const std::pair<std::string, std::string> tiles[] = {
            {"+" + std::to_string(m_facts.xp), "XP earned"},
            {m_facts.answered > 0 ? std::to_string(accuracy) + "%" : "\xE2\x80\x94", "accuracy"},
            {std::to_string(m_facts.learned), "new cards"},
            {std::to_string(m_facts.reviewed), "reviewed"},
            {duration(m_facts.seconds), "time"},
        };
        const float tileHeight = ui.lineHeight(ui.textSize(TextSize::Huge)) + ui.lineHeight(ui.textSize(TextSize::Small)) + ui.px(24.0f);
        const float tileMin = std::max(ui.px(150.0f), ui.width("reviewed", ui.textSize(TextSize::Small), false) + ui.px(30.0f));
        const auto tileCells = flowCells(content, 5, tileMin, tileHeight, gap);
        const float tilesHeight = tileCells.back().bottom() - content.y;
        content.takeTop(tilesHeight, gap);
        m_tiles.clear();
        for (std::size_t i = 0; i < tileCells.size(); ++i) {
            Rect inner = tileCells[i].inset(ui.px(10.0f), ui.px(8.0f));
            Tile tile;
            tile.rect = tileCells[i];
            tile.label = ui.text(tiles[i].second, inner.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small))), TextSize::Small, false, Align::Center, true, 0.5f);
            tile.value = ui.text(tiles[i].first, inner, TextSize::Huge, true, Align::Center, true, 0.4f);
            m_tiles.push_back(std::move(tile));
        }
    }

    // The streak panel above the achievements; the two side by side when stacked they would not
    // fit (large text), so that every achievement is read whole.
    void layoutStreakAndAchievements(Ui& ui, const Rect& content, float gap) {
        const float stacked = streakNeeded(ui, content.w) + gap + achievementsNeeded(ui, content.w);
        const float half = std::floor((content.w - gap) / 2.0f);
        const bool sideBySide = !m_facts.achievements.empty() && stacked > content.h &&
                                std::max(streakNeeded(ui, half), achievementsNeeded(ui, half)) <= content.h;
        if (!sideBySide) {
            Rect rest = content;
            layoutStreak(ui, rest, gap, achievementsNeeded(ui, content.w), false);
            layoutAchievements(ui, rest);
            return;
        }
        Rect streak = content;
        const Rect achievements = streak.takeRight(half, gap);
        layoutStreak(ui, streak, gap, 0.0f, true);
        layoutAchievements(ui, achievements);
    }

    float flameWidth(Ui& ui) const {
        return std::min(ui.px(110.0f) * static_cast<float>(ui.fontScale()), ui.lineHeight(ui.textSize(TextSize::Title)) * 1.6f);
    }

    float noteHeight(Ui& ui, float width) const {
        return ui.textHeight(streakNote(), width - 2.0f * ui.px(18.0f) - flameWidth(ui) - ui.px(14.0f), TextSize::Body);
    }

    // The streak panel's two lines (the note may wrap) in `width`.
    float streakNeeded(Ui& ui, float width) const {
        return ui.lineHeight(ui.textSize(TextSize::Title)) + noteHeight(ui, width) + ui.px(4.0f) + 2.0f * ui.px(12.0f);
    }

    // The achievements' heading and each achievement wrapped in `width`; nothing to keep when
    // there is none (the note that says so fits any room).
    float achievementsNeeded(Ui& ui, float width) const {
        if (m_facts.achievements.empty()) return 0.0f;
        float needed = 2.0f * ui.px(12.0f) + ui.lineHeight(ui.textSize(TextSize::Body)) + ui.px(6.0f);
        // The achievements claim their room; the quests done take what is left (one at least when
        // they are all there is).
        const std::size_t claimed = std::max<std::size_t>(m_unlockedCount, 1);
        for (std::size_t i = 0; i < std::min(claimed, m_facts.achievements.size()); ++i)
            needed += achievementHeight(ui, width - 2.0f * ui.px(18.0f), m_facts.achievements[i]);
        return needed;
    }

    float achievementHeight(Ui& ui, float listWidth, const model::Unlocked& a) const {
        const float row = ui.lineHeight(ui.textSize(TextSize::Body)) * 1.2f;
        return std::max(row, ui.textHeight(achievementLine(a), listWidth - row * 0.8f - ui.px(8.0f), TextSize::Body));
    }

    // "1 achievement unlocked · 2 quests done"
    std::string countLine() const {
        const std::size_t quests = m_facts.questsCompleted.size();
        std::string line = m_unlockedCount == 0 ? "" : std::to_string(m_unlockedCount) + (m_unlockedCount == 1 ? " achievement unlocked" : " achievements unlocked");
        if (quests > 0) line += (line.empty() ? "" : " \xC2\xB7 ") + std::to_string(quests) + (quests == 1 ? " quest done" : " quests done");
        if (m_facts.questBonusXp > 0) line += (line.empty() ? "" : " \xC2\xB7 ") + std::string("quest bonus earned");
        return line;
    }

    static std::string achievementLine(const model::Unlocked& a) { return a.title + " \xE2\x80\x94 " + a.description; }

    // The streak and the goal side by side. The panel is as tall as its two lines need, and
    // leaves the achievements theirs (`keep`); the rest goes to the achievements. `fill`: the
    // panel takes all of `content` (beside the achievements).
    void layoutStreak(Ui& ui, Rect& content, float gap, float keep, bool fill) {
        const float titleLine = ui.lineHeight(ui.textSize(TextSize::Title));
        const float flame = flameWidth(ui);
        const float note = noteHeight(ui, content.w);
        const float needed = titleLine + note + ui.px(4.0f) + 2.0f * ui.px(12.0f);
        const float roomy = std::min({content.h * 0.5f, ui.px(130.0f) * static_cast<float>(ui.fontScale()), content.h - keep - gap});
        const float streakHeight = fill ? content.h : std::min(content.h, std::max(needed, roomy));
        m_streakPanel = content.takeTop(streakHeight, gap);
        Rect streakInner = m_streakPanel.inset(ui.px(18.0f), ui.px(12.0f));
        m_flameRect = streakInner.takeLeft(std::min(streakInner.h * 0.8f, flame), ui.px(14.0f));
        m_streakRect = streakInner;
        m_streakNote = ui.text(streakNote(), streakInner.takeBottom(std::min(note, streakInner.h * 0.6f), ui.px(4.0f)),
                               TextSize::Body, false, Align::Left, true, 0.4f);
        m_streakTextArea = streakInner;
    }

    // The achievements unlocked, one line each, in what is left of the screen.
    void layoutAchievements(Ui& ui, const Rect& content) {
        m_achievementsPanel = content;
        m_achievements.clear();
        Rect list = content.inset(ui.px(18.0f), ui.px(12.0f));
        if (list.h > ui.lineHeight(ui.textSize(TextSize::Small))) {
            if (m_facts.achievements.empty()) {
                m_achievementsHeading = ui.text("No new achievement this time \xE2\x80\x94 every session still counts.", list,
                                                TextSize::Body, false, Align::Center, true, 0.4f);
            } else {
                m_achievementsHeading = ui.text(m_unlockedCount == 0 ? "Quests done" : m_unlockedCount < m_facts.achievements.size() ? "Unlocked and done" : "Achievements unlocked", list.takeTop(ui.lineHeight(ui.textSize(TextSize::Body)), ui.px(6.0f)),
                                                TextSize::Body, true, Align::Left, true, 0.4f);
                // Each line as tall as it wraps to, the star by its first line; a line with no
                // room left is not drawn rather than cut.
                const float row = ui.lineHeight(ui.textSize(TextSize::Body)) * 1.2f;
                for (const auto& a : m_facts.achievements) {
                    const float height = achievementHeight(ui, list.w, a);
                    if (list.h < height * 0.9f) break;
                    Rect line = list.takeTop(height);
                    Achievement shown;
                    shown.icon = line.takeLeft(row * 0.8f, ui.px(8.0f)).takeTop(row).centered(row * 0.8f, row * 0.8f);
                    shown.text = ui.text(achievementLine(a), line, TextSize::Body, false, Align::Left, true, 0.4f);
                    m_achievements.push_back(std::move(shown));
                }
                // Some left out for want of room: the heading counts them all.
                if (!m_achievements.empty() && m_achievements.size() < m_facts.achievements.size())
                    m_achievementsHeading = ui.text(countLine(), m_achievementsHeading.box, TextSize::Body, true, Align::Left, true, 0.4f);
                // No room for a single line (a small window, large text): one line that counts them.
                if (m_achievements.empty()) m_achievementsHeading = ui.text(countLine(), content.inset(ui.px(18.0f), ui.px(12.0f)), TextSize::Body,
                                                                            false, Align::Center, true, 0.4f);
            }
        } else {
            m_achievementsHeading = {};
        }
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.icon(target, Icon::Star, {m_title.runs.empty() ? 0.0f : m_title.runs[0].x - ui.px(44.0f),
                                     m_title.box.y, ui.px(34.0f), m_title.box.h}, p.xp);
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_next, p.text);
        // A level up: a ring of XP colour bursts out of the XP tile once.
        const float burst = std::clamp(m_time / 0.9f, 0.0f, 1.0f);
        if (m_facts.levelAfter > m_facts.levelBefore && burst < 1.0f && !m_tiles.empty()) {
            const Rect& tile = m_tiles.front().rect;
            sf::Color ring = p.xp;
            ring.a = static_cast<sf::Uint8>(255.0f * (1.0f - burst));
            const float radius = tile.h * (0.4f + 0.6f * burst);
            ui.ring(target, tile.x + tile.w / 2.0f, tile.y + tile.h / 2.0f, radius, ui.px(6.0f), 1.0, ring);
        }
        for (std::size_t i = 0; i < m_tiles.size(); ++i) {
            ui.panel(target, m_tiles[i].rect);
            ui.draw(target, m_tiles[i].value, i == 0 ? p.xp : p.text);
            ui.draw(target, m_tiles[i].label, p.textMuted);
        }

        ui.panel(target, m_streakPanel);
        // The streak rolls from before to after, and the flame swells once, when extended.
        const float t = std::clamp((m_time - 0.4f) / 0.8f, 0.0f, 1.0f);
        const bool extended = m_facts.streakExtended;
        const int shown = extended && t < 0.5f ? m_facts.streakBefore : m_facts.streakAfter;
        const float swell = extended ? 1.0f + 0.18f * std::sin(t * 3.14159f) : 1.0f;
        Rect flame = m_flameRect.centered(m_flameRect.w * swell, m_flameRect.h * swell);
        ui.flame(target, flame, m_facts.streakAfter > 0, m_time);
        const std::string count = shown == 0 ? "No streak yet" : std::to_string(shown) + " day streak";
        TextBlock block = ui.text(count, m_streakTextArea, TextSize::Title, true, Align::Left, true, 0.4f);
        if (extended && t < 1.0f) {
            const float lift = (t < 0.5f ? t : t - 1.0f) * ui.px(16.0f);
            for (auto& run : block.runs) run.y -= lift;
        }
        ui.draw(target, block, p.text);
        ui.draw(target, m_streakNote, p.textMuted);

        if (!m_achievementsHeading.runs.empty() || !m_achievements.empty()) {
            ui.panel(target, m_achievementsPanel);
            ui.draw(target, m_achievementsHeading, m_facts.achievements.empty() ? p.textMuted : p.text);
            // A quest done: its star pops once (nothing moves with reduced motion: settled).
            const float pop = std::clamp((m_time - 0.3f) / 0.6f, 0.0f, 1.0f);
            for (std::size_t i = 0; i < m_achievements.size(); ++i) {
                const auto& a = m_achievements[i];
                const float grow = i >= m_unlockedCount && pop < 1.0f ? 1.0f + 0.5f * std::sin(pop * 3.14159f) : 1.0f;
                ui.icon(target, Icon::Star, a.icon.centered(a.icon.w * grow, a.icon.h * grow), i >= m_unlockedCount ? p.goal : p.xp);
                ui.draw(target, a.text, p.text);
            }
        }
        m_controls.draw(target, ui, {}, m_app.clock());
    }

    void onAction(const InputAction& action) override {
        if (action.action == Action::Back) {
            m_app.pop();
            return;
        }
        if (action.action == Action::MoveOn && !m_controls.focused()) {
            onActivate(Home);
            return;
        }
        Screen::onAction(action);
    }

    void onActivate(int id) override {
        if (id == Home) m_app.pop();
        else if (id == Trophies) m_app.push(makeTrophyRoomScreen(m_app));
        if (id == Continue) {
            m_app.pop();
            m_app.push(makeStudyScreen(m_app, model::SessionKind::Daily));
        }
        if (id == StudyMore) {
            m_app.pop();
            m_app.push(makeStudyMoreScreen(m_app));
        }
    }

private:
    std::string nextStepText(const model::HomeFacts& home) const {
        std::string line;
        if (m_facts.cram) line = "Cram earns no XP and changes no schedule. ";
        if (home.learningLater > 0) {
            line += model::comeBackText(home.learningLater, home.nextLearningDueMs, model::now().utcMs) + ".";
            return line;
        }
        const bool goalMet = m_facts.xpToday >= m_facts.dailyGoal;
        if (!goalMet && !home.canStudy && !m_facts.todayCounts)
            line += "Study more still earns XP today: more new cards, or review ahead.";
        return line;
    }

    std::string streakNote() const {
        const int goalLeft = std::max(0, m_facts.dailyGoal - m_facts.xpToday);
        if (m_facts.streakExtended) return "Streak extended \xE2\x80\x94 today counts.";
        if (goalLeft == 0) return "Today already counts. Rest well.";
        if (m_facts.todayCounts) return "Today counts: every card due today was answered.";
        if (m_facts.streakAfter == 0) return std::to_string(goalLeft) + " XP more today starts a streak.";
        return std::to_string(goalLeft) + " XP more today keeps the streak going.";
    }

    struct Tile {
        Rect rect;
        TextBlock value, label;
    };
    struct Achievement {
        Rect icon;
        TextBlock text;
    };
    model::SummaryFacts m_facts;
    std::size_t m_unlockedCount = 0;  // m_facts.achievements past this are the quests done
    float m_time = 0.0f;
    TextBlock m_title, m_streakNote, m_achievementsHeading, m_next;
    std::vector<Tile> m_tiles;
    Rect m_streakPanel, m_flameRect, m_streakRect, m_streakTextArea, m_achievementsPanel;
    std::vector<Achievement> m_achievements;
};

}  // namespace

std::unique_ptr<Screen> makeSummaryScreen(App& app, model::SummaryFacts facts) {
    return std::make_unique<SummaryScreen>(app, std::move(facts));
}

}  // namespace attune::ui
