// Leaving the game closes the profile: every answer is on disk, and when one could not be
// saved the player is told in words where it went (the fallback folder `profile merge` takes).
#include "catch.hpp"

#include "SixMonthProfile.hpp"
#include "FreshHome.hpp"

#include <attune/model/session/Game.hpp>

#include <attune/model/deck/Deck.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace attune;

namespace {

model::GradeResult answerOne(model::Game& game) {
    if (!game.inSession()) REQUIRE(game.startSession(model::SessionKind::Daily));
    game.reveal();
    return game.grade(3);
}

}  // namespace

TEST_CASE("game close - all answers saved gives no message and the log holds them") {
    const testing::FreshHome fresh("attune-game-close");
    const fs::path& root = fresh.root;
    {
        model::Game game({root / "profile", {}, false});
        REQUIRE(game.hasCards());
        CHECK(answerOne(game).saved.ok);
        CHECK(answerOne(game).saved.ok);
        CHECK(game.close().ok);
    }
    auto opened = model::Profile::open(root / "profile", {.readOnly = true, .dailyBackup = false, .now = {}, .localState = {}});
    CHECK(opened.profile.reviews().size() == 2);
}

TEST_CASE("game close - an answer the log could not take is reported with where it went") {
    const testing::FreshHome fresh("attune-game-close");
    const fs::path& root = fresh.root;
    model::Game game({root / "profile", {}, false});
    REQUIRE(game.hasCards());
    CHECK(answerOne(game).saved.ok);
    // The log folder becomes a file: the next answer cannot be written there.
    fs::remove_all(root / "profile" / "log");
    std::ofstream(root / "profile" / "log") << "not a folder\n";
    const model::GradeResult lost = answerOne(game);
    CHECK_FALSE(lost.saved.ok);
    const model::SaveResult closed = game.close();
    const std::string& message = closed.message;
    INFO(message);
    CHECK_FALSE(closed.ok);
    REQUIRE_FALSE(message.empty());
    // The message names a folder that exists and holds the answer.
    bool named = false;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.path().filename().string().rfind("unsaved-", 0) == 0) {
            named = message.find(entry.path().filename().string()) != std::string::npos;
            CHECK(fs::is_directory(entry.path()));
        }
    CHECK(named);
}

TEST_CASE("game close - profile.toml mirrors the streak freezes the log has earned") {
    const testing::FreshHome fresh("attune-game-close");
    const fs::path& root = fresh.root;
    auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
    REQUIRE(loaded.deck.has_value());
    // Two weeks of daily study ending today, each day past the daily goal: a week of streak
    // earns a freeze.
    setenv("ATTUNE_NOW", testing::kSixMonthNow, 1);
    {
        auto opened = model::Profile::open(root / "profile", {.readOnly = false, .dailyBackup = false, .now = {}, .localState = {}});
        model::Settings settings = opened.profile.settings();
        settings.dailyGoalXp = 5;  // a small goal: each day's answers surely reach it
        REQUIRE(opened.profile.saveSettings(settings).ok);
        std::vector<model::ReviewRecord> log;
        const auto& cards = loaded.deck->studyCards;
        for (int day = 13; day >= 0; --day) {
            for (std::size_t k = 0; k < 12; ++k) {
                model::ReviewRecord r;
                r.deckId = loaded.deck->id;
                r.cardId = cards[(static_cast<std::size_t>(13 - day) * 12 + k) % cards.size()].id;
                r.utcMs = testing::kSixMonthNowMs - day * 86400000LL - 3600000LL + static_cast<std::int64_t>(k) * 60000;
                r.rating = scheduler::Rating::Good;
                r.durationMs = 4000;
                r.kind = model::ReviewKind::Learn;
                log.push_back(r);
            }
        }
        REQUIRE(opened.profile.mergeReviews(log).ok);
        REQUIRE(opened.profile.close().unsaved == 0);
    }
    const auto storedFreezes = [&] {
        auto opened = model::Profile::open(root / "profile", {.readOnly = true, .dailyBackup = false, .now = {}, .localState = {}});
        return opened.profile.freezes();
    };
    REQUIRE(storedFreezes() == 0);  // written by hand: the file knows nothing yet
    int earned = 0;
    {
        model::Game game({root / "profile", {}, false});
        earned = game.home().freezes;
        REQUIRE(earned > 0);
        CHECK(game.close().ok);
    }
    CHECK(storedFreezes() == earned);
    // A read-only look changes nothing in the file.
    {
        model::Game game({root / "profile", {}, true});
        CHECK(game.close().ok);
    }
    CHECK(storedFreezes() == earned);
    unsetenv("ATTUNE_NOW");
}
