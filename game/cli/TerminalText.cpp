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

}  // namespace

std::size_t terminalColumns(const std::ostream& out) {
    if (&out != &std::cout || ::isatty(STDOUT_FILENO) == 0) return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col < 20) return 0;
    return size.ws_col;
}

std::string wrapped(std::string_view prefix, std::string_view text, std::size_t columns) {
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
