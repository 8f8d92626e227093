// The real game window driven like a player would, with synthetic key presses (xdotool under
// Xvfb): a fresh profile, the welcome, five cards answered with Enter, Enter, the window closed;
// the profile then holds the five answers.
#include "catch.hpp"

#include <attune/model/Profile.hpp>
#include <attune/model/ReviewHistory.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;
using namespace attune;
using namespace std::chrono_literals;

namespace {

/// Runs a shell command and returns its standard output.
std::string capture(const std::string& command) {
    std::string output;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[256];
        while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
        pclose(pipe);
    }
    return output;
}

void xdotool(const std::string& arguments) {
    const std::string command = "xdotool " + arguments;
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
}

/// Waits for the child to end; -1 when it did not within `limit` (then it is killed).
int waitFor(pid_t child, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        const pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(50ms);
    }
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    return -1;
}

}  // namespace

TEST_CASE("window - a fresh profile studies five cards with Enter Enter and keeps all five answers") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);  // run under xvfb-run -a
    const fs::path dir = fs::temp_directory_path() / ("attune-window-" + std::to_string(getpid()));
    fs::remove_all(dir);
    {
        // A fresh profile that takes five new cards a day.
        auto opened = model::Profile::open(dir);
        model::Settings settings = opened.profile.settings();
        settings.newCardsPerDay = 5;
        REQUIRE(opened.profile.saveSettings(settings).ok);
        REQUIRE(opened.profile.reviews().empty());
    }
    const fs::path errors = dir / "stderr.txt";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::string binary = ATTUNE_BINARY;
    std::string profileFlag = "--profile";
    std::string profileDir = dir.string();
    char* argv[] = {binary.data(), profileFlag.data(), profileDir.data(), nullptr};
    pid_t child = 0;
    REQUIRE(posix_spawn(&child, binary.c_str(), &actions, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&actions);

    // The window appears; give it the keyboard.
    const std::string window =
        capture("timeout 20 xdotool search --sync --onlyvisible --pid " + std::to_string(child) + " --name '^Attune$' | head -n 1");
    REQUIRE_FALSE(window.empty());
    const std::string id = window.substr(0, window.find('\n'));
    xdotool("windowfocus --sync " + id);
    std::this_thread::sleep_for(300ms);

    xdotool("key --delay 120 Return");  // the welcome: "Start my first session"
    for (int card = 0; card < 5; ++card) {
        xdotool("key --delay 120 Return Return");  // answer beat, then the suggested grade
        std::this_thread::sleep_for(150ms);
    }
    // Learning steps bring cards back, so the player stops: Esc ends the session (summary),
    // Esc goes home, Esc on home closes the window.
    std::this_thread::sleep_for(300ms);
    xdotool("key --delay 250 Escape Escape Escape");
    const int exitCode = waitFor(child, 20s);
    CHECK(exitCode == 0);

    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    auto reopened = model::Profile::open(dir, readOnly);
    const auto answers = model::effectiveReviews(reopened.profile.reviews());
    CHECK(answers.size() == 5);
    for (const auto& answer : answers) CHECK(model::isOwnStudy(answer));

    // Without an audio device the game is silent and says nothing on the terminal.
    std::ifstream err(errors);
    const std::string said((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    CHECK(said.empty());
    fs::remove_all(dir);
}
