// The trophy room: every achievement of the game's data, earned ones with the day they were
// earned (in the player's time zone), the others with how far along the player is, hidden ones
// as "?" until earned. Everything comes from the progress derived from the log.
#include "InsightScreens.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/progress/Progress.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace attune::ui {
namespace {

enum Id { Back = 1, FirstTrophy = 100 };

constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/// "12 Jun 2026": the local calendar date of a moment at a UTC offset.
std::string localDate(std::int64_t utcMs, std::int32_t offsetSeconds) {
    const std::int64_t localMs = utcMs + static_cast<std::int64_t>(offsetSeconds) * 1000;
    const auto day = static_cast<std::int64_t>(std::floor(static_cast<double>(localMs) / 86400000.0));
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
    return std::to_string(static_cast<unsigned>(date.day())) + " " + kMonths[static_cast<unsigned>(date.month()) - 1] + " " +
           std::to_string(static_cast<int>(date.year()));
}

/// The unit a condition counts in, for "14 / 30 days".
const char* unitOf(model::AchievementCondition condition, std::int64_t target) {
    using C = model::AchievementCondition;
    switch (condition) {
    case C::ReviewsTotal: case C::EarlyBird: case C::NightOwl: return target == 1 ? "answer" : "answers";
    case C::CardsLearned: return target == 1 ? "card learned" : "cards learned";
    case C::StreakDays: case C::GoalDays: case C::Comeback: return target == 1 ? "day" : "days";
    case C::XpTotal: return "XP";
    case C::Level: return "";
    case C::TopicsMastered: return target == 1 ? "topic" : "topics";
    case C::PerfectRun: return "in a row";
    case C::DeckAuthored: case C::DecksIntroduced: return target == 1 ? "deck" : "decks";
    case C::CourseMastered: return "topics mastered";
    }
    return "";
}

struct Trophy {
    std::string title, description, status;
    bool earned = false, secret = false;
    double fraction = 0.0;
};

class TrophyRoomScreen final : public Screen {
public:
    explicit TrophyRoomScreen(App& app) : Screen(app) { load(); }

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
        content = content.centered(std::min(content.w, ui.px(1040.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "Trophy room", m_title, gap);
        m_hint = content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Small)), ui.px(4.0f));
        const Rect countLine = content.takeTop(ui.textHeight(m_countText, content.w, TextSize::Body), ui.px(10.0f));
        m_count = ui.text(m_countText, countLine, TextSize::Body, false, Align::Left, true, 0.6f);
        listRows(ui, content);
        if (focus)
            for (const auto& row : m_rows)
                if (row.id == *focus) m_list.reveal(row.offset, row.height);
        m_list.clamp();
        placeRows(ui);
        const bool more = m_list.scroll + m_list.view.h < m_list.content - 1.0f;
        m_hintText = ui.text(more ? "More below \xE2\x80\x94 Tab, arrows or scroll" : "", m_hint, TextSize::Small, false,
                             Align::Center, true, 0.5f);
        m_controls.focus(focus.value_or(Back));
        if (!m_controls.focused()) m_controls.focus(Back);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        ui.draw(target, m_title, p.text);
        ui.draw(target, m_count, p.textMuted);
        ui.draw(target, m_hintText, p.textMuted);
        m_controls.draw(target, ui, {}, m_app.clock());
        for (const auto& row : m_rows) {
            if (row.hidden) continue;
            const Trophy& t = m_trophies[row.index];
            ui.box(target, row.badge, t.earned ? p.goal : p.track, row.badge.w / 2.0f);
            if (t.earned) ui.icon(target, Icon::Star, row.badge.inset(row.badge.w * 0.2f), p.onAccent);
            else ui.draw(target, row.badgeText, p.textMuted);
            ui.draw(target, row.title, t.earned ? p.text : p.textMuted);
            ui.draw(target, row.description, p.textMuted);
            ui.draw(target, row.status, t.earned ? p.text : p.textMuted);
            if (!t.earned && !t.secret && row.bar.w > 0.0f) ui.bar(target, row.bar, t.fraction, p.xp);
        }
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
        if (id == Back) m_app.pop();
    }

