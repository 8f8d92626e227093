// The course progress: one pass over the log in time order, grouped by card. See Progress.hpp.
#include <attune/model/core/DataPaths.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/WeakTopics.hpp>

#include <algorithm>
#include <map>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace attune::model {

using scheduler::CardPhase;
using scheduler::CardState;
using scheduler::Moment;
using scheduler::Rating;
using scheduler::studyDay;

scheduler::SchedulerSettings schedulerSettingsFor(const Settings& settings, const scheduler::Parameters& parameters) {
    scheduler::SchedulerSettings out;
    out.parameters = parameters;
    out.desiredRetention = std::clamp(settings.desiredRetention, 0.70, 0.99);
    out.dayStartHour = std::clamp(settings.dayStartHour, 0, 23);
    for (std::size_t d = 0; d < 7; ++d) out.weekdayLoad[d] = easyDayLoad(settings.easyDays[d]);
    return out;
}

std::uint64_t replayFuzzSeed(std::int64_t utcMs, std::uint64_t index) {
    // The scheduler's own, so live answers and the replay agree by construction.
    return scheduler::replayFuzzSeed(utcMs, index);
}

namespace {

// Ids are shared copies (LogId), so a card is found by the two addresses: no string is read.
std::uint64_t slotHash(const std::string* deck, const std::string* card) {
    std::uint64_t h = reinterpret_cast<std::uintptr_t>(deck) * 0x9E3779B97F4A7C15ULL;
    h ^= reinterpret_cast<std::uintptr_t>(card) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 29);
}

std::optional<std::uint32_t> lookupCard(const CourseProgress& p, const LogId& deckId, const LogId& cardId) {
    if (p.lookup.slots.empty()) return std::nullopt;
    const std::string* deck = &deckId.str();
    const std::string* card = &cardId.str();
    for (std::uint64_t i = slotHash(deck, card) & p.lookup.mask;; i = (i + 1) & p.lookup.mask) {
        const auto& slot = p.lookup.slots[i];
        if (slot.deck == nullptr) return std::nullopt;
        if (slot.deck == deck && slot.card == card) return slot.index;
    }
}

void buildLookup(CourseProgress& p) {
    std::uint64_t size = 16;
    while (size < 2 * static_cast<std::uint64_t>(p.cards.size())) size *= 2;
    p.lookup.slots.assign(size, {});
    p.lookup.mask = size - 1;
    const std::string* deck = nullptr;
    std::uint32_t deckIndex = UINT32_MAX;
    for (std::uint32_t card = 0; card < p.cards.size(); ++card) {
        if (p.cards[card].deckIndex != deckIndex) {
            deckIndex = p.cards[card].deckIndex;
            deck = &LogId(p.decks[deckIndex].id).str();
        }
        const std::string* id = &LogId(p.studyCardOf(card).id).str();
        std::uint64_t i = slotHash(deck, id) & p.lookup.mask;
        while (p.lookup.slots[i].deck != nullptr) i = (i + 1) & p.lookup.mask;
        p.lookup.slots[i] = {deck, id, card};
    }
}

}  // namespace

std::optional<std::uint32_t> CourseProgress::findCard(const LogId& deckId, const LogId& studyCardId) const {
    return lookupCard(*this, deckId, studyCardId);
}

bool CourseProgress::canStudyNow(std::int64_t learnAheadMs) const {
    if (dueToday > 0 || newAvailableToday > 0) return true;
    return nextLearningDueMs != 0 && nextLearningDueMs <= now.utcMs + learnAheadMs;
}

const StudyCard& CourseProgress::studyCardOf(std::uint32_t card) const {
    return deckOf(card).studyCards[cards[card].studyIndex];
}

const Card& CourseProgress::authoredCardOf(std::uint32_t card) const {
    return deckOf(card).cards[studyCardOf(card).cardIndex];
}

std::optional<std::int64_t> courseMasteredAtMs(const CourseProgress& p) {
    std::int64_t last = 0;
    bool any = false;
    for (std::size_t t = 0; t < p.topics.size(); ++t) {
        if (p.topicCards[t].empty() || !p.decks[p.cards[p.topicCards[t].front()].deckIndex].daily) continue;
        if (t >= p.topicMasteredAtMs.size() || p.topicMasteredAtMs[t] == 0) return std::nullopt;
        last = std::max(last, p.topicMasteredAtMs[t]);
        any = true;
    }
    if (!any) return std::nullopt;
    return last;
}

AchievementStandingInput standingInputOf(const CourseProgress& p) {
    AchievementStandingInput in{p.streak.current, p.xp.total(), 0, 0};
    for (std::size_t t = 0; t < p.topics.size(); ++t) {
        if (p.topicCards[t].empty() || !p.decks[p.cards[p.topicCards[t].front()].deckIndex].daily) continue;
        ++in.courseTopics;
        if (t < p.topicMasteredAtMs.size() && p.topicMasteredAtMs[t] != 0) ++in.courseTopicsMastered;
    }
    return in;
}

AchievementsLoadResult loadBundledAchievements() { return loadAchievements(assetsDir() / "achievements.toml"); }

