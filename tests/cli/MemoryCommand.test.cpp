// `attune memory`, run as the real binary: agreement with fsrs-rs on committed test data
// (tests/data/fsrs-rs, see its README), the output shape, and errors on bad input.
#include "CliRun.hpp"
#include "catch.hpp"

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using attune::testing::Run;
using attune::testing::readAll;

namespace {

const fs::path& scratchDir() {
    static const attune::testing::TempDir dir("attune-memory-test");
    return dir.path;
}

Run memory(const std::string& arguments) {
    return attune::testing::runCaught(attune::testing::shellQuoted(ATTUNE_BINARY) + " memory " + arguments, scratchDir());
}

std::string dataFile(const std::string& name) { return std::string(ATTUNE_TEST_DATA_DIR) + "/fsrs-rs/" + name; }
std::string sampleLog() { return std::string(ATTUNE_TEST_DATA_DIR) + "/review-logs/review-log-sample.csv"; }

fs::path writeFile(const std::string& name, const std::string& text) {
    const fs::path path = scratchDir() / name;
    attune::testing::writeAll(path, text);
    return path;
}

// card_id -> (stability, difficulty) from a CSV whose first three columns are those.
std::map<std::string, std::pair<double, double>> memoryTable(const std::string& csv) {
    std::map<std::string, std::pair<double, double>> table;
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto a = line.find(',');
        const auto b = line.find(',', a + 1);
        const auto c = line.find(',', b + 1);
        table[line.substr(0, a)] = {std::stod(line.substr(a + 1, b - a - 1)),
                                    std::stod(line.substr(b + 1, c == std::string::npos ? c : c - b - 1))};
    }
    return table;
}

// Every card present in both, stability within `relative` and difficulty within `absolute`.
void checkAgreement(const std::string& actualCsv, const std::string& expectedFile, double relative, double absolute) {
    const auto actual = memoryTable(actualCsv);
    const auto expected = memoryTable(readAll(expectedFile));
    REQUIRE(expected.size() > 100);
    REQUIRE(actual.size() == expected.size());
    double worstS = 0.0, worstD = 0.0;
    for (const auto& [card, want] : expected) {
        const auto it = actual.find(card);
        INFO("card " << card);
        REQUIRE(it != actual.end());
        worstS = std::max(worstS, std::abs(it->second.first - want.first) / want.first);
        worstD = std::max(worstD, std::abs(it->second.second - want.second));
    }
    INFO("worst relative stability error " << worstS << ", worst difficulty error " << worstD);
    CHECK(worstS <= relative);
    CHECK(worstD <= absolute);
}

}  // namespace

TEST_CASE("memory command - help exits 0 and names every option") {
    const Run run = memory("--help");
    CHECK(run.exitCode == 0);
    for (const char* option : {"--reviews", "--timezone", "--day-start", "--params"})
        CHECK(run.out.find(option) != std::string::npos);
}

TEST_CASE("memory command - agrees with fsrs-rs on random histories") {
    const Run run = memory("--reviews '" + dataFile("random-histories.csv") + "'");
    REQUIRE(run.exitCode == 0);
    CHECK(run.err.empty());
    CHECK(run.out.rfind("card_id,stability,difficulty", 0) == 0);
    checkAgreement(run.out, dataFile("random-histories.expected.csv"), 1e-4, 1e-4);
}

TEST_CASE("memory command - agrees with fsrs-rs when the reviews are placed in a time zone") {
    const Run run = memory("--reviews '" + dataFile("random-histories.csv") + "' --timezone America/New_York --day-start 4");
    REQUIRE(run.exitCode == 0);
    checkAgreement(run.out, dataFile("random-histories.new-york.expected.csv"), 1e-4, 1e-4);
}

TEST_CASE("memory command - agrees with fsrs-rs on the long histories of the sample log") {
    const Run run = memory("--reviews '" + sampleLog() + "'");
    REQUIRE(run.exitCode == 0);
    checkAgreement(run.out, dataFile("review-log-sample.expected.csv"), 2e-4, 2e-4);
    CHECK(memoryTable(run.out).size() == 1205);
}

