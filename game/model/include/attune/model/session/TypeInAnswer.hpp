// Checking what the player typed for a `typein` card: case, the spaces around and inside the
// answer and punctuation do not matter ("Secure base." == "secure-base"); the card's `accept`
// list gives other right answers.
#pragma once

#include <attune/model/deck/Deck.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// The comparable form of an answer: lower case (ASCII and Latin-1 letters), punctuation and
/// white space removed. Two answers match when their normal forms are equal and not empty.
std::string normalizeTypedAnswer(std::string_view text);

/// The words of a text in the same normal form: each run of letters and digits, lower case
/// ("Trauma-informed care" -> trauma, informed, care).
std::vector<std::string> normalizedWords(std::string_view text);

bool typedAnswerMatches(std::string_view typed, std::string_view answer, const std::vector<std::string>& accept = {});

/// The card's answer or any of its accept list.
bool typedAnswerMatches(std::string_view typed, const Card& card);

}  // namespace attune::model
