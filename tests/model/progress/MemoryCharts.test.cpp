// The memory charts: true retention grouped by the interval a review came after (young under
// 21 days, mature from 21, and finer bands), and stability, difficulty and recall binned over
// the cards, per topic or for all.
#include "ProgressionFixtures.hpp"
#include "catch.hpp"

#include <attune/model/progress/MemoryCharts.hpp>

#include <numeric>

using namespace attune;
using namespace attune::model;
using scheduler::Rating;

namespace {

CourseProgress progressOf(const Deck& deck, const std::vector<ReviewRecord>& log, scheduler::Moment now) {
    CourseInput input;
    input.decks = std::span<const Deck>(&deck, 1);
    input.reviews = log;
    input.now = now;
    return computeProgress(input);
}

ReviewRecord given(ReviewRecord r, int scheduledDays) {
    r.scheduledDays = scheduledDays;
    return r;
}

int total(const std::vector<int>& counts) { return std::accumulate(counts.begin(), counts.end(), 0); }

}  // namespace

TEST_CASE("memory charts - true retention is grouped by the interval the card had been given") {
    const Deck deck = test::basicDeck("d", {1, 1});
    const std::vector<ReviewRecord> log{
        // t1-1: given 3 days, passed; given 25, failed; relearned and given 2, passed.
        given(test::answer("d", "t1-1", "2026-10-01T09:00:00Z", Rating::Good, ReviewKind::Learn), 3),
        given(test::answer("d", "t1-1", "2026-10-04T09:00:00Z", Rating::Good, ReviewKind::Review), 25),
        test::answer("d", "t1-1", "2026-10-29T09:00:00Z", Rating::Again, ReviewKind::Review),
        given(test::answer("d", "t1-1", "2026-10-29T09:10:00Z", Rating::Good, ReviewKind::Relearn), 2),
        test::answer("d", "t1-1", "2026-10-31T09:00:00Z", Rating::Good, ReviewKind::Review),
        // t2-1: no interval recorded: the study days since the answer before (30) count; mature, passed.
        test::answer("d", "t2-1", "2026-10-01T09:00:00Z", Rating::Good, ReviewKind::Learn),
        test::answer("d", "t2-1", "2026-10-31T09:00:00Z", Rating::Hard, ReviewKind::Review),
        // Cram and imports are not scheduled reviews.
        test::answer("d", "t2-1", "2026-11-01T09:00:00Z", Rating::Again, ReviewKind::Cram),
        test::answer("d", "t2-1", "2026-11-02T09:00:00Z", Rating::Again, ReviewKind::Imported),
        // A card no loaded deck has: counted for all topics, given 1 day, failed.
        given(test::answer("gone", "x", "2026-10-01T09:00:00Z", Rating::Good, ReviewKind::Learn), 1),
        test::answer("gone", "x", "2026-10-02T09:00:00Z", Rating::Again, ReviewKind::Review),
    };
    const CourseProgress p = progressOf(deck, log, test::at("2026-11-05T12:00:00Z"));
    const MemoryCharts all = memoryCharts(p, log, std::nullopt, 30);
    CHECK(all.retention.young.total == 3);
    CHECK(all.retention.young.passed == 2);
    CHECK(all.retention.mature.total == 2);
    CHECK(all.retention.mature.passed == 1);
    CHECK(all.retention.all.total == 5);
    CHECK(all.retention.all.passed == 3);
    CHECK(all.retention.all.share() == Approx(0.6));
    const auto& bands = all.retention.bands;
    REQUIRE(bands.size() == 9);
    CHECK(bands[intervalBand(1)].group.total == 1);   // the lost card's day
    CHECK(bands[intervalBand(1)].group.passed == 0);
    CHECK(bands[intervalBand(2)].group.total == 1);
    CHECK(bands[intervalBand(3)].group.passed == 1);
    CHECK(bands[intervalBand(25)].group.total == 2);  // 25 and 30 days: one band
    CHECK(bands[intervalBand(25)].group.passed == 1);
    int inBands = 0;
    for (const auto& b : bands) inBands += b.group.total;
    CHECK(inBands == 5);

    // One topic: its own cards only.
    const MemoryCharts first = memoryCharts(p, log, std::size_t{0}, 30);
    CHECK(first.retention.young.total == 2);
    CHECK(first.retention.young.passed == 2);
    CHECK(first.retention.mature.total == 1);
    CHECK(first.retention.mature.passed == 0);
    const MemoryCharts second = memoryCharts(p, log, std::size_t{1}, 30);
    CHECK(second.retention.all.total == 1);
    CHECK(second.retention.mature.passed == 1);
}

