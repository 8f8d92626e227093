// The entry points of the game window for the `attune` command: play, render a screenshot,
// and measure frame times (for bench/). Nothing here exposes SFML.
#pragma once

#include <attune/model/save/Settings.hpp>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace attune::ui {

struct WindowOptions {
    std::filesystem::path profileDir;
    std::vector<std::filesystem::path> decks;  // added to the bundled and the player's decks
    std::optional<double> fontScale;           // overrides the profile's (1.0 .. 2.0), not saved
    std::optional<model::Theme> theme;         // overrides the profile's, not saved
    unsigned width = 1280;
    unsigned height = 720;
    std::string studyDeck;  // measureStudyFrames: study this deck's cards (empty: the daily preview)
};

/// Opens the game window and runs until it is closed. Returns the exit code.
int runWindow(const WindowOptions& options, std::ostream& err);

enum class ShotScreen {
    Home, Study, StudyAnswered, StudyMenu, Summary, Settings, Welcome, Topics, WeakTopics, Stats, Decks, StudyMore,
    StatsForecast, StatsMemory, StatsTopics, CardInfo, Retention, Trophies, Finale, CardEditor, CardEditorNew, NewDeck,
};

struct ShotOptions {
    WindowOptions window;
    ShotScreen screen = ShotScreen::Home;
    std::filesystem::path out;  // .png
};

/// Renders one screen with the profile's real data to a PNG (off-screen; still needs an X
/// display under SFML 2.5). Nothing is written to the profile. Empty on success, else why not.
std::string renderShot(const ShotOptions& options);

struct FrameTimes {
    double startToFirstFrameMs = 0.0;  // from the call (profile, decks, fonts, window) to the first frame shown
    std::vector<double> frameMs;       // update + draw + display per frame, unthrottled
    double cpuMsPerFrame = 0.0;        // processor time of this process (GL threads included) per frame
};

/// For bench/: opens the window on the study screen (answer and grade beats alternating, no
/// answers saved) and draws `frames` frames as fast as it can.
std::optional<FrameTimes> measureStudyFrames(const WindowOptions& options, int frames, std::string& error);

struct StartTimes {
    double gameReadyMs = 0.0;   // profile opened, decks loaded, log replayed
    double firstFrameMs = 0.0;  // ... and fonts, window and the home screen's first frame shown
};

/// For bench/: the time from the call to the home screen's first frame in a real window (the
/// profile is opened read-only; nothing is written).
std::optional<StartTimes> measureFirstScreen(const WindowOptions& options, std::string& error);

}  // namespace attune::ui
