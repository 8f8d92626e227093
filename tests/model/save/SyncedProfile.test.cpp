// A profile folder shared by computers: each writes only its own files, reads everyone's, and is
// never stopped by what another computer or a sync tool left in the folder.
#include "FileText.hpp"
#include "TempDir.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/save/Device.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/save/ProfileFile.hpp>
#include <attune/model/save/SyncToolFiles.hpp>

#include <filesystem>
#include <string>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::readAll;
using attune::testing::TempDir;
using attune::testing::writeAll;

namespace {

ProfileOpenOptions as(const fs::path& state, bool readOnly = false) {
    ProfileOpenOptions o;
    o.dailyBackup = false;
    o.readOnly = readOnly;
    o.localState = state;
    return o;
}

ReviewRecord answer(const std::string& card, const char* iso, int rating = 3) {
    ReviewRecord r;
    r.deckId = "d";
    r.cardId = card;
    r.utcMs = parseIsoTime(iso)->utcMs;
    r.rating = static_cast<attune::scheduler::Rating>(rating);
    r.kind = ReviewKind::Review;
    return r;
}

const std::string kOtherDevice = "0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("synced profile - the names sync tools give partial and conflicting copies are recognised") {
    for (const char* name : {".syncthing.2026-11.toml.tmp", "~syncthing~2026-11.toml.tmp",
                             "2026-11.sync-conflict-20261121-101010-ABCDEFG.toml", "2026-11 (laptop's conflicted copy 2026-11-21).toml",
                             "2026-11 (conflicted copy 2026-11-21 101010).toml", "2026-11.toml.part", ".dropbox.cache",
                             "2026-11.toml~", ".hidden"}) {
        INFO(name);
        CHECK(isSyncToolFile(name));
    }
    for (const char* name : {"2026-11.toml", "notes.txt", "2026-11.toml.torn"}) {
        INFO(name);
        CHECK_FALSE(isSyncToolFile(name));
    }
    CHECK(isConflictCopy("2026-11.sync-conflict-20261121-101010-ABCDEFG.toml"));
    CHECK_FALSE(isConflictCopy(".syncthing.2026-11.toml.tmp"));
}

TEST_CASE("synced profile - the device id is made once, kept, and remade when its file is damaged") {
    TempDir tmp;
    std::string error;
    const Device first = thisDevice(tmp.path / "state", error);
    CHECK(error.empty());
    CHECK(isDeviceId(first.id));
    CHECK_FALSE(first.name.empty());
    CHECK(thisDevice(tmp.path / "state", error).id == first.id);
    CHECK(thisDevice(tmp.path / "elsewhere", error).id != first.id);
    writeAll(tmp.path / "state" / "device.toml", "id = \"not hex at all\"\n");
    const Device remade = thisDevice(tmp.path / "state", error);
    CHECK(isDeviceId(remade.id));
    CHECK(remade.id != first.id);
    CHECK_FALSE(isDeviceId("0123456789ABCDEF0123456789abcdef"));  // lower case only
}

TEST_CASE("synced profile - another computer's damaged file is reported but this one goes on saving") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    { auto p = Profile::open(dir, as(tmp.path / "me")); REQUIRE(p.profile.append(answer("a", "2026-11-20T10:00:00Z")).ok); }
    writeAll(dir / "log" / kOtherDevice / "2026-11.toml", "schema_version = 1\n[reviews]\nr000001 = { card = = }\n");
    writeAll(dir / "settings" / (kOtherDevice + ".toml"), "schema_version = 2\n[changed]\ntheme = { value = 7, at = 2026-11-20T10:00:00Z }\n");
    auto p = Profile::open(dir, as(tmp.path / "me"));
    CHECK(hasErrors(p.diagnostics));
    bool namedLog = false;
    bool namedSettings = false;
    for (const auto& d : p.diagnostics) {
        namedLog = namedLog || (d.severity == Diagnostic::Severity::Error && d.file.find(kOtherDevice + "/2026-11.toml") != std::string::npos && d.line == 3);
        namedSettings = namedSettings || (d.severity == Diagnostic::Severity::Error && d.file.find(kOtherDevice + ".toml") != std::string::npos);
    }
    CHECK(namedLog);
    CHECK(namedSettings);
    CHECK_FALSE(p.profile.readOnly());
    CHECK(p.profile.settings().theme == Theme::Light);  // the damaged change is left out
    CHECK(p.profile.append(answer("b", "2026-11-21T10:00:00Z")).ok);
    CHECK(p.profile.close().ok);
    // Its own damaged file still makes it read-only, as before.
    writeAll(dir / "log" / Profile::open(dir, as(tmp.path / "me", true)).profile.device().id / "2026-10.toml",
             "schema_version = 1\n[reviews]\nr000001 = { card = = }\n");
    CHECK(Profile::open(dir, as(tmp.path / "me")).profile.readOnly());
}

