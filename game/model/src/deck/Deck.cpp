// A deck's own operations: card type names, ids, content hashes, the study cards of a card and
// lookups. Loading and checking a deck file is DeckLoader.cpp.
#include <attune/model/core/Hash.hpp>
#include <attune/model/deck/Cloze.hpp>
#include <attune/model/deck/Deck.hpp>

#include <algorithm>

namespace attune::model {

std::string_view cardTypeName(CardType type) {
    return kCardTypeNames.at(static_cast<std::size_t>(type));
}

std::optional<CardType> cardTypeFromName(std::string_view name) {
    for (std::size_t i = 0; i < kCardTypeNames.size(); ++i) {
        if (kCardTypeNames[i] == name) return static_cast<CardType>(i);
    }
    return std::nullopt;
}

bool isValidDeckId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::uint64_t cardContentHash(const Card& card) {
    // FNV-1a over the texts, each closed by a separator so ("ab","c") and ("a","bc") differ.
    Fnv1a hash;
    auto add = [&hash](std::string_view text) { hash.add(text).addByte(0x1f); };
    add(cardTypeName(card.type));
    add(card.front);
    add(card.back);
    add(card.text);
    add(card.prompt);
    for (const auto& option : card.options) add(option);
    add("|");
    add(card.answer);
    add(card.type == CardType::TrueFalse ? (card.truth ? "true" : "false") : "");
    add(card.statement);
    for (const auto& other : card.accept) add(other);
    add("|");
    if (card.ignoreDiacritics) add("ignore_diacritics");  // only when set: the hashes of all other cards stay
    add(card.explain);
    add(card.image);
    return hash.value();
}

std::vector<StudyCard> expandStudyCards(const Card& card, std::size_t cardIndex) {
    std::vector<StudyCard> out;
    switch (card.type) {
        case CardType::Reverse:
            out.push_back({card.id, cardIndex, 0, false});
            out.push_back({card.id + "#reverse", cardIndex, 0, true});
            break;
        case CardType::Cloze:
            for (const int number : clozeNumbers(card.text)) {
                out.push_back({card.id + "#c" + std::to_string(number), cardIndex, number, false});
            }
            break;
        default: out.push_back({card.id, cardIndex, 0, false}); break;
    }
    return out;
}

const Topic* Deck::findTopic(const std::string& topicId) const {
    const auto it = std::find_if(topics.begin(), topics.end(), [&](const Topic& t) { return t.id == topicId; });
    return it == topics.end() ? nullptr : &*it;
}

const Card* Deck::findCard(const std::string& cardId) const {
    const auto it = std::find_if(cards.begin(), cards.end(), [&](const Card& c) { return c.id == cardId; });
    return it == cards.end() ? nullptr : &*it;
}

const StudyCard* Deck::findStudyCard(const std::string& studyCardId) const {
    const auto it = std::find_if(studyCards.begin(), studyCards.end(), [&](const StudyCard& s) { return s.id == studyCardId; });
    return it == studyCards.end() ? nullptr : &*it;
}

}  // namespace attune::model
