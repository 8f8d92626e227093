// Studying on two computers with a file-sync tool and no server: each computer has its own copy
// of the profile folder and its own device id ($XDG_STATE_HOME); the test plays the sync tool,
// with its habits: files arriving late, in pieces, a conflicting copy, clocks hours apart, a
// computer offline for a week. After each step: once the files have arrived both computers'
// `stats --json` are the same, no answer is lost, and no file was ever written by both.
#include "CliRun.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/save/Profile.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace fs = std::filesystem;
using namespace attune::model;
using attune::testing::jsonNumber;
using attune::testing::readAll;
using attune::testing::Run;
using attune::testing::Scratch;
using attune::testing::shellQuoted;
using attune::testing::writeAll;

namespace {

const std::string kCourse = std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml";
const char* const kCards[] = {"puzzle-trust", "brain-persist", "puzzle-not-alone", "secure-base"};

// Every file of a profile folder by its path inside it, with its bytes.
std::map<std::string, std::string> filesOf(const fs::path& folder) {
    std::map<std::string, std::string> out;
    if (!fs::exists(folder)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (name.starts_with(".lock")) continue;  // a lock file is empty and never written to
        out[fs::relative(entry.path(), folder).string()] = readAll(entry.path());
    }
    return out;
}

struct Computer {
    std::string name;
    fs::path folder;  // its copy of the synced profile folder
    fs::path state;   // its own $XDG_STATE_HOME: its device id and backups
};

struct World {
    Scratch scratch{"attune-two-computers"};
    Computer a{"A", scratch.root / "a" / "profile", scratch.root / "a" / "state"};
    Computer b{"B", scratch.root / "b" / "profile", scratch.root / "b" / "state"};
    std::map<std::string, std::set<std::string>> writers;  // file -> the computers that wrote it
    std::size_t given = 0;                                 // answers given on both computers

    // A computer does something to its copy; what changed in it was written by that computer.
    template <typename Action>
    void on(const Computer& c, Action action) {
        const auto before = filesOf(c.folder);
        action();
        for (const auto& [file, bytes] : filesOf(c.folder)) {
            const auto old = before.find(file);
            if (old == before.end() || old->second != bytes) writers[file].insert(c.name);
        }
        for (const auto& [file, who] : writers) {
            INFO(file);
            CHECK(who.size() == 1);  // one writer per file: nothing for a sync tool to conflict over
        }
    }

    void study(const Computer& c, const std::string& now, int answers) {
        on(c, [&] {
            ProfileOpenOptions options;
            options.localState = c.state / "attune";  // as $XDG_STATE_HOME for the commands
            options.now = parseIsoTime(now);
            auto opened = Profile::open(c.folder, options);
            REQUIRE_FALSE(opened.profile.readOnly());
            const std::int64_t at = parseIsoTime(now)->utcMs;
            for (int i = 0; i < answers; ++i) {
                ReviewRecord r;
                r.deckId = "attachment-guide";
                r.cardId = kCards[(given + static_cast<std::size_t>(i)) % 4];
                r.utcMs = at + i * 40'000;
                r.utcOffsetSeconds = parseIsoTime(now)->utcOffsetSeconds;
                r.rating = attune::scheduler::Rating::Good;
                r.durationMs = 4000;
                r.kind = ReviewKind::Learn;
                REQUIRE(opened.profile.append(r).ok);
            }
            REQUIRE(opened.profile.close().ok);
        });
        given += static_cast<std::size_t>(answers);
    }

    // The sync tool: the files `from` changed since they were last carried reach `to`.
    void sync(const Computer& from, const Computer& to) const {
        for (const auto& [file, bytes] : filesOf(from.folder)) {
            const auto who = writers.find(file);
            if (who == writers.end() || who->second.count(from.name) == 0) continue;
            const fs::path target = to.folder / file;
            if (fs::exists(target) && readAll(target) == bytes) continue;
            fs::create_directories(target.parent_path());
            writeAll(target, bytes);
        }
    }

    Run stats(const Computer& c, const std::string& now) const {
        return scratch.attune("stats --json --profile " + shellQuoted(c.folder) + " --deck " + shellQuoted(kCourse), now,
                              "XDG_STATE_HOME=" + shellQuoted(c.state));
    }

