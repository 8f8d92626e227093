#include "cli/CourseLoad.hpp"

#include "cli/Args.hpp"

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
    return model::computeProgress(progressInput(now));
}

CourseLoadOptions courseOptions(const Args& args, bool readOnly) {
    CourseLoadOptions options;
    if (auto dir = args.value("--profile")) options.profileDir = *dir;
    for (const auto& deck : args.values("--deck")) options.decks.emplace_back(deck);
    options.readOnly = readOnly;
    return options;
}

LoadedCourse loadCourse(const CourseLoadOptions& options, std::ostream& err) {
    model::CourseOpenOptions open;
    open.profileDir = options.profileDir;
    open.decks = options.decks;
    open.profile.readOnly = options.readOnly;
    open.profile.dailyBackup = !options.readOnly;
    LoadedCourse course;
    static_cast<model::OpenedCourse&>(course) = model::openCourse(open);
    for (const auto& d : course.profileDiagnostics) err << d.format() << '\n';
    for (const auto& d : course.deckDiagnostics) {
        if (d.severity != model::Diagnostic::Severity::Error) continue;
        err << d.format() << '\n';
        if (namesFile(options.decks, d.file)) course.namedDeckFailed = true;
    }
    return course;
}

}  // namespace attune::cli
