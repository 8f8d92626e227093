// The player's settings, stored in profile.toml (see docs/SAVES.md).
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace attune::model {

enum class Theme { Light, Dark, HighContrast };

/// How much review work a weekday takes (Anki 24.11's easy days): Normal, Reduced (half the
/// load of a normal day) or Minimum (kept free where the fuzz range allows another day).
enum class EasyDay : std::uint8_t { Normal, Reduced, Minimum };

/// What happens to a leech (a card forgotten `leechLapses` times): set aside (suspended until
/// the player brings it back) or only marked as a leech (it stays in study).
enum class LeechAction : std::uint8_t { SetAside, Mark };

inline constexpr int kLeechLapsesLowest = 4;
inline constexpr int kLeechLapsesHighest = 20;

struct Settings {
    double desiredRetention = 0.90;  // 0.70 .. 0.99
    int dayStartHour = 4;            // 0 .. 23: a study day starts at this local hour
    int newCardsPerDay = 10;
    int reviewsPerDay = 200;
    int dailyGoalXp = 50;
    Theme theme = Theme::Light;
    double fontScale = 1.0;          // 1.0 .. 2.0
    bool sound = true;
    bool reducedMotion = false;
    /// Reviews go to the least loaded day of their fuzz range (on by default, as in Anki).
    bool loadBalancing = true;
    std::array<EasyDay, 7> easyDays{};  // Monday first
    /// Cards of one [[card]] entry (cloze blanks, the two sides of a reverse card) are not
    /// shown on the same study day in the daily session (Anki's "bury siblings").
    bool siblingsApart = true;
    /// Lapses that make a card a leech (4 .. 20), and what is done to it then.
    int leechLapses = 8;
    LeechAction leechAction = LeechAction::SetAside;
};

/// The scheduler's load factor of an easy-day setting: 1, 0.5 or 0.
double easyDayLoad(EasyDay day);
const char* easyDayName(EasyDay day);  // "normal", "reduced", "minimum"
bool parseEasyDay(const std::string& name, EasyDay& out);

const char* leechActionName(LeechAction action);    // "set-aside", "mark"
bool parseLeechAction(const std::string& name, LeechAction& out);

const char* themeName(Theme theme);                 // "light", "dark", "high-contrast"
bool parseTheme(const std::string& name, Theme& out);

}  // namespace attune::model
