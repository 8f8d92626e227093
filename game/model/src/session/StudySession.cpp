// The study session state machine. See StudySession.hpp.
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/WeakTopics.hpp>
#include <attune/model/session/CustomStudy.hpp>
#include <attune/model/session/StudySession.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <set>

namespace attune::model {

using scheduler::CardPhase;
using scheduler::CardState;
using scheduler::Moment;
using scheduler::Rating;

namespace {

// Reorders a queue so that no two cards of one sibling group stand next to each other, where
// another card can go between them; otherwise the order is kept.
void keepSiblingsApart(std::vector<std::uint32_t>& queue, const std::vector<std::uint32_t>& group) {
    if (group.empty()) return;
    for (std::size_t i = 1; i < queue.size(); ++i) {
        if (group[queue[i]] != group[queue[i - 1]]) continue;
        std::size_t j = i + 1;
        while (j < queue.size() && (group[queue[j]] == group[queue[i - 1]])) ++j;
        if (j == queue.size()) break;  // only siblings are left
        const std::uint32_t moved = queue[j];
        queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(j));
        queue.insert(queue.begin() + static_cast<std::ptrdiff_t>(i), moved);
    }
}

// The reviews due on each day from today on, as the replay counted them when load balancing.
class TodayCalendar final : public scheduler::DueLoad {
public:
    explicit TodayCalendar(const CourseProgress& progress) : m_progress(progress) {}
    int reviewsDueOn(std::int64_t day) const override {
        const std::int64_t offset = day - m_progress.today;
        if (offset < 0 || offset >= static_cast<std::int64_t>(m_progress.dueByDay.size())) return 0;
        return m_progress.dueByDay[static_cast<std::size_t>(offset)];
    }

private:
    const CourseProgress& m_progress;
};

// Keeps the calendar of due reviews in step with a card's new state.
void moveDue(CourseProgress& p, const CardState& from, const CardState& to) {
    if (from.phase == CardPhase::Review && from.dueDay >= p.today) {
        const auto offset = static_cast<std::size_t>(from.dueDay - p.today);
        if (offset < p.dueByDay.size()) --p.dueByDay[offset];
    }
    if (to.phase == CardPhase::Review && to.dueDay >= p.today) {
        const auto offset = static_cast<std::size_t>(to.dueDay - p.today);
        if (offset >= p.dueByDay.size()) p.dueByDay.resize(offset + 1, 0);
        ++p.dueByDay[offset];
    }
}

// New cards of the daily decks beyond today's quota, one of each sibling group, and none whose
// sibling was studied today.
std::vector<std::uint32_t> moreNewCards(const CourseProgress& p, int count) {
    std::vector<char> groupTaken;
    const bool apart = p.settings.siblingsApart && !p.siblingGroup.empty();
    if (apart) {
        groupTaken.assign(p.cards.size(), 0);
        for (std::uint32_t i = 0; i < p.cards.size(); ++i)
            if (p.states[i].phase != CardPhase::New && p.states[i].lastReviewDay == p.today)
                groupTaken[p.siblingGroup[i]] = 1;
    }
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < p.cards.size() && static_cast<int>(out.size()) < count; ++i) {
        if (!p.deckOf(i).daily || p.states[i].phase != CardPhase::New) continue;
        if (apart) {
            if (groupTaken[p.siblingGroup[i]]) continue;
            groupTaken[p.siblingGroup[i]] = 1;
        }
        out.push_back(i);
    }
    return out;
}

}  // namespace

StudySession::StudySession(CourseProgress& progress, const std::vector<ReviewRecord>& log, SessionOptions options,
                           Moment start)
    : m_progress(&progress), m_log(&log), m_options(std::move(options)), m_start(start), m_lastMs(start.utcMs - 1) {
    m_todayCountedBefore = progress.streak.todayCounts;
    m_levelBefore = progress.level.level;
    for (const AchievementUnlock& unlock : progress.achievements)
        if (unlock.definition != nullptr) m_unlockedBefore.push_back(unlock.definition->id);
    buildQueue();
    if (m_startStatus == SessionStart::Ready) showNext(start);
    if (m_beat == Beat::Finished && m_startStatus == SessionStart::Ready) m_startStatus = SessionStart::NothingToStudy;
    m_endMs = start.utcMs;
}