private:
    struct Row {
        int id = 0;
        std::size_t index = 0;
        float offset = 0.0f, height = 0.0f;
        Rect rect, badge, bar;
        bool hidden = false;
        TextBlock badgeText, title, description, status;
    };

    // Each row as tall as its wrapped texts need (large text, small windows).
    void listRows(Ui& ui, const Rect& content) {
        const unsigned body = ui.textSize(TextSize::Body);
        const float side = ui.lineHeight(body) * 1.6f;
        const float textWidth = content.w - 2.0f * ui.px(16.0f) - side - ui.px(14.0f);
        const float rowGap = ui.px(8.0f);
        m_list.view = content;
        m_rows.clear();
        float offset = 0.0f;
        for (std::size_t i = 0; i < m_trophies.size(); ++i) {
            const Trophy& t = m_trophies[i];
            Row row;
            row.id = FirstTrophy + static_cast<int>(i);
            row.index = i;
            row.offset = offset;
            const float texts = ui.textHeight(t.title, textWidth, TextSize::Body, true) + ui.textHeight(t.description, textWidth, TextSize::Small) +
                                ui.textHeight(t.status, textWidth, TextSize::Small) + ui.px(10.0f) + barHeight(ui);
            row.height = std::ceil(std::max(side, texts) + ui.px(16.0f));
            offset += row.height + rowGap;
            m_rows.push_back(row);
        }
        m_list.content = std::max(0.0f, offset - rowGap);
    }

    float barHeight(const Ui& ui) const { return std::max(4.0f, ui.px(6.0f)); }

    void placeRows(Ui& ui) {
        const unsigned body = ui.textSize(TextSize::Body);
        for (auto& row : m_rows) {
            const Trophy& t = m_trophies[row.index];
            row.rect = m_list.place(row.offset, row.height);
            row.hidden = !m_list.shows(row.rect);
            m_controls.add(Control(row.id, row.rect, "").hiddenIf(row.hidden), ui);
            Rect inner = row.rect.inset(ui.px(16.0f), ui.px(8.0f));
            const float side = std::min(ui.lineHeight(body) * 1.6f, inner.h);
            row.badge = inner.takeLeft(side, ui.px(14.0f)).centered(side, side);
            row.badgeText = ui.text(t.secret ? "?" : "\xE2\x80\xA6", row.badge, TextSize::Large, true, Align::Center, true, 0.5f);
            row.title = ui.text(t.title, inner.takeTop(ui.textHeight(t.title, inner.w, TextSize::Body, true), ui.px(2.0f)), TextSize::Body,
                                true, Align::Left, false, 0.6f);
            row.description = ui.text(t.description, inner.takeTop(ui.textHeight(t.description, inner.w, TextSize::Small), ui.px(2.0f)),
                                      TextSize::Small, false, Align::Left, false, 0.6f);
            row.status = ui.text(t.status, inner.takeTop(ui.textHeight(t.status, inner.w, TextSize::Small), ui.px(4.0f)), TextSize::Small,
                                 t.earned, Align::Left, false, 0.6f);
            row.bar = inner.takeTop(barHeight(ui));
            row.bar.w = std::min(row.bar.w, ui.px(360.0f));
        }
    }

    void load() {
        const model::CourseProgress& p = m_app.game().course();
        const auto standings =
            model::achievementStandings(p.achievementDefinitions, p.milestones, model::standingInputOf(p));
        m_trophies.clear();
        int earned = 0;
        for (const model::AchievementStanding& s : standings) {
            Trophy t;
            t.earned = s.earnedAtMs.has_value();
            t.secret = s.definition->hidden && !t.earned;
            earned += t.earned ? 1 : 0;
            if (t.secret) {
                t.title = "?";
                t.description = "A hidden achievement: keep studying to find it.";
                t.status = "Not earned yet";
            } else {
                t.title = s.definition->title;
                t.description = s.definition->description;
                if (t.earned) {
                    t.status = "Earned " + localDate(*s.earnedAtMs, p.now.utcOffsetSeconds);
                } else if (s.definition->condition == model::AchievementCondition::Level) {
                    t.status = "Level " + std::to_string(s.progress) + " of " + std::to_string(s.target);
                } else {
                    const std::string unit = unitOf(s.definition->condition, s.target);
                    t.status = model::countText(s.progress) + " / " + model::countText(s.target) + (unit.empty() ? "" : " " + unit);
                }
                t.fraction = s.target > 0 ? static_cast<double>(s.progress) / static_cast<double>(s.target) : 0.0;
            }
            m_trophies.push_back(std::move(t));
        }
        m_countText = std::to_string(earned) + " of " + std::to_string(standings.size()) + " earned";
    }

    std::vector<Trophy> m_trophies;
    std::vector<Row> m_rows;
    ScrollArea m_list;
    std::string m_countText;
    TextBlock m_title, m_count, m_hintText;
    Rect m_hint;
};

}  // namespace

std::unique_ptr<Screen> makeTrophyRoomScreen(App& app) { return std::make_unique<TrophyRoomScreen>(app); }

}  // namespace attune::ui
