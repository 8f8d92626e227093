// How fast a heavy profile opens and how fast an answer is saved: 20,000 cards, 300,000
// reviews over two years. Prints medians; the README quotes these figures.
//   bench_profile_open [DIR]        (default: a fresh folder under $TMPDIR, removed afterwards)
//   bench_profile_open --open DIR   only open DIR/heavy 10 times (for a profiler, or beside another build)
//   bench_profile_open --write DIR N   only write DIR/heavy, its log as N computers' files (0: the flat
//                                      layout before devices, 1, 2)
#include "HeavyCourse.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/save/SaveFile.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace attune::model;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kCards = attune::bench::kHeavyCards;
constexpr int kReviews = attune::bench::kHeavyReviews;
constexpr int kRuns = 7;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the process (all threads): on a busy machine it says more than the wall clock.
double cpuMs() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct OpenFigures {
    double ms = 0;
    double cpuMs = 0;
    long maxRssKb = 0;
    std::size_t reviews = 0;
};

// Each open runs in a fresh child process, so its peak RSS is the open's own.
OpenFigures openInChild(const fs::path& dir, bool dailyBackup, const char* now = nullptr) {
    int fds[2];
    if (::pipe(fds) != 0) return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        ProfileOpenOptions options;
        options.dailyBackup = dailyBackup;
        options.readOnly = !dailyBackup;
        if (now != nullptr) options.now = parseIsoTime(now);
        const double cpu0 = cpuMs();
        const auto t0 = Clock::now();
        auto opened = Profile::open(dir, options);
        OpenFigures f;
        f.ms = msSince(t0);
        f.cpuMs = cpuMs() - cpu0;
        f.reviews = opened.profile.reviews().size();
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        f.maxRssKb = usage.ru_maxrss;
        if (::write(fds[1], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) _exit(1);
        _exit(0);
    }
    ::close(fds[1]);
    OpenFigures f;
    if (::read(fds[0], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) f = {};
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--open") {
        ::setenv("XDG_STATE_HOME", (fs::path(argv[2]) / "state").c_str(), 1);
        ProfileOpenOptions options;
        options.readOnly = true;
        options.dailyBackup = false;
        for (int i = 0; i < 10; ++i) {
            const double cpu0 = cpuMs();
            const auto t0 = Clock::now();
            auto opened = Profile::open(fs::path(argv[2]) / "heavy", options);
            std::printf("%.1f ms wall, %.1f ms CPU, %zu reviews\n", msSince(t0), cpuMs() - cpu0,
                        opened.profile.reviews().size());
        }
        return 0;
    }
    if (argc == 4 && std::string(argv[1]) == "--write") {
        attune::bench::writeHeavyProfile(fs::path(argv[2]) / "heavy", std::atoi(argv[3]));
        return 0;
    }
    fs::path dir;
    bool temporary = false;
    if (argc > 1) {
        dir = argv[1];
    } else {
        std::string pattern = (fs::temp_directory_path() / "attune-bench-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) return 1;
        dir = pattern;
        temporary = true;
    }
    const fs::path profileDir = dir / "heavy";
    // The device id and the backups go to the bench's folder, not the player's state folder.
    ::setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
    auto t0 = Clock::now();
    attune::bench::writeHeavyProfile(profileDir);
    std::uintmax_t bytes = 0;
    for (const auto& e : fs::directory_iterator(profileDir / "log")) bytes += e.file_size();
    std::printf("profile: %d cards, %d reviews, %.1f MB of log in %zu month files (written in %.0f ms)\n", kCards,
                kReviews, static_cast<double>(bytes) / 1e6,
                static_cast<std::size_t>(std::distance(fs::directory_iterator(profileDir / "log"), fs::directory_iterator{})),
                msSince(t0));

    std::vector<double> times;
    std::vector<double> cpuTimes;
    long rss = 0;
    std::size_t loaded = 0;
    (void)openInChild(profileDir, false);  // warm the page cache, as a second launch would find it
    for (int i = 0; i < kRuns; ++i) {
        const OpenFigures f = openInChild(profileDir, false);
        times.push_back(f.ms);
        cpuTimes.push_back(f.cpuMs);
        rss = std::max(rss, f.maxRssKb);
        loaded = f.reviews;
    }
    std::printf("open (log parsed, %zu reviews in time order): median %.1f ms wall (%.1f ms CPU, all threads) over %d "
                "runs, peak RSS %.1f MB\n",
                loaded, median(times), median(cpuTimes), kRuns, static_cast<double>(rss) / 1024.0);
    double load[1] = {0};
    if (::getloadavg(load, 1) == 1) std::printf("(machine load average while measuring: %.1f)\n", load[0]);

    // The same log as the files of one computer and of two taking turns, opened in alternation
    // with the flat layout: what a synced profile's split costs at start-up.
    {
        const fs::path layouts[3] = {profileDir, dir / "one-computer", dir / "two-computers"};
        attune::bench::writeHeavyProfile(layouts[1], 1);
        attune::bench::writeHeavyProfile(layouts[2], 2);
        std::vector<double> wall[3];
        std::vector<double> cpu[3];
        for (int i = 0; i < kRuns; ++i) {
            for (int l = 0; l < 3; ++l) {
                const OpenFigures f = openInChild(layouts[l], false);
                wall[l].push_back(f.ms);
                cpu[l].push_back(f.cpuMs);
            }
        }
        std::printf("open by layout, %d alternating rounds, median wall / CPU: flat log/ %.1f / %.1f ms, one computer's "
                    "folder %.1f / %.1f ms, two computers' folders %.1f / %.1f ms\n",
                    kRuns, median(wall[0]), median(cpu[0]), median(wall[1]), median(cpu[1]), median(wall[2]),
                    median(cpu[2]));
        fs::remove_all(layouts[1]);
        fs::remove_all(layouts[2]);
    }

    fs::remove_all(dir / "state" / "attune" / "backups");
    const OpenFigures firstEver = openInChild(profileDir, true, "2026-12-01T12:00:00Z");
    const OpenFigures nextDay = openInChild(profileDir, true, "2026-12-02T12:00:00Z");
    const OpenFigures sameDay = openInChild(profileDir, true, "2026-12-02T18:00:00Z");
    std::printf("open with the daily backup: first backup ever %.1f ms (copies the whole log), first launch of the "
                "next day %.1f ms (unchanged months hard-linked), later that day %.1f ms\n",
                firstEver.ms, nextDay.ms, sameDay.ms);

    // For comparison: the same files read by TOML++ alone (the fallback path).
    t0 = Clock::now();
    std::size_t tomlCount = 0;
    for (const auto& e : fs::directory_iterator(profileDir / "log")) {
        toml::table t = toml::parse_file(e.path().string());
        if (const auto* reviews = t["reviews"].as_table()) tomlCount += reviews->size();
    }
    std::printf("same log through TOML++ only: %.0f ms (%zu reviews)\n", msSince(t0), tomlCount);

    // Appending: one write() and an fsync per answer.
    {
        auto opened = Profile::open(profileDir);
        std::vector<double> latencies;
        ReviewRecord r;
        r.deckId = "attachment-course";
        r.utcMs = now().utcMs;
        for (int i = 0; i < 200; ++i) {
            r.cardId = "card-" + std::to_string(i);
            r.utcMs += 7000;
            const auto ta = Clock::now();
            const SaveResult saved = opened.profile.append(r);
            latencies.push_back(msSince(ta));
            if (!saved.ok) std::printf("append failed: %s\n", saved.message.c_str());
        }
        std::sort(latencies.begin(), latencies.end());
        std::printf("append (write + fsync): median %.2f ms, p99 %.2f ms, max %.2f ms over %zu answers\n",
                    latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100], latencies.back(),
                    latencies.size());
    }
    if (temporary) fs::remove_all(dir);
    else std::printf("profile kept in %s\n", profileDir.c_str());
    return 0;
}
