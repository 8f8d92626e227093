// `attune stats` only looks: it opens the profile read-only, so it runs silently (and changes
// nothing) while the game or another command holds the profile for writing.
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/save/Profile.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

TEST_CASE("stats command - runs silently while another Attune holds the profile") {
    const attune::testing::TempDir scratch("attune-stats-readonly");
    const fs::path dir = scratch.path / "profile";
    auto holder = model::Profile::open(dir, {.readOnly = false, .dailyBackup = false, .now = {}, .localState = {}});
    REQUIRE(holder.diagnostics.empty());
    model::ReviewRecord answer;
    answer.deckId = "some-deck";
    answer.cardId = "some-card";
    answer.utcMs = 1'700'000'000'000;
    REQUIRE(holder.profile.append(answer).ok);
    const auto filesBefore = std::distance(fs::recursive_directory_iterator(dir), fs::recursive_directory_iterator());

    const attune::testing::Run run = attune::testing::runCaught(
        std::string("ATTUNE_NOW=2023-11-15T12:00:00Z ") + attune::testing::shellQuoted(ATTUNE_BINARY) + " stats --profile " +
            attune::testing::shellQuoted(dir),
        scratch.path);
    REQUIRE(run.exitCode != -1);  // it exited, and was not killed
    CHECK(run.exitCode == 0);
    CHECK(run.err.find("another Attune") == std::string::npos);
    CHECK(run.err.find("read-only") == std::string::npos);
    CHECK_FALSE(run.out.empty());
    // Nothing written: no backup, no new file.
    CHECK(std::distance(fs::recursive_directory_iterator(dir), fs::recursive_directory_iterator()) == filesBefore);

    // While the holder keeps it, a writer would be told; stats is not.
    auto writer = model::Profile::open(dir, {.readOnly = false, .dailyBackup = false, .now = {}, .localState = {}});
    CHECK(writer.profile.readOnly());
    CHECK(holder.profile.close().message.empty());
}
