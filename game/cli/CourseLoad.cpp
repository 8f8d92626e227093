#include "cli/CourseLoad.hpp"

#include <attune/model/Course.hpp>

#include <ostream>

namespace attune::cli {

model::CourseProgress LoadedCourse::progress(scheduler::Moment now) const {
    model::CourseInput input;
    input.decks = decks;
    input.reviews = profile->reviews();
    input.settings = profile->settings();
    input.parameters = parameters;
    input.achievements = achievements;
    input.playerDeckIds = playerDeckIds;
    input.now = now;
    return model::computeProgress(input);
}

LoadedCourse loadCourse(const CourseLoadOptions& options, std::ostream& err) {
    model::CourseOpenOptions open;
    open.profileDir = options.profileDir;
    open.decks = options.decks;
    open.profile.readOnly = options.readOnly;
    open.profile.dailyBackup = !options.readOnly;
    model::OpenedCourse opened = model::openCourse(open);
    for (const auto& d : opened.profileDiagnostics) err << d.format() << '\n';
    for (const auto& d : opened.deckDiagnostics)
        if (d.severity == model::Diagnostic::Severity::Error) err << d.format() << '\n';

    LoadedCourse course;
    course.parameters = opened.parameters();
    course.profile = std::move(opened.profile);
    course.decks = std::move(opened.decks);
    course.playerDeckIds = std::move(opened.playerDeckIds);
    course.achievements = std::move(opened.achievements);
    return course;
}

}  // namespace attune::cli