TEST_CASE("memory charts - the bins' edges") {
    CHECK(stabilityBin(0.0) == 0);
    CHECK(stabilityBin(0.99) == 0);
    CHECK(stabilityBin(1.0) == 1);
    CHECK(stabilityBin(2.99) == 1);
    CHECK(stabilityBin(3.0) == 2);
    CHECK(stabilityBin(29.9) == 4);
    CHECK(stabilityBin(30.0) == 5);
    CHECK(stabilityBin(364.9) == 7);
    CHECK(stabilityBin(36500.0) == 8);
    CHECK(difficultyBin(1.0) == 0);
    CHECK(difficultyBin(1.99) == 0);
    CHECK(difficultyBin(2.0) == 1);
    CHECK(difficultyBin(9.99) == 8);
    CHECK(difficultyBin(10.0) == 8);
    CHECK(recallBin(0.0) == 0);
    CHECK(recallBin(0.099) == 0);
    CHECK(recallBin(0.1) == 1);
    CHECK(recallBin(0.95) == 9);
    CHECK(recallBin(1.0) == 9);
    CHECK(intervalBand(0) == 0);
    CHECK(intervalBand(1) == 0);
    CHECK(intervalBand(2) == 1);
    CHECK(intervalBand(6) == 2);
    CHECK(intervalBand(20) == 4);
    CHECK(intervalBand(21) == 5);
    CHECK(intervalBand(179) == 7);
    CHECK(intervalBand(180) == 8);
}

TEST_CASE("memory charts - histograms count each studied card once, in its own bin, and the forecast by due day") {
    const Deck deck = test::basicDeck("d", {3, 2});
    std::vector<ReviewRecord> log{
        given(test::answer("d", "t1-1", "2026-10-01T09:00:00Z", Rating::Easy, ReviewKind::Learn), 8),
        given(test::answer("d", "t1-2", "2026-10-20T09:00:00Z", Rating::Good, ReviewKind::Learn), 0),
        given(test::answer("d", "t1-2", "2026-10-20T09:15:00Z", Rating::Good, ReviewKind::Learn), 40),
        given(test::answer("d", "t2-1", "2026-11-04T09:00:00Z", Rating::Again, ReviewKind::Learn), 0),
    };
    const CourseProgress p = progressOf(deck, log, test::at("2026-11-05T12:00:00Z"));
    for (const std::optional<std::size_t> topic : {std::optional<std::size_t>{}, std::optional<std::size_t>{0}, std::optional<std::size_t>{1}}) {
        const MemoryCharts m = memoryCharts(p, log, topic, 90);
        int studied = 0;
        std::vector<int> stability(m.stability.counts.size()), difficulty(m.difficulty.counts.size()), recall(m.recall.counts.size());
        std::vector<int> due(90);
        for (std::uint32_t c = 0; c < p.cards.size(); ++c) {
            if (topic && p.cards[c].topicIndex != *topic) continue;
            const auto& s = p.states[c];
            if (!s.memory) continue;
            ++studied;
            ++stability[stabilityBin(s.memory->stability)];
            ++difficulty[difficultyBin(s.memory->difficulty)];
            ++recall[recallBin(p.recallNow(c))];
            const std::int64_t in = s.phase == scheduler::CardPhase::Review ? std::max<std::int64_t>(0, s.dueDay - p.today) : 0;
            if (in < 90) ++due[static_cast<std::size_t>(in)];
        }
        CHECK(m.stability.cards == studied);
        CHECK(m.stability.counts == stability);
        CHECK(m.difficulty.counts == difficulty);
        CHECK(m.recall.counts == recall);
        CHECK(total(m.stability.counts) == studied);
        CHECK(m.due == due);
        CHECK(m.stability.labels.size() == m.stability.counts.size());
        CHECK(m.recall.labels.size() == 10);
    }
    const MemoryCharts all = memoryCharts(p, log, std::nullopt, 90);
    CHECK(all.stability.cards == 3);
    // Today: the learning card and the card due on 9 October (overdue counts as today); the card
    // given 40 days on 20 October is due on 29 November.
    CHECK(all.due[0] == 2);
    CHECK(all.due[static_cast<std::size_t>(p.states[*p.findCard("d", "t1-2")].dueDay - p.today)] >= 1);
    CHECK(p.states[*p.findCard("d", "t1-2")].dueDay - p.today == 24);
    CHECK(memoryCharts(p, log, std::nullopt, 30).due.size() == 30);
}
