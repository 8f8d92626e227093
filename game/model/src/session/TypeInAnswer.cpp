// Type-in answers: compare what the player means, not how they typed it.
#include <attune/model/session/TypeInAnswer.hpp>

namespace attune::model {

std::string normalizeTypedAnswer(std::string_view text, Diacritics diacritics) {
    std::string out;
    for (const auto& word : foldedWords(text, diacritics)) out += word;
    return out;
}

bool typedAnswerMatches(std::string_view typed, std::string_view answer, const std::vector<std::string>& accept,
                        Diacritics diacritics) {
    const std::string given = normalizeTypedAnswer(typed, diacritics);
    if (given.empty()) return false;
    if (given == normalizeTypedAnswer(answer, diacritics)) return true;
    for (const auto& other : accept) {
        if (given == normalizeTypedAnswer(other, diacritics)) return true;
    }
    return false;
}

bool typedAnswerMatches(std::string_view typed, const Card& card) {
    return typedAnswerMatches(typed, card.answer, card.accept,
                              card.ignoreDiacritics ? Diacritics::Ignored : Diacritics::Significant);
}

}  // namespace attune::model
