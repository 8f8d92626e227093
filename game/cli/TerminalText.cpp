#include "cli/TerminalText.hpp"

#include <attune/model/core/Utf8.hpp>

#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace attune::cli {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

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

std::string wrapped(std::string_view rawPrefix, std::string_view rawText, std::size_t columns) {
    const std::string prefix = terminalSafe(rawPrefix);
    const std::string safeText = terminalSafe(rawText);
    const std::string_view text = safeText;
    std::string out(prefix);
    if (columns == 0) return out.append(text);
    const std::size_t indent = model::characterCount(prefix);
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
        const std::size_t width = model::characterCount(word);
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
