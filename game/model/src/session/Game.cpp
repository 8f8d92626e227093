// The screens' facts from the model: profile + decks -> CourseProgress -> StudySession.
// Every grade and undo is appended to the profile (fsynced) before the next card is shown.
#include <attune/model/session/Game.hpp>

#include <attune/model/core/Clock.hpp>
#include <attune/model/history/ReviewHistory.hpp>
#include <attune/model/progress/Achievements.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/progress/Xp.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/model/session/Course.hpp>
#include <attune/model/session/CustomStudy.hpp>
#include <attune/model/session/StudySession.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>

namespace attune::model {

struct Game::State {
    OpenedCourse course;                          // the profile, the decks and the achievements
    std::vector<Diagnostic> diagnostics;
    std::vector<std::filesystem::path> deckPaths;  // --deck
    std::optional<CourseProgress> progress;
    DailyQuests quests;                             // derived with the progress
    std::optional<StudySession> session;
    std::int64_t derivedAtMs = 0;                 // "now" of the last derivation
    std::size_t derivedFromAnswers = 0;           // the log's size then
    HomeFacts before;                             // home facts when the session began
    std::vector<std::int64_t> topicsMasteredBefore, decksIntroducedBefore;  // the finales' moments then
    bool gaveUp = false;                          // the current card was revealed, not answered
    std::string courseTitle;
    std::string courseIntro;

    void recompute() {
        const CourseInput input = course.progressInput(now());
        progress.emplace(computeProgress(input));
        quests = dailyQuests(course.quests, *progress, course.profile->reviews());
        derivedAtMs = input.now.utcMs;
        derivedFromAnswers = course.profile->reviews().size();
    }

