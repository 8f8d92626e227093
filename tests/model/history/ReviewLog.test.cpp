// The review log's month-file format: each line valid TOML, the fast reader, the fallback.
#include "catch.hpp"

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewLog.hpp>

#include <toml++/toml.h>

using namespace attune::model;
namespace rl = attune::model::reviewlog;

namespace {

ReviewRecord sample(std::string card, const char* iso, int rating = 3) {
    ReviewRecord r;
    r.deckId = "attachment-basics";
    r.cardId = std::move(card);
    const auto at = parseIsoTime(iso);
    REQUIRE(at);
    r.utcMs = at->utcMs;
    r.utcOffsetSeconds = at->utcOffsetSeconds;
    r.rating = static_cast<attune::scheduler::Rating>(rating);
    r.durationMs = 5400;
    r.kind = ReviewKind::Review;
    return r;
}

bool sameRecord(const ReviewRecord& a, const ReviewRecord& b) {
    return a.deckId == b.deckId && a.cardId == b.cardId && a.utcMs == b.utcMs &&
           a.utcOffsetSeconds == b.utcOffsetSeconds && a.rating == b.rating && a.durationMs == b.durationMs &&
           a.kind == b.kind && a.scheduledDays == b.scheduledDays;
}

}  // namespace

TEST_CASE("review log - a written line reads back exactly") {
    const ReviewRecord original = sample("secure-base#reverse", "2026-11-27T14:36:45.123+09:00", 4);
    const std::string file = rl::fileHeader() + rl::formatLine(original, 7);
    const rl::MonthFile read = rl::parseMonthFile(file, "2026-11.toml");
    REQUIRE(read.diagnostics.empty());
    REQUIRE(read.reviews.size() == 1);
    CHECK(sameRecord(read.reviews[0], original));
    CHECK(read.nextIndex == 8);
    CHECK_FALSE(read.tornTail);
}

TEST_CASE("review log - the interval given is kept as days, read by the fast reader and by TOML++ alike") {
    ReviewRecord given = sample("secure-base", "2026-11-27T14:36:45.123+09:00", 3);
    given.scheduledDays = 12;
    const std::string line = rl::formatLine(given, 3);
    CHECK(line.find(", kind = \"review\", days = 12 }") != std::string::npos);
    const rl::MonthFile fast = rl::parseMonthFile(rl::fileHeader() + line, "2026-11.toml");
    REQUIRE(fast.reviews.size() == 1);
    CHECK(sameRecord(fast.reviews[0], given));
    // The same line with other spacing goes through TOML++: the days still come back.
    std::string spaced = line;
    spaced.replace(spaced.find(", days = 12"), 11, ",days=12");
    const rl::MonthFile slow = rl::parseMonthFile(rl::fileHeader() + spaced, "2026-11.toml");
    REQUIRE(slow.diagnostics.empty());
    REQUIRE(slow.reviews.size() == 1);
    CHECK(sameRecord(slow.reviews[0], given));
    // Not recorded (a learning step): no days on the line, 0 read back.
    const ReviewRecord step = sample("secure-base", "2026-11-27T14:40:00+09:00", 3);
    CHECK(rl::formatLine(step, 4).find("days") == std::string::npos);
    // A days value that is not a whole number of days from 1 on is damage, with its place.
    std::string bad = line;
    bad.replace(bad.find("days = 12"), 9, "days = -3");
    const rl::MonthFile damaged = rl::parseMonthFile(rl::fileHeader() + bad, "2026-11.toml");
    REQUIRE_FALSE(damaged.diagnostics.empty());
    CHECK(damaged.diagnostics.front().format().find("days must be a whole number of days") != std::string::npos);
    CHECK(damaged.reviews.empty());
}

