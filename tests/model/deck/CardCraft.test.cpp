// Card craft: each rule on a deck that breaks it (the exact line:col and rule name) and on one
// that keeps it, and `allow` silencing it. Every deck here is inline, after the same head:
// [deck] on line 1, a topic "t" on lines 7-9 and a topic "u" on lines 11-13; the first card's
// [[card]] header stands on line 15 and its first own key (after id, topic, type) on line 19.
#include "catch.hpp"

#include <attune/model/deck/CardCraft.hpp>
#include <attune/model/deck/Deck.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace attune::model;

namespace {

const std::string kHead = R"([deck]
id = "craft"
title = "Craft"
description = "Card craft."
version = "1"

[[topic]]
id = "t"
title = "Topic"

[[topic]]
id = "u"
title = "Other topic"
)";

// One card: a blank line, the header, id, topic and type, then `body` (one key a line).
std::string card(const std::string& id, const std::string& type, const std::string& body, const std::string& topic = "t") {
    return "\n[[card]]\nid = \"" + id + "\"\ntopic = \"" + topic + "\"\ntype = \"" + type + "\"\n" + body;
}

std::vector<CraftWarning> craftOf(const std::string& cards, const std::string& head = kHead) {
    const DeckLoadResult result = loadDeckFromText(head + cards, "craft.toml");
    INFO("diagnostics: " << [&] {
        std::string all;
        for (const auto& d : result.diagnostics) all += "\n  " + d.format();
        return all;
    }());
    REQUIRE(result.deck.has_value());
    return checkCardCraft(*result.deck);
}

std::string listed(const std::vector<CraftWarning>& warnings) {
    std::string all;
    for (const auto& w : warnings) all += "\n  " + w.diagnostic.format();
    return all;
}

std::size_t countOf(const std::vector<CraftWarning>& warnings, const std::string& rule) {
    return static_cast<std::size_t>(
        std::count_if(warnings.begin(), warnings.end(), [&](const CraftWarning& w) { return w.rule == rule; }));
}

// Exactly one warning, of `rule`, at line:column, saying `fragment`, formatted compiler-style.
void expectOnly(const std::vector<CraftWarning>& warnings, const std::string& rule, int line, int column,
                const std::string& fragment = "") {
    INFO("warnings: " << listed(warnings));
    REQUIRE(warnings.size() == 1);
    const CraftWarning& w = warnings.front();
    CHECK(w.rule == rule);
    CHECK(w.diagnostic.severity == Diagnostic::Severity::Warning);
    CHECK(w.diagnostic.file == "craft.toml");
    CHECK(w.diagnostic.line == line);
    CHECK(w.diagnostic.column == column);
    CHECK(w.diagnostic.message.find(fragment) != std::string::npos);
    const std::string prefix = "craft.toml:" + std::to_string(line) + ":" + std::to_string(column) + ": warning: ";
    CHECK(w.diagnostic.format().rfind(prefix, 0) == 0);
    const std::string text = w.diagnostic.format();
    if (rule.empty()) {
        CHECK(text.back() != ']');  // a problem with allow itself names no rule
    } else {
        CHECK(text.substr(text.size() - std::min(text.size(), rule.size() + 3)) == " [" + rule + "]");
    }
}

void expectNone(const std::vector<CraftWarning>& warnings) {
    INFO("warnings: " << listed(warnings));
    CHECK(warnings.empty());
}

const std::string kWhy = "explain = \"Because the body clock follows daylight.\"\n";

}  // namespace