namespace {

// The cards of the weakest topics that have been studied at least once.
std::vector<std::uint32_t> weakTopicCards(const CourseProgress& p) {
    std::vector<std::uint32_t> cards;
    for (const std::size_t t : p.weakTopics)
        for (const std::uint32_t c : p.topicCards[t])
            if (p.states[c].phase != CardPhase::New) cards.push_back(c);
    return cards;
}

// The cards of the topic asked for ("topic" or "deck/topic"; a deck's topics when only the deck
// is named; cram without either: every topic); nothing when no topic matches.
std::optional<std::vector<std::uint32_t>> topicCards(const CourseProgress& p, const SessionOptions& options) {
    const std::string& want = options.topicId;
    const bool everyTopic = options.kind == SessionKind::Cram && want.empty() && options.deckId.empty();
    const bool wholeDeck = want.empty() && !options.deckId.empty();
    std::vector<std::uint32_t> cards;
    bool found = false;
    for (std::size_t t = 0; t < p.topics.size(); ++t) {
        const TopicMastery& topic = p.topics[t];
        const bool asked = wholeDeck ? topic.deckId == options.deckId
                                     : want == topic.topicId || want == topic.deckId + "/" + topic.topicId;
        if (everyTopic || asked) {
            cards.insert(cards.end(), p.topicCards[t].begin(), p.topicCards[t].end());
            found = true;
        }
    }
    if (!found) return std::nullopt;
    return cards;
}

std::vector<std::uint32_t> cardsWithTag(const CourseProgress& p, const std::string& tag) {
    std::vector<std::uint32_t> cards;
    for (std::uint32_t i = 0; i < p.cards.size(); ++i)
        if (cardHasTag(p, i, tag)) cards.push_back(i);
    return cards;
}

}  // namespace

void StudySession::buildQueue() {
    CourseProgress& p = *m_progress;
    const auto byRecall = [&](const std::vector<std::uint32_t>& candidates) {
        return scheduler::buildTopicQueue(p.scheduler, p.states, candidates, m_start);
    };
    const auto cannotStart = [&](SessionStart why) {
        m_startStatus = why;
        m_beat = Beat::Finished;
    };
    switch (m_options.kind) {
    case SessionKind::Daily:
        queueDaily();
        break;
    case SessionKind::WeakTopics:
        m_queue = byRecall(weakTopicCards(p));
        break;
    case SessionKind::Topic:
    case SessionKind::Cram: {
        const auto cards = topicCards(p, m_options);
        if (!cards) return cannotStart(SessionStart::UnknownTopic);
        m_queue = byRecall(*cards);
        break;
    }
    case SessionKind::MoreNew:
        // Beyond today's limit only: while the daily session has new cards left, those come first
        // (studied here, they would count against the limit and the day would end with no more).
        if (p.newAvailableToday == 0) m_queue = moreNewCards(p, std::clamp(m_options.extraNewCards, 1, 1000));
        break;
    case SessionKind::ReviewAhead:
        m_queue = cardsDueAhead(p, m_options.aheadDays);
        break;
    case SessionKind::Forgotten:
        m_queue = p.forgottenToday;
        break;
    case SessionKind::Tag: {
        const auto cards = cardsWithTag(p, m_options.tag);
        if (cards.empty()) return cannotStart(SessionStart::UnknownTag);
        m_queue = byRecall(cards);
        break;
    }
    }
    // Suspended, set-aside and buried cards are in no session.
    std::erase_if(m_queue, [&](std::uint32_t card) { return p.holdOf(card) != CardHold::None; });
    // Outside the daily session siblings may both come, but never one right after the other.
    if (m_options.kind != SessionKind::Daily) keepSiblingsApart(m_queue, p.siblingGroup);
}

