// Load balancing and easy days on a synthetic 1,000-card deck studied by a simulated learner
// (seeded: a review is recalled with the scheduler's own retrievability at the moment of the
// answer; a new or learning card is answered Again 15 % of the time, else Good), every due card
// reviewed each day. Each day drives the real model as the game does: computeProgress() over the
// log so far, then Daily StudySessions (coming back when a learning step is over) whose answers
// are appended to the log.
//
// Two profiles, 120 measured days each:
//  - "ramp-up": a new learner, 10 new cards a day from day 0; days 30..119 are measured. The
//    review count climbs while new cards arrive and falls when they run out (day 100): a trend no
//    balancing can flatten, so most of its spread is not day-to-day.
//  - "steady": a learner a year in, 2 new cards a day, the deck studied for 380 days before the
//    120 measured days (380..499), when the daily load changes little from week to week. This is
//    where the spread is the day-to-day spikes that load balancing exists to even out.
// For each: load balancing off, on, and on with one weekday set to "minimum" (each its own run
// from day 0, as a player who kept the setting). Prints the coefficient of variation (stddev /
// mean) of daily reviews off and on and how much lower it is with it on (the goal: at
// least 30 % lower), and the minimum weekday's average reviews as a share of the average day
// (goal: at most 10 %), over 5 learner seeds. Also checks that a replay of the log gives every
// card the due day the live session gave it (load balancing must not make the two disagree).
//   bench_load_balance [-v]
#include <attune/model/core/Clock.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/session/StudySession.hpp>

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

struct Profile {
    const char* name;
    int newPerDay;
    int days;              // simulated, from the first study day
    int firstMeasuredDay;  // the measured days are firstMeasuredDay..days-1
};
constexpr Profile kRampUp{"ramp-up", 10, 120, 30};
constexpr Profile kSteady{"steady", 2, 500, 380};