TEST_CASE("review log - each line is valid TOML on its own with the offset time") {
    ReviewRecord r = sample("quote\"and\\slash", "2026-11-27T14:36:45.5-03:30", 1);
    r.kind = ReviewKind::Relearn;
    const std::string line = rl::formatLine(r, 123);
    CHECK(line.rfind("r000123 = { card = ", 0) == 0);
    CHECK(std::count(line.begin(), line.end(), '\n') == 1);
    toml::table t = toml::parse(line);
    const toml::table* entry = t["r000123"].as_table();
    REQUIRE(entry != nullptr);
    CHECK((*entry)["card"].value<std::string>() == "quote\"and\\slash");
    CHECK((*entry)["deck"].value<std::string>() == "attachment-basics");
    CHECK((*entry)["rating"].value<int>() == 1);
    CHECK((*entry)["ms"].value<int>() == 5400);
    CHECK((*entry)["kind"].value<std::string>() == "relearn");
    const auto at = (*entry)["at"].value<toml::date_time>();
    REQUIRE(at);
    REQUIRE(at->offset);
    CHECK(at->offset->minutes == -210);
    CHECK(at->time.hour == 14);
    CHECK(at->time.nanosecond == 500000000);
}

TEST_CASE("review log - a control character in an id survives through the TOML fallback") {
    const ReviewRecord original = sample("tab\there", "2026-11-27T14:36:45Z");
    const std::string file = rl::fileHeader() + rl::formatLine(original, 1);
    const rl::MonthFile read = rl::parseMonthFile(file, "2026-11.toml");
    REQUIRE_FALSE(read.damaged);
    REQUIRE(read.reviews.size() == 1);
    CHECK(sameRecord(read.reviews[0], original));
}

TEST_CASE("review log - a hand-edited file with other spacing still loads through TOML++") {
    const std::string file =
        "schema_version = 1\n"
        "[reviews]\n"
        "r000002={card=\"b\",deck=\"d\",at=2026-11-27T10:00:00Z,rating=2,ms=10,kind=\"learn\"}\n"
        "r000001 = { card = 'a', deck = 'd', at = 2026-11-27T09:00:00+01:00, rating = 3 }\n";
    const rl::MonthFile read = rl::parseMonthFile(file, "2026-11.toml");
    REQUIRE_FALSE(read.damaged);
    REQUIRE(read.reviews.size() == 2);
    CHECK(read.reviews[0].cardId == "a");  // time order, not key order
    CHECK(read.reviews[0].utcOffsetSeconds == 3600);
    CHECK(read.reviews[0].kind == ReviewKind::Review);
    CHECK(read.reviews[1].cardId == "b");
    CHECK(read.reviews[1].kind == ReviewKind::Learn);
    CHECK(read.nextIndex == 3);
}

TEST_CASE("review log - a damaged line gives file line and column and marks the file damaged") {
    const std::string file = rl::fileHeader() + rl::formatLine(sample("a", "2026-11-27T10:00:00Z"), 1) +
                             "r000002 = { card = \"b\", deck = \"d\", at = 2026-11-27T10:00:00Z, rating = ,\n" +
                             rl::formatLine(sample("c", "2026-11-27T11:00:00Z"), 3);
    const rl::MonthFile read = rl::parseMonthFile(file, "log/2026-11.toml");
    CHECK(read.damaged);
    REQUIRE(hasErrors(read.diagnostics));
    const Diagnostic& d = read.diagnostics.front();
    CHECK(d.file == "log/2026-11.toml");
    CHECK(d.line == 4);
    CHECK(d.column > 0);
    CHECK(d.format().find("log/2026-11.toml:4:") == 0);
    CHECK(d.message.find("will not write") != std::string::npos);
    CHECK(read.reviews.size() == 2);  // what can be read is shown
}

TEST_CASE("review log - a wrong rating is an error at its position") {
    const std::string file = "schema_version = 1\n[reviews]\n"
                             "r1 = { card = \"a\", deck = \"d\", at = 2026-11-27T10:00:00Z, rating = 7 }\n";
    const rl::MonthFile read = rl::parseMonthFile(file, "m.toml");
    CHECK(read.damaged);
    REQUIRE(hasErrors(read.diagnostics));
    CHECK(read.diagnostics.front().line == 3);
    CHECK(read.diagnostics.front().message.find("rating") != std::string::npos);
}