    // Both computers see the same: the same stats at the same moment, every answer counted once.
    void agree(const std::string& now, std::size_t answers) const {
        const Run onA = stats(a, now);
        const Run onB = stats(b, now);
        INFO(onA.err << onB.err);
        REQUIRE(onA.exitCode == 0);
        REQUIRE(onB.exitCode == 0);
        INFO(onA.out);
        CHECK(onA.out == onB.out);
        CHECK(jsonNumber(onA.out, "reviews_total") == static_cast<long long>(answers));
    }
};

// Sets the one clock (ATTUNE_NOW) for a scope.
struct ScopedNow {
    explicit ScopedNow(const char* iso) { ::setenv("ATTUNE_NOW", iso, 1); }
    ~ScopedNow() { ::unsetenv("ATTUNE_NOW"); }
    ScopedNow(const ScopedNow&) = delete;
    ScopedNow& operator=(const ScopedNow&) = delete;
};

std::string deviceFolderOf(const Computer& c) {
    for (const auto& entry : fs::directory_iterator(c.folder / "log"))
        if (entry.is_directory() && readAll(c.state / "attune" / "device.toml").find(entry.path().filename().string()) !=
                                        std::string::npos)
            return entry.path().filename().string();
    return {};
}

}  // namespace

TEST_CASE("two computers - a synced folder: late, torn and conflicting copies, clocks apart, a week offline") {
    World w;
    // A makes the profile; the sync tool brings it to B.
    w.study(w.a, "2026-11-20T09:00:00+01:00", 3);
    w.sync(w.a, w.b);
    w.agree("2026-11-20T12:00:00Z", 3);

    // B's clock is five hours behind A's; its answers reach A later.
    w.study(w.b, "2026-11-20T04:30:00-05:00", 2);
    CHECK(jsonNumber(w.stats(w.a, "2026-11-20T12:00:00Z").out, "reviews_total") == 3);  // not arrived yet
    w.sync(w.b, w.a);
    w.agree("2026-11-20T12:00:00Z", 5);

    // A's month file reaches B in two pieces: half a line first.
    w.study(w.a, "2026-11-21T09:00:00+01:00", 2);
    const std::string ownA = deviceFolderOf(w.a);
    REQUIRE_FALSE(ownA.empty());
    const std::string monthA = "log/" + ownA + "/2026-11.toml";
    const std::string whole = readAll(w.a.folder / monthA);
    const std::size_t cut = whole.size() - 30;  // in the middle of the last line
    writeAll(w.b.folder / monthA, whole.substr(0, cut));
    {
        const Run partly = w.stats(w.b, "2026-11-21T12:00:00Z");
        INFO(partly.err);
        CHECK(partly.exitCode == 0);
        CHECK(jsonNumber(partly.out, "reviews_total") == 6);  // the whole lines so far
        CHECK(partly.err.find("not whole yet") != std::string::npos);
    }
    // B goes on studying meanwhile: another computer's half line never makes the profile read-only.
    w.study(w.b, "2026-11-21T05:00:00-05:00", 1);
    CHECK(readAll(w.b.folder / monthA) == whole.substr(0, cut));  // and B never touched A's file
    writeAll(w.b.folder / monthA, whole);
    w.sync(w.b, w.a);
    w.agree("2026-11-21T12:00:00Z", 8);

    // The sync tool leaves a conflicting copy and a half-written temporary file in B's folder.
    writeAll(w.b.folder / "log" / ownA / "2026-11.sync-conflict-20261121-101010-ABCDEFG.toml", "garbage = = \n");
    writeAll(w.b.folder / "log" / ownA / ".syncthing.2026-11.toml.tmp", whole.substr(0, 40));
    writeAll(w.b.folder / "log" / "2026-11 (A's conflicted copy 2026-11-21).toml", "[reviews\n");
    {
        const Run withCopies = w.stats(w.b, "2026-11-21T12:00:00Z");
        INFO(withCopies.err);
        CHECK(withCopies.exitCode == 0);
        CHECK(withCopies.err.find("sync-conflict") != std::string::npos);
        CHECK(withCopies.err.find("error") == std::string::npos);
        const Run check = w.scratch.attune("profile check --profile " + shellQuoted(w.b.folder), "2026-11-21T12:00:00Z",
                                           "XDG_STATE_HOME=" + shellQuoted(w.b.state));
        CHECK(check.exitCode == 0);
    }
    w.study(w.b, "2026-11-21T06:00:00-05:00", 1);  // still writable
    w.sync(w.b, w.a);
    w.agree("2026-11-21T12:00:00Z", 9);

    // B is offline for a week and studies every day; A studies too; then they meet again.
    for (int day = 22; day <= 28; ++day) {
        w.study(w.b, "2026-11-" + std::to_string(day) + "T07:00:00-05:00", 2);
        if (day % 2 == 0) w.study(w.a, "2026-11-" + std::to_string(day) + "T20:00:00+01:00", 1);
    }
    CHECK(jsonNumber(w.stats(w.a, "2026-11-29T12:00:00Z").out, "reviews_total") == 9 + 4);
    w.sync(w.a, w.b);
    w.sync(w.b, w.a);
    w.agree("2026-11-29T12:00:00Z", 9 + 14 + 4);
    CHECK(w.given == 27);
    // Each computer's answers are in its own folder; the writers' check above ran after every step.
    CHECK(w.writers.at(monthA) == std::set<std::string>{"A"});
}

