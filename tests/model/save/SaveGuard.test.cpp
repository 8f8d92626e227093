// Save files with a stray non-ASCII byte where TOML allows none: TOML++ 3.3.0 would reach
// __builtin_unreachable() on many of them, so the loaders refuse them first with file:line:col,
// open the profile read-only and leave every file as it was. Text inside strings and comments
// may be any UTF-8.
#include "DataHome.hpp"
#include "OwnLog.hpp"
#include "TempDir.hpp"
#include "FileText.hpp"
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/save/ProfileFile.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace attune::model;
namespace fs = std::filesystem;
using attune::testing::TempDir;
using attune::testing::DataHome;
using attune::testing::readAll;
using attune::testing::writeAll;

namespace {

ReviewRecord answer(const std::string& card, std::int64_t minute) {
    ReviewRecord r;
    r.deckId = "attachment-basics";
    r.cardId = card;
    r.utcMs = parseIsoTime("2026-11-20T10:00:00Z")->utcMs + minute * 60000;
    r.utcOffsetSeconds = 0;
    r.rating = attune::scheduler::Rating::Good;
    r.durationMs = 4000;
    r.kind = ReviewKind::Review;
    return r;
}

// One stray character and where it must be reported.
struct Stray {
    const char* what;
    std::string line;  // the line that holds it
    int column;
    const char* message;  // a part of the expected message
};

// The bytes: the deck fuzzer's finds (tests/data/decks/fuzz-regressions: U+018E in a [[header]],
// U+FEED after a glued quote) that make TOML++ 3.3.0 reach __builtin_unreachable() (checked with
// its instrumented build under UBSan; U+018E after a key or a value does too), and invisible
// characters an editor or a file sync might leave between tokens, which must be named (U+00A0)
// to be found at all.
std::vector<Stray> profileStrays() {
    return {
        {"no-break space between tokens", "freezes =\xC2\xA0" "2", 10, "U+00A0"},
        {"line separator after a value", "freezes = 2\xE2\x80\xA8", 12, "U+2028"},
        {"zero-width space before a key", "\xE2\x80\x8B" "freezes = 2", 1, "U+200B"},
        {"lone 0xFF byte", "freezes = \xFF" "2", 11, "invalid UTF-8 (byte 0xFF)"},
        {"cut-off UTF-8 sequence", "freezes = 2 \xE2\x80", 13, "invalid UTF-8 (byte 0xE2)"},
        {"non-ASCII header from the deck fuzzer", "[[\xC6\x8E" "9]]", 3, "U+018E"},
        {"glued quote from the deck fuzzer", "freezes =2\"bro\xEF\xBB\xAD" "k10\"", 11, "a quote right after a value"},
        {"non-ASCII quoted key", "\"caf\xC3\xA9\" = 1", 1, "a key may only use ASCII"},
    };
}

}  // namespace

TEST_CASE("save guard - a stray character in profile.toml is an error at its line and column and nothing changes") {
    for (const Stray& stray : profileStrays()) {
        INFO(stray.what);
        TempDir tmp;
        DataHome home(tmp.path / "data");
        const fs::path dir = tmp.path / "profile";
        const std::string damaged = "# Attune profile\nschema_version = 1\n" + stray.line + "\n[settings]\ntheme = \"dark\"\n";
        writeAll(dir / "profile.toml", damaged);
        {
            auto opened = Profile::open(dir);
            REQUIRE(hasErrors(opened.diagnostics));
            const Diagnostic& error = opened.diagnostics.front();
            CHECK(error.file == (dir / "profile.toml").string());
            CHECK(error.line == 3);
            CHECK(error.column == stray.column);
            CHECK(error.message.find(stray.message) != std::string::npos);
            CHECK(error.message.find("attune profile restore") != std::string::npos);
            CHECK(error.format().find(error.file + ":3:" + std::to_string(stray.column) + ": error: ") == 0);
            CHECK(opened.profile.readOnly());
            CHECK_FALSE(opened.profile.saveFreezes(3).ok);
            CHECK_FALSE(opened.profile.append(answer("a", 0)).ok);
            CHECK_FALSE(opened.profile.close().ok);
        }
        CHECK(readAll(dir / "profile.toml") == damaged);
        CHECK_FALSE(fs::exists(dir / "log"));
        CHECK_FALSE(fs::exists(attune::testing::backupsOf(dir)));
    }
}