namespace {

// The largest threshold any definition asks of a condition: milestones beyond it are not kept.
std::int64_t neededFor(std::span<const AchievementDefinition> definitions, AchievementCondition condition) {
    std::int64_t most = 0;
    for (const auto& def : definitions)
        if (def.condition == condition) most = std::max(most, def.count);
    return most;
}

void reach(std::vector<std::int64_t>& milestones, std::int64_t value, std::int64_t cap, std::int64_t atMs) {
    while (static_cast<std::int64_t>(milestones.size()) < std::min(value, cap)) milestones.push_back(atMs);
}

int localHour(Moment m) {
    const std::int64_t local = m.utcMs / 1000 + m.utcOffsetSeconds;
    std::int64_t secondsOfDay = local % 86400;
    if (secondsOfDay < 0) secondsOfDay += 86400;
    return static_cast<int>(secondsOfDay / 3600);
}

// Early bird: from the day start to 07:00. Night owl: from 23:00 until the day start, so a
// session at 00:30 (day start 04:00) is a late night, not an early morning.
bool earlyBirdHour(int hour, int dayStart) { return hour >= dayStart && hour < 7; }
bool nightOwlHour(int hour, int dayStart) { return hour >= 23 || hour < dayStart; }

// Calendar days between two answers that only a change of UTC offset skipped: a day is really
// missed only when it is missed both on the old clock and on the new one.
int daysSkippedByTravel(std::int64_t previousMs, std::int32_t previousOffset, Moment next, int dayStart) {
    if (previousOffset == next.utcOffsetSeconds) return 0;
    const std::int64_t gap = studyDay(next, dayStart) - studyDay({previousMs, previousOffset}, dayStart) - 1;
    const std::int64_t gapOld =
        studyDay({next.utcMs, previousOffset}, dayStart) - studyDay({previousMs, previousOffset}, dayStart) - 1;
    const std::int64_t gapNew =
        studyDay(next, dayStart) - studyDay({previousMs, next.utcOffsetSeconds}, dayStart) - 1;
    const std::int64_t real = std::max<std::int64_t>(0, std::min(gapOld, gapNew));
    return static_cast<int>(std::max<std::int64_t>(0, gap - real));
}

// Kept small: a heavy log has one per answer, and their memory is most of the replay's.
struct DueSpan {
    std::int32_t from;     // first study day the card was due (a review, or a learning step)
    std::int32_t to;       // last day it was due (the day it was done, or today)
    std::uint32_t card;    // into CourseProgress::cards
    bool doneOnLastDay;    // answered on `to`
};

DueSpan dueSpan(std::int64_t from, std::int64_t to, bool doneOnLastDay, std::size_t card) {
    const auto day = [](std::int64_t d) { return static_cast<std::int32_t>(std::clamp<std::int64_t>(d, INT32_MIN, INT32_MAX)); };
    return {day(from), day(to), static_cast<std::uint32_t>(card), doneOnLastDay};
}

struct DayTally {
    int xp = 0;
    bool studied = false;
    std::int64_t goalReachedMs = 0;
    std::int64_t lastAnswerMs = 0;
    int travelDays = 0;
};

// The bare progress: what the input decides before any answer is read.
CourseProgress startProgress(const CourseInput& input) {
    CourseProgress p;
    p.scheduler = scheduler::Scheduler(schedulerSettingsFor(input.settings, input.parameters));
    p.decks = input.decks;
    p.settings = input.settings;
    p.now = input.now;
    p.xp = XpLedger(input.xpRules);
    p.parameters = input.parameters;
    p.achievementDefinitions = input.achievements;
    p.questDefinitions = input.quests;
    p.playerDeckIds = input.playerDeckIds;
    p.xpRules = input.xpRules;
    return p;
}

// The course's cards and topics, deck by deck, in the decks' order.
void addCourseCards(CourseProgress& p, std::span<const Deck> decks) {
    std::size_t studyCardCount = 0;
    for (const Deck& deck : decks) studyCardCount += deck.studyCards.size();
    p.cards.reserve(studyCardCount);
    p.siblingGroup.reserve(studyCardCount);
    for (std::size_t d = 0; d < decks.size(); ++d) {
        const Deck& deck = decks[d];
        std::map<std::string, std::uint32_t> topicOf;
        auto addTopic = [&](const std::string& id, const std::string& title) {
            TopicMastery topic;
            topic.deckId = deck.id;
            topic.topicId = id;
            topic.title = title.empty() ? id : title;
            p.topics.push_back(std::move(topic));
            p.topicCards.emplace_back();
            const auto index = static_cast<std::uint32_t>(p.topics.size() - 1);
            topicOf.emplace(id, index);
            return index;
        };
        for (const Topic& topic : deck.topics) addTopic(topic.id, topic.title);
        for (std::size_t s = 0; s < deck.studyCards.size(); ++s) {
            const StudyCard& study = deck.studyCards[s];
            const std::string& topicId = study.cardIndex < deck.cards.size() ? deck.cards[study.cardIndex].topic : "";
            const auto found = topicOf.find(topicId);
            const std::uint32_t topic = found != topicOf.end() ? found->second : addTopic(topicId, topicId);
            CourseCard card;
            card.deckIndex = static_cast<std::uint32_t>(d);
            card.studyIndex = static_cast<std::uint32_t>(s);
            card.topicIndex = topic;
            const auto index = static_cast<std::uint32_t>(p.cards.size());
            // Study cards of one authored card are next to each other: the first is the group.
            const bool sibling = s > 0 && deck.studyCards[s - 1].cardIndex == study.cardIndex;
            p.siblingGroup.push_back(sibling ? p.siblingGroup.back() : index);
            p.cards.push_back(std::move(card));
            p.topicCards[topic].push_back(index);
        }
    }
    buildLookup(p);
}

struct DayCounts;

// The largest threshold of each condition: milestones beyond it are not kept.
struct MilestoneCaps {
    std::int64_t reviews, learned, xp, topics, run, comeback, decks, early, night, introduced;

