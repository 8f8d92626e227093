// The profile store: durable appends, reopening, torn tails, damaged and newer files,
// a refusing disk, migration and settings.
#include "DataHome.hpp"
#include "OwnLog.hpp"
#include "TempDir.hpp"
#include "WithoutPermissionOverride.hpp"
#include "FileText.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/save/SaveFile.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>
#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::backupsOf;
using attune::testing::ownLog;
using attune::testing::TempDir;
using attune::testing::WithoutPermissionOverride;
using attune::testing::DataHome;
using attune::testing::readAll;
using attune::testing::writeAll;

namespace {

struct FailureHook {
    explicit FailureHook(savefile::WriteFailureHook hook) { savefile::setWriteFailureHookForTesting(std::move(hook)); }
    ~FailureHook() { savefile::setWriteFailureHookForTesting({}); }
};

ReviewRecord answer(const std::string& card, std::int64_t minute, int rating = 3) {
    ReviewRecord r;
    r.deckId = "attachment-basics";
    r.cardId = card;
    r.utcMs = parseIsoTime("2026-11-20T10:00:00Z")->utcMs + minute * 60000;
    r.utcOffsetSeconds = 3600;
    r.rating = static_cast<attune::scheduler::Rating>(rating);
    r.durationMs = 4000 + static_cast<std::int32_t>(minute);
    r.kind = ReviewKind::Review;
    return r;
}

ProfileOpenOptions quiet() {
    ProfileOpenOptions o;
    o.dailyBackup = false;
    return o;
}

bool sameReviews(const std::vector<ReviewRecord>& a, const std::vector<ReviewRecord>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].cardId != b[i].cardId || a[i].utcMs != b[i].utcMs || a[i].rating != b[i].rating ||
            a[i].deckId != b[i].deckId || a[i].durationMs != b[i].durationMs ||
            a[i].utcOffsetSeconds != b[i].utcOffsetSeconds || a[i].kind != b[i].kind)
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("profile - a new folder becomes a profile with default settings") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    auto opened = Profile::open(dir, quiet());
    CHECK_FALSE(hasErrors(opened.diagnostics));
    CHECK_FALSE(opened.profile.readOnly());
    CHECK(opened.profile.reviews().empty());
    CHECK(fs::exists(dir / "profile.toml"));
    CHECK(readAll(dir / "profile.toml").find("schema_version = 2") != std::string::npos);
    CHECK(opened.profile.settings().dayStartHour == Settings{}.dayStartHour);
}

TEST_CASE("profile - every appended answer is on disk and reads back in time order") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    std::vector<ReviewRecord> given{answer("a", 0), answer("b", 1, 1), answer("c", 2, 4)};
    given.push_back(answer("d", 60 * 24 * 20));  // next month (2026-12-10)
    {
        auto opened = Profile::open(dir, quiet());
        for (const auto& r : given) {
            const SaveResult saved = opened.profile.append(r);
            CHECK(saved.ok);
            CHECK(saved.message.empty());
        }
        CHECK(opened.profile.pendingCount() == 0);
        CHECK(opened.profile.close().message.empty());
    }
    CHECK(fs::exists(ownLog(dir) / "2026-11.toml"));
    CHECK(fs::exists(ownLog(dir) / "2026-12.toml"));
    // Each month file is a TOML document that TOML++ reads whole.
    toml::table november = toml::parse_file((ownLog(dir) / "2026-11.toml").string());
    CHECK(november["reviews"].as_table()->size() == 3);
    auto reopened = Profile::open(dir, quiet());
    CHECK(reopened.diagnostics.empty());
    CHECK(sameReviews(reopened.profile.reviews(), given));
}

TEST_CASE("profile - an answer given out of time order is placed in time order") {
    TempDir tmp;
    auto opened = Profile::open(tmp.path / "profile", quiet());
    REQUIRE(opened.profile.append(answer("late", 10)).ok);
    REQUIRE(opened.profile.append(answer("early", 5)).ok);
    REQUIRE(opened.profile.reviews().size() == 2);
    CHECK(opened.profile.reviews()[0].cardId == "early");
    CHECK(opened.profile.close().ok);
    auto again = Profile::open(tmp.path / "profile", quiet());
    CHECK(again.profile.reviews()[0].cardId == "early");
}