void StudySession::leaveQueue(std::uint32_t card) {
    std::erase(m_queue, card);
    std::erase_if(m_waiting, [&](const Waiting& w) { return w.card == card; });
}

void StudySession::holdCard(std::uint32_t card, CardHold hold) {
    CourseProgress& p = *m_progress;
    if (p.holds.size() != p.cards.size()) p.holds.assign(p.cards.size(), CardHold::None);
    const CardHold before = p.holds[card];
    if (isSetAside(before)) --p.setAsideCards;
    if (before == CardHold::Buried) --p.buriedCards;
    if (isSetAside(hold)) ++p.setAsideCards;
    if (hold == CardHold::Buried) ++p.buriedCards;
    p.holds[card] = hold;
}

std::optional<ReviewRecord> StudySession::holdCurrent(ReviewKind kind, Moment at) {
    if (beat() == Beat::Finished || !m_current) return std::nullopt;
    if (kind != ReviewKind::Bury && kind != ReviewKind::Suspend) return std::nullopt;
    const std::uint32_t card = *m_current;
    CourseProgress& p = *m_progress;
    const ReviewRecord marker = cardMarker(kind, p.deckOf(card).id, p.studyCardOf(card).id, monotonic(at));
    holdCard(card, kind == ReviewKind::Bury ? CardHold::Buried : CardHold::Suspended);
    leaveQueue(card);
    m_records.push_back(marker);
    showNext(at);
    return marker;
}

// The daily queue (due cards, then today's new ones, within the limits) and the learning steps
// that come due later today, which rejoin the session when their time comes.
void StudySession::queueDaily() {
    CourseProgress& p = *m_progress;
    const std::span<const CardState> states(p.states);
    scheduler::DailyLimits limits;
    limits.newCards = p.settings.newCardsPerDay;
    limits.reviews = p.settings.reviewsPerDay;
    limits.newDoneToday = p.todayCounts.newStudied;
    limits.reviewsDoneToday = p.todayCounts.reviewsDone;
    // Only the daily decks' cards: a reference deck is studied by topic, when the player asks.
    std::vector<std::uint32_t> daily;
    daily.reserve(states.size());
    for (std::uint32_t i = 0; i < states.size(); ++i)
        if (p.deckOf(i).daily && p.holdOf(i) == CardHold::None) daily.push_back(i);
    const std::span<const std::uint32_t> groups =
        p.settings.siblingsApart ? std::span<const std::uint32_t>(p.siblingGroup) : std::span<const std::uint32_t>();
    // `daily` may be empty (no daily deck): then no card is a candidate.
    m_queue = daily.empty() ? std::vector<std::uint32_t>{}
                            : scheduler::buildDailyQueue(p.scheduler, states, m_start, limits, {groups}, daily).cards;
    const std::int64_t endOfDayMs = m_start.utcMs + 86400000LL;
    for (const std::uint32_t i : daily) {
        const CardState& s = states[i];
        if ((s.phase == CardPhase::Learning || s.phase == CardPhase::Relearning) && s.dueMs > m_start.utcMs &&
            s.dueMs < endOfDayMs)
            m_waiting.push_back({i, s.dueMs, -kCardsBetweenRepeats});
    }
    std::stable_sort(m_waiting.begin(), m_waiting.end(),
                     [](const Waiting& a, const Waiting& b) { return a.dueMs < b.dueMs; });
}

Moment StudySession::monotonic(Moment at) {
    // Answers keep their order even with a pinned or stepped-back clock.
    at.utcMs = std::max(at.utcMs, m_lastMs + 1);
    m_lastMs = at.utcMs;
    return at;
}

