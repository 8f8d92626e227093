// Checks on text that comes from outside (CSV files, imports) before it is stored anywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune::model {

/// The byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code
/// points past U+10FFFF are invalid too); nullopt when the whole text is valid.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

/// The byte offset of the first control character: C0 (U+0000-U+001F) other than tab and
/// newline, DEL, or C1 (U+0080-U+009F). They can drive a terminal (ESC starts a command) and
/// mean nothing on a card. The text must be valid UTF-8.
std::optional<std::size_t> firstControlCharacter(std::string_view text);

/// "U+001B": the name of the control character firstControlCharacter found at `offset`.
std::string controlCharacterName(std::string_view text, std::size_t offset);

}  // namespace attune::model
