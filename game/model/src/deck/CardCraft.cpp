// The card-craft rules (CardCraft.hpp): each reads the loaded deck and the places the loader kept,
// and reports through one function that applies the `allow` lists.
#include <attune/model/deck/CardCraft.hpp>

#include <attune/model/core/Text.hpp>
#include <attune/model/core/Utf8.hpp>
#include <attune/model/deck/Cloze.hpp>

#include "deck/CraftWording.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>

namespace attune::model {
namespace {

using craft::Words;

// A right option a third longer than the longest wrong one stands out on sight in a column of
// options; the gap must be a few characters too (so "Yes" against "No" is no cue).
constexpr double kLongestRatio = 1.3;
constexpr std::size_t kLongestMinimumGap = 8;
// Too few cards of a kind make any share look lopsided: the deck-wide rules wait for these.
constexpr std::size_t kShareMinimumChoiceCards = 8;
constexpr std::size_t kBalanceMinimumTrueFalseCards = 8;
constexpr double kBalanceLowestTrueShare = 0.35;
constexpr double kBalanceHighestTrueShare = 0.65;
// Answers longer than this are sentences, which no other card prints word for word by chance.
constexpr std::size_t kLongestCheckedAnswerWords = 12;
// An answer shorter than this (in letters and digits, stop words aside) is too common a word to
// count as given away ("no", "two", "art").
constexpr std::size_t kShortestCheckedAnswer = 4;
// A word the questions of a tenth of the deck (and at least this many cards) show is everyday
// vocabulary there: a one-word answer that is such a word is not given away by one card more.
constexpr std::size_t kEverydayMinimumCards = 5;

// Words an explanation may use to point at the card without adding anything.
constexpr auto kCardWords = std::to_array<std::string_view>(
    {"answer", "answers", "correct", "true", "false", "statement", "card", "question", "guide", "says", "yes"});

std::string inQuotes(std::string_view text) {
    std::string out = "'";
    std::size_t shown = 0;
    for (std::size_t i = 0; i < text.size() && shown < 60; ++i) {
        if (text[i] == '\n') out += "\\n";
        else if (text[i] == '\t') out += ' ';
        else out += text[i];
        if (!isContinuationByte(text[i])) ++shown;
    }
    if (characterCount(text) > 60) out += "...";
    return out + "'";
}

template <class Item, class Value>
bool contains(const std::vector<Item>& list, const Value& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

std::size_t letterCount(const Words& words) {
    std::size_t n = 0;
    for (const auto& word : words) n += characterCount(word);
    return n;
}

// What a player reads before answering, where it stands, and whether it is a choice option. A
// cloze text is read once with the gap each word stands in (its study cards each hide one
// number's gaps and show the rest), so a cloze of many numbers costs no more than its length.
struct Shown {
    Words words;
    SourcePlace place;
    bool option = false;
    std::vector<int> gaps;        // cloze: the number of the gap each word stands in, 0 outside every gap
    std::size_t gapNumbers = 0;   // cloze: how many numbers (study cards) the card has

    // True when some study card of the card shows words[from, from + length).
    bool visible(std::size_t from, std::size_t length) const {
        if (gaps.empty()) return true;
        std::set<int> hidden;
        for (std::size_t k = from; k < from + length; ++k) {
            if (gaps[k] != 0) hidden.insert(gaps[k]);
        }
        return hidden.size() < gapNumbers;  // a number none of these words belongs to shows them all
    }
};

Shown clozeShown(const Card& card) {
    Shown shown;
    shown.place = card.places.question;
    std::set<int> numbers;
    std::size_t at = 0;
    auto add = [&shown](std::string_view text, int gap) {
        for (auto& word : craft::wordsOf(text)) {
            shown.words.push_back(std::move(word));
            shown.gaps.push_back(gap);
        }
    };
    for (const auto& deletion : parseCloze(card.text).deletions) {
        add(std::string_view(card.text).substr(at, deletion.begin - at), 0);
        add(deletion.answer, deletion.number);
        numbers.insert(deletion.number);
        at = deletion.end;
    }
    add(std::string_view(card.text).substr(std::min(at, card.text.size())), 0);
    shown.gapNumbers = numbers.size();
    return shown;
}

std::vector<Shown> shownTexts(const Card& card) {
    std::vector<Shown> out;
    auto add = [&out](std::string_view text, SourcePlace place, bool option = false) {
        Shown shown;
        shown.words = craft::wordsOf(text);
        shown.place = place;
        shown.option = option;
        out.push_back(std::move(shown));
    };
    switch (card.type) {
    case CardType::Basic: add(card.front, card.places.question); break;
    case CardType::Reverse:
        add(card.front, card.places.question);
        add(card.back, card.places.answer);
        break;
    case CardType::Cloze: out.push_back(clozeShown(card)); break;
    case CardType::Choice:
        add(card.prompt, card.places.question);
        for (std::size_t i = 0; i < card.options.size(); ++i) {
            add(card.options[i], i < card.places.options.size() ? card.places.options[i] : card.places.question, true);
        }
        break;
    case CardType::TrueFalse: add(card.statement, card.places.question); break;
    case CardType::TypeIn: add(card.prompt, card.places.question); break;
    }
    return out;
}

// What a player must recall or pick: a true/false card has no answer text.
std::vector<std::string> answersOf(const Card& card) {
    switch (card.type) {
    case CardType::Basic: return {card.back};
    case CardType::Reverse: return {card.front, card.back};
    case CardType::Cloze: {
        std::vector<std::string> out;
        for (const auto& deletion : parseCloze(card.text).deletions) out.push_back(deletion.answer);
        return out;
    }
    case CardType::Choice: return {card.answer};
    case CardType::TrueFalse: return {};
    case CardType::TypeIn: {
        std::vector<std::string> out{card.answer};
        out.insert(out.end(), card.accept.begin(), card.accept.end());
        return out;
    }
    }
    return {};
}

// An answer worth looking for elsewhere: its words without a leading article, when they are not
// all stop words, nor too few letters, nor a whole sentence.
Words checkedAnswerWords(std::string_view answer) {
    Words words = craft::withoutArticle(craft::wordsOf(answer));
    if (words.size() > kLongestCheckedAnswerWords || craft::allStopWords(words) || letterCount(words) < kShortestCheckedAnswer) {
        return {};
    }
    return words;
}

// Answers by their words, so every position of every shown text is looked up in one walk; each
// answer is known by an id (a card index, a gap index).
class AnswerTrie {
public:
    void add(const Words& words, std::size_t id) {
        std::size_t node = 0;
        for (const auto& word : words) {
            auto [it, added] = m_nodes[node].next.emplace(word, m_nodes.size());
            if (added) m_nodes.emplace_back();
            node = it->second;
        }
        auto& ids = m_nodes[node].ids;
        if (ids.size() < 2 && !contains(ids, id)) ids.push_back(id);
    }

    // The answers (as ids and word counts) that start at words[from].
    template <class Found>
    void findAt(const Words& words, std::size_t from, Found&& found) const {
        std::size_t node = 0;
        for (std::size_t i = from; i < words.size(); ++i) {
            const auto it = m_nodes[node].next.find(words[i]);
            if (it == m_nodes[node].next.end()) return;
            node = it->second;
            for (const std::size_t id : m_nodes[node].ids) found(id, i + 1 - from);
        }
    }

private:
    struct Node {
        std::map<std::string, std::size_t> next;
        std::vector<std::size_t> ids;  // at most two: one of them is not the one being read
    };
    std::vector<Node> m_nodes = std::vector<Node>(1);
};

Words stemsOf(Words words) {
    for (auto& word : words) word = craft::stemOf(word);
    return words;
}

// The first of `answers` (by index) that `question` shows as whole words, compared by stem;
// one walk over the question however many answers there are.
std::optional<std::size_t> answerShownIn(const std::vector<std::string>& answers, std::string_view question) {
    AnswerTrie trie;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const Words words = checkedAnswerWords(answers[i]);
        if (!words.empty()) trie.add(stemsOf(words), i);
    }
    const Words stems = stemsOf(craft::wordsOf(question));
    std::optional<std::size_t> first;
    for (std::size_t from = 0; from < stems.size(); ++from) {
        trie.findAt(stems, from, [&first](std::size_t i, std::size_t) {
            if (!first || i < *first) first = i;
        });
    }
    return first;
}

// Rules as bits (their place in kCraftRules), so `allow` lists of any length are read once.
using RuleSet = std::uint32_t;
static_assert(kCraftRules.size() <= 32);

RuleSet ruleBit(std::string_view name) {
    for (std::size_t i = 0; i < kCraftRules.size(); ++i) {
        if (kCraftRules[i].name == name) return RuleSet{1} << i;
    }
    return 0;
}

RuleSet rulesIn(const std::vector<std::string>& names) {
    RuleSet set = 0;
    for (const auto& name : names) set |= ruleBit(name);
    return set;
}

class CraftChecker {
public:
    explicit CraftChecker(const Deck& deck) : m_deck(deck), m_deckAllowed(rulesIn(deck.allow)) {
        m_cardAllowed.reserve(deck.cards.size());
        for (const Card& card : deck.cards) m_cardAllowed.push_back(rulesIn(card.allow));
    }