void StudySession::showNext(Moment at) {
    std::optional<std::uint32_t> next;
    const auto take = [&](std::vector<Waiting>::iterator it) {
        next = it->card;
        m_waiting.erase(it);
    };
    // A learning card whose step is over comes back once a few other cards came between.
    const auto rested = std::find_if(m_waiting.begin(), m_waiting.end(), [&](const Waiting& w) {
        return w.dueMs <= at.utcMs && static_cast<std::int64_t>(m_shown) - w.shownAt >= kCardsBetweenRepeats;
    });
    if (rested != m_waiting.end()) {
        take(rested);
    } else if (!m_queue.empty()) {
        next = m_queue.front();
        m_queue.erase(m_queue.begin());
    } else {
        // Nothing else waits: a step due now or within the learn-ahead limit, soonest first, and
        // not the card just shown while another one can come.
        const std::int64_t horizon = at.utcMs + m_options.learnAheadMs;
        auto pick = m_waiting.end();
        for (auto it = m_waiting.begin(); it != m_waiting.end() && it->dueMs <= horizon; ++it) {
            if (pick == m_waiting.end()) pick = it;
            if (!m_current || it->card != *m_current) {
                pick = it;
                break;
            }
        }
        if (pick != m_waiting.end()) take(pick);
    }
    if (!next) {
        m_current.reset();
        m_beat = Beat::Finished;
        m_endMs = at.utcMs;
        return;
    }
    m_current = *next;
    const CourseProgress& p = *m_progress;
    // Each showing gets its own shuffle, the same for the same seed.
    m_face = faceOf(p.deckOf(*next), p.studyCardOf(*next), m_options.seed * 0x9E3779B97F4A7C15ULL + ++m_shown);
    m_shownMs = at.utcMs;
    m_beat = Beat::Answer;
    m_correct.reset();
    m_typed.clear();
    m_chosen = -1;
    m_suggested = Rating::Good;
    m_labels = {};
}

Beat StudySession::beat() const { return m_stopped ? Beat::Finished : m_beat; }

std::uint32_t StudySession::currentCard() const { return m_current.value_or(0); }

bool StudySession::currentIsNew() const {
    return m_current && m_progress->states[*m_current].phase == CardPhase::New;
}

std::size_t StudySession::remaining() const {
    return m_queue.size() + m_waiting.size() + (m_current && beat() != Beat::Finished ? 1 : 0);
}

void StudySession::enterGrade(Moment at, std::optional<bool> correct, Rating suggestion) {
    const Moment answered = monotonic(at);
    m_answeredAt = answered;
    m_correct = correct;
    m_suggested = suggestion;
    m_beat = Beat::Grade;
    m_labels = {};
    if (m_options.kind == SessionKind::Cram) return;  // cram moves no due date
    const CourseProgress& p = *m_progress;
    const std::uint32_t card = *m_current;
    // The same seed a replay of the log will use, so the labels are the truth.
    const TodayCalendar calendar(p);
    m_outcomes = p.scheduler.preview(p.states[card], answered, replayFuzzSeed(answered.utcMs, p.cards[card].scheduledAnswers),
                                     p.settings.loadBalancing ? &calendar : nullptr);
    for (std::size_t i = 0; i < 4; ++i) m_labels[i] = scheduler::intervalLabel(p.scheduler.waitMs(m_outcomes[i], answered));
}

void StudySession::reveal(Moment at) {
    if (beat() != Beat::Answer) return;
    if (m_face.style == AnswerStyle::Reveal) {
        enterGrade(at, std::nullopt, Rating::Good);
    } else {
        enterGrade(at, false, Rating::Again);  // revealing a question with an answer: not known
    }
}

namespace {
Rating suggestionFor(bool right, std::int64_t answerMs, std::int64_t quickMs) {
    if (!right) return Rating::Again;
    return answerMs <= quickMs ? Rating::Easy : Rating::Good;
}
}  // namespace

