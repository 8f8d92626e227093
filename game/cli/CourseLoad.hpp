// What `attune study` and `attune stats` share: open the profile, load the decks (bundled, the
// player's folder, --deck paths) and the achievements, and derive the course progress.
#pragma once

#include <attune/model/deck/Deck.hpp>
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace attune::cli {

struct LoadedCourse {
    std::optional<model::Profile> profile;
    std::vector<model::Deck> decks;
    std::vector<std::string> playerDeckIds;
    std::vector<model::AchievementDefinition> achievements;
    scheduler::Parameters parameters = scheduler::Parameters::defaults();
    bool namedDeckFailed = false;  // a deck the player named with --deck has errors (or is missing)

    model::CourseProgress progress(scheduler::Moment now) const;
};

struct CourseLoadOptions {
    std::filesystem::path profileDir;           // empty: the default profile
    std::vector<std::filesystem::path> decks;   // --deck paths
    bool readOnly = false;                      // stats: look, never write
};

/// Prints the profile's and decks' errors (and the profile's warnings) to `err`. Returns the
/// course; its profile is always set (maybe read-only).
LoadedCourse loadCourse(const CourseLoadOptions& options, std::ostream& err);

}  // namespace attune::cli
