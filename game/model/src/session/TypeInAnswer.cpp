// Type-in answers: compare what the player means, not how they typed it.
#include <attune/model/session/TypeInAnswer.hpp>

#include <attune/model/core/Utf8.hpp>

namespace attune::model {
namespace {

// Decodes one UTF-8 sequence at text[i]; returns its code point and advances i. A malformed byte
// decodes as itself so normalisation never fails (decks are validated, typed text may not be).
char32_t nextCodePoint(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = claimedSequenceLength(lead);
    char32_t cp = lead;
    if (length == 1 || i + length > text.size() || !decodeSequence(text.substr(i, length), cp)) {
        ++i;
        return lead;
    }
    i += length;
    return cp;
}

bool isIgnored(char32_t cp) {
    if (cp < 0x80) {
        const bool letterOrDigit = (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9');
        return !letterOrDigit;  // spaces, punctuation, control characters
    }
    return (cp >= 0x80 && cp <= 0xBF)        // Latin-1 spaces, quotes and signs (« » ¡ ¿ ·)
           || cp == 0xD7 || cp == 0xF7       // × ÷
           || (cp >= 0x2000 && cp <= 0x206F) // general punctuation: ’ “ ” – — … and spaces
           || (cp >= 0x3000 && cp <= 0x303F) // CJK punctuation
           || cp == 0xFEFF;
}

char32_t toLower(char32_t cp) {
    if (cp >= U'A' && cp <= U'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // À..Þ -> à..þ
    return cp;
}

}  // namespace

std::string normalizeTypedAnswer(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = nextCodePoint(text, i);
        if (!isIgnored(cp)) appendUtf8(out, toLower(cp));
    }
    return out;
}

std::vector<std::string> normalizedWords(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = nextCodePoint(text, i);
        if (!isIgnored(cp)) {
            appendUtf8(word, toLower(cp));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool typedAnswerMatches(std::string_view typed, std::string_view answer, const std::vector<std::string>& accept) {
    const std::string given = normalizeTypedAnswer(typed);
    if (given.empty()) return false;
    if (given == normalizeTypedAnswer(answer)) return true;
    for (const auto& other : accept) {
        if (given == normalizeTypedAnswer(other)) return true;
    }
    return false;
}

bool typedAnswerMatches(std::string_view typed, const Card& card) {
    return typedAnswerMatches(typed, card.answer, card.accept);
}

}  // namespace attune::model