    explicit MilestoneCaps(std::span<const AchievementDefinition> defs)
        : reviews(neededFor(defs, AchievementCondition::ReviewsTotal)),
          learned(neededFor(defs, AchievementCondition::CardsLearned)),
          xp(std::max(neededFor(defs, AchievementCondition::XpTotal),
                      xpAtLevelStart(static_cast<int>(
                          std::min<std::int64_t>(neededFor(defs, AchievementCondition::Level), 100000))))),
          topics(neededFor(defs, AchievementCondition::TopicsMastered)),
          run(neededFor(defs, AchievementCondition::PerfectRun)),
          comeback(neededFor(defs, AchievementCondition::Comeback)),
          decks(neededFor(defs, AchievementCondition::DeckAuthored)),
          early(neededFor(defs, AchievementCondition::EarlyBird)),
          night(neededFor(defs, AchievementCondition::NightOwl)),
          introduced(neededFor(defs, AchievementCondition::DecksIntroduced)) {}
};

// Everything the pass touches per card in one place: one cache line or two per answer.
struct Slot {
    CardState state;
    std::int64_t firstDay = INT64_MAX;
    std::uint32_t answers = 0;
    std::uint32_t deckIndex = UINT32_MAX;  // UINT32_MAX: a card no loaded deck has
    std::uint32_t topicIndex = 0;
    bool graduated = false;
    scheduler::Moment leechAt{INT64_MIN, 0};  // the latest answer that made it a leech (isLeechPoint)
};

// The latest card markers of one card, by kind (INT64_MIN: none).
struct CardMarks {
    Moment suspended{INT64_MIN, 0};
    std::int64_t unsuspendedMs = INT64_MIN;
    Moment buried{INT64_MIN, 0};
};

// The card of one answer, in time order.
struct Answer {
    std::uint32_t slot = 0;
    std::uint32_t deck = UINT32_MAX;  // UINT32_MAX: no loaded deck has the card
    std::uint32_t topic = 0;
};

// One scheduling answer, stored with the other answers of its card.
struct CardEvent {
    std::int64_t utcMs;
    std::int32_t utcOffsetSeconds;
    std::uint32_t position;  // in `order`
    std::int32_t scheduledDays;
    Rating rating;
};

// What one answer did to its card, by the answer's place in time.
struct Outcome {
    std::int16_t baseXp = 0;
    std::int8_t strongDelta = 0;  // the card crossed three weeks of stability (+1) or fell back (-1)
    bool firstGraduation = false;
};

constexpr std::uint32_t kUnknown = UINT32_MAX;
constexpr std::uint32_t kNoSiblings = UINT32_MAX;

// The replay of the log over the course: each stage below reads what the earlier ones left.
struct ProgressReplay {
    const CourseInput& input;
    CourseProgress& p;
    const int dayStart;
    const int goal;
    const std::size_t known;
    const MasteryRules masteryRules;
    const MilestoneCaps caps;

    std::vector<std::size_t> order;
    std::vector<Slot> slots;
    std::unordered_map<std::string, std::uint32_t> unknownSlots;
    std::vector<std::vector<DueSpan>> dueSpans = std::vector<std::vector<DueSpan>>(1);  // one part a replay thread
    std::map<std::int64_t, DayTally> dayTally;
    std::vector<int> topicStrong;
    std::vector<char> topicEverMastered;
    std::vector<char> cardIntroduced;     // per known card: answered at least once (schedule changed)
    std::vector<std::uint32_t> deckIntroduced, deckCards;  // per deck: cards introduced, cards in all
    std::vector<char> playerDeckStudied;
    std::vector<char> isPlayerDeck;
    std::vector<char> dailyDeck;

    std::int64_t learnedCount = 0, topicsMasteredCount = 0, decksCount = 0, earlyCount = 0, nightCount = 0, decksIntroducedCount = 0;
    std::int64_t lastOwnDay = INT64_MIN;
    std::int32_t lastOwnOffset = 0;
    std::int64_t lastOwnMs = 0;
    std::int64_t nowDay = 0;

    std::vector<Answer> answers;
    std::vector<std::uint32_t> perSlot;  // after groupByCard: where each slot's events begin
    std::vector<CardEvent> events;
    std::vector<Outcome> outcomes;
    std::vector<std::uint32_t> siblingList;  // into siblingAnswerDays, or kNoSiblings
    std::vector<std::vector<std::int64_t>> siblingAnswerDays;
    std::map<std::int64_t, DayTally>::iterator tally = dayTally.end();
    std::vector<CardMarks> marks;            // per known card; empty when the log has no card marker
    std::vector<std::int64_t> holdFromDay;   // per known card: the study day its hold began

    ProgressReplay(const CourseInput& in, CourseProgress& progress)
        : input(in),
          p(progress),
          dayStart(progress.scheduler.settings().dayStartHour),
          goal(std::max(1, in.settings.dailyGoalXp)),
          known(progress.cards.size()),
          caps(in.achievements) {}

    void prepare();
    void findAnswerCards();
    void lookUpCards(std::size_t begin, std::size_t end);
    void groupByCard();
    void replayAllCards();
    void replayCards(std::size_t firstSlot, std::size_t endSlot, std::vector<DueSpan>& spans);
    void listSiblingAnswerDays();
    void readCardMarkers();
    void holdCards();
    void tallyAnswers();
    void tallyOwnAnswer(const ReviewRecord& rec, const Answer& a, Moment at, std::int64_t day);
    void tallyScheduleChange(const ReviewRecord& rec, const Answer& a, const Outcome& o, std::int64_t day, bool own);
    void countToday();
    void countTodaysAnswers();
    void countDailyQueue();
    void countDueByDay();
    void buildDaysAndStreak();
    void spreadDueSpans(DayCounts& c) const;
    void countNewCardsLeft(DayCounts& c) const;
    void listDays(const DayCounts& c);
    void tallyTopics();
    void bookQuestBonuses();

    bool strong(const CardState& st) const {
        return st.memory && st.memory->stability >= masteryRules.masteredStabilityDays;
    }