TEST_CASE("save guard - a stray character in a month file is an error at its line and column and nothing changes") {
    const std::string good1 = "r000001 = { card = \"a\", deck = \"attachment-basics\", at = 2026-11-20T10:00:00Z, "
                              "rating = 3, ms = 4000, kind = \"review\" }";
    const std::string good3 = "r000003 = { card = \"c\", deck = \"attachment-basics\", at = 2026-11-20T10:02:00Z, "
                              "rating = 3, ms = 4000, kind = \"review\" }";
    // Line 4, between them: the review r000002 with one stray character.
    const std::string key = "r000002";
    const std::string fields = "card = \"b\", deck = \"d\", at = 2026-11-20T10:01:00Z, rating =";  // to column 71
    const std::vector<Stray> strays = {
        {"no-break space inside the inline table", key + " = {\xC2\xA0" + fields + " 3 }", 12, "U+00A0"},
        {"line separator after the rating", key + " = { " + fields + " 3\xE2\x80\xA8 }", 74, "U+2028"},
        {"non-ASCII letter glued to the rating", key + " = { " + fields + " 3\xC6\x8E }", 74, "U+018E"},
        {"non-ASCII letter glued to the key", key + "\xC6\x8E = { " + fields + " 3 }", 8, "U+018E"},
        {"glued quote with U+FEED", key + " = { " + fields + "3\"\xEF\xBB\xAD\" }", 73, "a quote right after a value"},
        {"lone 0xFF byte before the key", "\xFF" + key + " = { " + fields + " 3 }", 1, "invalid UTF-8 (byte 0xFF)"},
        {"non-ASCII quoted key in the table", key + " = { \"c\xC3\xA1rd\" = \"b\", deck = \"d\", rating = 3 }", 13,
         "a key may only use ASCII"},
    };
    for (const Stray& stray : strays) {
        INFO(stray.what);
        TempDir tmp;
        DataHome home(tmp.path / "data");
        const fs::path dir = tmp.path / "profile";
        {
            ProfileOpenOptions options;
            options.dailyBackup = false;
            auto created = Profile::open(dir, options);
            REQUIRE(created.profile.append(answer("a", 0)).ok);
            CHECK(created.profile.close().ok);
        }
        const std::string profileBefore = readAll(dir / "profile.toml");
        const fs::path month = attune::testing::ownLog(dir) / "2026-11.toml";
        REQUIRE(fs::exists(month));
        const std::string damaged = "schema_version = 1\n[reviews]\n" + good1 + "\n" + stray.line + "\n" + good3 + "\n";
        writeAll(month, damaged);

        const reviewlog::MonthFile parsed = reviewlog::parseMonthFile(damaged, month.string());
        CHECK(parsed.damaged);
        CHECK_FALSE(parsed.tornTail.has_value());
        {
            auto opened = Profile::open(dir);
            REQUIRE(hasErrors(opened.diagnostics));
            const Diagnostic& error = opened.diagnostics.front();
            CHECK(error.file == month.string());
            CHECK(error.line == 4);
            CHECK(error.column == stray.column);
            CHECK(error.message.find(stray.message) != std::string::npos);
            CHECK(error.message.find("Attune will not write to this file") != std::string::npos);
            CHECK(error.format().find(month.string() + ":4:" + std::to_string(stray.column) + ": error: ") == 0);
            CHECK(opened.profile.readOnly());
            CHECK_FALSE(opened.profile.append(answer("d", 5)).ok);
            CHECK_FALSE(opened.profile.close().ok);
        }
        CHECK(readAll(month) == damaged);
        CHECK(readAll(dir / "profile.toml") == profileBefore);
        CHECK_FALSE(fs::exists(attune::testing::backupsOf(dir)));
    }
}

TEST_CASE("save guard - UTF-8 inside strings and comments of profile.toml still loads") {
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";
    const std::string text = "# Profil von Zo\xC3\xAB \xE2\x80\x94 caf\xC3\xA9\nschema_version = 1\nfreezes = 2 # \xE2\x9D\x84\n\n"
                             "[settings]\ntheme = \"dunkel \xC3\xBC \xE2\x80\xA8 \xF0\x9F\x8C\x99\"\nsound = false\n";
    const profilefile::ProfileFileRead read = profilefile::parseProfileFile(text, "profile.toml");
    CHECK_FALSE(read.damaged);
    CHECK(read.data.freezes == 2);
    CHECK_FALSE(read.data.settings.sound);
    // The unknown theme comes back in the warning exactly as written: the string was read.
    REQUIRE(read.diagnostics.size() == 1);
    CHECK(read.diagnostics[0].severity == Diagnostic::Severity::Warning);
    CHECK(read.diagnostics[0].message.find("\"dunkel \xC3\xBC \xE2\x80\xA8 \xF0\x9F\x8C\x99\"") != std::string::npos);

    writeAll(dir / "profile.toml", text);
    auto opened = Profile::open(dir);
    CHECK_FALSE(hasErrors(opened.diagnostics));
    CHECK_FALSE(opened.profile.readOnly());
    CHECK(opened.profile.append(answer("a", 0)).ok);
}

