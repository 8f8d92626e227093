#include "cli/TerminalText.hpp"

#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace attune::cli {
namespace {

std::size_t characters(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;  // not a continuation byte
    return n;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at `i`, or 0.
std::size_t sequenceLength(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >= 0xC2 && lead <= 0xDF) ? 2 : (lead >= 0xE0 && lead <= 0xEF) ? 3
                                                                                : (lead >= 0xF0 && lead <= 0xF4) ? 4 : 0;
    if (length == 0 || i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) return 0;
    // Overlong forms and surrogates.
    const auto second = length > 1 ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0) || (lead == 0xF0 && second < 0x90) ||
        (lead == 0xF4 && second >= 0x90))
        return 0;
    return length;
}

}  // namespace

std::string terminalSafe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = sequenceLength(text, i);
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

std::string wrapped(std::string_view rawPrefix, std::string_view rawText, std::size_t columns) {
    const std::string prefix = terminalSafe(rawPrefix);
    const std::string safeText = terminalSafe(rawText);
    const std::string_view text = safeText;
    std::string out(prefix);
    if (columns == 0) return out.append(text);
    const std::size_t indent = characters(prefix);
    std::size_t used = indent;
    bool lineHasWord = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == '\n') {  // the author's own line break
            out += '\n';
            out.append(indent, ' ');
            used = indent;
            lineHasWord = false;
            ++pos;
            continue;
        }
        if (text[pos] == ' ') {
            ++pos;
            continue;
        }
        std::size_t end = pos;
        while (end < text.size() && text[end] != ' ' && text[end] != '\n') ++end;
        const std::string_view word = text.substr(pos, end - pos);
        const std::size_t width = characters(word);
        if (lineHasWord && used + 1 + width > columns - 1) {  // the last column stays free
            out += '\n';
            out.append(indent, ' ');
            used = indent;
            lineHasWord = false;
        }
        if (lineHasWord) {
            out += ' ';
            ++used;
        }
        out.append(word);
        used += width;
        lineHasWord = true;
        pos = end;
    }
    return out;
}

}  // namespace attune::cli
