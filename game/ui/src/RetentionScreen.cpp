// "What retention should I aim for?": a year of this player's study simulated at each desired
// retention from 70 % to 97 % (on a worker thread, its progress drawn), shown as two charts
// against retention: minutes a day (bars) and cards remembered at the end (dots). The retention
// with the least study time per card remembered is marked; arrows pick a retention, its figures
// show below, and Enter (or a click) makes it the desired retention.
#include "App.hpp"
#include "DrawList.hpp"
#include "InsightScreens.hpp"
#include "Screens.hpp"

#include <attune/model/core/CountText.hpp>
#include <attune/model/progress/Workload.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Simulator.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace attune::ui {
namespace {

enum Id { Back = 1, FirstColumn = 100 };

sf::Color blend(sf::Color a, sf::Color b, float t) {
    const auto channel = [t](sf::Uint8 x, sf::Uint8 y) {
        return static_cast<sf::Uint8>(std::lround(static_cast<float>(x) + (static_cast<float>(y) - static_cast<float>(x)) * t));
    };
    return {channel(a.r, b.r), channel(a.g, b.g), channel(a.b, b.b), 255};
}

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string percent(double retention) { return std::to_string(static_cast<int>(std::lround(retention * 100.0))) + " %"; }

std::string minutesText(double minutes) { return fixed(minutes, minutes < 10.0 ? 1 : 0) + " min"; }

/// The sweep on the worker thread. The screen reads only the atomics until `finished` is set
/// (release); the result is written before that and read after it (acquire).
struct Sweep {
    scheduler::SimulationSetup setup;
    std::vector<double> retentions = scheduler::retentionSweep();
    std::atomic<std::size_t> done{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
    scheduler::SweepResult result;

    void run() {
        result = scheduler::sweepRetention(setup, retentions, [this](std::size_t d, std::size_t) {
            done.store(d, std::memory_order_relaxed);
            return !cancel.load(std::memory_order_relaxed);
        });
        finished.store(true, std::memory_order_release);
    }
    double fraction() const {
        return static_cast<double>(done.load(std::memory_order_relaxed)) / static_cast<double>(std::max<std::size_t>(retentions.size(), 1));
    }
};

class RetentionScreen final : public Screen {
public:
    explicit RetentionScreen(App& app) : Screen(app), m_sweep(std::make_unique<Sweep>()) {
        model::Game& game = app.game();
        model::AnswerHabits habits;
        m_sweep->setup = model::workloadSetup(game.course(), game.profile().reviews(), 1, &habits);
        m_ownTimes = habits.timedAnswers >= 50;
        m_worker = std::thread([sweep = m_sweep.get()] { sweep->run(); });
        m_controls.focus(Back);
    }
    ~RetentionScreen() override {
        if (m_worker.joinable()) {
            m_sweep->cancel.store(true, std::memory_order_relaxed);
            m_worker.join();
        }
    }
    RetentionScreen(const RetentionScreen&) = delete;
    RetentionScreen& operator=(const RetentionScreen&) = delete;

    RetentionView view() const {
        RetentionView v;
        v.running = !m_done;
        v.finished = m_done;
        v.progress = m_sweep->fraction();
        v.setting = m_app.shownSettings().desiredRetention;
        if (m_done) {
            v.retentions = m_sweep->retentions;
            for (const auto& point : m_sweep->result.points) {
                v.minutesPerDay.push_back(point.minutesPerDay);
                v.remembered.push_back(point.remembered);
            }
            if (const auto best = m_sweep->result.best) v.best = m_sweep->retentions[*best];
            if (m_picked) v.picked = m_sweep->retentions[*m_picked];
        }
        return v;
    }

    void update(float /*seconds*/) override {
        // (The progress bar reads the sweep's count as it draws: no layout while it runs.)
        if (!m_done && m_sweep->finished.load(std::memory_order_acquire)) finish();
        // The figures follow the mouse over the charts, until a key moves the focus.
        if (m_controls.hovered() != m_laidOutHover) {
            m_keysPick = false;
            invalidate();
        }
    }

