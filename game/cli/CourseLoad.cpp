#include "cli/CourseLoad.hpp"

#include <attune/model/session/Course.hpp>

#include <ostream>

namespace attune::cli {
namespace {

// True when `file` is one of the --deck paths or lies in one of them (a folder of decks).
bool namesFile(const std::vector<std::filesystem::path>& paths, const std::string& file) {
    const std::filesystem::path target = std::filesystem::path(file).lexically_normal();
    for (const auto& path : paths) {
        const std::filesystem::path named = path.lexically_normal();
        if (target == named) return true;
        const auto rest = target.lexically_relative(named);
        if (!rest.empty() && *rest.begin() != "..") return true;
    }
    return false;
}

}  // namespace

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
    LoadedCourse course;
    for (const auto& d : opened.deckDiagnostics) {
        if (d.severity != model::Diagnostic::Severity::Error) continue;
        err << d.format() << '\n';
        if (namesFile(options.decks, d.file)) course.namedDeckFailed = true;
    }

    course.parameters = opened.parameters();
    course.profile = std::move(opened.profile);
    course.decks = std::move(opened.decks);
    course.playerDeckIds = std::move(opened.playerDeckIds);
    course.achievements = std::move(opened.achievements);
    return course;
}

}  // namespace attune::cli
