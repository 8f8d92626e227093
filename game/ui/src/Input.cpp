// The key bindings (see Input.hpp).
#include <attune/ui/Input.hpp>

namespace attune::ui {

InputAction actionForKey(const sf::Event::KeyEvent& key, bool typing) {
    using K = sf::Keyboard;
    if (key.control && key.code == K::Z) return {Action::Undo};
    switch (key.code) {
    case K::Enter: return {Action::MoveOn};
    case K::Escape: return {Action::Back};
    case K::F11: return {Action::ToggleFullscreen};
    case K::Tab: return {key.shift ? Action::FocusPrevious : Action::FocusNext};
    case K::Right: return {typing ? Action::CaretRight : Action::FocusNext};
    case K::Down: return {Action::FocusNext};
    case K::Left: return {typing ? Action::CaretLeft : Action::FocusPrevious};
    case K::Up: return {Action::FocusPrevious};
    case K::BackSpace: return {typing ? Action::Erase : Action::Back};
    default: break;
    }
    if (typing || key.control || key.alt || key.system) return {};
    switch (key.code) {
    case K::Space: return {Action::Reveal};
    case K::T: return {Action::True};
    case K::F: return {Action::False};
    case K::I: return {Action::CardInfo};
    case K::B: return {Action::Bury};
    case K::S: return {Action::Suspend};
    case K::M: return {Action::Import};
    default: break;
    }
    if (key.code >= K::Num1 && key.code <= K::Num6) return {Action::Number, key.code - K::Num1 + 1};
    if (key.code >= K::Numpad1 && key.code <= K::Numpad6) return {Action::Number, key.code - K::Numpad1 + 1};
    return {};
}

}  // namespace attune::ui
