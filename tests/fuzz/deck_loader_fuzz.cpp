// libFuzzer target: any bytes given to the deck loader must come back as a deck or as
// diagnostics, never as a crash, a hang or undefined behaviour. Cards that load are also shown
// (cloze question/answer, type-in comparison) as the session would, and judged for card craft as
// `deck check` does.
#include <attune/model/deck/CardCraft.hpp>
#include <attune/model/deck/Cloze.hpp>
#include <attune/model/deck/Deck.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // A folder that does not exist: image paths are checked but never found.
    const auto result = attune::model::loadDeckFromText(text, "/nonexistent-attune-fuzz/deck.toml");
    std::size_t total = 0;
    for (const auto& diagnostic : result.diagnostics) total += diagnostic.format().size();
    if (result.deck) {
        for (const auto& warning : attune::model::checkCardCraft(*result.deck)) total += warning.diagnostic.format().size();
        for (const auto& study : result.deck->studyCards) {
            const auto& card = result.deck->cardOf(study);
            if (card.type == attune::model::CardType::Cloze) {
                total += attune::model::clozeQuestion(card.text, study.clozeNumber).size();
                total += attune::model::clozeAnswer(card.text, study.clozeNumber, "[", "]").size();
            }
            if (card.type == attune::model::CardType::TypeIn) {
                total += attune::model::typedAnswerMatches(card.prompt, card) ? 1u : 0u;
            }
        }
    }
    // Text as a cloze and as a typed answer too: both take player or author text directly.
    total += attune::model::clozeQuestion(text, 1).size();
    total += attune::model::normalizeTypedAnswer(text).size();
    return total == static_cast<std::size_t>(-1) ? 1 : 0;
}
