// libFuzzer target: any bytes given to `attune import-reviews` or `attune memory` (both read
// review histories with parseReviewCsv) come back as diagnostics or as a history whose every id
// is one line of UTF-8 text and whose every time a review can have; imported into the log, each
// review's month file reads back with the same deck, card, time and rating.
#include <attune/model/core/Clock.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/history/ReviewCsv.hpp>
#include <attune/model/history/ReviewLog.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "%s: '%.*s'\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace attune::model;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ReviewCsvOptions options;
    options.threads = 1;
    options.maxErrors = 1000;
    const ReviewCsvResult result = parseReviewCsv(text, "fuzz.csv", options);
    const ReviewHistory& history = result.history;
    for (const std::string& id : history.cardIds) {
        if (id.empty()) fail("empty id", id);
        if (firstInvalidUtf8(id)) fail("id not UTF-8", id);
        if (firstControlCharacter(id) || id.find('\n') != std::string::npos || id.find('\t') != std::string::npos)
            fail("id with a control character", id);
    }
    std::vector<ReviewRecord> records;
    for (const ImportedReview& review : history.reviews) {
        if (review.card >= history.cardIds.size()) fail("card index out of range", "");
        if (!withinReviewEra(review.at.utcMs)) fail("time outside the review era", formatIsoTime(review.at));
        if (review.line < 2) fail("review on the header line", "");
        ReviewRecord record;
        record.deckId = "fuzz-deck";
        record.cardId = history.cardIds[review.card];
        record.utcMs = review.at.utcMs;
        record.utcOffsetSeconds = review.at.utcOffsetSeconds;
        record.rating = review.rating;
        record.durationMs = review.durationMs;
        record.kind = ReviewKind::Imported;
        records.push_back(record);
    }
    if (records.empty()) return 0;
    // What memory computes: each card's reviews in time order through the FSRS memory model.
    const ReviewHistory::ByCard byCard = history.groupByCard();
    const attune::scheduler::MemoryModel memory(attune::scheduler::Parameters::defaults());
    for (std::size_t c = 0; c < history.cardIds.size(); ++c) {
        if (byCard.start[c] >= byCard.start[c + 1]) fail("a card with no review", history.cardIds[c]);
        const ImportedReview& first = history.reviews[byCard.order[byCard.start[c]]];
        attune::scheduler::MemoryState state = memory.first(first.rating);
        std::int64_t lastDay = attune::scheduler::studyDay(first.at, 4);
        for (std::uint32_t k = byCard.start[c] + 1; k < byCard.start[c + 1]; ++k) {
            const ImportedReview& review = history.reviews[byCard.order[k]];
            const std::int64_t day = attune::scheduler::studyDay(review.at, 4);
            state = memory.next(state, static_cast<double>(day > lastDay ? day - lastDay : 0), review.rating);
            lastDay = std::max(lastDay, day);
        }
        if (!(state.stability > 0.0) || !(state.difficulty >= 1.0 && state.difficulty <= 10.0))
            fail("a memory state out of range", history.cardIds[c]);
    }
    // What import-reviews would write, read back as the game reads the log.
    const std::string month = reviewlog::formatMonthFile(records);
    const reviewlog::MonthFile back = reviewlog::parseMonthFile(month, "log/fuzz.toml");
    if (back.damaged || back.reviews.size() != records.size()) {
        for (const auto& d : back.diagnostics) std::fprintf(stderr, "%s\n", d.format().c_str());
        fail("the log does not read back what was imported", month);
    }
    for (const ReviewRecord& r : records) {
        bool found = false;
        for (const ReviewRecord& b : back.reviews) found = found || reviewlog::sameAnswer(r, b);
        if (!found) fail("an imported review changed on the way through the log", std::string(r.cardId));
    }
    return 0;
}