    // One scheduling answer of slot `s`, the `index`-th of its card.
    // The interval given at the time (load balancing, easy days) is in the record; older records
    // and imports get the fuzzed interval, as they were given before either existed.
    void replayAnswer(std::size_t s, std::uint32_t index, const CardEvent& e, std::vector<DueSpan>& spans) {
        Slot& work = slots[s];
        const Moment at{e.utcMs, e.utcOffsetSeconds};
        const CardState& before = work.state;
        const CardState after = p.scheduler.answerRecorded(before, e.rating, at, replayFuzzSeed(e.utcMs, index), e.scheduledDays);
        Outcome& o = outcomes[e.position];
        o.firstGraduation = after.phase == CardPhase::Review && !work.graduated;
        o.baseXp = static_cast<std::int16_t>(baseXp(input.xpRules, before, after, e.rating, o.firstGraduation));
        o.strongDelta = static_cast<std::int8_t>((strong(after) ? 1 : 0) - (strong(before) ? 1 : 0));
        if (o.firstGraduation) work.graduated = true;
        if (after.lapses > before.lapses && isLeechPoint(after.lapses, input.settings.leechLapses)) work.leechAt = at;
        if (s < known) {
            const std::int64_t day = studyDay(at, dayStart);
            CourseCard& card = p.cards[s];
            ++card.scheduledAnswers;
            if (o.firstGraduation) card.everGraduated = true;
            work.firstDay = std::min(work.firstDay, day);
            card.firstDay = work.firstDay;
            // A review or a learning step that came due before it was answered.
            if (before.phase != CardPhase::New && before.dueDay <= day && dailyDeck[work.deckIndex])
                spans.push_back(dueSpan(before.dueDay, day, true, s));
        }
        work.state = after;
    }
};

// The answers in time order, the card slots and the per-deck and per-topic flags.
void ProgressReplay::prepare() {
    order = effectiveOrder(input.reviews);
    // Answers dated past now (a clock that ran ahead) wait for their time: counted now they
    // would move "today" forward and break the streak.
    while (!order.empty() && datedInTheFuture(input.reviews[order.back()], input.now.utcMs)) order.pop_back();
    slots.resize(known);
    for (std::size_t c = 0; c < known; ++c) {
        slots[c].deckIndex = p.cards[c].deckIndex;
        slots[c].topicIndex = p.cards[c].topicIndex;
    }
    topicStrong.assign(p.topics.size(), 0);
    topicEverMastered.assign(p.topics.size(), 0);
    p.topicMasteredAtMs.assign(p.topics.size(), 0);
    p.deckIntroducedAtMs.assign(input.decks.size(), 0);
    cardIntroduced.assign(known, 0);
    deckIntroduced.assign(input.decks.size(), 0);
    deckCards.assign(input.decks.size(), 0);
    for (std::size_t c = 0; c < known; ++c) ++deckCards[p.cards[c].deckIndex];
    playerDeckStudied.assign(input.decks.size(), 0);
    isPlayerDeck.assign(input.decks.size(), 0);
    dailyDeck.assign(input.decks.size(), 0);
    for (std::size_t d = 0; d < input.decks.size(); ++d) dailyDeck[d] = input.decks[d].daily ? 1 : 0;
    for (std::size_t d = 0; d < input.decks.size(); ++d)
        isPlayerDeck[d] = std::find(input.playerDeckIds.begin(), input.playerDeckIds.end(), input.decks[d].id) !=
                          input.playerDeckIds.end();
}

void ProgressReplay::lookUpCards(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        const ReviewRecord& rec = input.reviews[order[i]];
        const auto card = lookupCard(p, rec.deckId, rec.cardId);
        answers[i].slot = card ? *card : kUnknown;
    }
}

// Pass 1, in time order: the card of every answer; cards no loaded deck has get their own slot.
void ProgressReplay::findAnswerCards() {
    answers.resize(order.size());
    perSlot.assign(known + 1, 0);
    // The lookups only read the table: a heavy log splits them over two threads.
    if (order.size() < 50000 || std::thread::hardware_concurrency() < 2) {
        lookUpCards(0, order.size());
    } else {
        std::thread second([this] { lookUpCards(order.size() / 2, order.size()); });
        lookUpCards(0, order.size() / 2);
        second.join();
    }
    std::string key;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ReviewRecord& rec = input.reviews[order[i]];
        Answer& a = answers[i];
        if (a.slot != kUnknown) {
            a.deck = p.cards[a.slot].deckIndex;
            a.topic = p.cards[a.slot].topicIndex;
        } else {
            key.assign(rec.deckId);
            key += '\n';
            key += rec.cardId;
            const auto [it, added] = unknownSlots.try_emplace(key, static_cast<std::uint32_t>(slots.size()));
            if (added) {
                slots.emplace_back();
                perSlot.push_back(0);
            }
            a.slot = it->second;
        }
        if (changesSchedule(rec)) ++perSlot[a.slot + 1];
    }
}

// Pass 2, card by card: each card's answers copied next to each other (a counting sort), so
// the replay through the scheduler reads memory in order.
void ProgressReplay::groupByCard() {
    for (std::size_t s = 1; s < perSlot.size(); ++s) perSlot[s] += perSlot[s - 1];
    events.resize(perSlot.back());
    std::vector<std::uint32_t> fill(perSlot.begin(), perSlot.end() - 1);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ReviewRecord& rec = input.reviews[order[i]];
        if (changesSchedule(rec))
            events[fill[answers[i].slot]++] = {rec.utcMs, rec.utcOffsetSeconds, static_cast<std::uint32_t>(i),
                                               rec.scheduledDays, rec.rating};
    }
}

void ProgressReplay::replayCards(std::size_t firstSlot, std::size_t endSlot, std::vector<DueSpan>& spans) {
    for (std::size_t s = firstSlot; s < endSlot; ++s)
        for (std::uint32_t k = perSlot[s]; k < perSlot[s + 1]; ++k) replayAnswer(s, k - perSlot[s], events[k], spans);
}

// Every card's answers through the scheduler; what each answer did goes to `outcomes`.
void ProgressReplay::replayAllCards() {
    outcomes.resize(order.size());
    const std::size_t slotCount = perSlot.size() - 1;
    // Cards are independent here: a heavy log is split over a few threads.
    const std::size_t threads = events.size() < 50000 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    if (threads == 1) {
        replayCards(0, slotCount, dueSpans[0]);
        return;
    }
    // Split where each part has about the same number of answers.
    std::vector<std::size_t> bounds{0};
    for (std::size_t t = 1; t < threads; ++t) {
        const auto target = static_cast<std::uint32_t>(events.size() * t / threads);
        const auto it =
            std::lower_bound(perSlot.begin() + static_cast<std::ptrdiff_t>(bounds.back()), perSlot.end() - 1, target);
        bounds.push_back(static_cast<std::size_t>(it - perSlot.begin()));
    }
    bounds.push_back(slotCount);
    dueSpans.resize(threads);
    std::vector<std::thread> workers;
    for (std::size_t t = 1; t < threads; ++t)
        workers.emplace_back([this, &bounds, t] { replayCards(bounds[t], bounds[t + 1], dueSpans[t]); });
    replayCards(bounds[0], bounds[1], dueSpans[0]);
    for (auto& worker : workers) worker.join();
}