TEST_CASE("card craft - every rule has a distinct kebab-case name and can be found") {
    for (const auto& rule : kCraftRules) {
        CHECK(findCraftRule(rule.name) == &rule);
        CHECK(std::all_of(rule.name.begin(), rule.name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
    }
    CHECK(findCraftRule("whole-lists") == nullptr);
    CHECK(findCraftRule("") == nullptr);
}

TEST_CASE("card craft - whole-list: a question that asks for a whole list") {
    expectOnly(craftOf(card("c", "basic", "front = \"The guide lists five patterns. Name them.\"\nback = \"Withdrawal first\"\n" + kWhy)),
               "whole-list", 19, 9, "'name them'");
    expectOnly(craftOf(card("c", "basic", "front = \"Name the guide\u2019s four strategies.\"\nback = \"Listening\"\n" + kWhy)),
               "whole-list", 19, 9, "'name ... four'");
    expectOnly(craftOf(card("c", "choice", "prompt = \"What three things does it depend on?\"\noptions = [\"Time\", \"Luck\"]\n"
                                           "answer = \"Time\"\n" + kWhy)),
               "whole-list", 19, 10, "'what three'");
    expectOnly(craftOf(card("c", "typein", "prompt = \"List the stages, in order.\"\nanswer = \"grief\"\n" + kWhy)), "whole-list",
               19, 10, "('list')");
    // One thing asked for: one of several, a count that is not a question, "the list" as a noun.
    expectNone(craftOf(card("c", "basic", "front = \"Which of the three patterns shows as sudden silence?\"\nback = \"Withdrawal\"\n" + kWhy)));
    expectNone(craftOf(card("c", "basic", "front = \"Ana asks “Which one?” four times. What is she looking for?\"\nback = \"Reassurance\"\n" + kWhy)));
    expectNone(craftOf(card("c", "basic", "front = \"What is the name of the first pattern?\"\nback = \"Withdrawal\"\n" + kWhy)));
    expectNone(craftOf(card("c", "basic", "front = \"What two things does it build?\"\nback = \"Trust and safety\"\n" + kWhy)));
}

TEST_CASE("card craft - whole-list: an answer that is a list") {
    expectOnly(craftOf(card("c", "basic", "front = \"What do the patterns share?\"\nback = \"Withdrawal, clinging and control.\"\n" + kWhy)),
               "whole-list", 20, 8, "a list of 3 items");
    expectOnly(craftOf(card("c", "typein", "prompt = \"Which steps?\"\nanswer = \"pause, name, breathe, ask\"\naccept = [\"x\"]\n" + kWhy)),
               "whole-list", 20, 10, "a list of 4 items");
    expectOnly(craftOf(card("c", "basic", "front = \"What helps?\"\nback = \"- rest\\n- light\"\n" + kWhy)), "whole-list", 20, 8,
               "a list of 2 items");
    expectOnly(craftOf(card("c", "reverse", "front = \"Sleep, light and food\"\nback = \"Three daily anchors\"\n" + kWhy)),
               "whole-list", 19, 9, "a list of 3 items");
    expectOnly(craftOf(card("c", "cloze", "text = \"Patterns: {{c1::withdrawal}}, {{c1::clinging}} and {{c1::control}}.\"\n" + kWhy)),
               "whole-list", 19, 8, "the c1 card hides 3 or more gaps");
    expectOnly(craftOf(card("c", "cloze", "text = \"Caregivers were {{c1::cold, absent or frightening}}.\"\n" + kWhy)), "whole-list",
               19, 8, "hides a list of 3 items");
    // Sentences with commas are not lists; one gap a number, in order, is the recommended cloze.
    expectNone(craftOf(card("c", "basic", "front = \"What happens to progress when you fix a typo?\"\n"
                                          "back = \"It is kept, because progress belongs to the card id, not to its text.\"\n" + kWhy)));
    expectNone(craftOf(card("c", "cloze", "text = \"Patterns: {{c1::withdrawal}}, {{c2::clinging}} and {{c3::control}}.\"\n" + kWhy)));
    expectNone(craftOf(card("c", "basic", "front = \"What do they share?\"\nback = \"Fear and hope\"\n" + kWhy)));
}

TEST_CASE("card craft - whole-list: allow on the card silences it") {
    expectNone(craftOf(card("c", "basic", "front = \"Name them.\"\nback = \"A, B and C\"\nallow = [\"whole-list\"]\n" + kWhy)));
}

TEST_CASE("card craft - choice-longest: the right option stands out by its length") {
    const std::string cued = "prompt = \"Your partner goes quiet after a tense talk. What helps?\"\noptions = [\n"
                             "  \"Give space and offer to talk again later tonight\",\n  \"Demand an answer\",\n"
                             "  \"Leave the house\",\n]\nanswer = \"Give space and offer to talk again later tonight\"\n" + kWhy;
    expectOnly(craftOf(card("c", "choice", cued)), "choice-longest", 21, 3, "48 characters long, the longest wrong one 16");
    expectNone(craftOf(card("c", "choice", cued + "allow = [\"choice-longest\"]\n")));
    // Alike in length; and a big ratio over a few characters ("Yes" against "No") is no cue.
    expectNone(craftOf(card("c", "choice", "prompt = \"What helps?\"\noptions = [\"Give space and offer to talk later\", "
                                           "\"Press for an answer there and then\", \"Keep quiet until they speak\"]\n"
                                           "answer = \"Give space and offer to talk later\"\n" + kWhy)));
    expectNone(craftOf(card("c", "choice", "prompt = \"Is sleep a need?\"\noptions = [\"Yes\", \"No\"]\nanswer = \"Yes\"\n" + kWhy)));
    // Lengths are characters, not bytes: 14 accented letters (28 bytes) against 12 letters.
    expectNone(craftOf(card("c", "choice", "prompt = \"Which?\"\noptions = [\"ééééééé àààààà\", "
                                           "\"abcdef ghijk\"]\nanswer = \"ééééééé àààààà\"\n" + kWhy)));
}

namespace {

// `count` choice cards of three options, the right one the longest (by a little) in `longest` of them.
std::string choiceCards(int count, int longest) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        const std::string right = i < longest ? "Option right here" : "Option right";
        out += card("ch" + std::to_string(i), "choice",
                    "prompt = \"Question " + std::to_string(i) + "?\"\noptions = [\"" + right +
                        "\", \"Other option\", \"Third option\"]\nanswer = \"" + right + "\"\n" + kWhy);
    }
    return out;
}

std::string headWithAllow(const std::string& allow) {
    std::string head = kHead;
    head.insert(head.find("\n\n"), "\nallow = [" + allow + "]");
    return head;
}

}  // namespace

