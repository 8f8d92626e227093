// Settings: desired retention, daily new and review limits, daily goal, day-start hour, theme,
// text size, sound, reduced motion, load balancing, easy days, siblings apart. Each change is saved to the profile at once and applied live.
// "What retention should I aim for?" opens the workload simulator (RetentionScreen.cpp).
// "Optimize for my memory" fits the memory model to the profile's own answers on a worker thread
// (the window keeps drawing its progress), shows log loss and RMSE(bins) before and after, and
// Apply stores the parameters so the course is scheduled with them.
#include "App.hpp"
#include "Screens.hpp"

#include <attune/model/history/OptimizerItems.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Optimizer.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

namespace attune::ui {
namespace {

enum Row {
    Retention, NewCards, Reviews, Goal, DayStart, ThemeRow, TextScale, Sound, Motion, Balance, Siblings,
    FirstEasyDay, LastEasyDay = FirstEasyDay + 6, LeechLapses, LeechActionRow, RowCount
};
constexpr int kBack = 1;
constexpr int kOptimize = 2;
constexpr int kApply = 3;
constexpr int kSimulate = 4;
constexpr int kOptimizerRow = RowCount;  // drawn after the settings rows
constexpr int kSimulatorRow = RowCount + 1;
constexpr int kFirstRowId = 100;  // row r: minus = 100 + 2r, plus (or toggle) = 101 + 2r

bool isStepper(int row) { return (row <= TextScale && row != ThemeRow) || row == LeechLapses; }

const char* const kWeekdays[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

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
    case Balance: return "Load balancing";
    case Siblings: return "Related cards on different days";
    case LeechLapses: return "A leech after forgetting";
    case LeechActionRow: return "Leeches are";
    default: return "";
    }
}

std::string rowName(int row) {
    if (row >= FirstEasyDay && row <= LastEasyDay) return std::string("Easy days: ") + kWeekdays[row - FirstEasyDay];
    return rowLabel(row);
}

const char* easyDayLabel(model::EasyDay day) {
    switch (day) {
    case model::EasyDay::Normal: return "Normal";
    case model::EasyDay::Reduced: return "Reduced";
    case model::EasyDay::Minimum: return "Minimum";
    }
    return "Normal";
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

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

/// One fit on the worker thread. The screen reads only the atomics until `finished` is set
/// (release); the results are written before that and read after it (acquire).
struct Fit {
    scheduler::TrainingSet set;
    std::size_t answers = 0;
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> total{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
    scheduler::OptimizerResult result;
    scheduler::Metrics before, after;
    std::optional<scheduler::HeldOutCheck> heldOut;  // the gain on answers the fit never saw

    void run() {
        // One bar over both fits: the whole history, then the earliest 80 % for the check.
        const bool withCheck = set.items.size() >= scheduler::kHeldOutMinimumItems;
        const auto progressFrom = [this, withCheck](bool second) {
            return [this, withCheck, second](std::size_t d, std::size_t t) {
                total.store(withCheck ? 2 * t : t, std::memory_order_relaxed);
                done.store(second ? t + d : d, std::memory_order_relaxed);
                return !cancel.load(std::memory_order_relaxed);
            };
        };
        scheduler::OptimizerSettings settings;
        settings.progress = progressFrom(false);
        result = scheduler::optimize(set, settings);
        if (!cancel.load(std::memory_order_relaxed)) {
            before = scheduler::evaluate(scheduler::Parameters::defaults(), set);
            after = scheduler::evaluate(result.parameters, set);
            if (result.trained && withCheck) {
                settings.progress = progressFrom(true);
                heldOut = scheduler::heldOutCheck(set, settings);
            }
        }
        finished.store(true, std::memory_order_release);
    }

    double fraction() const {
        const std::size_t t = total.load(std::memory_order_relaxed);
        const std::size_t d = done.load(std::memory_order_relaxed);
        return t == 0 ? 0.0 : std::clamp(static_cast<double>(d) / static_cast<double>(t), 0.0, 1.0);
    }
};

enum class FitPhase { Idle, Fitting, Done, Applied };

class SettingsScreen final : public Screen {
public:
    // Starts from what is on screen (a --theme or --font-scale of this run included): what the
    // player sees is what a change saves.
    explicit SettingsScreen(App& app) : Screen(app), m_settings(app.shownSettings()) {
        m_controls.focus(kFirstRowId);
    }

    ~SettingsScreen() override {
        if (m_worker.joinable()) {
            m_fit->cancel.store(true, std::memory_order_relaxed);
            m_worker.join();
        }
    }
    SettingsScreen(const SettingsScreen&) = delete;
    SettingsScreen& operator=(const SettingsScreen&) = delete;

    /// Back from the retention screen, which may have changed the desired retention.
    void resumed() override {
        m_settings = m_app.shownSettings();
        invalidate();
    }

    void update(float /*seconds*/) override {
        if (m_phase != FitPhase::Fitting || !m_fit->finished.load(std::memory_order_acquire)) return;
        m_worker.join();
        m_phase = FitPhase::Done;
        if (m_fit->result.trained) m_controls.focus(kApply);
        invalidate();
    }

    OptimizerView optimizerState() const {
        OptimizerView view;
        view.fitting = m_phase == FitPhase::Fitting;
        view.finished = m_phase == FitPhase::Done || m_phase == FitPhase::Applied;
        view.applied = m_phase == FitPhase::Applied;
        view.progress = m_fit ? m_fit->fraction() : 0.0;
        if (view.finished) {
            view.trained = m_fit->result.trained;
            view.note = m_fit->result.note;
            view.logLossBefore = m_fit->before.logLoss;
            view.logLossAfter = m_fit->after.logLoss;
            view.rmseBinsBefore = m_fit->before.rmseBins;
            view.rmseBinsAfter = m_fit->after.rmseBins;
            if (m_fit->heldOut) {
                view.heldOutItems = m_fit->heldOut->heldOutItems;
                view.heldOutLogLossDefaults = m_fit->heldOut->defaults.logLoss;
                view.heldOutLogLossFitted = m_fit->heldOut->fitted.logLoss;
            }
        }
        view.applyShown = m_phase == FitPhase::Done && m_fit->result.trained;
        const auto focus = m_controls.focused();
        view.optimizeFocused = focus == kOptimize;
        view.applyFocused = focus == kApply;
        return view;
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
        m_panelShown = m_phase != FitPhase::Idle;
        if (m_panelShown) layoutPanel(ui, content.takeBottom(ui.lineHeight(ui.textSize(TextSize::Body)) * 2.0f + buttonHeight(ui) + ui.px(40.0f), gap));
        m_list = content;

        const float rowHeight = buttonHeight(ui);
        const float total = static_cast<float>(kSimulatorRow + 1) * (rowHeight + gap) - gap;
        // The optimizer action keeps its row in view while the panel below takes space.
        if (focus == kOptimize) m_scroll = std::max(m_scroll, total - m_list.h);
        m_scroll = std::clamp(m_scroll, 0.0f, std::max(0.0f, total - m_list.h));
        const float square = rowHeight;
        const float toggleWidth = std::max(ui.width("High contrast", ui.textSize(TextSize::Body), true) + ui.px(40.0f), square * 2.0f + gap);
        for (int row = 0; row <= kSimulatorRow; ++row) {
            Rect r{m_list.x, m_list.y + static_cast<float>(row) * (rowHeight + gap) - m_scroll, m_list.w, rowHeight};
            const bool hidden = !m_list.encloses(r);
            RowView view;
            view.rect = r;
            view.hidden = hidden;
            Rect inner = r;
            if (row == kSimulatorRow) {
                // The workload simulator: its question is the whole row.
                m_controls.add(Control(kSimulate, inner, "What retention should I aim for?").hiddenIf(hidden), ui);
                m_rows.push_back(std::move(view));
                continue;
            }
            if (row == kOptimizerRow) {
                // The action's label is long: it takes most of the row at every text size.
                Rect button = inner.takeRight(inner.w * 0.6f, gap);
                m_controls.add(Control(kOptimize, button, "Optimize for my memory").enabledIf(m_phase != FitPhase::Fitting).hiddenIf(hidden), ui);
                view.label = ui.text(m_app.game().profile().optimizerParameters() ? "Memory model: yours" : "Memory model: default",
                                     inner.inset(ui.px(4.0f), 0.0f), TextSize::Body, false, Align::Left, true, 0.5f);
                m_rows.push_back(std::move(view));
                continue;
            }
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
            view.label = ui.text(rowName(row), inner.inset(ui.px(4.0f), 0.0f), TextSize::Body, false, Align::Left, true, 0.5f);
            m_rows.push_back(std::move(view));
        }
        m_moreBelow = !m_rows.empty() && m_rows.back().hidden;
        if (m_panelShown && m_phase == FitPhase::Done && m_fit->result.trained)
            m_controls.add(Control(kApply, m_applyRect, "Apply").withStyle(ButtonStyle::Primary), ui);
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
        if (m_panelShown) {
            ui.panel(target, m_panel);
            ui.draw(target, m_panelTitle, p.text);
            if (m_phase == FitPhase::Fitting) {
                ui.bar(target, m_barRect, m_fit->fraction(), p.accent);
            } else {
                for (const auto& block : m_panelLines) ui.draw(target, block, p.text);
                ui.draw(target, m_panelStatus, p.textMuted);
            }
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
        if (id == kOptimize) {
            startFit();
            return;
        }
        if (id == kApply) {
            apply();
            return;
        }
        if (id == kSimulate) {
            m_app.push(makeRetentionScreen(m_app));
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
        case Balance: return m_settings.loadBalancing ? "On" : "Off";
        case Siblings: return m_settings.siblingsApart ? "On" : "Off";
        case LeechLapses: return std::to_string(m_settings.leechLapses) + " times";
        case LeechActionRow: return m_settings.leechAction == model::LeechAction::SetAside ? "Set aside" : "Only marked";
        default:
            if (row >= FirstEasyDay && row <= LastEasyDay) return easyDayLabel(m_settings.easyDays[static_cast<std::size_t>(row - FirstEasyDay)]);
            return {};
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
        case Balance: s.loadBalancing = !s.loadBalancing; break;
        case Siblings: s.siblingsApart = !s.siblingsApart; break;
        case LeechLapses: s.leechLapses = std::clamp(s.leechLapses + d, model::kLeechLapsesLowest, model::kLeechLapsesHighest); break;
        case LeechActionRow:
            s.leechAction = s.leechAction == model::LeechAction::SetAside ? model::LeechAction::Mark : model::LeechAction::SetAside;
            break;
        default: {
            if (row < FirstEasyDay || row > LastEasyDay) return;
            model::EasyDay& day = s.easyDays[static_cast<std::size_t>(row - FirstEasyDay)];
            day = day == model::EasyDay::Normal  ? model::EasyDay::Reduced
                : day == model::EasyDay::Reduced ? model::EasyDay::Minimum
                                                 : model::EasyDay::Normal;
            break;
        }
        }
        if (const model::SaveResult saved = m_app.game().saveSettings(s); !saved.ok)
            m_app.toast("Could not save the settings: " + saved.message, 6.0f);
        m_app.applySettings(s);
        if (row == Sound && s.sound) m_app.audio().play(Effect::Reveal);
        invalidate();
    }

    void startFit() {
        if (m_phase == FitPhase::Fitting) return;
        m_fit = std::make_unique<Fit>();
        const model::Profile& profile = m_app.game().profile();
        model::ProfileTrainingItems items =
            model::profileTrainingItems(profile.reviews(), std::clamp(profile.settings().dayStartHour, 0, 23));
        m_fit->set = std::move(items.set);
        m_fit->answers = items.answers;
        m_phase = FitPhase::Fitting;
        m_worker = std::thread([fit = m_fit.get()] { fit->run(); });
        invalidate();
    }

    void apply() {
        if (m_phase != FitPhase::Done || !m_fit->result.trained) return;
        const auto& values = m_fit->result.parameters.values();
        const model::SaveResult saved =
            m_app.game().saveOptimizerParameters(std::vector<double>(values.begin(), values.end()));
        if (!saved.ok) {
            m_app.toast("Could not store the parameters: " + saved.message, 6.0f);
            return;
        }
        m_phase = FitPhase::Applied;
        m_controls.focus(kOptimize);
        m_app.toast("Your course is now scheduled with your own memory model.", 4.0f);
        invalidate();
    }

    void layoutPanel(Ui& ui, const Rect& area) {
        m_panel = area;
        Rect inner = area.inset(ui.px(16.0f), ui.px(12.0f));
        const float line = ui.lineHeight(ui.textSize(TextSize::Body));
        m_panelLines.clear();
        m_panelStatus = {};
        if (m_phase == FitPhase::Fitting) {
            m_panelTitle = ui.text("Fitting the memory model to your " + std::to_string(m_fit->answers) + " answers\xE2\x80\xA6",
                                   inner.takeTop(line, ui.px(10.0f)), TextSize::Body, true, Align::Left, true, 0.5f);
            m_barRect = inner.takeTop(ui.px(18.0f), 0.0f);
            return;
        }
        const auto& fit = *m_fit;
        if (!fit.result.trained) {
            m_panelTitle = ui.text(fit.result.note.empty() ? std::string("Not enough history yet: the default memory model stays.")
                                                          : "Not enough history yet: " + fit.result.note + ".",
                                   inner, TextSize::Body, false, Align::Left, true, 0.5f);
            return;
        }
        Rect numbers = inner;
        Rect action = numbers.takeRight(std::min(numbers.w * 0.4f, ui.width("Apply", ui.textSize(TextSize::Body), true) + ui.px(220.0f)), ui.px(16.0f));
        m_panelTitle = ui.text("Log loss " + fixed(fit.before.logLoss, 4) + " \xE2\x86\x92 " + fixed(fit.after.logLoss, 4),
                               numbers.takeTop(line, ui.px(4.0f)), TextSize::Body, true, Align::Left, true, 0.5f);
        m_panelLines.push_back(ui.text("RMSE(bins) " + fixed(fit.before.rmseBins * 100.0, 2) + " % \xE2\x86\x92 " +
                                           fixed(fit.after.rmseBins * 100.0, 2) + " %",
                                       numbers.takeTop(line, ui.px(4.0f)), TextSize::Body, false, Align::Left, true, 0.5f));
        if (fit.heldOut) {
            // The honest figure: fitted on the earlier answers, judged on later ones it never saw.
            m_panelLines.push_back(ui.text("On your latest " + std::to_string(fit.heldOut->heldOutItems) +
                                               " answers, kept out of the fit: log loss " + fixed(fit.heldOut->defaults.logLoss, 4) +
                                               " \xE2\x86\x92 " + fixed(fit.heldOut->fitted.logLoss, 4),
                                           numbers.takeTop(line * 2.0f, ui.px(4.0f)), TextSize::Small, false, Align::Left, false, 0.5f));
        }
        // The key to the numbers sits under the button, where it keeps its room at any text size.
        // (Once applied there is no button: the status takes the column.)
        Rect status = m_phase == FitPhase::Applied
                          ? action
                          : action.takeBottom(std::min(action.h * 0.45f, ui.lineHeight(ui.textSize(TextSize::Small)) * 2.2f));
        m_panelStatus = ui.text(m_phase == FitPhase::Applied ? "Applied: the course now uses your parameters."
                                                             : "Lower is better. Before: the default parameters.",
                                status, TextSize::Small, false, Align::Center, true, 0.5f);
        m_applyRect = action.centered(action.w, std::min(action.h, buttonHeight(ui)));
    }

    void scrollToFocus() {
        const auto focus = m_controls.focused();
        if (focus && *focus == kApply) return;
        if (focus && *focus == kOptimize) {
            scrollToRow(static_cast<std::size_t>(kOptimizerRow));
            return;
        }
        if (focus && *focus == kSimulate) {
            scrollToRow(static_cast<std::size_t>(kSimulatorRow));
            return;
        }
        if (!focus || *focus < kFirstRowId) {
            if (focus && m_scroll > 0.0f) {
                m_scroll = 0.0f;
                invalidate();
            }
            return;
        }
        scrollToRow(static_cast<std::size_t>((*focus - kFirstRowId) / 2));
    }

    void scrollToRow(std::size_t row) {
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
    // The optimizer panel.
    FitPhase m_phase = FitPhase::Idle;
    std::unique_ptr<Fit> m_fit;
    std::thread m_worker;
    bool m_panelShown = false;
    Rect m_panel, m_barRect, m_applyRect;
    TextBlock m_panelTitle, m_panelStatus;
    std::vector<TextBlock> m_panelLines;
};

}  // namespace

std::optional<OptimizerView> optimizerView(Screen& screen) {
    if (const auto* settings = dynamic_cast<const SettingsScreen*>(&screen)) return settings->optimizerState();
    return std::nullopt;
}

std::unique_ptr<Screen> makeSettingsScreen(App& app) { return std::make_unique<SettingsScreen>(app); }

}  // namespace attune::ui