void StudySession::choose(int option, Moment at) {
    if (beat() != Beat::Answer || m_face.style != AnswerStyle::Choice) return;
    if (option < 0 || option >= static_cast<int>(m_face.options.size())) return;
    m_chosen = option;
    const bool right = option == m_face.rightOption;
    enterGrade(at, right, suggestionFor(right, at.utcMs - m_shownMs, m_options.quickAnswerMs));
}

void StudySession::sayTrue(bool value, Moment at) {
    if (beat() != Beat::Answer || m_face.style != AnswerStyle::TrueFalse) return;
    m_chosen = value ? 1 : 0;
    const bool right = value == m_face.truth;
    enterGrade(at, right, suggestionFor(right, at.utcMs - m_shownMs, m_options.quickAnswerMs));
}

void StudySession::typeAnswer(const std::string& text, Moment at) {
    if (beat() != Beat::Answer || m_face.style != AnswerStyle::TypeIn) return;
    m_typed = text;
    const bool right = typedAnswerMatches(text, m_progress->authoredCardOf(*m_current));
    enterGrade(at, right, suggestionFor(right, at.utcMs - m_shownMs, 2 * m_options.quickAnswerMs));
}

ReviewKind StudySession::kindFor(const CardState& state) const {
    if (m_options.kind == SessionKind::Cram) return ReviewKind::Cram;
    switch (state.phase) {
    case CardPhase::New:
    case CardPhase::Learning: return ReviewKind::Learn;
    case CardPhase::Review: return ReviewKind::Review;
    case CardPhase::Relearning: return ReviewKind::Relearn;
    }
    return ReviewKind::Review;
}

ReviewRecord StudySession::grade(Rating rating, Moment at) {
    if (beat() == Beat::Answer) {
        // Grading straight from the question (a key 1-4 on a self-graded card) reveals first.
        if (m_face.style == AnswerStyle::Reveal)
            enterGrade(at, std::nullopt, Rating::Good);
        else
            enterGrade(at, false, Rating::Again);
    }
    if (beat() != Beat::Grade || !m_current) return {};
    CourseProgress& p = *m_progress;
    const std::uint32_t card = *m_current;
    const bool cram = m_options.kind == SessionKind::Cram;
    CourseCard& course = p.cards[card];

    Done done;
    done.card = card;
    done.before = p.states[card];
    done.scheduledAnswers = course.scheduledAnswers;
    done.everGraduatedBefore = course.everGraduated;
    done.ledgerBefore = p.xp;
    done.todayBefore = p.todayCounts;
    done.queueBefore = m_queue;
    done.waitingBefore = m_waiting;
    done.face = m_face;
    done.shownMs = m_shownMs;
    done.wasNew = done.before.phase == CardPhase::New;
    done.right = rating != Rating::Again;
    done.reviewsTotalBefore = p.reviewsTotal;
    done.holdBefore = p.holdOf(card);
    m_leechLapses = 0;
    m_leechSetAside = false;

    ReviewRecord record;
    const Deck& deck = p.deckOf(card);
    record.deckId = deck.id;
    record.cardId = p.studyCardOf(card).id;
    record.utcMs = m_answeredAt.utcMs;
    record.utcOffsetSeconds = m_answeredAt.utcOffsetSeconds;
    record.rating = rating;
    record.durationMs = static_cast<std::int32_t>(
        std::clamp<std::int64_t>(m_answeredAt.utcMs - m_shownMs, 0, std::numeric_limits<std::int32_t>::max()));
    record.kind = kindFor(done.before);
    // The interval the player was given (load balancing, easy days) is in the log, so a replay
    // gives the same due day whatever the settings are later.
    if (!cram && m_outcomes[static_cast<std::size_t>(rating) - 1].phase == CardPhase::Review)
        record.scheduledDays = m_outcomes[static_cast<std::size_t>(rating) - 1].scheduledDays;
    done.record = record;

    const std::int64_t day = scheduler::studyDay(m_answeredAt, p.scheduler.settings().dayStartHour);
    ++p.reviewsTotal;
    if (day == p.today) ++p.todayCounts.answers;
    if (!cram) {
        const CardState after = m_outcomes[static_cast<std::size_t>(rating) - 1];
        const bool firstGraduation = after.phase == CardPhase::Review && !course.everGraduated;
        done.graduated = firstGraduation;
        moveDue(p, done.before, after);
        p.states[card] = after;
        ++course.scheduledAnswers;
        if (firstGraduation) course.everGraduated = true;
        done.xp = p.xp.add(record, done.before, after, firstGraduation, day);
        m_xpEarned += done.xp;
        if (day == p.today) {
            p.todayCounts.xp += done.xp;
            if (done.wasNew) ++p.todayCounts.newStudied;
            if (record.kind == ReviewKind::Review) ++p.todayCounts.reviewsDone;
        }
        // The replay's leech rule (Progress.cpp), applied as it happens.
        if (after.lapses > done.before.lapses && isLeechPoint(after.lapses, p.settings.leechLapses)) {
            m_leechLapses = after.lapses;
            m_leechSetAside = p.settings.leechAction == LeechAction::SetAside;
            if (m_leechSetAside) holdCard(card, CardHold::Leech);
        }
        if ((after.phase == CardPhase::Learning || after.phase == CardPhase::Relearning) && !m_leechSetAside) {
            const Waiting back{card, after.dueMs, static_cast<std::int64_t>(m_shown)};
            m_waiting.insert(std::upper_bound(m_waiting.begin(), m_waiting.end(), back,
                                              [](const Waiting& a, const Waiting& b) { return a.dueMs < b.dueMs; }),
                             back);
        }
    } else if (rating == Rating::Again) {
        m_queue.push_back(card);  // cram: a miss comes round again at the end
    }
    m_bestCombo = std::max(m_bestCombo, runOfRight() + (done.right ? 1 : 0));
    m_done.push_back(std::move(done));
    m_records.push_back(record);
    showNext(at);
    return record;
}