TEST_CASE("card craft - choice-longest-share: the right option is the longest far more often than chance") {
    // 8 cards of 3 options: chance makes it the longest in about 2.7, rarely more than 5.3.
    expectOnly(craftOf(choiceCards(8, 8)), "choice-longest-share", 1, 1, "the longest in 8 of 8 choice cards");
    expectOnly(craftOf(choiceCards(8, 6)), "choice-longest-share", 1, 1, "6 of 8");
    expectNone(craftOf(choiceCards(8, 5)));
    expectNone(craftOf(choiceCards(7, 7)));  // too few choice cards to tell
    expectNone(craftOf(choiceCards(8, 8), headWithAllow("\"choice-longest-share\"")));
}

TEST_CASE("card craft - a whole-deck rule in a card's allow is reported there, and silences nothing") {
    const auto warnings = craftOf(choiceCards(7, 7) + card("x", "basic", "front = \"Q?\"\nback = \"Answer\"\n"
                                                                          "allow = [\"choice-longest-share\"]\n" + kWhy));
    // 7 choice cards of 9 lines each (a blank line, the header, id, topic, type and four keys), then
    // the allow on the 7th line of the next card.
    expectOnly(warnings, "", 15 + 7 * 9 + 6, 10, "judged across the whole deck");
}

namespace {

std::string trueFalseCards(int count, int trueOnes) {
    std::string out;
    for (int i = 0; i < count; ++i) {
        out += card("tf" + std::to_string(i), "truefalse",
                    "statement = \"Claim number " + std::to_string(i) + ".\"\nanswer = " + (i < trueOnes ? "true" : "false") +
                        "\n" + kWhy);
    }
    return out;
}

}  // namespace

TEST_CASE("card craft - true-false-balance: about half the statements are true") {
    expectOnly(craftOf(trueFalseCards(8, 2)), "true-false-balance", 1, 1, "2 of 8 true/false statements are true");
    expectOnly(craftOf(trueFalseCards(10, 7)), "true-false-balance", 1, 1, "always answering 'true' scores 70 %");
    expectNone(craftOf(trueFalseCards(8, 3)));
    expectNone(craftOf(trueFalseCards(10, 6)));
    expectNone(craftOf(trueFalseCards(7, 0)));  // too few to judge
    expectNone(craftOf(trueFalseCards(8, 2), headWithAllow("\"true-false-balance\"")));
}

