// Checking what the player typed for a `typein` card: case, the spaces around and inside the
// answer and punctuation do not matter ("Secure base." == "secure-base"), in every script
// (core/TextFold.hpp: "STRASSE" == "straße"); the card's `accept` list gives other right
// answers, and its `ignore_diacritics` lets "cafe" stand for "café".
#pragma once

#include <attune/model/core/TextFold.hpp>
#include <attune/model/deck/Deck.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// The comparable form of an answer: its folded words (foldedWords) run together, so white
/// space, punctuation and case do not count. Two answers match when their normal forms are
/// equal and not empty.
std::string normalizeTypedAnswer(std::string_view text, Diacritics diacritics = Diacritics::Significant);

bool typedAnswerMatches(std::string_view typed, std::string_view answer, const std::vector<std::string>& accept = {},
                        Diacritics diacritics = Diacritics::Significant);

/// The card's answer or any of its accept list, diacritics ignored when the card says so.
bool typedAnswerMatches(std::string_view typed, const Card& card);

}  // namespace attune::model
