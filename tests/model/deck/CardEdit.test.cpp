// Editing one card of a deck file in place: only that card's table changes, comments and every
// other byte stay, new cards get fresh ids, and a card with errors writes nothing.
#include "catch.hpp"

#include "FileText.hpp"
#include "TempDir.hpp"

#include <attune/model/deck/CardEdit.hpp>
#include <attune/model/deck/DeckImport.hpp>

#include <algorithm>

using namespace attune::model;
using attune::testing::readAll;
using attune::testing::TempDir;
using attune::testing::writeAll;

namespace {

const std::filesystem::path kTour = std::filesystem::path(ATTUNE_SOURCE_DIR) / "decks" / "deck-writing-tour.toml";

Deck load(const std::string& text, const std::filesystem::path& file) {
    DeckLoadResult loaded = loadDeckFromText(text, file);
    std::string all;
    for (const auto& d : loaded.diagnostics) all += "\n  " + d.format();
    INFO("diagnostics:" << all << "\n" << text);
    REQUIRE(loaded.deck.has_value());
    return *loaded.deck;
}

// The bytes before and after the card's table are the same in both texts.
void onlyCardChanged(const std::string& before, const std::string& after, const std::string& cardId) {
    const auto span = findCardSpan(before, cardId);
    REQUIRE(span);
    const auto spanAfter = findCardSpan(after, cardId);
    REQUIRE(spanAfter);
    CHECK(after.substr(0, spanAfter->begin) == before.substr(0, span->begin));
    CHECK(after.substr(spanAfter->end) == before.substr(span->end));
    CHECK(spanAfter->begin == span->begin);
}

const char* kSmallDeck = R"(# A deck with comments everywhere.
[deck]
id = "small"
title = "Small"
description = "A small deck."
version = "1"

[[topic]]
id = "one"
title = "One"

[[topic]]
id = "two"
title = "Two"

# The first card. This comment belongs to it.
[[card]]
id = "first"   # a comment after a key
topic = "one"
type = "basic"
front = 'Single quoted, "kept"'
back = "The back"
explain = "Why the back is so."

# --- a section heading before the second card ---

[[card]]
id = "second"
topic = "two"
type = "basic"
front = "Second front"
back = "Second back"
explain = """
A multi-line
explanation."""
# a comment at the end of the file
)";

}  // namespace

TEST_CASE("card edit - every card of the tour rewritten unchanged leaves the file byte for byte") {
    const std::string original = readAll(kTour);
    REQUIRE_FALSE(original.empty());
    const Deck deck = load(original, kTour);
    REQUIRE(deck.cards.size() >= 10);
    std::string text = original;
    for (const Card& card : deck.cards) {
        const CardEditResult edit = editCardText(text, kTour, card, card.id);
        INFO(card.id << ": " << edit.error);
        REQUIRE(edit.ok);
        CHECK(edit.text == text);
        text = edit.text;
    }
    CHECK(text == original);
}

TEST_CASE("card edit - editing one tour card changes only that card's table") {
    const std::string original = readAll(kTour);
    const Deck deck = load(original, kTour);
    const Card* card = deck.findCard("tour-cloze");
    REQUIRE(card != nullptr);
    Card changed = *card;
    changed.text = "A cloze card hides {{c1::one gap}} at a time.";
    changed.explain.clear();  // an optional key left empty is removed
    changed.source = "A new source";
    const CardEditResult edit = editCardText(original, kTour, changed, card->id);
    REQUIRE(edit.ok);
    REQUIRE(edit.text != original);
    onlyCardChanged(original, edit.text, "tour-cloze");
    const Deck after = load(edit.text, kTour);
    const Card* reloaded = after.findCard("tour-cloze");
    REQUIRE(reloaded != nullptr);
    CHECK(reloaded->text == changed.text);
    CHECK(reloaded->explain.empty());
    CHECK(reloaded->source == "A new source");
    CHECK(reloaded->topic == card->topic);
    // Every other card is exactly as it was.
    REQUIRE(after.cards.size() == deck.cards.size());
    for (std::size_t i = 0; i < deck.cards.size(); ++i) {
        if (deck.cards[i].id == "tour-cloze") continue;
        Card a = deck.cards[i], b = after.cards[i];
        a.line = b.line = 0;
        a.places = b.places = {};
        CHECK(a == b);
    }
    // The explain warning is now reported at the card, with no key (it is about the whole card).
    CHECK(std::any_of(edit.problems.begin(), edit.problems.end(), [](const FieldProblem& p) {
        return p.diagnostic.severity == Diagnostic::Severity::Warning && p.diagnostic.message.find("explain") != std::string::npos;
    }));
}