    /// Screenshots and tests: wait for the sweep.
    void settle() override {
        if (!m_done) finish();
    }

    void layout(const Rect& area) override {
        Ui& ui = m_app.ui();
        auto focus = m_controls.focused();
        if (!focus || *focus == Back) focus = m_focusColumn ? m_focusColumn : focus;
        m_focusColumn.reset();
        m_laidOutHover = m_controls.hovered();
        m_picked = m_keysPick ? std::nullopt : columnOf(m_laidOutHover);
        if (!m_picked) m_picked = columnOf(focus);
        m_columns.clear();
        m_controls.clear();
        m_drawn.clear();
        const float gap = ui.px(14.0f);
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const float line = ui.lineHeight(ui.textSize(TextSize::Body));
        Rect content = area.inset(ui.px(28.0f));
        content = content.centered(std::min(content.w, ui.px(1120.0f)), content.h);
        content = layoutHeader(ui, m_controls, content, Back, "What retention should I aim for?", m_title, gap);

        const scheduler::SimulationSetup& setup = m_sweep->setup;
        std::string intro = "A year of study simulated at each desired retention: ";
        if (!setup.cards.empty()) intro += "your " + model::countText(static_cast<std::int64_t>(setup.cards.size())) + " cards as they are today, ";
        intro += setup.newCardsLeft > 0 ? model::countText(setup.newCardsLeft) + " new at " + std::to_string(setup.newCardsPerDay) + " a day, "
                                        : std::string("no new cards left, ");
        intro += m_ownTimes ? "with your own answer times." : "with typical answer times until yours are known.";
        const std::string hint = "\xE2\x86\x90 \xE2\x86\x92 pick a retention \xC2\xB7 Enter or click: use it \xC2\xB7 Esc: back";
        m_drawn.text(ui, hint, content.takeBottom(small, ui.px(6.0f)), TextSize::Small, false, true, Align::Center);

        if (!m_done || !m_sweep->result.best) {
            m_drawn.text(ui, intro, content.takeTop(ui.textHeight(intro, content.w, TextSize::Body), gap), TextSize::Body, false, true,
                 Align::Left, false);
            Rect middle = content.centered(content.w, line * 2.0f + ui.px(40.0f));
            if (m_done) {
                m_drawn.text(ui, "Nothing to simulate yet: no card is studied and none is left to introduce.", middle, TextSize::Body, false,
                     false, Align::Center, false);
            } else {
                m_drawn.text(ui, "Simulating a year at " + std::to_string(m_sweep->retentions.size()) + " retentions\xE2\x80\xA6",
                     middle.takeTop(line, ui.px(12.0f)), TextSize::Body, true, false);
                m_barRect = middle.takeTop(ui.px(18.0f));
            }
            if (focus) m_controls.focus(*focus);
            return;
        }

        // The figures of the picked retention, under the charts.
        const auto& points = m_sweep->result.points;
        const std::size_t picked = m_picked.value_or(*m_sweep->result.best);
        const auto& p = points[picked];
        const auto& best = points[*m_sweep->result.best];
        const std::string reviews = fixed(p.reviewsPerDay, 0);
        std::string figures = "At " + percent(p.desiredRetention) + ": " + minutesText(p.minutesPerDay) + " and " + reviews +
                              (reviews == "1" ? " review" : " reviews") + " a day \xC2\xB7 " + model::countText(std::llround(p.remembered)) +
                              " cards remembered after a year \xC2\xB7 " + fixed(p.minutesPerRemembered, 2) + " min per card remembered";
        const std::string yours =
            m_appliedText.empty() ? "Yours: " + percent(m_app.shownSettings().desiredRetention) + "." : m_appliedText;
        std::string verdict = "Best: " + percent(best.desiredRetention) + ", the least study time per card remembered. " + yours;
        // The charts keep a readable height: the texts go down to the small size, then the
        // introduction gives way.
        const float chartsMinimum = small * 4.0f + 2.0f * std::max(small * 2.5f, ui.px(60.0f));
        const float spare = content.h - chartsMinimum;
        float size = TextSize::Body;
        bool withIntro = true;
        const auto textsHeight = [&](float designed, bool intro_) {
            return ui.textHeight(figures, content.w, designed) + ui.textHeight(verdict, content.w, designed, true) + gap * 2.0f +
                   (intro_ ? ui.textHeight(intro, content.w, designed) + gap : 0.0f);
        };
        if (textsHeight(size, true) > spare) size = TextSize::Small;
        if (textsHeight(size, true) > spare) withIntro = false;
        // Large text in a small window: the figures in their shortest words.
        if (textsHeight(size, false) > spare) {
            figures = "At " + percent(p.desiredRetention) + ": " + minutesText(p.minutesPerDay) + " a day \xC2\xB7 " +
                      model::countText(std::llround(p.remembered)) + " remembered";
            verdict = "Best: " + percent(best.desiredRetention) + ". " + yours;
        }
        if (withIntro)
            m_drawn.text(ui, intro, content.takeTop(ui.textHeight(intro, content.w, size), gap), size, false, true, Align::Left, false);
        m_drawn.text(ui, verdict, content.takeBottom(ui.textHeight(verdict, content.w, size, true), ui.px(4.0f)), size, true, false,
             Align::Left, false);
        m_drawn.text(ui, figures, content.takeBottom(ui.textHeight(figures, content.w, size), gap), size, false, false, Align::Left, false);
        layoutCharts(ui, content);
        if (focus) m_controls.focus(*focus);
    }

