// Opening a course: the profile on a second thread, the decks and achievements on this one.
#include <attune/model/session/Course.hpp>

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/deck/DeckLibrary.hpp>

#include <future>

namespace attune::model {

scheduler::Parameters OpenedCourse::parameters() const {
    if (profile && profile->optimizerParameters()) {
        if (auto fitted = scheduler::Parameters::fromValues(*profile->optimizerParameters())) return *fitted;
    }
    return scheduler::Parameters::defaults();
}

CourseInput OpenedCourse::progressInput(scheduler::Moment now) const {
    CourseInput input;
    input.decks = decks;
    input.reviews = profile->reviews();
    input.settings = profile->settings();
    input.parameters = parameters();
    input.achievements = achievements;
    input.quests = quests;
    input.playerDeckIds = playerDeckIds;
    input.now = now;
    return input;
}

OpenedCourse openCourse(const CourseOpenOptions& options) {
    OpenedCourse course;
    const std::filesystem::path dir = options.profileDir.empty() ? defaultProfileDir() : options.profileDir;
    // Reading the log and parsing the decks share nothing: with two cores they overlap.
    // (Profile::open reports problems as diagnostics; an exception would come out of get().)
    auto opening = std::async(std::launch::async, [&dir, &options] { return Profile::open(dir, options.profile); });

    DeckLibrary library = loadDeckLibrary(standardDeckSources(options.decks));
    course.deckDiagnostics = std::move(library.diagnostics);
    for (auto& entry : library.decks) {
        if (entry.origin == DeckOrigin::Player) course.playerDeckIds.push_back(entry.deck.id);
        course.decks.push_back(std::move(entry.deck));
    }
    course.achievements = loadBundledAchievements().definitions;
    course.quests = loadBundledQuests().definitions;

    ProfileOpenResult opened = opening.get();
    course.profileDiagnostics = std::move(opened.diagnostics);
    course.profile.emplace(std::move(opened.profile));
    return course;
}

}  // namespace attune::model
