// Load balancing and easy days on a synthetic profile: 1,000 basic cards studied for 120 simulated
// days by a simulated learner (seeded: a review is recalled with the scheduler's own retrievability
// at the moment of the answer; a new or learning card is answered Again 15 % of the time, else
// Good), 10 new cards a day and every due card reviewed each day. Each day drives the real model
// as the game does: computeProgress() over the log so far, then Daily StudySessions (coming back
// when a learning step is over) whose answers are appended to the log.
//
// Three runs in one process: load balancing off, on, and on with one weekday set to "minimum".
// Prints the coefficient of variation (stddev / mean) of the daily review counts over days 30..119
// (after the ramp-up) for off and on and how much lower it is with it on (issue 14's goal: at
// least 30 % lower), and the minimum weekday's average reviews as a share of the average day
// (goal: at most 10 %). Also checks that a replay of the log gives every card the due day the
// live session gave it (load balancing must not make the two disagree).
//   bench_load_balance
#include <attune/model/Clock.hpp>
#include <attune/model/Progress.hpp>
#include <attune/model/StudySession.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace attune;
using namespace attune::model;
using scheduler::CardPhase;
using scheduler::Rating;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr int kCards = 1000;
constexpr int kDays = 120;
constexpr int kFirstMeasuredDay = 30;  // days 30..119: after the ramp-up
constexpr std::int64_t kDayMs = 86400000;
constexpr double kLearnAgain = 0.15;
constexpr std::size_t kMinimumWeekday = 2;  // Wednesday (Monday = 0)

