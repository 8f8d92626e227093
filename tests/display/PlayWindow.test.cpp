// The real game window driven like a player would, with synthetic key presses (xdotool under
// Xvfb): a fresh profile, the welcome, five cards answered with Enter, Enter, the window closed;
// the profile then holds the five answers.
#include "FileText.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/save/Profile.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;
using attune::testing::readAll;
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

/// xdotool with the test's display named explicitly.
std::string xdotoolCommand() {
    const char* display = std::getenv("DISPLAY");
    return std::string("DISPLAY='") + (display ? display : "") + "' xdotool ";
}

void xdotool(const std::string& arguments) {
    const std::string command = xdotoolCommand() + arguments;
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

/// The game running in a child process, its window found and focused.
struct RunningGame {
    pid_t child = 0;
    std::string window;

    RunningGame(const fs::path& profile, const fs::path& errors, const char* dataDir = nullptr) {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        std::string binary = ATTUNE_BINARY;
        std::string profileFlag = "--profile";
        std::string profileDir = profile.string();
        char* argv[] = {binary.data(), profileFlag.data(), profileDir.data(), nullptr};
        std::vector<std::string> variables;
        for (char** e = environ; *e; ++e) {
            if (std::string(*e).rfind("ATTUNE_DATA_DIR=", 0) != 0) variables.emplace_back(*e);
        }
        if (dataDir) variables.push_back(std::string("ATTUNE_DATA_DIR=") + dataDir);
        std::vector<char*> envp;
        for (auto& v : variables) envp.push_back(v.data());
        envp.push_back(nullptr);
        REQUIRE(posix_spawn(&child, binary.c_str(), &actions, nullptr, argv, envp.data()) == 0);
        posix_spawn_file_actions_destroy(&actions);
        const std::string found = capture("timeout 20 env " + xdotoolCommand() + "search --sync --onlyvisible --pid " +
                                          std::to_string(child) + " --name '^Attune$' | head -n 1");
        INFO("the game said: " << readAll(errors));
        REQUIRE_FALSE(found.empty());
        window = found.substr(0, found.find('\n'));
        xdotool("windowfocus --sync " + window);
        std::this_thread::sleep_for(300ms);
    }
};

}  // namespace

TEST_CASE("window - a fresh profile studies five cards with Enter Enter and keeps all five answers") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);  // run under xvfb-run -a
    const testing::TempDir folder("attune-window");
    const fs::path dir = folder.path / "game";
    {
        // A fresh profile that takes five new cards a day.
        auto opened = model::Profile::open(dir);
        model::Settings settings = opened.profile.settings();
        settings.newCardsPerDay = 5;
        REQUIRE(opened.profile.saveSettings(settings).ok);
        REQUIRE(opened.profile.reviews().empty());
    }
    const fs::path errors = dir / "stderr.txt";

    RunningGame game(dir, errors);

    xdotool("key --delay 120 Return");  // the welcome: "Start my first session"
    for (int card = 0; card < 5; ++card) {
        xdotool("key --delay 120 Return Return");  // answer beat, then the suggested grade
        std::this_thread::sleep_for(150ms);
    }
    // Learning steps bring cards back, so the player stops: Esc ends the session (summary),
    // Esc goes home, Esc on home closes the window.
    std::this_thread::sleep_for(300ms);
    xdotool("key --delay 250 Escape Escape Escape");
    const int exitCode = waitFor(game.child, 20s);
    CHECK(exitCode == 0);

    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    auto reopened = model::Profile::open(dir, readOnly);
    const auto answers = model::effectiveReviews(reopened.profile.reviews());
    CHECK(answers.size() == 5);
    for (const auto& answer : answers) CHECK(model::isOwnStudy(answer));

    // Without an audio device the game is silent and says nothing on the terminal.
    CHECK(readAll(errors).empty());
}

