// Texts written into TOML files by hand-assembled lines (deck files, the device and settings
// files): quoted and escaped so that any text reads back as itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune::model {

/// A TOML basic string with quotes and every character that needs it escaped.
std::string tomlString(std::string_view text);

/// ["a", "b"]: a TOML list of texts on one line.
std::string tomlList(const std::vector<std::string>& texts);

}  // namespace attune::model
