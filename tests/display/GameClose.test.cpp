// Leaving the game closes the profile: every answer is on disk, and when one could not be
// saved the player is told in words where it went (the fallback folder `profile merge` takes).
#include "catch.hpp"

#include "../../game/ui/src/Game.hpp"

#include <attune/model/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune;

namespace {

fs::path freshRoot(const std::string& name) {
    const fs::path root = fs::temp_directory_path() / ("attune-game-close-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "xdg");
    setenv("XDG_DATA_HOME", (root / "xdg").c_str(), 1);
    return root;
}

ui::GradeResult answerOne(ui::Game& game) {
    if (!game.inSession()) REQUIRE(game.startSession(ui::SessionKind::Daily));
    game.reveal();
    return game.grade(3);
}

}  // namespace

TEST_CASE("game close - all answers saved gives no message and the log holds them") {
    const fs::path root = freshRoot("saved");
    {
        ui::Game game({root / "profile", {}, false});
        REQUIRE(game.hasCards());
        CHECK(answerOne(game).saved);
        CHECK(answerOne(game).saved);
        CHECK(game.close().empty());
    }
    auto opened = model::Profile::open(root / "profile", {.readOnly = true, .dailyBackup = false, .now = {}});
    CHECK(opened.profile.reviews().size() == 2);
    fs::remove_all(root);
}

TEST_CASE("game close - an answer the log could not take is reported with where it went") {
    const fs::path root = freshRoot("unsaved");
    ui::Game game({root / "profile", {}, false});
    REQUIRE(game.hasCards());
    CHECK(answerOne(game).saved);
    // The log folder becomes a file: the next answer cannot be written there.
    fs::remove_all(root / "profile" / "log");
    std::ofstream(root / "profile" / "log") << "not a folder\n";
    const ui::GradeResult lost = answerOne(game);
    CHECK_FALSE(lost.saved);
    const std::string message = game.close();
    INFO(message);
    REQUIRE_FALSE(message.empty());
    // The message names a folder that exists and holds the answer.
    bool named = false;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.path().filename().string().rfind("unsaved-", 0) == 0) {
            named = message.find(entry.path().filename().string()) != std::string::npos;
            CHECK(fs::is_directory(entry.path()));
        }
    CHECK(named);
    fs::remove_all(root);
}
