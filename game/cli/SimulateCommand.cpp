// `attune simulate`: "what retention should I aim for?" Simulates the profile's next year at
// desired retention 70 % to 97 % and prints daily minutes, daily reviews and cards remembered
// for each, marking the retention with the least study time per card remembered.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"
#include "cli/CourseLoad.hpp"
#include "cli/ProgressBar.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/core/CountText.hpp>
#include <attune/model/progress/Workload.hpp>
#include <attune/scheduler/Simulator.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

namespace attune::cli {
namespace {

constexpr const char* kUsage = "attune simulate [--profile DIR] [--deck PATH]... [--days N] [--seed S] [--json]";

constexpr const char* kHelp =
    "Simulates your next days of study at each desired retention from 70 % to 97 %: your cards as\n"
    "they are today, your memory parameters (the defaults until you optimize), your new cards a\n"
    "day and review limit, and your own answer times and ratings from the log (typical ones\n"
    "where it has too few answers). Prints, for each retention, the study minutes and reviews a\n"
    "day, the cards remembered at the end, and the minutes of study per card remembered; the\n"
    "retention with the fewest minutes per card remembered is marked. Nothing is written.\n"
    "\n"
    "  --profile DIR   the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck PATH     also simulate this deck file or folder (repeatable)\n"
    "  --days N        how many days to simulate (1-3650; default 365)\n"
    "  --seed S        the random seed (a whole number; default 1): the same seed gives the\n"
    "                  same figures on every computer\n"
    "  --json          print one JSON object: days, seed, cards, new_cards_left,\n"
    "                  best_retention (null when nothing is studied), points [{retention,\n"
    "                  minutes_per_day, reviews_per_day, new_cards_per_day, remembered,\n"
    "                  minutes_per_remembered}]\n"
    "\n"
    "A progress bar goes to stderr when the simulation takes more than a moment.\n";

std::string fixed(double value, int decimals) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

template <typename Number>
bool readWhole(const std::string& text, Number& out) {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

struct SimulateRequest {
    CourseLoadOptions course;
    int days = 365;
    std::uint64_t seed = 1;
    bool json = false;
};

std::optional<int> readRequest(const Invocation& call, SimulateRequest& request) {
    const Args args(call.args, {"--profile", "--deck", "--days", "--seed"}, {"--json", "--help", "-h"});
    if (const auto exit = helpOrUsageError(call, args, kUsage, kHelp)) return exit;
    if (const auto days = args.value("--days")) {
        if (!readWhole(*days, request.days) || request.days < 1 || request.days > 3650)
            return usageError(call.err, "--days takes a whole number from 1 to 3650, not '" + *days + "'", kUsage);
    }
    if (const auto seed = args.value("--seed")) {
        if (!readWhole(*seed, request.seed))
            return usageError(call.err, "--seed takes a whole number from 0 to 18446744073709551615, not '" + *seed + "'",
                              kUsage);
    }
    request.course = courseOptions(args, true);
    request.json = args.has("--json");
    return std::nullopt;
}

void printJson(const scheduler::SimulationSetup& setup, const scheduler::SweepResult& sweep, std::ostream& out) {
    out << "{\"days\":" << setup.days << ",\"seed\":" << setup.seed << ",\"cards\":" << setup.cards.size()
        << ",\"new_cards_left\":" << setup.newCardsLeft << ",\"best_retention\":"
        << (sweep.best ? fixed(sweep.points[*sweep.best].desiredRetention, 2) : std::string("null")) << ",\"points\":[";
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        const auto& p = sweep.points[i];
        out << (i ? "," : "") << "{\"retention\":" << fixed(p.desiredRetention, 2)
            << ",\"minutes_per_day\":" << fixed(p.minutesPerDay, 3) << ",\"reviews_per_day\":" << fixed(p.reviewsPerDay, 3)
            << ",\"new_cards_per_day\":" << fixed(p.newCardsPerDay, 3) << ",\"remembered\":" << fixed(p.remembered, 2)
            << ",\"minutes_per_remembered\":" << fixed(p.minutesPerRemembered, 4) << "}";
    }
    out << "]}\n";
}

void printTable(const scheduler::SimulationSetup& setup, const scheduler::SweepResult& sweep, std::ostream& out) {
    using model::countText;
    out << "Simulated " << countText(setup.days) << (setup.days == 1 ? " day" : " days") << " from today: "
        << countText(static_cast<std::int64_t>(setup.cards.size())) << " cards studied so far, "
        << countText(setup.newCardsLeft) << " new to introduce at " << setup.newCardsPerDay << " a day, up to "
        << setup.reviewsPerDay << " reviews a day.\n\n";
    out << "retention  minutes/day  reviews/day  remembered  minutes per card remembered\n";
    for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        const auto& p = sweep.points[i];
        char line[160];
        std::snprintf(line, sizeof line, "   %3.0f %%   %10.1f   %10.1f  %10.0f  %10.3f%s\n", p.desiredRetention * 100.0,
                      p.minutesPerDay, p.reviewsPerDay, p.remembered, p.minutesPerRemembered,
                      sweep.best == i ? "  <- least time per card remembered" : "");
        out << line;
    }
    out << '\n';
    if (!sweep.best) {
        out << "Nothing to simulate: no card is studied and none is left to introduce.\n";
        return;
    }
    const auto& best = sweep.points[*sweep.best];
    out << "Aim for " << fixed(best.desiredRetention * 100.0, 0) << " %: about " << fixed(best.minutesPerDay, best.minutesPerDay < 10.0 ? 1 : 0)
        << " minutes a day, and " << fixed(best.minutesPerRemembered, 2)
        << " minutes of study per card remembered at the end - the least of all retentions.\n"
        << "Cards remembered: the sum of each card's chance of recall on the day after the last one.\n";
}

}  // namespace

int runSimulate(const Invocation& call) {
    SimulateRequest request;
    if (const auto exit = readRequest(call, request)) return *exit;
    const LoadedCourse course = loadCourse(request.course, call.err);
    if (course.namedDeckFailed) {
        call.err << "attune: a deck named with --deck does not load (see above); nothing was simulated\n";
        return 1;
    }
    const model::CourseProgress progress = course.progress(model::now());
    scheduler::SimulationSetup setup = model::workloadSetup(progress, course.profile->reviews(), request.seed);
    setup.days = request.days;
    const std::vector<double> retentions = scheduler::retentionSweep();
    ProgressBar bar(call.err, "simulating", std::chrono::milliseconds(500));
    const scheduler::SweepResult sweep = scheduler::sweepRetention(
        setup, retentions, [&](std::size_t done, std::size_t total) { return bar.update(done, total); });
    bar.finish();
    if (request.json)
        printJson(setup, sweep, call.out);
    else
        printTable(setup, sweep, call.out);
    return 0;
}

}  // namespace attune::cli
