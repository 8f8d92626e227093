// Cloze deletions and type-in answers as the study session shows and checks them.
#include "catch.hpp"

#include <attune/model/deck/Cloze.hpp>
#include <attune/model/session/TypeInAnswer.hpp>

using namespace attune::model;

TEST_CASE("cloze - deletions are parsed with numbers, answers and hints") {
    const ClozeParse parsed = parseCloze("The {{c1::amygdala}} flags {{c2::threats::what?}}.");
    REQUIRE_FALSE(parsed.error.has_value());
    REQUIRE(parsed.deletions.size() == 2);
    CHECK(parsed.deletions[0].number == 1);
    CHECK(parsed.deletions[0].answer == "amygdala");
    CHECK(parsed.deletions[0].hint.empty());
    CHECK(parsed.deletions[0].begin == 4);
    CHECK(parsed.deletions[1].number == 2);
    CHECK(parsed.deletions[1].answer == "threats");
    CHECK(parsed.deletions[1].hint == "what?");
}

TEST_CASE("cloze - broken braces are errors with their offset") {
    CHECK(parseCloze("a {{c1::b").error->offset == 2);
    CHECK(parseCloze("a }} b").error->offset == 2);
    CHECK(parseCloze("{{b}}").error->offset == 0);
    CHECK(parseCloze("{{c0::b}}").error.has_value());
    CHECK(parseCloze("{{c1:b}}").error.has_value());
    CHECK(parseCloze("{{c12345::b}}").error.has_value());
    CHECK(parseCloze("x {{c1::a {{c2::b}}}}").error->offset == 10);
    CHECK(parseCloze("{{c1::::hint}}").error.has_value());
    CHECK_FALSE(parseCloze("single { and } braces are text").error.has_value());
}

TEST_CASE("cloze - the numbers are distinct and ascending") {
    CHECK(clozeNumbers("{{c3::a}} {{c1::b}} {{c3::c}}") == std::vector<int>{1, 3});
    CHECK(clozeNumbers("no deletions").empty());
    CHECK(clozeNumbers("{{c1::broken").empty());
}

TEST_CASE("cloze - the question blanks deletion N and shows the others") {
    const std::string text = "The {{c1::amygdala}} flags {{c2::threats::what?}}; the {{c1::alarm}} rings.";
    CHECK(clozeQuestion(text, 1) == "The [...] flags threats; the [...] rings.");
    CHECK(clozeQuestion(text, 2) == "The amygdala flags [what?]; the alarm rings.");
    CHECK(clozeQuestion(text, 1, "___") == "The [___] flags threats; the [___] rings.");
}

TEST_CASE("cloze - the answer reveals everything and marks deletion N") {
    const std::string text = "The {{c1::amygdala}} flags {{c2::threats::what?}}.";
    CHECK(clozeAnswer(text, 2) == "The amygdala flags threats.");
    CHECK(clozeAnswer(text, 2, "<", ">") == "The amygdala flags <threats>.");
    CHECK(clozeHiddenText("{{c1::a}} and {{c2::b}} and {{c1::c}}", 1) == "a, c");
}

TEST_CASE("type-in - case, outer spaces and punctuation do not matter") {
    CHECK(typedAnswerMatches("  Secure Base. ", "secure base"));
    CHECK(typedAnswerMatches("secure-base", "Secure base"));
    CHECK(typedAnswerMatches("\"I\" statement!", "I-statement"));
    CHECK(typedAnswerMatches("Don\xE2\x80\x99t", "dont"));  // a typographic apostrophe
    CHECK(typedAnswerMatches("\xC3\x89LAN", "\xC3\xA9lan"));   // ÉLAN = élan
    CHECK_FALSE(typedAnswerMatches("secure bass", "secure base"));
    CHECK_FALSE(typedAnswerMatches("", "secure base"));
    CHECK_FALSE(typedAnswerMatches("?!", "?!"));  // nothing left to compare
}

TEST_CASE("type-in - the accept list gives other right answers") {
    const std::vector<std::string> accept = {"safe base", "safe haven"};
    CHECK(typedAnswerMatches("Safe haven", "secure base", accept));
    CHECK_FALSE(typedAnswerMatches("safe harbour", "secure base", accept));
    Card card;
    card.type = CardType::TypeIn;
    card.answer = "amygdala";
    card.accept = {"the amygdala"};
    CHECK(typedAnswerMatches("The Amygdala", card));
    CHECK(normalizeTypedAnswer(" A-b, C! ") == "abc");
}
