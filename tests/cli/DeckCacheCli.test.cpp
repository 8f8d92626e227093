// The deck cache seen from the real binary: the player's commands fill it, `attune deck check`
// (the author's validator) never goes through it. $XDG_CACHE_HOME points into a scratch folder.
#include "TempDir.hpp"
#include "catch.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

class Scratch {
public:

    // Runs attune with its cache and data homes in the scratch folder; returns the exit code.
    int attune(const std::string& arguments) const {
        const std::string command = "XDG_CACHE_HOME='" + (m_root / "cache").string() + "' XDG_DATA_HOME='" +
                                    (m_root / "data").string() + "' '" + ATTUNE_BINARY + "' " + arguments + " >'" +
                                    (m_root / "out.txt").string() + "' 2>&1";
        const int status = std::system(command.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    std::size_t cacheFiles() const {
        const fs::path folder = m_root / "cache" / "attune" / "decks";
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) return 0;
        std::size_t count = 0;
        for (const auto& entry : fs::directory_iterator(folder)) count += entry.path().extension() == ".deckcache" ? 1u : 0u;
        return count;
    }

    const fs::path& root() const { return m_root; }

private:
    attune::testing::TempDir m_folder{"attune-deck-cache-cli"};
    const fs::path& m_root = m_folder.path;
};

const std::string kDeck = "'" + std::string(ATTUNE_TEST_DATA_DIR) + "/decks/good/all-types.toml'";

}  // namespace

TEST_CASE("deck cache - deck check always parses and never writes the cache") {
    Scratch scratch;
    CHECK(scratch.attune("deck check " + kDeck) == 0);
    CHECK(scratch.cacheFiles() == 0);

    // The player's commands do fill it (so the check above could have seen a cache file).
    CHECK(scratch.attune("stats --json --profile '" + (scratch.root() / "profile").string() + "' --deck " + kDeck) == 0);
    const std::size_t afterStats = scratch.cacheFiles();
    CHECK(afterStats >= 1);

    fs::remove_all(scratch.root() / "cache" / "attune" / "decks");
    CHECK(scratch.attune("deck check " + kDeck) == 0);
    CHECK(scratch.cacheFiles() == 0);
}
