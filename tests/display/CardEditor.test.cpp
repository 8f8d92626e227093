// The card editor in the window: New card (n), Edit (e) and New deck in the deck browser for the
// player's own decks, the bundled course read-only; typing, Tab and Ctrl+S; only the card's table
// changes in the file; a card with errors writes nothing; Esc with changes asks first; the form
// fits at every window and text size. And the text field under it: the caret moves by whole
// characters, a selection is replaced, "make blank" wraps the word at the caret in a cloze gap.
#include "DrawnScreens.hpp"
#include "FileText.hpp"
#include "FreshHome.hpp"
#include "InProcessShell.hpp"
#include "catch.hpp"

#include "../../game/ui/src/InsightScreens.hpp"
#include "../../game/ui/src/TextField.hpp"

#include <attune/model/deck/CardEdit.hpp>

#include <SFML/Graphics/RenderTexture.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using namespace attune;

namespace {

const char* kMine = R"(# My own deck: this comment stays.
[deck]
id = "mine"
title = "My deck"
description = "Cards I wrote."
version = "1"

[[topic]]
id = "words"
title = "Words"

[[card]]
id = "first"
topic = "words"
type = "basic"
front = "What is a deck?"
back = "One TOML file"
explain = "Everything the game needs is in that file."
# a comment before the end
)";

struct Shell : testing::InProcessShell {
    Shell(const fs::path& profile, const std::string& deckId, const std::string& cardId) : InProcessShell({profile, {}, false}) {
        app.reset(ui::makeHomeScreen(app));
        app.push(ui::makeDeckBrowserScreen(app, deckId, cardId));
        frame();
    }
    ui::BrowserView browser() {
        REQUIRE(app.top() != nullptr);
        const auto shown = ui::browserView(*app.top());
        REQUIRE(shown.has_value());
        return *shown;
    }
    std::optional<ui::EditorView> editor() { return app.top() ? ui::editorView(*app.top()) : std::nullopt; }
    void type(const std::string& text) {
        for (const char32_t cp : ui::utf8Decode(text)) {
            sf::Event event{};
            event.type = sf::Event::TextEntered;
            event.text.unicode = static_cast<sf::Uint32>(cp);
            app.handle(event);
        }
        frame();
    }
    void chord(sf::Keyboard::Key code, bool control, bool shift = false) {
        sf::Event event{};
        event.type = sf::Event::KeyPressed;
        event.key.code = code;
        event.key.control = control;
        event.key.shift = shift;
        app.handle(event);
        frame();
    }
    /// Lets the editor's live check run (it waits for a pause in typing).
    void pause() {
        for (int i = 0; i < 30; ++i) frame();
    }
    bool focusedIs(const std::string& label) {
        ui::Controls& controls = app.top()->controls();
        const auto focus = controls.focused();
        return focus && controls.find(*focus) && controls.find(*focus)->label == label;
    }
    testing::DrawnScreen drawnAt(const testing::WindowAndText& at, model::Theme theme, const std::string& name = "form") {
        sf::RenderTexture other;
        REQUIRE(other.create(at.width, at.height));
        model::Settings settings = game.settings();
        settings.fontScale = at.fontScale;
        settings.theme = theme;
        app.applySettings(settings);
        app.resize(static_cast<float>(at.width), static_cast<float>(at.height));
        app.layoutIfNeeded();
        testing::DrawnScreen drawn;
        drawn.where = "card editor " + std::to_string(at.width) + "x" + std::to_string(at.height) + " " + std::to_string(static_cast<int>(at.fontScale * 100)) + " %";
        drawn.width = at.width;
        drawn.height = at.height;
        ui.recordDrawnText(&drawn.texts);
        app.draw(other);
        ui.recordDrawnText(nullptr);
        other.display();
        REQUIRE(other.getTexture().copyToImage().saveToFile(
            (fs::path(ATTUNE_TEST_OUTPUT_DIR) / ("card-editor-" + name + "-" + std::to_string(at.width) + "x" + std::to_string(at.height) + "-" +
                                                 std::to_string(static_cast<int>(at.fontScale * 100)) + (theme == model::Theme::Dark ? "-dark" : "") + ".png"))
                .string()));
        return drawn;
    }
};

bool hasProblem(const ui::EditorView& view, const std::string& start) {
    return std::any_of(view.problems.begin(), view.problems.end(), [&](const std::string& p) { return p.rfind(start, 0) == 0; });
}

}  // namespace