    void draw(sf::RenderTarget& target) override {
        Ui& ui = m_app.ui();
        const Palette& p = ui.palette();
        m_controls.draw(target, ui, {}, m_app.clock());
        // The columns are controls only for the mouse and the focus: the charts cover their
        // buttons, and the hovered and focused columns are marked here.
        if (!m_columns.empty()) {
            const Rect& first = m_columns.front();
            ui.box(target, {first.x - ui.px(6.0f), first.y - ui.px(6.0f), m_columns.back().right() - first.x + ui.px(12.0f),
                            first.h + ui.px(12.0f)}, p.background, 0.0f);
            if (const auto hovered = columnOf(m_controls.hovered()))
                ui.box(target, m_columns[*hovered], p.surface, ui.px(6.0f));
            // The focused column: a band in the focus colour behind its bar and dot.
            if (const auto focused = columnOf(m_controls.focused())) {
                ui.box(target, m_columns[*focused], blend(p.background, p.focus, 0.28f), ui.px(6.0f));
                const Rect& c = m_columns[*focused];
                ui.box(target, {c.x, c.bottom() - ui.px(4.0f), c.w, ui.px(4.0f)}, p.focus, 0.0f);
            }
        }
        m_drawn.drawShapes(target, ui);
        if (!m_done) ui.bar(target, m_barRect, m_sweep->fraction(), p.accent);
        m_drawn.drawTexts(target, ui);
        ui.draw(target, m_title, p.text);
    }

    void onAction(const InputAction& action) override {
        m_keysPick = true;
        Screen::onAction(action);
        invalidate();
    }

    void onActivate(int id) override {
        if (id == Back) {
            m_app.pop();
            return;
        }
        if (!m_done || id < FirstColumn) return;
        const auto column = static_cast<std::size_t>(id - FirstColumn);
        if (column < m_sweep->retentions.size()) use(m_sweep->retentions[column]);
    }

private:


    void finish() {
        m_worker.join();
        m_done = true;
        // Start on the player's own retention when the sweep has it, else on the best one.
        const double setting = m_app.shownSettings().desiredRetention;
        std::optional<std::size_t> start = m_sweep->result.best;
        for (std::size_t i = 0; i < m_sweep->result.points.size(); ++i)
            if (std::abs(m_sweep->retentions[i] - setting) < 0.005) start = i;
        if (start) m_focusColumn = FirstColumn + static_cast<int>(*start);
        invalidate();
    }