    std::vector<CraftWarning> run() {
        checkAllowLists();
        for (const Card& card : m_deck.cards) {
            wholeList(card);
            choiceLongest(card);
            answerInPrompt(card);
            typeInNoAccept(card);
            explainRepeatsAnswer(card);
        }
        choiceLongestShare();
        trueFalseBalance();
        answersShownElsewhere();
        std::stable_sort(m_warnings.begin(), m_warnings.end(), [](const CraftWarning& a, const CraftWarning& b) {
            const Diagnostic& x = a.diagnostic;
            const Diagnostic& y = b.diagnostic;
            return x.line != y.line ? x.line < y.line : x.column < y.column;
        });
        return std::move(m_warnings);
    }

private:
    // Reports unless the deck's or the card's `allow` silences the rule.
    void warn(const Card* card, std::string_view rule, SourcePlace place, const std::string& message) {
        const RuleSet bit = ruleBit(rule);
        if ((m_deckAllowed & bit) != 0) return;
        if (card != nullptr && (m_cardAllowed[static_cast<std::size_t>(card - m_deck.cards.data())] & bit) != 0) return;
        if (place.line == 0) place = card != nullptr ? SourcePlace{card->line, 1} : m_deck.place;
        m_warnings.push_back({std::string(rule), Diagnostic{Diagnostic::Severity::Warning, m_deck.file.string(), place.line,
                                                            place.column, message + " [" + std::string(rule) + "]"}});
    }