TEST_CASE("card editor - n makes a new card in the player's deck, Ctrl+S adds only its table and the browser shows it") {
    const testing::FreshHome fresh("attune-editor-new");
    const fs::path file = fresh.root / "xdg" / "attune" / "decks" / "mine.toml";
    testing::writeAll(file, kMine);
    Shell shell(fresh.root / "profile", "mine", "first");
    REQUIRE(shell.browser().cardId == "first");
    CHECK(shell.browser().editable);
    const std::size_t before = shell.browser().count;

    shell.press(sf::Keyboard::N);
    auto editor = shell.editor();
    REQUIRE(editor);
    CHECK(editor->cardId.empty());
    CHECK(editor->type == "basic");
    // The question field has the focus: type, Tab to the back, Tab past the explain's label.
    shell.type("Where does a new card go?");
    shell.press(sf::Keyboard::Tab);
    shell.type("After its topic's last card");
    shell.press(sf::Keyboard::Return);  // Enter moves on to the next field as well
    shell.type("So a deck stays in the order its author gave it.");
    shell.pause();
    editor = shell.editor();
    INFO(editor->problems.size());
    CHECK(editor->unsaved);
    CHECK_FALSE(hasProblem(*editor, "back"));
    shell.chord(sf::Keyboard::S, true);
    editor = shell.editor();
    REQUIRE(editor);
    INFO(editor->status);
    CHECK(editor->cardId == "where-does-a-new-card-go");
    CHECK(editor->status.rfind("Saved", 0) == 0);
    CHECK_FALSE(editor->unsaved);

    // Only inserted: without the new table (and the blank line before it) the file is as it was.
    const std::string after = testing::readAll(file);
    const auto span = model::findCardSpan(after, "where-does-a-new-card-go");
    REQUIRE(span);
    std::string without = after;
    without.erase(span->begin - 1, span->end - span->begin + 1);
    CHECK(without == kMine);

    // Esc goes back (nothing unsaved) to the browser, on the new card, with one card more.
    shell.press(sf::Keyboard::Escape);
    REQUIRE_FALSE(shell.editor());
    CHECK(shell.browser().cardId == "where-does-a-new-card-go");
    CHECK(shell.browser().question == "Where does a new card go?");
    CHECK(shell.browser().count == before + 1);
    // The game studies it: it is in the course now.
    CHECK(shell.game.course().findCard("mine", "where-does-a-new-card-go").has_value());
}

TEST_CASE("card editor - e edits the card shown, Esc asks first, and only that card's table changes") {
    const testing::FreshHome fresh("attune-editor-edit");
    const fs::path file = fresh.root / "xdg" / "attune" / "decks" / "mine.toml";
    testing::writeAll(file, kMine);
    Shell shell(fresh.root / "profile", "mine", "first");
    shell.press(sf::Keyboard::E);
    auto editor = shell.editor();
    REQUIRE(editor);
    CHECK(editor->cardId == "first");
    CHECK(editor->question == "What is a deck?");
    CHECK_FALSE(editor->unsaved);

    // The caret is at the end: Backspace erases the "?", and the rest is typed.
    shell.press(sf::Keyboard::BackSpace);
    shell.type(", on disk?");
    CHECK(shell.editor()->question == "What is a deck, on disk?");
    CHECK(shell.editor()->unsaved);

    // Esc asks; Esc again keeps editing; Esc and Discard leave the file alone.
    shell.press(sf::Keyboard::Escape);
    REQUIRE(shell.editor()->confirmOpen);
    CHECK(shell.focusedIs("Save"));
    shell.press(sf::Keyboard::Escape);
    CHECK_FALSE(shell.editor()->confirmOpen);
    shell.type("!");
    CHECK(shell.editor()->question == "What is a deck, on disk?!");
    shell.press(sf::Keyboard::BackSpace);

    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        for (const model::Theme theme : {model::Theme::Light, model::Theme::Dark}) {
            const testing::DrawnScreen shown = shell.drawnAt(at, theme);
            checkShowsExactly(shown, "Save (Ctrl+S)");
            checkShows(shown, "What is a deck, on disk?");
            checkNoTextOverlaps(shown);
        }
    }
    shell.app.resize(1280.0f, 720.0f);

    shell.press(sf::Keyboard::Escape);
    REQUIRE(shell.editor()->confirmOpen);
    for (const testing::WindowAndText& at : testing::kWindowsAndTexts) {
        const testing::DrawnScreen shown = shell.drawnAt(at, model::Theme::Dark, "confirm");
        checkShows(shown, "This card has changes that are not saved.");
        checkShowsExactly(shown, "Save");
        checkShowsExactly(shown, "Discard");
        checkShowsExactly(shown, "Keep editing");
        checkNoTextOverlaps(shown);
    }
    shell.app.resize(1280.0f, 720.0f);
    shell.frame();
    shell.clickOn("Save");
    INFO((shell.editor() ? shell.editor()->status : std::string()));
    REQUIRE_FALSE(shell.editor());
    const std::string after = testing::readAll(file);
    std::string expected = kMine;
    expected.replace(expected.find("What is a deck?"), std::string("What is a deck?").size(), "What is a deck, on disk?");
    CHECK(after == expected);
    // The browser shows the new text at once, on the same card (its id, so its progress, kept).
    CHECK(shell.browser().cardId == "first");
    CHECK(shell.browser().question == "What is a deck, on disk?");
}

