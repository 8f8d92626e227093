// The editable text field (see TextField.hpp).
#include "TextField.hpp"

#include <attune/model/core/Utf8.hpp>
#include <attune/model/core/TextOrder.hpp>

#include <SFML/Window/Clipboard.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {
using model::graphemeBoundaries;
using model::rightToLeft;
namespace {

// The code point at `offset` and its length in bytes (a stray byte counts as one character).
std::pair<char32_t, std::size_t> codePointAt(std::string_view text, std::size_t offset) {
    const std::size_t length = model::validSequenceLength(text, offset);
    if (length == 0) return {0xFFFD, 1};
    char32_t cp = static_cast<unsigned char>(text[offset]);
    if (length > 1) model::decodeSequence(text.substr(offset, length), cp);
    return {cp, length};
}

bool isWordCharacter(char32_t cp) { return cp > 0x7F || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '\''; }

}  // namespace

void TextField::setText(std::string text) {
    m_text = std::move(text);
    textChanged();
    m_caret = m_anchor = m_text.size();
}

// Caret stops are grapheme clusters (ICU): an accent typed apart, a Hangul syllable in jamo or an
// emoji sequence is one character to the caret, Backspace and Delete.
std::size_t TextField::nextBoundary(std::size_t offset) const {
    if (offset >= m_text.size()) return m_text.size();
    const auto stop = std::upper_bound(m_stops.begin(), m_stops.end(), offset);
    return stop == m_stops.end() ? m_text.size() : *stop;
}

std::size_t TextField::previousBoundary(std::size_t offset) const {
    if (offset == 0) return 0;
    const auto stop = std::lower_bound(m_stops.begin(), m_stops.end(), offset);
    return stop == m_stops.begin() ? 0 : *(stop - 1);
}

void TextField::textChanged() { m_stops = graphemeBoundaries(m_text); }

std::size_t TextField::nextWord(std::size_t offset) const {
    while (offset < m_text.size() && !isWordCharacter(codePointAt(m_text, offset).first)) offset = nextBoundary(offset);
    while (offset < m_text.size() && isWordCharacter(codePointAt(m_text, offset).first)) offset = nextBoundary(offset);
    return offset;
}

std::size_t TextField::previousWord(std::size_t offset) const {
    while (offset > 0 && !isWordCharacter(codePointAt(m_text, previousBoundary(offset)).first)) offset = previousBoundary(offset);
    while (offset > 0 && isWordCharacter(codePointAt(m_text, previousBoundary(offset)).first)) offset = previousBoundary(offset);
    return offset;
}

void TextField::placeCaret(std::size_t offset, bool extend) {
    offset = std::min(offset, m_text.size());
    // Inside a character (or its combining marks): back to where it starts.
    std::size_t boundary = offset;
    if (offset > 0 && offset < m_text.size()) {
        const std::size_t before = previousBoundary(offset);
        if (nextBoundary(before) != offset) boundary = before;
    }
    m_caret = boundary;
    if (!extend) m_anchor = m_caret;
}

void TextField::select(std::size_t from, std::size_t to) {
    placeCaret(from);
    placeCaret(to, true);
}

void TextField::insert(std::string_view utf8) {
    std::string clean;
    for (std::size_t at = 0; at < utf8.size();) {
        auto [cp, length] = codePointAt(utf8, at);
        at += length;
        if (cp == '\r') continue;
        if (cp == '\n' && !m_wraps) cp = ' ';
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) continue;
        model::appendUtf8(clean, cp);
    }
    const auto [first, last] = selection();
    const std::size_t room = m_max - std::min(m_max, model::characterCount(m_text) - model::characterCount(std::string_view(m_text).substr(first, last - first)));
    std::size_t take = 0, characters = 0;
    while (take < clean.size() && characters < room) {
        take += codePointAt(clean, take).second;
        ++characters;
    }
    m_text.replace(first, last - first, clean.substr(0, take));
    textChanged();
    m_caret = m_anchor = first + take;
}

void TextField::type(char32_t codePoint) {
    std::string one;
    model::appendUtf8(one, codePoint);
    insert(one);
}

void TextField::erase(bool forward, bool word) {
    if (!hasSelection()) {
        const std::size_t to = forward ? (word ? nextWord(m_caret) : nextBoundary(m_caret)) : (word ? previousWord(m_caret) : previousBoundary(m_caret));
        placeCaret(to, true);
    }
    insert({});
}

