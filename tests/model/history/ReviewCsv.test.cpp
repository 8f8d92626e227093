// The review-history CSV reader: columns by name, every time format, grouping, diagnostics.
#include "catch.hpp"

#include <attune/model/history/ReviewCsv.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace attune::model;
using attune::scheduler::Rating;

namespace {

ReviewCsvResult parse(const std::string& text, const ReviewCsvOptions& options = {}) {
    return parseReviewCsv(text, "h.csv", options);
}

std::string firstError(const ReviewCsvResult& result) {
    REQUIRE_FALSE(result.diagnostics.empty());
    return result.diagnostics.front().format();
}

}  // namespace

TEST_CASE("review csv - reads the py-fsrs export layout") {
    const auto result = parse(
        "card_id,review_rating,review_time,review_duration\n"
        "1711684180217,1,2024-03-29T20:32:32.250000+00:00,25060\n"
        "1711684780667,3,2024-03-29T20:32:39.497000+00:00,7241\n"
        "1711684180217,3,2024-03-30T08:00:00+00:00,1000\n");
    REQUIRE(result.ok());
    const auto& h = result.history;
    REQUIRE(h.cardIds.size() == 2);
    CHECK(h.cardIds[0] == "1711684180217");
    CHECK(h.cardIds[1] == "1711684780667");
    REQUIRE(h.reviews.size() == 3);
    CHECK(h.reviews[0].card == 0);
    CHECK(h.reviews[0].rating == Rating::Again);
    CHECK(h.reviews[0].at.utcMs == 1711744352250);
    CHECK(h.reviews[0].durationMs == 25060);
    CHECK(h.reviews[0].state == -1);
    CHECK(h.reviews[0].line == 2);
    CHECK(h.reviews[2].card == 0);
    CHECK(h.reviews[2].rating == Rating::Good);
}

TEST_CASE("review csv - columns are found by name in any order and extra columns are ignored") {
    const auto result = parse(
        "note,Review_Time,review_state,card_id,review_rating\r\n"
        "x,1711744352250,2,abc,4\r\n"
        "\"a, quoted note\",2024-03-29T21:32:32+01:00,,\"abc\",2\r\n"
        "\n");
    REQUIRE(result.ok());
    const auto& r = result.history.reviews;
    REQUIRE(r.size() == 2);
    CHECK(r[0].at.utcMs == 1711744352250);
    CHECK(r[0].at.utcOffsetSeconds == 0);
    CHECK(r[0].state == 2);
    CHECK(r[0].rating == Rating::Easy);
    CHECK(r[1].at.utcMs == 1711744352000);
    CHECK(r[1].at.utcOffsetSeconds == 3600);
    CHECK(r[1].state == -1);
    CHECK(r[1].card == r[0].card);
    CHECK(result.history.cardIds.size() == 1);
}

TEST_CASE("review csv - written offsets are kept and a time zone replaces them") {
    const std::string text =
        "card_id,review_rating,review_time\n"
        "a,3,2024-07-01T02:30:00-04:00\n"
        "b,3,2024-01-01T12:00:00Z\n"
        "c,3,1719800000000\n";
    const auto plain = parse(text);
    REQUIRE(plain.ok());
    CHECK(plain.history.reviews[0].at.utcOffsetSeconds == -4 * 3600);
    CHECK(plain.history.reviews[1].at.utcOffsetSeconds == 0);
    CHECK(plain.history.reviews[2].at.utcOffsetSeconds == 0);

    std::string error;
    const auto berlin = TimeZone::load("Europe/Berlin", &error);
    REQUIRE(berlin.has_value());
    ReviewCsvOptions options;
    options.timeZone = &*berlin;
    const auto zoned = parse(text, options);
    REQUIRE(zoned.ok());
    CHECK(zoned.history.reviews[0].at.utcMs == plain.history.reviews[0].at.utcMs);
    CHECK(zoned.history.reviews[0].at.utcOffsetSeconds == 7200);
    CHECK(zoned.history.reviews[1].at.utcOffsetSeconds == 3600);
    CHECK(zoned.history.reviews[2].at.utcOffsetSeconds == 7200);
}

TEST_CASE("review csv - grouping puts each card's reviews in time order") {
    const auto result = parse(
        "card_id,review_rating,review_time\n"
        "a,3,2024-01-03T00:00:00Z\n"
        "b,1,2024-01-02T00:00:00Z\n"
        "a,1,2024-01-01T00:00:00Z\n"
        "a,2,2024-01-03T00:00:00Z\n");
    REQUIRE(result.ok());
    const auto groups = result.history.groupByCard();
    REQUIRE(groups.start.size() == 3);
    CHECK(groups.start[0] == 0);
    CHECK(groups.start[1] == 3);
    CHECK(groups.start[2] == 4);
    CHECK(groups.order[0] == 2);  // the earliest review of a
    CHECK(groups.order[1] == 0);  // equal times keep file order
    CHECK(groups.order[2] == 3);
    CHECK(groups.order[3] == 1);
}