TEST_CASE("card editor - a card with errors writes nothing and says what is wrong beside the field") {
    const testing::FreshHome fresh("attune-editor-errors");
    const fs::path file = fresh.root / "xdg" / "attune" / "decks" / "mine.toml";
    testing::writeAll(file, kMine);
    Shell shell(fresh.root / "profile", "mine", "first");
    shell.press(sf::Keyboard::N);
    REQUIRE(shell.editor());
    shell.type("A question without its answer");
    shell.pause();
    // An empty field is not a mistake yet...
    CHECK_FALSE(hasProblem(*shell.editor(), "back"));
    // ... but saving says so, and writes nothing.
    shell.chord(sf::Keyboard::S, true);
    const auto editor = shell.editor();
    REQUIRE(editor);
    CHECK(editor->cardId.empty());
    CHECK(editor->status.rfind("Nothing was saved", 0) == 0);
    CHECK(hasProblem(*editor, "back: 'back' is empty"));
    CHECK(testing::readAll(file) == kMine);
    // The focus went to the field to fix.
    CHECK(shell.app.top()->typing());
    shell.type("Here it is");
    shell.chord(sf::Keyboard::S, true);
    CHECK(shell.editor()->cardId == "a-question-without-its-answer");
    CHECK(testing::readAll(file) != kMine);
}

TEST_CASE("card editor - the bundled course is read-only and says so, New deck makes a deck and opens the editor on it") {
    const testing::FreshHome fresh("attune-editor-deck");
    Shell shell(fresh.root / "profile", "", "");
    const ui::BrowserView bundled = shell.browser();
    REQUIRE(bundled.count > 0);
    CHECK_FALSE(bundled.editable);
    CHECK(bundled.authoring.find("read-only") != std::string::npos);
    shell.press(sf::Keyboard::N);
    CHECK_FALSE(shell.editor());
    shell.press(sf::Keyboard::E);
    CHECK_FALSE(shell.editor());

    for (int i = 0; i < 40 && !shell.focusedIs("New deck"); ++i) shell.press(sf::Keyboard::Tab);
    REQUIRE(shell.focusedIs("New deck"));
    shell.press(sf::Keyboard::Return);
    REQUIRE(shell.app.top()->typing());
    shell.type("Spanish verbs");
    shell.press(sf::Keyboard::Tab);
    shell.type("Present, Past");
    shell.press(sf::Keyboard::Tab);
    REQUIRE(shell.focusedIs("Create the deck"));
    shell.press(sf::Keyboard::Return);
    shell.frame();
    const auto editor = shell.editor();
    REQUIRE(editor);
    CHECK(editor->deckId == "spanish-verbs");
    const fs::path file = fresh.root / "xdg" / "attune" / "decks" / "spanish-verbs.toml";
    REQUIRE(fs::is_regular_file(file));
    const model::DeckLoadResult loaded = model::loadDeck(file);
    REQUIRE(loaded.deck);
    CHECK(loaded.deck->topics.size() == 2);
    // Its first card, in the first topic.
    shell.type("hablar");
    shell.press(sf::Keyboard::Tab);
    shell.type("to speak");
    shell.press(sf::Keyboard::Tab);
    shell.type("An -ar verb: the most common kind.");
    shell.chord(sf::Keyboard::S, true);
    CHECK(shell.editor()->cardId == "hablar");
    shell.press(sf::Keyboard::Escape);
    CHECK(shell.browser().cardId == "hablar");
    CHECK(shell.browser().editable);
}

