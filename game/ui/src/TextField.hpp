// An editable text field: UTF-8 text with a caret and a selection (byte offsets, always on the
// boundary of a whole character and the marks that combine with it), the editing keys (arrows,
// Home/End, Backspace/Delete, Ctrl+A, cut/copy/paste through the system clipboard), a mouse click
// or drag to place the caret, and its drawing. A wrapping field grows downward line by line; a
// one-line field shows the part of its text around the caret. Every measurement of text goes
// through Ui (caretX, offsetAt), so the field follows the ui's text drawing.
#pragma once

#include <attune/ui/Ui.hpp>

#include <SFML/Window/Event.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attune::ui {

class TextField {
public:
    explicit TextField(std::size_t maxCharacters = 10000, bool wraps = true) : m_max(maxCharacters), m_wraps(wraps) {}

    const std::string& text() const { return m_text; }
    /// Replaces the text; the caret goes to its end.
    void setText(std::string text);
    std::size_t caret() const { return m_caret; }
    /// The selected bytes [first, second); empty when nothing is selected.
    std::pair<std::size_t, std::size_t> selection() const { return {std::min(m_caret, m_anchor), std::max(m_caret, m_anchor)}; }
    bool hasSelection() const { return m_caret != m_anchor; }
    /// Moves the caret to `offset` (snapped to a character boundary); `extend` keeps the anchor.
    void placeCaret(std::size_t offset, bool extend = false);
    void select(std::size_t from, std::size_t to);
    void selectAll() { select(0, m_text.size()); }
    /// Replaces the selection with `utf8` (control characters other than line breaks in a
    /// wrapping field are left out; the text stops at the field's length).
    void insert(std::string_view utf8);
    void type(char32_t codePoint);
    /// An editing key (arrows, Home, End, Backspace, Delete, Ctrl+A/C/X/V, Shift+Enter for a line
    /// break in a wrapping field); true when the field used it.
    bool key(const sf::Event::KeyEvent& key);

    /// The field's height for its text wrapped in `width` at the body size (at least one line;
    /// padding included).
    float height(const Ui& ui, float width) const;
    /// Lays the text out in the field's rect (call after each change and on every layout).
    void layout(const Ui& ui, const Rect& rect);
    /// The caret under a point of the laid-out field.
    std::size_t offsetAtPoint(const Ui& ui, float x, float y) const;
    void draw(sf::RenderTarget& target, const Ui& ui, const std::string& placeholder, bool focused, float caretClock) const;

private:
    struct Line {
        std::size_t begin = 0;  // byte offset of the line's first character in the text
        std::string text;       // what the line shows
        float x = 0.0f, y = 0.0f;
    };
    std::size_t previousBoundary(std::size_t offset) const;
    std::size_t nextBoundary(std::size_t offset) const;
    std::size_t previousWord(std::size_t offset) const;
    std::size_t nextWord(std::size_t offset) const;
    /// One character left (`step` < 0) or right on screen from `offset`.
    std::size_t onScreen(std::size_t offset, int step) const;
    void erase(bool forward, bool word);
    void textChanged();
    std::size_t lineOf(std::size_t offset) const;
    /// Where a line starts: at the left, or flush right in a right-to-left paragraph.
    float lineX(const Ui& ui, std::string_view paragraph, std::string_view line) const;

    std::string m_text;
    std::vector<std::size_t> m_stops{0};  // the caret stops in m_text (grapheme boundaries)
    std::size_t m_caret = 0, m_anchor = 0;
    std::size_t m_max;
    bool m_wraps;
    const Ui* m_ui = nullptr;  // the ui the field was last laid out with
    Rect m_rect, m_inner;
    unsigned m_size = 0;
    std::vector<Line> m_lines;
};

}  // namespace attune::ui