TEST_CASE("card craft - answer-in-prompt: a card that prints its own answer") {
    expectOnly(craftOf(card("c", "typein", "prompt = \"Care that takes past trauma into account is called ______-informed.\"\n"
                                           "answer = \"trauma\"\n" + kWhy)),
               "answer-in-prompt", 19, 10, "'trauma'");
    // Any accepted answer, with a plural in the prompt, case folded.
    expectOnly(craftOf(card("c", "typein", "prompt = \"Setting Boundaries kindly: what is one limit called?\"\nanswer = \"limit line\"\n"
                                           "accept = [\"boundary\"]\n" + kWhy)),
               "answer-in-prompt", 19, 10, "'boundary'");
    expectOnly(craftOf(card("c", "cloze", "text = \"When it gets {{c1::dark}}, the dark makes us sleepy.\"\n" + kWhy)),
               "answer-in-prompt", 19, 8, "the c1 card shows its own answer 'dark'");
    expectOnly(craftOf(card("c", "reverse", "front = \"Secure base\"\nback = \"A secure base is a safe place to return to\"\n" + kWhy)),
               "answer-in-prompt", 20, 8, "studied back to front");
    expectOnly(craftOf(card("c", "choice", "prompt = \"Is a secure base a place to return to?\"\noptions = [\"A secure base\", "
                                           "\"A safe haven\"]\nanswer = \"A secure base\"\n" + kWhy)),
               "answer-in-prompt", 19, 10, "'A secure base'");
    // Case folded beyond ASCII: "ÉLAN" is the word "élan".
    expectOnly(craftOf(card("c", "typein", "prompt = \"Which word, like ÉLAN, means flair?\"\nanswer = \"élan\"\n" + kWhy)),
               "answer-in-prompt", 19, 10, "'élan'");
    // A sibling's gap shows it too: the c1 card reveals the "dark" the c2 card asks for.
    expectOnly(craftOf(card("c", "cloze", "text = \"When it gets {{c1::dark}}, the {{c2::dark}} hours begin.\"\n" + kWhy)),
               "answer-in-prompt", 19, 8, "the c2 card shows its own answer 'dark'");
    // Words, not letters: "dark" is not in "darkness"; a stop-word answer ("I") is never looked for.
    expectNone(craftOf(card("c", "cloze", "text = \"In {{c1::dark}} rooms darkness helps.\"\n" + kWhy)));
    expectNone(craftOf(card("c", "typein", "prompt = \"Speak in ___ statements. (One letter.)\"\nanswer = \"I\"\n"
                                           "accept = [\"I statements\"]\n" + kWhy)));
    expectNone(craftOf(card("c", "typein", "prompt = \"Which word names the shock of loss?\"\nanswer = \"grief\"\n" + kWhy)));
    expectNone(craftOf(card("c", "typein", "prompt = \"Care that takes past trauma into account\"\nanswer = \"trauma\"\n"
                                           "allow = [\"answer-in-prompt\"]\n" + kWhy)));
}

TEST_CASE("card craft - type-in-no-accept: a phrase to type with no other way to write it") {
    expectOnly(craftOf(card("c", "typein", "prompt = \"What does a child explore from?\"\nanswer = \"secure base\"\n" + kWhy)),
               "type-in-no-accept", 20, 10, "'secure base' has 2 words and no 'accept'");
    expectNone(craftOf(card("c", "typein", "prompt = \"What does a child explore from?\"\nanswer = \"secure base\"\n"
                                           "accept = [\"a secure base\", \"safe base\"]\n" + kWhy)));
    expectNone(craftOf(card("c", "typein", "prompt = \"Which hormone makes us sleepy?\"\nanswer = \"melatonin\"\n" + kWhy)));
    expectNone(craftOf(card("c", "typein", "prompt = \"What does a child explore from?\"\nanswer = \"secure base\"\n"
                                           "allow = [\"type-in-no-accept\"]\n" + kWhy)));
    // Words in any script: a Greek phrase counts its two words across a no-break space; a
    // Japanese answer, written without spaces, is one.
    expectOnly(craftOf(card("c", "typein", "prompt = \"Good morning in Greek?\"\nanswer = \"\u039A\u03B1\u03BB\u03CC\u00A0\u03C0\u03C1\u03C9\u03AF\"\n" + kWhy)),
               "type-in-no-accept", 20, 10, "has 2 words and no 'accept'");
    expectNone(craftOf(card("c", "typein", "prompt = \"Cat, in kanji and kana?\"\nanswer = \"\u732B\u3067\u3059\u3002\"\n" + kWhy)));
}

