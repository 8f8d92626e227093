// Scheduler benchmark: replay throughput (memory-only and full scheduling) and daily / topic
// queue build time for 20k and 200k cards. Prints the median of several runs for the README.
// Build Release: cmake --build <dir> --target bench_scheduler && <dir>/bench/bench_scheduler
#include <attune/scheduler/Scheduler.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

using namespace attune::scheduler;

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr int kRuns = 7;

struct Deck {
    std::vector<ReviewEvent> events;
    std::vector<std::uint32_t> start;  // card c: events[start[c] .. start[c+1])
};

// Histories shaped like real use: each card answered around its due date, mostly Good.
Deck makeDeck(std::size_t cards, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const Scheduler scheduler;
    Deck deck;
    deck.start.push_back(0);
    const std::int64_t origin = 1'700'000'000'000;
    for (std::size_t c = 0; c < cards; ++c) {
        CardState card;
        std::int64_t t = origin + static_cast<std::int64_t>(unit(rng) * 300.0 * kDay);
        const int reviews = 1 + static_cast<int>(unit(rng) * 24.0);
        for (int i = 0; i < reviews; ++i) {
            const double u = unit(rng);
            const Rating rating = u < 0.12 ? Rating::Again : u < 0.2 ? Rating::Hard : u < 0.92 ? Rating::Good : Rating::Easy;
            const ReviewEvent event{{t, 3600}, rating};
            deck.events.push_back(event);
            card = scheduler.answer(card, rating, event.at, rng());
            t = card.dueMs + static_cast<std::int64_t>(unit(rng) * 2.0 * kDay);
        }
        deck.start.push_back(static_cast<std::uint32_t>(deck.events.size()));
    }
    return deck;
}

template <typename F>
double medianMs(F&& work) {
    std::vector<double> times;
    for (int run = 0; run < kRuns; ++run) {
        const auto begin = std::chrono::steady_clock::now();
        work();
        const auto end = std::chrono::steady_clock::now();
        times.push_back(std::chrono::duration<double, std::milli>(end - begin).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

volatile double g_sink = 0.0;  // keeps the optimiser from dropping the work

void benchmark(std::size_t cardCount) {
    const Deck deck = makeDeck(cardCount, 42 + cardCount);
    const Scheduler scheduler;
    const auto& w = scheduler.settings().parameters;
    const double reviews = static_cast<double>(deck.events.size());
    auto history = [&](std::size_t c) {
        return std::span<const ReviewEvent>(deck.events.data() + deck.start[c], deck.start[c + 1] - deck.start[c]);
    };

    const double memoryMs = medianMs([&] {
        double sum = 0.0;
        for (std::size_t c = 0; c < cardCount; ++c) sum += replayMemory(w, history(c), 4)->stability;
        g_sink = sum;
    });
    std::vector<CardState> cards(cardCount);
    const double fullMs = medianMs([&] {
        for (std::size_t c = 0; c < cardCount; ++c) cards[c] = replayCard(scheduler, history(c));
        g_sink = static_cast<double>(cards.back().dueDay);
    });

    // "Now": a day on which a good share of the cards is due, so the backlog path runs.
    std::vector<std::int64_t> dueDays;
    for (const CardState& card : cards)
        if (card.phase == CardPhase::Review) dueDays.push_back(card.dueDay);
    std::nth_element(dueDays.begin(), dueDays.begin() + static_cast<std::ptrdiff_t>(dueDays.size() / 4), dueDays.end());
    const std::int64_t day = dueDays[dueDays.size() / 4];
    const Moment now{day * kDay + 12 * 3'600'000, 0};
    // A quarter of the cards still new, as in a deck being worked through.
    for (std::size_t c = 0; c < cardCount; c += 4) cards[c] = CardState{};
    std::size_t dueReviews = 0, dueLearning = 0;
    for (const CardState& card : cards) {
        if (!scheduler.isDue(card, now)) continue;
        (card.phase == CardPhase::Review ? dueReviews : dueLearning) += 1;
    }

    std::size_t queued = 0;
    const double dailyMs = medianMs([&] { queued = buildDailyQueue(scheduler, cards, now, DailyLimits{}).size(); });
    std::vector<std::uint32_t> topic;
    for (std::uint32_t c = 0; c < cardCount; c += 10) topic.push_back(c);
    const double topicMs = medianMs([&] { g_sink = static_cast<double>(buildTopicQueue(scheduler, cards, topic, now).size()); });

    std::printf("%zu cards, %.0f reviews (median of %d runs)\n", cardCount, reviews, kRuns);
    std::printf("  replay, memory only (replayMemory)   %8.2f ms   %6.1f M reviews/s\n", memoryMs,
                reviews / memoryMs / 1000.0);
    std::printf("  replay, full scheduling (replayCard) %8.2f ms   %6.1f M reviews/s\n", fullMs,
                reviews / fullMs / 1000.0);
    std::printf("  daily queue                          %8.3f ms   (%zu reviews due, limit 200; %zu learning due; %zu queued)\n",
                dailyMs, dueReviews, dueLearning, queued);
    std::printf("  topic queue (%zu cards)              %8.3f ms\n", topic.size(), topicMs);
}

}  // namespace

int main() {
    benchmark(20'000);
    benchmark(200'000);
    return 0;
}