TEST_CASE("window - a typed answer is checked and the window survives resizing and fullscreen") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const testing::TempDir folder("attune-window-typing");
    const fs::path root = folder.path / "game";
    // A data folder with the real assets and one deck of one type-in card.
    const fs::path data = root / "data";
    fs::create_directories(data / "decks");
    fs::create_directory_symlink(fs::path(ATTUNE_SOURCE_DIR) / "assets", data / "assets");
    std::ofstream(data / "decks" / "typing.toml")
        << "[deck]\nid = \"typing\"\ntitle = \"Typing\"\ndescription = \"One type-in card.\"\n"
           "version = \"1.0.0\"\nlanguage = \"en\"\n\n[[topic]]\nid = \"t\"\ntitle = \"Words\"\n"
           "description = \"x\"\norder = 1\n\n[[card]]\nid = \"base\"\ntopic = \"t\"\ntype = \"typein\"\n"
           "prompt = \"A safe place to return to is a secure ...?\"\nanswer = \"Basé\"\n"
           "explain = \"The accent checks UTF-8 typing.\"\nsource = \"test\"\n";
    const fs::path profile = root / "profile";
    const fs::path errors = root / "stderr.txt";
    RunningGame game(profile, errors, data.c_str());

    xdotool("key --delay 120 Return");                // the welcome, then the card
    xdotool("type --delay 60 'Basx'");                // a typo ...
    xdotool("key --delay 80 BackSpace");              // ... erased
    xdotool("type --delay 60 'é'");                   // a character outside ASCII
    xdotool("key --delay 150 Return Return");         // check, then accept the suggested grade
    std::this_thread::sleep_for(300ms);
    xdotool("windowsize " + game.window + " 800 600");
    std::this_thread::sleep_for(200ms);
    xdotool("key --delay 300 F11 F11");
    std::this_thread::sleep_for(300ms);
    xdotool("search --sync --onlyvisible --pid " + std::to_string(game.child) + " --name '^Attune$' windowfocus --sync");
    xdotool("key --delay 250 Escape Escape Escape");
    CHECK(waitFor(game.child, 20s) == 0);

    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    auto reopened = model::Profile::open(profile, readOnly);
    const auto answers = model::effectiveReviews(reopened.profile.reviews());
    REQUIRE(answers.size() == 1);
    // "Basé" typed right: the suggestion was Good or Easy, never Again.
    CHECK(answers[0].cardId == "base");
    CHECK(answers[0].rating != scheduler::Rating::Again);
    CHECK(readAll(errors).empty());
}

TEST_CASE("window - a setting changed with the keyboard is saved to the profile") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const testing::TempDir folder("attune-window-settings");
    const fs::path dir = folder.path / "game";
    {
        // Not a first launch (one answer already), so the game opens on home.
        const auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
        REQUIRE(loaded.deck.has_value());
        auto opened = model::Profile::open(dir);
        model::ReviewRecord record;
        record.deckId = loaded.deck->id;
        record.cardId = loaded.deck->studyCards.front().id;
        record.utcMs = model::now().utcMs - 60000;
        record.kind = model::ReviewKind::Learn;
        REQUIRE(opened.profile.append(record).ok);
        REQUIRE(opened.profile.settings().desiredRetention == Approx(0.90));
    }
    const fs::path errors = dir / "stderr.txt";
    RunningGame game(dir, errors);
    // Home: Shift+Tab wraps from "Study now" to "Settings"; Enter opens it with the focus on
    // "desired retention: -"; Enter lowers it to 89 %; Esc back home, Esc closes the window.
    xdotool("key --delay 200 shift+Tab Return Return Escape Escape");
    CHECK(waitFor(game.child, 20s) == 0);

    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    auto reopened = model::Profile::open(dir, readOnly);
    CHECK(reopened.profile.settings().desiredRetention == Approx(0.89));
    CHECK(readAll(errors).empty());
}

TEST_CASE("window - answers that could not be saved are shown in the window, which waits for Enter") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const testing::TempDir folder("attune-window-unsaved");
    const fs::path dir = folder.path / "game";
    {
        auto opened = model::Profile::open(dir / "profile");
        model::Settings settings = opened.profile.settings();
        settings.newCardsPerDay = 5;
        REQUIRE(opened.profile.saveSettings(settings).ok);
    }
    // The fallback folder for unsaved answers lives under the data folder: keep it in the test's.
    const char* oldData = std::getenv("XDG_DATA_HOME");
    const std::string keptData = oldData ? oldData : "";
    setenv("XDG_DATA_HOME", (dir / "xdg").c_str(), 1);
    const fs::path errors = dir / "stderr.txt";
    RunningGame game(dir / "profile", errors);
    if (oldData) setenv("XDG_DATA_HOME", keptData.c_str(), 1);
    else unsetenv("XDG_DATA_HOME");

    xdotool("key --delay 150 Return Return Return");  // the welcome, then one answer saved
    std::this_thread::sleep_for(300ms);
    // The log folder becomes a file: the next answer cannot be written there.
    fs::remove_all(dir / "profile" / "log");
    std::ofstream(dir / "profile" / "log") << "not a folder\n";
    xdotool("key --delay 150 Return Return");
    std::this_thread::sleep_for(300ms);
    xdotool("key --delay 250 Escape Escape Escape");  // summary, home, quit
    std::this_thread::sleep_for(1500ms);

    // The game has not gone away: its window shows where the answer went and waits.
    int status = 0;
    CHECK(waitpid(game.child, &status, WNOHANG) == 0);
    const std::string still = capture(xdotoolCommand() + "search --onlyvisible --pid " + std::to_string(game.child) +
                                      " --name '^Attune$'");
    CHECK_FALSE(still.empty());
    xdotool("key Return");
    CHECK(waitFor(game.child, 20s) == 1);

    const std::string said = readAll(errors);
    INFO(said);
    CHECK(said.find("1 answer could not be saved") != std::string::npos);
    bool kept = false;
    for (const auto& entry : fs::recursive_directory_iterator(dir / "xdg"))
        if (entry.path().filename().string().rfind("unsaved-", 0) == 0) kept = said.find(entry.path().string()) != std::string::npos;
    CHECK(kept);
}