TEST_CASE("review csv - a bad row is reported as FILE LINE error") {
    const std::string header = "card_id,review_rating,review_time,review_duration\n";
    const std::string good = "a,3,2024-01-01T00:00:00Z,100\n";
    CHECK(firstError(parse(header + good + "a,5,2024-01-01T00:00:00Z,1\n")) ==
          "h.csv:3: error: review_rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not '5'");
    CHECK(firstError(parse(header + "a,0,2024-01-01T00:00:00Z,1\n")).rfind("h.csv:2: error: review_rating", 0) == 0);
    CHECK(firstError(parse(header + good + good + "a,3,yesterday,1\n")).rfind("h.csv:4: error: review_time 'yesterday'", 0) == 0);
    CHECK(firstError(parse(header + "a,3,2024-13-01T00:00:00Z,1\n")).rfind("h.csv:2: error: review_time", 0) == 0);
    CHECK(firstError(parse(header + "a,3,2024-01-01T00:00:00+25:00,1\n")).rfind("h.csv:2: error: review_time", 0) == 0);
    CHECK(firstError(parse(header + ",3,2024-01-01T00:00:00Z,1\n")) == "h.csv:2: error: empty card_id");
    CHECK(firstError(parse(header + "a,3\n")) == "h.csv:2: error: expected at least 4 columns, found 2");
    CHECK(firstError(parse(header + "a,3,2024-01-01T00:00:00Z,fast\n")).rfind("h.csv:2: error: review_duration", 0) == 0);
    CHECK(firstError(parse(header + "\"a,3,2024-01-01T00:00:00Z,1\n")).rfind("h.csv:2: error: unterminated quote", 0) == 0);
    CHECK(firstError(parse("card_id,review_rating\na,3\n")).rfind("h.csv:1: error: missing column 'review_time'", 0) == 0);
    CHECK(firstError(parse("")).rfind("h.csv: error: empty file", 0) == 0);
}

TEST_CASE("review csv - quoted card ids keep their own text, however many rows follow") {
    // Quoted ids are unquoted into a scratch buffer that the next row reuses: each id must be
    // copied before then (it was not, and the log received heap bytes as ids).
    std::string text = "card_id,review_rating,review_time\n";
    std::vector<std::string> expected;
    for (int i = 0; i < 60; ++i) {
        const std::string id = "card-" + std::to_string(i % 37) + (i % 3 == 0 ? ", with a comma" : "");
        const bool quote = i % 2 == 0 || id.find(',') != std::string::npos;
        text += (quote ? "\"" + id + "\"" : id) + ",3,2026-11-01T10:" + (i < 10 ? "0" : "") + std::to_string(i) + ":00Z\n";
        expected.push_back(id);
    }
    const auto result = parse(text);
    REQUIRE(result.ok());
    REQUIRE(result.history.reviews.size() == expected.size());
    std::vector<std::string> firstSeen;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& review = result.history.reviews[i];
        CHECK(result.history.cardIds[review.card] == expected[i]);
        if (std::find(firstSeen.begin(), firstSeen.end(), expected[i]) == firstSeen.end()) firstSeen.push_back(expected[i]);
    }
    CHECK(result.history.cardIds == firstSeen);

    const auto quotedIds = parse(
        "card_id,review_rating,review_time\n\"puzzle-not-alone\",3,2026-11-01T10:00:00Z\n"
        "\"brain-persist\",2,2026-11-02T10:00:00Z\n");
    REQUIRE(quotedIds.ok());
    CHECK(quotedIds.history.cardIds == std::vector<std::string>{"puzzle-not-alone", "brain-persist"});
}

TEST_CASE("review csv - a quoted field may hold a line break (RFC 4180)") {
    const auto result = parse(
        "card_id,review_rating,review_time,note\n"
        "a,3,2026-11-01T10:00:00Z,\"first line\nsecond line\"\n"
        "b,1,2026-11-02T10:00:00Z,plain\n"
        "c,9,2026-11-03T10:00:00Z,\"x\ny\"\n");
    REQUIRE(result.history.reviews.size() == 2);
    CHECK(result.history.reviews[0].line == 2);
    CHECK(result.history.reviews[1].line == 4);  // the record after the two-line one
    CHECK(result.history.cardIds == std::vector<std::string>{"a", "b"});
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].format().rfind("h.csv:5: error: review_rating", 0) == 0);
}

TEST_CASE("review csv - an id that is not one line of UTF-8 text is refused") {
    const std::string header = "card_id,review_rating,review_time\n";
    CHECK(firstError(parse(header + "ab\xff\xfe,3,2026-11-01T10:00:00Z\n")).rfind("h.csv:2: error: card_id is not UTF-8", 0) == 0);
    CHECK(firstError(parse(header + "\xC0\xAF,3,2026-11-01T10:00:00Z\n")).rfind("h.csv:2: error: card_id is not UTF-8", 0) == 0);
    CHECK(firstError(parse(header + "a\x1b]0;pwned\x07,3,2026-11-01T10:00:00Z\n")).rfind("h.csv:2: error: card_id", 0) == 0);
    CHECK(firstError(parse(header + "\"two\nlines\",3,2026-11-01T10:00:00Z\n")).rfind("h.csv:2: error: card_id", 0) == 0);
    const auto ok = parse(header + "caf\xc3\xa9-\xe6\x97\xa5,3,2026-11-01T10:00:00Z\n");
    REQUIRE(ok.ok());
    CHECK(ok.history.cardIds[0] == "caf\xc3\xa9-\xe6\x97\xa5");
}

