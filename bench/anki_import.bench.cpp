// How fast `attune deck import FILE.apkg --with-history` takes a big Anki package: 30,000 notes
// (every stock note type), 500 pictures and 500,000 review rows, in the current package
// generation (zstd). Each run is a fresh child process (its own peak RSS) writing into a fresh
// folder and profile. Prints medians, with the same import without history and the package
// reading alone as baselines. Goal: under 3 s and 300 MB for the whole import.
//   bench_anki_import [DIR]   (default: a fresh folder under $TMPDIR, removed afterwards)
#include "AnkiFixture.hpp"

#include <attune/model/anki/AnkiPackage.hpp>

#include "cli/Commands.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace attune::testing;

namespace {

constexpr int kNotes = 30000;
constexpr int kPictures = 500;
constexpr int kReviews = 500000;
constexpr int kRuns = 5;

struct Figures {
    double ms = 0;
    double cpuMs = 0;  // all threads: on a busy machine it says more than the wall clock
    long maxRssKb = 0;
    int exitCode = 0;
};

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

std::string makePackage() {
    FixtureCollection c;
    c.decks[2] = "Big";
    for (int d = 0; d < 20; ++d) c.decks[10 + d] = "Big::Part " + std::to_string(d + 1);
    const FixtureNotetype types[] = {stockBasic(), stockReversed(), stockOptionalReversed(), stockTyping(), stockCloze()};
    int picture = 0;
    for (int i = 0; i < kNotes; ++i) {
        const std::int64_t deck = 10 + i % 20;
        const std::string n = std::to_string(i);
        std::string front = "<div>Question <b>" + n + "</b>: what is the meaning of word number " + n + "?</div>";
        if (i % (kNotes / kPictures) == 0 && picture < kPictures) front += "<img src=\"picture-" + std::to_string(picture++) + ".png\">";
        switch (i % 5) {
            case 0: c.addNote(types[0], {front, "The answer " + n + "<br>with a second line &amp; more"}, deck); break;
            case 1: c.addNote(types[1], {"term " + n, "meaning " + n}, deck); break;
            case 2: c.addNote(types[2], {"word " + n, "translation " + n, i % 2 ? "y" : ""}, deck); break;
            case 3: c.addNote(types[3], {front, "answer" + n}, deck); break;
            default: c.addNote(types[4], {"Sentence " + n + " has {{c1::one gap}} and {{c2::another::hint}}.", "extra"}, deck, {}, {1, 2});
        }
    }
    for (int p = 0; p < kPictures; ++p) {
        std::string bytes = "\x89PNG\r\n\x1a\n";
        bytes.resize(20000, static_cast<char>(p));
        c.media.emplace_back("picture-" + std::to_string(p) + ".png", std::move(bytes));
    }
    const std::int64_t start = 1650000000000;
    for (int r = 0; r < kReviews; ++r) {
        const auto& card = c.cards[static_cast<std::size_t>(r) % c.cards.size()];
        const int type = r % 50 == 49 ? 4 : (r < static_cast<int>(c.cards.size()) ? 0 : 1);
        c.reviews.push_back({start + static_cast<std::int64_t>(r) * 60000, card.id, type == 4 ? 0 : 1 + (r % 7 == 0 ? 0 : 2), type,
                             type == 0 ? 0 : 2500, 4000 + r % 3000});
    }
    return ankiPackage(c, AnkiFormat::Latest);
}

// Runs the command (or only reads the package) in a child process.
Figures runInChild(const std::vector<std::string>& arguments, const fs::path& packageOnly = {}) {
    int fds[2];
    if (::pipe(fds) != 0) return {};
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        Figures f;
        const double cpu0 = cpuMs();
        const auto t0 = Clock::now();
        if (!packageOnly.empty()) {
            const auto opened = attune::model::openAnkiPackage(packageOnly);
            f.exitCode = opened.package ? 0 : 1;
        } else {
            std::istringstream in;
            std::ostringstream out;
            std::ostringstream err;
            f.exitCode = attune::cli::runAttune(arguments, in, out, err);
            if (f.exitCode != 0) std::cerr << err.str();
        }
        f.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        f.cpuMs = cpuMs() - cpu0;
        rusage usage{};
        ::getrusage(RUSAGE_SELF, &usage);
        f.maxRssKb = usage.ru_maxrss;
        if (::write(fds[1], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) _exit(1);
        _exit(0);
    }
    ::close(fds[1]);
    Figures f;
    if (::read(fds[0], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) f.exitCode = -1;
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return f;
}

void report(const char* what, const std::vector<Figures>& runs) {
    std::vector<double> ms;
    std::vector<double> cpu;
    std::vector<double> rss;
    for (const auto& f : runs) {
        ms.push_back(f.ms);
        cpu.push_back(f.cpuMs);
        rss.push_back(static_cast<double>(f.maxRssKb) / 1024.0);
    }
    std::printf("  %-32s median %6.0f ms wall, %6.0f ms CPU, peak RSS %4.0f MB (wall min %.0f, max %.0f ms)\n", what, median(ms),
                median(cpu), median(rss), *std::min_element(ms.begin(), ms.end()), *std::max_element(ms.begin(), ms.end()));
}

}  // namespace

int main(int argc, char** argv) {
    const bool own = argc < 2;
    fs::path dir = own ? fs::temp_directory_path() / ("attune-bench-anki-" + std::to_string(::getpid())) : fs::path(argv[1]);
    fs::create_directories(dir);
    const fs::path package = dir / "big.apkg";
    auto t0 = Clock::now();
    std::ofstream(package, std::ios::binary) << makePackage();
    std::printf("generated %s: %d notes, %d pictures, %d review rows, %.1f MB in %.0f ms\n", package.c_str(), kNotes, kPictures,
                kReviews, static_cast<double>(fs::file_size(package)) / 1e6,
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());

    std::vector<Figures> read, deckOnly, withHistory;
    for (int run = 0; run < kRuns; ++run) {
        const fs::path out = dir / ("run-" + std::to_string(run));
        read.push_back(runInChild({}, package));
        deckOnly.push_back(runInChild({"deck", "import", package.string(), "--out", (out / "deck/big.toml").string()}));
        withHistory.push_back(runInChild({"deck", "import", package.string(), "--out", (out / "history/big.toml").string(),
                                          "--with-history", "--profile", (out / "profile").string()}));
        for (const auto* f : {&read.back(), &deckOnly.back(), &withHistory.back()}) {
            if (f->exitCode != 0) {
                std::fprintf(stderr, "run %d failed\n", run);
                return 1;
            }
        }
        fs::remove_all(out);
    }
    std::printf("%d runs each:\n", kRuns);
    report("reading the package", read);
    report("deck import (no history)", deckOnly);
    report("deck import --with-history", withHistory);
    std::printf("goal for deck import --with-history: under 3000 ms and 300 MB\n");
    if (own) fs::remove_all(dir);
    return 0;
}