TEST_CASE("profile - a torn last line is moved to a .torn file and the load goes on") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    {
        auto opened = Profile::open(dir, quiet());
        REQUIRE(opened.profile.append(answer("a", 0)).ok);
        REQUIRE(opened.profile.append(answer("b", 1)).ok);
    }
    const fs::path log = ownLog(dir) / "2026-11.toml";
    const std::string before = readAll(log);
    const std::string torn = "r000003 = { card = \"c\", deck = \"attachment-ba";
    writeAll(log, before + torn);

    auto opened = Profile::open(dir, quiet());
    CHECK_FALSE(hasErrors(opened.diagnostics));
    CHECK_FALSE(opened.profile.readOnly());
    REQUIRE(opened.diagnostics.size() == 1);
    CHECK(opened.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(opened.diagnostics[0].line == 5);
    CHECK(opened.diagnostics[0].message.find(".torn") != std::string::npos);
    CHECK(opened.profile.reviews().size() == 2);
    CHECK(readAll(log) == before);
    CHECK(readAll(fs::path(log.string() + ".torn")) == torn + "\n");
    // The log goes on cleanly after it.
    CHECK(opened.profile.append(answer("c", 2)).ok);
    CHECK(opened.profile.close().ok);
    auto reopened = Profile::open(dir, quiet());
    CHECK(reopened.diagnostics.empty());
    CHECK(reopened.profile.reviews().size() == 3);
}

TEST_CASE("profile - a damaged log file is reported and never written over") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    {
        auto opened = Profile::open(dir, quiet());
        REQUIRE(opened.profile.append(answer("a", 0)).ok);
    }
    const fs::path log = ownLog(dir) / "2026-11.toml";
    const std::string damaged = readAll(log) + "r000002 = { card = \"b\" deck = }\n";
    writeAll(log, damaged);

    CloseReport report;
    {
        auto opened = Profile::open(dir, quiet());
        REQUIRE(hasErrors(opened.diagnostics));
        const Diagnostic& error = opened.diagnostics.front();
        CHECK(error.file == log.string());
        CHECK(error.line == 4);
        CHECK(error.column > 0);
        CHECK(opened.profile.readOnly());
        CHECK(opened.profile.reviews().size() == 1);
        const SaveResult saved = opened.profile.append(answer("c", 5));
        CHECK_FALSE(saved.ok);
        CHECK_FALSE(saved.message.empty());
        CHECK(opened.profile.pendingCount() == 1);
        CHECK_FALSE(opened.profile.saveSettings(Settings{}).ok);
        report = opened.profile.close();
    }
    CHECK(readAll(log) == damaged);
    CHECK(report.unsaved == 1);
    CHECK_FALSE(report.lost);
    CHECK(report.fallbackDir.string().find((tmp.path / "data").string()) == 0);
    CHECK(report.message.find(report.fallbackDir.string()) != std::string::npos);
    CHECK(report.message.find("attune profile merge") != std::string::npos);
    auto fallback = Profile::open(report.fallbackDir, ProfileOpenOptions{true, false, std::nullopt, std::nullopt});
    REQUIRE(fallback.profile.reviews().size() == 1);
    CHECK(fallback.profile.reviews()[0].cardId == "c");
}

TEST_CASE("profile - a damaged profile.toml gives file line and column and is left as it is") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    const std::string damaged = "schema_version = 1\n[settings]\ndesired_retention = \"high\"\n";
    writeAll(dir / "profile.toml", damaged);
    {
        auto opened = Profile::open(dir);
        REQUIRE(hasErrors(opened.diagnostics));
        const Diagnostic& error = opened.diagnostics.front();
        CHECK(error.line == 3);
        CHECK(error.column == 21);
        CHECK(error.message.find("desired_retention") != std::string::npos);
        CHECK(opened.profile.readOnly());
        CHECK_FALSE(opened.profile.saveFreezes(3).ok);
        CHECK_FALSE(opened.profile.append(answer("a", 0)).ok);
    }
    CHECK(readAll(dir / "profile.toml") == damaged);
    CHECK_FALSE(fs::exists(dir / "log"));
    CHECK_FALSE(fs::exists(attune::testing::backupsOf(dir)));
}

