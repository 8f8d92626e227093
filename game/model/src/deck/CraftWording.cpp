// Card text read as words for the card-craft rules (CraftWording.hpp).
#include "deck/CraftWording.hpp"

#include <attune/model/core/Text.hpp>
#include <attune/model/core/TextFold.hpp>

#include <algorithm>
#include <array>

namespace attune::model::craft {
namespace {

constexpr auto kStopWords = std::to_array<std::string_view>({
    "a",     "about", "after", "all",   "also",  "am",    "an",    "and",   "any",    "are",    "as",    "at",
    "be",    "been",  "being", "but",   "by",    "can",   "could", "did",   "do",     "does",   "doing", "each",
    "for",   "from",  "had",   "has",   "have",  "he",    "her",   "hers",  "him",    "his",    "how",   "i",
    "if",    "in",    "into",  "is",    "it",    "its",   "just",  "may",   "me",     "might",  "more",  "most",
    "much",  "my",    "no",    "not",   "of",    "on",    "one",   "only",  "or",     "our",    "s",     "she",
    "should","so",    "some",  "such",  "than",  "that",  "the",   "their", "them",   "then",   "there", "these",
    "they",  "this",  "those", "to",    "too",   "up",    "us",    "very",  "was",    "we",     "were",  "what",
    "when",  "where", "which", "while", "who",   "whom",  "why",   "will",  "with",   "would",  "you",   "your",
});

// From three on, as the answers' lists: two things are a pair, not yet an enumeration.
constexpr auto kNumberWords = std::to_array<std::string_view>({
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "3",     "4",    "5",    "6",   "7",     "8",    "9",   "10",  "11",     "12",
});

bool isNumberWord(std::string_view word) {
    return std::find(kNumberWords.begin(), kNumberWords.end(), word) != kNumberWords.end();
}

bool endsWith(std::string_view text, std::string_view end) {
    return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

std::size_t wordCount(std::string_view text) { return foldedWords(text).size(); }

// The items of "A, B and C" / "A; B; or C": split at commas and semicolons, the last " and " or
// " or " splitting the last part. `joined` tells whether such a word closes the list.
std::vector<std::string> commaItems(std::string_view text, bool& joined) {
    std::vector<std::string> items;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ',' || text[i] == ';') {
            const std::string_view item = trimmed(text.substr(start, i - start));
            if (!item.empty()) items.emplace_back(item);
            start = i + 1;
        }
    }
    joined = false;
    if (items.empty()) return items;
    std::string last = lowerAscii(items.back());
    for (const std::string_view conjunction : {"and ", "or "}) {
        if (last.rfind(conjunction, 0) == 0) {
            items.back() = items.back().substr(conjunction.size());
            joined = true;
            return items;
        }
    }
    for (const std::string_view conjunction : {" and ", " or "}) {
        const std::size_t at = last.rfind(conjunction);
        if (at != std::string::npos && at > 0) {
            const std::string whole = items.back();
            items.back() = whole.substr(0, at);
            items.push_back(whole.substr(at + conjunction.size()));
            joined = true;
            return items;
        }
    }
    return items;
}

bool isBulletLine(std::string_view line) {
    line = trimmed(line);
    if (line.size() < 2) return false;
    if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') return true;
    if (line.substr(0, 3) == "\xE2\x80\xA2") return true;  // •
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ';
}

}  // namespace

Words wordsOf(std::string_view text) { return foldedWords(text); }

std::string stemOf(const std::string& word) {
    if (word.size() <= 3) return word;
    if (endsWith(word, "ies") && word.size() > 4) return word.substr(0, word.size() - 3) + "y";
    if (endsWith(word, "sses") || endsWith(word, "shes") || endsWith(word, "ches") || endsWith(word, "xes")) {
        return word.substr(0, word.size() - 2);
    }
    if (endsWith(word, "ss") || endsWith(word, "us") || endsWith(word, "is")) return word;
    if (endsWith(word, "s")) return word.substr(0, word.size() - 1);
    return word;
}