// The study days on which each card with siblings was answered (siblings apart, below).
// Only cards with siblings get a list (a heavy course may have none).
void ProgressReplay::listSiblingAnswerDays() {
    siblingList.assign(known, kNoSiblings);
    std::uint32_t withSiblings = 0;
    for (std::size_t i = 0; i < known; ++i)
        if (p.siblingGroup[i] != i || (i + 1 < known && p.siblingGroup[i + 1] == p.siblingGroup[i]))
            siblingList[i] = withSiblings++;
    siblingAnswerDays.resize(withSiblings);
}

// The latest suspend, unsuspend and bury of each card. Markers dated past now wait for their
// time, as answers do; markers of cards no loaded deck has are kept in the log and read when
// the card is back.
void ProgressReplay::readCardMarkers() {
    const std::vector<std::size_t> markerOrder = cardMarkerOrder(input.reviews);
    for (const std::size_t i : markerOrder) {
        const ReviewRecord& rec = input.reviews[i];
        if (datedInTheFuture(rec, input.now.utcMs)) break;  // in time order
        const auto card = lookupCard(p, rec.deckId, rec.cardId);
        if (!card) continue;
        if (marks.empty()) marks.resize(known);
        CardMarks& m = marks[*card];
        switch (rec.kind) {
        case ReviewKind::Suspend: m.suspended = rec.moment(); break;
        case ReviewKind::Unsuspend: m.unsuspendedMs = rec.utcMs; break;
        case ReviewKind::Bury: m.buried = rec.moment(); break;
        default: break;
        }
    }
}

// Which cards are out of study now. The latest of "suspended" and "became a leech" (with the
// set-aside action) holds the card unless an unsuspend came at that time or later; a bury holds
// it for the rest of its own study day.
void ProgressReplay::holdCards() {
    p.holds.assign(known, CardHold::None);
    holdFromDay.assign(known, INT64_MAX);
    const bool setLeechesAside = input.settings.leechAction == LeechAction::SetAside;
    for (std::size_t i = 0; i < known; ++i) {
        const CardMarks m = marks.empty() ? CardMarks{} : marks[i];
        const Moment leech = setLeechesAside ? slots[i].leechAt : Moment{INT64_MIN, 0};
        const Moment aside = leech.utcMs > m.suspended.utcMs ? leech : m.suspended;
        if (aside.utcMs != INT64_MIN && aside.utcMs > m.unsuspendedMs) {
            p.holds[i] = leech.utcMs > m.suspended.utcMs ? CardHold::Leech : CardHold::Suspended;
            holdFromDay[i] = studyDay(aside, dayStart);
            ++p.setAsideCards;
        } else if (m.buried.utcMs != INT64_MIN && studyDay(m.buried, dayStart) == p.today) {
            p.holds[i] = CardHold::Buried;
            holdFromDay[i] = p.today;
            ++p.buriedCards;
        }
    }
}

// An answer of the player's own study: totals, the day it falls on, the time-of-day milestones.
void ProgressReplay::tallyOwnAnswer(const ReviewRecord& rec, const Answer& a, Moment at, std::int64_t day) {
    AchievementMilestones& ms = p.milestones;
    const bool isKnown = a.slot < known;
    ++p.reviewsTotal;
    if (!isKnown) ++p.unknownCardReviews;
    reach(ms.reviews, p.reviewsTotal, caps.reviews, rec.utcMs);
    if (tally == dayTally.end() || tally->first != day) tally = dayTally.try_emplace(day).first;
    if (!tally->second.studied) {
        tally->second.studied = true;
        if (lastOwnDay != INT64_MIN && day > lastOwnDay + 1) {
            // Comeback after a break, and days only a time-zone change skipped.
            reach(ms.comebackGap, day - lastOwnDay - 1, caps.comeback, rec.utcMs);
            tally->second.travelDays = daysSkippedByTravel(lastOwnMs, lastOwnOffset, at, dayStart);
        }
    }
    tally->second.lastAnswerMs = rec.utcMs;
    if (lastOwnDay == INT64_MIN || day >= lastOwnDay) {
        lastOwnDay = day;
        lastOwnOffset = rec.utcOffsetSeconds;
        lastOwnMs = rec.utcMs;
    }
    p.lastAnswerMs = rec.utcMs;
    p.lastAnswerOffset = rec.utcOffsetSeconds;
    const int hour = localHour(at);
    if (earlyBirdHour(hour, dayStart)) reach(ms.earlyBird, ++earlyCount, caps.early, rec.utcMs);
    if (nightOwlHour(hour, dayStart)) reach(ms.nightOwl, ++nightCount, caps.night, rec.utcMs);
    if (isKnown && isPlayerDeck[a.deck] && !playerDeckStudied[a.deck]) {
        playerDeckStudied[a.deck] = 1;
        reach(ms.decksAuthored, ++decksCount, caps.decks, rec.utcMs);
    }
}

