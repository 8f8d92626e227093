// Merging two profiles' logs (two computers, a fallback folder, an import): a set union that is
// symmetric and idempotent, down to the bytes of the files.
#include "OwnLog.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/Profile.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <toml++/toml.h>
#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::TempDir;

namespace {

ReviewRecord answer(const std::string& card, const char* iso, int rating, std::int32_t ms = 3000) {
    ReviewRecord r;
    r.deckId = "attachment-basics";
    r.cardId = card;
    const auto at = parseIsoTime(iso);
    r.utcMs = at->utcMs;
    r.utcOffsetSeconds = at->utcOffsetSeconds;
    r.rating = static_cast<attune::scheduler::Rating>(rating);
    r.durationMs = ms;
    return r;
}

ProfileOpenOptions quiet() {
    ProfileOpenOptions o;
    o.dailyBackup = false;
    return o;
}

ProfileOpenOptions inspect() {
    ProfileOpenOptions o;
    o.dailyBackup = false;
    o.readOnly = true;
    return o;
}

std::map<std::string, std::string> logFiles(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::directory_iterator(attune::testing::ownLog(dir))) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        out[entry.path().filename().string()] = s.str();
    }
    return out;
}

// The whole log as every computer reads it, in canonical form.
std::string logAsRead(const fs::path& dir) {
    auto opened = Profile::open(dir, inspect());
    return reviewlog::formatMonthFile(opened.profile.reviews());
}

void fill(const fs::path& dir, const std::vector<ReviewRecord>& reviews) {
    auto opened = Profile::open(dir, quiet());
    for (const auto& r : reviews) REQUIRE(opened.profile.append(r).ok);
}

}  // namespace

TEST_CASE("merge - A into B and B into A give the same log and merging again changes nothing") {
    TempDir tmp;
    const ReviewRecord shared1 = answer("secure-base", "2026-10-30T09:00:00+02:00", 3);
    const ReviewRecord shared2 = answer("safe-haven", "2026-11-03T09:00:00+02:00", 2);
    const std::vector<ReviewRecord> onA{shared1, answer("a-only", "2026-11-04T10:00:00+02:00", 4), shared2,
                                        answer("a-later", "2026-12-01T17:00:00+09:00", 1)};
    const std::vector<ReviewRecord> onB{answer("b-only", "2026-11-03T08:59:59-05:00", 3), shared1, shared2,
                                        answer("b-oct", "2026-10-02T12:00:00Z", 2)};
    // Two pairs of identical starting points: A1/A2 and B1/B2.
    for (const char* name : {"A1", "A2"}) fill(tmp.path / name, onA);
    for (const char* name : {"B1", "B2"}) fill(tmp.path / name, onB);

    MergeReport intoB;
    MergeReport intoA;
    {
        auto b = Profile::open(tmp.path / "B1", quiet());
        auto a = Profile::open(tmp.path / "A2", inspect());
        intoB = b.profile.mergeReviews(a.profile.reviews());
    }
    {
        auto a = Profile::open(tmp.path / "A1", quiet());
        auto b = Profile::open(tmp.path / "B2", inspect());
        intoA = a.profile.mergeReviews(b.profile.reviews());
    }
    REQUIRE(intoB.ok);
    REQUIRE(intoA.ok);
    CHECK(intoB.added == 2);
    CHECK(intoB.duplicates == 2);
    CHECK(intoA.added == 2);
    CHECK(intoA.duplicates == 2);
    const auto filesA = logFiles(tmp.path / "A1");
    const auto filesB = logFiles(tmp.path / "B1");
    CHECK(filesA.size() == 3);  // 2026-10, 2026-11, 2026-12 (UTC months)
    CHECK(filesB.size() == 3);
    CHECK(logAsRead(tmp.path / "A1") == logAsRead(tmp.path / "B1"));
    auto a = Profile::open(tmp.path / "A1", quiet());
    CHECK(a.diagnostics.empty());
    CHECK(a.profile.reviews().size() == 6);

    // Again: nothing new, no file touched.
    auto b = Profile::open(tmp.path / "B2", inspect());
    const MergeReport again = a.profile.mergeReviews(b.profile.reviews());
    CHECK(again.ok);
    CHECK(again.added == 0);
    CHECK(again.duplicates == 4);
    CHECK(again.monthFilesWritten.empty());
    CHECK(logFiles(tmp.path / "A1") == filesA);
    CHECK(a.profile.reviews().size() == 6);
}