std::size_t TextField::onScreen(std::size_t offset, int step) const {
    // Inside a line the arrows follow the screen (in Arabic or Hebrew, Left moves on in the
    // text); at a line's end they go on to the next or previous line in reading order.
    const std::size_t logical = step < 0 ? previousBoundary(offset) : nextBoundary(offset);
    if (m_ui == nullptr || m_lines.empty()) return logical;
    const Line& line = m_lines[lineOf(offset)];
    if (offset < line.begin || offset > line.begin + line.text.size()) return logical;
    const std::size_t moved = m_ui->caretMove(line.text, offset - line.begin, step, m_size);
    return moved == offset - line.begin ? logical : line.begin + moved;
}

std::size_t TextField::lineOf(std::size_t offset) const {
    std::size_t line = 0;
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        if (m_lines[i].begin <= offset) line = i;
    return line;
}

bool TextField::key(const sf::Event::KeyEvent& key) {
    using K = sf::Keyboard;
    const bool extend = key.shift;
    switch (key.code) {
    case K::Left:
        if (hasSelection() && !extend) placeCaret(selection().first);
        else placeCaret(key.control ? previousWord(m_caret) : onScreen(m_caret, -1), extend);
        return true;
    case K::Right:
        if (hasSelection() && !extend) placeCaret(selection().second);
        else placeCaret(key.control ? nextWord(m_caret) : onScreen(m_caret, 1), extend);
        return true;
    case K::Home:
        placeCaret(key.control || m_lines.empty() ? 0 : m_lines[lineOf(m_caret)].begin, extend);
        return true;
    case K::End:
        if (key.control || m_lines.empty()) placeCaret(m_text.size(), extend);
        else placeCaret(m_lines[lineOf(m_caret)].begin + m_lines[lineOf(m_caret)].text.size(), extend);
        return true;
    case K::Up:
    case K::Down: {
        // Between the lines of a wrapping field; past its first or last line, focus moves on.
        if (m_lines.empty() || m_ui == nullptr) return false;
        const std::size_t line = lineOf(m_caret);
        if (key.code == K::Up ? line == 0 : line + 1 >= m_lines.size()) return false;
        const Line& from = m_lines[line];
        const Line& to = m_lines[key.code == K::Up ? line - 1 : line + 1];
        const float x = from.x + m_ui->caretX(from.text, m_caret - from.begin, m_size);
        placeCaret(to.begin + m_ui->offsetAt(to.text, x - to.x, m_size), extend);
        return true;
    }
    case K::BackSpace: erase(false, key.control); return true;
    case K::Delete: erase(true, key.control); return true;
    case K::Enter:
        if (!m_wraps || !key.shift) return false;
        insert("\n");
        return true;
    default: break;
    }
    if (!key.control) return false;
    const auto [first, last] = selection();
    switch (key.code) {
    case K::A: selectAll(); return true;
    case K::C:
    case K::X:
        if (first == last) return true;
        sf::Clipboard::setString(sf::String::fromUtf8(m_text.begin() + static_cast<long>(first), m_text.begin() + static_cast<long>(last)));
        if (key.code == K::X) insert({});
        return true;
    case K::V: {
        const std::basic_string<sf::Uint8> pasted = sf::Clipboard::getString().toUtf8();
        insert(std::string(pasted.begin(), pasted.end()));
        return true;
    }
    default: return false;
    }
}

