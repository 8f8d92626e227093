// Text for a person at a terminal: long lines wrapped to the terminal's width where a line may
// break (between words, and between the characters of Chinese and Japanese, by Unicode's line
// breaking rules), so a card never breaks in the middle of a word or a character. Piped output
// (scripts, screen readers reading a log) stays one line per paragraph. Right-to-left text is
// written in logical order: terminals apply the bidirectional algorithm themselves.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace attune::cli {

/// The width of the terminal `out` writes to; 0 when it is not a terminal (do not wrap).
std::size_t terminalColumns(const std::ostream& out);

/// The columns `text` (valid UTF-8) takes at a terminal: two for each wide or full-width
/// character (East Asian Width W or F: CJK ideographs, kana, Hangul syllables, most emoji), none
/// for combining marks, invisible format characters and the vowel and final jamo of a
/// decomposed Hangul syllable, one for every other character, East Asian ambiguous ones too
/// (as terminals outside CJK locales draw them). Counted per character as terminals do, so an
/// emoji sequence joined into one picture may count wider than drawn: lines then end early,
/// never past the edge.
std::size_t displayWidth(std::string_view text);

/// `prefix` + `text`, wrapped to `columns` (0: not wrapped) where Unicode's line breaking rules
/// (UAX #14) allow a break, continuation lines indented as deep as the prefix; runs of spaces
/// between words become one. Widths are displayWidth(); a word wider than a line stays whole,
/// and no character or grapheme cluster is ever split. Both pass through terminalSafe() first.
std::string wrapped(std::string_view prefix, std::string_view text, std::size_t columns);

/// `text` with every control character but tab and line break (C0, DEL, C1 U+0080-U+009F) and
/// every byte of invalid UTF-8 replaced by U+FFFD, so what a deck says can never drive the
/// terminal (ESC starts a command that may retitle it or worse). The deck loader refuses such
/// text already: this is the second line of defence.
std::string terminalSafe(std::string_view text);

}  // namespace attune::cli
