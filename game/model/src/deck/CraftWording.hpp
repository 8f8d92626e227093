// The reading of card text the card-craft rules share: words in normal form, a light English
// stemmer, stop words, and the shapes of a list and of a question that asks for one. English
// only: in decks of other languages the wording rules find less, never more.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model::craft {

using Words = std::vector<std::string>;

/// The words of a text: runs of letters and digits, folded (foldedWords).
Words wordsOf(std::string_view text);

/// A word without a plural or third-person "s" ("boundaries" -> "boundary", "accepts" -> "accept").
std::string stemOf(const std::string& word);

/// Words that carry no content on their own ("the", "is", "which", ...).
bool isStopWord(std::string_view word);

/// `words` without a leading "a", "an" or "the".
Words withoutArticle(const Words& words);

/// True when every word is a stop word (and for no words at all).
bool allStopWords(const Words& words);

/// The number of items when a text is an enumeration ("A, B and C", three or more bulleted lines,
/// four or more short comma-separated items); 0 otherwise.
std::size_t listItemCount(std::string_view text);

/// The words with which a question asks for a whole list of three or more ("name them", "which
/// three", "list the"); empty when it asks for one thing.
std::string listRequest(std::string_view question);

}  // namespace attune::model::craft