TEST_CASE("review log - a cut-off last line is reported as torn and the rest loads") {
    const std::string whole = rl::fileHeader() + rl::formatLine(sample("a", "2026-11-27T10:00:00Z"), 1);
    const std::string torn = rl::formatLine(sample("b", "2026-11-27T11:00:00Z"), 2).substr(0, 40);
    const rl::MonthFile read = rl::parseMonthFile(whole + torn, "m.toml");
    CHECK_FALSE(read.damaged);
    REQUIRE(read.tornTail);
    CHECK(*read.tornTail == torn);
    CHECK(read.tornOffset == whole.size());
    CHECK(read.tornLine == 4);
    REQUIRE(read.reviews.size() == 1);
    CHECK(read.reviews[0].cardId == "a");
}

TEST_CASE("review log - a whole last line without its newline is not torn") {
    const std::string file = rl::fileHeader() + rl::formatLine(sample("a", "2026-11-27T10:00:00Z"), 1);
    const rl::MonthFile read = rl::parseMonthFile(file.substr(0, file.size() - 1), "m.toml");
    CHECK_FALSE(read.tornTail);
    CHECK(read.missingFinalNewline);
    CHECK(read.reviews.size() == 1);
}

TEST_CASE("review log - a newer schema is recognised and not read") {
    const std::string file = "schema_version = 2\n[reviews]\nr1 = { whatever = true }\n";
    const rl::MonthFile read = rl::parseMonthFile(file, "m.toml");
    CHECK(read.newerSchema);
    CHECK(read.reviews.empty());
}

TEST_CASE("review log - the canonical month file does not depend on input order") {
    std::vector<ReviewRecord> a{sample("x", "2026-11-01T10:00:00Z"), sample("y", "2026-11-01T10:00:00Z"),
                                sample("z", "2026-11-02T10:00:00Z")};
    std::vector<ReviewRecord> b{a[2], a[1], a[0]};
    CHECK(rl::formatMonthFile(a) == rl::formatMonthFile(b));
    const rl::MonthFile read = rl::parseMonthFile(rl::formatMonthFile(b), "m.toml");
    REQUIRE(read.reviews.size() == 3);
    CHECK(read.reviews[0].cardId == "x");
    CHECK(read.reviews[2].cardId == "z");
}

TEST_CASE("review log - the month of a review is its UTC month") {
    CHECK(rl::monthOf(parseIsoTime("2026-12-01T08:30:00+09:00")->utcMs) == "2026-11");
    CHECK(rl::monthOf(parseIsoTime("2026-12-01T00:00:00Z")->utcMs) == "2026-12");
}

TEST_CASE("review log - a new month file cut inside its header is torn as a whole") {
    const std::string file = rl::fileHeader() + rl::formatLine(sample("a", "2026-11-27T10:00:00Z"), 1);
    const std::string cut = file.substr(0, 25);  // "schema_version = 1\n[revi"
    const rl::MonthFile read = rl::parseMonthFile(cut, "m.toml");
    REQUIRE(read.tornTail);
    CHECK(*read.tornTail == cut);
    CHECK(read.tornOffset == 0);
    CHECK(read.reviews.empty());
}

