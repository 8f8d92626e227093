// Plain-ASCII text work shared by the importers, the CSV readers and the screens: trimming,
// lowercasing and the edit distance of "did you mean" hints. Inline because the CSV readers call
// them for every field of every row.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// What std::isspace takes for white space in the C locale.
inline constexpr std::string_view kAsciiWhitespace = " \t\n\v\f\r";
/// Spaces, tabs and line breaks (LF and the CR of CRLF): what a field of an imported file may
/// carry around its text.
inline constexpr std::string_view kSpacesTabsAndLineBreaks = " \t\r\n";

/// `text` without any of `characters` at either end.
inline std::string_view trimmed(std::string_view text, std::string_view characters = kAsciiWhitespace) {
    const std::size_t first = text.find_first_not_of(characters);
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(characters);
    return text.substr(first, last - first + 1);
}

/// A CSV field without the spaces and tabs around it, nor the CR a CRLF line ending leaves at its
/// end (a CR in front is kept: it is not a line ending there).
inline std::string_view trimmedCsvField(std::string_view field) {
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\t' || field.back() == '\r')) field.remove_suffix(1);
    return field;
}

/// `text` with A-Z lowercased; every other byte (UTF-8 too) stays as it is.
inline std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// The number of single-byte edits (insert, delete, replace) from `a` to `b`: how far a
/// mistyped key or name is from a known one, for "did you mean" hints.
inline std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace attune::model