TEST_CASE("synced profile - two computers' answers of one millisecond are read in one order on both") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    const ReviewRecord same = answer("x", "2026-11-20T10:00:00Z", 3);
    const ReviewRecord other = answer("w", "2026-11-20T10:00:00Z", 2);
    { auto p = Profile::open(dir, as(tmp.path / "a")); REQUIRE(p.profile.append(same).ok); REQUIRE(p.profile.append(other).ok); }
    { auto p = Profile::open(dir, as(tmp.path / "b")); REQUIRE(p.profile.append(same).ok); }
    const auto a = Profile::open(dir, as(tmp.path / "a", true));
    const auto b = Profile::open(dir, as(tmp.path / "b", true));
    REQUIRE(a.profile.reviews().size() == 3);
    CHECK(reviewlog::formatMonthFile(a.profile.reviews()) == reviewlog::formatMonthFile(b.profile.reviews()));
    for (std::size_t i = 0; i < 3; ++i) CHECK(a.profile.reviews()[i].cardId == b.profile.reviews()[i].cardId);
    CHECK(a.profile.reviews()[0].cardId == "w");  // canonical: deck, then card
    // The same answer on both computers counts once, as a merge would keep it.
    CHECK(repeatedAnswers(a.profile.reviews()) == 1);
    CHECK(effectiveReviews(a.profile.reviews()).size() == 2);
}

TEST_CASE("synced profile - files a sync tool leaves are skipped with a notice, never damage") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    { auto p = Profile::open(dir, as(tmp.path / "me")); REQUIRE(p.profile.append(answer("a", "2026-11-20T10:00:00Z")).ok); }
    writeAll(dir / "log" / "2026-11.sync-conflict-20261121-101010-ABCDEFG.toml", "nonsense = = =\n");
    writeAll(dir / "log" / kOtherDevice / ".syncthing.2026-11.toml.tmp", "schema_version = 1\n[rev");
    writeAll(dir / "settings" / (kOtherDevice + ".toml.part"), "\xff\xfe");
    auto p = Profile::open(dir, as(tmp.path / "me"));
    CHECK_FALSE(hasErrors(p.diagnostics));
    CHECK_FALSE(p.profile.readOnly());
    CHECK(p.diagnostics.size() == 3);
    for (const auto& d : p.diagnostics) CHECK(d.message.find("skipped") != std::string::npos);
    CHECK(p.profile.reviews().size() == 1);
}

TEST_CASE("synced profile - another computer's half-arrived line is read once it is whole, its file never touched") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    const std::string line1 = "r000001 = { card = \"a\", deck = \"d\", at = 2026-11-20T10:00:00Z, rating = 3, kind = \"review\" }\n";
    const std::string line2 = "r000002 = { card = \"b\", deck = \"d\", at = 2026-11-20T10:01:00Z, rating = 3, kind = \"review\" }\n";
    const std::string part = "schema_version = 1\n[reviews]\n" + line1 + line2.substr(0, 30);
    const fs::path theirs = dir / "log" / kOtherDevice / "2026-11.toml";
    writeAll(theirs, part);
    {
        auto p = Profile::open(dir, as(tmp.path / "me"));
        CHECK_FALSE(p.profile.readOnly());
        CHECK(p.profile.reviews().size() == 1);
        REQUIRE(p.diagnostics.size() == 1);
        CHECK(p.diagnostics[0].line == 4);
        CHECK(p.diagnostics[0].message.find("not whole yet") != std::string::npos);
    }
    CHECK(readAll(theirs) == part);  // no .torn, no cut: the rest is on its way
    CHECK_FALSE(fs::exists(theirs.string() + ".torn"));
    writeAll(theirs, "schema_version = 1\n[reviews]\n" + line1 + line2);
    auto p = Profile::open(dir, as(tmp.path / "me"));
    CHECK(p.diagnostics.empty());
    CHECK(p.profile.reviews().size() == 2);
}