TEST_CASE("card craft - answer-shown-elsewhere: another card of the topic prints an answer") {
    const std::string recall = card("recall", "typein", "prompt = \"What does a child explore from?\"\nanswer = \"secure base\"\n"
                                                        "accept = [\"safe base\"]\n" + kWhy);
    // recall: lines 14-22; the choice card's header on line 24, its options on lines 30-31.
    const std::string choice = "prompt = \"What helps a child explore?\"\noptions = [\n  \"Knowing a Secure Base waits\",\n"
                               "  \"Being left to try alone\",\n]\nanswer = \"Knowing a Secure Base waits\"\n" + kWhy;
    const auto warnings = craftOf(recall + card("choice", "choice", choice));
    expectOnly(warnings, "answer-shown-elsewhere", 30, 3, "shows 'secure base', the answer of card 'recall' (line 15)");
    // Another topic, or allowed on the card that shows it: no warning.
    expectNone(craftOf(recall + card("choice", "choice", choice, "u")));
    expectNone(craftOf(recall + card("choice", "choice", choice + "allow = [\"answer-shown-elsewhere\"]\n")));
    // A question that prints it is reported at the question.
    expectOnly(craftOf(recall + card("q", "basic", "front = \"Why does a safe base matter?\"\nback = \"Exploring\"\n" + kWhy)),
               "answer-shown-elsewhere", 28, 9, "'safe base'");
}

TEST_CASE("card craft - answer-shown-elsewhere: a cloze shows what one of its study cards shows") {
    const std::string recall = card("recall", "typein", "prompt = \"What does a child explore from?\"\nanswer = \"secure base\"\n"
                                                        "accept = [\"safe base\"]\n" + kWhy);
    // Its only study card hides the words: nothing shown.
    expectNone(craftOf(recall + card("gap", "cloze", "text = \"A {{c1::secure base}} lets a child explore.\"\n" + kWhy)));
    // The c2 card shows c1's gap.
    expectOnly(craftOf(recall + card("gap", "cloze", "text = \"A {{c1::secure base}} {{c2::lets}} a child explore.\"\n" + kWhy)),
               "answer-shown-elsewhere", 28, 8, "the answer of card 'recall'");
}

TEST_CASE("card craft - answer-shown-elsewhere: what does not count as showing an answer") {
    const std::string pick = card("pick", "choice", "prompt = \"What helps?\"\noptions = [\"Steady care\", \"Loud praise\"]\n"
                                                    "answer = \"Steady care\"\n" + kWhy);
    // A choice card's right option offered as another choice card's wrong option: a fair distractor.
    expectNone(craftOf(pick + card("other", "choice", "prompt = \"What hurts?\"\noptions = [\"Steady care\", \"Cold silence\"]\n"
                                                      "answer = \"Cold silence\"\n" + kWhy)));
    // ...but printed by a question it is given away.
    expectOnly(craftOf(pick + card("q", "basic", "front = \"What does steady care build?\"\nback = \"Trust\"\n" + kWhy)),
               "answer-shown-elsewhere", 28, 9, "'steady care'");
    // Very short answers and words only as part of longer words do not count.
    expectNone(craftOf(card("a", "typein", "prompt = \"Opposite of yes?\"\nanswer = \"no\"\n" + kWhy) +
                       card("b", "basic", "front = \"Is no an answer?\"\nback = \"Sometimes\"\n" + kWhy)));
    expectNone(craftOf(card("a", "typein", "prompt = \"Which word?\"\nanswer = \"trust\"\n" + kWhy) +
                       card("b", "basic", "front = \"Is trustworthiness learned?\"\nback = \"Partly\"\n" + kWhy)));
}