TEST_CASE("profile - a profile from a newer Attune opens read-only with a message") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    const std::string newer = "schema_version = 3\nfreezes = 1\n[future]\nthing = 1\n";
    writeAll(dir / "profile.toml", newer);
    {
        auto opened = Profile::open(dir);
        CHECK(opened.profile.readOnly());
        CHECK(opened.profile.readOnlyReason().find("newer") != std::string::npos);
        REQUIRE_FALSE(opened.diagnostics.empty());
        CHECK(opened.diagnostics[0].message.find("newer") != std::string::npos);
        CHECK_FALSE(opened.profile.append(answer("a", 0)).ok);
    }
    CHECK(readAll(dir / "profile.toml") == newer);
    CHECK_FALSE(fs::exists(dir / "log"));
}

TEST_CASE("profile - a newer log file makes the profile read-only") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    { auto opened = Profile::open(dir, quiet()); }
    const std::string newer = "schema_version = 3\n[reviews]\nr1 = { compressed = true }\n";
    writeAll(dir / "log" / "2026-10.toml", newer);
    auto opened = Profile::open(dir, quiet());
    CHECK(opened.profile.readOnly());
    CHECK_FALSE(opened.profile.append(answer("a", 0)).ok);
    CHECK(readAll(dir / "log" / "2026-10.toml") == newer);
    CHECK_FALSE(fs::exists(dir / "log" / "2026-11.toml"));
}

TEST_CASE("profile - schema 0 is migrated: reviews move to month files and a backup is kept") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    const std::string schema0 =
        "retention = 0.85\nday_start = 5\nfreezes = 2\n"
        "[[review]]\ncard_id = \"a\"\ndeck_id = \"d\"\ntime = 2026-10-31T23:30:00-02:00\nrating = 3\nduration_ms = 1200\n"
        "[[review]]\ncard_id = \"b\"\ndeck_id = \"d\"\ntime = 2026-11-02T08:00:00+09:00\nrating = 1\nkind = \"learn\"\n";
    writeAll(dir / "profile.toml", schema0);
    {
        auto opened = Profile::open(dir, quiet());
        CHECK_FALSE(hasErrors(opened.diagnostics));
        CHECK_FALSE(opened.profile.readOnly());
        CHECK(opened.profile.settings().desiredRetention == Approx(0.85));
        CHECK(opened.profile.settings().dayStartHour == 5);
        CHECK(opened.profile.freezes() == 2);
        REQUIRE(opened.profile.reviews().size() == 2);
    }
    const std::string migrated = readAll(dir / "profile.toml");
    CHECK(migrated.find("schema_version = 2") != std::string::npos);
    CHECK(migrated.find("[[review]]") == std::string::npos);
    // 2026-10-31T23:30-02:00 is 2026-11-01T01:30Z: the UTC month decides the file.
    CHECK(fs::exists(ownLog(dir) / "2026-11.toml"));
    bool backupHasOld = false;
    for (const auto& b : fs::directory_iterator(backupsOf(dir)))
        backupHasOld = backupHasOld || readAll(b.path() / "profile.toml") == schema0;
    CHECK(backupHasOld);

    auto reopened = Profile::open(dir, quiet());
    CHECK(reopened.diagnostics.empty());
    REQUIRE(reopened.profile.reviews().size() == 2);
    const ReviewRecord& first = reopened.profile.reviews()[0];
    CHECK(first.cardId == "a");
    CHECK(first.utcMs == parseIsoTime("2026-11-01T01:30:00Z")->utcMs);
    CHECK(first.utcOffsetSeconds == -7200);
    CHECK(first.durationMs == 1200);
    CHECK(reopened.profile.reviews()[1].kind == ReviewKind::Learn);
    CHECK(reopened.profile.settings().desiredRetention == Approx(0.85));
}