    void allowProblem(SourcePlace place, const std::string& message) {
        m_warnings.push_back({{}, Diagnostic{Diagnostic::Severity::Warning, m_deck.file.string(), place.line, place.column, message}});
    }

    // Like a compiler given an unknown warning name: say so, and go on.
    void checkAllowList(const std::vector<std::string>& names, const std::vector<SourcePlace>& places, const Card* card) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            const SourcePlace place = i < places.size() ? places[i] : (card != nullptr ? SourcePlace{card->line, 1} : m_deck.place);
            const CraftRule* rule = findCraftRule(names[i]);
            if (rule == nullptr) {
                std::string hint;
                std::size_t best = 3;  // at most two edits away
                for (const auto& known : kCraftRules) {
                    if (names[i].size() > 2 * known.name.size()) continue;
                    const std::size_t d = editDistance(names[i], known.name);
                    if (d < best) {
                        best = d;
                        hint = "; did you mean '" + std::string(known.name) + "'?";
                    }
                }
                allowProblem(place, "unknown card-craft rule " + inQuotes(names[i]) + " in 'allow' silences nothing" + hint);
            } else if (card != nullptr && rule->wholeDeck) {
                allowProblem(place, "'" + names[i] + "' is judged across the whole deck: allow it in [deck], not on a card");
            }
        }
    }

    void checkAllowLists() {
        checkAllowList(m_deck.allow, m_deck.allowPlaces, nullptr);
        for (const Card& card : m_deck.cards) checkAllowList(card.allow, card.places.allow, &card);
    }

    // --- one card at a time -------------------------------------------------------------------

