// Hostile and broken input at the command line: every case here once corrupted the log, crashed,
// lied about the clock or exited 0 after an error. Each runs the real binary.
#include "CliRun.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/save/Profile.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace attune::model;
using attune::testing::jsonNumber;
using attune::testing::Run;
using attune::testing::Scratch;
using attune::testing::shellQuoted;
using attune::testing::writeAll;

namespace {

const std::string kCourse = std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml";

Profile openToLook(const fs::path& dir) {
    ProfileOpenOptions look;
    look.readOnly = true;
    look.dailyBackup = false;
    auto opened = Profile::open(dir, look);
    for (const auto& d : opened.diagnostics) INFO(d.format());
    CHECK(opened.diagnostics.empty());
    return std::move(opened.profile);
}

ReviewRecord studied(const std::string& card, std::int64_t utcMs, ReviewKind kind = ReviewKind::Learn) {
    ReviewRecord r;
    r.deckId = "attachment-guide";
    r.cardId = card;
    r.utcMs = utcMs;
    r.rating = attune::scheduler::Rating::Good;
    r.durationMs = 5000;
    r.kind = kind;
    return r;
}

void append(const fs::path& dir, const std::vector<ReviewRecord>& records) {
    ProfileOpenOptions options;
    options.dailyBackup = false;
    auto opened = Profile::open(dir, options);
    REQUIRE_FALSE(opened.profile.readOnly());
    for (const auto& r : records) REQUIRE(opened.profile.append(r).ok);
    REQUIRE(opened.profile.close().unsaved == 0);
}

std::string statsJson(const Scratch& s, const fs::path& profile, const std::string& now) {
    const Run run = s.attune("stats --json --profile " + shellQuoted(profile) + " --deck " + shellQuoted(kCourse), now);
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    return run.out;
}

}  // namespace

TEST_CASE("import-reviews - quoted card ids reach the log as written and the profile stays healthy") {
    const Scratch s;
    const fs::path profile = s.root / "p";
    const fs::path csv = s.root / "q.csv";
    writeAll(csv, "card_id,review_rating,review_time\n\"puzzle-not-alone\",3,2026-11-01T10:00:00Z\n"
                  "\"brain-persist\",2,2026-11-02T10:00:00Z\n");
    const Run imported = s.attune("import-reviews " + shellQuoted(csv) + " --profile " + shellQuoted(profile) +
                                  " --deck " + shellQuoted(kCourse));
    INFO(imported.out << imported.err);
    REQUIRE(imported.exitCode == 0);
    const Profile p = openToLook(profile);
    REQUIRE(p.reviews().size() == 2);
    CHECK(std::string(p.reviews()[0].cardId) == "puzzle-not-alone");
    CHECK(std::string(p.reviews()[1].cardId) == "brain-persist");
    const Run check = s.attune("profile check --profile " + shellQuoted(profile));
    CHECK(check.exitCode == 0);
    CHECK(check.err.empty());

    const Run memory = s.attune("memory --reviews " + shellQuoted(csv));
    INFO(memory.err);
    REQUIRE(memory.exitCode == 0);
    CHECK(memory.out.find("puzzle-not-alone") != std::string::npos);
    CHECK(memory.out.find("brain-persist") != std::string::npos);
}

TEST_CASE("import-reviews - ids that are not text and times that cannot be are refused, nothing written") {
    const Scratch s;
    const fs::path profile = s.root / "p";
    const std::vector<std::string> rows = {
        "bad\xff\xfe,3,2026-11-01T10:00:00Z",             // not UTF-8
        "\"esc\x1b]0;title\x07\",3,2026-11-01T10:00:00Z",  // a terminal command inside an id
        "a,3,2026-02-30T10:00:00Z",                       // no such date
        "a,3,2026-11-01T10:00:00",                        // no offset
        "a,3,99999999999999999",                          // beyond the year 2199
        "a,3,-5",                                         // before 1980
    };
    for (const auto& row : rows) {
        const fs::path csv = s.root / "bad.csv";
        writeAll(csv, "card_id,review_rating,review_time\n" + row + "\n");
        const Run run = s.attune("import-reviews " + shellQuoted(csv) + " --profile " + shellQuoted(profile) +
                                 " --deck " + shellQuoted(kCourse));
        INFO(row << "\n" << run.out << run.err);
        CHECK(run.exitCode == 1);
        CHECK(run.err.find(csv.string() + ":2: error:") != std::string::npos);
        CHECK_FALSE(fs::exists(profile / "log"));
    }
}

TEST_CASE("ATTUNE_NOW that is not a time is a usage error naming the variable") {
    const Scratch s;
    const fs::path profile = s.root / "p";
    for (const char* bad : {"garbage", "", "2026-13-01T10:00:00Z", "2026-11-01T10:00:00+25:00", "2026-02-30T10:00:00Z",
                            "1969-12-31T10:00:00Z", "9999-01-01T00:00:00Z"}) {
        const Run run = s.attune("stats --profile " + shellQuoted(profile), std::string(bad));
        INFO("ATTUNE_NOW=" << bad << "\n" << run.out << run.err);
        CHECK(run.exitCode == 2);
        CHECK(run.err.find("ATTUNE_NOW") != std::string::npos);
        CHECK(run.out.empty());
    }
    // A study session under a bad clock writes nothing.
    const Run study = s.attune("study --tty --profile " + shellQuoted(profile), std::string("2026-02-30T10:00:00Z"));
    CHECK(study.exitCode == 2);
    CHECK_FALSE(fs::exists(profile / "log"));
    // Good values, and the real clock when unset.
    CHECK(s.attune("stats --profile " + shellQuoted(profile), std::string("2024-02-29T23:59:59-05:00")).exitCode == 0);
    CHECK(s.attune("stats --profile " + shellQuoted(profile), std::nullopt).exitCode == 0);
}