TEST_CASE("text field - the caret moves by whole characters, a selection is replaced, Home and End") {
    ui::Ui ui;
    std::string error;
    REQUIRE(ui.loadFonts(std::string(ATTUNE_SOURCE_DIR) + "/assets/fonts", &error));
    ui::TextField field(20, true);
    field.setText("cafe\xCC\x81 \xC3\xA9t\xC3\xA9");  // "café" with a combining accent, then "été"
    field.layout(ui, {0.0f, 0.0f, 600.0f, 60.0f});
    sf::Event::KeyEvent left{sf::Keyboard::Left, false, false, false, false};
    sf::Event::KeyEvent right{sf::Keyboard::Right, false, false, false, false};
    REQUIRE(field.caret() == field.text().size());
    field.key(left);  // before the last "é" (two bytes)
    CHECK(field.caret() == field.text().size() - 2);
    field.key({sf::Keyboard::Home, false, false, false, false});
    CHECK(field.caret() == 0);
    for (int i = 0; i < 4; ++i) field.key(right);
    // Past "cafe" and its combining accent together: never between them.
    CHECK(field.caret() == 6);
    field.placeCaret(5);  // inside the accent's two bytes... snapped back
    CHECK(field.caret() == 3);
    field.key({sf::Keyboard::End, false, false, false, false});
    field.key({sf::Keyboard::Left, false, false, true, false});  // Shift+Left selects "é"
    CHECK(field.selection() == std::pair<std::size_t, std::size_t>{field.text().size() - 2, field.text().size()});
    field.type(U'e');
    CHECK(field.text() == "cafe\xCC\x81 \xC3\xA9te");
    field.key({sf::Keyboard::BackSpace, false, true, false, false});  // Ctrl+Backspace: a word
    CHECK(field.text() == "cafe\xCC\x81 ");
    field.key({sf::Keyboard::A, false, true, false, false});
    field.key({sf::Keyboard::Delete, false, false, false, false});
    CHECK(field.text().empty());
    // The length limit holds for typing and pasting alike; control characters are left out.
    field.insert("a\x1B[31mb\nc");
    CHECK(field.text() == "a[31mb\nc");
    field.insert(std::string(40, 'x'));
    CHECK(field.text().size() == 20);
    // A click places the caret at the character nearest to it.
    field.setText("abcdef");
    field.layout(ui, {0.0f, 0.0f, 600.0f, 60.0f});
    const unsigned size = ui.textSize(ui::TextSize::Body);
    const float x = ui.px(14.0f) + ui.caretX("abcdef", 3, size);
    CHECK(field.offsetAtPoint(ui, x + 1.0f, ui.px(20.0f)) == 3);
    CHECK(ui.offsetAt("abcdef", ui.caretX("abcdef", 2, size) - 1.0f, size) == 2);
    CHECK(ui.offsetAt("abcdef", 10000.0f, size) == 6);
    CHECK(ui.offsetAt("abcdef", -5.0f, size) == 0);
}

TEST_CASE("card editor - make blank wraps the word at the caret, or the selection, in the next cloze gap") {
    const testing::FreshHome fresh("attune-editor-cloze");
    const fs::path file = fresh.root / "xdg" / "attune" / "decks" / "mine.toml";
    testing::writeAll(file, kMine);
    Shell shell(fresh.root / "profile", "mine", "first");
    shell.press(sf::Keyboard::N);
    REQUIRE(shell.editor());
    // The type button cycles: basic, reverse, cloze.
    shell.clickOn("Basic: a question");
    shell.clickOn("Reverse: studied");
    REQUIRE(shell.editor()->type == "cloze");
    // Tab on to the question field, type, put the caret in "body" and make it a blank.
    for (int i = 0; i < 20 && !shell.app.top()->typing(); ++i) shell.press(sf::Keyboard::Tab);
    REQUIRE(shell.app.top()->typing());
    shell.type("The body clock sets sleep");
    for (int i = 0; i < 17; ++i) shell.press(sf::Keyboard::Left);  // inside "body"
    shell.chord(sf::Keyboard::B, true);
    CHECK(shell.editor()->question == "The {{c1::body}} clock sets sleep");
    // A selection becomes the next gap: Shift+End from before "sleep".
    shell.press(sf::Keyboard::End);
    for (int i = 0; i < 5; ++i) shell.chord(sf::Keyboard::Left, false, true);
    shell.clickOn("Make blank");
    CHECK(shell.editor()->question == "The {{c1::body}} clock sets {{c2::sleep}}");
    shell.press(sf::Keyboard::Tab);
    shell.pause();
    CHECK_FALSE(hasProblem(*shell.editor(), "text"));
}
