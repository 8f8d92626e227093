// How long "What retention should I aim for?" takes on the heavy player (20,000 cards, 300,000
// answers): the median time of a full sweep (28 retentions, a year each) beside the median
// time of one simulated year at one retention; with the profile's own review limit (200 a day)
// and with no limit (every due card answered: the most work a year can hold). The README
// quotes these figures; the goal is a full sweep under 2 s.
//   bench_simulate [DIR]        (default: a fresh folder under $TMPDIR, removed afterwards)
#include "HeavyCourse.hpp"

#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/Workload.hpp>
#include <attune/model/session/Course.hpp>
#include <attune/scheduler/Simulator.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace attune;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// CPU time of this process: on a busy machine wall time also counts waiting for a core.
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void measure(const char* label, const scheduler::SimulationSetup& setup) {
    const std::vector<double> retentions = scheduler::retentionSweep();
    std::vector<double> sweepMs, sweepCpu, yearMs, yearCpu;
    scheduler::SweepResult sweep;
    for (int run = 0; run < 5; ++run) {
        const auto start = Clock::now();
        const double cpu = cpuMs();
        sweep = scheduler::sweepRetention(setup, retentions);
        sweepMs.push_back(msSince(start));
        sweepCpu.push_back(cpuMs() - cpu);
    }
    double reviewsPerDay = 0.0;
    for (int run = 0; run < 9; ++run) {
        const auto start = Clock::now();
        const double cpu = cpuMs();
        reviewsPerDay = scheduler::simulate(setup, 0.90).reviewsPerDay;
        yearMs.push_back(msSince(start));
        yearCpu.push_back(cpuMs() - cpu);
    }
    std::printf("%s\n  full sweep (%zu retentions, median of 5)  %8.1f ms wall %8.1f ms CPU\n"
                "  one year at 90 %% (median of 9)           %8.1f ms wall %8.1f ms CPU   (%.0f reviews a day)\n",
                label, retentions.size(), median(sweepMs), median(sweepCpu), median(yearMs), median(yearCpu), reviewsPerDay);
    if (sweep.best)
        std::printf("  least minutes per card remembered at %.0f %%\n", sweep.points[*sweep.best].desiredRetention * 100.0);
}

}  // namespace

int main(int argc, char** argv) {
    const bool keep = argc > 1;
    const fs::path root = keep ? fs::path(argv[1]) : fs::temp_directory_path() / "attune-bench-simulate";
    fs::remove_all(root);
    bench::writeHeavyDecks(root / "decks");
    bench::writeHeavyProfile(root / "profile");

    model::CourseOpenOptions open;
    open.profileDir = root / "profile";
    open.decks = {root / "decks"};
    open.profile.readOnly = true;
    open.profile.dailyBackup = false;
    const model::OpenedCourse course = model::openCourse(open);
    const auto now = model::parseIsoTime(bench::kHeavyNow);
    const model::CourseProgress progress = model::computeProgress(course.progressInput(*now));

    const auto setupStart = Clock::now();
    scheduler::SimulationSetup setup = model::workloadSetup(progress, course.profile->reviews());
    const double setupMs = msSince(setupStart);
    std::printf("heavy player: %zu studied cards, %d new, %zu answers; setup from the log %.1f ms\n", setup.cards.size(),
                setup.newCardsLeft, course.profile->reviews().size(), setupMs);
    measure("the profile's limits (200 reviews, 10 new cards a day)", setup);
    setup.reviewsPerDay = 1'000'000;
    measure("no review limit", setup);
    if (!keep) fs::remove_all(root);
    return 0;
}