TEST_CASE("merge - the same card at the same time with another rating is a different answer") {
    TempDir tmp;
    fill(tmp.path / "A", {answer("c", "2026-11-05T10:00:00Z", 3)});
    auto a = Profile::open(tmp.path / "A", quiet());
    const std::vector<ReviewRecord> other{answer("c", "2026-11-05T10:00:00Z", 3, 9999),  // same answer, other duration
                                          answer("c", "2026-11-05T10:00:00Z", 1)};
    const MergeReport report = a.profile.mergeReviews(other);
    CHECK(report.added == 1);
    CHECK(report.duplicates == 1);
    CHECK(a.profile.reviews().size() == 2);
}

TEST_CASE("merge - appending after a merge continues the file's numbering") {
    TempDir tmp;
    fill(tmp.path / "A", {answer("x", "2026-11-05T10:00:00Z", 3)});
    auto a = Profile::open(tmp.path / "A", quiet());
    REQUIRE(a.profile.mergeReviews(std::vector<ReviewRecord>{answer("y", "2026-11-06T10:00:00Z", 3)}).ok);
    CHECK(a.profile.append(answer("z", "2026-11-07T10:00:00Z", 2)).ok);
    CHECK(a.profile.close().ok);
    auto again = Profile::open(tmp.path / "A", quiet());
    CHECK(again.diagnostics.empty());  // no duplicate keys: TOML++ would reject them
    CHECK(again.profile.reviews().size() == 3);
    toml::table t = toml::parse_file((attune::testing::ownLog(tmp.path / "A") / "2026-11.toml").string());
    CHECK(t["reviews"].as_table()->size() == 3);
}

TEST_CASE("merge - card markers are carried once and both ways give the same log") {
    TempDir tmp;
    const auto markerOf = [](ReviewKind kind, const std::string& card, const char* iso) {
        ReviewRecord r = answer(card, iso, 1, 0);
        r.kind = kind;
        return r;
    };
    const ReviewRecord shared = markerOf(ReviewKind::Suspend, "secure-base", "2026-11-02T09:00:00+01:00");
    const std::vector<ReviewRecord> onA{answer("secure-base", "2026-11-01T09:00:00+01:00", 3), shared,
                                        markerOf(ReviewKind::Bury, "protest", "2026-11-03T09:00:00Z")};
    const std::vector<ReviewRecord> onB{shared, markerOf(ReviewKind::Unsuspend, "secure-base", "2026-11-02T09:00:00+01:00"),
                                        markerOf(ReviewKind::Bury, "protest", "2026-11-04T09:00:00Z")};
    for (const char* name : {"A1", "A2"}) fill(tmp.path / name, onA);
    for (const char* name : {"B1", "B2"}) fill(tmp.path / name, onB);
    {
        auto a = Profile::open(tmp.path / "A1", quiet());
        auto b = Profile::open(tmp.path / "B1", inspect());
        const MergeReport report = a.profile.mergeReviews(b.profile.reviews());
        CHECK(report.ok);
        CHECK(report.added == 2);
        CHECK(report.duplicates == 1);
        CHECK(a.profile.reviews().size() == 5);
    }
    {
        auto b = Profile::open(tmp.path / "B2", quiet());
        auto a = Profile::open(tmp.path / "A2", inspect());
        CHECK(b.profile.mergeReviews(a.profile.reviews()).added == 2);
    }
    CHECK(logAsRead(tmp.path / "A1") == logAsRead(tmp.path / "B2"));
    const std::string file = logFiles(tmp.path / "A1").at("2026-11.toml");
    CHECK(file.find("kind = \"suspend\" }") != std::string::npos);
    CHECK(file.find("kind = \"unsuspend\" }") != std::string::npos);
    // Merging again adds nothing.
    auto a = Profile::open(tmp.path / "A1", quiet());
    auto b = Profile::open(tmp.path / "B2", inspect());
    const MergeReport again = a.profile.mergeReviews(b.profile.reviews());
    CHECK(again.added == 0);
    CHECK(again.monthFilesWritten.empty());
}
