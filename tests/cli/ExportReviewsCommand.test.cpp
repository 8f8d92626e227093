// `attune export-reviews`: the profile's log as the FSRS tools' CSV, read back by
// import-reviews and memory without a difference.
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/history/ReviewCsv.hpp>

#include <algorithm>
#include <filesystem>
#include <tuple>

namespace fs = std::filesystem;
using namespace attune::testing;

namespace {

const std::string kCourse = std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml";
const std::string kSample = std::string(ATTUNE_TEST_DATA_DIR) + "/review-logs/review-log-sample.csv";

using Row = std::tuple<std::string, std::int64_t, int, std::int32_t>;

std::vector<Row> rowsOf(const std::string& file) {
    const auto csv = attune::model::readReviewCsv(file);
    for (const auto& d : csv.diagnostics) UNSCOPED_INFO(d.format());
    REQUIRE(csv.ok());
    std::vector<Row> rows;
    for (const auto& r : csv.history.reviews) {
        rows.emplace_back(csv.history.cardIds[r.card], r.at.utcMs, static_cast<int>(r.rating), r.durationMs);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

}  // namespace

TEST_CASE("export-reviews - a real history goes out and comes back unchanged") {
    const Scratch s;
    const auto into = [&](const std::string& csv, const std::string& profile) {
        const Run run = s.attune("import-reviews " + shellQuoted(csv) + " --profile " + shellQuoted(s.root / profile) +
                                 " --deck " + shellQuoted(kCourse));
        INFO(run.err);
        REQUIRE(run.exitCode == 0);
    };
    into(kSample, "first");
    const Run exported = s.attune("export-reviews --profile " + shellQuoted(s.root / "first") + " --out " + shellQuoted(s.root / "out.csv"));
    INFO(exported.err);
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.out.find("12580 reviews") != std::string::npos);
    const std::string csv = readAll(s.root / "out.csv");
    CHECK(csv.rfind("card_id,review_time,review_rating,review_state,review_duration\n", 0) == 0);
    CHECK(rowsOf((s.root / "out.csv").string()) == rowsOf(kSample));

    // Through a second profile, the file comes out byte for byte the same.
    into((s.root / "out.csv").string(), "second");
    const Run again = s.attune("export-reviews --profile " + shellQuoted(s.root / "second"));
    REQUIRE(again.exitCode == 0);
    CHECK(again.out == csv);

    const Run memory = s.attune("memory --reviews " + shellQuoted(s.root / "out.csv"));
    INFO(memory.err);
    CHECK(memory.exitCode == 0);
}

TEST_CASE("export-reviews - a log of several decks needs --deck-id, a missing profile is an error") {
    const Scratch s;
    writeAll(s.root / "a.csv", "card_id,review_rating,review_time\nx,3,2026-11-01T10:00:00Z\n");
    REQUIRE(s.attune("deck new Second --dir " + shellQuoted(s.root)).exitCode == 0);
    for (const std::string& deck : {kCourse, (s.root / "second.toml").string()}) {
        const Run run = s.attune("import-reviews " + shellQuoted(s.root / "a.csv") + " --profile " + shellQuoted(s.root / "p") +
                                 " --deck " + shellQuoted(deck) + " --deck-id " + fs::path(deck).stem().string());
        INFO(run.err);
        REQUIRE(run.exitCode == 0);
    }
    const Run both = s.attune("export-reviews --profile " + shellQuoted(s.root / "p"));
    CHECK(both.exitCode == 2);
    CHECK(both.err.find("attachment-guide second") != std::string::npos);
    CHECK(s.attune("export-reviews --profile " + shellQuoted(s.root / "nothing-here")).exitCode == 1);
    const Run one = s.attune("export-reviews --profile " + shellQuoted(s.root / "p") + " --deck-id attachment-guide");
    REQUIRE(one.exitCode == 0);
    CHECK(one.out == "card_id,review_time,review_rating,review_state,review_duration\nx,2026-11-01T10:00:00Z,3,0,0\n");
    const Run none = s.attune("export-reviews --profile " + shellQuoted(s.root / "p") + " --deck-id other");
    CHECK(none.out == "card_id,review_time,review_rating,review_state,review_duration\n");
}
