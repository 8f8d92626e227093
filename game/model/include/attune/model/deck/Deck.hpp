// A deck as authored in TOML (see decks/FORMAT.md) and the study cards it expands into.
// loadDeck() reads and validates one deck file; it never throws and reports every problem
// as a Diagnostic with the file, line and column an author can jump to.
#pragma once

#include <attune/model/core/Diagnostic.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

enum class CardType { Basic, Reverse, Cloze, Choice, TrueFalse, TypeIn };

/// The names decks use for the card types, in the order of CardType.
inline constexpr std::array<std::string_view, 6> kCardTypeNames = {"basic", "reverse", "cloze", "choice", "truefalse", "typein"};

/// "basic", "reverse", "cloze", "choice", "truefalse", "typein".
std::string_view cardTypeName(CardType type);
std::optional<CardType> cardTypeFromName(std::string_view name);

// Limits that keep a hostile or mistaken file from hanging the game (checked before parsing).
inline constexpr std::uintmax_t kMaxDeckFileBytes = 8u * 1024u * 1024u;
inline constexpr std::size_t kMaxDeckCards = 100000;
inline constexpr std::size_t kMaxTextCharacters = 10000;
/// Texts longer than this load but draw a warning: they are hard to read on one card.
inline constexpr std::size_t kLongTextCharacters = 1000;

struct Topic {
    std::string id;
    std::string title;
    std::string description;
    int order = 0;
    int line = 0;  // where the [[topic]] header stands in the file

    bool operator==(const Topic&) const = default;
};

/// A place in a deck file: 1-based line and column (0 when unknown).
struct SourcePlace {
    int line = 0;
    int column = 0;

    bool operator==(const SourcePlace&) const = default;
};

/// Where the parts of a card stand in its file, so a message about one part (an option, the
/// explanation) points at it.
struct CardPlaces {
    SourcePlace question;              // front, text, prompt or statement
    SourcePlace answer;                // back, or the answer value
    SourcePlace explain;
    std::vector<SourcePlace> options;  // choice: each option
    std::vector<SourcePlace> allow;    // each entry of `allow`

    bool operator==(const CardPlaces&) const = default;
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
    bool ignoreDiacritics = false;    // typein: "cafe" matches "café"
    std::string explain;
    std::string source;
    std::vector<std::string> tags;
    std::string image;                // relative to the deck's folder
    std::string alt;                  // what the image shows, in words (screen readers, the terminal)
    std::vector<std::string> allow;   // card-craft rules `deck check` does not apply to this card
    std::uint64_t contentHash = 0;    // changes when the card's text changes
    int line = 0;                     // where the [[card]] header stands in the file
    CardPlaces places;

    bool operator==(const Card&) const = default;
};

/// What the player studies: one per basic/choice/truefalse/typein card, two per reverse card,
/// one per cloze number.
struct StudyCard {
    std::string id;           // progress key: card id, "id#reverse" or "id#c2"
    std::size_t cardIndex = 0;// into Deck::cards
    int clozeNumber = 0;      // cloze: N of cN; 0 otherwise
    bool reversed = false;    // reverse cards: the back is shown first

    bool operator==(const StudyCard&) const = default;
};

struct Deck {
    std::string id;
    std::string title;
    std::string description;
    /// Read once before the first session (the welcome, study --tty's first run); empty: none.
    std::string intro;
    std::string version;
    std::string language;
    std::filesystem::path file;
    int idLine = 0;                   // where [deck] id stands in the file
    SourcePlace place;                // where the [deck] header stands
    bool daily = true;                // false: a reference deck, studied by topic, never in the daily session
    std::vector<std::string> allow;   // card-craft rules `deck check` does not apply anywhere in the deck
    std::vector<SourcePlace> allowPlaces;  // where each entry of `allow` stands
    std::vector<Topic> topics;        // sorted by `order`, then as written
    std::vector<Card> cards;          // as written
    std::vector<StudyCard> studyCards;

    const Topic* findTopic(const std::string& topicId) const;
    const Card* findCard(const std::string& cardId) const;
    const StudyCard* findStudyCard(const std::string& studyCardId) const;
    /// The card a study card comes from (studyCard must belong to this deck).
    const Card& cardOf(const StudyCard& studyCard) const { return cards.at(studyCard.cardIndex); }
    /// The folder the deck's images are relative to.
    std::filesystem::path folder() const { return file.parent_path(); }

    bool operator==(const Deck&) const = default;
};

struct DeckLoadResult {
    std::optional<Deck> deck;             // empty when there are errors
    std::vector<Diagnostic> diagnostics;  // errors and warnings
};

/// Reads, validates and expands one deck file. Never throws.
DeckLoadResult loadDeck(const std::filesystem::path& file);

/// The same for a deck already in memory; `file` names it in diagnostics and anchors image paths.
DeckLoadResult loadDeckFromText(std::string_view text, const std::filesystem::path& file);

/// The hash the loader stores in Card::contentHash: covers everything the player reads on the
/// card (type, question and answer texts, options, accepted answers, explanation, image), not
/// its id, topic, tags or source.
std::uint64_t cardContentHash(const Card& card);

/// The study cards one card expands into, in order (basic: 1, reverse: 2, cloze: one per cN).
std::vector<StudyCard> expandStudyCards(const Card& card, std::size_t cardIndex);

/// True when `id` is a valid deck id: [a-z0-9-]+.
bool isValidDeckId(std::string_view id);

}  // namespace attune::model