TEST_CASE("profile - settings freezes and optimizer parameters survive a reopen") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    Settings s;
    s.desiredRetention = 0.87;
    s.dayStartHour = 6;
    s.newCardsPerDay = 15;
    s.reviewsPerDay = 120;
    s.dailyGoalXp = 80;
    s.theme = Theme::HighContrast;
    s.fontScale = 1.25;
    s.sound = false;
    s.reducedMotion = true;
    s.loadBalancing = false;
    s.siblingsApart = false;
    s.easyDays = {EasyDay::Normal, EasyDay::Reduced, EasyDay::Normal, EasyDay::Normal,
                  EasyDay::Normal, EasyDay::Minimum, EasyDay::Reduced};
    std::vector<double> w(21);
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = 0.1 * static_cast<double>(i) + 0.013;
    {
        auto opened = Profile::open(dir, quiet());
        CHECK(opened.profile.saveSettings(s).ok);
        CHECK(opened.profile.saveFreezes(2).ok);
        CHECK(opened.profile.saveOptimizerParameters(w).ok);
    }
    auto opened = Profile::open(dir, quiet());
    CHECK(opened.diagnostics.empty());
    const Settings& r = opened.profile.settings();
    CHECK(r.desiredRetention == s.desiredRetention);
    CHECK(r.dayStartHour == 6);
    CHECK(r.newCardsPerDay == 15);
    CHECK(r.reviewsPerDay == 120);
    CHECK(r.dailyGoalXp == 80);
    CHECK(r.theme == Theme::HighContrast);
    CHECK(r.fontScale == 1.25);
    CHECK_FALSE(r.sound);
    CHECK(r.reducedMotion);
    CHECK_FALSE(r.loadBalancing);
    CHECK_FALSE(r.siblingsApart);
    CHECK(r.easyDays == s.easyDays);
    CHECK(opened.profile.freezes() == 2);
    REQUIRE(opened.profile.optimizerParameters());
    CHECK(*opened.profile.optimizerParameters() == w);
}

TEST_CASE("profile - easy days that are not 7 known weekday loads are an error with a place, and nothing is rewritten") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    const std::string text = "schema_version = 1\n[settings]\neasy_days = [\"normal\", \"busy\", \"normal\", "
                             "\"normal\", \"normal\", \"normal\", \"normal\"]\n";
    writeAll(dir / "profile.toml", text);
    auto opened = Profile::open(dir, quiet());
    REQUIRE_FALSE(opened.diagnostics.empty());
    const std::string message = opened.diagnostics.front().format();
    CHECK(message.find("profile.toml:3:") != std::string::npos);
    CHECK(message.find("easy_days must list 7 weekdays") != std::string::npos);
    CHECK(opened.profile.settings().easyDays[1] == EasyDay::Normal);
    CHECK_FALSE(opened.profile.saveSettings(opened.profile.settings()).ok);
    CHECK(readAll(dir / "profile.toml") == text);
}

TEST_CASE("profile - a setting out of range is a warning and the nearest allowed value is used") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    writeAll(dir / "profile.toml", "schema_version = 1\n[settings]\nday_start_hour = 30\nfont_scale = 0.5\n");
    auto opened = Profile::open(dir, quiet());
    CHECK_FALSE(hasErrors(opened.diagnostics));
    CHECK(opened.diagnostics.size() == 2);
    CHECK(opened.diagnostics[0].line == 3);
    CHECK(opened.profile.settings().dayStartHour == 23);
    CHECK(opened.profile.settings().fontScale == 1.0);
    CHECK_FALSE(opened.profile.readOnly());
}

TEST_CASE("profile - when the disk refuses answers stay in memory and are saved on the next append") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    auto opened = Profile::open(dir, quiet());
    {
        FailureHook full([](const fs::path&) { return ENOSPC; });
        const SaveResult first = opened.profile.append(answer("a", 0));
        CHECK_FALSE(first.ok);
        CHECK(first.message.find("No space left") != std::string::npos);
        CHECK_FALSE(opened.profile.append(answer("b", 1)).ok);
        CHECK(opened.profile.pendingCount() == 2);
        CHECK(opened.profile.reviews().size() == 2);  // the game goes on with them
        CHECK_FALSE(fs::exists(ownLog(dir) / "2026-11.toml"));
    }
    CHECK(opened.profile.append(answer("c", 2)).ok);
    CHECK(opened.profile.pendingCount() == 0);
    CHECK(opened.profile.close().ok);
    auto reopened = Profile::open(dir, quiet());
    CHECK(sameReviews(reopened.profile.reviews(), opened.profile.reviews()));
    CHECK(reopened.profile.reviews().size() == 3);
}