bool isStopWord(std::string_view word) {
    return std::find(kStopWords.begin(), kStopWords.end(), word) != kStopWords.end();
}

Words withoutArticle(const Words& words) {
    auto first = words.begin();
    if (first != words.end() && (*first == "a" || *first == "an" || *first == "the")) ++first;
    return Words(first, words.end());
}

bool allStopWords(const Words& words) {
    return std::all_of(words.begin(), words.end(), [](const std::string& word) { return isStopWord(word); });
}

std::size_t listItemCount(std::string_view text) {
    // Bulleted or numbered lines.
    std::size_t bullets = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        bullets += isBulletLine(text.substr(start, end - start)) ? 1u : 0u;
        start = end + 1;
    }
    if (bullets >= 2) return bullets;
    // "Patterns: A, B and C." -- what follows a colon is the list; a final full stop is not part of it.
    std::string_view body = trimmed(text);
    if (const std::size_t colon = body.rfind(':'); colon != std::string_view::npos) body = body.substr(colon + 1);
    while (!body.empty() && (body.back() == '.' || body.back() == '!')) body.remove_suffix(1);
    bool joined = false;
    const std::vector<std::string> items = commaItems(body, joined);
    // Items of a list are short names; clauses of a sentence run longer.
    const std::size_t longest = joined ? 5 : 4;
    const bool allShort = std::all_of(items.begin(), items.end(), [&](const std::string& item) {
        const std::size_t n = wordCount(item);
        return n >= 1 && n <= longest;
    });
    if (!allShort) return 0;
    if (joined && items.size() >= 3) return items.size();
    if (!joined && items.size() >= 4) return items.size();
    return 0;
}

namespace {

// listRequest within one sentence or quotation, where a question word and a count belong together.
std::string listRequestInClause(std::string_view clause) {
    const Words w = wordsOf(clause);
    auto at = [&w](std::size_t i) -> std::string_view { return i < w.size() ? std::string_view(w[i]) : std::string_view{}; };
    auto phrase = [&w](std::size_t from, std::size_t to) { return w[from] + (to == from + 1 ? " " : " ... ") + w[to]; };
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (w[i] == "enumerate") return "enumerate";
        // "name" and "list" as verbs: first, or not after a word that makes them nouns ("the list").
        const std::string_view before = i == 0 ? std::string_view{} : at(i - 1);
        const bool noun = before == "the" || before == "a" || before == "this" || before == "its" || before == "their" ||
                          before == "your" || before == "my" || before == "his" || before == "her" || before == "our";
        const bool listVerb = w[i] == "list" && !noun;
        const bool nameVerb = w[i] == "name" && !noun;
        const bool asks = nameVerb || listVerb || w[i] == "what" || w[i] == "which";
        if (!asks) continue;
        const std::string_view next = at(i + 1);
        if ((nameVerb || listVerb) && (next == "them" || next == "all" || next == "every" || next == "each")) {
            return phrase(i, i + 1);
        }
        // "name the guide's four ...", "which three things": a count soon after the question
        // word; "which of the three" picks one of them.
        for (std::size_t k = i + 1; k < w.size() && k <= i + 4; ++k) {
            if (w[k] == "of" || w[k] == "one") break;
            if (isNumberWord(w[k])) return phrase(i, k);
        }
        if (listVerb && i == 0) return "list";
    }
    return {};
}

}  // namespace

std::string listRequest(std::string_view question) {
    // Clauses end at sentence punctuation, colons and quotation marks (straight or curly).
    std::size_t start = 0;
    for (std::size_t i = 0; i <= question.size(); ++i) {
        const bool curly = question.substr(i, 3) == "\xE2\x80\x9C" || question.substr(i, 3) == "\xE2\x80\x9D";
        if (i < question.size() && std::string_view(".?!;:\"()").find(question[i]) == std::string_view::npos && !curly) continue;
        if (std::string request = listRequestInClause(question.substr(start, i - start)); !request.empty()) return request;
        start = i + (curly ? 3 : 1);
        if (curly) i += 2;
    }
    return {};
}

}  // namespace attune::model::craft
