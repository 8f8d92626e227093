// Pure layout: text wrapping and box arithmetic, no SFML (see Layout.hpp).
#include <attune/ui/Layout.hpp>
#include <attune/model/core/TextOrder.hpp>

#include <attune/model/core/Utf8.hpp>

#include <algorithm>
#include <cmath>

namespace attune::ui {
using model::lineBreaks;
using model::graphemeBoundaries;
using model::rightToLeft;
namespace {

constexpr float kTolerance = 0.01f;
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

/// Byte offsets where each UTF-8 character starts, plus text.size() at the end.
std::vector<std::size_t> characterStarts(std::string_view text) {
    std::vector<std::size_t> starts;
    std::size_t i = 0;
    while (i < text.size()) {
        starts.push_back(i);
        i += model::claimedSequenceLength(static_cast<unsigned char>(text[i]));
    }
    starts.push_back(text.size());
    return starts;
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view trimEnd(std::string_view text) {
    while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
    return text;
}

std::string_view trimStart(std::string_view text) {
    while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
    return text;
}

/// The longest prefix (whole grapheme clusters, at least one) no wider than maxWidth.
std::size_t fittingPrefix(const TextMeasure& measure, std::string_view word, unsigned size, bool bold,
                          float maxWidth) {
    const auto stops = graphemeBoundaries(word);
    std::size_t best = stops.size() > 1 ? stops[1] : word.size();
    for (std::size_t i = 2; i < stops.size(); ++i) {
        if (measure.width(word.substr(0, stops[i]), size, bold) > maxWidth + kTolerance) break;
        best = stops[i];
    }
    return best;
}

/// One wrapped line and the direction of the paragraph it belongs to.
struct Line {
    std::string text;
    bool rightToLeft = false;
};

void wrapParagraph(const TextMeasure& measure, std::string_view paragraph, unsigned size, bool bold, float maxWidth,
                   std::vector<Line>& lines) {
    const bool rtl = rightToLeft(paragraph);
    paragraph = trimStart(paragraph);
    // The line so far is paragraph[lineStart, lineEnd); each piece ends at a break opportunity
    // (after the spaces that follow a word, or after each Chinese or Japanese character).
    std::size_t lineStart = 0;
    std::size_t lineEnd = 0;
    bool any = false;
    std::size_t pieceStart = 0;
    for (const std::size_t breakAt : lineBreaks(paragraph)) {
        if (breakAt <= pieceStart) continue;
        std::string_view piece = paragraph.substr(pieceStart, breakAt - pieceStart);
        pieceStart = breakAt;
        if (trimEnd(piece).empty() && lineEnd == lineStart) {  // spaces at a line's start
            lineStart = lineEnd = breakAt;
            continue;
        }
        any = true;
        const std::string_view candidate = paragraph.substr(lineStart, breakAt - lineStart);
        if (measure.width(trimEnd(candidate), size, bold) <= maxWidth + kTolerance) {
            lineEnd = breakAt;
            continue;
        }
        if (lineEnd > lineStart) lines.push_back({std::string(trimEnd(paragraph.substr(lineStart, lineEnd - lineStart))), rtl});
        lineStart = lineEnd = breakAt - piece.size();
        // The piece alone may still be too wide: split it between grapheme clusters.
        std::string_view word = trimEnd(piece);
        while (!word.empty() && measure.width(word, size, bold) > maxWidth + kTolerance) {
            const std::size_t cut = fittingPrefix(measure, word, size, bold, maxWidth);
            lines.push_back({std::string(word.substr(0, cut)), rtl});
            word.remove_prefix(cut);
            lineStart += cut;
        }
        lineEnd = breakAt;
        if (word.empty()) lineStart = lineEnd;
    }
    const std::string_view rest = trimEnd(paragraph.substr(lineStart, lineEnd - lineStart));
    if (!rest.empty() || !any) lines.push_back({std::string(rest), rtl});
}

std::vector<Line> wrapText(const TextMeasure& measure, std::string_view text, unsigned size, bool bold, float maxWidth) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        const std::string_view paragraph =
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        wrapParagraph(measure, paragraph, size, bold, maxWidth, lines);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return lines;
}

}  // namespace

bool Rect::encloses(const Rect& inner) const {
    return inner.x >= x - kTolerance && inner.y >= y - kTolerance && inner.right() <= right() + kTolerance &&
           inner.bottom() <= bottom() + kTolerance;
}

Rect Rect::inset(float dx, float dy) const {
    const float nw = std::max(0.0f, w - 2.0f * dx);
    const float nh = std::max(0.0f, h - 2.0f * dy);
    return {x + (w - nw) / 2.0f, y + (h - nh) / 2.0f, nw, nh};
}

Rect Rect::takeTop(float height, float gap) {
    height = std::clamp(height, 0.0f, h);
    Rect top{x, y, w, height};
    const float used = std::min(h, height + gap);
    y += used;
    h -= used;
    return top;
}

Rect Rect::takeBottom(float height, float gap) {
    height = std::clamp(height, 0.0f, h);
    Rect bottomPart{x, y + h - height, w, height};
    h -= std::min(h, height + gap);
    return bottomPart;
}

Rect Rect::takeLeft(float width, float gap) {
    width = std::clamp(width, 0.0f, w);
    Rect left{x, y, width, h};
    const float used = std::min(w, width + gap);
    x += used;
    w -= used;
    return left;
}

Rect Rect::takeRight(float width, float gap) {
    width = std::clamp(width, 0.0f, w);
    Rect rightPart{x + w - width, y, width, h};
    w -= std::min(w, width + gap);
    return rightPart;
}

Rect Rect::centered(float width, float height) const {
    const float cw = std::min(width, w);
    const float ch = std::min(height, h);
    return {x + (w - cw) / 2.0f, y + (h - ch) / 2.0f, cw, ch};
}

float TextBlock::contentHeight() const {
    if (runs.empty()) return 0.0f;
    return runs.back().y + runs.back().height - runs.front().y;
}

std::vector<std::string> wrapLines(const TextMeasure& measure, std::string_view text, unsigned size, bool bold,
                                   float maxWidth) {
    std::vector<std::string> lines;
    for (auto& line : wrapText(measure, text, size, bold, maxWidth)) lines.push_back(std::move(line.text));
    return lines;
}

float wrappedHeight(const TextMeasure& measure, std::string_view text, unsigned size, bool bold, float maxWidth) {
    return static_cast<float>(wrapText(measure, text, size, bold, maxWidth).size()) * measure.lineHeight(size);
}

TextBlock layoutText(const TextMeasure& measure, std::string_view text, const Rect& box, const TextStyle& style) {
    TextBlock block;
    block.box = box;
    const unsigned largest = std::max(1u, style.size);
    const unsigned smallest = std::clamp(style.minSize == 0 ? largest : style.minSize, 1u, largest);

    std::vector<Line> lines;
    unsigned size = largest;
    while (true) {
        lines = wrapText(measure, text, size, style.bold, box.w);
        const float height = static_cast<float>(lines.size()) * measure.lineHeight(size);
        bool tooWide = false;
        for (const auto& line : lines) tooWide = tooWide || measure.width(line.text, size, style.bold) > box.w + kTolerance;
        if ((height <= box.h + kTolerance && !tooWide) || size <= smallest) break;
        // Shrink in small steps so the text stays as large as the box allows.
        size = std::max(smallest, std::min(size - 1, static_cast<unsigned>(static_cast<float>(size) * 0.94f)));
    }
    block.size = size;
    const float lineHeight = measure.lineHeight(size);

    // Still too tall at the smallest size: keep what fits and end the last kept line with "…".
    const auto fitting = static_cast<std::size_t>(std::max(0.0f, std::floor((box.h + kTolerance) / lineHeight)));
    if (lines.size() > fitting) {
        block.truncated = true;
        block.whole = std::string(text);
        lines.resize(fitting);
        if (!lines.empty()) {
            std::string& last = lines.back().text;
            while (!last.empty() &&
                   measure.width(last + std::string(kEllipsis), size, style.bold) > box.w + kTolerance) {
                last = utf8DropLast(last);
            }
            while (!last.empty() && last.back() == ' ') last.pop_back();
            if (measure.width(last + std::string(kEllipsis), size, style.bold) <= box.w + kTolerance)
                last += kEllipsis;
        }
    }

    const float total = static_cast<float>(lines.size()) * lineHeight;
    float y = box.y;
    if (style.centerVertically && total < box.h) y += (box.h - total) / 2.0f;
    for (auto& [line, rtl] : lines) {
        float width = measure.width(line, size, style.bold);
        if (width > box.w) {
            // A single glyph wider than the box (tiny boxes): drop it rather than overflow.
            line.clear();
            width = 0.0f;
            block.truncated = true;
            block.whole = std::string(text);
        }
        float x = box.x;
        // Left means "where the paragraph starts": the right edge for Arabic or Hebrew.
        const Align align = style.align == Align::Left && rtl ? Align::Right : style.align;
        if (align == Align::Center) x += (box.w - width) / 2.0f;
        if (align == Align::Right) x += box.w - width;
        if (!line.empty()) block.runs.push_back({line, x, y, width, lineHeight, size, style.bold, rtl});
        y += lineHeight;
    }
    return block;
}

std::vector<Rect> flowCells(const Rect& area, std::size_t count, float minWidth, float rowHeight, float gap) {
    std::vector<Rect> cells;
    if (count == 0) return cells;
    minWidth = std::max(1.0f, std::min(minWidth, area.w));
    auto perRow = static_cast<std::size_t>(std::max(1.0f, std::floor((area.w + gap) / (minWidth + gap))));
    perRow = std::min(perRow, count);
    const std::size_t rows = (count + perRow - 1) / perRow;
    // Balance the rows (5 buttons on two rows: 3 + 2, not 4 + 1).
    perRow = (count + rows - 1) / rows;
    const float cellWidth = (area.w - gap * static_cast<float>(perRow - 1)) / static_cast<float>(perRow);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t row = i / perRow;
        const std::size_t column = i % perRow;
        cells.push_back({area.x + static_cast<float>(column) * (cellWidth + gap),
                         area.y + static_cast<float>(row) * (rowHeight + gap), cellWidth, rowHeight});
    }
    return cells;
}

