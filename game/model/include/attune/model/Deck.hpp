// A deck as authored in TOML (see decks/FORMAT.md) and the study cards it expands into.
//
// CONTRACT NOTE (founding skeleton): the deck owner implements loading/validation and may add
// fields, but keeps these names working for the session, progression and ui code.
#pragma once

#include <attune/model/Diagnostic.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace attune::model {

enum class CardType { Basic, Reverse, Cloze, Choice, TrueFalse, TypeIn };

struct Topic {
    std::string id;
    std::string title;
    std::string description;
    int order = 0;
};

/// One [[card]] entry as the author wrote it.
struct Card {
    std::string id;
    std::string topic;
    CardType type = CardType::Basic;
    std::string front;                // basic, reverse
    std::string back;                 // basic, reverse
    std::string text;                 // cloze
    std::string prompt;               // choice, typein
    std::vector<std::string> options; // choice
    std::string answer;               // choice (text of the right option), typein
    bool truth = false;               // truefalse: the answer
    std::string statement;            // truefalse
    std::vector<std::string> accept;  // typein: other accepted answers
    std::string explain;
    std::string source;
    std::vector<std::string> tags;
    std::string image;                // relative to the deck's folder
    std::uint64_t contentHash = 0;    // changes when the card's text changes
    int line = 0;                     // where the [[card]] header stands in the file
};

/// What the player studies: one per basic/choice/truefalse/typein card, two per reverse card,
/// one per cloze number.
struct StudyCard {
    std::string id;           // progress key: card id, "id#reverse" or "id#c2"
    std::size_t cardIndex = 0;// into Deck::cards
    int clozeNumber = 0;      // cloze: N of cN; 0 otherwise
    bool reversed = false;    // reverse cards: the back is shown first
};

struct Deck {
    std::string id;
    std::string title;
    std::string description;
    std::string version;
    std::string language;
    std::filesystem::path file;
    std::vector<Topic> topics;
    std::vector<Card> cards;
    std::vector<StudyCard> studyCards;

    const Topic* findTopic(const std::string& topicId) const;
    const Card* findCard(const std::string& cardId) const;
};

struct DeckLoadResult {
    std::optional<Deck> deck;             // empty when there are errors
    std::vector<Diagnostic> diagnostics;  // errors and warnings
};

DeckLoadResult loadDeck(const std::filesystem::path& file);

}  // namespace attune::model