    void wholeList(const Card& card) {
        constexpr std::string_view rule = "whole-list";
        const std::string split = ": ask for one item per card (a cloze over one item of the list keeps its order)";
        std::vector<std::pair<std::string_view, SourcePlace>> questions;
        if (card.type == CardType::Basic || card.type == CardType::Reverse) questions.emplace_back(card.front, card.places.question);
        if (card.type == CardType::Choice || card.type == CardType::TypeIn) questions.emplace_back(card.prompt, card.places.question);
        for (const auto& [question, place] : questions) {
            if (const std::string request = craft::listRequest(question); !request.empty()) {
                warn(&card, rule, place, "the question asks for a whole list ('" + request + "')" + split);
                return;
            }
        }
        if (card.type == CardType::Cloze) {
            std::map<int, std::size_t> gaps;
            for (const auto& deletion : parseCloze(card.text).deletions) {
                if (++gaps[deletion.number] == 3) {
                    warn(&card, rule, card.places.question,
                         "the c" + std::to_string(deletion.number) + " card hides 3 or more gaps at once" + split);
                    return;
                }
                if (const std::size_t items = craft::listItemCount(deletion.answer); items > 0) {
                    warn(&card, rule, card.places.question,
                         "the gap " + inQuotes(deletion.answer) + " hides a list of " + std::to_string(items) + " items" + split);
                    return;
                }
            }
            return;
        }
        std::vector<std::pair<std::string_view, SourcePlace>> answers;
        if (card.type == CardType::Basic) answers.emplace_back(card.back, card.places.answer);
        if (card.type == CardType::Reverse) {
            answers.emplace_back(card.back, card.places.answer);
            answers.emplace_back(card.front, card.places.question);
        }
        if (card.type == CardType::Choice || card.type == CardType::TypeIn) answers.emplace_back(card.answer, card.places.answer);
        for (const auto& [answer, place] : answers) {
            if (const std::size_t items = craft::listItemCount(answer); items > 0) {
                warn(&card, rule, place, "the answer is a list of " + std::to_string(items) + " items" + split);
                return;
            }
        }
    }

    void choiceLongest(const Card& card) {
        if (card.type != CardType::Choice) return;
        const std::size_t right = characterCount(trimmed(card.answer));
        std::size_t longestWrong = 0;
        std::size_t rightIndex = 0;
        for (std::size_t i = 0; i < card.options.size(); ++i) {
            if (card.options[i] == card.answer) rightIndex = i;
            else longestWrong = std::max(longestWrong, characterCount(trimmed(card.options[i])));
        }
        if (longestWrong == 0) return;
        if (static_cast<double>(right) >= kLongestRatio * static_cast<double>(longestWrong) &&
            right >= longestWrong + kLongestMinimumGap) {
            const SourcePlace place = rightIndex < card.places.options.size() ? card.places.options[rightIndex] : card.places.answer;
            warn(&card, "choice-longest", place,
                 "the right option is " + std::to_string(right) + " characters long, the longest wrong one " +
                     std::to_string(longestWrong) + ": a player can pick it by its length alone; make the options alike in length");
        }
    }

    void answerInPrompt(const Card& card) {
        constexpr std::string_view rule = "answer-in-prompt";
        auto found = [](const std::string& answer, std::string_view question) {
            return answerShownIn({answer}, question).has_value();
        };
        switch (card.type) {
        case CardType::Basic:
            if (found(card.back, card.front)) warn(&card, rule, card.places.question, "the front contains the answer " + inQuotes(card.back));
            return;
        case CardType::Reverse:
            if (found(card.back, card.front)) {
                warn(&card, rule, card.places.question, "the front contains the back " + inQuotes(card.back));
            } else if (found(card.front, card.back)) {
                warn(&card, rule, card.places.answer,
                     "the back contains the front " + inQuotes(card.front) + ", the answer when the card is studied back to front");
            }
            return;
        case CardType::Cloze: clozeAnswerInText(card); return;
        case CardType::Choice:
            if (found(card.answer, card.prompt)) {
                warn(&card, rule, card.places.question, "the prompt contains the right option " + inQuotes(card.answer));
            }
            return;
        case CardType::TrueFalse: return;
        case CardType::TypeIn: {
            const std::vector<std::string> answers = answersOf(card);
            if (const auto shown = answerShownIn(answers, card.prompt)) {
                warn(&card, rule, card.places.question,
                     "the prompt contains the answer " + inQuotes(answers[*shown]) + ": the player can copy it instead of recalling it");
            }
            return;
        }
        }
    }