int StudySession::runOfRight() const {
    int run = 0;
    for (auto it = m_done.rbegin(); it != m_done.rend() && it->right; ++it) ++run;
    return run;
}

std::optional<ReviewRecord> StudySession::undo(Moment at) {
    if (m_done.empty()) return std::nullopt;
    Done done = std::move(m_done.back());
    m_done.pop_back();
    CourseProgress& p = *m_progress;
    CourseCard& course = p.cards[done.card];
    if (done.record.kind != ReviewKind::Cram) moveDue(p, p.states[done.card], done.before);
    p.states[done.card] = done.before;
    course.scheduledAnswers = done.scheduledAnswers;
    course.everGraduated = done.everGraduatedBefore;
    p.xp = done.ledgerBefore;
    p.todayCounts = done.todayBefore;
    p.reviewsTotal = done.reviewsTotalBefore;
    holdCard(done.card, done.holdBefore);
    m_leechLapses = 0;
    m_leechSetAside = false;
    m_xpEarned -= done.xp;
    m_queue = std::move(done.queueBefore);
    m_waiting = std::move(done.waitingBefore);
    // Cards buried or suspended since that answer stay out.
    std::erase_if(m_queue, [&](std::uint32_t card) { return p.holdOf(card) != CardHold::None; });
    std::erase_if(m_waiting, [&](const Waiting& w) { return p.holdOf(w.card) != CardHold::None; });
    // The undone card is shown again, from its question.
    m_current = done.card;
    m_face = std::move(done.face);
    m_shownMs = at.utcMs;
    m_beat = Beat::Answer;
    m_stopped = false;
    m_correct.reset();
    m_typed.clear();
    m_chosen = -1;
    m_suggested = Rating::Good;
    m_labels = {};
    const ReviewRecord marker = undoMarkerFor(done.record, monotonic(at));
    m_records.push_back(marker);
    return marker;
}