    /// The progress depends on the log and on "now" (what is due, whether the streak stands). A
    /// heavy log takes a tenth of a second to replay, so the screens' questions reuse the last
    /// derivation until the log grows or a minute passes; saved settings, a finished session and
    /// reloaded decks call recompute() themselves.
    void refresh() {
        const std::int64_t nowMs = now().utcMs;
        const bool fresh = progress && course.profile->reviews().size() == derivedFromAnswers && nowMs >= derivedAtMs &&
                           nowMs - derivedAtMs < 60000;
        if (!fresh) recompute();
    }
};

namespace {

// Cards of the daily decks mastered now, in percent.
int courseMasteryPercent(const CourseProgress& p, bool& allIntroduced) {
    int cards = 0, mastered = 0;
    allIntroduced = true;
    for (const TopicMastery& t : p.topics) {
        const auto deck = std::find_if(p.decks.begin(), p.decks.end(), [&](const Deck& d) { return d.id == t.deckId; });
        if (deck == p.decks.end() || !deck->daily) continue;
        cards += t.cards;
        mastered += t.mastered;
        if (t.newCards > 0) allIntroduced = false;
    }
    if (cards == 0) allIntroduced = false;
    return cards > 0 ? (100 * mastered) / cards : 0;
}

FinaleFacts finaleFacts(const CourseProgress& p, FinaleFacts::Kind kind, std::string subject) {
    FinaleFacts f;
    f.kind = kind;
    f.subject = std::move(subject);
    const AchievementStandingInput standing = standingInputOf(p);
    f.topics = static_cast<int>(standing.courseTopics);
    f.topicsMastered = static_cast<int>(standing.courseTopicsMastered);
    bool allIntroduced = false;
    f.masteryPercent = courseMasteryPercent(p, allIntroduced);
    f.days = static_cast<int>(std::count_if(p.days.begin(), p.days.end(), [](const StudyDayFacts& d) { return d.studied; }));
    f.answers = p.reviewsTotal;
    if (!p.weakTopics.empty()) f.weakestTopic = p.topics[p.weakTopics.front()].title;
    f.tourLoaded = std::any_of(p.decks.begin(), p.decks.end(), [](const Deck& d) { return d.id == kWritingTourDeckId; });
    return f;
}

// The finale crossed between two sets of moments (before a session, after it): the course over
// a topic over a deck; nullopt when none was.
std::optional<FinaleFacts> crossedFinale(const CourseProgress& p, const std::vector<std::int64_t>& topicsBefore,
                                         const std::vector<std::int64_t>& decksBefore, const std::string& courseTitle) {
    auto newly = [](const std::vector<std::int64_t>& before, const std::vector<std::int64_t>& after) -> std::optional<std::size_t> {
        std::optional<std::size_t> latest;
        for (std::size_t i = 0; i < after.size(); ++i)
            if (after[i] != 0 && (i >= before.size() || before[i] == 0) && (!latest || after[i] > after[*latest])) latest = i;
        return latest;
    };
    const auto topic = newly(topicsBefore, p.topicMasteredAtMs);
    if (topic && courseMasteredAtMs(p)) return finaleFacts(p, FinaleFacts::Kind::CourseMastered, courseTitle);
    if (topic) return finaleFacts(p, FinaleFacts::Kind::TopicMastered, p.topics[*topic].title);
    if (const auto deck = newly(decksBefore, p.deckIntroducedAtMs))
        return finaleFacts(p, FinaleFacts::Kind::DeckIntroduced, p.decks[*deck].title);
    return std::nullopt;
}

std::vector<QuestFacts> questFacts(const DailyQuests& day) {
    std::vector<QuestFacts> out;
    for (const Quest& q : day.quests) out.push_back({q.title, q.progress, q.target, q.complete()});
    return out;
}

OpenedCourse openFor(const GameOptions& options) {
    CourseOpenOptions open;
    open.profileDir = options.profileDir;
    open.decks = options.decks;
    open.profile.readOnly = options.readOnly;
    open.profile.dailyBackup = !options.readOnly;
    return openCourse(open);
}

}  // namespace

Game::Game(const GameOptions& options) : Game(openFor(options)) { m_state->deckPaths = options.decks; }

Game::Game(OpenedCourse&& course) : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.course = std::move(course);
    s.diagnostics = std::move(s.course.profileDiagnostics);
    s.diagnostics.insert(s.diagnostics.end(), s.course.deckDiagnostics.begin(), s.course.deckDiagnostics.end());
    for (const auto& deck : s.course.decks) {
        if (!s.courseTitle.empty()) {
            s.courseTitle += " + " + std::to_string(s.course.decks.size() - 1) + " more";
            break;
        }
        s.courseTitle = deck.title;
    }
    // The daily decks' intros, in load order (the bundled course first), a blank line apart.
    for (const auto& deck : s.course.decks) {
        if (!deck.daily || deck.intro.empty()) continue;
        if (!s.courseIntro.empty()) s.courseIntro += "\n\n";
        s.courseIntro += deck.intro;
    }
    // A missing achievements or quests file is not the player's problem: the game runs without them.
    if (s.course.quests.empty()) s.course.quests = loadBundledQuests().definitions;
    s.recompute();
}

Game::~Game() {
    if (m_state->session && !m_state->session->finished()) m_state->session->stop(now());
}

CloseReport Game::close() {
    State& s = *m_state;
    if (s.session && !s.session->finished()) s.session->stop(now());
    if (!s.course.profile) {
        CloseReport nothing;
        nothing.ok = true;
        return nothing;
    }
    if (s.progress) {
        s.refresh();
        s.course.profile->mirrorFreezes(s.progress->streak.freezesHeld);
    }
    return s.course.profile->close();
}

const std::vector<Diagnostic>& Game::diagnostics() const { return m_state->diagnostics; }

bool Game::hasCards() const { return m_state->progress && !m_state->progress->cards.empty(); }

