// UTF-8: checks on text that comes from outside (CSV files, imports) before it is stored
// anywhere, and the small steps every reader of UTF-8 takes (counting, decoding, encoding). The
// steps are inline: the layout measures text every frame and the CSV readers check every row.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace attune::model {

/// True for the bytes 10xxxxxx that continue a multi-byte sequence.
inline bool isContinuationByte(char byte) { return (static_cast<unsigned char>(byte) & 0xC0u) == 0x80u; }

/// The number of characters (code points) in valid UTF-8: the bytes that are not continuation
/// bytes. Each byte of invalid UTF-8 counts as it is: a stray lead byte counts, a stray
/// continuation byte does not.
inline std::size_t characterCount(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text)
        if (!isContinuationByte(c)) ++count;
    return count;
}

/// The length a sequence claims by the high bits of its lead byte alone: 2 for 110xxxxx, 3 for
/// 1110xxxx, 4 for 11110xxx, and 1 for ASCII and for every byte that cannot lead a sequence.
/// Nothing else is checked: see validSequenceLength for that.
inline std::size_t claimedSequenceLength(unsigned char lead) {
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

/// Decodes `sequence`, two to four bytes whose length its lead byte claims, into `codePoint`
/// without checking for overlong forms or surrogates; false when a following byte is not a
/// continuation byte (`codePoint` then holds no meaningful value).
inline bool decodeSequence(std::string_view sequence, char32_t& codePoint) {
    const auto lead = static_cast<unsigned char>(sequence.front());
    char32_t cp = lead & (0x7Fu >> sequence.size());
    bool valid = true;
    for (std::size_t k = 1; k < sequence.size(); ++k) {
        valid = valid && isContinuationByte(sequence[k]);
        cp = (cp << 6) | (static_cast<unsigned char>(sequence[k]) & 0x3Fu);
    }
    codePoint = cp;
    return valid;
}

/// The length of the valid UTF-8 sequence at text[at], or 0 when none starts there (a stray or
/// truncated sequence, an overlong form, a surrogate, a code point past U+10FFFF).
inline std::size_t validSequenceLength(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
    else return 0;
    if (lead == 0xE0) low = 0xA0;        // overlong
    else if (lead == 0xED) high = 0x9F;  // surrogates
    else if (lead == 0xF0) low = 0x90;   // overlong
    else if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
    if (at + length > text.size()) return 0;
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (second < low || second > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (!isContinuationByte(text[at + k])) return 0;
    return length;
}

/// Appends `codePoint` as UTF-8: one to four bytes by its size, with no check that it is a
/// Unicode scalar value (a value past U+10FFFF that came from decoding stray bytes is written
/// back as the four bytes it came from).
inline void appendUtf8(std::string& out, char32_t codePoint) {
    const char32_t cp = codePoint;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0u | (cp >> 6));
        out += static_cast<char>(0x80u | (cp & 0x3Fu));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0u | (cp >> 12));
        out += static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
        out += static_cast<char>(0x80u | (cp & 0x3Fu));
    } else {
        out += static_cast<char>(0xF0u | (cp >> 18));
        out += static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu));
        out += static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu));
        out += static_cast<char>(0x80u | (cp & 0x3Fu));
    }
}

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