TEST_CASE("card edit - comments inside and around the card are kept, the quoting of unchanged values too") {
    const Deck deck = load(kSmallDeck, "small.toml");
    Card first = *deck.findCard("first");
    first.back = "A new back";
    const CardEditResult edit = editCardText(kSmallDeck, "small.toml", first, "first");
    REQUIRE(edit.ok);
    std::string expected = kSmallDeck;
    const std::string from = "back = \"The back\"";
    expected.replace(expected.find(from), from.size(), "back = \"A new back\"");
    CHECK(edit.text == expected);

    // The span ends at the card's last value: the heading comment before the next card is not in it.
    const auto span = findCardSpan(kSmallDeck, "first");
    REQUIRE(span);
    const std::string table = std::string(kSmallDeck).substr(span->begin, span->end - span->begin);
    CHECK(table.rfind("[[card]]\nid = \"first\"   # a comment after a key\n", 0) == 0);
    CHECK(table.substr(table.size() - std::string("explain = \"Why the back is so.\"\n").size()) == "explain = \"Why the back is so.\"\n");
    // The last card's span ends after its multi-line value; the comment after it stays outside.
    const auto last = findCardSpan(kSmallDeck, "second");
    REQUIRE(last);
    CHECK(std::string(kSmallDeck).substr(last->end) == "# a comment at the end of the file\n");

    // A multi-line value that changes is rewritten where it stands; the comment after it stays.
    Card second = *deck.findCard("second");
    second.explain = "Shorter.";
    second.tags = {"new", "tags"};
    const CardEditResult edit2 = editCardText(kSmallDeck, "small.toml", second, "second");
    REQUIRE(edit2.ok);
    onlyCardChanged(kSmallDeck, edit2.text, "second");
    CHECK(edit2.text.find("explain = \"Shorter.\"\ntags = [\"new\", \"tags\"]\n# a comment at the end of the file\n") != std::string::npos);
}

TEST_CASE("card edit - a card of every type can be created, and loads back as written") {
    TempDir dir;
    const auto file = dir.path / "small.toml";
    writeAll(file, kSmallDeck);
    std::vector<Card> made;
    auto add = [&made](CardType type) {
        Card c;
        c.type = type;
        c.topic = "one";
        c.explain = "A reason that adds something new to the card's text.";
        return c;
    };
    Card basic = add(CardType::Basic);
    basic.front = "What is on the front?";
    basic.back = "A question";
    Card reverse = add(CardType::Reverse);
    reverse.front = "Term";
    reverse.back = "Its meaning";
    Card cloze = add(CardType::Cloze);
    cloze.text = "A {{c1::gap}} and {{c2::another::hint}}.";
    Card choice = add(CardType::Choice);
    choice.prompt = "Which one?";
    choice.options = {"This one", "That one", "Neither one"};
    choice.answer = "That one";
    Card truth = add(CardType::TrueFalse);
    truth.statement = "Statements can be \"quoted\" and have \\ backslashes.";
    truth.truth = true;
    Card typein = add(CardType::TypeIn);
    typein.prompt = "Type the word";
    typein.answer = "word";
    typein.accept = {"words"};
    typein.source = "Somewhere";
    typein.tags = {"a", "b"};
    typein.explain = "Line one.\nLine two, with a tab\there.";
    for (const Card& card : {basic, reverse, cloze, choice, truth, typein}) {
        const std::string before = readAll(file);
        const CardSaveResult saved = saveCard(file, card, "");
        INFO(saved.saved.message << " " << saved.edit.error);
        REQUIRE(saved.saved.ok);
        REQUIRE(saved.edit.ok);
        const std::string after = readAll(file);
        const Deck deck = load(after, file);
        const Card* reloaded = deck.findCard(saved.edit.cardId);
        REQUIRE(reloaded != nullptr);
        Card expected = card;
        expected.id = saved.edit.cardId;
        expected.line = reloaded->line;
        expected.places = reloaded->places;
        expected.contentHash = reloaded->contentHash;
        CHECK(*reloaded == expected);
        // Only inserted: the old text is the new one with the card's table taken out.
        const auto span = findCardSpan(after, saved.edit.cardId);
        REQUIRE(span);
        std::string without = after;
        without.erase(span->begin, span->end - span->begin);
        // The insert adds one blank line before the table.
        without.erase(span->begin - 1, 1);
        CHECK(without == before);
    }
    // New cards of topic "one" follow the last card of that topic, before the heading comment.
    const std::string text = readAll(file);
    CHECK(text.find("[[card]]\nid = \"what-is-on-the-front\"") < text.find("# --- a section heading"));
    CHECK(text.find("# --- a section heading") < text.find("id = \"second\""));
}

