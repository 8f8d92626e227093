// What the player sees of a study card: the question, the answer side, choice options in a
// seeded shuffled order, the true/false statement, the type-in prompt, cloze blanks.
#pragma once

#include <attune/model/deck/Deck.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace attune::model {

/// How the answer beat works for a card.
enum class AnswerStyle : std::uint8_t {
    Reveal,     // basic, reverse, cloze: think, reveal, grade yourself
    Choice,     // pick one of the options
    TrueFalse,  // say true or false
    TypeIn,     // type the answer
};

struct CardFace {
    AnswerStyle style = AnswerStyle::Reveal;
    CardType type = CardType::Basic;
    std::string question;               // front / back for reversed / prompt / statement / cloze blanks
    std::string answer;                 // what the reveal shows: back, front, right option, "True",
                                        // the typed answer, the cloze text with the blanks filled
    std::string explain;
    std::vector<std::string> options;   // choice: shuffled with the seed
    int rightOption = -1;               // choice: index into options
    bool truth = false;                 // true/false
    std::string image;                  // the picture's file (the deck's folder joined), empty: none
    std::string alt;                    // the picture in words
};

/// The face of `studyCard`; `seed` decides the order of choice options.
CardFace faceOf(const Deck& deck, const StudyCard& studyCard, std::uint64_t seed);

}  // namespace attune::model