// An answer that changed its card's schedule: sibling days, learned, topic mastery, XP.
void ProgressReplay::tallyScheduleChange(const ReviewRecord& rec, const Answer& a, const Outcome& o, std::int64_t day,
                                         bool own) {
    AchievementMilestones& ms = p.milestones;
    const bool isKnown = a.slot < known;
    if (isKnown && siblingList[a.slot] != kNoSiblings) {
        auto& days = siblingAnswerDays[siblingList[a.slot]];
        if (days.empty() || days.back() != day) days.push_back(day);
    }
    if (o.firstGraduation && own) reach(ms.learned, ++learnedCount, caps.learned, rec.utcMs);
    if (isKnown && o.strongDelta != 0) {
        // Topic mastery over time: every card of the topic at three weeks of stability.
        topicStrong[a.topic] += o.strongDelta;
        if (!topicEverMastered[a.topic] && topicStrong[a.topic] == static_cast<int>(p.topicCards[a.topic].size())) {
            topicEverMastered[a.topic] = 1;
            p.topicMasteredAtMs[a.topic] = rec.utcMs;
            reach(ms.topicsMastered, ++topicsMasteredCount, caps.topics, rec.utcMs);
        }
    }
    if (isKnown && !cardIntroduced[a.slot]) {
        // The last new card of a deck introduced: the deck's finale and its achievement.
        cardIntroduced[a.slot] = 1;
        if (++deckIntroduced[a.deck] == deckCards[a.deck]) {
            p.deckIntroducedAtMs[a.deck] = rec.utcMs;
            reach(ms.decksIntroduced, ++decksIntroducedCount, caps.introduced, rec.utcMs);
        }
    }
    const int earned = p.xp.addEarned(rec, o.baseXp, day);
    if (own) {
        DayTally& t = tally->second;
        if (t.xp < goal && t.xp + earned >= goal) t.goalReachedMs = rec.utcMs;
        t.xp += earned;
        if (earned > 0 && p.xp.total() - earned < caps.xp) ms.xp.emplace_back(p.xp.total(), rec.utcMs);
        reach(ms.perfectRun, p.xp.combo(), caps.run, rec.utcMs);
    }
}

// Pass 3, in time order: XP with its combo, the days, the milestones.
void ProgressReplay::tallyAnswers() {
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ReviewRecord& rec = input.reviews[order[i]];
        const Moment at = rec.moment();
        const std::int64_t day = studyDay(at, dayStart);
        const bool own = isOwnStudy(rec);
        if (own)
            tallyOwnAnswer(rec, answers[i], at, day);
        else
            ++p.importedTotal;
        if (!changesSchedule(rec)) continue;  // cram: practice only
        tallyScheduleChange(rec, answers[i], outcomes[i], day, own);
    }
}

// Today, the final card states and what they say about today.
void ProgressReplay::countToday() {
    nowDay = studyDay(input.now, dayStart);
    p.today = lastOwnDay == INT64_MIN ? nowDay : std::max(nowDay, lastOwnDay);
    p.states.resize(known);
    for (std::size_t i = 0; i < known; ++i) p.states[i] = slots[i].state;
    holdCards();
    for (std::size_t i = 0; i < known; ++i) {
        const CardState& s = p.states[i];
        if (p.cards[i].everGraduated) ++p.cardsLearned;
        if (slots[i].firstDay == p.today) ++p.todayCounts.newStudied;
        // Reference decks wait in the topic map: what is due "today" is the daily session's.
        const bool daily = dailyDeck[p.cards[i].deckIndex];
        // A held card was not left undone while it was held.
        const std::int64_t dueUntil = std::min(p.today, holdFromDay[i] - 1);
        if (daily && s.phase != CardPhase::New && s.dueDay <= dueUntil) dueSpans[0].push_back(dueSpan(s.dueDay, dueUntil, false, i));
        if (p.holds[i] != CardHold::None) continue;
        if (daily && p.scheduler.isDue(s, input.now)) ++p.dueToday;
        if (daily && s.phase == CardPhase::New) ++p.newInDaily;
        if (daily && (s.phase == CardPhase::Learning || s.phase == CardPhase::Relearning) && s.dueMs > input.now.utcMs &&
            s.dueDay <= p.today) {
            ++p.learningLaterToday;
            if (p.nextLearningDueMs == 0 || s.dueMs < p.nextLearningDueMs) p.nextLearningDueMs = s.dueMs;
        }
    }
    p.todayCounts.xp = p.xp.xpOnDay(p.today);
}

// Today's answers, from the end of the log back: counts and the cards forgotten today.
void ProgressReplay::countTodaysAnswers() {
    std::vector<char> seenToday(known, 0);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const ReviewRecord& rec = input.reviews[*it];
        if (studyDay(rec.moment(), dayStart) != p.today) {
            if (rec.utcMs < input.now.utcMs - 2 * 86400000LL) break;  // in time order
            continue;
        }
        if (isOwnStudy(rec)) ++p.todayCounts.answers;
        if (rec.kind == ReviewKind::Review) ++p.todayCounts.reviewsDone;
        // Forgotten today: answered Again at least once today (relearned since or not).
        const std::uint32_t slot = answers[static_cast<std::size_t>(order.rend() - it - 1)].slot;
        if (slot < known && changesSchedule(rec) && rec.rating == Rating::Again && !seenToday[slot]) {
            seenToday[slot] = 1;
            p.forgottenToday.push_back(slot);
        }
    }
    std::reverse(p.forgottenToday.begin(), p.forgottenToday.end());
}

// Today's daily queue as a session would build it: the new cards it would introduce and the
// reviews that wait a day for a sibling.
void ProgressReplay::countDailyQueue() {
    // Only the daily decks' cards that are not held (suspended, set aside, buried); with every
    // deck daily and nothing held (the usual case), all of them.
    std::vector<std::uint32_t> dailyCards;
    const bool everyCard = std::all_of(dailyDeck.begin(), dailyDeck.end(), [](char d) { return d != 0; }) &&
                           p.setAsideCards + p.buriedCards == 0;
    if (!everyCard) {
        dailyCards.reserve(known);
        for (std::size_t i = 0; i < known; ++i)
            if (dailyDeck[p.cards[i].deckIndex] && p.holds[i] == CardHold::None)
                dailyCards.push_back(static_cast<std::uint32_t>(i));
    }
    const std::span<const std::uint32_t> groups =
        input.settings.siblingsApart ? std::span<const std::uint32_t>(p.siblingGroup) : std::span<const std::uint32_t>();
    scheduler::DailyLimits limits;
    limits.newCards = input.settings.newCardsPerDay;
    limits.reviews = INT32_MAX / 2;  // every due card is counted; the session applies the limit
    limits.newDoneToday = p.todayCounts.newStudied;
    const scheduler::DailyQueue queue =
        everyCard || !dailyCards.empty()
            ? scheduler::buildDailyQueue(p.scheduler, p.states, input.now, limits, {groups}, dailyCards)
            : scheduler::DailyQueue{};
    for (const std::uint32_t c : queue.cards)
        if (p.states[c].phase == CardPhase::New) ++p.newAvailableToday;
    p.siblingsWaiting = queue.siblingsWaiting;
    p.dueToday -= queue.siblingsWaiting;
}