TEST_CASE("card edit - a new card in a topic without cards goes at the end of the file") {
    std::string deck = kSmallDeck;
    deck += "\n[[topic]]\nid = \"three\"\ntitle = \"Three\"\n";
    Card card;
    card.type = CardType::Basic;
    card.topic = "three";
    card.front = "Third front";
    card.back = "Third back";
    card.explain = "Something the card does not say.";
    const CardEditResult edit = editCardText(deck, "small.toml", card, "");
    REQUIRE(edit.ok);
    CHECK(edit.text == deck + "\n" + cardTableToml([&] {
                           Card c = card;
                           c.id = "third-front";
                           return c;
                       }()));
}

TEST_CASE("card edit - a card with errors writes nothing, and says where") {
    TempDir dir;
    const auto file = dir.path / "small.toml";
    writeAll(file, kSmallDeck);
    const Deck deck = load(kSmallDeck, file);
    Card choice = *deck.findCard("first");
    choice.type = CardType::Choice;
    choice.prompt = "Which?";
    choice.options = {"A", "B"};
    choice.answer = "C";  // not one of the options
    const CardSaveResult saved = saveCard(file, choice, "first");
    CHECK_FALSE(saved.saved.ok);
    CHECK_FALSE(saved.edit.ok);
    CHECK(readAll(file) == kSmallDeck);
    CHECK(std::any_of(saved.edit.problems.begin(), saved.edit.problems.end(), [](const FieldProblem& p) {
        return p.key == "answer" && p.diagnostic.severity == Diagnostic::Severity::Error;
    }));

    Card empty = *deck.findCard("second");
    empty.front.clear();
    const CardSaveResult none = saveCard(file, empty, "second");
    CHECK_FALSE(none.saved.ok);
    CHECK(readAll(file) == kSmallDeck);

    // A broken cloze, in a new card: nothing is added.
    Card cloze;
    cloze.type = CardType::Cloze;
    cloze.topic = "one";
    cloze.text = "A {{c1::gap without its end.";
    CHECK_FALSE(saveCard(file, cloze, "").saved.ok);
    CHECK(readAll(file) == kSmallDeck);

    // A duplicate option is reported at that option.
    Card twice = choice;
    twice.options = {"A", "B", "A"};
    twice.answer = "B";
    const CardEditResult duplicate = editCardText(kSmallDeck, file, twice, "first");
    CHECK_FALSE(duplicate.ok);
    CHECK(std::any_of(duplicate.problems.begin(), duplicate.problems.end(), [](const FieldProblem& p) {
        return p.key == "options" && p.item == 2 && p.diagnostic.severity == Diagnostic::Severity::Error;
    }));

    // A card that is gone from the file cannot be saved over.
    CHECK_FALSE(saveCard(file, *deck.findCard("first"), "no-such-card").saved.ok);
    CHECK(readAll(file) == kSmallDeck);
}

