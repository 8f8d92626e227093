// The player's settings, stored in profile.toml (see docs/SAVES.md).
#pragma once

#include <string>

namespace attune::model {

enum class Theme { Light, Dark, HighContrast };

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
};

const char* themeName(Theme theme);                 // "light", "dark", "high-contrast"
bool parseTheme(const std::string& name, Theme& out);

}  // namespace attune::model
