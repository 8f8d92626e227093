// `attune optimize`: fits the FSRS-6 parameters to a review history and shows the gain
// honestly: log loss and RMSE(bins) before and after on the same items, and a time-series
// split (fit on the past, judge on the future) for the out-of-sample gain.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DayOptions.hpp"
#include "cli/ReviewFile.hpp"
#include "cli/ProgressBar.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/TimeZone.hpp>
#include <attune/model/history/OptimizerItems.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Optimizer.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace attune::cli {
namespace {

constexpr const char* kUsage =
    "attune optimize [--profile DIR] [--yes] [--day-start H] [--json]\n"
    "       attune optimize --reviews FILE.csv [--timezone IANA] [--day-start H] [--json]";

constexpr const char* kHelp =
    "Fits the memory model's 21 parameters to a review history (as Anki's Optimize does).\n"
    "Without --reviews it fits the profile's own review log and asks whether to store the\n"
    "parameters in the profile (the game then schedules with them).\n"
    "\n"
    "  --profile DIR        the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --yes                store the fitted parameters in the profile without asking\n"
    "  --reviews FILE.csv   the same CSV as `attune memory` (card_id, review_rating, review_time)\n"
    "  --timezone IANA      place every review in this zone; default: each review's own offset\n"
    "  --day-start H        the hour a new study day starts (0-23; default: the profile's\n"
    "                       setting, or 4 with --reviews)\n"
    "  --json               print exactly one JSON object: parameters, log_loss_before/after,\n"
    "                       rmse_bins_before/after, items\n"
    "\n"
    "A progress bar goes to stderr. Below 8 reviews on a later day than a card's first the\n"
    "default parameters are kept, and the reason is printed.\n";

std::string number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return {buffer, result.ptr};
}

/// What the player asked for.
struct OptimizeRequest {
    std::optional<std::string> reviews;   // --reviews FILE.csv; without it, the profile's own log
    std::optional<std::string> profile;   // --profile DIR
    std::optional<int> dayStart;          // --day-start H
    std::optional<model::TimeZone> zone;  // --timezone IANA (only with --reviews)
    bool json = false;
    bool storeWithoutAsking = false;      // --yes
};

/// Reads the options; the exit code when the command ends here (help, a usage error).
std::optional<int> readRequest(const Invocation& call, OptimizeRequest& request) {
    const Args args(call.args, {"--reviews", "--timezone", "--day-start", "--profile"},
                    {"--json", "--yes", "--help", "-h"});
    if (const auto exit = helpOrUsageError(call, args, kUsage, kHelp)) return exit;
    const auto path = args.value("--reviews");
    if (path && path->empty()) return usageError(call.err, "--reviews needs a file", kUsage);
    if (path && (args.has("--profile") || args.has("--yes")))
        return usageError(call.err, "--profile and --yes fit and store a profile's own log; they do not go with --reviews",
                          kUsage);
    if (!path && args.has("--timezone"))
        return usageError(call.err, "--timezone goes with --reviews (a profile's log keeps each answer's own offset)",
                          kUsage);
    if (const auto failed = readDayStart(args, call.err, kUsage, request.dayStart)) return failed;
    if (const auto failed = readTimeZone(args, call.err, request.zone)) return failed;
    request.reviews = path;
    request.profile = args.value("--profile");
    request.json = args.has("--json");
    request.storeWithoutAsking = args.has("--yes");
    return std::nullopt;
}

/// The answers the fit learns from, with the counts the report shows.
struct Items {
    scheduler::TrainingSet set;
    std::size_t reviews = 0;
    std::size_t cards = 0;
};

/// The profile's own history. Opened for writing only to store the result; while the game
/// holds the profile it opens read-only and the fit is shown but cannot be stored.
Items profileItems(const OptimizeRequest& request, std::ostream& err, std::optional<model::Profile>& profile) {
    const std::filesystem::path dir =
        request.profile ? std::filesystem::path(*request.profile) : model::defaultProfileDir();
    model::ProfileOpenOptions open;
    open.dailyBackup = false;
    auto opened = model::Profile::open(dir, open);
    // A damaged file opens the profile read-only: the rest of the log can still be fitted.
    for (const auto& diagnostic : opened.diagnostics) err << diagnostic.format() << '\n';
    profile.emplace(std::move(opened.profile));
    const int dayStart = request.dayStart ? *request.dayStart : std::clamp(profile->settings().dayStartHour, 0, 23);
    model::ProfileTrainingItems items = model::profileTrainingItems(profile->reviews(), dayStart);
    return {std::move(items.set), items.answers, items.cards};
}

/// The history in the --reviews file; nullopt when it does not read (its diagnostics are printed).
std::optional<Items> reviewFileItems(const OptimizeRequest& request, std::ostream& err) {
    const auto csv = readReviewFile(*request.reviews, request.zone, err);
    if (!csv) return std::nullopt;
    const model::ReviewHistory& history = csv->history;
    return Items{model::reviewHistoryTrainingItems(history, request.dayStart.value_or(4)), history.reviews.size(),
                 history.cardIds.size()};
}