// The calendar of due reviews from today on (every card in the log), for load balancing.
void ProgressReplay::countDueByDay() {
    for (std::size_t i = 0; i < slots.size(); ++i) {
        const Slot& slot = slots[i];
        if (slot.state.phase != CardPhase::Review || slot.state.dueDay < p.today) continue;
        if (i < known && isSetAside(p.holds[i])) continue;  // it comes due on no day until brought back
        const auto offset = static_cast<std::size_t>(slot.state.dueDay - p.today);
        if (offset >= p.dueByDay.size()) p.dueByDay.resize(offset + 1, 0);
        ++p.dueByDay[offset];
    }
}

// Per-day counts from the first studied day to today, as difference arrays: one entry a day.
struct DayCounts {
    std::int64_t firstDay;
    std::size_t span;
    std::vector<int> dueDiff, undoneDiff, firstStudied;
    // A card that waited for tomorrow because a sibling was answered that day was not left
    // undone: a point correction on each such day.
    std::vector<int> heldBack;
    std::vector<int> newLeft;

    DayCounts(std::int64_t first, std::int64_t today)
        : firstDay(first),
          span(static_cast<std::size_t>(today - first + 2)),
          dueDiff(span, 0),
          undoneDiff(span, 0),
          firstStudied(span, 0),
          heldBack(span, 0) {}

    std::size_t at(std::int64_t day) const {
        return static_cast<std::size_t>(std::clamp<std::int64_t>(day - firstDay, 0, static_cast<std::int64_t>(span) - 1));
    }
};

// The days between `from` and `to` on which a sibling of `card` was answered: the card waited.
void holdBySibling(DayCounts& c, std::vector<std::int64_t>& heldDays, std::span<const std::uint32_t> siblingGroup,
                   std::span<const std::uint32_t> siblingList, const std::vector<std::vector<std::int64_t>>& siblingAnswerDays,
                   std::uint32_t card, std::int64_t from, std::int64_t to) {
    heldDays.clear();
    const std::uint32_t group = siblingGroup[card];
    for (std::uint32_t sib = group; sib < siblingGroup.size() && siblingGroup[sib] == group; ++sib) {
        if (sib == card) continue;
        for (const std::int64_t day : siblingAnswerDays[siblingList[sib]])
            if (day >= from && day <= to) heldDays.push_back(day);
    }
    std::sort(heldDays.begin(), heldDays.end());
    heldDays.erase(std::unique(heldDays.begin(), heldDays.end()), heldDays.end());
    for (const std::int64_t day : heldDays) --c.heldBack[c.at(day)];
}

void ProgressReplay::spreadDueSpans(DayCounts& c) const {
    std::vector<std::int64_t> heldDays;
    for (const auto& part : dueSpans) {
        for (const DueSpan& s : part) {
            if (s.to < c.firstDay) continue;
            const std::int64_t from = std::max<std::int64_t>(s.from, c.firstDay);
            ++c.dueDiff[c.at(from)];
            --c.dueDiff[c.at(std::int64_t{s.to} + 1)];
            const std::int64_t undoneTo = s.doneOnLastDay ? std::int64_t{s.to} - 1 : s.to;
            if (undoneTo >= from) {
                ++c.undoneDiff[c.at(from)];
                --c.undoneDiff[c.at(undoneTo + 1)];
                if (input.settings.siblingsApart)
                    holdBySibling(c, heldDays, p.siblingGroup, siblingList, siblingAnswerDays, s.card, from, undoneTo);
            }
        }
    }
}

// Cards first studied after day D are still new on D.
void ProgressReplay::countNewCardsLeft(DayCounts& c) const {
    int neverStudied = 0;
    for (std::size_t i = 0; i < known; ++i) {
        if (!dailyDeck[p.cards[i].deckIndex]) continue;  // a reference deck's new cards are never "left"
        const std::int64_t first = slots[i].firstDay;
        if (first == INT64_MAX)
            ++neverStudied;
        else if (first >= c.firstDay && first <= p.today)
            ++c.firstStudied[c.at(first)];
    }
    c.newLeft.assign(c.span, 0);
    int later = neverStudied;
    for (std::int64_t day = p.today; day >= c.firstDay; --day) {
        c.newLeft[c.at(day)] = later;
        later += c.firstStudied[c.at(day)];
    }
}

// The facts of every day from the first studied one to today; goal days for the milestones.
void ProgressReplay::listDays(const DayCounts& c) {
    AchievementMilestones& ms = p.milestones;
    int due = 0, undone = 0;
    p.days.reserve(c.span);
    for (std::int64_t day = c.firstDay; day <= p.today; ++day) {
        due += c.dueDiff[c.at(day)];
        undone += c.undoneDiff[c.at(day)];
        StudyDayFacts f;
        f.day = day;
        f.reviewsDue = due;
        f.reviewsLeftUndone = undone + c.heldBack[c.at(day)];
        f.newCardsLeft = c.newLeft[c.at(day)];
        if (const auto found = dayTally.find(day); found != dayTally.end()) {
            f.xp = found->second.xp;
            f.studied = found->second.studied;
            f.travelDays = found->second.travelDays;
            f.countedAtMs = found->second.goalReachedMs != 0 ? found->second.goalReachedMs : found->second.lastAnswerMs;
            if (f.xp >= goal) ms.goalDays.push_back(f.countedAtMs);
        }
        p.days.push_back(f);
    }
}