HomeFacts Game::home() {
    State& s = *m_state;
    if (!s.session) s.refresh();
    const CourseProgress& p = *s.progress;
    HomeFacts facts;
    facts.streak = p.streak.current;
    facts.longestStreak = p.streak.longest;
    facts.freezes = p.streak.freezesHeld;
    facts.todayCounts = p.streak.todayCounts;
    facts.level = p.level.level;
    facts.xpTotal = p.xp.total();
    facts.xpIntoLevel = p.level.xpIntoLevel;
    facts.xpForNext = p.level.xpForNext;
    facts.xpToday = p.xpToday();
    facts.dailyGoal = p.dailyGoalXp();
    const Settings& settings = p.settings;
    facts.dueToday = std::min(p.dueToday, std::max(0, settings.reviewsPerDay - p.todayCounts.reviewsDone));
    facts.newToday = std::min(p.newInDaily, std::max(0, settings.newCardsPerDay - p.todayCounts.newStudied));
    facts.weakTopics = static_cast<int>(p.weakTopics.size());
    facts.setAside = p.setAsideCards;
    // The derivation may be a minute old: a learning card's step is judged against the clock now.
    const std::int64_t nowMs = now().utcMs;
    facts.learningLater = p.learningLaterToday;
    facts.nextLearningDueMs = p.nextLearningDueMs;
    const std::int64_t learnAheadMs = SessionOptions{}.learnAheadMs;
    facts.studyOpensAtMs = p.nextLearningDueMs - learnAheadMs;
    facts.canStudy = facts.dueToday + facts.newToday > 0 || (p.nextLearningDueMs != 0 && facts.studyOpensAtMs <= nowMs);
    facts.firstLaunch = s.course.profile->reviews().empty();
    facts.courseTitle = s.courseTitle;
    facts.quests = questFacts(s.quests);
    facts.questBonusXp = s.quests.bonusXp();
    facts.masteryPercent = courseMasteryPercent(p, facts.allIntroduced);
    facts.courseIntro = s.courseIntro;
    return facts;
}

std::optional<FinaleFacts> Game::latestFinale() {
    State& s = *m_state;
    if (!s.session) s.refresh();
    const CourseProgress& p = *s.progress;
    // As if before the answer that made the latest one true.
    std::int64_t latest = 0;
    for (const std::int64_t at : p.topicMasteredAtMs) latest = std::max(latest, at);
    for (const std::int64_t at : p.deckIntroducedAtMs) latest = std::max(latest, at);
    if (latest == 0) return std::nullopt;
    auto before = [&](const std::vector<std::int64_t>& moments) {
        std::vector<std::int64_t> out = moments;
        for (auto& at : out) at = at >= latest ? 0 : at;
        return out;
    };
    return crossedFinale(p, before(p.topicMasteredAtMs), before(p.deckIntroducedAtMs), s.courseTitle);
}

const DailyQuests& Game::quests() {
    State& s = *m_state;
    if (!s.session) s.refresh();
    return s.quests;
}

SessionStart Game::startSession(SessionOptions options) {
    State& s = *m_state;
    if (s.session) return s.session->finished() ? SessionStart::NothingToStudy : SessionStart::Ready;
    s.before = home();
    s.topicsMasteredBefore = s.progress->topicMasteredAtMs;
    s.decksIntroducedBefore = s.progress->deckIntroducedAtMs;
    s.session.emplace(*s.progress, s.course.profile->reviews(), options, now());
    const SessionStart status = s.session->startStatus();
    if (status != SessionStart::Ready || s.session->finished()) {
        s.session.reset();
        return status == SessionStart::Ready ? SessionStart::NothingToStudy : status;
    }
    return SessionStart::Ready;
}

namespace {

/// A session of `kind` with its option order drawn from the clock.
SessionOptions sessionOf(SessionKind kind) {
    SessionOptions options;
    options.kind = kind;
    options.seed = static_cast<std::uint64_t>(now().utcMs);
    return options;
}

}  // namespace

bool Game::startSession(SessionKind kind) {
    if (m_state->session) return !m_state->session->finished();
    return startSession(sessionOf(kind == SessionKind::WeakTopics ? SessionKind::WeakTopics : SessionKind::Daily)) ==
           SessionStart::Ready;
}

bool Game::startPreviewSession() {
    if (m_state->session) return true;
    if (startSession(SessionKind::Daily)) return true;
    SessionOptions cram;  // its seed left at the default: the same option order on every run
    cram.kind = SessionKind::Cram;
    return startSession(cram) == SessionStart::Ready;
}