/// The fitted parameters, and both parameter sets judged on the items they were fitted to.
struct Fit {
    scheduler::OptimizerResult result;
    scheduler::Metrics before;  // the default parameters
    scheduler::Metrics after;   // the fitted ones
};

Fit fitParameters(const scheduler::TrainingSet& set, std::ostream& err) {
    ProgressBar bar(err, "optimizing");
    scheduler::OptimizerSettings settings;
    settings.progress = [&](std::size_t done, std::size_t total) { return bar.update(done, total); };
    Fit fit;
    fit.result = scheduler::optimize(set, settings);
    bar.finish();
    fit.before = scheduler::evaluate(scheduler::Parameters::defaults(), set);
    fit.after = scheduler::evaluate(fit.result.parameters, set);
    return fit;
}

void printJson(const Fit& fit, const scheduler::TrainingSet& set, std::ostream& out, std::ostream& err) {
    const scheduler::Parameters& parameters = fit.result.parameters;
    std::string json = "{\"parameters\": [";
    for (std::size_t i = 0; i < 21; ++i) json += (i == 0 ? "" : ", ") + number(parameters[i]);
    json += "], \"log_loss_before\": " + number(fit.before.logLoss) + ", \"log_loss_after\": " +
            number(fit.after.logLoss) + ", \"rmse_bins_before\": " + number(fit.before.rmseBins) +
            ", \"rmse_bins_after\": " + number(fit.after.rmseBins) +
            ", \"items\": " + std::to_string(set.items.size()) + "}\n";
    out << json;
    if (!fit.result.note.empty()) err << "attune: " << fit.result.note << '\n';
}

void printRow(std::ostream& out, const char* label, const scheduler::Metrics& m) {
    char line[96];
    std::snprintf(line, sizeof line, "%-16s %8.4f   %8.4f\n", label, m.logLoss, m.rmseBins);
    out << line;
}

void printReport(const Fit& fit, const Items& items, std::ostream& out) {
    out << "reviews " << items.reviews << ", cards " << items.cards << ", training items " << items.set.items.size()
        << '\n';
    if (!fit.result.note.empty()) out << "note: " << fit.result.note << '\n';
    out << "parameters:";
    for (std::size_t i = 0; i < 21; ++i) out << (i == 0 ? " " : ",") << number(fit.result.parameters[i]);
    out << "\n\n                 log loss   RMSE(bins)\n";
    printRow(out, "defaults", fit.before);
    printRow(out, "fitted", fit.after);

    // Out of sample: fit on the earlier 80 % of the items, judge both on the later 20 %.
    if (fit.result.trained) {
        if (const auto check = scheduler::heldOutCheck(items.set)) {
            out << "\nfitted on the earliest 80 %, judged on the latest 20 % (" << check->heldOutItems << " items):\n";
            printRow(out, "defaults", check->defaults);
            printRow(out, "fitted on past", check->fitted);
        }
    }
}

/// True when the player answers yes to storing the parameters.
bool playerAgreesToStore(const Invocation& call) {
    call.out << "\nSave these parameters to your profile? [y/N] " << std::flush;
    std::string answer;
    std::getline(call.in, answer);
    const auto first = answer.find_first_not_of(" \t");
    if (first == std::string::npos || (answer[first] != 'y' && answer[first] != 'Y')) {
        call.out << "Not saved; the profile keeps its parameters.\n";
        return false;
    }
    return true;
}

/// Stores the fit in the profile: with --yes at once, else when the player says yes (asked only
/// when `ask`). Returns the exit code.
int offerToStore(const Invocation& call, const OptimizeRequest& request, std::optional<model::Profile>& profile,
                 const scheduler::OptimizerResult& fit, bool ask) {
    if (!profile) return 0;
    if (!fit.trained) {
        call.err << "attune: the profile keeps its parameters (nothing was fitted)\n";
        return 0;
    }
    if (profile->readOnly()) {
        call.err << "attune: the parameters were not stored: this profile " << profile->readOnlyReason() << '\n';
        return 1;
    }
    if (!request.storeWithoutAsking && (!ask || !playerAgreesToStore(call))) return 0;
    std::vector<double> values(fit.parameters.values().begin(), fit.parameters.values().end());
    const model::SaveResult saved = profile->saveOptimizerParameters(std::move(values));
    if (!saved.ok) {
        call.err << "attune: the parameters were not stored: " << saved.message << '\n';
        return 1;
    }
    (ask ? call.out : call.err) << "Saved: Attune now schedules this profile with the fitted parameters.\n";
    return 0;
}

}  // namespace

int runOptimize(const Invocation& call) {
    OptimizeRequest request;
    if (const auto exit = readRequest(call, request)) return *exit;
    std::optional<model::Profile> profile;
    const std::optional<Items> items =
        request.reviews ? reviewFileItems(request, call.err) : profileItems(request, call.err, profile);
    if (!items) return 1;
    const Fit fit = fitParameters(items->set, call.err);
    if (request.json) {
        printJson(fit, items->set, call.out, call.err);
        // stdout stays one JSON object: no question; only --yes stores.
        return offerToStore(call, request, profile, fit.result, false);
    }
    printReport(fit, *items, call.out);
    return offerToStore(call, request, profile, fit.result, true);
}

}  // namespace attune::cli
