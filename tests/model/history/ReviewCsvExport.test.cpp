#include "catch.hpp"

#include <attune/model/history/ReviewCsvExport.hpp>

using namespace attune::model;
using attune::scheduler::Rating;

namespace {

ReviewRecord answer(const char* deck, const char* card, std::int64_t utcMs, Rating rating, ReviewKind kind = ReviewKind::Review) {
    ReviewRecord r;
    r.deckId = deck;
    r.cardId = card;
    r.utcMs = utcMs;
    r.utcOffsetSeconds = 3600;
    r.rating = rating;
    r.durationMs = 1500;
    r.kind = kind;
    return r;
}

constexpr std::int64_t kDay = 86400000;
constexpr std::int64_t kStart = 1764583200000;  // 2025-12-01T10:00:00Z

}  // namespace

TEST_CASE("review CSV export: states before each answer, offsets kept, cram and other decks left out") {
    const std::vector<ReviewRecord> log = {
        answer("d", "a", kStart, Rating::Again, ReviewKind::Learn),
        answer("d", "a", kStart + 600000, Rating::Good, ReviewKind::Learn),
        answer("d", "a", kStart + 2 * kDay, Rating::Again),
        answer("d", "a", kStart + 2 * kDay + 600000, Rating::Good, ReviewKind::Relearn),
        answer("d", "a", kStart + 3 * kDay, Rating::Good, ReviewKind::Cram),
        answer("d", "a", kStart + 6 * kDay, Rating::Easy),
        answer("e", "a", kStart, Rating::Good),
    };
    CHECK(formatReviewCsv(log, "d") ==
          "card_id,review_time,review_rating,review_state,review_duration\n"
          "a,2025-12-01T11:00:00+01:00,1,0,1500\n"
          "a,2025-12-01T11:10:00+01:00,3,1,1500\n"
          "a,2025-12-03T11:00:00+01:00,1,2,1500\n"
          "a,2025-12-03T11:10:00+01:00,3,3,1500\n"
          "a,2025-12-07T11:00:00+01:00,4,2,1500\n");
}

TEST_CASE("review CSV export: card ids with commas or quotes are quoted") {
    const std::vector<ReviewRecord> log = {answer("d", "a,\"b\"", kStart, Rating::Good)};
    CHECK(formatReviewCsv(log).find("\n\"a,\"\"b\"\"\",2025") != std::string::npos);
}
