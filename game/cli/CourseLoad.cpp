#include "cli/CourseLoad.hpp"

#include <attune/model/DataPaths.hpp>
#include <attune/model/DeckLibrary.hpp>

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
    LoadedCourse course;
    model::ProfileOpenOptions open;
    open.readOnly = options.readOnly;
    open.dailyBackup = !options.readOnly;
    auto opened = model::Profile::open(options.profileDir.empty() ? model::defaultProfileDir() : options.profileDir, open);
    for (const auto& d : opened.diagnostics) err << d.format() << '\n';
    course.profile.emplace(std::move(opened.profile));
    if (const auto& fitted = course.profile->optimizerParameters()) {
        if (auto parameters = scheduler::Parameters::fromValues(*fitted)) course.parameters = *parameters;
    }

    model::DeckLibrary library = model::loadDeckLibrary(model::standardDeckSources(options.decks));
    for (const auto& d : library.diagnostics)
        if (d.severity == model::Diagnostic::Severity::Error) err << d.format() << '\n';
    for (auto& entry : library.decks) {
        if (entry.origin == model::DeckOrigin::Player) course.playerDeckIds.push_back(entry.deck.id);
        course.decks.push_back(std::move(entry.deck));
    }
    // Achievements are a bonus: without the file the course still works.
    course.achievements = model::loadBundledAchievements().definitions;
    return course;
}

}  // namespace attune::cli
