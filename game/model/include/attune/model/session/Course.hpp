// What the game window and the commands open before anything else: the player's profile, the
// decks (bundled, the player's folder, --deck paths) and the achievements. One function for
// all of them, so `attune stats`, `attune study` and the window see the same course.
#pragma once

#include <attune/model/deck/Deck.hpp>
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace attune::model {

struct CourseOpenOptions {
    std::filesystem::path profileDir;           // empty: the default profile
    std::vector<std::filesystem::path> decks;   // --deck paths, after the bundled decks and the player's folder
    ProfileOpenOptions profile;
};

struct OpenedCourse {
    std::optional<Profile> profile;             // always set (read-only when it could not be opened for writing)
    std::vector<Diagnostic> profileDiagnostics; // the save files' errors and warnings
    std::vector<Diagnostic> deckDiagnostics;    // the deck files' errors and warnings
    std::vector<Deck> decks;
    std::vector<std::string> playerDeckIds;     // decks from the player's own folder
    std::vector<AchievementDefinition> achievements;  // empty without the file: a bonus, not a need
    std::vector<QuestDefinition> quests;              // assets/quests.toml; empty without it

    /// The profile's fitted FSRS parameters, or the defaults.
    scheduler::Parameters parameters() const;
    /// The input of computeProgress at `now`; it points into this course, which must outlive it.
    CourseInput progressInput(scheduler::Moment now) const;
};

/// Opens the profile and loads the decks. The log of a heavy profile is read on a second thread
/// while the decks load, so the player waits for the slower of the two, not for both.
OpenedCourse openCourse(const CourseOpenOptions& options);

}  // namespace attune::model