    /// The retention a control id stands for, if it is a column of the charts.
    std::optional<std::size_t> columnOf(std::optional<int> id) const {
        if (!m_done || !id || *id < FirstColumn || static_cast<std::size_t>(*id - FirstColumn) >= m_sweep->result.points.size())
            return std::nullopt;
        return static_cast<std::size_t>(*id - FirstColumn);
    }

    void layoutCharts(Ui& ui, Rect area) {
        const Palette& p = ui.palette();
        const auto& points = m_sweep->result.points;
        const std::size_t bestIndex = *m_sweep->result.best;
        const float small = ui.lineHeight(ui.textSize(TextSize::Small));
        const float gap = ui.px(8.0f);
        double peakMinutes = 0.0, least = points.front().remembered, most = points.front().remembered;
        for (const auto& point : points) {
            peakMinutes = std::max(peakMinutes, point.minutesPerDay);
            least = std::min(least, point.remembered);
            most = std::max(most, point.remembered);
        }
        const std::string top = minutesText(peakMinutes);
        const std::string high = model::countText(std::llround(most));
        const std::string low = model::countText(std::llround(least));
        const unsigned smallSize = ui.textSize(TextSize::Small);
        const float axisW = std::max({ui.width(top, smallSize, false), ui.width(high, smallSize, false), ui.width(low, smallSize, false)}) +
                            ui.px(8.0f);

        Rect xTitle = area.takeBottom(small);
        Rect xLabels = area.takeBottom(small, ui.px(4.0f));
        const float plotsH = area.h - 2.0f * small - 2.0f * gap;
        Rect minutesTitle = area.takeTop(small);
        Rect minutesPlot = area.takeTop(std::max(plotsH * 0.5f, 0.0f), gap);
        Rect rememberedTitle = area.takeTop(small);
        Rect rememberedPlot = area;

        const auto afterAxis = [axisW](Rect r) {
            r.takeLeft(axisW);
            return r;
        };
        m_drawn.text(ui, "Minutes of study a day", afterAxis(minutesTitle), TextSize::Small, true, false);
        m_drawn.text(ui, "Cards remembered at the end of the year", afterAxis(rememberedTitle), TextSize::Small, true, false);
        m_drawn.text(ui, "Desired retention", afterAxis(xTitle), TextSize::Small, true, false, Align::Center);
        // Y scales: minutes from 0, cards remembered between the least and the most.
        const auto axisOf = [&](const Rect& plot) { return Rect{plot.x, plot.y, axisW - ui.px(6.0f), plot.h}; };
        const Rect minutesAxis = axisOf(minutesPlot);
        const float barRoom = std::max(minutesPlot.h - small, 0.0f);  // room above the tallest bar for "best"
        if (barRoom >= 1.5f * small) {
            // The peak's label level with the tallest bar's top.
            m_drawn.text(ui, top, {minutesAxis.x, minutesAxis.bottom() - barRoom - small / 2.0f, minutesAxis.w, small}, TextSize::Small, false,
                 true, Align::Right);
            m_drawn.text(ui, "0", {minutesAxis.x, minutesAxis.bottom() - small, minutesAxis.w, small}, TextSize::Small, false, true, Align::Right);
        }
        const Rect rememberedAxis = axisOf(rememberedPlot);
        if (rememberedAxis.h >= 2.0f * small) {
            m_drawn.text(ui, high, {rememberedAxis.x, rememberedAxis.y, rememberedAxis.w, small}, TextSize::Small, false, true, Align::Right);
            m_drawn.text(ui, low, {rememberedAxis.x, rememberedAxis.bottom() - small, rememberedAxis.w, small}, TextSize::Small, false, true,
                 Align::Right);
        }
        minutesPlot.takeLeft(axisW);
        rememberedPlot.takeLeft(axisW);
        xLabels.takeLeft(axisW);
        const float hair = std::max(1.0f, ui.px(1.5f));
        m_drawn.fill({minutesPlot.x, minutesPlot.bottom(), minutesPlot.w, hair}, p.border);
        m_drawn.fill({rememberedPlot.x, rememberedPlot.bottom(), rememberedPlot.w, hair}, p.border);

        const float slot = minutesPlot.w / static_cast<float>(points.size());
        const float dot = std::max(4.0f, std::min(slot * 0.5f, ui.px(10.0f)));
        const float bestWidth = ui.width("best", smallSize, true) + ui.px(4.0f);
        for (std::size_t i = 0; i < points.size(); ++i) {
            const float x = minutesPlot.x + slot * static_cast<float>(i);
            const bool isBest = i == bestIndex;
            const sf::Color colour = isBest ? p.goal : p.accent;
            // One control per retention across both charts: the mouse and the focus ring pick it.
            const Rect column{x, minutesTitle.y, slot, rememberedPlot.bottom() - minutesTitle.y};
            m_controls.add(Control(FirstColumn + static_cast<int>(i), column, "").withStyle(ButtonStyle::Quiet), ui);
            m_columns.push_back(column);
            const float h = peakMinutes > 0.0 ? static_cast<float>(points[i].minutesPerDay / peakMinutes) * barRoom : 0.0f;
            if (h > 0.0f) m_drawn.fill({x + slot * 0.2f, minutesPlot.bottom() - h, slot * 0.6f, h}, colour, std::min(slot * 0.2f, ui.px(3.0f)));
            if (isBest) {
                const float left = std::clamp(x + slot / 2.0f - bestWidth / 2.0f, minutesPlot.x, minutesPlot.right() - bestWidth);
                m_drawn.text(ui, "best", {left, minutesPlot.bottom() - h - small, bestWidth, small}, TextSize::Small, true, false, Align::Center);
            }
            const double share = most > least ? (points[i].remembered - least) / (most - least) : 0.5;
            const float y = rememberedPlot.bottom() - dot - static_cast<float>(share) * std::max(rememberedPlot.h - dot, 0.0f);
            m_drawn.fill({x + (slot - dot) / 2.0f, y, dot, dot}, colour, dot / 2.0f);
            // Every fifth retention named under the charts.
            const int whole = static_cast<int>(std::lround(points[i].desiredRetention * 100.0));
            if (whole % 5 == 0) {
                const std::string label = percent(points[i].desiredRetention);
                const float w = ui.width(label, smallSize, false) + ui.px(4.0f);
                const float left = std::clamp(x + slot / 2.0f - w / 2.0f, xLabels.x, xLabels.right() - w);
                m_drawn.text(ui, label, {left, xLabels.y, w, xLabels.h}, TextSize::Small, false, true, Align::Center);
            }
        }
    }