// Steps as characterStarts() does, without keeping the offsets: the measuring calls it often.
std::size_t utf8Length(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); i += model::claimedSequenceLength(static_cast<unsigned char>(text[i]))) ++count;
    return count;
}

std::string utf8DropLast(std::string_view text) {
    const auto starts = characterStarts(text);
    if (starts.size() < 2) return {};
    return std::string(text.substr(0, starts[starts.size() - 2]));
}

void utf8Append(std::string& out, char32_t cp) {
    if (cp < 0x110000) model::appendUtf8(out, cp);  // past U+10FFFF is no character: dropped
}

std::u32string utf8Decode(std::string_view text) {
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = model::claimedSequenceLength(lead);
        if (i + length > text.size()) {
            out += U'\uFFFD';
            break;
        }
        char32_t cp = 0;
        if (length == 1) cp = lead < 0x80 ? lead : U'\uFFFD';
        else if (!model::decodeSequence(text.substr(i, length), cp)) cp = U'\uFFFD';
        out += cp;
        i += length;
    }
    return out;
}

Rect fitPicture(const Rect& area, float width, float height, float maxScale) {
    if (width <= 0.0f || height <= 0.0f || area.w <= 0.0f || area.h <= 0.0f) return {area.x, area.y, 0.0f, 0.0f};
    const float scale = std::min({area.w / width, area.h / height, maxScale});
    const float w = std::min(area.w, width * scale);
    const float h = std::min(area.h, height * scale);
    return {area.x + (area.w - w) / 2.0f, area.y + (area.h - h) / 2.0f, w, h};
}

}  // namespace attune::ui
