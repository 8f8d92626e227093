// `attune profile restore|merge|backups|check`: the player's tools for their save folder.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/save/Profile.hpp>

#include <algorithm>
#include <ostream>

namespace attune::cli {
namespace {

constexpr const char* kUsage =
    "attune profile restore BACKUP [--profile DIR]\n"
    "       attune profile merge OTHER_DIR [--profile DIR]\n"
    "       attune profile backups [--profile DIR]\n"
    "       attune profile check [--profile DIR]";

constexpr const char* kHelp =
    "usage: attune profile restore BACKUP [--profile DIR]\n"
    "       attune profile merge OTHER_DIR [--profile DIR]\n"
    "       attune profile backups [--profile DIR]\n"
    "       attune profile check [--profile DIR]\n\n"
    "  restore BACKUP     put a backup back (a name from 'attune profile backups' or a folder);\n"
    "                     the current state is backed up first\n"
    "  merge OTHER_DIR    add the reviews of another profile folder (another computer, or the\n"
    "                     folder Attune wrote unsaved answers to); each answer is kept once\n"
    "  backups            list the backups, oldest first\n"
    "  check              load the profile without changing anything and report problems\n\n"
    "  --profile DIR      the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n";

void printDiagnostics(std::ostream& err, const std::vector<model::Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics) err << d.format() << '\n';
}

int runRestore(const Invocation& call, const std::filesystem::path& dir, const std::string& backup) {
    const model::SaveResult result = model::restoreBackup(dir, backup);
    if (!result.ok) {
        call.err << "attune: " << result.message << '\n';
        return 1;
    }
    call.out << result.message << '\n';
    return 0;
}

int runMerge(const Invocation& call, const std::filesystem::path& dir, const std::filesystem::path& other) {
    std::error_code ec;
    if (!std::filesystem::is_directory(other, ec)) {
        call.err << "attune: " << other.string() << " is not a folder; give the other profile's folder\n";
        return 1;
    }
    if (std::filesystem::equivalent(other, dir, ec)) {
        call.err << "attune: " << other.string() << " is this profile itself; nothing to merge\n";
        return 1;
    }
    model::ProfileOpenOptions inspect;
    inspect.readOnly = true;
    inspect.dailyBackup = false;
    auto source = model::Profile::open(other, inspect);
    if (model::hasErrors(source.diagnostics)) {
        printDiagnostics(call.err, source.diagnostics);
        call.err << "attune: " << other.string() << " cannot be read; nothing was merged\n";
        return 1;
    }
    auto target = model::Profile::open(dir);
    printDiagnostics(call.err, target.diagnostics);
    if (target.profile.readOnly()) {
        call.err << "attune: this profile " << target.profile.readOnlyReason() << "; nothing was merged\n";
        return 1;
    }
    // The current state is backed up first, but only when the merge changes something.
    model::Profile& profile = target.profile;
    const model::MergeReport report =
        profile.mergeReviews(source.profile.reviews(), [&profile] { return profile.backupNow("before-merge"); });
    if (!report.ok) {
        call.err << "attune: merge failed: " << report.message << '\n';
        return 1;
    }
    call.out << "merged " << other.string() << " into " << dir.string() << ": " << report.added << " new reviews, "
             << report.duplicates << " already present";
    if (report.monthFilesWritten.empty()) call.out << "; nothing changed\n";
    else call.out << "; " << report.monthFilesWritten.size() << " log files rewritten\n";
    return 0;
}

int runBackups(const Invocation& call, const std::filesystem::path& dir) {
    model::ProfileOpenOptions inspect;
    inspect.readOnly = true;
    inspect.dailyBackup = false;
    auto opened = model::Profile::open(dir, inspect);
    const auto list = opened.profile.backups();
    if (list.empty()) call.out << "no backups in " << opened.profile.backupsDir().string() << '\n';
    for (const auto& b : list) call.out << b.name << '\n';
    return 0;
}

int runCheck(const Invocation& call, const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        call.err << dir.string() << ": error: no profile here (not a folder); 'attune profile check --profile DIR' "
                 << "takes the profile's folder\n";
        return 1;
    }
    model::ProfileOpenOptions inspect;
    inspect.readOnly = true;
    inspect.dailyBackup = false;
    auto opened = model::Profile::open(dir, inspect);
    printDiagnostics(call.err, opened.diagnostics);
    const auto reviews = opened.profile.reviews();
    call.out << dir.string() << ": " << reviews.size() << " reviews, " << opened.profile.backups().size()
             << " backups\n";
    // Not errors: nothing is lost and nothing is rewritten, but the player should know.
    if (const std::size_t repeated = model::repeatedAnswers(reviews); repeated > 0)
        call.out << dir.string() << ": note: " << repeated
                 << " review line(s) repeat an answer already in the log (same card, time and rating); "
                    "each answer counts once\n";
    const std::int64_t nowMs = model::now().utcMs;
    std::size_t ahead = 0;
    std::int64_t latest = 0;
    for (const auto& review : reviews) {
        if (!model::datedInTheFuture(review, nowMs)) continue;
        ++ahead;
        latest = std::max(latest, review.utcMs);
    }
    if (ahead > 0)
        call.out << dir.string() << ": note: " << ahead << " review(s) are dated in the future (the latest "
                 << model::formatIsoTime({latest, 0})
                 << "), perhaps from a computer whose clock ran ahead; they are kept and count from their own time on\n";
    return model::hasErrors(opened.diagnostics) ? 1 : 0;
}

}  // namespace

int runProfile(const Invocation& call) {
    const Args args(call.args, {"--profile"}, {"--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    const auto& words = args.positionals();
    if (words.empty()) return usageError(call.err, "say what to do: restore, merge, backups or check", kUsage);
    const std::filesystem::path dir = args.value("--profile").value_or(model::defaultProfileDir().string());
    const std::string& action = words[0];
    if (action == "restore" || action == "merge") {
        if (words.size() != 2) return usageError(call.err, "'" + action + "' takes exactly one argument", kUsage);
        return action == "restore" ? runRestore(call, dir, words[1]) : runMerge(call, dir, words[1]);
    }
    if (action == "backups" || action == "check") {
        if (words.size() != 1) return usageError(call.err, "'" + action + "' takes no argument", kUsage);
        return action == "backups" ? runBackups(call, dir) : runCheck(call, dir);
    }
    return usageError(call.err, "unknown action '" + action + "'", kUsage);
}

}  // namespace attune::cli
