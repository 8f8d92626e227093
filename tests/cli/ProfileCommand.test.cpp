// `attune profile restore|merge|backups|check` and `attune import-reviews`, run as the real
// binary on scratch profiles (XDG_DATA_HOME and ATTUNE_DATA_DIR point into a scratch folder).
#include "OwnLog.hpp"
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;
using attune::testing::Run;
using attune::testing::readAll;
using namespace attune::model;

namespace {

// The shared scratch folder, with a data folder of its own (no bundled decks).
struct Scratch : attune::testing::Scratch {
    Scratch() : attune::testing::Scratch("attune-profile-cli") { fs::create_directories(root / "data" / "assets"); }

    Run attune(const std::string& arguments, const std::string& now = "2026-11-27T12:00:00Z") const {
        return attune::testing::Scratch::attune(arguments, now, "ATTUNE_DATA_DIR=" + attune::testing::shellQuoted(root / "data"));
    }
};

ReviewRecord answer(const std::string& card, const char* iso, int rating) {
    ReviewRecord r;
    r.deckId = "attachment-guide";
    r.cardId = card;
    r.utcMs = parseIsoTime(iso)->utcMs;
    r.rating = static_cast<attune::scheduler::Rating>(rating);
    return r;
}

void fill(const fs::path& dir, const std::vector<ReviewRecord>& reviews) {
    ProfileOpenOptions options;
    options.dailyBackup = false;
    auto opened = Profile::open(dir, options);
    for (const auto& r : reviews) REQUIRE(opened.profile.append(r).ok);
}

std::size_t reviewCount(const fs::path& dir) {
    ProfileOpenOptions options;
    options.readOnly = true;
    options.dailyBackup = false;
    return Profile::open(dir, options).profile.reviews().size();
}

}  // namespace

TEST_CASE("profile command - help and usage errors") {
    Scratch s;
    const Run help = s.attune("profile --help");
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("restore BACKUP") != std::string::npos);
    CHECK(s.attune("profile").exitCode == 2);
    CHECK(s.attune("profile explode").exitCode == 2);
    CHECK(s.attune("profile merge").exitCode == 2);
    CHECK(s.attune("profile merge a b").exitCode == 2);
    CHECK(s.attune("import-reviews --help").exitCode == 0);
    CHECK(s.attune("import-reviews").exitCode == 2);
}

TEST_CASE("profile command - merge adds the other folder's answers once and again changes nothing") {
    Scratch s;
    const fs::path a = s.root / "a";
    const fs::path b = s.root / "b";
    fill(a, {answer("x", "2026-11-01T10:00:00Z", 3), answer("y", "2026-11-02T10:00:00Z", 1)});
    fill(b, {answer("x", "2026-11-01T10:00:00Z", 3), answer("z", "2026-11-03T10:00:00Z", 4)});
    const Run first = s.attune("profile merge '" + b.string() + "' --profile '" + a.string() + "'");
    INFO(first.err);
    CHECK(first.exitCode == 0);
    CHECK(first.out.find("1 new reviews, 1 already present") != std::string::npos);
    CHECK(reviewCount(a) == 3);
    const Run again = s.attune("profile merge '" + b.string() + "' --profile '" + a.string() + "'", "2026-11-27T12:05:00Z");
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("nothing changed") != std::string::npos);
    std::size_t backups = 0;
    for (const auto& entry : fs::directory_iterator(attune::testing::backupsOf(a)))
        if (entry.path().filename().string().find("before-merge") != std::string::npos) ++backups;
    CHECK(backups == 1);  // only the merge that changed something made a backup
    CHECK(reviewCount(a) == 3);
    const Run missing = s.attune("profile merge '" + (s.root / "nope").string() + "' --profile '" + a.string() + "'");
    CHECK(missing.exitCode == 1);
}

TEST_CASE("profile command - backups lists them and restore brings one back") {
    Scratch s;
    const fs::path p = s.root / "p";
    fill(p, {answer("x", "2026-11-01T10:00:00Z", 3)});
    CHECK(s.attune("profile check --profile '" + p.string() + "'", "2026-11-20T12:00:00Z").exitCode == 0);
    // Opening for a merge on a new study day makes the daily backup.
    fill(s.root / "other", {answer("y", "2026-11-21T10:00:00Z", 2)});
    REQUIRE(s.attune("profile merge '" + (s.root / "other").string() + "' --profile '" + p.string() + "'",
                     "2026-11-21T12:00:00Z")
                .exitCode == 0);
    CHECK(reviewCount(p) == 2);
    const Run list = s.attune("profile backups --profile '" + p.string() + "'");
    CHECK(list.exitCode == 0);
    CHECK(list.out.find("2026-11-21\n") != std::string::npos);
    const Run restored = s.attune("profile restore 2026-11-21 --profile '" + p.string() + "'");
    INFO(restored.err);
    CHECK(restored.exitCode == 0);
    CHECK(restored.out.find("before-restore") != std::string::npos);
    CHECK(reviewCount(p) == 1);
    const Run bogus = s.attune("profile restore 1999-01-01 --profile '" + p.string() + "'");
    CHECK(bogus.exitCode == 1);
    CHECK(bogus.err.find("no backup named") != std::string::npos);
}

