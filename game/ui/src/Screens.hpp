// The game's screens, made by these factories (each lives in its own <Name>Screen.cpp).
#pragma once

#include "Game.hpp"
#include "Screen.hpp"

#include <memory>
#include <string>

namespace attune::ui {

std::unique_ptr<Screen> makeHomeScreen(App& app);
/// Starts a session of `kind` when none is running; shows "nothing to study" if it cannot.
std::unique_ptr<Screen> makeStudyScreen(App& app, SessionKind kind);
std::unique_ptr<Screen> makeSummaryScreen(App& app, SummaryFacts facts);
std::unique_ptr<Screen> makeSettingsScreen(App& app);
std::unique_ptr<Screen> makeWelcomeScreen(App& app);
/// A calm panel for parts built elsewhere (topics, stats, decks).
std::unique_ptr<Screen> makeComingSoonScreen(App& app, std::string title, std::string text);

}  // namespace attune::ui
