// Text for a person at a terminal: long lines wrapped between words to the terminal's width,
// so a card never breaks in the middle of a word. Piped output (scripts, screen readers reading
// a log) stays one line per paragraph.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace attune::cli {

/// The width of the terminal `out` writes to; 0 when it is not a terminal (do not wrap).
std::size_t terminalColumns(const std::ostream& out);

/// `prefix` + `text`, wrapped between words to `columns` (0: not wrapped), continuation lines
/// indented as deep as the prefix. Widths count UTF-8 characters; a word longer than a line
/// stays whole. Both pass through terminalSafe() first.
std::string wrapped(std::string_view prefix, std::string_view text, std::size_t columns);

/// `text` with every control character but tab and line break (C0, DEL, C1 U+0080-U+009F) and
/// every byte of invalid UTF-8 replaced by U+FFFD, so what a deck says can never drive the
/// terminal (ESC starts a command that may retitle it or worse). The deck loader refuses such
/// text already: this is the second line of defence.
std::string terminalSafe(std::string_view text);

}  // namespace attune::cli
