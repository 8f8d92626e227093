// The 300 ms budget of a heavy player: 20,000 cards in two deck files and 300,000
// answers over two years. Measures, each in a fresh process, median of 9 runs:
//   - `attune stats --json` on it, the whole command from exec to exit, against `attune --version`
//     (process start alone) in the same run;
//   - start to the first home screen drawn (profile, decks, replay, fonts, window, one frame),
//     when built with the game and a display is there (run under xvfb-run);
//   - the model's phases on their own: decks parsed, log read, progress derived.
//   xvfb-run -a build/bench/bench/bench_heavy_start [--attune PATH] [--keep DIR] [--computers N]
// --computers N writes the log as N computers' files (0, the default: the flat layout before
// devices; 2: two computers taking turns), to measure what a synced profile's split costs.
#include "HeavyCourse.hpp"

#include <attune/model/core/ProcessMemory.hpp>
#include <attune/model/deck/DeckLibrary.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>

#ifdef ATTUNE_HAVE_GAME
#include <attune/ui/Window.hpp>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace attune;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRuns = 9;

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// Runs `work` in a forked child; the child reports up to four figures through a pipe, and its
/// peak RSS in kB is the fifth.
std::vector<double> inChild(const std::function<std::vector<double>()>& work) {
    int fds[2];
    if (::pipe(fds) != 0) return {};
    std::fflush(stdout);  // or the child prints our buffered lines again
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::vector<double> figures = work();
        figures.resize(4, 0.0);
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        figures.push_back(static_cast<double>(usage.ru_maxrss));
        const auto bytes = static_cast<ssize_t>(figures.size() * sizeof(double));
        if (::write(fds[1], figures.data(), static_cast<std::size_t>(bytes)) != bytes) _exit(1);
        _exit(0);
    }
    ::close(fds[1]);
    std::vector<double> figures(5, 0.0);
    const auto bytes = static_cast<ssize_t>(figures.size() * sizeof(double));
    if (::read(fds[0], figures.data(), static_cast<std::size_t>(bytes)) != bytes) figures.clear();
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return figures;
}

/// Wall time of one run of a command, output to /dev/null; negative when it failed. The peak RSS
/// of the child in kB goes to `rssKb`.
double timeCommand(const std::vector<std::string>& argv, long& rssKb) {
    std::fflush(stdout);
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    const double ms = msSince(start);
    rssKb = usage.ru_maxrss;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? ms : -1.0;
}

fs::path defaultAttune(const char* self) {
    // build/<preset>/bench/bench_heavy_start -> build/<preset>/game/cli/attune
    return fs::absolute(fs::path(self)).parent_path().parent_path() / "game" / "cli" / "attune";
}

}  // namespace