float TextField::height(const Ui& ui, float width) const {
    const unsigned size = ui.textSize(TextSize::Body);
    const float inner = std::max(1.0f, width - ui.px(28.0f));
    float lines = 1.0f;
    if (m_wraps) {
        lines = 0.0f;
        std::size_t start = 0;
        while (true) {
            const std::size_t end = m_text.find('\n', start);
            const std::string_view paragraph = std::string_view(m_text).substr(start, end == std::string::npos ? std::string::npos : end - start);
            lines += std::max(1.0f, static_cast<float>(wrapLines(ui, paragraph, size, false, inner).size()));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    return std::round(lines * ui.lineHeight(size) + ui.px(22.0f));
}

void TextField::layout(const Ui& ui, const Rect& rect) {
    m_ui = &ui;
    m_rect = rect;
    m_inner = rect.inset(ui.px(14.0f), ui.px(11.0f));
    m_size = ui.textSize(TextSize::Body);
    m_lines.clear();
    const float lineHeight = ui.lineHeight(m_size);
    if (!m_wraps) {
        // One line: the part of the text around the caret that fits.
        std::size_t begin = 0;
        while (begin < m_caret && ui.caretX(std::string_view(m_text).substr(begin), m_caret - begin, m_size) > m_inner.w) begin = nextBoundary(begin);
        std::size_t end = m_text.size();
        while (end > m_caret && ui.width(std::string_view(m_text).substr(begin, end - begin), m_size, false) > m_inner.w) end = previousBoundary(end);
        const float y = m_inner.y + std::max(0.0f, (m_inner.h - lineHeight) / 2.0f);
        m_lines.push_back({begin, m_text.substr(begin, end - begin), lineX(ui, m_text, m_text.substr(begin, end - begin)), y});
        return;
    }
    float y = m_inner.y;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = m_text.find('\n', start);
        const std::string_view paragraph = std::string_view(m_text).substr(start, end == std::string::npos ? std::string::npos : end - start);
        const std::vector<std::string> wrapped = wrapLines(ui, paragraph, m_size, false, m_inner.w);
        std::size_t cursor = 0;
        if (wrapped.empty()) {
            m_lines.push_back({start, {}, lineX(ui, paragraph, {}), y});
            y += lineHeight;
        }
        for (const std::string& line : wrapped) {
            // Each wrapped line is a piece of the paragraph; find where it starts.
            const std::size_t found = paragraph.find(line, cursor);
            const std::size_t at = found == std::string_view::npos ? cursor : found;
            m_lines.push_back({start + at, line, lineX(ui, paragraph, line), y});
            cursor = at + line.size();
            y += lineHeight;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

float TextField::lineX(const Ui& ui, std::string_view paragraph, std::string_view line) const {
    if (!rightToLeft(paragraph)) return m_inner.x;
    return m_inner.x + std::max(0.0f, m_inner.w - ui.width(line, m_size, false));
}

std::size_t TextField::offsetAtPoint(const Ui& ui, float x, float y) const {
    if (m_lines.empty()) return 0;
    std::size_t index = 0;
    for (std::size_t i = 0; i < m_lines.size(); ++i)
        if (y >= m_lines[i].y) index = i;
    const Line& line = m_lines[index];
    return line.begin + ui.offsetAt(line.text, x - line.x, m_size);
}

void TextField::draw(sf::RenderTarget& target, const Ui& ui, const std::string& placeholder, bool focused, float caretClock) const {
    const Palette& p = ui.palette();
    const float lineHeight = ui.lineHeight(m_size);
    if (m_text.empty()) {
        ui.draw(target, ui.text(placeholder, m_inner, TextSize::Body, false, Align::Left, !m_wraps, 0.5f), p.textMuted);
    } else {
        const auto [first, last] = selection();
        TextBlock block;
        block.box = m_inner;
        block.size = m_size;
        for (const Line& line : m_lines) {
            const std::size_t lineEnd = line.begin + line.text.size();
            if (focused && first < last && first <= lineEnd && last > line.begin) {
                const std::size_t a = std::max(first, line.begin) - line.begin;
                const std::size_t b = std::min(last, lineEnd) - line.begin;
                // In a right-to-left line the selection's start stands right of its end.
                const float xa = line.x + ui.caretX(line.text, a, m_size);
                const float xb = line.x + ui.caretX(line.text, b, m_size);
                const float x1 = std::min(xa, xb);
                const float x2 = std::max(xa, xb) + (last > lineEnd ? ui.px(6.0f) : 0.0f);
                sf::Color shade = p.accent;
                shade.a = 80;
                ui.box(target, {x1, line.y, std::max(1.0f, x2 - x1), lineHeight}, shade, 0.0f);
            }
            if (!line.text.empty()) block.runs.push_back({line.text, line.x, line.y, ui.width(line.text, m_size, false), lineHeight, m_size, false, rightToLeft(line.text)});
        }
        ui.draw(target, block, p.text);
    }
    if (!focused || std::fmod(caretClock, 1.0f) >= 0.6f || m_lines.empty()) return;
    const Line& line = m_lines[lineOf(m_caret)];
    const float x = std::min(line.x + ui.caretX(line.text, std::min(m_caret - line.begin, line.text.size()), m_size), m_rect.right() - ui.px(8.0f));
    ui.box(target, {x, line.y + lineHeight * 0.1f, std::max(2.0f, ui.px(2.0f)), lineHeight * 0.8f}, p.text, 0.0f);
}

}  // namespace attune::ui
