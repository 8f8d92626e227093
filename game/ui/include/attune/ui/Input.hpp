// Keys to actions: the one table of the game's keyboard bindings, so screens speak in actions
// (Reveal, MoveOn, Grade...) and never in key codes.
#pragma once

#include <SFML/Window/Event.hpp>

namespace attune::ui {

enum class Action {
    None,
    Reveal,            // Space: show the back / the answer
    MoveOn,            // Enter: reveal, then accept the suggested grade; activate the focused control
    Number,            // 1..6: a grade (1-4) or an option (1-6), by the screen's beat
    True,              // t
    False,             // f
    Bury,              // b: the card on screen waits until tomorrow
    Suspend,           // s: the card on screen is set aside until brought back
    FocusNext,         // Tab, Right, Down (Right only when not typing)
    FocusPrevious,     // Shift+Tab, Left, Up (Left only when not typing)
    Back,              // Esc
    Undo,              // Ctrl+Z
    ToggleFullscreen,  // F11
    Erase,             // Backspace (text fields)
    CardInfo,          // i: the card's history and memory
    Import,            // m: import a deck file (Decks)
    NewCard,           // n: a new card in the deck shown (Decks, the player's own decks)
    EditCard,          // e: edit the card shown (Decks, the player's own decks)
    NewDeck,           // d: a new deck of the player's (Decks)
};

struct InputAction {
    Action action = Action::None;
    int number = 0;  // for Action::Number: 1..6
};

/// The action for a key press. `typing` is true while a text field has focus: then letters,
/// digits and Space are text, not actions.
InputAction actionForKey(const sf::Event::KeyEvent& key, bool typing);

}  // namespace attune::ui