TEST_CASE("save guard - UTF-8 inside strings and comments of a hand-edited month file still loads") {
    // Other spacing than Attune writes: the fast reader passes the file to TOML++.
    const std::string text = "# M\xC3\xA4rz \xE2\x80\x94 von Hand\nschema_version = 1\n[reviews]\n"
                             "r000001 = {card=\"caf\xC3\xA9-\xE2\x80\xA8\",deck=\"d\xC3\xA9\",at=2026-11-20T10:00:00+01:00,rating=3}  # \xF0\x9F\x91\x8D\n";
    const reviewlog::MonthFile parsed = reviewlog::parseMonthFile(text, "2026-11.toml");
    CHECK_FALSE(parsed.damaged);
    CHECK_FALSE(hasErrors(parsed.diagnostics));
    REQUIRE(parsed.reviews.size() == 1);
    CHECK(parsed.reviews[0].cardId == "caf\xC3\xA9-\xE2\x80\xA8");
    CHECK(parsed.reviews[0].deckId == "d\xC3\xA9");
    CHECK(parsed.reviews[0].utcOffsetSeconds == 3600);
}

TEST_CASE("save guard - a stray character in an achievements file is an error at its line and column") {
    const std::string text = "[[achievement]]\nid = \"first\"\ntitle =\xC2\xA0\"First\"\n";
    const AchievementsLoadResult result = parseAchievements(text, "achievements.toml");
    CHECK(result.definitions.empty());
    REQUIRE(result.diagnostics.size() == 1);
    const Diagnostic& error = result.diagnostics[0];
    CHECK(error.severity == Diagnostic::Severity::Error);
    CHECK(error.line == 3);
    CHECK(error.column == 8);
    CHECK(error.message.find("U+00A0") != std::string::npos);
}

TEST_CASE("save guard - the save fuzzer's find: a broken escape hiding non-ASCII in a glued string is refused") {
    // libFuzzer's crash input (TOML++ reached __builtin_unreachable() on U+FBFB after "\u"):
    // '9' then a control character, then a quote glued to the value.
    const std::string found("\nh.er= 9\x01\"\x15\x00" "e\\u\xEF\xAF\xBB" "0r= =\x01\"\x15\x00-x", 29);
    const std::string small = "freezes = 9\"\\u\xEF\xAF\xBB" "0\"\n";
    struct Case {
        const std::string* text;
        int line;
        int column;
    };
    for (const Case& c : {Case{&found, 2, 9}, Case{&small, 1, 12}}) {
        const profilefile::ProfileFileRead profile = profilefile::parseProfileFile(*c.text, "profile.toml");
        CHECK(profile.damaged);
        REQUIRE(profile.diagnostics.size() == 1);
        CHECK(profile.diagnostics[0].line == c.line);
        CHECK(profile.diagnostics[0].column == c.column);
        CHECK(profile.diagnostics[0].message.find("a quote right after a value") != std::string::npos);

        const reviewlog::MonthFile month = reviewlog::parseMonthFile(*c.text + "\n", "2026-11.toml");
        CHECK(month.damaged);
        REQUIRE_FALSE(month.diagnostics.empty());
        CHECK(month.diagnostics[0].line == c.line);
        CHECK(month.diagnostics[0].column == c.column);
        CHECK(month.diagnostics[0].message.find("a quote right after a value") != std::string::npos);
    }
}

