// `attune simulate`, run as the real binary on the six-month player's profile: the JSON
// contract, the table with its one marked retention, reproducible figures for a seed, the
// options' errors, and a profile left exactly as it was.
#include "CliRun.hpp"
#include "SixMonthProfile.hpp"
#include "catch.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace attune;

namespace {

struct SimulatedPlayer {
    testing::Scratch scratch{"attune-simulate-test"};
    fs::path profile = scratch.root / "profile";
    SimulatedPlayer() { testing::writeSixMonthProfile(profile, testing::courseDeck()); }

    testing::Run simulate(const std::string& arguments) const {
        return scratch.attune("simulate --profile " + testing::shellQuoted(profile) + " " + arguments, testing::kSixMonthNow);
    }
};

const SimulatedPlayer& player() {
    static const SimulatedPlayer shared;
    return shared;
}

/// Every number after "key": in the JSON text, in order.
std::vector<double> allNumbers(const std::string& json, const std::string& key) {
    std::vector<double> out;
    const std::string needle = "\"" + key + "\":";
    for (auto at = json.find(needle); at != std::string::npos; at = json.find(needle, at + 1))
        out.push_back(std::stod(json.substr(at + needle.size())));
    return out;
}

std::map<std::string, std::uintmax_t> filesAndSizes(const fs::path& dir) {
    std::map<std::string, std::uintmax_t> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) out[entry.path().string()] = entry.file_size();
    return out;
}

}  // namespace

TEST_CASE("simulate --json prints one object with a point per retention and the best one") {
    const testing::Run run = player().simulate("--json");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    const std::string& json = run.out;
    CHECK(json.front() == '{');
    CHECK(json.find('\n') == json.size() - 1);
    CHECK(testing::jsonNumber(json, "days") == 365);
    CHECK(testing::jsonNumber(json, "seed") == 1);
    CHECK(testing::jsonNumber(json, "cards").value_or(0) > 0);
    CHECK(testing::jsonNumber(json, "new_cards_left").has_value());

    const std::vector<double> retentions = allNumbers(json, "retention");
    REQUIRE(retentions.size() == 28);
    CHECK(retentions.front() == Approx(0.70));
    CHECK(retentions.back() == Approx(0.97));
    const std::vector<double> minutes = allNumbers(json, "minutes_per_day");
    const std::vector<double> reviews = allNumbers(json, "reviews_per_day");
    const std::vector<double> remembered = allNumbers(json, "remembered");
    const std::vector<double> perCard = allNumbers(json, "minutes_per_remembered");
    REQUIRE(minutes.size() == 28);
    REQUIRE(reviews.size() == 28);
    REQUIRE(remembered.size() == 28);
    REQUIRE(perCard.size() == 28);
    CHECK(allNumbers(json, "new_cards_per_day").size() == 28);
    // More retention, more daily work and more remembered, from end to end of the sweep.
    CHECK(minutes.back() > minutes.front());
    CHECK(reviews.back() > reviews.front());
    CHECK(remembered.back() > remembered.front());

    const auto bestAt = json.find("\"best_retention\":");
    REQUIRE(bestAt != std::string::npos);
    const double best = std::stod(json.substr(bestAt + 17));
    std::size_t least = 0;
    for (std::size_t i = 1; i < perCard.size(); ++i)
        if (perCard[i] < perCard[least]) least = i;
    CHECK(best == Approx(retentions[least]));
}

TEST_CASE("simulate gives the same figures for the same seed and other ones for another") {
    const testing::Run first = player().simulate("--json --seed 5 --days 120");
    const testing::Run again = player().simulate("--json --seed 5 --days 120");
    const testing::Run other = player().simulate("--json --seed 6 --days 120");
    REQUIRE(first.exitCode == 0);
    CHECK(testing::jsonNumber(first.out, "days") == 120);
    CHECK(testing::jsonNumber(first.out, "seed") == 5);
    CHECK(first.out == again.out);
    CHECK(allNumbers(first.out, "remembered") != allNumbers(other.out, "remembered"));
}

TEST_CASE("simulate prints a table with the best retention marked once, and writes nothing") {
    const auto before = filesAndSizes(player().profile);
    const testing::Run run = player().simulate("");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.find("retention  minutes/day  reviews/day  remembered") != std::string::npos);
    std::size_t rows = 0, marked = 0;
    for (std::size_t at = run.out.find(" %  "); at != std::string::npos; at = run.out.find(" %  ", at + 1)) ++rows;
    for (std::size_t at = run.out.find("<- least time"); at != std::string::npos; at = run.out.find("<- least time", at + 1))
        ++marked;
    CHECK(rows == 28);
    CHECK(marked == 1);
    CHECK(run.out.find("Aim for ") != std::string::npos);
    CHECK(filesAndSizes(player().profile) == before);
}

TEST_CASE("simulate refuses bad options with the usage line") {
    const testing::Scratch scratch("attune-simulate-options");
    for (const char* bad : {"--days 0", "--days 3651", "--days ten", "--seed -1", "--seed 1.5", "--what", "extra"}) {
        INFO(bad);
        const testing::Run run = scratch.attune(std::string("simulate ") + bad);
        CHECK(run.exitCode == 2);
        CHECK(run.err.find("usage: attune simulate") != std::string::npos);
        CHECK(run.out.empty());
    }
    const testing::Run help = scratch.attune("simulate --help");
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("--seed S") != std::string::npos);
    CHECK(help.out.find("minutes_per_remembered") != std::string::npos);
}

TEST_CASE("simulate with no deck at all prints zeros, no best retention, and says why") {
    const testing::Scratch scratch("attune-simulate-empty");
    fs::create_directories(scratch.root / "data");
    const std::string noDecks = "ATTUNE_DATA_DIR=" + testing::shellQuoted(scratch.root / "data");
    const testing::Run json = scratch.attune("simulate --json --days 10", "2026-11-27T12:00:00Z", noDecks);
    INFO(json.err);
    REQUIRE(json.exitCode == 0);
    CHECK(testing::jsonNumber(json.out, "cards") == 0);
    CHECK(testing::jsonNumber(json.out, "new_cards_left") == 0);
    CHECK(json.out.find("\"best_retention\":null") != std::string::npos);
    const std::vector<double> minutes = allNumbers(json.out, "minutes_per_day");
    REQUIRE(minutes.size() == 28);
    for (const double m : minutes) CHECK(m == 0.0);
    for (const double r : allNumbers(json.out, "remembered")) CHECK(r == 0.0);

    const testing::Run table = scratch.attune("simulate --days 10", "2026-11-27T12:00:00Z", noDecks);
    REQUIRE(table.exitCode == 0);
    CHECK(table.out.find("Nothing to simulate") != std::string::npos);
    CHECK(table.out.find("<- least time") == std::string::npos);
}
