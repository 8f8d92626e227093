// The game's screens, made by these factories (each lives in its own <Name>Screen.cpp).
#pragma once

#include <attune/model/session/Game.hpp>
#include "Screen.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attune::ui {

std::unique_ptr<Screen> makeHomeScreen(App& app);
/// Starts a session of `kind` when none is running; shows "nothing to study" if it cannot.
std::unique_ptr<Screen> makeStudyScreen(App& app, model::SessionKind kind);
std::unique_ptr<Screen> makeSummaryScreen(App& app, model::SummaryFacts facts);
/// Opens the study screen's set-aside menu (bury, suspend), as its "Set aside" button does;
/// false for other screens.
bool openCardMenu(Screen& screen);
/// A course finale (a deck's cards all met, a topic or the course mastered): what was learned
/// and the ways on.
std::unique_ptr<Screen> makeFinaleScreen(App& app, model::FinaleFacts facts);
std::unique_ptr<Screen> makeSettingsScreen(App& app);
/// Study more: more new cards, review ahead, forgotten cards, a tag, cram a topic.
std::unique_ptr<Screen> makeStudyMoreScreen(App& app);

/// What the settings screen's optimizer panel shows (for tests).
struct OptimizerView {
    bool fitting = false, finished = false, trained = false, applyShown = false, applied = false;
    bool optimizeFocused = false, applyFocused = false;
    double progress = 0.0;
    std::string note;
    double logLossBefore = 0.0, logLossAfter = 0.0, rmseBinsBefore = 0.0, rmseBinsAfter = 0.0;
    std::size_t heldOutItems = 0;  // 0: no out-of-sample check (too few answers)
    double heldOutLogLossDefaults = 0.0, heldOutLogLossFitted = 0.0;
};
/// The optimizer panel of a settings screen; nullopt for other screens.
std::optional<OptimizerView> optimizerView(Screen& screen);
/// "What retention should I aim for?": the workload simulator's sweep, drawn, and a retention to use.
std::unique_ptr<Screen> makeRetentionScreen(App& app);
/// What the retention screen shows (for tests).
struct RetentionView {
    bool running = false, finished = false;
    double progress = 0.0;
    std::vector<double> retentions, minutesPerDay, remembered;  // per retention, once finished
    std::optional<double> best;    // the retention with the least minutes per card remembered
    std::optional<double> picked;  // the retention whose figures are shown
    double setting = 0.0;          // the desired retention in the settings now
};
/// The retention screen's view; nullopt for other screens.
std::optional<RetentionView> retentionView(Screen& screen);
std::unique_ptr<Screen> makeWelcomeScreen(App& app);
/// A calm notice: a title, a message, one button (Enter or Esc) that closes it.
std::unique_ptr<Screen> makeNoticeScreen(App& app, std::string title, std::string text, std::string button);

}  // namespace attune::ui
