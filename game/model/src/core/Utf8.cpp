#include <attune/model/core/Utf8.hpp>

#include <cstdio>

namespace attune::model {

std::optional<std::size_t> firstInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = validSequenceLength(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

std::optional<std::size_t> firstControlCharacter(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return i;
        // C1 controls are U+0080-U+009F: 0xC2 followed by 0x80-0x9F.
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80)
            return i;
    }
    return std::nullopt;
}

std::string controlCharacterName(std::string_view text, std::size_t offset) {
    auto code = static_cast<unsigned>(static_cast<unsigned char>(text[offset]));
    if (code == 0xC2 && offset + 1 < text.size()) code = static_cast<unsigned char>(text[offset + 1]);
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", code);
    return name;
}

}  // namespace attune::model
