// How long deriving the course progress takes for a heavy profile: 20,000 study cards and
// 300,000 reviews over two years (replay through the scheduler, XP, streak, achievements,
// mastery, the quest bonus of every study day). Prints the median of several runs; the README
// quotes it. Runs without quest definitions alternate with them: the cost of the quests.
//   bench_progress
#include <attune/model/core/Clock.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/StudySession.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace attune::model;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kCards = 20000;
constexpr int kReviews = 300000;
constexpr int kRuns = 7;

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

// CPU time of this process: on a busy machine wall time also counts waiting for a core.
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

}  // namespace

int main() {
    // Two decks of 10,000 cards in 40 topics each.
    std::vector<Deck> decks(2);
    for (int d = 0; d < 2; ++d) {
        Deck& deck = decks[static_cast<std::size_t>(d)];
        deck.id = "deck-" + std::to_string(d);
        for (int t = 0; t < 40; ++t) deck.topics.push_back({"topic-" + std::to_string(t), "Topic", "", t, 0});
        for (int c = 0; c < kCards / 2; ++c) {
            Card card;
            card.id = "card-" + std::to_string(c);
            card.topic = "topic-" + std::to_string(c % 40);
            card.front = "front";
            card.back = "back";
            deck.cards.push_back(card);
            deck.studyCards.push_back({card.id, static_cast<std::size_t>(c), 0, false});
        }
    }
    // Reviews spread over two years, each card reviewed about 15 times, mostly right.
    std::mt19937_64 random(42);
    const std::int64_t start = parseIsoTime("2024-12-01T08:00:00+01:00")->utcMs;
    const std::int64_t span = 730LL * 86400000;
    std::vector<ReviewRecord> log;
    log.reserve(kReviews);
    for (int i = 0; i < kReviews; ++i) {
        ReviewRecord r;
        const auto card = random() % kCards;
        r.deckId = card < kCards / 2 ? "deck-0" : "deck-1";
        r.cardId = "card-" + std::to_string(card % (kCards / 2));
        r.utcMs = start + static_cast<std::int64_t>(static_cast<double>(i) / kReviews * static_cast<double>(span));
        r.utcOffsetSeconds = 3600;
        const auto roll = random() % 100;
        r.rating = roll < 10 ? attune::scheduler::Rating::Again
                   : roll < 20 ? attune::scheduler::Rating::Hard
                   : roll < 90 ? attune::scheduler::Rating::Good
                               : attune::scheduler::Rating::Easy;
        r.durationMs = 4000;
        r.kind = ReviewKind::Review;
        log.push_back(std::move(r));
    }
    const auto achievements = loadBundledAchievements();
    const auto quests = loadBundledQuests();
    CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.achievements = achievements.definitions;
    input.quests = quests.definitions;
    input.now = {start + span + 3600000, 3600};

    std::vector<double> times, cpuTimes, bareTimes, bareCpuTimes;
    std::size_t checksum = 0;
    std::int64_t bonus = 0;
    CourseInput bare = input;
    bare.quests = {};
    for (int run = 0; run < kRuns; ++run) {
        for (const bool withQuests : {run % 2 == 0, run % 2 != 0}) {
            const auto t0 = Clock::now();
            const double c0 = cpuMs();
            const CourseProgress progress = computeProgress(withQuests ? input : bare);
            (withQuests ? cpuTimes : bareCpuTimes).push_back(cpuMs() - c0);
            (withQuests ? times : bareTimes).push_back(msSince(t0));
            checksum += static_cast<std::size_t>(progress.xp.total()) + static_cast<std::size_t>(progress.dueToday);
            if (withQuests) bonus = progress.xp.questBonusTotal();
        }
    }
    for (auto* list : {&times, &cpuTimes, &bareTimes, &bareCpuTimes}) std::sort(list->begin(), list->end());
    std::printf("computeProgress without quests: median %.1f ms wall, %.1f ms CPU\n", bareTimes[bareTimes.size() / 2],
                bareCpuTimes[bareCpuTimes.size() / 2]);
    std::printf("computeProgress with quests (%lld XP of quest bonus):\n", static_cast<long long>(bonus));
    std::printf("computeProgress: %d cards, %d reviews: median %.1f ms wall, %.1f ms CPU (min %.1f wall) [checksum %zu]\n",
                kCards, kReviews, times[times.size() / 2], cpuTimes[cpuTimes.size() / 2], times.front(), checksum);
    double load[1] = {0};
    if (::getloadavg(load, 1) == 1) std::printf("(machine load average while measuring: %.1f)\n", load[0]);

    CourseProgress progress = computeProgress(input);
    const auto t1 = Clock::now();
    StudySession session(progress, log, {}, input.now);
    std::printf("StudySession (daily queue of %zu cards) starts in %.1f ms\n", session.remaining(), msSince(t1));
    return 0;
}
