// What `attune study` and `attune stats` share: open the profile, load the decks (bundled, the
// player's folder, --deck paths) and the achievements, and derive the course progress.
#pragma once

#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/Course.hpp>

#include <filesystem>
#include <iosfwd>
#include <vector>

namespace attune::cli {

class Args;

/// The opened course (model::openCourse, as the window opens it), with what the commands add.
struct LoadedCourse : model::OpenedCourse {
    bool namedDeckFailed = false;  // a deck the player named with --deck has errors (or is missing)

    model::CourseProgress progress(scheduler::Moment now) const;
};

struct CourseLoadOptions {
    std::filesystem::path profileDir;           // empty: the default profile
    std::vector<std::filesystem::path> decks;   // --deck paths
    bool readOnly = false;                      // stats: look, never write
};

/// The course the command line names: --profile DIR and every --deck PATH of `args`.
CourseLoadOptions courseOptions(const Args& args, bool readOnly);

/// Prints the profile's and decks' errors (and the profile's warnings) to `err`. Returns the
/// course; its profile is always set (maybe read-only).
LoadedCourse loadCourse(const CourseLoadOptions& options, std::ostream& err);

}  // namespace attune::cli