TEST_CASE("card craft - explain-repeats-answer: an explanation that only says the answer again") {
    expectOnly(craftOf(card("c", "basic", "front = \"What does a child explore from?\"\nback = \"A secure base\"\n"
                                          "explain = \"The answer is a secure base.\"\n")),
               "explain-repeats-answer", 21, 11, "adds no word");
    expectOnly(craftOf(card("c", "truefalse", "statement = \"Sleep debt can be repaid.\"\nanswer = true\n"
                                              "explain = \"True: sleep debt can be repaid, mostly.\"\n")),
               "explain-repeats-answer", 21, 11, "adds one word");
    expectNone(craftOf(card("c", "basic", "front = \"What does a child explore from?\"\nback = \"A secure base\"\n"
                                          "explain = \"Knowing someone will be there makes the risk of exploring bearable.\"\n")));
    expectNone(craftOf(card("c", "basic", "front = \"What does a child explore from?\"\nback = \"A secure base\"\n"
                                          "explain = \"A secure base.\"\nallow = [\"explain-repeats-answer\"]\n")));
}

TEST_CASE("card craft - an unknown rule in allow is a warning at its entry, with a suggestion") {
    const auto warnings = craftOf(card("c", "basic", "front = \"Q?\"\nback = \"Answer\"\nallow = [\"whole-list\", \"whole-lists\"]\n" + kWhy));
    expectOnly(warnings, "", 21, 24, "unknown card-craft rule 'whole-lists' in 'allow' silences nothing; did you mean 'whole-list'?");
    expectOnly(craftOf("", headWithAllow("\"no-such-rule\"")), "", 6, 10, "unknown card-craft rule 'no-such-rule'");
}

TEST_CASE("card craft - warnings come sorted by place, every rule counted") {
    const auto warnings = craftOf(trueFalseCards(8, 1) +
                                  card("list", "basic", "front = \"Name them.\"\nback = \"Rest\"\n" + kWhy) +
                                  card("typed", "typein", "prompt = \"Where from?\"\nanswer = \"secure base\"\n" + kWhy));
    INFO("warnings: " << listed(warnings));
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0].rule == "true-false-balance");
    CHECK(warnings[1].rule == "whole-list");
    CHECK(warnings[2].rule == "type-in-no-accept");
    CHECK(countOf(warnings, "whole-list") == 1);
    CHECK(std::is_sorted(warnings.begin(), warnings.end(), [](const CraftWarning& a, const CraftWarning& b) {
        return a.diagnostic.line < b.diagnostic.line;
    }));
}

TEST_CASE("card craft - the loader keeps where a card's parts and allow entries stand") {
    const DeckLoadResult result = loadDeckFromText(
        kHead + card("c", "choice", "prompt = \"Q?\"\noptions = [\n  \"One\",\n    \"Two\",\n]\nanswer = \"Two\"\n"
                                    "explain = \"Why it is two.\"\nallow = [\"whole-list\",\n \"choice-longest\"]\n"),
        "craft.toml");
    REQUIRE(result.deck.has_value());
    const CardPlaces& places = result.deck->cards.at(0).places;
    CHECK(places.question == SourcePlace{19, 10});
    CHECK(places.options == std::vector<SourcePlace>{{21, 3}, {22, 5}});
    CHECK(places.answer == SourcePlace{24, 10});
    CHECK(places.explain == SourcePlace{25, 11});
    CHECK(places.allow == std::vector<SourcePlace>{{26, 10}, {27, 2}});
    CHECK(result.deck->cards.at(0).allow == std::vector<std::string>{"whole-list", "choice-longest"});
    CHECK(result.deck->place == SourcePlace{1, 1});
}

TEST_CASE("card craft - allow must be a list of texts") {
    const DeckLoadResult result = loadDeckFromText(kHead + card("c", "basic", "front = \"Q?\"\nback = \"A\"\nallow = \"whole-list\"\n" + kWhy),
                                                   "craft.toml");
    CHECK_FALSE(result.deck.has_value());
    const auto error = std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                                    [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
    REQUIRE(error != result.diagnostics.end());
    CHECK(error->format() == "craft.toml:21:9: error: 'allow' must be a list of texts like [\"a\", \"b\"], not text");
}
