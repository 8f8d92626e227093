// Plain-ASCII text work shared by the importers, the CSV readers and the screens: trimming and
// lowercasing. Inline because the CSV readers call them for every field of every row.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace attune::model
