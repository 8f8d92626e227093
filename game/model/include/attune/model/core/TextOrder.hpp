// Unicode text order without a window (ICU): where lines may break (UAX #14), where the caret
// may stop (grapheme clusters), and in which order a line's characters stand on the screen
// (UAX #9). Offsets are byte offsets into the UTF-8 text.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace attune::model {

/// Where a new line may start, ascending: every break opportunity after the start, ending with
/// text.size() ("日本語" may break between any two characters, "hello world" only before "world").
std::vector<std::size_t> lineBreaks(std::string_view text);

/// The caret stops: every grapheme-cluster boundary, 0 and text.size() included.
std::vector<std::size_t> graphemeBoundaries(std::string_view text);

/// True when the paragraph reads right to left: its first strong character is Arabic, Hebrew...
bool rightToLeft(std::string_view paragraph);

/// A stretch of one direction inside a line.
struct BidiRun {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool rightToLeft = false;
    bool operator==(const BidiRun&) const = default;
};

/// A line's directional runs in screen order, left to right, for a paragraph of the given
/// direction. Each run's characters read left to right when !rightToLeft, else right to left.
std::vector<BidiRun> visualRuns(std::string_view line, bool paragraphRightToLeft);

/// For each code point of `line` in logical order, its place counted from the left on screen.
std::vector<std::size_t> visualOrder(std::string_view line, bool paragraphRightToLeft);

}  // namespace attune::model