bool Game::inSession() const { return m_state->session && !m_state->session->finished(); }

CardFacts Game::card() const {
    const State& s = *m_state;
    CardFacts facts;
    if (!inSession()) return facts;
    const StudySession& session = *s.session;
    const CourseProgress& p = *s.progress;
    const CardFace& face = session.face();
    switch (face.style) {
    case AnswerStyle::Reveal:
        facts.kind = face.type == CardType::Cloze ? CardKind::Cloze : CardKind::SelfGraded;
        break;
    case AnswerStyle::Choice: facts.kind = CardKind::Choice; break;
    case AnswerStyle::TrueFalse: facts.kind = CardKind::TrueFalse; break;
    case AnswerStyle::TypeIn: facts.kind = CardKind::TypeIn; break;
    }
    facts.beat = session.beat() == Beat::Grade ? Beat::Grade : Beat::Answer;
    const std::uint32_t index = session.currentCard();
    const auto topic = p.cards[index].topicIndex;
    if (topic < p.topics.size()) facts.topic = p.topics[topic].title;
    facts.prompt = face.question;
    facts.answer = face.answer;
    facts.options = face.options;
    facts.rightOption = face.rightOption;
    facts.explain = face.explain;
    facts.picture = face.image;
    facts.pictureAlt = face.alt;
    facts.isNew = session.currentIsNew();
    if (facts.beat == Beat::Grade) {
        facts.correct = session.correct();
        facts.gaveUp = s.gaveUp && facts.kind != CardKind::SelfGraded && facts.kind != CardKind::Cloze;
        facts.chosen = s.gaveUp ? -1 : session.chosenOption();
        facts.typed = session.typedAnswer();
        if (facts.kind == CardKind::TrueFalse && facts.correct && !s.gaveUp) facts.truthChosen = *facts.correct ? face.truth : !face.truth;
        facts.intervals = session.labels();
        facts.suggested = static_cast<int>(session.suggestedGrade());
    }
    return facts;
}

SessionFacts Game::progress() const {
    const State& s = *m_state;
    SessionFacts facts;
    const CourseProgress& p = *s.progress;
    facts.dailyGoal = p.dailyGoalXp();
    facts.xpToday = p.xpToday();
    const Level level = levelForXp(p.xp.total());
    facts.level = level.level;
    facts.levelFraction = level.xpForNext > 0 ? static_cast<double>(level.xpIntoLevel) / static_cast<double>(level.xpForNext) : 0.0;
    if (!s.session) return facts;
    facts.done = s.session->answered();
    facts.total = facts.done + static_cast<int>(s.session->finished() ? 0 : s.session->remaining());
    facts.combo = s.session->combo();
    facts.comboMultiplier = comboMultiplier(p.xp.rules(), facts.combo);
    facts.sessionXp = static_cast<int>(s.session->xpEarned());
    return facts;
}

void Game::reveal() {
    if (inSession() && m_state->session->beat() == Beat::Answer) {
        m_state->session->reveal(now());
        m_state->gaveUp = true;
    }
}

void Game::choose(int option) {
    if (inSession() && m_state->session->beat() == Beat::Answer) {
        m_state->session->choose(option, now());
        m_state->gaveUp = false;
    }
}

void Game::answerTruth(bool truth) {
    if (inSession() && m_state->session->beat() == Beat::Answer) {
        m_state->session->sayTrue(truth, now());
        m_state->gaveUp = false;
    }
}

void Game::submitTyped(const std::string& typed) {
    if (inSession() && m_state->session->beat() == Beat::Answer) {
        m_state->session->typeAnswer(typed, now());
        m_state->gaveUp = false;
    }
}

