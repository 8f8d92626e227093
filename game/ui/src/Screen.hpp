// A screen of the game (home, study, summary, settings...) and the focusable controls on it.
// Screens speak in actions (Input.hpp); the App owns the stack and applies push/pop after the
// frame's events and updates, so a screen never disappears while its code runs.
#pragma once

#include <attune/ui/Ui.hpp>

#include <attune/ui/Input.hpp>

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <optional>
#include <string>
#include <vector>

namespace attune::ui {

class App;
class TextField;

enum class ButtonStyle { Normal, Primary, Right, Wrong, Quiet };

struct Control {
    Control() = default;
    Control(int controlId, const Rect& area, std::string text) : id(controlId), rect(area), label(std::move(text)) {}
    Control& withStyle(ButtonStyle value) { style = value; return *this; }
    Control& withIcon(Icon value) { icon = value; return *this; }
    Control& withDetail(std::string value) { detail = std::move(value); return *this; }
    Control& enabledIf(bool value) { enabled = value; return *this; }
    Control& hiddenIf(bool value) { hidden = value; return *this; }
    Control& asTextField() { textField = true; return *this; }
    /// A text field that draws its own text, caret and selection (the label is its placeholder).
    Control& withField(const TextField* value) { field = value; textField = true; return *this; }
    Control& plainLabel() { plain = true; return *this; }
    Control& withTextScale(float value) { textScale = value; return *this; }

    int id = 0;
    Rect rect;
    std::string label;
    std::string detail;   // a second, smaller line (e.g. the next interval under a grade)
    ButtonStyle style = ButtonStyle::Normal;
    Icon icon = Icon::None;
    bool enabled = true;
    bool textField = false;  // draws as a field with a caret; gets typed text
    const TextField* field = nullptr;  // an editable field drawn by itself (else the screen's one text)
    bool plain = false;      // regular weight label (long sentences such as choice options)
    bool hidden = false;     // scrolled out of view: focusable (focus scrolls to it), not drawn or hit
    float textScale = 1.0f;  // of the body size: a group of controls can share one smaller size
    // Filled in by Controls::add from the rect and the labels:
    TextBlock labelBlock;
    TextBlock detailBlock;
    Rect iconRect;
};

/// The focus order and hit testing of a screen's controls.
class Controls {
public:
    void clear() { m_items.clear(); }
    /// Adds a control and lays its label out inside its rect.
    Control& add(Control control, const Ui& ui);
    const std::vector<Control>& items() const { return m_items; }
    Control* find(int id);
    /// The focused control's id, if any.
    std::optional<int> focused() const;
    void focus(int id) { m_focus = id; }
    void clearFocus() { m_focus.reset(); }
    /// Tab / arrows: the next or previous enabled control, wrapping around.
    void moveFocus(int step);
    /// The enabled control under a point.
    std::optional<int> hit(float x, float y) const;
    std::optional<int> hovered() const { return m_hover; }
    void setHover(std::optional<int> id) { m_hover = id; }
    /// Draws every control as a button (or text field), with hover and focus.
    /// `caret`: the text field's caret as a byte offset into fieldText (npos: at its end).
    void draw(sf::RenderTarget& target, const Ui& ui, const std::string& fieldText, float caretClock,
              std::size_t caret = std::string::npos) const;

private:
    std::vector<Control> m_items;
    std::optional<int> m_focus;
    std::optional<int> m_hover;
};

/// A button's height for its text size (grows with the font scale).
float buttonHeight(const Ui& ui, bool withDetail = false);

class Screen {
public:
    explicit Screen(App& app) : m_app(app) {}
    virtual ~Screen() = default;
    Screen(const Screen&) = delete;
    Screen& operator=(const Screen&) = delete;

    /// Lays the screen out in `area` (the whole window): rectangles, text blocks, controls.
    virtual void layout(const Rect& area) = 0;
    virtual void draw(sf::RenderTarget& target) = 0;
    /// Fixed-step update (animations).
    virtual void update(float /*seconds*/) {}
    /// A key action the screen may use; Back pops by default.
    virtual void onAction(const InputAction& action);
    /// A control was clicked, or Enter pressed on it.
    virtual void onActivate(int /*controlId*/) {}
    /// Typed text (only while typing() is true).
    virtual void onText(char32_t /*codePoint*/) {}
    /// Every key press, before it becomes an action: true when the screen used it (a text
    /// field's editing keys, a screen's own shortcut such as Ctrl+S).
    virtual bool onKey(const sf::Event::KeyEvent& /*key*/) { return false; }
    /// The left mouse button pressed at a point (after focus moved to the control there), or
    /// moved with it held (`drag`): places a text field's caret or selection.
    virtual void onPointer(float /*x*/, float /*y*/, bool /*drag*/) {}
    /// Mouse wheel, in notches (positive: up).
    virtual void onScroll(float /*notches*/) {}
    virtual bool typing() const { return false; }
    /// Jump every animation to its end (reduced motion, screenshots).
    virtual void settle() {}
    /// Became the top screen again (after a pop): refresh what may have changed.
    virtual void resumed() { invalidate(); }

    Controls& controls() { return m_controls; }
    void invalidate() { m_dirty = true; }
    bool dirty() const { return m_dirty; }
    void markLaidOut() { m_dirty = false; }

protected:
    /// Focus movement and activation shared by every screen; true when handled.
    bool handleFocusAction(const InputAction& action);

    App& m_app;
    Controls m_controls;
    bool m_dirty = true;
};

}  // namespace attune::ui
