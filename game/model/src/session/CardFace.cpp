// What the player sees of a study card. See CardFace.hpp.
#include <attune/model/deck/Cloze.hpp>
#include <attune/model/session/CardFace.hpp>

#include <numeric>

namespace attune::model {
namespace {

std::uint64_t nextRandom(std::uint64_t& state) {
    // SplitMix64: small, seedable, the same order on every platform (std::shuffle is not).
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

}  // namespace

CardFace faceOf(const Deck& deck, const StudyCard& studyCard, std::uint64_t seed) {
    const Card& card = deck.cards.at(studyCard.cardIndex);
    CardFace face;
    face.type = card.type;
    face.explain = card.explain;
    if (!card.image.empty()) face.image = (deck.folder() / std::filesystem::path(card.image)).string();
    face.alt = card.alt;
    switch (card.type) {
    case CardType::Basic:
    case CardType::Reverse:
        face.style = AnswerStyle::Reveal;
        face.question = studyCard.reversed ? card.back : card.front;
        face.answer = studyCard.reversed ? card.front : card.back;
        break;
    case CardType::Cloze:
        face.style = AnswerStyle::Reveal;
        face.question = clozeQuestion(card.text, studyCard.clozeNumber);
        face.answer = clozeAnswer(card.text, studyCard.clozeNumber, "[", "]");
        break;
    case CardType::Choice: {
        face.style = AnswerStyle::Choice;
        face.question = card.prompt;
        face.answer = card.answer;
        std::vector<std::size_t> order(card.options.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::uint64_t state = seed;
        for (std::size_t i = order.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(nextRandom(state) % i);
            std::swap(order[i - 1], order[j]);
        }
        for (const std::size_t i : order) {
            if (card.options[i] == card.answer && face.rightOption < 0) face.rightOption = static_cast<int>(face.options.size());
            face.options.push_back(card.options[i]);
        }
        break;
    }
    case CardType::TrueFalse:
        face.style = AnswerStyle::TrueFalse;
        face.question = card.statement;
        face.truth = card.truth;
        face.answer = card.truth ? "True" : "False";
        break;
    case CardType::TypeIn:
        face.style = AnswerStyle::TypeIn;
        face.question = card.prompt;
        face.answer = card.answer;
        break;
    }
    return face;
}

}  // namespace attune::model
