// The crash test: `attune study --tty` is killed with SIGKILL at random moments, again and
// again, on one profile. Every answer the study loop acknowledged ("saved: CARD RATING", printed
// only after the answer's append and fsync returned) must be in the log afterwards, and the
// profile must always load (a torn last line may be moved aside, never an error).
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/save/Profile.hpp>
#include <attune/model/save/Settings.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <poll.h>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune::model;

namespace {

struct Scratch : attune::testing::Scratch {
    Scratch() : attune::testing::Scratch("attune-crash-test") {
        fs::create_directories(root / "data" / "assets");
        fs::copy_file(fs::path(ATTUNE_SOURCE_DIR) / "assets" / "achievements.toml", root / "data" / "assets" / "achievements.toml");
        writeLongDeck();
    }
    // Enough new cards that no session ends by itself before its kill, however fast the machine.
    void writeLongDeck() const {
        std::ofstream out(root / "long-deck.toml");
        out << "[deck]\nid = \"crash-test\"\ntitle = \"Crash test\"\ndescription = \"Many short cards.\"\n"
               "version = \"1\"\n\n[[topic]]\nid = \"all\"\ntitle = \"All\"\n";
        for (int i = 0; i < 3000; ++i) {
            out << "\n[[card]]\nid = \"c" << i << "\"\ntopic = \"all\"\ntype = \"basic\"\nfront = \"Question " << i
                << "\"\nback = \"Answer " << i << "\"\nexplain = \"Card " << i << ".\"\n";
        }
        REQUIRE(out.good());
    }
};

struct Round {
    std::string output;  // everything the child printed before it died
    bool killed = false; // it was still running when the kill came
};

// Runs one study session, answering as fast as it reads, and kills it `killAfterMs` after its
// first acknowledged answer (or after its start, with `fromStart`: kills during start-up and the
// daily backup). Counting from the first answer keeps kills mid-session however slow the build
// (ASan) or fast the machine.
Round studyUntilKilled(const Scratch& scratch, const fs::path& profile, const std::string& now, int killAfterMs,
                       bool fromStart, std::mt19937& random, const fs::path& stateHome) {
    int toChild[2];
    int fromChild[2];
    REQUIRE(::pipe(toChild) == 0);
    REQUIRE(::pipe(fromChild) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(toChild[0], 0);
        ::dup2(fromChild[1], 1);
        const int devNull = ::open("/dev/null", O_WRONLY);
        ::dup2(devNull, 2);
        ::close(toChild[1]);
        ::close(fromChild[0]);
        ::setenv("ATTUNE_NOW", now.c_str(), 1);
        ::setenv("ATTUNE_DATA_DIR", (scratch.root / "data").c_str(), 1);
        ::setenv("XDG_DATA_HOME", (scratch.root / "xdg").c_str(), 1);
        ::setenv("XDG_STATE_HOME", stateHome.c_str(), 1);  // the computer: its device id
        const std::string deck = (scratch.root / "long-deck.toml").string();
        ::execl(ATTUNE_BINARY, "attune", "study", "--tty", "--profile", profile.c_str(), "--deck", deck.c_str(),
                "--seed", "7", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    ::fcntl(toChild[1], F_SETFL, O_NONBLOCK);
    std::signal(SIGPIPE, SIG_IGN);

    // Answer lines: Enter reveals; the grade is Enter (the suggestion) or 1-4.
    std::string pending;
    const auto refill = [&]() {
        while (pending.size() < 4096) {
            static const char* grades[] = {"", "1", "2", "3", "4"};
            pending += "\n";
            pending += grades[random() % 5];
            pending += "\n";
        }
    };
    Round round;
    const auto started = std::chrono::steady_clock::now();
    auto deadline = started + std::chrono::milliseconds(fromStart ? killAfterMs : 60000);
    bool counting = fromStart;
    bool childOpen = true;
    while (childOpen && std::chrono::steady_clock::now() < deadline) {
        refill();
        const ssize_t wrote = ::write(toChild[1], pending.data(), pending.size());
        if (wrote > 0) pending.erase(0, static_cast<std::size_t>(wrote));
        pollfd p{fromChild[0], POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, std::min<std::int64_t>(left.count(), 5)))) > 0) {
            char buffer[4096];
            const ssize_t n = ::read(fromChild[0], buffer, sizeof buffer);
            if (n > 0) round.output.append(buffer, static_cast<std::size_t>(n));
            else childOpen = false;  // it ended by itself
        }
        if (!counting && round.output.find("saved: ") != std::string::npos) {
            counting = true;
            deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(killAfterMs);
        }
    }
    ::kill(pid, SIGKILL);
    ::close(toChild[1]);
    // What it printed before dying is still in the pipe: those lines were acknowledged too.
    char buffer[4096];
    for (ssize_t n; (n = ::read(fromChild[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        round.output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fromChild[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    round.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    return round;
}

using AnswerCounts = std::map<std::pair<std::string, std::string>, int>;  // (card, rating) -> count

const char* ratingWord(attune::scheduler::Rating r) {
    switch (r) {
        case attune::scheduler::Rating::Again: return "again";
        case attune::scheduler::Rating::Hard: return "hard";
        case attune::scheduler::Rating::Good: return "good";
        case attune::scheduler::Rating::Easy: return "easy";
    }
    return "?";
}

}  // namespace

TEST_CASE("crash test - every acknowledged answer survives SIGKILL and the profile always loads") {
    Scratch scratch;
    const unsigned seed = std::random_device{}();
    INFO("random seed " << seed);
    std::mt19937 random(seed);

    // A few profiles in turn, each killed several times in a row: a fresh profile has a long
    // session of new cards, so most kills land in the middle of answering.
    constexpr int kRoundsPerProfile = 6;
    AnswerCounts acknowledged;
    int acknowledgedTotal = 0;
    int acknowledgedHere = 0;
    int kills = 0;
    int killsMidSession = 0;
    int tornLines = 0;
    fs::path profile;
    for (int attempt = 0; attempt < 400 && kills < 60; ++attempt) {
        if (attempt % kRoundsPerProfile == 0) {
            profile = scratch.root / ("profile-" + std::to_string(attempt / kRoundsPerProfile));
            acknowledged.clear();
            acknowledgedHere = 0;
            ProfileOpenOptions mine;
            mine.localState = scratch.root / "state" / "attune";
            auto opened = Profile::open(profile, mine);
            Settings settings;
            settings.newCardsPerDay = 3000;
            settings.reviewsPerDay = 5000;
            REQUIRE(opened.profile.saveSettings(settings).ok);
        }
        // Later rounds of a profile are on later days: daily backups happen under the kills too.
        const int round = attempt % kRoundsPerProfile;
        const std::string now = "2026-11-" + std::to_string(10 + round) + "T12:" + std::to_string(10 + attempt % 50) + ":00Z";
        const int killAfter = static_cast<int>(random() % 300);
        const bool fromStart = random() % 5 == 0;
        const Round result = studyUntilKilled(scratch, profile, now, killAfter, fromStart, random, scratch.root / "state");
        if (result.killed) ++kills;
        int acksThisRound = 0;
        std::istringstream lines(result.output);
        for (std::string line; std::getline(lines, line);) {
            if (lines.eof()) break;  // a line without its newline was not finished
            if (line.rfind("saved: ", 0) != 0) continue;
            const std::size_t space = line.rfind(' ');
            acknowledged[{line.substr(7, space - 7), line.substr(space + 1)}] += 1;
            ++acksThisRound;
        }
        acknowledgedTotal += acksThisRound;
        acknowledgedHere += acksThisRound;
        if (result.killed && acksThisRound > 0) ++killsMidSession;

        // Like the next launch: open for writing, so a torn line would be moved aside.
        ProfileOpenOptions options;
        options.dailyBackup = false;
        options.localState = scratch.root / "state" / "attune";
        auto opened = Profile::open(profile, options);
        INFO("attempt " << attempt << ", killed after " << killAfter << " ms");
        for (const auto& d : opened.diagnostics) {
            INFO(d.format());
            CHECK(d.severity == Diagnostic::Severity::Warning);
            if (d.message.find(".torn") != std::string::npos) ++tornLines;
        }
        REQUIRE_FALSE(opened.profile.readOnly());
        AnswerCounts logged;
        int answers = 0;
        for (const ReviewRecord& r : opened.profile.reviews()) {
            if (r.kind == ReviewKind::Undo) continue;
            logged[{r.cardId, ratingWord(r.rating)}] += 1;
            ++answers;
        }
        for (const auto& [answer, count] : acknowledged) {
            INFO("card " << answer.first << " rated " << answer.second);
            REQUIRE(logged[answer] >= count);
        }
        // Saved but not acknowledged: at most the one answer in flight at each kill.
        CHECK(answers <= acknowledgedHere + round + 1);
    }
    INFO("acknowledged " << acknowledgedTotal << " answers, torn lines moved aside " << tornLines);
    CHECK(kills >= 50);
    CHECK(killsMidSession >= 25);  // most kills landed while answers were being saved
    CHECK(acknowledgedTotal > 100);
}

namespace {

// Every file under `folder` with its bytes, by its path inside it.
std::map<std::string, std::string> filesUnder(const fs::path& folder) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().filename().string().starts_with(".lock")) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        out[fs::relative(entry.path(), folder).string()] = bytes.str();
    }
    return out;
}

}  // namespace

TEST_CASE("crash test - two computers on one folder, each killed in turn: every acknowledged answer of both survives") {
    Scratch scratch;
    const unsigned seed = std::random_device{}();
    INFO("random seed " << seed);
    std::mt19937 random(seed);
    const fs::path profile = scratch.root / "shared-profile";
    const fs::path states[2] = {scratch.root / "computer-a", scratch.root / "computer-b"};
    const auto openAs = [&](int computer, bool readOnly) {
        ProfileOpenOptions options;
        options.dailyBackup = false;
        options.readOnly = readOnly;
        options.localState = states[computer] / "attune";
        return Profile::open(profile, options);
    };
    {
        auto opened = openAs(0, false);
        Settings settings;
        settings.newCardsPerDay = 3000;
        settings.reviewsPerDay = 5000;
        REQUIRE(opened.profile.saveSettings(settings).ok);
    }
    AnswerCounts acknowledged;
    std::map<std::string, int> writerOf;  // file -> the computer that changed it
    int kills = 0;
    int acknowledgedTotal = 0;
    for (int round = 0; round < 24; ++round) {
        const int computer = round % 2;
        // The two clocks disagree by hours; both study on the same days.
        const std::string now = "2026-11-" + std::to_string(10 + round / 4) + (computer == 0 ? "T12:" : "T07:") +
                                std::to_string(10 + round) + ":00" + (computer == 0 ? "+01:00" : "-05:00");
        const auto before = filesUnder(profile);
        const Round result = studyUntilKilled(scratch, profile, now, static_cast<int>(random() % 300), random() % 5 == 0,
                                              random, states[computer]);
        if (result.killed) ++kills;
        std::istringstream lines(result.output);
        for (std::string line; std::getline(lines, line);) {
            if (lines.eof()) break;
            if (line.rfind("saved: ", 0) != 0) continue;
            const std::size_t space = line.rfind(' ');
            acknowledged[{line.substr(7, space - 7), line.substr(space + 1)}] += 1;
            ++acknowledgedTotal;
        }
        // The next launch of the killed computer moves its own torn line aside.
        auto own = openAs(computer, false);
        INFO("round " << round << " on computer " << computer);
        for (const auto& d : own.diagnostics) {
            INFO(d.format());
            CHECK(d.severity == Diagnostic::Severity::Warning);
        }
        REQUIRE_FALSE(own.profile.readOnly());
        REQUIRE(own.profile.close().ok);
        // Only the computer that ran wrote anything, and only its own files.
        for (const auto& [file, bytes] : filesUnder(profile)) {
            const auto old = before.find(file);
            if (old != before.end() && old->second == bytes) continue;
            INFO(file);
            const auto [slot, fresh] = writerOf.try_emplace(file, computer);
            CHECK(slot->second == computer);
        }
        // Both computers read the same log, and it holds every acknowledged answer.
        auto mine = openAs(computer, true);
        auto theirs = openAs(1 - computer, true);
        CHECK_FALSE(hasErrors(theirs.diagnostics));
        REQUIRE(mine.profile.reviews().size() == theirs.profile.reviews().size());
        AnswerCounts logged;
        for (std::size_t i = 0; i < mine.profile.reviews().size(); ++i) {
            const ReviewRecord& r = mine.profile.reviews()[i];
            CHECK(r.cardId == theirs.profile.reviews()[i].cardId);
            CHECK(r.utcMs == theirs.profile.reviews()[i].utcMs);
            if (r.kind != ReviewKind::Undo) logged[{r.cardId, ratingWord(r.rating)}] += 1;
        }
        for (const auto& [answer, count] : acknowledged) {
            INFO("card " << answer.first << " rated " << answer.second);
            REQUIRE(logged[answer] >= count);
        }
    }
    INFO("acknowledged " << acknowledgedTotal);
    CHECK(kills >= 18);
    CHECK(acknowledgedTotal > 40);
    std::set<int> writers;
    for (const auto& [file, computer] : writerOf) writers.insert(computer);
    CHECK(writers == std::set<int>{0, 1});  // both computers wrote, each to files of its own
}