TEST_CASE("memory command - row order does not matter") {
    std::istringstream in(readAll(sampleLog()));
    std::string header, line;
    std::getline(in, header);
    std::vector<std::string> rows;
    while (std::getline(in, line))
        if (!line.empty()) rows.push_back(line);
    std::string reversed = header + "\n";
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) reversed += *it + "\n";
    const Run forward = memory("--reviews '" + sampleLog() + "'");
    const Run backward = memory("--reviews '" + writeFile("reversed.csv", reversed).string() + "'");
    REQUIRE(forward.exitCode == 0);
    REQUIRE(backward.exitCode == 0);
    CHECK(memoryTable(forward.out) == memoryTable(backward.out));
}

TEST_CASE("memory command - the day start decides which reviews share a study day") {
    // 03:30 and 05:00 UTC: one study day apart with the day starting at 4, the same day at 0.
    const auto file = writeFile("daystart.csv",
                                "card_id,review_rating,review_time\n"
                                "x,3,2024-05-01T03:30:00Z\n"
                                "x,3,2024-05-01T05:00:00Z\n");
    const auto atFour = memoryTable(memory("--reviews '" + file.string() + "'").out);
    const auto atZero = memoryTable(memory("--reviews '" + file.string() + "' --day-start 0").out);
    CHECK(atFour.at("x").first > 3.0);  // a one-day recall grows stability well past S0(Good)
    CHECK(atZero.at("x").first == Approx(2.3065).margin(1e-4));  // same day: short-term, floor of 1
}

TEST_CASE("memory command - parameters of each FSRS generation are accepted") {
    const std::string w5 = "0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,0.1192,1.01925,"
                           "1.9395,0.11,0.29605,2.2698,0.2315,2.9898,0.51655,0.6621";
    const auto file = writeFile("m1.csv",
                                "card_id,review_rating,review_time\n"
                                "m,1,2024-01-01T12:00:00Z\nm,3,2024-01-01T12:10:00Z\nm,3,2024-01-02T12:00:00Z\n"
                                "m,3,2024-01-05T12:00:00Z\nm,3,2024-01-13T12:00:00Z\nm,3,2024-02-03T12:00:00Z\n");
    const Run fsrs5 = memory("--reviews '" + file.string() + "' --params " + w5);
    REQUIRE(fsrs5.exitCode == 0);
    CHECK(memoryTable(fsrs5.out).at("m").first == Approx(48.26549438).margin(1e-4));
    const Run fsrs6 = memory("--reviews '" + file.string() + "'");
    CHECK(memoryTable(fsrs6.out).at("m").first == Approx(53.62691).margin(1e-4));
    CHECK(memoryTable(fsrs6.out).at("m").second == Approx(6.3574867).margin(1e-4));
    const Run twenty = memory("--reviews '" + file.string() + "' --params 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20");
    CHECK(twenty.exitCode == 2);
    CHECK(twenty.err.find("17, 19 or 21") != std::string::npos);
    CHECK(twenty.out.empty());
}

TEST_CASE("memory command - a bad row stops with FILE LINE error and nothing on stdout") {
    const auto file = writeFile("bad.csv",
                                "card_id,review_rating,review_time\n"
                                "a,3,2024-01-01T00:00:00Z\n"
                                "a,7,2024-01-02T00:00:00Z\n");
    const Run run = memory("--reviews '" + file.string() + "'");
    CHECK(run.exitCode == 1);
    CHECK(run.out.empty());
    CHECK(run.err.rfind(file.string() + ":3: error: review_rating", 0) == 0);
}

TEST_CASE("memory command - usage and environment errors") {
    CHECK(memory("").exitCode == 2);
    CHECK(memory("--reviews").exitCode == 2);
    CHECK(memory("--reviews x.csv --day-start 24").exitCode == 2);
    CHECK(memory("--reviews x.csv --bogus").exitCode == 2);
    const Run missing = memory("--reviews /nonexistent/history.csv");
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("/nonexistent/history.csv: error: cannot open") != std::string::npos);
    const Run zone = memory("--reviews '" + sampleLog() + "' --timezone Mars/Olympus_Mons");
    CHECK(zone.exitCode == 1);
    CHECK(zone.out.empty());
    CHECK(zone.err.find("unknown time zone 'Mars/Olympus_Mons'") != std::string::npos);
}
