// Editing one card of a deck file in place (the card editor of the game window): the new
// version of the card replaces only the keys that changed inside its [[card]] table, so every
// other byte of the file (other cards, comments, blank lines, the author's own quoting) stays as
// it was. A new card is written in the style of the bundled decks and placed after the last card
// of its topic (at the end of the file when its topic has none yet). The result is checked as
// `attune deck check` checks a deck before anything is written; a file with errors is never
// written.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/save/SaveResult.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// Where one [[card]] table stands in a deck file, in bytes: from the start of its header's line
/// to the end of the line (with its line break) where its last value ends. Blank lines and
/// comments after that are not part of it: they introduce what follows (the next card's comment,
/// a section heading) and stay where they are.
struct CardSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// The span of the card `cardId` in `text` (a deck that loads); nullopt when it is not there or
/// is written as an inline table.
std::optional<CardSpan> findCardSpan(std::string_view text, const std::string& cardId);

/// A problem the check found with the edited card, with the key it concerns ("front", "options",
/// ...; empty when it is about the card as a whole, e.g. a missing key or a deck-wide error).
struct FieldProblem {
    std::string key;
    int item = -1;  // for a list written one item a line (options): which item; -1 otherwise
    Diagnostic diagnostic;
};

struct CardEditResult {
    bool ok = false;                     // no errors: `text` may be written
    std::string text;                    // the whole file with the edit (empty when it could not be made)
    std::string cardId;                  // the card's id (for a new card, its fresh id)
    std::vector<FieldProblem> problems;  // the edited card's errors and warnings, then any other error
    std::string error;                   // when the edit could not be made at all, why
};

/// `original` (the text of the deck file `file`) with `card` in place of the card `replacing`,
/// or, when `replacing` is empty, with `card` added as a new card under a fresh id (card.id is
/// ignored then). Only keys whose value changed are rewritten; a key left empty is removed.
/// `taken` lists ids that may not be given to a new card although no card has them (ids with
/// progress in the review log). Checked as `deck check` does, card craft included.
CardEditResult editCardText(std::string_view original, const std::filesystem::path& file, const Card& card,
                            const std::string& replacing, const std::set<std::string>& taken = {});

/// editCardText on the file as it is on disk now, then, when it has no errors, the profile
/// store's durable write (temp file, fsync, rename, fsync of the folder). Nothing is written
/// when the check finds an error or the edit cannot be made; `saved` says whether it was.
struct CardSaveResult {
    CardEditResult edit;
    SaveResult saved;
};
CardSaveResult saveCard(const std::filesystem::path& file, const Card& card, const std::string& replacing,
                        const std::set<std::string>& taken = {});

/// An id for a new card: a few words of its question ("what-does-daylight-do"), with "-2", "-3"
/// ... added when a card of `deck` or `taken` has it already; "card" when the question has no
/// letters or digits.
std::string freshCardId(const std::vector<std::string>& deckIds, std::string_view question,
                        const std::set<std::string>& taken = {});

/// One [[card]] table as the bundled decks write it: id, topic, type, the keys of its type,
/// then explain, source, tags, image, alt and allow when they are set; ends in a line break.
std::string cardTableToml(const Card& card);

/// The text of a new, empty deck: its [deck] table and one [[topic]] per title (ids made from
/// the titles), with a comment saying how to add cards.
std::string newDeckToml(const std::string& deckId, const std::string& title, const std::vector<std::string>& topicTitles);

/// A new deck file in `folder` from a title and topic titles: the deck id is made from the title
/// (with "-2", "-3" ... when a file or `takenDeckIds` has it). Refuses an empty title, no topic,
/// and a text a deck may not hold; writes durably.
struct NewDeckResult {
    bool ok = false;
    std::filesystem::path file;
    std::string deckId;
    std::string error;  // when !ok
};
NewDeckResult createDeck(const std::filesystem::path& folder, const std::string& title, const std::vector<std::string>& topicTitles,
                         const std::set<std::string>& takenDeckIds = {});

}  // namespace attune::model