TEST_CASE("review csv - a review time must exist, say its offset and fall in 1980-2199") {
    const std::string header = "card_id,review_rating,review_time\n";
    for (const char* bad : {"2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-04-31T10:00:00+02:00",
                            "2026-11-01T10:00:00", "2026-11-01", "2026-11-01T10:00:00+19:00",
                            "99999999999999999", "-1000", "0", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z"}) {
        INFO(bad);
        CHECK(firstError(parse(header + "a,3," + bad + "\n")).rfind("h.csv:2: error: review_time", 0) == 0);
    }
    for (const char* good : {"2024-02-29T10:00:00Z", "2026-11-01T10:00:00+0100", "2026-11-01 10:00:00-05:00",
                             "1980-01-01T00:00:00Z", "2199-12-31T23:59:59+14:00", "1711744352250"}) {
        INFO(good);
        CHECK(parse(header + "a,3," + good + "\n").ok());
    }
}

TEST_CASE("review csv - stops after the error limit") {
    std::string text = "card_id,review_rating,review_time\n";
    for (int i = 0; i < 100; ++i) text += "a,9,2024-01-01T00:00:00Z\n";
    ReviewCsvOptions options;
    options.maxErrors = 5;
    CHECK(parse(text, options).diagnostics.size() == 5);
}

TEST_CASE("review csv - a missing file is one diagnostic") {
    const auto result = readReviewCsv("/nonexistent/reviews.csv");
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].format().rfind("/nonexistent/reviews.csv: error: cannot open the file", 0) == 0);
}

TEST_CASE("review csv - reads the sample log (tests/data/review-logs)") {
    const auto result = readReviewCsv(std::string(ATTUNE_TEST_DATA_DIR) + "/review-logs/review-log-sample.csv");
    REQUIRE(result.ok());
    CHECK(result.history.reviews.size() == 12580);
    CHECK(result.history.cardIds.size() == 1205);
    int again = 0;
    for (const auto& r : result.history.reviews) again += r.rating == Rating::Again ? 1 : 0;
    CHECK(again == 3676);
}

TEST_CASE("review csv - a large file read in parallel stretches keeps file order and line numbers") {
    std::string text = "card_id,review_rating,review_time,review_duration\n";
    constexpr int kRows = 140'000;  // over 4 MB, so it may be cut into stretches
    for (int i = 0; i < kRows; ++i) {
        const int card = (i * 7919) % 50'021;
        text += "card-" + std::to_string(card) + "," + std::to_string(1 + i % 4) + "," +
                std::to_string(1'700'000'000'000LL + i * 1000LL) + ",1234\n";
    }
    REQUIRE(text.size() > (std::size_t{4} << 20));
    ReviewCsvOptions threeThreads;
    threeThreads.threads = 3;  // whatever the machine's load, exercise the merge
    const auto result = parse(text, threeThreads);
    const auto single = [&] {
        ReviewCsvOptions one;
        one.threads = 1;
        return parse(text, one);
    }();
    REQUIRE(single.ok());
    CHECK(single.history.cardIds == result.history.cardIds);
    REQUIRE(result.ok());
    const auto& h = result.history;
    REQUIRE(h.reviews.size() == static_cast<std::size_t>(kRows));
    std::vector<int> seen(50'021, -1);
    std::size_t next = 0;
    for (int i = 0; i < kRows; ++i) {
        const auto& r = h.reviews[static_cast<std::size_t>(i)];
        REQUIRE(r.line == i + 2);
        REQUIRE(r.at.utcMs == 1'700'000'000'000LL + i * 1000LL);
        const int card = (i * 7919) % 50'021;
        if (seen[static_cast<std::size_t>(card)] < 0) {
            REQUIRE(r.card == next);
            seen[static_cast<std::size_t>(card)] = static_cast<int>(next++);
        }
        REQUIRE(r.card == static_cast<std::uint32_t>(seen[static_cast<std::size_t>(card)]));
        REQUIRE(h.cardIds[r.card] == "card-" + std::to_string(card));
    }
    CHECK(h.cardIds.size() == next);

    // Bad rows early and late are both reported at their own lines, in order.
    std::string bad = text;
    const auto breakRow = [&](int row) {
        std::size_t pos = 0;
        for (int line = 0; line < row - 1; ++line) pos = bad.find('\n', pos) + 1;
        const std::size_t comma = bad.find(',', pos);
        bad[comma + 1] = '9';
    };
    breakRow(10);
    breakRow(kRows - 5);
    const auto failed = parse(bad, threeThreads);
    REQUIRE(failed.diagnostics.size() == 2);
    CHECK(failed.diagnostics[0].line == 10);
    CHECK(failed.diagnostics[1].line == kRows - 5);
}