TEST_CASE("an answer dated in the future keeps today's XP and the streak, and profile check names it") {
    const Scratch s;
    const fs::path profile = s.root / "p";
    const std::string now = "2026-11-27T12:00:00Z";
    const std::int64_t nowMs = parseIsoTime(now)->utcMs;
    const std::vector<std::string> cards = {"puzzle-not-alone",   "puzzle-closeness-and-distance", "puzzle-unpredictable-emotions",
                                            "puzzle-push-pull",   "puzzle-trust",      "puzzle-abandonment",
                                            "brain-persist",      "brain-not-a-choice", "brain-compassion",
                                            "puzzle-crave-and-fear"};
    std::vector<ReviewRecord> week;
    for (int day = 3; day >= 0; --day)
        for (std::size_t c = 0; c < cards.size(); ++c)
            week.push_back(studied(cards[c], nowMs - day * 86'400'000LL - 3'600'000 + static_cast<std::int64_t>(c) * 30'000));
    append(profile, week);
    const std::string before = statsJson(s, profile, now);
    REQUIRE(jsonNumber(before, "streak").value_or(0) >= 1);
    REQUIRE(jsonNumber(before, "xp").value_or(0) > 0);

    // A second computer whose clock ran two days ahead (or a hand edit) adds one answer.
    append(profile, {studied("puzzle-trust", nowMs + 2 * 86'400'000LL, ReviewKind::Review)});
    const std::string after = statsJson(s, profile, now);
    for (const char* key : {"streak", "longest_streak", "xp", "reviews_total", "due_today"}) {
        INFO(key << "\nbefore: " << before << "\nafter: " << after);
        CHECK(jsonNumber(after, key) == jsonNumber(before, key));
    }
    const Run check = s.attune("profile check --profile " + shellQuoted(profile), now);
    CHECK(check.exitCode == 0);
    CHECK(check.out.find("1 review(s) are dated in the future (the latest 2026-11-29T12:00:00Z)") != std::string::npos);
    // Its time comes: it counts then.
    const std::string later = statsJson(s, profile, "2026-11-29T13:00:00Z");
    CHECK(jsonNumber(later, "reviews_total") == jsonNumber(before, "reviews_total").value_or(0) + 1);
}

TEST_CASE("a repeated review line counts once and profile check says so") {
    const Scratch s;
    const fs::path profile = s.root / "p";
    const std::string now = "2026-11-27T12:00:00Z";
    const std::int64_t at = parseIsoTime(now)->utcMs - 3'600'000;
    append(profile, {studied("puzzle-trust", at), studied("brain-persist", at + 60'000)});
    const std::string once = statsJson(s, profile, now);
    append(profile, {studied("puzzle-trust", at)});  // the same answer again, as a hand copy would add it
    const std::string twice = statsJson(s, profile, now);
    CHECK(jsonNumber(twice, "reviews_total") == 2);
    CHECK(jsonNumber(twice, "xp") == jsonNumber(once, "xp"));
    const Run check = s.attune("profile check --profile " + shellQuoted(profile), now);
    CHECK(check.exitCode == 0);
    CHECK(check.out.find("1 review line(s) repeat an answer already in the log") != std::string::npos);
}

TEST_CASE("a command whose input failed exits non-zero") {
    const Scratch s;
    const fs::path profile = s.root / "p";
    const fs::path broken = s.root / "bad.toml";
    writeAll(broken, "id = \"bad\"\ntitle = \"Bad\"\n[[card]]\nid = \n");
    const Run missingDeck = s.attune("stats --deck /missing/deck.toml --profile " + shellQuoted(profile));
    CHECK(missingDeck.exitCode == 1);
    CHECK(missingDeck.err.find("/missing/deck.toml") != std::string::npos);
    CHECK(missingDeck.out.empty());
    const Run badDeck = s.attune("study --tty --deck " + shellQuoted(broken) + " --profile " + shellQuoted(profile));
    CHECK(badDeck.exitCode == 1);
    CHECK(badDeck.err.find(broken.string() + ":4") != std::string::npos);
    CHECK_FALSE(fs::exists(profile / "log"));
    const Run noProfile = s.attune("profile check --profile /does/not/exist");
    CHECK(noProfile.exitCode == 1);
    CHECK(noProfile.err.find("/does/not/exist: error:") != std::string::npos);
    // A broken deck that was not asked for by name (in the player's folder) does not stop stats.
    fs::create_directories(s.root / "xdg" / "attune" / "decks");
    fs::copy_file(broken, s.root / "xdg" / "attune" / "decks" / "bad.toml");
    const Run folder = s.attune("stats --profile " + shellQuoted(profile));
    CHECK(folder.exitCode == 0);
    CHECK(folder.err.find("bad.toml:4") != std::string::npos);
}