TEST_CASE("profile - a log folder that cannot be written keeps answers and close says where they went") {
    // Works as root too: the log folder is replaced by a regular file, so no write can succeed.
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    {
        auto opened = Profile::open(dir, quiet());
        REQUIRE(opened.profile.append(answer("a", 0)).ok);
    }
    auto opened = Profile::open(dir, quiet());
    fs::rename(dir / "log", tmp.path / "log-away");
    writeAll(dir / "log", "not a folder");
    CHECK_FALSE(opened.profile.append(answer("b", 1)).ok);
    CHECK_FALSE(opened.profile.flush().ok);
    CHECK(opened.profile.pendingCount() == 1);
    const CloseReport report = opened.profile.close();
    CHECK(report.unsaved == 1);
    CHECK_FALSE(report.lost);
    REQUIRE_FALSE(report.fallbackDir.empty());
    CHECK(report.message.find("1 answer could not be saved") != std::string::npos);
    CHECK(report.message.find(report.fallbackDir.string()) != std::string::npos);
    // Once the folder is back, merging the fallback restores every answer.
    fs::remove(dir / "log");
    fs::rename(tmp.path / "log-away", dir / "log");
    auto fixed = Profile::open(dir, quiet());
    auto fallback = Profile::open(report.fallbackDir, ProfileOpenOptions{true, false, std::nullopt, std::nullopt});
    const MergeReport merged = fixed.profile.mergeReviews(fallback.profile.reviews());
    CHECK(merged.ok);
    CHECK(merged.added == 1);
    CHECK(fixed.profile.reviews().size() == 2);
}

TEST_CASE("profile - a read-only folder by permissions keeps answers in memory") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    {
        auto opened = Profile::open(dir, quiet());
        REQUIRE(opened.profile.append(answer("a", 0)).ok);
    }
    fs::permissions(ownLog(dir), fs::perms::owner_read | fs::perms::owner_exec);
    fs::permissions(ownLog(dir) / "2026-11.toml", fs::perms::owner_read);
    {
        WithoutPermissionOverride asAnyPlayer;
        auto opened = Profile::open(dir, quiet());
        CHECK_FALSE(opened.profile.append(answer("b", 1)).ok);
        const CloseReport report = opened.profile.close();
        CHECK(report.unsaved == 1);
        CHECK(fs::exists(report.fallbackDir / "log" / "2026-11.toml"));
    }
    fs::permissions(ownLog(dir), fs::perms::owner_all);
    fs::permissions(ownLog(dir) / "2026-11.toml", fs::perms::owner_read | fs::perms::owner_write);
}

TEST_CASE("profile - a failed append leaves no partial line behind") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    auto opened = Profile::open(dir, quiet());
    REQUIRE(opened.profile.append(answer("a", 0)).ok);
    const std::string before = readAll(ownLog(dir) / "2026-11.toml");
    {
        FailureHook eio([](const fs::path&) { return EIO; });
        CHECK_FALSE(opened.profile.append(answer("b", 1)).ok);
    }
    CHECK(readAll(ownLog(dir) / "2026-11.toml") == before);
}

TEST_CASE("profile - a month file cut inside its header starts afresh and the next answer is read") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    { auto opened = Profile::open(dir, quiet()); }
    writeAll(dir / "log" / "2026-11.toml", "schema_version = 1\n[rev");
    {
        auto opened = Profile::open(dir, quiet());
        CHECK_FALSE(hasErrors(opened.diagnostics));
        REQUIRE(opened.diagnostics.size() == 1);
        CHECK(readAll(dir / "log" / "2026-11.toml.torn") == "schema_version = 1\n[rev\n");
        CHECK(opened.profile.append(answer("a", 0)).ok);
    }
    auto reopened = Profile::open(dir, quiet());
    CHECK(reopened.diagnostics.empty());
    REQUIRE(reopened.profile.reviews().size() == 1);
    CHECK(reopened.profile.reviews()[0].cardId == "a");
}

TEST_CASE("profile - a profile folder that cannot even be created still plays and says where answers went") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    writeAll(tmp.path / "a-file", "x");
    const fs::path dir = tmp.path / "a-file" / "profile";  // under a regular file: fails for root too
    auto opened = Profile::open(dir);
    CHECK_FALSE(hasErrors(opened.diagnostics));
    REQUIRE_FALSE(opened.diagnostics.empty());
    CHECK(opened.diagnostics[0].message.find("cannot create the profile folder") != std::string::npos);
    CHECK_FALSE(opened.profile.append(answer("a", 0)).ok);
    CHECK(opened.profile.reviews().size() == 1);
    const CloseReport report = opened.profile.close();
    CHECK(report.unsaved == 1);
    CHECK(fs::exists(report.fallbackDir / "log" / "2026-11.toml"));
}