    // A gap's answer that its own study card shows elsewhere: outside the gaps, or in a gap of
    // another number (loosely, as above).
    void clozeAnswerInText(const Card& card) {
        const std::vector<ClozeDeletion> deletions = parseCloze(card.text).deletions;
        const Shown text = clozeShown(card);
        AnswerTrie answers;
        for (std::size_t d = 0; d < deletions.size(); ++d) {
            const Words words = checkedAnswerWords(deletions[d].answer);
            if (!words.empty()) answers.add(stemsOf(words), d);
        }
        const Words stems = stemsOf(text.words);
        for (std::size_t from = 0; from < stems.size(); ++from) {
            bool reported = false;
            answers.findAt(stems, from, [&](std::size_t d, std::size_t length) {
                const int number = deletions[d].number;
                for (std::size_t k = from; k < from + length; ++k) {
                    if (text.gaps[k] == number) return;  // hidden on that card
                }
                if (reported) return;
                reported = true;
                warn(&card, "answer-in-prompt", card.places.question,
                     "the c" + std::to_string(number) + " card shows its own answer " + inQuotes(deletions[d].answer) +
                         " outside the gap");
            });
            if (reported) return;
        }
    }

    void typeInNoAccept(const Card& card) {
        if (card.type != CardType::TypeIn || !card.accept.empty()) return;
        const std::size_t words = craft::wordsOf(card.answer).size();
        if (words < 2) return;
        warn(&card, "type-in-no-accept", card.places.answer,
             "the answer " + inQuotes(card.answer) + " has " + std::to_string(words) +
                 " words and no 'accept': list the other ways a right answer is written (singular or plural, a shorter form)");
    }

    void explainRepeatsAnswer(const Card& card) {
        if (card.explain.empty()) return;
        std::set<std::string> onCard;
        auto add = [&onCard](std::string_view text) {
            for (const auto& word : craft::wordsOf(text)) onCard.insert(craft::stemOf(word));
        };
        for (const auto& shown : shownTexts(card)) {
            if (shown.option) continue;
            for (const auto& word : shown.words) onCard.insert(craft::stemOf(word));
        }
        for (const auto& answer : answersOf(card)) add(answer);
        std::set<std::string> added;
        for (const auto& word : craft::wordsOf(card.explain)) {
            if (craft::isStopWord(word) || std::find(kCardWords.begin(), kCardWords.end(), word) != kCardWords.end()) continue;
            if (onCard.count(craft::stemOf(word)) == 0) added.insert(word);
        }
        if (added.size() >= 2) return;
        warn(&card, "explain-repeats-answer", card.places.explain,
             "the explanation adds " + std::string(added.empty() ? "no word" : "one word") +
                 " the card does not show already: say why the answer is right (a cause, an example, a consequence)");
    }

    // --- across the deck ----------------------------------------------------------------------

    // The right option is the longest of its card about 1/n of the time by chance (n options).
    // The count of such cards then has mean E = sum(1/n) and variance V = sum(1/n (1 - 1/n));
    // more than E + 2 sqrt(V) happens by chance about once in 40 decks, so beyond that the
    // length is a pattern a player learns. Ties for the longest do not count.
    void choiceLongestShare() {
        std::size_t cards = 0;
        std::size_t longest = 0;
        double expected = 0;
        double variance = 0;
        for (const Card& card : m_deck.cards) {
            if (card.type != CardType::Choice || card.options.size() < 2) continue;
            ++cards;
            const double p = 1.0 / static_cast<double>(card.options.size());
            expected += p;
            variance += p * (1 - p);
            const std::size_t right = characterCount(trimmed(card.answer));
            bool strictlyLongest = true;
            for (const auto& option : card.options) {
                if (option != card.answer && characterCount(trimmed(option)) >= right) strictlyLongest = false;
            }
            longest += strictlyLongest ? 1u : 0u;
        }
        if (cards < kShareMinimumChoiceCards) return;
        const double limit = expected + 2 * std::sqrt(variance);
        if (static_cast<double>(longest) <= limit) return;
        warn(nullptr, "choice-longest-share", m_deck.place,
             "the right option is the longest in " + std::to_string(longest) + " of " + std::to_string(cards) +
                 " choice cards, where chance gives about " + std::to_string(static_cast<long>(std::lround(expected))) +
                 ": players learn to pick the longest option; lengthen wrong options or shorten right ones");
    }

