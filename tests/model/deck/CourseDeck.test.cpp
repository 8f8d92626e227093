// The bundled decks as content: the course deck covers the guide section by section, every card
// explains itself and names its source, both bundled decks load cleanly, and the course passes
// deck check's card-craft rules without silencing any.
#include "catch.hpp"

#include <attune/model/deck/CardCraft.hpp>
#include <attune/model/deck/Deck.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>

namespace {

using attune::model::CardType;
using attune::model::Deck;
using attune::model::DeckLoadResult;
using attune::model::Diagnostic;

const char* const courseDeckPath = ATTUNE_SOURCE_DIR "/decks/attachment-guide.toml";
const char* const tourDeckPath = ATTUNE_SOURCE_DIR "/decks/deck-writing-tour.toml";

// The guide's section headings, in the guide's order: one topic each.
const std::array<const char*, 9> guideSections = {
    "Understanding the Attachment Puzzle",
    "The Brain’s Role in Relationship Patterns",
    "Recognizing Relationship Patterns",
    "Creating a Supportive Partnership",
    "Effective Communication Strategies",
    "Professional Support Options",
    "Caring for Yourself in the Relationship",
    "Common Questions About Attachment Healing",
    "The Growth Potential",
};

std::string allDiagnostics(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) text += diagnostic.format() + "\n";
    return text;
}

// Loads once per test case; REQUIREs a deck so later checks never dereference an empty optional.
Deck loadClean(const char* path) {
    DeckLoadResult result = attune::model::loadDeck(path);
    INFO(allDiagnostics(result.diagnostics));
    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.deck.has_value());
    return *result.deck;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::set<CardType> typesUsed(const Deck& deck) {
    std::set<CardType> types;
    for (const auto& card : deck.cards) types.insert(card.type);
    return types;
}

}  // namespace

TEST_CASE("course deck - loads with no errors and no warnings") {
    const Deck deck = loadClean(courseDeckPath);
    CHECK(deck.id == "attachment-guide");
    CHECK_FALSE(deck.title.empty());
}

TEST_CASE("course deck - has one topic per guide section in the guide's order") {
    const Deck deck = loadClean(courseDeckPath);
    REQUIRE(deck.topics.size() == guideSections.size());
    std::vector<attune::model::Topic> byOrder = deck.topics;
    std::stable_sort(byOrder.begin(), byOrder.end(),
                     [](const auto& a, const auto& b) { return a.order < b.order; });
    for (std::size_t i = 0; i < guideSections.size(); ++i) {
        INFO("topic " << i + 1);
        CHECK(deck.topics[i].title == guideSections[i]);
        CHECK(byOrder[i].id == deck.topics[i].id);
        CHECK_FALSE(deck.topics[i].description.empty());
    }
}

TEST_CASE("course deck - has at least 100 cards and at least 8 per topic") {
    const Deck deck = loadClean(courseDeckPath);
    CHECK(deck.cards.size() >= 100);
    std::map<std::string, int> perTopic;
    for (const auto& card : deck.cards) ++perTopic[card.topic];
    for (const auto& topic : deck.topics) {
        INFO("topic " << topic.id);
        CHECK(perTopic[topic.id] >= 8);
    }
}

TEST_CASE("course deck - every card has an explanation and a source") {
    const Deck deck = loadClean(courseDeckPath);
    REQUIRE_FALSE(deck.cards.empty());
    for (const auto& card : deck.cards) {
        INFO("card " << card.id);
        CHECK_FALSE(card.explain.empty());
        CHECK_FALSE(card.source.empty());
        // A source names the guide; a card adding outside knowledge says so plainly.
        CHECK((contains(card.source, "Guide") || contains(card.source, "General knowledge (not in the guide)")));
    }
}

TEST_CASE("course deck - uses all six card types including scenario cards") {
    const Deck deck = loadClean(courseDeckPath);
    CHECK(typesUsed(deck) == std::set<CardType>{CardType::Basic, CardType::Reverse, CardType::Cloze,
                                                  CardType::Choice, CardType::TrueFalse, CardType::TypeIn});
    // Scenario cards: "which response fits?" when recognizing patterns (answering a pattern, never
    // labelling a partner from one incident) and in communication.
    std::set<std::string> topicsWithScenarios;
    for (const auto& card : deck.cards) {
        const bool scenario = std::find(card.tags.begin(), card.tags.end(), "scenario") != card.tags.end();
        if (scenario) {
            INFO("card " << card.id);
            CHECK(card.type == CardType::Choice);
            topicsWithScenarios.insert(card.topic);
        }
    }
    CHECK(topicsWithScenarios.count("recognizing-patterns") == 1);
    CHECK(topicsWithScenarios.count("communication") == 1);
}

TEST_CASE("course deck - its intro, read once before the first session, says it is education not therapy") {
    const Deck deck = loadClean(courseDeckPath);
    CHECK(contains(deck.intro, "education, not therapy"));
    CHECK(contains(deck.intro, "cannot assess you or your partner"));
    CHECK(contains(deck.intro, "professional support"));
    // What the course is and is not is read, not studied: no card asks it.
    for (const auto& card : deck.cards) {
        INFO("card " << card.id);
        CHECK_FALSE(contains(card.back, "not therapy"));
        CHECK(std::find(card.tags.begin(), card.tags.end(), "intro") == card.tags.end());
    }
}

TEST_CASE("course deck - has no card-craft warning and silences no rule") {
    const Deck deck = loadClean(courseDeckPath);
    const auto warnings = attune::model::checkCardCraft(deck);
    std::string text;
    for (const auto& warning : warnings) text += warning.diagnostic.format() + "\n";
    INFO(text);
    CHECK(warnings.empty());
    CHECK(deck.allow.empty());
    for (const auto& card : deck.cards) {
        INFO("card " << card.id);
        CHECK(card.allow.empty());
    }
}

TEST_CASE("course deck - true/false statements are about half true") {
    const Deck deck = loadClean(courseDeckPath);
    int statements = 0;
    int trueOnes = 0;
    for (const auto& card : deck.cards) {
        if (card.type != CardType::TrueFalse) continue;
        ++statements;
        trueOnes += card.truth ? 1 : 0;
    }
    REQUIRE(statements >= 10);
    // Neither answer may be a safe guess: each is between 40 and 60 % of the statements.
    CHECK(trueOnes * 10 >= statements * 4);
    CHECK(trueOnes * 10 <= statements * 6);
}

TEST_CASE("course deck - the description says it is education not therapy") {
    const Deck deck = loadClean(courseDeckPath);
    CHECK(contains(deck.description, "education, not therapy"));
    CHECK(contains(deck.description, "professional support"));
}

TEST_CASE("tour deck - loads cleanly and shows every card type with explain and source") {
    const Deck deck = loadClean(tourDeckPath);
    CHECK(deck.id == "deck-writing-tour");
    CHECK(typesUsed(deck).size() == 6);
    for (const auto& card : deck.cards) {
        INFO("card " << card.id);
        CHECK_FALSE(card.explain.empty());
        CHECK_FALSE(card.source.empty());
    }
}