TEST_CASE("two computers - a setting changed on both: the latest change wins on each") {
    Scratch scratch("attune-two-settings");
    const fs::path folder = scratch.root / "profile";  // one folder, as on a shared drive
    const auto openAs = [&](const char* state, const char* now) {
        ProfileOpenOptions options;
        options.localState = scratch.root / state;
        options.now = parseIsoTime(now);
        options.dailyBackup = false;
        return Profile::open(folder, options);
    };
    auto a = openAs("a", "2026-11-20T09:00:00Z");
    auto b = openAs("b", "2026-11-20T09:00:00Z");
    // Two computers never wait for each other's lock.
    REQUIRE_FALSE(a.profile.readOnly());
    REQUIRE_FALSE(b.profile.readOnly());
    REQUIRE(a.profile.device().id != b.profile.device().id);
    // A third Attune on computer A does wait: it opens read-only.
    CHECK(openAs("a", "2026-11-20T09:00:00Z").profile.readOnly());

    Settings onA = a.profile.settings();
    onA.desiredRetention = 0.85;
    onA.dailyGoalXp = 120;
    {
        const ScopedNow clock("2026-11-20T10:00:00Z");
        REQUIRE(a.profile.saveSettings(onA).ok);
    }
    Settings onB = b.profile.settings();
    onB.desiredRetention = 0.80;
    {
        const ScopedNow clock("2026-11-20T11:00:00Z");
        REQUIRE(b.profile.saveSettings(onB).ok);
    }
    CHECK(a.profile.close().ok);
    CHECK(b.profile.close().ok);
    for (const char* who : {"a", "b"}) {
        INFO(who);
        auto again = openAs(who, "2026-11-20T12:00:00Z");
        CHECK(again.diagnostics.empty());
        CHECK(again.profile.settings().desiredRetention == Approx(0.80));  // B's change is the later one
        CHECK(again.profile.settings().dailyGoalXp == 120);               // only A changed it
    }
    // Each computer wrote only its own settings file; profile.toml was written once, when made.
    std::size_t settingsFiles = 0;
    for (const auto& entry : fs::directory_iterator(folder / "settings")) {
        CHECK(entry.path().filename().string().size() == 32 + 5);
        ++settingsFiles;
    }
    CHECK(settingsFiles == 2);
}

TEST_CASE("two computers - a profile of the older layout (log/YYYY-MM.toml) moves to devices by itself") {
    World w;
    // Written as Attune wrote it before computers had their own files: schema 1, one flat log.
    const std::string oldProfile = "schema_version = 1\nfreezes = 0\n\n[settings]\ndaily_goal_xp = 70\n";
    const std::string oldLog =
        "schema_version = 1\n[reviews]\n"
        "r000001 = { card = \"puzzle-trust\", deck = \"attachment-guide\", at = 2026-11-18T09:00:00Z, rating = 3, ms = 4000, kind = \"learn\" }\n"
        "r000002 = { card = \"brain-persist\", deck = \"attachment-guide\", at = 2026-11-18T09:01:00Z, rating = 3, ms = 4000, kind = \"learn\" }\n";
    for (const Computer* c : {&w.a, &w.b}) {
        writeAll(c->folder / "profile.toml", oldProfile);
        writeAll(c->folder / "log" / "2026-11.toml", oldLog);
    }
    w.given = 2;
    w.study(w.a, "2026-11-20T09:00:00+01:00", 1);
    // The old file stays as it was and is still read; the new answer is in A's own folder.
    CHECK(readAll(w.a.folder / "log" / "2026-11.toml") == oldLog);
    CHECK(readAll(w.a.folder / "profile.toml").find("schema_version = 2") != std::string::npos);
    CHECK(w.writers.count("log/2026-11.toml") == 0);
    // A backup of the folder as it was came first, on A only.
    bool backedUp = false;
    for (const auto& entry : fs::recursive_directory_iterator(w.a.state / "attune" / "backups"))
        backedUp = backedUp || (entry.path().filename() == "profile.toml" &&
                                entry.path().parent_path().filename().string().ends_with("-before-migration") &&
                                readAll(entry.path()) == oldProfile);
    CHECK(backedUp);
    w.sync(w.a, w.b);
    w.agree("2026-11-20T12:00:00Z", 3);
    w.study(w.b, "2026-11-20T05:00:00-05:00", 1);
    w.sync(w.b, w.a);
    w.agree("2026-11-20T12:00:00Z", 4);
    ProfileOpenOptions look;
    look.readOnly = true;
    look.localState = w.b.state / "attune";
    CHECK(Profile::open(w.b.folder, look).profile.settings().dailyGoalXp == 70);
}
