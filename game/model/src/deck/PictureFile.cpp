// The formats SFML's image loader reads for a card: PNG, JPEG, BMP and GIF (its first frame).
#include <attune/model/deck/PictureFile.hpp>

#include <array>
#include <fstream>

namespace attune::model {

bool looksLikePicture(std::string_view head) {
    const auto startsWith = [head](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    return startsWith(std::string_view("\x89PNG\r\n\x1A\n", 8)) || startsWith("\xFF\xD8\xFF") || startsWith("BM") ||
           startsWith("GIF87a") || startsWith("GIF89a");
}

bool isPictureFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    std::array<char, 8> head{};
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    return looksLikePicture(std::string_view(head.data(), static_cast<std::size_t>(in.gcount())));
}

}  // namespace attune::model
