// `attune optimize`: fits the FSRS-6 parameters to a review history and shows the gain
// honestly: log loss and RMSE(bins) before and after on the same items, and a time-series
// split (fit on the past, judge on the future) for the out-of-sample gain.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/DayOptions.hpp"

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/core/TimeZone.hpp>
#include <attune/model/history/OptimizerItems.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Optimizer.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <istream>
#include <ostream>
#include <string>
#include <unordered_map>

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

class ProgressBar {
public:
    explicit ProgressBar(std::ostream& err) : m_err(err) {}
    bool update(std::size_t done, std::size_t total) {
        const auto percent = static_cast<int>(total == 0 ? 100 : done * 100 / total);
        if (percent == m_shown) return true;
        m_shown = percent;
        const int filled = percent * 30 / 100;
        m_err << "\roptimizing [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(30 - filled), ' ') << "] " << percent << "%" << std::flush;
        return true;
    }
    void finish() {
        if (m_shown >= 0) m_err << '\n';
    }

private:
    std::ostream& m_err;
    int m_shown = -1;
};

}  // namespace

int runOptimize(const Invocation& call) {
    const Args args(call.args, {"--reviews", "--timezone", "--day-start", "--profile"},
                    {"--json", "--yes", "--help", "-h"});
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (args.has("--help") || args.has("-h")) {
        call.out << "usage: " << kUsage << "\n\n" << kHelp;
        return 0;
    }
    if (!args.positionals().empty())
        return usageError(call.err, "unexpected argument '" + args.positionals().front() + "'", kUsage);
    const auto path = args.value("--reviews");
    if (path && path->empty()) return usageError(call.err, "--reviews needs a file", kUsage);
    if (path && (args.has("--profile") || args.has("--yes")))
        return usageError(call.err, "--profile and --yes fit and store a profile's own log; they do not go with --reviews",
                          kUsage);
    if (!path && args.has("--timezone"))
        return usageError(call.err, "--timezone goes with --reviews (a profile's log keeps each answer's own offset)",
                          kUsage);
    std::optional<int> dayStartGiven;
    if (const auto failed = readDayStart(args, call.err, kUsage, dayStartGiven)) return *failed;

    scheduler::TrainingSet set;
    std::size_t reviewCount = 0, cardCount = 0;
    std::optional<model::Profile> profile;
    if (!path) {
        // The profile's own history. Opened for writing only to store the result; while the game
        // holds the profile it opens read-only and the fit is shown but cannot be stored.
        const std::filesystem::path dir =
            args.value("--profile") ? std::filesystem::path(*args.value("--profile")) : model::defaultProfileDir();
        model::ProfileOpenOptions open;
        open.dailyBackup = false;
        auto opened = model::Profile::open(dir, open);
        // A damaged file opens the profile read-only: the rest of the log can still be fitted.
        for (const auto& diagnostic : opened.diagnostics) call.err << diagnostic.format() << '\n';
        profile.emplace(std::move(opened.profile));
        const int dayStart = dayStartGiven ? *dayStartGiven : std::clamp(profile->settings().dayStartHour, 0, 23);
        model::ProfileTrainingItems items = model::profileTrainingItems(profile->reviews(), dayStart);
        set = std::move(items.set);
        reviewCount = items.answers;
        cardCount = items.cards;
    } else {
        const int dayStart = dayStartGiven ? *dayStartGiven : 4;
        std::optional<model::TimeZone> zone;
        if (const auto failed = readTimeZone(args, call.err, zone)) return *failed;
        model::ReviewCsvOptions options;
        options.timeZone = zone ? &*zone : nullptr;
        const model::ReviewCsvResult csv = model::readReviewCsv(*path, options);
        if (!csv.ok()) {
            for (const auto& diagnostic : csv.diagnostics) call.err << diagnostic.format() << '\n';
            return 1;
        }
        set = model::reviewHistoryTrainingItems(csv.history, dayStart);
        reviewCount = csv.history.reviews.size();
        cardCount = csv.history.cardIds.size();
    }

    ProgressBar bar(call.err);
    scheduler::OptimizerSettings settings;
    settings.progress = [&](std::size_t done, std::size_t total) { return bar.update(done, total); };
    const scheduler::OptimizerResult fit = scheduler::optimize(set, settings);
    bar.finish();
    const scheduler::Parameters defaults = scheduler::Parameters::defaults();
    const scheduler::Metrics before = scheduler::evaluate(defaults, set);
    const scheduler::Metrics after = scheduler::evaluate(fit.parameters, set);

    // Stores the fit in the profile: with --yes at once, else when the player says yes.
    // Returns the exit code.
    const auto offerToStore = [&](bool ask) {
        if (!profile) return 0;
        if (!fit.trained) {
            call.err << "attune: the profile keeps its parameters (nothing was fitted)\n";
            return 0;
        }
        if (profile->readOnly()) {
            call.err << "attune: the parameters were not stored: this profile " << profile->readOnlyReason() << '\n';
            return 1;
        }
        if (!args.has("--yes")) {
            if (!ask) return 0;
            call.out << "\nSave these parameters to your profile? [y/N] " << std::flush;
            std::string answer;
            std::getline(call.in, answer);
            const auto first = answer.find_first_not_of(" \t");
            if (first == std::string::npos || (answer[first] != 'y' && answer[first] != 'Y')) {
                call.out << "Not saved; the profile keeps its parameters.\n";
                return 0;
            }
        }
        std::vector<double> values(fit.parameters.values().begin(), fit.parameters.values().end());
        const model::SaveResult saved = profile->saveOptimizerParameters(std::move(values));
        if (!saved.ok) {
            call.err << "attune: the parameters were not stored: " << saved.message << '\n';
            return 1;
        }
        (ask ? call.out : call.err) << "Saved: Attune now schedules this profile with the fitted parameters.\n";
        return 0;
    };

    if (args.has("--json")) {
        std::string json = "{\"parameters\": [";
        for (std::size_t i = 0; i < 21; ++i) json += (i == 0 ? "" : ", ") + number(fit.parameters[i]);
        json += "], \"log_loss_before\": " + number(before.logLoss) + ", \"log_loss_after\": " + number(after.logLoss) +
                ", \"rmse_bins_before\": " + number(before.rmseBins) + ", \"rmse_bins_after\": " +
                number(after.rmseBins) + ", \"items\": " + std::to_string(set.items.size()) + "}\n";
        call.out << json;
        if (!fit.note.empty()) call.err << "attune: " << fit.note << '\n';
        // stdout stays one JSON object: no question; only --yes stores.
        return offerToStore(false);
    }

    call.out << "reviews " << reviewCount << ", cards " << cardCount
             << ", training items " << set.items.size() << '\n';
    if (!fit.note.empty()) call.out << "note: " << fit.note << '\n';
    call.out << "parameters:";
    for (std::size_t i = 0; i < 21; ++i) call.out << (i == 0 ? " " : ",") << number(fit.parameters[i]);
    call.out << "\n\n                 log loss   RMSE(bins)\n";
    auto row = [&](const char* label, const scheduler::Metrics& m) {
        char line[96];
        std::snprintf(line, sizeof line, "%-16s %8.4f   %8.4f\n", label, m.logLoss, m.rmseBins);
        call.out << line;
    };
    row("defaults", before);
    row("fitted", after);

    // Out of sample: fit on the earlier 80 % of the items, judge both on the later 20 %.
    if (fit.trained) {
        if (const auto check = scheduler::heldOutCheck(set)) {
            call.out << "\nfitted on the earliest 80 %, judged on the latest 20 % (" << check->heldOutItems << " items):\n";
            row("defaults", check->defaults);
            row("fitted on past", check->fitted);
        }
    }
    return offerToStore(true);
}

}  // namespace attune::cli