GradeResult Game::grade(int rating) {
    State& s = *m_state;
    GradeResult result;
    if (!inSession() || s.session->beat() != Beat::Grade) return result;
    const SessionFacts before = progress();
    const auto r = static_cast<scheduler::Rating>(std::clamp(rating, 1, 4));
    const ReviewRecord record = s.session->grade(r, now());
    // Saved (fsynced) before the next card appears. (An empty record means nothing was graded.)
    if (!record.cardId.empty()) {
        result.saved = s.course.profile->append(record);
        result.cardId = record.cardId;
        result.rating = static_cast<int>(record.rating);
    }
    const SessionFacts after = progress();
    result.xpGained = after.sessionXp - before.sessionXp;
    result.levelUp = after.level > before.level;
    result.goalReached = before.xpToday < before.dailyGoal && after.xpToday >= after.dailyGoal;
    result.finished = s.session->finished();
    result.leechLapses = s.session->leechLapses();
    result.setAside = s.session->leechSetAside();
    return result;
}

std::string leechNotice(const GradeResult& graded) {
    if (graded.leechLapses <= 0) return {};
    const std::string forgotten = "Forgotten " + std::to_string(graded.leechLapses) + " times: ";
    if (graded.setAside) return forgotten + "this card is set aside. Rewrite it, or bring it back from Decks.";
    return forgotten + "this card is a leech. Rewriting it may help it stick.";
}

namespace {

CardMarkResult holdCurrent(StudySession& session, Profile& profile, ReviewKind kind) {
    CardMarkResult result;
    const auto marker = session.holdCurrent(kind, now());
    if (!marker) return result;
    result.changed = true;
    result.saved = profile.append(*marker);
    result.cardId = marker->cardId;
    result.finished = session.finished();
    return result;
}

}  // namespace

CardMarkResult Game::buryCard() {
    if (!inSession()) return {};
    return holdCurrent(*m_state->session, *m_state->course.profile, ReviewKind::Bury);
}

CardMarkResult Game::suspendCard() {
    if (!inSession()) return {};
    return holdCurrent(*m_state->session, *m_state->course.profile, ReviewKind::Suspend);
}

CardMarkResult Game::setAside(std::uint32_t card, bool aside) {
    State& s = *m_state;
    CardMarkResult result;
    if (s.session) return result;
    s.refresh();
    const CourseProgress& p = *s.progress;
    if (card >= p.cards.size() || isSetAside(p.holdOf(card)) == aside) return result;
    // After everything in the log that counts now (a pinned clock may lag a session's answers):
    // it decides. Records dated in the future wait for their time and are passed over.
    scheduler::Moment at = now();
    const std::int64_t nowMs = at.utcMs;
    for (const ReviewRecord& r : s.course.profile->reviews())
        if (!datedInTheFuture(r, nowMs)) at.utcMs = std::max(at.utcMs, r.utcMs + 1);
    const ReviewRecord marker = cardMarker(aside ? ReviewKind::Suspend : ReviewKind::Unsuspend, p.deckOf(card).id,
                                           p.studyCardOf(card).id, at);
    result.changed = true;
    result.cardId = marker.cardId;
    result.saved = s.course.profile->append(marker);
    s.recompute();
    return result;
}

bool Game::canUndo() const { return inSession() && m_state->session->canUndo(); }

UndoResult Game::undo() {
    State& s = *m_state;
    UndoResult result;
    if (!canUndo()) return result;
    const auto marker = s.session->undo(now());
    if (!marker) return result;
    result.undone = true;
    result.saved = s.course.profile->append(*marker);
    result.cardId = marker->cardId;
    result.rating = static_cast<int>(marker->rating);
    return result;
}

