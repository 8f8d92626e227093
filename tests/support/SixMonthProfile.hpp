// A synthetic player who studied the bundled course for six months, for the tests of the
// insight screens and of the game's facts: daily sessions through the real scheduler (new cards
// five a day, due reviews, learning steps the same day), a week off in the third month, a few
// rest days, one hard topic that stays weak, and a handful of cards forgotten again and again
// (leeches).
#pragma once

#include "catch.hpp"

#include <attune/model/deck/Deck.hpp>
#include <attune/model/progress/Progress.hpp>
#include <attune/model/save/Profile.hpp>
#include <attune/scheduler/Scheduler.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace attune::testing {

/// 2026-11-27T18:00:00Z: "now" for the shots (pass as ATTUNE_NOW).
inline constexpr const char* kSixMonthNow = "2026-11-27T18:00:00Z";
inline constexpr std::int64_t kSixMonthNowMs = 1795802400000;
inline constexpr int kSixMonthDays = 183;

/// The bundled course (decks/attachment-guide.toml), loaded once.
inline const model::Deck& courseDeck() {
    static const model::Deck deck = [] {
        auto loaded = model::loadDeck(std::string(ATTUNE_SOURCE_DIR) + "/decks/attachment-guide.toml");
        REQUIRE(loaded.deck.has_value());
        return *loaded.deck;
    }();
    return deck;
}

/// Deterministic 0..1 numbers (xorshift), so every run writes the same log.
class Dice {
public:
    explicit Dice(std::uint64_t seed) : m_state(seed | 1u) {}
    double roll() {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return static_cast<double>(m_state >> 11) / 9007199254740992.0;
    }

private:
    std::uint64_t m_state;
};

/// The answers of six months of study of `deck`, oldest first.
inline std::vector<model::ReviewRecord> sixMonthLog(const model::Deck& deck) {
    const scheduler::Scheduler scheduler(model::schedulerSettingsFor(model::Settings{}, scheduler::Parameters::defaults()));
    std::vector<scheduler::CardState> states(deck.studyCards.size());
    std::vector<bool> introduced(deck.studyCards.size(), false);
    std::vector<model::ReviewRecord> log;
    Dice dice(20260527);
    const std::string hardTopic = deck.topics.size() > 2 ? deck.topics[2].id : std::string();
    std::size_t nextNew = 0;
    constexpr std::int64_t kDayMs = 86400000;
    for (int d = kSixMonthDays; d >= 0; --d) {
        const bool weekOff = d >= 95 && d < 102;
        if (weekOff || (d % 11 == 5)) continue;  // a holiday and the odd rest day
        std::int64_t t = kSixMonthNowMs - static_cast<std::int64_t>(d) * kDayMs - 3600000;  // 17:00 UTC
        std::vector<std::size_t> queue;
        for (std::size_t c = 0; c < states.size(); ++c)
            if (introduced[c] && scheduler.isDue(states[c], {t, 0})) queue.push_back(c);
        for (int n = 0; n < 5 && nextNew < states.size(); ++n) {
            introduced[nextNew] = true;
            queue.push_back(nextNew++);
        }
        for (std::size_t i = 0; i < queue.size() && i < 400; ++i) {
            const std::size_t c = queue[i];
            const scheduler::CardState& before = states[c];
            if (before.phase == scheduler::CardPhase::Learning || before.phase == scheduler::CardPhase::Relearning)
                t = std::max(t, before.dueMs);
            const model::Card& card = deck.cardOf(deck.studyCards[c]);
            double forget = 0.08;
            if (card.topic == hardTopic) forget = 0.35;
            if (c % 37 == 5) forget = 0.75;  // a leech in the making
            if (before.phase == scheduler::CardPhase::New) forget = 0.3;
            const double roll = dice.roll();
            scheduler::Rating rating = scheduler::Rating::Good;
            if (roll < forget) rating = scheduler::Rating::Again;
            else if (roll > 0.93) rating = scheduler::Rating::Easy;
            else if (roll > 0.85) rating = scheduler::Rating::Hard;
            model::ReviewRecord r;
            r.deckId = deck.id;
            r.cardId = deck.studyCards[c].id;
            r.utcMs = t;
            r.rating = rating;
            r.durationMs = 4000 + static_cast<std::int32_t>(dice.roll() * 12000.0);
            r.kind = before.phase == scheduler::CardPhase::Review       ? model::ReviewKind::Review
                     : before.phase == scheduler::CardPhase::Relearning ? model::ReviewKind::Relearn
                                                                        : model::ReviewKind::Learn;
            log.push_back(r);
            states[c] = scheduler.answer(before, rating, {t, 0}, model::replayFuzzSeed(t, static_cast<std::uint64_t>(before.reps)));
            t += r.durationMs + 2000;
            if (states[c].phase == scheduler::CardPhase::Learning || states[c].phase == scheduler::CardPhase::Relearning) queue.push_back(c);
        }
    }
    return log;
}

/// Writes the six-month profile into `dir` (emptied first) and returns the number of answers.
inline std::size_t writeSixMonthProfile(const std::filesystem::path& dir, const model::Deck& deck) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    model::ProfileOpenOptions options;
    options.dailyBackup = false;
    auto opened = model::Profile::open(dir, options);
    REQUIRE_FALSE(opened.profile.readOnly());
    const auto log = sixMonthLog(deck);
    const auto report = opened.profile.mergeReviews(log);
    INFO(report.message);
    REQUIRE(opened.profile.reviews().size() == log.size());
    REQUIRE(opened.profile.close().unsaved == 0);
    return log.size();
}

}  // namespace attune::testing
