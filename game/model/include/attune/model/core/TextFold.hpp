// Text compared as the player means it, in every script: the one fold behind type-in answers,
// duplicate choice options, the card-craft rules' words and the deck browser's search. Pure
// ASCII is only lowercased; anything else goes through ICU, which is touched on first need.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// Whether the marks a letter carries count when texts are compared.
enum class Diacritics { Significant, Ignored };

/// `text` in the form in which texts are compared for the player:
/// - canonically equivalent spellings made one (NFC): "e" + U+0301 is "é", conjoining Hangul jamo
///   are the syllable they spell;
/// - full Unicode case folding by the default rule: "STRASSE" and "Straße" both become "strasse",
///   "Σ" and the final "ς" become "σ", "İ" becomes "i" + U+0307 (not the Turkish rule);
/// - full-width and half-width forms as their ordinary characters ("ＡＢＣ" is "abc", "ｶﾞ" is
///   "ガ"): they are how an input method typed a letter, not another letter. Other compatibility
///   forms stay apart ("x²" is not "x2", "㎏" is not "kg").
/// With Diacritics::Ignored the marks set on a letter are dropped too: accents, tonos, cedilla,
/// Arabic vowel marks, Hebrew points (combining classes 10 and up, after canonical
/// decomposition). Kana voicing marks, nukta and virama stay: they make another letter.
/// Spaces and punctuation stay as they are. Invalid UTF-8 reads as U+FFFD.
std::string foldedText(std::string_view text, Diacritics diacritics = Diacritics::Significant);

/// The words of `text`, each folded as foldedText: runs of letters, marks, digits and other
/// symbols (emoji). White space, punctuation, mathematical, currency and modifier symbols and
/// control characters end a word; invisible format characters (soft hyphen, zero-width joiner
/// and non-joiner) vanish without ending one. "Trauma-informed CARE" -> trauma, informed, care.
std::vector<std::string> foldedWords(std::string_view text, Diacritics diacritics = Diacritics::Significant);

}  // namespace attune::model