SummaryFacts Game::finish() {
    State& s = *m_state;
    SummaryFacts facts;
    if (!s.session) {
        const HomeFacts home = this->home();
        facts.streakBefore = facts.streakAfter = home.streak;
        facts.levelBefore = facts.levelAfter = home.level;
        facts.xpToday = home.xpToday;
        facts.dailyGoal = home.dailyGoal;
        return facts;
    }
    if (!s.session->finished()) s.session->stop(now());
    const SessionSummary summary = s.session->summary();
    facts.xp = static_cast<int>(summary.xpEarned);
    facts.answered = summary.answers;
    facts.right = summary.right;
    facts.learned = summary.newStudied;
    facts.reviewed = summary.reviewed;
    facts.seconds = static_cast<int>(summary.durationMs / 1000);
    facts.streakBefore = s.before.streak;
    facts.streakAfter = summary.streak;
    facts.streakExtended = summary.streakExtended;
    facts.levelBefore = s.before.level;
    facts.levelAfter = summary.level.level;
    for (const auto& unlock : summary.achievementsUnlocked)
        if (unlock.definition) facts.achievements.push_back({unlock.definition->title, unlock.definition->description});
    facts.cram = s.session->options().kind == SessionKind::Cram;
    facts.session = summary;
    s.session.reset();
    s.recompute();
    facts.xpToday = s.progress->xpToday();
    facts.dailyGoal = s.progress->dailyGoalXp();
    facts.todayCounts = s.progress->streak.todayCounts;
    facts.learningLater = s.progress->learningLaterToday;
    facts.nextLearningDueMs = s.progress->nextLearningDueMs;
    // The quests this session completed: complete now, not when it began (the same day's).
    facts.quests = questFacts(s.quests);
    const bool sameDay = s.before.quests.size() == facts.quests.size();
    for (std::size_t i = 0; i < facts.quests.size(); ++i)
        if (facts.quests[i].complete && !(sameDay && s.before.quests[i].title == facts.quests[i].title && s.before.quests[i].complete))
            facts.questsCompleted.push_back(facts.quests[i].title);
    if (s.before.questBonusXp == 0) facts.questBonusXp = s.quests.bonusXp();
    if (!facts.cram) facts.finale = crossedFinale(*s.progress, s.topicsMasteredBefore, s.decksIntroducedBefore, s.courseTitle);
    return facts;
}

SummaryFacts Game::todaySummary() {
    State& s = *m_state;
    if (!s.session) s.refresh();
    const CourseProgress& p = *s.progress;
    SummaryFacts facts;
    facts.xp = p.todayCounts.xp;
    facts.learned = p.todayCounts.newStudied;
    facts.reviewed = p.todayCounts.reviewsDone;
    const int dayStart = p.settings.dayStartHour;
    std::int64_t durationMs = 0;
    for (const auto& r : effectiveReviews(s.course.profile->reviews())) {
        if (!isOwnStudy(r) || scheduler::studyDay(r.moment(), dayStart) != p.today) continue;
        ++facts.answered;
        if (r.rating != scheduler::Rating::Again) ++facts.right;
        durationMs += r.durationMs;
    }
    facts.seconds = static_cast<int>(durationMs / 1000);
    facts.streakAfter = p.streak.current;
    facts.streakExtended = p.streak.todayCounts;
    facts.streakBefore = p.streak.todayCounts ? std::max(0, p.streak.current - 1) : p.streak.current;
    facts.levelBefore = facts.levelAfter = p.level.level;
    facts.xpToday = p.xpToday();
    facts.dailyGoal = p.dailyGoalXp();
    facts.todayCounts = p.streak.todayCounts;
    facts.learningLater = p.learningLaterToday;
    facts.nextLearningDueMs = p.nextLearningDueMs;
    for (const auto& unlock : p.achievements) {
        if (!unlock.definition) continue;
        const scheduler::Moment at{unlock.unlockedAtMs, p.now.utcOffsetSeconds};
        if (scheduler::studyDay(at, dayStart) == p.today)
            facts.achievements.push_back({unlock.definition->title, unlock.definition->description});
    }
    facts.quests = questFacts(s.quests);
    for (const auto& q : facts.quests)
        if (q.complete) facts.questsCompleted.push_back(q.title);
    facts.questBonusXp = s.quests.bonusXp();
    return facts;
}

const Settings& Game::settings() const { return m_state->course.profile->settings(); }

SaveResult Game::saveSettings(const Settings& settings) {
    SaveResult result = m_state->course.profile->saveSettings(settings);
    if (!m_state->session) m_state->recompute();
    return result;
}

SaveResult Game::saveOptimizerParameters(std::vector<double> values) {
    SaveResult result = m_state->course.profile->saveOptimizerParameters(std::move(values));
    if (!m_state->session) m_state->recompute();
    return result;
}