void StudySession::stop(Moment at) {
    if (m_stopped) return;
    m_stopped = true;
    m_stoppedEarly = m_beat != Beat::Finished;
    m_endMs = std::max(at.utcMs, m_start.utcMs);
}

int StudySession::combo() const { return m_progress->xp.combo(); }

CourseProgress StudySession::progressAfter(Moment at) const {
    const CourseProgress& p = *m_progress;
    // The caller may append this session's records to the very log it gave us (a profile's
    // reviews()) or not: add those it does not hold yet, each once.
    std::vector<ReviewRecord> combined;
    combined.reserve(m_log->size() + m_records.size());
    combined.insert(combined.end(), m_log->begin(), m_log->end());
    const auto same = [](const ReviewRecord& a, const ReviewRecord& b) {
        return a.utcMs == b.utcMs && a.rating == b.rating && a.kind == b.kind && a.cardId == b.cardId &&
               a.deckId == b.deckId;
    };
    std::vector<char> matched(m_records.size(), 0);
    const std::int64_t since = m_records.empty() ? 0 : m_records.front().utcMs;
    for (const ReviewRecord& logged : *m_log) {
        if (logged.utcMs < since) continue;
        for (std::size_t i = 0; i < m_records.size(); ++i) {
            if (!matched[i] && same(logged, m_records[i])) {
                matched[i] = 1;
                break;
            }
        }
    }
    for (std::size_t i = 0; i < m_records.size(); ++i)
        if (!matched[i]) combined.push_back(m_records[i]);
    CourseInput input;
    input.decks = p.decks;
    input.reviews = combined;
    input.settings = p.settings;
    input.parameters = p.parameters;
    input.achievements = p.achievementDefinitions;
    input.quests = p.questDefinitions;
    input.playerDeckIds = p.playerDeckIds;
    input.xpRules = p.xpRules;
    input.now = at;
    return computeProgress(input);
}

SessionSummary StudySession::summary() const {
    SessionSummary out;
    out.xpEarned = m_xpEarned;
    out.answers = static_cast<int>(m_done.size());
    for (const Done& d : m_done) {
        if (d.right) ++out.right;
        if (d.graduated) ++out.learned;
        if (d.wasNew)
            ++out.newStudied;
        else
            ++out.reviewed;
    }
    out.accuracyPercent = out.answers == 0 ? 0 : (100 * out.right + out.answers / 2) / out.answers;
    const std::int64_t end = beat() == Beat::Finished ? m_endMs : std::max(m_lastMs, m_start.utcMs);
    out.durationMs = std::max<std::int64_t>(0, end - m_start.utcMs);
    out.bestCombo = m_bestCombo;
    out.stoppedEarly = m_stoppedEarly;

    const Moment at{std::max(end, m_lastMs), m_answeredAt.utcMs != 0 ? m_answeredAt.utcOffsetSeconds : m_start.utcOffsetSeconds};
    const CourseProgress after = progressAfter(at);
    out.goalMetToday = after.xpToday() >= after.dailyGoalXp();
    out.streak = after.streak.current;
    out.longestStreak = after.streak.longest;
    out.freezes = after.streak.freezesHeld;
    out.streakExtended = after.streak.todayCounts && !m_todayCountedBefore;
    out.totalXp = after.xp.total();
    out.learningLaterToday = after.learningLaterToday;
    out.nextLearningDueMs = after.nextLearningDueMs;
    out.level = after.level;
    out.levelUp = after.level.level > m_levelBefore;
    const std::set<std::string> before(m_unlockedBefore.begin(), m_unlockedBefore.end());
    for (const AchievementUnlock& unlock : after.achievements)
        if (unlock.definition != nullptr && before.count(unlock.definition->id) == 0)
            out.achievementsUnlocked.push_back(unlock);
    return out;
}

}  // namespace attune::model