TEST_CASE("window - a card added in the card editor is saved to the deck file and studied") {
    REQUIRE(std::getenv("DISPLAY") != nullptr);
    const testing::TempDir folder("attune-window-editor");
    const fs::path root = folder.path / "game";
    // The real assets, no bundled deck, and one deck of the player's with one card.
    const fs::path data = root / "data";
    fs::create_directories(data / "decks");
    fs::create_directory_symlink(fs::path(ATTUNE_SOURCE_DIR) / "assets", data / "assets");
    const fs::path deckFile = root / "xdg" / "attune" / "decks" / "mine.toml";
    fs::create_directories(deckFile.parent_path());
    const std::string deck =
        "# My deck.\n[deck]\nid = \"mine\"\ntitle = \"Mine\"\ndescription = \"My cards.\"\nversion = \"1\"\n\n"
        "[[topic]]\nid = \"keys\"\ntitle = \"Keys\"\n\n[[card]]\nid = \"first\"\ntopic = \"keys\"\ntype = \"basic\"\n"
        "front = \"Which key reveals the answer?\"\nback = \"Space\"\nexplain = \"Enter works too: it moves on.\"\n";
    std::ofstream(deckFile) << deck;
    const fs::path profile = root / "profile";
    {
        // Not a first launch (an answer in the log), so the game opens on home.
        auto opened = model::Profile::open(profile);
        model::Settings settings = opened.profile.settings();
        settings.newCardsPerDay = 5;
        REQUIRE(opened.profile.saveSettings(settings).ok);
        model::ReviewRecord record;
        record.deckId = "mine";
        record.cardId = "gone";
        record.utcMs = model::now().utcMs - 60000;
        record.kind = model::ReviewKind::Learn;
        REQUIRE(opened.profile.append(record).ok);
    }
    const char* oldData = std::getenv("XDG_DATA_HOME");
    const std::string keptData = oldData ? oldData : "";
    setenv("XDG_DATA_HOME", (root / "xdg").c_str(), 1);
    const fs::path errors = root / "stderr.txt";
    {
        RunningGame game(profile, errors, data.c_str());
        // Home: Shift+Tab twice reaches Decks. With one card the browser opens in its search
        // field: Tab leaves it, and n opens the editor on a new card's question.
        xdotool("key --delay 200 shift+Tab shift+Tab Return");
        std::this_thread::sleep_for(300ms);
        xdotool("key --delay 200 Tab n");
        xdotool("type --delay 40 'Which key adds a card?'");
        xdotool("key --delay 120 Tab");
        xdotool("type --delay 40 'n, in Decks'");
        xdotool("key --delay 120 Return");  // Enter moves on to the explanation
        xdotool("type --delay 40 'New card opens the editor on an empty form.'");
        std::this_thread::sleep_for(300ms);
        xdotool("key --delay 250 ctrl+s Escape Escape Escape");  // save, back to Decks, home, quit
        CHECK(waitFor(game.child, 20s) == 0);
    }
    const std::string written = readAll(deckFile);
    INFO(written);
    // The old text is still there byte for byte, the new card after it.
    REQUIRE(written.rfind(deck, 0) == 0);
    CHECK(written.substr(deck.size()) ==
          "\n[[card]]\nid = \"which-key-adds-a-card\"\ntopic = \"keys\"\ntype = \"basic\"\nfront = \"Which key adds a card?\"\n"
          "back = \"n, in Decks\"\nexplain = \"New card opens the editor on an empty form.\"\n");
    {
        // Opened again, the game studies both cards: Study now, then Enter, Enter for each.
        RunningGame game(profile, errors, data.c_str());
        xdotool("key --delay 150 Return");
        for (int card = 0; card < 2; ++card) {
            xdotool("key --delay 150 Return Return");
            std::this_thread::sleep_for(150ms);
        }
        // Esc until the window closes: the session's end may bring a finale (the deck's cards all
        // met) before the summary and home.
        int exitCode = -1;
        for (int i = 0; i < 8 && exitCode < 0; ++i) {
            std::this_thread::sleep_for(400ms);
            int status = 0;
            if (waitpid(game.child, &status, WNOHANG) == game.child) exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            else xdotool("key Escape");
        }
        if (exitCode < 0) exitCode = waitFor(game.child, 20s);
        CHECK(exitCode == 0);
    }
    if (oldData) setenv("XDG_DATA_HOME", keptData.c_str(), 1);
    else unsetenv("XDG_DATA_HOME");

    model::ProfileOpenOptions readOnly;
    readOnly.readOnly = true;
    readOnly.dailyBackup = false;
    auto reopened = model::Profile::open(profile, readOnly);
    const auto answers = model::effectiveReviews(reopened.profile.reviews());
    const bool studied = std::any_of(answers.begin(), answers.end(), [](const model::ReviewRecord& r) { return r.cardId == "which-key-adds-a-card"; });
    CHECK(studied);
    CHECK(readAll(errors).empty());
}