TEST_CASE("save guard - the save fuzzer's find: a huge float where a whole number belongs is an error") {
    // TOML++'s value<std::int64_t>() cast 1.3e19 to int64 before checking its range (undefined
    // behaviour under UBSan); the loaders check the range themselves.
    const std::string month = "schema_version = 13333333333333333333.333333\n[reviews]\n";
    const reviewlog::MonthFile parsed = reviewlog::parseMonthFile(month, "2026-11.toml");
    CHECK(parsed.damaged);
    REQUIRE_FALSE(parsed.diagnostics.empty());
    CHECK(parsed.diagnostics[0].line == 1);
    CHECK(parsed.diagnostics[0].message.find("schema_version must be a whole number") != std::string::npos);

    const std::string rating = "schema_version = 1\n[reviews]\nr000001 = { card = \"a\", deck = \"d\", "
                               "at = 2026-11-20T10:00:00Z, rating = 3, ms = -1.0e300 }\n";
    const reviewlog::MonthFile bad = reviewlog::parseMonthFile(rating, "2026-11.toml");
    CHECK(bad.damaged);
    REQUIRE_FALSE(bad.diagnostics.empty());
    CHECK(bad.diagnostics[0].message.find("ms must be a whole number") != std::string::npos);
    // A float with a whole value still counts, as before.
    const std::string whole = "schema_version = 1\n[reviews]\nr000001 = { card = \"a\", deck = \"d\", "
                              "at = 2026-11-20T10:00:00Z, rating = 3.0, ms = 1500.0 }\n";
    const reviewlog::MonthFile fine = reviewlog::parseMonthFile(whole, "2026-11.toml");
    CHECK_FALSE(fine.damaged);
    REQUIRE(fine.reviews.size() == 1);
    CHECK(fine.reviews[0].durationMs == 1500);
}

TEST_CASE("save guard - a dotted key of 50000 parts is refused before TOML++ recurses through it") {
    // TOML++ 3.3.0 nests a table per part and frees them recursively: the stack overflowed.
    std::string deepKey = "a";
    for (int i = 1; i < 50000; ++i) deepKey += ".a";
    TempDir tmp;
    DataHome home(tmp.path / "data");
    const fs::path dir = tmp.path / "profile";

    SECTION("in profile.toml") {
        const std::string damaged = "schema_version = 1\nfreezes = 2\n" + deepKey + " = 1\n";
        const profilefile::ProfileFileRead read = profilefile::parseProfileFile(damaged, "profile.toml");
        CHECK(read.damaged);
        REQUIRE(read.diagnostics.size() == 1);
        CHECK(read.diagnostics[0].format().find("profile.toml:3:1: error: this key nests tables more than 64 levels deep") == 0);

        writeAll(dir / "profile.toml", damaged);
        {
            auto opened = Profile::open(dir);
            REQUIRE(hasErrors(opened.diagnostics));
            CHECK(opened.diagnostics.front().line == 3);
            CHECK(opened.profile.readOnly());
            CHECK(opened.profile.close().ok);
        }
        CHECK(readAll(dir / "profile.toml") == damaged);
    }
    SECTION("as a [table] header in profile.toml") {
        const std::string damaged = "schema_version = 1\n[" + deepKey + "]\n";
        const profilefile::ProfileFileRead read = profilefile::parseProfileFile(damaged, "profile.toml");
        CHECK(read.damaged);
        REQUIRE(read.diagnostics.size() == 1);
        CHECK(read.diagnostics[0].line == 2);
        CHECK(read.diagnostics[0].column == 2);
        CHECK(read.diagnostics[0].message.find("more than 64 levels deep") != std::string::npos);
    }
    SECTION("in a month file, also inside a review's inline table") {
        for (const std::string& line : {deepKey + " = 1", "r000002 = { card = \"b\", " + deepKey + " = 3 }"}) {
            const std::string damaged = "schema_version = 1\n[reviews]\n" + line + "\n";
            const reviewlog::MonthFile parsed = reviewlog::parseMonthFile(damaged, "2026-11.toml");
            CHECK(parsed.damaged);
            REQUIRE_FALSE(parsed.diagnostics.empty());
            CHECK(parsed.diagnostics[0].line == 3);
            CHECK(parsed.diagnostics[0].message.find("this key nests tables more than 64 levels deep") != std::string::npos);
        }
        {
            ProfileOpenOptions options;
            options.dailyBackup = false;
            auto created = Profile::open(dir, options);
            REQUIRE(created.profile.append(answer("a", 0)).ok);
            CHECK(created.profile.close().ok);
        }
        const fs::path month = attune::testing::ownLog(dir) / "2026-11.toml";
        const std::string damaged = readAll(month) + deepKey + " = 1\n";
        writeAll(month, damaged);
        {
            auto opened = Profile::open(dir);
            REQUIRE(hasErrors(opened.diagnostics));
            CHECK(opened.diagnostics.front().file == month.string());
            CHECK(opened.diagnostics.front().message.find("more than 64 levels deep") != std::string::npos);
            CHECK(opened.profile.readOnly());
            CHECK(opened.profile.close().ok);
        }
        CHECK(readAll(month) == damaged);
    }
}