    void use(double retention) {
        model::Settings settings = m_app.shownSettings();
        settings.desiredRetention = retention;
        if (const model::SaveResult saved = m_app.game().saveSettings(settings); !saved.ok) {
            m_app.toast("Could not save the settings: " + saved.message, 6.0f);
            return;
        }
        m_app.applySettings(settings);
        m_appliedText = "Your desired retention is now " + percent(retention) + ".";
        m_app.toast("Desired retention set to " + percent(retention) + ".", 3.0f);
        invalidate();
    }

    std::unique_ptr<Sweep> m_sweep;
    std::thread m_worker;
    bool m_done = false;
    bool m_ownTimes = false;  // enough timed answers in the log to speak of the player's own times
    std::optional<int> m_focusColumn;  // focused at the next layout (when the sweep ends)
    std::optional<int> m_laidOutHover;
    bool m_keysPick = false;              // the last pick was by key: the focus, not the mouse, decides
    std::optional<std::size_t> m_picked;  // the retention whose figures are shown
    std::vector<Rect> m_columns;          // one per retention, across both charts
    TextBlock m_title;
    Rect m_barRect;
    DrawList m_drawn;
    std::string m_appliedText;
};

}  // namespace

std::optional<RetentionView> retentionView(Screen& screen) {
    if (const auto* retention = dynamic_cast<const RetentionScreen*>(&screen)) return retention->view();
    return std::nullopt;
}

std::unique_ptr<Screen> makeRetentionScreen(App& app) { return std::make_unique<RetentionScreen>(app); }

}  // namespace attune::ui
