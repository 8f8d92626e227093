#include "cli/TerminalText.hpp"

#include <attune/model/core/TextOrder.hpp>
#include <attune/model/core/Utf8.hpp>

#include <unicode/uchar.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace attune::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool isAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::size_t columnsOf(char32_t character) {
    const auto c = static_cast<UChar32>(character);
    const auto category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
    const auto jamo = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (jamo == U_HST_VOWEL_JAMO || jamo == U_HST_TRAILING_JAMO) return 0;  // drawn inside the syllable's first jamo
    const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

// Where a line may end in `paragraph`: the byte offset after each break opportunity, its end
// last. Plain ASCII breaks after spaces, like UAX #14 for words but without its breaks after
// hyphens, so English cards wrap as they always have; other text by UAX #14 itself (ICU is
// loaded only then).
std::vector<std::size_t> breakOpportunities(std::string_view paragraph) {
    if (!isAscii(paragraph)) return model::lineBreaks(paragraph);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
        if (paragraph[i] == ' ' && (i + 1 == paragraph.size() || paragraph[i + 1] != ' ')) out.push_back(i + 1);
    }
    if (out.empty() || out.back() != paragraph.size()) out.push_back(paragraph.size());
    return out;
}

// One paragraph (no line break inside), greedily filled: a piece goes on the line when it fits
// in `columns` - 1 (the last column stays free), else on the next line at `indent`.
void appendWrapped(std::string& out, std::string_view paragraph, std::size_t indent, std::size_t columns) {
    std::size_t used = indent;
    bool lineHasText = false;
    bool spaceBefore = false;  // the piece before ended with a space: one goes between them
    std::size_t start = 0;
    for (const std::size_t end : breakOpportunities(paragraph)) {
        std::string_view piece = paragraph.substr(start, end - start);
        start = end;
        const std::size_t first = piece.find_first_not_of(' ');
        if (first == std::string_view::npos) {
            spaceBefore = spaceBefore || !piece.empty();
            continue;
        }
        const std::size_t last = piece.find_last_not_of(' ');
        spaceBefore = spaceBefore || first > 0;
        const std::string_view text = piece.substr(first, last - first + 1);
        const std::size_t width = displayWidth(text);
        const std::size_t gap = lineHasText && spaceBefore ? 1 : 0;
        if (lineHasText && used + gap + width > columns - 1) {
            out += '\n';
            out.append(indent, ' ');
            used = indent;
        } else if (gap > 0) {
            out += ' ';
            ++used;
        }
        out.append(text);
        used += width;
        lineHasText = true;
        spaceBefore = last + 1 < piece.size();
    }
}

}  // namespace

std::string terminalSafe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = model::validSequenceLength(text, i);
        const auto lead = static_cast<unsigned char>(text[i]);
        const bool control = (length == 1 && ((lead < 0x20 && lead != '\t' && lead != '\n') || lead == 0x7F)) ||
                             (length == 2 && lead == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0);
        if (length == 0 || control) {
            out += kReplacement;
            i += length == 0 ? 1 : length;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::size_t terminalColumns(const std::ostream& out) {
    if (&out != &std::cout || ::isatty(STDOUT_FILENO) == 0) return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col < 20) return 0;
    return size.ws_col;
}

std::size_t displayWidth(std::string_view text) {
    if (isAscii(text)) return text.size();
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = model::validSequenceLength(text, i);
        char32_t character = U'\uFFFD';
        if (length > 1) model::decodeSequence(text.substr(i, length), character);
        else if (length == 1) character = static_cast<unsigned char>(text[i]);
        width += columnsOf(character);
        i += length == 0 ? 1 : length;
    }
    return width;
}

std::string wrapped(std::string_view rawPrefix, std::string_view rawText, std::size_t columns) {
    const std::string prefix = terminalSafe(rawPrefix);
    const std::string text = terminalSafe(rawText);
    std::string out(prefix);
    if (columns == 0) return out.append(text);
    const std::size_t indent = displayWidth(prefix);
    std::size_t start = 0;
    while (true) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        appendWrapped(out, std::string_view(text).substr(start, end - start), indent, columns);
        if (end == text.size()) break;
        out += '\n';  // the author's own line break starts a new line at the indent
        out.append(indent, ' ');
        start = end + 1;
    }
    return out;
}

}  // namespace attune::cli