const CourseProgress& Game::course() {
    if (!m_state->session) m_state->refresh();
    return *m_state->progress;
}

const Profile& Game::profile() const { return *m_state->course.profile; }

std::optional<CardHistory> Game::cardHistory(const std::string& deckId, const std::string& cardId) {
    const CourseProgress& p = course();
    const auto card = p.findCard(LogId(deckId), LogId(cardId));
    if (!card) return std::nullopt;
    return model::cardHistory(p, profile().reviews(), *card, now());
}

std::optional<CardHistory> Game::currentCardHistory() const {
    if (!inSession()) return std::nullopt;
    const State& s = *m_state;
    return model::cardHistory(*s.progress, s.course.profile->reviews(), s.session->currentCard(), now());
}

std::vector<DeckSource> Game::deckSources() const { return standardDeckSources(m_state->deckPaths); }

bool Game::startTopicSession(const std::string& topicId) {
    if (m_state->session) return false;
    SessionOptions options = sessionOf(SessionKind::Topic);
    options.topicId = topicId;
    return startSession(options) == SessionStart::Ready;
}

bool Game::startDeckSession(const std::string& deckId) {
    if (m_state->session || deckId.empty()) return false;
    SessionOptions options = sessionOf(SessionKind::Topic);
    options.deckId = deckId;
    return startSession(options) == SessionStart::Ready;
}

StudyMoreFacts Game::studyMore() {
    State& s = *m_state;
    if (!s.session) s.refresh();
    const CourseProgress& p = *s.progress;
    StudyMoreFacts facts;
    const CustomStudyOffer offer = customStudyOffer(p);
    facts.newBeyondLimit = offer.newBeyondLimit;
    facts.newLeftToday = offer.newLeftToday;
    facts.forgottenToday = offer.forgottenToday;
    const int days[] = {1, 3, 7};
    for (std::size_t i = 0; i < facts.ahead.size(); ++i)
        facts.ahead[i] = static_cast<int>(cardsDueAhead(p, days[i]).size());
    for (const auto& tag : offer.tags) facts.tags.push_back({tag.tag, tag.tag, tag.cards});
    for (const auto& topic : p.topics)
        if (topic.cards > 0) facts.topics.push_back({topic.deckId + "/" + topic.topicId, topic.title, topic.cards});
    facts.xpToday = p.xpToday();
    facts.dailyGoal = p.dailyGoalXp();
    facts.goalMet = facts.xpToday >= facts.dailyGoal;
    return facts;
}

bool Game::startChoice(const StudyChoice& choice) {
    if (m_state->session) return false;
    SessionOptions options = sessionOf(choice.kind);
    switch (choice.kind) {
    case SessionKind::MoreNew:
        options.kind = SessionKind::MoreNew;
        options.extraNewCards = std::clamp(choice.count, 1, 100);
        break;
    case SessionKind::ReviewAhead:
        options.kind = SessionKind::ReviewAhead;
        options.aheadDays = std::clamp(choice.count, 1, 30);
        break;
    case SessionKind::Forgotten: options.kind = SessionKind::Forgotten; break;
    case SessionKind::Tag:
        options.kind = SessionKind::Tag;
        options.tag = choice.name;
        break;
    case SessionKind::Cram:
        options.kind = SessionKind::Cram;
        options.topicId = choice.name;
        break;
    case SessionKind::Daily:
    case SessionKind::WeakTopics:
    case SessionKind::Topic: return false;  // not "Study more" choices: startSession, startTopicSession
    }
    return startSession(options) == SessionStart::Ready;
}

void Game::replaceDecks(const std::vector<LibraryDeck>& decks) {
    State& s = *m_state;
    if (s.session) return;
    s.course.decks.clear();
    s.course.playerDeckIds.clear();
    for (const auto& entry : decks) {
        if (entry.origin == DeckOrigin::Player) s.course.playerDeckIds.push_back(entry.deck.id);
        s.course.decks.push_back(entry.deck);
    }
    s.recompute();
}

}  // namespace attune::model