TEST_CASE("synced profile - merging another folder writes only this computer's files") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    const fs::path other = tmp.path / "other";
    { auto p = Profile::open(dir, as(tmp.path / "me")); REQUIRE(p.profile.append(answer("a", "2026-11-20T10:00:00Z")).ok); }
    writeAll(dir / "log" / kOtherDevice / "2026-11.toml",
             "schema_version = 1\n[reviews]\nr000001 = { card = \"b\", deck = \"d\", at = 2026-11-20T11:00:00Z, rating = 3, kind = \"review\" }\n");
    const std::string theirs = readAll(dir / "log" / kOtherDevice / "2026-11.toml");
    { auto p = Profile::open(other, as(tmp.path / "them")); REQUIRE(p.profile.append(answer("b", "2026-11-20T11:00:00Z")).ok);
      REQUIRE(p.profile.append(answer("c", "2026-11-20T12:00:00Z")).ok); }
    auto p = Profile::open(dir, as(tmp.path / "me"));
    const auto source = Profile::open(other, as(tmp.path / "them", true));
    const MergeReport report = p.profile.mergeReviews(source.profile.reviews());
    CHECK(report.ok);
    CHECK(report.added == 1);  // b is already in the log, from the other computer
    CHECK(report.duplicates == 1);
    REQUIRE(report.monthFilesWritten.size() == 1);
    CHECK(report.monthFilesWritten[0] == "log/" + p.profile.device().id + "/2026-11.toml");
    CHECK(readAll(dir / "log" / kOtherDevice / "2026-11.toml") == theirs);
    CHECK(p.profile.reviews().size() == 3);
}

TEST_CASE("synced profile - a computer's name with quotes, backslashes or a line break reads back as itself") {
    TempDir tmp;
    const std::string name = "Sam's \"work\" laptop \\ desk\nsecond line";
    writeAll(tmp.path / "state" / "device.toml", "id = \"" + kOtherDevice + "\"\nname = \"Sam's \\\"work\\\" laptop \\\\ desk\\nsecond line\"\n");
    std::string error;
    const Device device = thisDevice(tmp.path / "state", error);
    CHECK(device.id == kOtherDevice);
    CHECK(device.name == name);
    profilefile::SettingsLog log;
    log.deviceId = device.id;
    log.deviceName = device.name;
    log.changes["theme"] = {"\"dark\"", 0};
    const profilefile::SettingsLogRead read = profilefile::parseSettingsLog(profilefile::formatSettingsLog(log), "settings.toml");
    CHECK_FALSE(read.damaged);
    CHECK(read.diagnostics.empty());
    CHECK(read.log.deviceName == name);
}

TEST_CASE("synced profile - the settings are seen before the log is read, with every computer's latest change") {
    TempDir tmp;
    const fs::path dir = tmp.path / "p";
    {
        auto p = Profile::open(dir, as(tmp.path / "a"));
        Settings s = p.profile.settings();
        s.theme = Theme::Dark;
        REQUIRE(p.profile.saveSettings(s).ok);
    }
    CHECK(readAll(dir / "profile.toml").find("theme = \"light\"") != std::string::npos);  // written once, when made
    CHECK(peekSettings(dir).theme == Theme::Dark);
    writeAll(dir / "settings" / (kOtherDevice + ".toml"),
             "schema_version = 2\ndevice_name = \"laptop\"\n[changed]\ntheme = { value = \"high-contrast\", at = 2999-01-01T00:00:00Z }\n");
    CHECK(peekSettings(dir).theme == Theme::HighContrast);
    CHECK(Profile::open(dir, as(tmp.path / "a", true)).profile.settings().theme == Theme::HighContrast);
}