TEST_CASE("card edit - fresh ids are unique in the deck and avoid ids with progress") {
    const std::vector<std::string> ids = {"what-is-it", "what-is-it-2", "card"};
    CHECK(freshCardId(ids, "What is it?") == "what-is-it-3");
    CHECK(freshCardId(ids, "What is it?", {"what-is-it-3"}) == "what-is-it-4");
    CHECK(freshCardId(ids, "Something else") == "something-else");
    CHECK(freshCardId(ids, "¿¡!") == "card-2");
    // Made only of what a card id may hold, and short.
    const std::string id = freshCardId({}, "A Very Long Question, With Commas; and Ünïcode letters that go on and on");
    CHECK(id.size() <= 32);
    CHECK(std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }));

    // Two new cards with the same question get different ids.
    Card card;
    card.type = CardType::Basic;
    card.topic = "one";
    card.front = "Second front";
    card.back = "Another back";
    card.explain = "A reason the card does not give.";
    const CardEditResult one = editCardText(kSmallDeck, "small.toml", card, "");
    REQUIRE(one.ok);
    CHECK(one.cardId == "second-front");
    const CardEditResult two = editCardText(one.text, "small.toml", card, "");
    REQUIRE(two.ok);
    CHECK(two.cardId == "second-front-2");
}

TEST_CASE("card edit - a new deck from a title and topics loads and takes new cards") {
    TempDir dir;
    const NewDeckResult made = createDeck(dir.path, "Spanish: Verbs!", {"Present tense", "", "Past tense"});
    INFO(made.error);
    REQUIRE(made.ok);
    CHECK(made.deckId == "spanish-verbs");
    CHECK(made.file == dir.path / "spanish-verbs.toml");
    const Deck deck = load(readAll(made.file), made.file);
    CHECK(deck.title == "Spanish: Verbs!");
    REQUIRE(deck.topics.size() == 2);
    CHECK(deck.topics[0].id == "present-tense");
    CHECK(deck.topics[1].title == "Past tense");

    const NewDeckResult again = createDeck(dir.path, "Spanish verbs", {"One"});
    REQUIRE(again.ok);
    CHECK(again.deckId == "spanish-verbs-2");
    CHECK(createDeck(dir.path, "Taken", {"One"}, {"taken"}).deckId == "taken-2");

    CHECK_FALSE(createDeck(dir.path, "  ", {"One"}).ok);
    CHECK_FALSE(createDeck(dir.path, "No topics", {" "}).ok);
    CHECK_FALSE(createDeck(dir.path, "Bell \x07", {"One"}).ok);

    Card card;
    card.type = CardType::Basic;
    card.topic = "past-tense";
    card.front = "fui";
    card.back = "I went (or I was)";
    card.explain = "Ir and ser share their preterite forms.";
    const CardSaveResult saved = saveCard(made.file, card, "");
    REQUIRE(saved.saved.ok);
    CHECK(load(readAll(made.file), made.file).findCard("fui") != nullptr);
}

TEST_CASE("card edit - the starter deck says it can be edited in the window, and each card's comment stays with it") {
    const std::string starter = starterDeckToml("starter", "Starter");
    CHECK(starter.find("edit it in the game window") != std::string::npos);
    const Deck deck = load(starter, "starter.toml");
    for (const Card& card : deck.cards) {
        const CardEditResult same = editCardText(starter, "starter.toml", card, card.id);
        REQUIRE(same.ok);
        CHECK(same.text == starter);
        // The comment line above each card is outside its span: an edit leaves it.
        const auto span = findCardSpan(starter, card.id);
        REQUIRE(span);
        CHECK(starter.compare(span->begin, 9, "[[card]]\n") == 0);
        Card changed = card;
        changed.source = "Changed source";
        const CardEditResult edit = editCardText(starter, "starter.toml", changed, card.id);
        REQUIRE(edit.ok);
        onlyCardChanged(starter, edit.text, card.id);
    }
}
