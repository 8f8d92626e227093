// Small decks and review logs built in code for the progression and session tests.
#pragma once

#include <attune/model/core/Clock.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/history/ReviewRecord.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace attune::test {

inline scheduler::Moment at(const std::string& iso) {
    const auto moment = model::parseIsoTime(iso);
    if (!moment) throw std::invalid_argument("bad time in test: " + iso);
    return *moment;
}

inline scheduler::Moment later(scheduler::Moment m, std::int64_t ms) { return {m.utcMs + ms, m.utcOffsetSeconds}; }

inline model::Card basicCard(const std::string& id, const std::string& topic) {
    model::Card card;
    card.id = id;
    card.topic = topic;
    card.type = model::CardType::Basic;
    card.front = "front of " + id;
    card.back = "back of " + id;
    return card;
}

/// A deck with `perTopic[i]` basic cards in topic "t<i+1>" (ids "t1-1", "t1-2", ...).
inline model::Deck basicDeck(const std::string& id, const std::vector<int>& perTopic) {
    model::Deck deck;
    deck.id = id;
    deck.title = "Deck " + id;
    for (std::size_t t = 0; t < perTopic.size(); ++t) {
        const std::string topic = "t" + std::to_string(t + 1);
        deck.topics.push_back({topic, "Topic " + std::to_string(t + 1), "", static_cast<int>(t), 0});
        for (int c = 1; c <= perTopic[t]; ++c) deck.cards.push_back(basicCard(topic + "-" + std::to_string(c), topic));
    }
    for (std::size_t i = 0; i < deck.cards.size(); ++i) {
        model::StudyCard study;
        study.id = deck.cards[i].id;
        study.cardIndex = i;
        deck.studyCards.push_back(study);
    }
    return deck;
}

inline void addStudyCard(model::Deck& deck, model::Card card) {
    deck.cards.push_back(std::move(card));
    model::StudyCard study;
    study.id = deck.cards.back().id;
    study.cardIndex = deck.cards.size() - 1;
    deck.studyCards.push_back(study);
}

inline model::ReviewRecord answer(const std::string& deck, const std::string& card, scheduler::Moment when,
                                  scheduler::Rating rating, model::ReviewKind kind = model::ReviewKind::Review) {
    model::ReviewRecord r;
    r.deckId = deck;
    r.cardId = card;
    r.utcMs = when.utcMs;
    r.utcOffsetSeconds = when.utcOffsetSeconds;
    r.rating = rating;
    r.durationMs = 3000;
    r.kind = kind;
    return r;
}

inline model::ReviewRecord answer(const std::string& deck, const std::string& card, const std::string& iso,
                                  scheduler::Rating rating, model::ReviewKind kind = model::ReviewKind::Review) {
    return answer(deck, card, at(iso), rating, kind);
}

}  // namespace attune::test