// The days, the streak and the goal: only once the player has answered something.
void ProgressReplay::buildDaysAndStreak() {
    if (lastOwnDay == INT64_MIN) return;
    DayCounts counts(std::max(dayTally.begin()->first, p.today - 40000), p.today);
    spreadDueSpans(counts);
    countNewCardsLeft(counts);
    // A trip since the last answer: days skipped only by the time zone are not missed.
    if (nowDay > lastOwnDay + 1) dayTally[p.today].travelDays = daysSkippedByTravel(lastOwnMs, lastOwnOffset, input.now, dayStart);
    listDays(counts);
    StreakRules rules;
    rules.dailyGoalXp = goal;
    p.streak = computeStreak(p.days, p.today, rules);
    p.milestones.streak = p.streak.countedDayReachedAtMs;
}

// Topics, weak topics, leeches.
void ProgressReplay::tallyTopics() {
    for (std::size_t t = 0; t < p.topics.size(); ++t) {
        double recallSum = 0.0;
        for (const std::uint32_t c : p.topicCards[t]) {
            const CardState& s = p.states[c];
            tallyCard(p.topics[t], p.scheduler, s, input.now, input.settings.leechLapses, masteryRules);
            if (isSetAside(p.holds[c])) ++p.topics[t].setAside;
            if (s.phase != CardPhase::New) recallSum += p.scheduler.recallNow(s, input.now);
            if (isLeech(s.lapses, input.settings.leechLapses)) p.leeches.push_back(c);
        }
        finishTopic(p.topics[t], recallSum);
        p.newCards += p.topics[t].newCards;
        p.learningCards += p.topics[t].learning;
        p.reviewCards += p.topics[t].review;
        p.masteredCards += p.topics[t].mastered;
    }
    p.weakTopics = pickWeakTopics(p.topics);
    std::stable_sort(p.leeches.begin(), p.leeches.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return p.states[a].lapses > p.states[b].lapses; });
}

// The quest bonus of every study day whose quests were all completed: past days chosen again
// from their answers and facts (pastDayWorkload), today as the goal ring shows it. One pass
// over the answers; the choice of a day is a sort of the few definitions.
void ProgressReplay::bookQuestBonuses() {
    if (input.quests.empty() || p.days.empty()) return;
    const ReviewRecord* first = firstOwnAnswer(input.reviews);
    std::vector<std::pair<std::int64_t, int>> bonuses;  // (time, XP), in time order
    std::vector<QuestAnswer> day;
    std::int64_t dayNumber = INT64_MIN;
    auto closeDay = [&] {
        if (day.empty() || dayNumber >= p.today) return;  // no day opened yet (INT64_MIN), or today
        const std::int64_t index = dayNumber - p.days.front().day;
        if (index < 0 || index >= static_cast<std::int64_t>(p.days.size())) return;
        const StudyDayFacts& facts = p.days[static_cast<std::size_t>(index)];
        DailyQuests quests = chooseQuests(input.quests, dayNumber, questProfileSeed(first, dayNumber, dayStart),
                                          pastDayWorkload(p, facts, day));
        measureQuests(quests, p, day, INT64_MAX);
        if (quests.allCompleteAtMs) bonuses.emplace_back(*quests.allCompleteAtMs, quests.bonusXp());
    };
    // Study days follow time order except across a change of time zone: such a day's two
    // parts are joined first.
    std::vector<std::pair<std::int64_t, QuestAnswer>> counted;  // (study day, answer)
    counted.reserve(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ReviewRecord& rec = input.reviews[order[i]];
        if (!isOwnStudy(rec) || !changesSchedule(rec)) continue;
        const std::uint32_t slot = answers[i].slot;
        counted.emplace_back(studyDay(rec.moment(), dayStart),
                             QuestAnswer{rec.utcMs, rec.rating, rec.kind == ReviewKind::Review, slot < known ? slot : UINT32_MAX});
    }
    const auto byDay = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(counted.begin(), counted.end(), byDay)) std::stable_sort(counted.begin(), counted.end(), byDay);
    for (const auto& [d, answer] : counted) {
        if (d != dayNumber) {
            closeDay();
            day.clear();
            dayNumber = d;
        }
        day.push_back(answer);
    }
    closeDay();
    const DailyQuests today = dailyQuests(input.quests, p, input.reviews);
    if (today.allCompleteAtMs) bonuses.emplace_back(*today.allCompleteAtMs, today.bonusXp());
    if (bonuses.empty()) return;
    std::sort(bonuses.begin(), bonuses.end());

    // The XP achievements see each bonus at its time, after the answer that earned it; as for
    // answers, nothing is kept past the largest threshold.
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    std::int64_t bonusSum = 0, answersTotal = 0;
    std::size_t b = 0;
    auto bookUntil = [&](auto reached) {
        for (; b < bonuses.size() && reached(bonuses[b].first); ++b) {
            if (answersTotal + bonusSum < caps.xp) merged.emplace_back(answersTotal + bonusSum + bonuses[b].second, bonuses[b].first);
            bonusSum += bonuses[b].second;
            p.xp.addQuestBonus(bonuses[b].second);
        }
    };
    for (const auto& [total, at] : p.milestones.xp) {
        bookUntil([at = at](std::int64_t t) { return t < at; });
        merged.emplace_back(total + bonusSum, at);
        answersTotal = total;
        bookUntil([at = at](std::int64_t t) { return t <= at; });
    }
    bookUntil([](std::int64_t) { return true; });
    p.milestones.xp = std::move(merged);
}

}  // namespace

CourseProgress computeProgress(const CourseInput& input) {
    CourseProgress p = startProgress(input);
    addCourseCards(p, input.decks);
    ProgressReplay replay(input, p);
    replay.prepare();
    replay.findAnswerCards();
    replay.groupByCard();
    replay.replayAllCards();
    replay.listSiblingAnswerDays();
    replay.readCardMarkers();
    replay.tallyAnswers();
    replay.countToday();
    replay.countTodaysAnswers();
    replay.countDailyQueue();
    replay.countDueByDay();
    replay.buildDaysAndStreak();
    replay.tallyTopics();
    replay.bookQuestBonuses();
    p.level = levelForXp(p.xp.total());
    if (const auto mastered = courseMasteredAtMs(p)) p.milestones.courseMastered = {*mastered};
    p.achievements = unlockedAchievements(input.achievements, p.milestones);
    return p;
}

}  // namespace attune::model
