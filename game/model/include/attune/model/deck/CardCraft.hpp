// Card craft: `attune deck check`'s warnings about cards that load fine but teach badly (a whole
// list in one card, a choice answer given away by its length, an answer printed by its own
// prompt, ...), after the rules of decks/FORMAT.md "Card craft warnings". Each warning names its
// rule in brackets, as compilers do, and `allow = ["rule"]` on a card (or in [deck], for the
// whole deck) silences it.
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/deck/Deck.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

struct CraftRule {
    std::string_view name;
    bool wholeDeck = false;  // judged across the deck: silenced only by the deck's own `allow`
};

inline constexpr std::array<CraftRule, 8> kCraftRules = {{
    {"whole-list", false},
    {"choice-longest", false},
    {"choice-longest-share", true},
    {"true-false-balance", true},
    {"answer-in-prompt", false},
    {"type-in-no-accept", false},
    {"answer-shown-elsewhere", false},
    {"explain-repeats-answer", false},
}};

/// The rule of that name; nullptr when there is none.
const CraftRule* findCraftRule(std::string_view name);

struct CraftWarning {
    std::string rule;  // empty for a problem with `allow` itself (an unknown rule name)
    Diagnostic diagnostic;  // a warning; its message ends in " [rule]"
};

/// Every card-craft warning of a deck that loaded, sorted by line and column, except those its
/// cards' and its own `allow` lists silence.
std::vector<CraftWarning> checkCardCraft(const Deck& deck);

}  // namespace attune::model