int main(int argc, char** argv) {
    model::useOneMallocArena();  // as attune's main() does: the window is measured in a fork of this process
    fs::path attune = defaultAttune(argv[0]);
    fs::path keep;
    int computers = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--attune" && i + 1 < argc) attune = argv[++i];
        else if (arg == "--keep" && i + 1 < argc) keep = argv[++i];
        else if (arg == "--computers" && i + 1 < argc) computers = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_heavy_start [--attune PATH] [--keep DIR] [--computers N]\n");
            return 2;
        }
    }
    fs::path dir = keep;
    if (dir.empty()) {
        std::string pattern = (fs::temp_directory_path() / "attune-heavy-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) return 1;
        dir = pattern;
    }
    const fs::path deckDir = dir / "decks";
    const fs::path profileDir = dir / "profile";
    if (!fs::exists(deckDir)) bench::writeHeavyDecks(deckDir);
    if (!fs::exists(profileDir)) bench::writeHeavyProfile(profileDir, computers);
    std::uintmax_t deckBytes = 0, logBytes = 0;
    for (const auto& e : fs::directory_iterator(deckDir)) deckBytes += e.file_size();
    for (const auto& e : fs::recursive_directory_iterator(profileDir / "log"))
        if (e.is_regular_file()) logBytes += e.file_size();
    std::printf("heavy player: %d cards in %d deck files (%.1f MB), %d answers in the log (%.1f MB)\n", bench::kHeavyCards,
                bench::kHeavyDecks, static_cast<double>(deckBytes) / 1e6, bench::kHeavyReviews,
                static_cast<double>(logBytes) / 1e6);
    // Every part asks the one clock; pin it so every run sees the same day.
    ::setenv("ATTUNE_NOW", bench::kHeavyNow, 1);
    // Keep the player's real folder out of it: only the bundled decks and the heavy ones load.
    const fs::path xdg = dir / "xdg";
    fs::create_directories(xdg);
    ::setenv("XDG_DATA_HOME", xdg.c_str(), 1);
    // The deck cache too: the first (unmeasured) run of each part fills it, as a first launch would.
    ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
    // And this computer's device id: made in the bench's folder, not the player's state folder.
    ::setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);

    // --- the model's phases, each run in a fresh process --------------------------------------
    std::vector<double> decksMs, openMs, progressMs, totalMs, rssMb;
    std::size_t cards = 0, reviews = 0;
    for (int run = 0; run < kRuns + 1; ++run) {
        const auto f = inChild([&] {
            const auto t0 = Clock::now();
            model::DeckLibrary library = model::loadDeckLibrary(model::standardDeckSources({deckDir}));
            const double d = msSince(t0);
            const auto t1 = Clock::now();
            model::ProfileOpenOptions options;
            options.readOnly = true;
            options.dailyBackup = false;
            auto opened = model::Profile::open(profileDir, options);
            const double o = msSince(t1);
            std::vector<model::Deck> decks;
            for (auto& entry : library.decks) decks.push_back(std::move(entry.deck));
            const auto achievements = model::loadBundledAchievements();
            const auto quests = model::loadBundledQuests();
            model::CourseInput input;
            input.decks = decks;
            input.reviews = opened.profile.reviews();
            input.settings = opened.profile.settings();
            input.achievements = achievements.definitions;
            input.quests = quests.definitions;
            input.now = model::now();
            const auto t2 = Clock::now();
            const model::CourseProgress progress = model::computeProgress(input);
            const double p = msSince(t2);
            return std::vector<double>{d, o, p, static_cast<double>(progress.cards.size() * 1000000 + opened.profile.reviews().size())};
        });
        if (f.size() != 5) return 1;
        if (run == 0) continue;  // warms the page cache, as a second launch finds it
        decksMs.push_back(f[0]);
        openMs.push_back(f[1]);
        progressMs.push_back(f[2]);
        totalMs.push_back(f[0] + f[1] + f[2]);
        cards = static_cast<std::size_t>(f[3]) / 1000000;
        reviews = static_cast<std::size_t>(f[3]) % 1000000;
        rssMb.push_back(f[4] / 1024.0);
    }
    std::printf("model phases (%zu study cards incl. the bundled decks, %zu answers), median of %d:\n", cards, reviews, kRuns);
    std::printf("  decks parsed %.1f ms, log read %.1f ms, progress derived %.1f ms; sum %.1f ms; peak RSS %.1f MB\n",
                median(decksMs), median(openMs), median(progressMs), median(totalMs), median(rssMb));

    // --- attune stats --json, the whole process ------------------------------------------------
    if (fs::exists(attune)) {
        std::vector<double> stats, version;
        long statsRss = 0, rss = 0;
        const std::vector<std::string> statsArgs{attune.string(), "stats", "--json", "--profile", profileDir.string(),
                                                 "--deck", deckDir.string()};
        const std::vector<std::string> versionArgs{attune.string(), "--version"};
        (void)timeCommand(statsArgs, rss);
        for (int run = 0; run < kRuns; ++run) {  // interleaved, so both see the same machine
            version.push_back(timeCommand(versionArgs, rss));
            stats.push_back(timeCommand(statsArgs, rss));
            statsRss = std::max(statsRss, rss);
        }
        if (*std::min_element(stats.begin(), stats.end()) < 0) {
            std::fprintf(stderr, "attune stats --json failed on the heavy profile\n");
            return 1;
        }
        std::printf("attune stats --json, exec to exit: median %.1f ms (attune --version: %.1f ms), peak RSS %.1f MB\n",
                    median(stats), median(version), static_cast<double>(statsRss) / 1024.0);
    } else {
        std::printf("attune stats --json: skipped, no binary at %s (--attune PATH)\n", attune.c_str());
    }

#ifdef ATTUNE_HAVE_GAME
    // --- start to the first home screen ----------------------------------------------------------
    if (const char* display = std::getenv("DISPLAY"); display != nullptr && *display != '\0') {
        // The same start on an empty profile with the bundled course alone is the baseline: what
        // the window, the fonts and the GL driver cost on this machine, in this run.
        const auto firstScreen = [&](const fs::path& profile, std::vector<fs::path> decks) {
            std::vector<double> first, game, rss;
            for (int run = 0; run < kRuns + 1; ++run) {
                const auto f = inChild([&] {
                    ui::WindowOptions options;
                    options.profileDir = profile;
                    options.decks = decks;
                    std::string error;
                    const auto times = ui::measureFirstScreen(options, error);
                    if (!times) {
                        std::fprintf(stderr, "first screen: %s\n", error.c_str());
                        return std::vector<double>{};
                    }
                    return std::vector<double>{times->firstFrameMs, times->gameReadyMs};
                });
                if (f.size() != 5 || f[0] <= 0.0) return std::vector<double>{};
                if (run == 0) continue;
                first.push_back(f[0]);
                game.push_back(f[1]);
                rss.push_back(f[4] / 1024.0);
            }
            return std::vector<double>{median(first), median(game), median(rss)};
        };
        const auto heavy = firstScreen(profileDir, {deckDir});
        const auto empty = firstScreen(dir / "empty-profile", {});
        if (heavy.empty() || empty.empty()) return 1;
        std::printf("start to the first home screen drawn (course loading while the window opens), median of %d:\n"
                    "  heavy player %.1f ms (course ready at %.1f ms), peak RSS %.1f MB\n"
                    "  empty profile, bundled course only: %.1f ms (course ready at %.1f ms), peak RSS %.1f MB\n",
                    kRuns, heavy[0], heavy[1], heavy[2], empty[0], empty[1], empty[2]);
    } else {
        std::printf("first screen: skipped, no DISPLAY (run under xvfb-run -a)\n");
    }
#endif
    double load[1] = {0};
    if (::getloadavg(load, 1) == 1) std::printf("(machine load average while measuring: %.1f)\n", load[0]);
    if (keep.empty()) fs::remove_all(dir);
    return 0;
}