TEST_CASE("review log - card markers are written without rating and read back by the fast reader and TOML++") {
    for (const ReviewKind kind : {ReviewKind::Suspend, ReviewKind::Unsuspend, ReviewKind::Bury}) {
        ReviewRecord marker = sample("secure-base", "2026-11-27T14:36:45.123+09:00", 1);
        marker.kind = kind;
        marker.durationMs = 0;
        const std::string line = rl::formatLine(marker, 3);
        INFO(line);
        CHECK(line == std::string("r000003 = { card = \"secure-base\", deck = \"attachment-basics\", at = "
                                  "2026-11-27T14:36:45.123+09:00, kind = \"") + rl::kindName(kind) + "\" }\n");
        const rl::MonthFile fast = rl::parseMonthFile(rl::fileHeader() + line, "m.toml");
        REQUIRE(fast.diagnostics.empty());
        REQUIRE(fast.reviews.size() == 1);
        CHECK(sameRecord(fast.reviews[0], marker));
        // The same record with other spacing goes through TOML++ and reads the same.
        const std::string spaced = "schema_version = 1\n[reviews]\nr3 = {card=\"secure-base\", deck=\"attachment-basics\", "
                                   "at=2026-11-27T14:36:45.123+09:00, kind=\"" + std::string(rl::kindName(kind)) + "\"}\n";
        const rl::MonthFile general = rl::parseMonthFile(spaced, "m.toml");
        REQUIRE(general.diagnostics.empty());
        REQUIRE(general.reviews.size() == 1);
        CHECK(sameRecord(general.reviews[0], marker));
        CHECK(toml::parse(line).size() == 1);  // each line valid TOML on its own
    }
}

TEST_CASE("review log - a damaged card marker is an error at its place and the file is not written") {
    const auto damaged = [](const std::string& line) {
        const std::string file = rl::fileHeader() + "r000001 = { card = \"a\", deck = \"d\", at = 2026-11-27T10:00:00Z, kind = \"bury\" }\n" + line;
        return rl::parseMonthFile(file, "log/2026-11.toml");
    };
    SECTION("a marker with a rating") {
        const rl::MonthFile read =
            damaged("r000002 = { card = \"b\", deck = \"d\", at = 2026-11-27T10:00:00Z, rating = 3, kind = \"suspend\" }\n");
        CHECK(read.damaged);
        REQUIRE(hasErrors(read.diagnostics));
        const std::string message = read.diagnostics.front().format();
        CHECK(message.find("log/2026-11.toml:4:") == 0);
        CHECK(message.find("error: review 'r000002': kind = \"suspend\" marks a card and has no rating") != std::string::npos);
        CHECK(read.reviews.size() == 1);  // what can be read is shown (the profile opens read-only)
    }
    SECTION("an unknown kind") {
        const rl::MonthFile read = damaged("r000002 = { card = \"b\", deck = \"d\", at = 2026-11-27T10:00:00Z, kind = \"suspnd\" }\n");
        CHECK(read.damaged);
        REQUIRE(hasErrors(read.diagnostics));
        CHECK(read.diagnostics.front().line == 4);
        CHECK(read.diagnostics.front().message.find("\"suspend\", \"unsuspend\" or \"bury\"") != std::string::npos);
    }
    SECTION("a marker without a time offset") {
        const rl::MonthFile read = damaged("r000002 = { card = \"b\", deck = \"d\", at = 2026-11-27T10:00:00, kind = \"bury\" }\n");
        CHECK(read.damaged);
        REQUIRE(hasErrors(read.diagnostics));
        CHECK(read.diagnostics.front().line == 4);
    }
    SECTION("an answer without its rating is still an error") {
        const rl::MonthFile read = damaged("r000002 = { card = \"b\", deck = \"d\", at = 2026-11-27T10:00:00Z, kind = \"review\" }\n");
        CHECK(read.damaged);
        REQUIRE(hasErrors(read.diagnostics));
        CHECK(read.diagnostics.front().message.find("rating") != std::string::npos);
    }
}

TEST_CASE("review log - a card marker repeats only a marker of its own kind") {
    ReviewRecord suspend = sample("c", "2026-11-27T10:00:00Z", 1);
    suspend.kind = ReviewKind::Suspend;
    ReviewRecord unsuspend = suspend;
    unsuspend.kind = ReviewKind::Unsuspend;
    ReviewRecord answerAgain = suspend;
    answerAgain.kind = ReviewKind::Review;
    CHECK(rl::sameAnswer(suspend, suspend));
    CHECK_FALSE(rl::sameAnswer(suspend, unsuspend));
    CHECK_FALSE(rl::sameAnswer(suspend, answerAgain));
    ReviewRecord learn = answerAgain;
    learn.kind = ReviewKind::Learn;
    CHECK(rl::sameAnswer(answerAgain, learn));  // answers stay compared as before
}