double msSince(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Deck syntheticDeck() {
    Deck deck;
    deck.id = "synthetic";
    deck.title = "Synthetic";
    for (int t = 0; t < 20; ++t) deck.topics.push_back({"topic-" + std::to_string(t), "Topic", "", t, 0});
    for (int c = 0; c < kCards; ++c) {
        Card card;
        card.id = "card-" + std::to_string(c);
        card.topic = "topic-" + std::to_string(c % 20);
        card.type = CardType::Basic;
        card.front = "front " + std::to_string(c);
        card.back = "back " + std::to_string(c);
        deck.cards.push_back(card);
        deck.studyCards.push_back({card.id, static_cast<std::size_t>(c), 0, false});
    }
    return deck;
}

struct RunResult {
    std::vector<int> reviews;      // per simulated day: scheduled review answers (kind Review)
    std::vector<int> weekday;      // per simulated day: Monday = 0
    std::int64_t answers = 0;
    std::int64_t replayMismatches = 0;  // cards whose live due day a replay did not reproduce
    std::int64_t sessions = 0;
    std::vector<double> progressMs;  // each computeProgress
    std::vector<ReviewRecord> log;
    double totalMs = 0;
};

CourseProgress progressAt(const std::vector<Deck>& decks, const std::vector<ReviewRecord>& log, const Settings& settings,
                          scheduler::Moment now) {
    CourseInput input;
    input.decks = decks;
    input.reviews = log;
    input.settings = settings;
    input.now = now;
    return computeProgress(input);
}

RunResult simulate(const std::vector<Deck>& decks, const Settings& settings, std::uint64_t seed) {
    RunResult out;
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<ReviewRecord> log;
    // 2026-01-05 is a Monday; the player studies at 09:00 UTC (offset 0), day start 04:00.
    const std::int64_t firstMorning = parseIsoTime("2026-01-05T09:00:00+00:00")->utcMs;
    const auto started = SteadyClock::now();
    std::vector<scheduler::CardState> liveStates;  // the states the sessions left, for the replay check

    for (int day = 0; day < kDays; ++day) {
        scheduler::Moment t{firstMorning + day * kDayMs, 0};
        int reviewsToday = 0;
        for (int visit = 0; visit < 50; ++visit) {
            auto clock = SteadyClock::now();
            CourseProgress progress = progressAt(decks, log, settings, t);
            out.progressMs.push_back(msSince(clock));
            if (visit == 0 && !liveStates.empty()) {
                for (std::size_t c = 0; c < liveStates.size(); ++c) {
                    const auto& live = liveStates[c];
                    const auto& replayed = progress.states[c];
                    if (live.phase != replayed.phase || (live.phase == CardPhase::Review && live.dueDay != replayed.dueDay))
                        ++out.replayMismatches;
                }
            }
            std::vector<ReviewRecord> records;
            int laterToday = 0;
            std::int64_t nextDueMs = 0;
            {
                SessionOptions options;
                options.kind = SessionKind::Daily;
                StudySession session(progress, log, options, t);
                if (session.startStatus() == SessionStart::Ready) ++out.sessions;
                while (!session.finished()) {
                    const std::uint32_t card = session.currentCard();
                    const scheduler::CardState& state = progress.states[card];
                    t.utcMs += 8000;  // eight seconds a card
                    bool right;
                    if (state.phase == CardPhase::Review)
                        right = unit(random) < progress.scheduler.recallNow(state, t);
                    else
                        right = unit(random) >= kLearnAgain;
                    session.reveal(t);
                    const ReviewRecord rec = session.grade(right ? Rating::Good : Rating::Again, t);
                    if (rec.cardId.empty()) break;
                    if (rec.kind == ReviewKind::Review) ++reviewsToday;
                    records.push_back(rec);
                }
                if (!records.empty()) {
                    const SessionSummary summary = session.summary();
                    laterToday = summary.learningLaterToday;
                    nextDueMs = summary.nextLearningDueMs;
                }
            }
            log.insert(log.end(), records.begin(), records.end());
            out.answers += static_cast<std::int64_t>(records.size());
            liveStates = progress.states;  // the session kept them up to date
            // Learning steps still to come today: come back when the next one is due.
            if (laterToday > 0 && nextDueMs > t.utcMs) {
                t.utcMs = nextDueMs;
                continue;
            }
            if (records.empty()) break;
            // The session may have ended with a step due within the learn-ahead limit: look again.
            t.utcMs += 60000;
        }
        out.reviews.push_back(reviewsToday);
        out.weekday.push_back(day % 7);
    }
    out.totalMs = msSince(started);
    out.log = std::move(log);
    return out;
}

struct Spread {
    double mean = 0, stddev = 0, cv = 0;
    double detrendedCv = 0;  // stddev of (count - its centred 7-day mean) / mean: day-to-day spikes alone
};

Spread spreadOf(const std::vector<int>& reviews) {
    Spread s;
    std::vector<double> v(reviews.begin() + kFirstMeasuredDay, reviews.end());
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double sq = 0;
    for (double x : v) sq += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(sq / static_cast<double>(v.size()));
    s.cv = s.mean > 0 ? s.stddev / s.mean : 0;
    double dsq = 0;
    int n = 0;
    for (int d = kFirstMeasuredDay + 3; d + 3 < static_cast<int>(reviews.size()); ++d) {
        double week = 0;
        for (int k = -3; k <= 3; ++k) week += reviews[static_cast<std::size_t>(d + k)];
        const double diff = reviews[static_cast<std::size_t>(d)] - week / 7.0;
        dsq += diff * diff;
        ++n;
    }
    s.detrendedCv = s.mean > 0 && n > 0 ? std::sqrt(dsq / n) / s.mean : 0;
    return s;
}

void printRun(const char* name, const RunResult& r) {
    const Spread s = spreadOf(r.reviews);
    std::printf("%-22s reviews/day (days %d..%d): mean %.1f, stddev %.1f, CV %.3f (detrended CV %.3f); "
                "answers %lld, sessions %lld, replay mismatches %lld; computeProgress median %.2f ms; run %.0f ms\n",
                name, kFirstMeasuredDay, kDays - 1, s.mean, s.stddev, s.cv, s.detrendedCv,
                static_cast<long long>(r.answers), static_cast<long long>(r.sessions),
                static_cast<long long>(r.replayMismatches), median(r.progressMs), r.totalMs);
}

void printSeries(const char* name, const RunResult& r) {
    std::printf("%s daily reviews:", name);
    for (std::size_t d = 0; d < r.reviews.size(); ++d) std::printf("%s%d", d % 30 == 0 ? "\n  " : " ", r.reviews[d]);
    std::printf("\n");
}

// The minimum weekday's average reviews as a share (%) of the average day, days 30..119.
double minimumShare(const RunResult& r) {
    double minimumSum = 0, allSum = 0;
    int minimumDays = 0, allDays = 0;
    for (std::size_t d = kFirstMeasuredDay; d < r.reviews.size(); ++d) {
        allSum += r.reviews[d];
        ++allDays;
        if (static_cast<std::size_t>(r.weekday[d]) == kMinimumWeekday) {
            minimumSum += r.reviews[d];
            ++minimumDays;
        }
    }
    return 100.0 * (minimumSum / minimumDays) / (allSum / allDays);
}

// Reviews of days 30..119 by the interval they were scheduled with (study days since the card's
// previous answer; bucket 7: 7 or more), on the minimum weekday and on all days.
struct IntervalBreakdown {
    std::vector<int> onMinimum = std::vector<int>(8, 0), overall = std::vector<int>(8, 0);
    int minimumDays = 0;
};

IntervalBreakdown intervalsOf(const RunResult& r) {
    IntervalBreakdown b;
    std::unordered_map<std::string, std::int64_t> lastDay;
    constexpr std::int64_t dayStartMs = 4LL * 3600 * 1000;
    const std::int64_t firstDay = (parseIsoTime("2026-01-05T09:00:00+00:00")->utcMs - dayStartMs) / kDayMs;
    for (const ReviewRecord& rec : r.log) {
        const std::int64_t day = (rec.utcMs - dayStartMs) / kDayMs;
        const auto it = lastDay.find(rec.cardId);
        if (rec.kind == ReviewKind::Review && it != lastDay.end() && day - firstDay >= kFirstMeasuredDay) {
            const auto bucket = static_cast<std::size_t>(std::min<std::int64_t>(day - it->second, 7));
            ++b.overall[bucket];
            if (static_cast<std::size_t>((day - firstDay) % 7) == kMinimumWeekday) ++b.onMinimum[bucket];
        }
        lastDay[rec.cardId] = day;
    }
    for (int d = kFirstMeasuredDay; d < kDays; ++d)
        if (static_cast<std::size_t>(d % 7) == kMinimumWeekday) ++b.minimumDays;
    return b;
}

// The share (%) of an average day that reviews scheduled 3 days or more ahead put on the minimum
// weekday: what the balancing could have moved (1-2 day intervals have no fuzz range).
double movableShare(const RunResult& r) {
    const IntervalBreakdown b = intervalsOf(r);
    double onMinimum = 0, all = 0;
    for (std::size_t k = 1; k < 8; ++k) all += b.overall[k];
    for (std::size_t k = 3; k < 8; ++k) onMinimum += b.onMinimum[k];
    const double averageDay = std::accumulate(r.reviews.begin() + kFirstMeasuredDay, r.reviews.end(), 0.0) /
                              static_cast<double>(kDays - kFirstMeasuredDay);
    (void)all;
    return 100.0 * (onMinimum / b.minimumDays) / averageDay;
}

}  // namespace