TEST_CASE("profile - one writer at a time: a second open is read-only until the first closes") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    auto first = Profile::open(dir, quiet());
    REQUIRE_FALSE(first.profile.readOnly());
    {
        auto second = Profile::open(dir, quiet());
        CHECK(second.profile.readOnly());
        REQUIRE(second.diagnostics.size() == 1);
        CHECK(second.diagnostics[0].message.find("open in another Attune") != std::string::npos);
        REQUIRE(first.profile.backupNow("test").ok);
        const SaveResult restored = restoreBackup(dir, first.profile.backups().back().name);
        CHECK_FALSE(restored.ok);
        CHECK(restored.message.find("open in another Attune") != std::string::npos);
        ProfileOpenOptions look;
        look.readOnly = true;
        CHECK(Profile::open(dir, look).diagnostics.empty());  // readers never wait
        CHECK(second.profile.close().ok);
    }
    CHECK(first.profile.append(answer("a", 0)).ok);
    CHECK(first.profile.close().ok);
    auto third = Profile::open(dir, quiet());
    CHECK_FALSE(third.profile.readOnly());
    CHECK(third.profile.reviews().size() == 1);
}

TEST_CASE("profile - the leech settings: kept on reopen, the count held to 4-20, a wrong type an error with a place") {
    TempDir tmp;
    const fs::path dir = tmp.path / "profile";
    SECTION("saved and read back") {
        {
            auto opened = Profile::open(dir, quiet());
            Settings s = opened.profile.settings();
            CHECK(s.leechLapses == 8);
            CHECK(s.leechAction == LeechAction::SetAside);
            s.leechLapses = 12;
            s.leechAction = LeechAction::Mark;
            REQUIRE(opened.profile.saveSettings(s).ok);
        }
        // The changes are this computer's, in its settings file, each with its time.
        const std::string changes = readAll(dir / "settings" / (ownLog(dir).filename().string() + ".toml"));
        CHECK(changes.find("leech_action = { value = \"mark\", at = ") != std::string::npos);
        CHECK(changes.find("leech_lapses = { value = 12, at = ") != std::string::npos);
        auto reopened = Profile::open(dir, quiet());
        CHECK(reopened.diagnostics.empty());
        CHECK(reopened.profile.settings().leechLapses == 12);
        CHECK(reopened.profile.settings().leechAction == LeechAction::Mark);
    }
    SECTION("out of range: a warning and the nearest allowed count") {
        writeAll(dir / "profile.toml", "schema_version = 1\n[settings]\nleech_lapses = 30\nleech_action = \"forget\"\n");
        auto opened = Profile::open(dir, quiet());
        CHECK_FALSE(hasErrors(opened.diagnostics));
        REQUIRE(opened.diagnostics.size() == 2);
        CHECK(opened.diagnostics[0].format().find("profile.toml:3:") != std::string::npos);
        CHECK(opened.diagnostics[0].format().find("warning: leech_lapses = 30 is outside 4 .. 20") != std::string::npos);
        CHECK(opened.diagnostics[1].line == 4);
        CHECK(opened.profile.settings().leechLapses == 20);
        CHECK(opened.profile.settings().leechAction == LeechAction::SetAside);
    }
    SECTION("a wrong type: an error, read-only, the file left as it is") {
        const std::string text = "schema_version = 1\n[settings]\nleech_lapses = \"eight\"\n";
        writeAll(dir / "profile.toml", text);
        auto opened = Profile::open(dir, quiet());
        REQUIRE(hasErrors(opened.diagnostics));
        const std::string message = opened.diagnostics.front().format();
        CHECK(message.find("profile.toml:3:") != std::string::npos);
        CHECK(message.find("error: leech_lapses must be a whole number") != std::string::npos);
        CHECK(opened.profile.settings().leechLapses == 8);
        CHECK_FALSE(opened.profile.saveSettings(opened.profile.settings()).ok);
        CHECK(readAll(dir / "profile.toml") == text);
    }
}
