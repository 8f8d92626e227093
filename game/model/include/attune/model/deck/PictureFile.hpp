// Whether a file is a picture the game can draw, told from its first bytes (no image library in
// the model): enough for `deck check` to catch a text file or a PDF named "diagram.png".
#pragma once

#include <filesystem>
#include <string_view>

namespace attune::model {

/// True when `head` (a file's first bytes) starts like a PNG, JPEG, BMP or GIF.
bool looksLikePicture(std::string_view head);

/// True when the file can be read and its first bytes look like a PNG, JPEG, BMP or GIF.
bool isPictureFile(const std::filesystem::path& file);

}  // namespace attune::model