int main(int argc, char** argv) {
    const bool verbose = argc > 1 && std::string(argv[1]) == "-v";
    const std::vector<Deck> decks{syntheticDeck()};
    Settings base;
    base.newCardsPerDay = 10;
    base.reviewsPerDay = 100000;  // every due card is reviewed each day
    base.dailyGoalXp = 50;
    constexpr std::uint64_t kSeed = 20261204;

    Settings off = base;
    off.loadBalancing = false;
    Settings on = base;
    on.loadBalancing = true;
    Settings easy = on;
    easy.easyDays[kMinimumWeekday] = EasyDay::Minimum;

    const RunResult rOff = simulate(decks, off, kSeed);
    const RunResult rOn = simulate(decks, on, kSeed);
    const RunResult rEasy = simulate(decks, easy, kSeed);

    std::printf("load balancing: %d cards, %d days, %d new a day, every due card reviewed, learner seed %llu\n", kCards,
                kDays, base.newCardsPerDay, static_cast<unsigned long long>(kSeed));
    printRun("off", rOff);
    printRun("on", rOn);
    printRun("on + Wednesday minimum", rEasy);
    const Spread sOff = spreadOf(rOff.reviews), sOn = spreadOf(rOn.reviews);
    const double reduction = sOff.cv > 0 ? 100.0 * (1.0 - sOn.cv / sOff.cv) : 0;
    const double detrendedReduction = sOff.detrendedCv > 0 ? 100.0 * (1.0 - sOn.detrendedCv / sOff.detrendedCv) : 0;
    std::printf("CV of daily reviews, days %d..%d: off %.3f, on %.3f: %.1f %% lower with it on (goal >= 30 %%) %s\n",
                kFirstMeasuredDay, kDays - 1, sOff.cv, sOn.cv, reduction, reduction >= 30 ? "MET" : "NOT MET");
    std::printf("  detrended (vs the centred 7-day mean): off %.3f, on %.3f: %.1f %% lower\n", sOff.detrendedCv,
                sOn.detrendedCv, detrendedReduction);

    // The minimum weekday's share of an average day, days 30..119.
    double minimumSum = 0, allSum = 0;
    int minimumDays = 0, allDays = 0;
    std::vector<double> byWeekday(7, 0.0);
    std::vector<int> weekdayDays(7, 0);
    for (std::size_t d = kFirstMeasuredDay; d < rEasy.reviews.size(); ++d) {
        allSum += rEasy.reviews[d];
        ++allDays;
        byWeekday[static_cast<std::size_t>(rEasy.weekday[d])] += rEasy.reviews[d];
        ++weekdayDays[static_cast<std::size_t>(rEasy.weekday[d])];
        if (static_cast<std::size_t>(rEasy.weekday[d]) == kMinimumWeekday) {
            minimumSum += rEasy.reviews[d];
            ++minimumDays;
        }
    }
    const double average = allSum / allDays;
    const double minimumAverage = minimumSum / minimumDays;
    const double share = 100.0 * minimumAverage / average;
    std::printf("easy days: Wednesday (minimum) averages %.1f reviews vs %.1f on an average day: %.1f %% (goal <= 10 %%) %s\n",
                minimumAverage, average, share, share <= 10 ? "MET" : "NOT MET");
    static const char* const names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    std::printf("  by weekday:");
    for (std::size_t w = 0; w < 7; ++w) std::printf(" %s %.1f", names[w], byWeekday[w] / weekdayDays[w]);
    std::printf("\n");
    {
        // Why reviews still land on the minimum weekday: the interval each was scheduled with.
        const IntervalBreakdown b = intervalsOf(rEasy);
        std::printf("  reviews on the %d Wednesdays by interval (days 1..6, 7+):", b.minimumDays);
        for (std::size_t k = 1; k < 8; ++k) std::printf(" %d", b.onMinimum[k]);
        std::printf("\n  all reviews by interval (days 1..6, 7+):                ");
        for (std::size_t k = 1; k < 8; ++k) std::printf(" %d", b.overall[k]);
        std::printf("\n  Wednesday reviews of intervals >= 3 days alone: %.1f %% of an average day\n", movableShare(rEasy));
    }
    {
        // The same on other learner seeds: how much the figures depend on one seed.
        std::vector<double> reductions{reduction}, detrended{detrendedReduction}, shares{share},
            movable{movableShare(rEasy)};
        std::printf("other learner seeds (reduction of CV, detrended, minimum-day share, >= 3-day part):\n");
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            const Spread a = spreadOf(simulate(decks, off, seed).reviews), b = spreadOf(simulate(decks, on, seed).reviews);
            const RunResult e = simulate(decks, easy, seed);
            reductions.push_back(100.0 * (1.0 - b.cv / a.cv));
            detrended.push_back(100.0 * (1.0 - b.detrendedCv / a.detrendedCv));
            shares.push_back(minimumShare(e));
            movable.push_back(movableShare(e));
            std::printf("  seed %llu: CV off %.3f on %.3f: %.1f %% lower (detrended %.1f %%); Wednesday %.1f %% (>= 3 days %.1f %%)\n",
                        static_cast<unsigned long long>(seed), a.cv, b.cv, reductions.back(), detrended.back(),
                        shares.back(), movable.back());
        }
        std::printf("median of 5 seeds: CV %.1f %% lower (goal >= 30 %%), detrended %.1f %% lower; minimum Wednesday "
                    "%.1f %% of an average day (goal <= 10 %%), of which intervals >= 3 days %.1f %%\n",
                    median(reductions), median(detrended), median(shares), median(movable));
    }
    if (verbose) {
        printSeries("off", rOff);
        printSeries("on", rOn);
        printSeries("on + Wednesday minimum", rEasy);
    }
    return 0;
}