struct RunResult {
    std::vector<int> reviews;      // per simulated day: scheduled review answers (kind Review)
    std::vector<int> weekday;      // per simulated day: Monday = 0
    std::int64_t answers = 0;
    std::int64_t replayMismatches = 0;  // cards whose live due day a replay did not reproduce
    std::int64_t sessions = 0;
    std::vector<double> progressMs;  // each computeProgress
    std::vector<ReviewRecord> log;
    double totalMs = 0;
    int firstMeasuredDay = 0;
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

RunResult simulate(const std::vector<Deck>& decks, const Profile& profile, Settings settings, std::uint64_t seed) {
    settings.newCardsPerDay = profile.newPerDay;
    RunResult out;
    out.firstMeasuredDay = profile.firstMeasuredDay;
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<ReviewRecord> log;
    // 2026-01-05 is a Monday; the player studies at 09:00 UTC (offset 0), day start 04:00.
    const std::int64_t firstMorning = parseIsoTime("2026-01-05T09:00:00+00:00")->utcMs;
    const auto started = SteadyClock::now();
    std::vector<scheduler::CardState> liveStates;  // the states the sessions left, for the replay check

    for (int day = 0; day < profile.days; ++day) {
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

Spread spreadOf(const RunResult& r) {
    const std::vector<int>& reviews = r.reviews;
    Spread s;
    std::vector<double> v(reviews.begin() + r.firstMeasuredDay, reviews.end());
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double sq = 0;
    for (double x : v) sq += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(sq / static_cast<double>(v.size()));
    s.cv = s.mean > 0 ? s.stddev / s.mean : 0;
    double dsq = 0;
    int n = 0;
    for (int d = r.firstMeasuredDay + 3; d + 3 < static_cast<int>(reviews.size()); ++d) {
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
    const Spread s = spreadOf(r);
    std::printf("%-22s reviews/day (days %d..%zu): mean %.1f, stddev %.1f, CV %.3f (detrended CV %.3f); "
                "answers %lld, sessions %lld, replay mismatches %lld; computeProgress median %.2f ms; run %.0f ms\n",
                name, r.firstMeasuredDay, r.reviews.size() - 1, s.mean, s.stddev, s.cv, s.detrendedCv,
                static_cast<long long>(r.answers), static_cast<long long>(r.sessions),
                static_cast<long long>(r.replayMismatches), median(r.progressMs), r.totalMs);
}

void printSeries(const char* name, const RunResult& r) {
    std::printf("%s daily reviews:", name);
    for (std::size_t d = 0; d < r.reviews.size(); ++d) std::printf("%s%d", d % 30 == 0 ? "\n  " : " ", r.reviews[d]);
    std::printf("\n");
}

// The minimum weekday's average reviews as a share (%) of the average day, over the measured days.
double minimumShare(const RunResult& r) {
    double minimumSum = 0, allSum = 0;
    int minimumDays = 0, allDays = 0;
    for (auto d = static_cast<std::size_t>(r.firstMeasuredDay); d < r.reviews.size(); ++d) {
        allSum += r.reviews[d];
        ++allDays;
        if (static_cast<std::size_t>(r.weekday[d]) == kMinimumWeekday) {
            minimumSum += r.reviews[d];
            ++minimumDays;
        }
    }
    return 100.0 * (minimumSum / minimumDays) / (allSum / allDays);
}

// Reviews of the measured days by the interval they were scheduled with (study days since the card's
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
        if (rec.kind == ReviewKind::Review && it != lastDay.end() && day - firstDay >= r.firstMeasuredDay) {
            const auto bucket = static_cast<std::size_t>(std::min<std::int64_t>(day - it->second, 7));
            ++b.overall[bucket];
            if (static_cast<std::size_t>((day - firstDay) % 7) == kMinimumWeekday) ++b.onMinimum[bucket];
        }
        lastDay[rec.cardId] = day;
    }
    for (int d = r.firstMeasuredDay; d < static_cast<int>(r.reviews.size()); ++d)
        if (static_cast<std::size_t>(d % 7) == kMinimumWeekday) ++b.minimumDays;
    return b;
}

// Everything about one profile; returns nothing, prints the figures the README quotes.
void reportProfile(const std::vector<Deck>& decks, const Profile& profile, const Settings& base, bool verbose) {
    constexpr std::uint64_t kSeed = 20261204;
    Settings off = base;
    off.loadBalancing = false;
    Settings on = base;
    on.loadBalancing = true;
    Settings easy = on;
    easy.easyDays[kMinimumWeekday] = EasyDay::Minimum;

    const RunResult rOff = simulate(decks, profile, off, kSeed);
    const RunResult rOn = simulate(decks, profile, on, kSeed);
    const RunResult rEasy = simulate(decks, profile, easy, kSeed);

    std::printf("\n== %s profile: %d cards, %d days simulated (days %d..%d measured), %d new a day, every due card "
                "reviewed, learner seed %llu\n",
                profile.name, kCards, profile.days, profile.firstMeasuredDay, profile.days - 1, profile.newPerDay,
                static_cast<unsigned long long>(kSeed));
    printRun("off", rOff);
    printRun("on", rOn);
    printRun("on + Wednesday minimum", rEasy);
    const Spread sOff = spreadOf(rOff), sOn = spreadOf(rOn);
    const double reduction = sOff.cv > 0 ? 100.0 * (1.0 - sOn.cv / sOff.cv) : 0;
    const double detrendedReduction = sOff.detrendedCv > 0 ? 100.0 * (1.0 - sOn.detrendedCv / sOff.detrendedCv) : 0;
    std::printf("CV of daily reviews: off %.3f, on %.3f: %.1f %% lower with it on\n", sOff.cv, sOn.cv, reduction);
    std::printf("  detrended (vs the centred 7-day mean): off %.3f, on %.3f: %.1f %% lower\n", sOff.detrendedCv,
                sOn.detrendedCv, detrendedReduction);

    const double share = minimumShare(rEasy);
    std::vector<double> byWeekday(7, 0.0);
    std::vector<int> weekdayDays(7, 0);
    for (auto d = static_cast<std::size_t>(rEasy.firstMeasuredDay); d < rEasy.reviews.size(); ++d) {
        byWeekday[static_cast<std::size_t>(rEasy.weekday[d])] += rEasy.reviews[d];
        ++weekdayDays[static_cast<std::size_t>(rEasy.weekday[d])];
    }
    std::printf("easy days: Wednesday (minimum) gets %.1f %% of an average day\n", share);
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
        std::printf("\n");
    }
    // The same on other learner seeds: how much the figures depend on one seed.
    std::vector<double> reductions{reduction}, detrended{detrendedReduction}, shares{share};
    std::int64_t mismatches = rOff.replayMismatches + rOn.replayMismatches + rEasy.replayMismatches;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const RunResult a = simulate(decks, profile, off, seed), b = simulate(decks, profile, on, seed);
        const RunResult e = simulate(decks, profile, easy, seed);
        const Spread sa = spreadOf(a), sb = spreadOf(b);
        reductions.push_back(100.0 * (1.0 - sb.cv / sa.cv));
        detrended.push_back(100.0 * (1.0 - sb.detrendedCv / sa.detrendedCv));
        shares.push_back(minimumShare(e));
        mismatches += a.replayMismatches + b.replayMismatches + e.replayMismatches;
        std::printf("  seed %llu: CV off %.3f on %.3f: %.1f %% lower (detrended %.1f %%); Wednesday %.1f %%\n",
                    static_cast<unsigned long long>(seed), sa.cv, sb.cv, reductions.back(), detrended.back(),
                    shares.back());
    }
    const double cvLower = median(reductions), minimum = median(shares);
    std::printf("%s, median of 5 seeds: CV %.1f %% lower with it on (goal >= 30 %%: %s), detrended %.1f %% lower; "
                "minimum Wednesday %.1f %% of an average day (goal <= 10 %%: %s); replay mismatches %lld\n",
                profile.name, cvLower, cvLower >= 30 ? "met" : "NOT met", median(detrended), minimum,
                minimum <= 10 ? "met" : "NOT met", static_cast<long long>(mismatches));
    if (verbose) {
        printSeries("off", rOff);
        printSeries("on", rOn);
        printSeries("on + Wednesday minimum", rEasy);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const bool verbose = argc > 1 && std::string(argv[1]) == "-v";
    const std::vector<Deck> decks{syntheticDeck()};
    Settings base;
    base.reviewsPerDay = 100000;  // every due card is reviewed each day
    base.dailyGoalXp = 50;
    reportProfile(decks, kRampUp, base, verbose);
    reportProfile(decks, kSteady, base, verbose);
    return 0;
}
