// `attune stats` only looks: it opens the profile read-only, so it runs silently (and changes
// nothing) while the game or another command holds the profile for writing.
#include "FileText.hpp"
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
using attune::testing::readAll;
using namespace attune;

namespace {

}  // namespace

TEST_CASE("stats command - runs silently while another Attune holds the profile") {
    const fs::path dir = fs::temp_directory_path() / ("attune-stats-readonly-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    auto holder = model::Profile::open(dir, {.readOnly = false, .dailyBackup = false, .now = {}});
    REQUIRE(holder.diagnostics.empty());
    model::ReviewRecord answer;
    answer.deckId = "some-deck";
    answer.cardId = "some-card";
    answer.utcMs = 1'700'000'000'000;
    REQUIRE(holder.profile.append(answer).saved);
    const auto filesBefore = std::distance(fs::recursive_directory_iterator(dir), fs::recursive_directory_iterator());

    const fs::path out = dir.string() + ".out", err = dir.string() + ".err";
    const std::string command = std::string("ATTUNE_NOW=2023-11-15T12:00:00Z '") + ATTUNE_BINARY + "' stats --profile '" +
                                dir.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(readAll(err).find("another Attune") == std::string::npos);
    CHECK(readAll(err).find("read-only") == std::string::npos);
    CHECK_FALSE(readAll(out).empty());
    // Nothing written: no backup, no new file.
    CHECK(std::distance(fs::recursive_directory_iterator(dir), fs::recursive_directory_iterator()) == filesBefore);

    // While the holder keeps it, a writer would be told; stats is not.
    auto writer = model::Profile::open(dir, {.readOnly = false, .dailyBackup = false, .now = {}});
    CHECK(writer.profile.readOnly());
    CHECK(holder.profile.close().message.empty());
    fs::remove_all(dir);
    fs::remove(out);
    fs::remove(err);
}
