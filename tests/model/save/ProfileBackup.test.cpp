// Backups: one per study day on first open, the newest 14 kept, restore backs up first.
#include "OwnLog.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/save/ProfileBackup.hpp>

#include <fstream>
#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::TempDir;
using attune::testing::backupsOf;
using attune::testing::ownLog;

namespace {

ProfileOpenOptions at(const char* iso) {
    ProfileOpenOptions o;
    o.now = parseIsoTime(iso);
    return o;
}

ReviewRecord answer(const std::string& card, const char* iso) {
    ReviewRecord r;
    r.deckId = "d";
    r.cardId = card;
    r.utcMs = parseIsoTime(iso)->utcMs;
    return r;
}

std::vector<std::string> names(const std::vector<BackupInfo>& list) {
    std::vector<std::string> out;
    for (const auto& b : list) out.push_back(b.name);
    return out;
}

}  // namespace

TEST_CASE("backup - the first open of a study day makes one backup named after the day") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    { auto p = Profile::open(dir, at("2026-11-27T10:00:00+01:00")); REQUIRE(p.profile.append(answer("a", "2026-11-27T09:00:00Z")).ok); }
    { auto p = Profile::open(dir, at("2026-11-27T22:00:00+01:00")); }
    // 03:00 local with the day starting at 04:00 is still the 27th's study day.
    { auto p = Profile::open(dir, at("2026-11-28T03:00:00+01:00")); }
    auto p = Profile::open(dir, at("2026-11-28T05:00:00+01:00"));
    CHECK(names(p.profile.backups()) == std::vector<std::string>{"2026-11-27", "2026-11-28"});
    // Backups stay on this computer, outside the (perhaps synced) profile folder.
    CHECK_FALSE(fs::exists(dir / "backups"));
    const fs::path backups = backupsOf(dir);
    CHECK_FALSE(backups.string().starts_with(dir.string()));
    const fs::path device = ownLog(dir).filename();
    CHECK(fs::exists(backups / "2026-11-27" / "profile.toml"));
    CHECK_FALSE(fs::exists(backups / "2026-11-27" / "log" / device / "2026-11.toml"));  // taken before the answer
    CHECK(fs::exists(backups / "2026-11-28" / "log" / device / "2026-11.toml"));
}

TEST_CASE("backup - only the newest 14 backups are kept") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    for (int day = 1; day <= 20; ++day) {
        const std::string iso = "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T12:00:00Z";
        auto p = Profile::open(dir, at(iso.c_str()));
    }
    const auto list = backup::list(backupsOf(dir));
    REQUIRE(list.size() == kBackupsKept);
    CHECK(list.front().name == "2026-11-07");
    CHECK(list.back().name == "2026-11-20");
}

TEST_CASE("backup - restore puts the backup back and keeps the state before it") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    {
        auto p = Profile::open(dir, at("2026-11-20T12:00:00Z"));
        REQUIRE(p.profile.append(answer("old", "2026-11-20T11:00:00Z")).ok);
    }
    {
        auto p = Profile::open(dir, at("2026-11-21T12:00:00Z"));  // backs up [old]
        REQUIRE(p.profile.append(answer("new", "2026-11-21T11:00:00Z")).ok);
        REQUIRE(p.profile.append(answer("dec", "2026-12-21T11:00:00Z")).ok);
        Settings s;
        s.dailyGoalXp = 99;
        REQUIRE(p.profile.saveSettings(s).ok);
    }
    const SaveResult restored = restoreBackup(dir, "2026-11-21");
    INFO(restored.message);
    REQUIRE(restored.ok);
    ProfileOpenOptions look;
    look.readOnly = true;
    look.dailyBackup = false;
    auto p = Profile::open(dir, look);
    CHECK(p.diagnostics.empty());
    REQUIRE(p.profile.reviews().size() == 1);
    CHECK(p.profile.reviews()[0].cardId == "old");
    CHECK(p.profile.settings().dailyGoalXp == Settings{}.dailyGoalXp);
    CHECK_FALSE(fs::exists(ownLog(dir) / "2026-12.toml"));
    // The state before the restore is a backup of its own, and restoring it undoes the restore.
    std::string before;
    for (const auto& b : p.profile.backups())
        if (b.name.find("before-restore") != std::string::npos) before = b.name;
    REQUIRE_FALSE(before.empty());
    REQUIRE(restoreBackup(dir, before).ok);
    auto undone = Profile::open(dir, look);
    CHECK(undone.profile.reviews().size() == 3);
    CHECK(undone.profile.settings().dailyGoalXp == 99);
}

TEST_CASE("backup - restoring a backup that does not exist or cannot be read changes nothing") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    { auto p = Profile::open(dir, at("2026-11-20T12:00:00Z")); REQUIRE(p.profile.append(answer("a", "2026-11-20T11:00:00Z")).ok); }
    CHECK_FALSE(restoreBackup(dir, "1999-01-01").ok);
    fs::create_directories(tmp.path / "bad");
    {
        std::ofstream out(tmp.path / "bad" / "profile.toml");
        out << "schema_version = = 1\n";
    }
    const SaveResult bad = restoreBackup(dir, (tmp.path / "bad").string());
    CHECK_FALSE(bad.ok);
    CHECK(bad.message.find("profile.toml:1:") != std::string::npos);
    CHECK(backup::list(backupsOf(dir)).size() == 1);
    ProfileOpenOptions look;
    look.readOnly = true;
    look.dailyBackup = false;
    CHECK(Profile::open(dir, look).profile.reviews().size() == 1);
}

TEST_CASE("backup - an unchanged month file is shared with the previous backup and a changed one is copied") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    {
        auto p = Profile::open(dir, at("2026-11-20T12:00:00Z"));
        REQUIRE(p.profile.append(answer("oct", "2026-10-20T11:00:00Z")).ok);
        REQUIRE(p.profile.append(answer("nov", "2026-11-20T11:00:00Z")).ok);
    }
    { auto p = Profile::open(dir, at("2026-11-21T12:00:00Z")); REQUIRE(p.profile.append(answer("nov2", "2026-11-21T11:00:00Z")).ok); }
    { auto p = Profile::open(dir, at("2026-11-22T12:00:00Z")); }
    const fs::path day21 = backupsOf(dir) / "2026-11-21" / "log" / ownLog(dir).filename();
    const fs::path day22 = backupsOf(dir) / "2026-11-22" / "log" / ownLog(dir).filename();
    CHECK(fs::equivalent(day21 / "2026-10.toml", day22 / "2026-10.toml"));       // October did not change
    CHECK_FALSE(fs::equivalent(day21 / "2026-11.toml", day22 / "2026-11.toml")); // November got an answer
    ProfileOpenOptions look;
    look.readOnly = true;
    look.dailyBackup = false;
    CHECK(Profile::open(backupsOf(dir) / "2026-11-21", look).profile.reviews().size() == 2);
    CHECK(Profile::open(backupsOf(dir) / "2026-11-22", look).profile.reviews().size() == 3);
}