TEST_CASE("profile command - check reports a damaged file with file line and column and exit 1") {
    Scratch s;
    const fs::path p = s.root / "p";
    fs::create_directories(p);
    {
        std::ofstream out(p / "profile.toml");
        out << "schema_version = 1\nfreezes = [\n";
    }
    const Run check = s.attune("profile check --profile '" + p.string() + "'");
    CHECK(check.exitCode == 1);
    CHECK(check.err.find((p / "profile.toml").string() + ":2:13: error:") != std::string::npos);
}

TEST_CASE("import-reviews - rows are added once and unknown card ids are kept and reported") {
    Scratch s;
    const fs::path p = s.root / "p";
    const fs::path csv = s.root / "history.csv";
    {
        std::ofstream out(csv);
        out << "card_id,review_rating,review_time,review_duration\n"
               "puzzle-crave-and-fear,3,2026-10-01T09:00:00+02:00,4000\n"
               "puzzle-crave-and-fear,4,2026-10-05T09:00:00+02:00,3000\n"
               "no-such-card,1,2026-10-02T09:00:00Z,2000\n";
    }
    const std::string deck = std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml";
    const std::string command = "import-reviews '" + csv.string() + "' --profile '" + p.string() + "' --deck '" + deck +
                                "' --deck-id attachment-guide";
    const Run first = s.attune(command);
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.find("imported 3 reviews") != std::string::npos);
    CHECK(first.out.find("no-such-card") != std::string::npos);
    ProfileOpenOptions look;
    look.readOnly = true;
    look.dailyBackup = false;
    auto opened = Profile::open(p, look);
    REQUIRE(opened.profile.reviews().size() == 3);
    CHECK(opened.profile.reviews()[0].kind == ReviewKind::Imported);
    CHECK(opened.profile.reviews()[0].utcOffsetSeconds == 7200);
    CHECK(opened.profile.reviews()[0].durationMs == 4000);
    CHECK(opened.profile.reviews()[1].cardId == "no-such-card");

    const Run again = s.attune(command);
    CHECK(again.exitCode == 0);
    CHECK(again.out.find("imported 0 reviews") != std::string::npos);
    CHECK(reviewCount(p) == 3);

    // --timezone: the offset stored with each answer is the zone's at that moment.
    const fs::path tokyo = s.root / "tokyo";
    REQUIRE(s.attune("import-reviews '" + csv.string() + "' --profile '" + tokyo.string() + "' --deck '" + deck +
                     "' --deck-id attachment-guide --timezone Asia/Tokyo")
                .exitCode == 0);
    ProfileOpenOptions lookTokyo;
    lookTokyo.readOnly = true;
    lookTokyo.dailyBackup = false;
    auto inTokyo = Profile::open(tokyo, lookTokyo);
    REQUIRE(inTokyo.profile.reviews().size() == 3);
    CHECK(inTokyo.profile.reviews()[0].utcOffsetSeconds == 9 * 3600);
    CHECK(inTokyo.profile.reviews()[0].utcMs == opened.profile.reviews()[0].utcMs);

    const Run unknownDeck = s.attune("import-reviews '" + csv.string() + "' --profile '" + p.string() +
                                     "' --deck '" + deck + "' --deck-id nope");
    CHECK(unknownDeck.exitCode == 1);
    {
        std::ofstream out(csv);
        out << "card_id,review_rating,review_time\nx,9,2026-10-01T09:00:00Z\n";
    }
    const Run bad = s.attune(command);
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find(csv.string() + ":2") != std::string::npos);
    CHECK(reviewCount(p) == 3);
}

TEST_CASE("import-reviews - a big history says each step on stderr, a small one stays quiet") {
    Scratch s;
    const fs::path csv = s.root / "big.csv";
    {
        std::ofstream out(csv);
        out << "card_id,review_rating,review_time,review_duration\n";
        for (int i = 0; i < 40000; ++i)
            out << "card-" << (i % 700) << ',' << (1 + i % 4) << ',' << (1700000000000LL + i * 600000LL) << ",4000\n";
    }
    REQUIRE(fs::file_size(csv) > 1000000);
    const std::string deck = std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml";
    const Run big = s.attune("import-reviews '" + csv.string() + "' --profile '" + (s.root / "p").string() + "' --deck '" +
                             deck + "' --deck-id attachment-guide");
    INFO(big.err);
    REQUIRE(big.exitCode == 0);
    CHECK(big.out.find("imported 40000 reviews") != std::string::npos);
    CHECK(big.err.find("reading " + csv.string()) != std::string::npos);
    CHECK(big.err.find("40000 reviews read") != std::string::npos);

    const fs::path small = s.root / "small.csv";
    std::ofstream(small) << "card_id,review_rating,review_time\npuzzle-crave-and-fear,3,2026-10-01T09:00:00Z\n";
    const Run quiet = s.attune("import-reviews '" + small.string() + "' --profile '" + (s.root / "q").string() +
                               "' --deck '" + deck + "' --deck-id attachment-guide");
    CHECK(quiet.exitCode == 0);
    CHECK(quiet.err.find("reading") == std::string::npos);
}