    void trueFalseBalance() {
        std::size_t cards = 0;
        std::size_t trueCards = 0;
        for (const Card& card : m_deck.cards) {
            if (card.type != CardType::TrueFalse) continue;
            ++cards;
            trueCards += card.truth ? 1u : 0u;
        }
        if (cards < kBalanceMinimumTrueFalseCards) return;
        const double share = static_cast<double>(trueCards) / static_cast<double>(cards);
        if (share >= kBalanceLowestTrueShare && share <= kBalanceHighestTrueShare) return;
        const bool mostlyFalse = share < kBalanceLowestTrueShare;
        const std::size_t majority = mostlyFalse ? cards - trueCards : trueCards;
        warn(nullptr, "true-false-balance", m_deck.place,
             std::to_string(trueCards) + " of " + std::to_string(cards) + " true/false statements are true: always answering '" +
                 (mostlyFalse ? "false" : "true") + "' scores " + std::to_string(majority * 100 / cards) +
                 " %; aim for 35 to 65 % true");
    }

    // An answer of one card printed by a question or an option of another card in its topic: the
    // player reads it before being asked. A choice card's right option is looked for in questions
    // only: another choice card may well offer it as a wrong option (a true statement answering
    // a different question makes the best distractor).
    void answersShownElsewhere() {
        const std::set<std::string> everyday = everydayWords();
        std::map<std::string, std::vector<std::size_t>> byTopic;
        for (std::size_t i = 0; i < m_deck.cards.size(); ++i) byTopic[m_deck.cards[i].topic].push_back(i);
        for (const auto& [topic, indices] : byTopic) {
            if (indices.size() < 2) continue;
            AnswerTrie recall;   // answers to recall
            AnswerTrie picked;   // right options of choice cards
            for (const std::size_t i : indices) {
                const Card& card = m_deck.cards[i];
                for (const auto& answer : answersOf(card)) {
                    const Words words = checkedAnswerWords(answer);
                    if (words.size() == 1 && everyday.count(words[0]) != 0) continue;
                    if (!words.empty()) (card.type == CardType::Choice ? picked : recall).add(words, i);
                }
            }
            for (const std::size_t i : indices) readShownTexts(i, recall, picked);
        }
    }

    // The deck's everyday vocabulary (see kEverydayMinimumCards).
    std::set<std::string> everydayWords() const {
        std::map<std::string, std::size_t> cardsShowing;
        for (const Card& card : m_deck.cards) {
            std::set<std::string> words;
            for (const auto& shown : shownTexts(card)) words.insert(shown.words.begin(), shown.words.end());
            for (const auto& word : words) cardsShowing[word] += 1;
        }
        const std::size_t threshold = std::max<std::size_t>(kEverydayMinimumCards, m_deck.cards.size() / 10);
        std::set<std::string> out;
        for (const auto& [word, count] : cardsShowing) {
            if (count >= threshold) out.insert(word);
        }
        return out;
    }

    void readShownTexts(std::size_t cardIndex, const AnswerTrie& recall, const AnswerTrie& picked) {
        const Card& card = m_deck.cards[cardIndex];
        std::set<std::size_t> reported;  // one warning per other card
        for (const auto& shown : shownTexts(card)) {
            const Words& words = shown.words;
            for (std::size_t from = 0; from < words.size(); ++from) {
                auto found = [&](std::size_t other, std::size_t length) {
                    if (other == cardIndex || reported.count(other) != 0 || !shown.visible(from, length)) return;
                    reported.insert(other);
                    const Card& source = m_deck.cards[other];
                    std::string phrase;
                    for (std::size_t k = from; k < from + length; ++k) phrase += (phrase.empty() ? "" : " ") + words[k];
                    warn(&card, "answer-shown-elsewhere", shown.place,
                         std::string(shown.option ? "this option" : "the question") + " shows '" + phrase +
                             "', the answer of card '" + source.id + "' (line " + std::to_string(source.line) +
                             ") in the same topic: a player who meets both on one day reads it before recalling it");
                };
                recall.findAt(words, from, found);
                if (!shown.option) picked.findAt(words, from, found);
            }
        }
    }

    const Deck& m_deck;
    RuleSet m_deckAllowed = 0;
    std::vector<RuleSet> m_cardAllowed;  // by card index
    std::vector<CraftWarning> m_warnings;
};

}  // namespace

const CraftRule* findCraftRule(std::string_view name) {
    for (const auto& rule : kCraftRules) {
        if (rule.name == name) return &rule;
    }
    return nullptr;
}

std::vector<CraftWarning> checkCardCraft(const Deck& deck) { return CraftChecker(deck).run(); }

}  // namespace attune::model
