// A whole file's bytes as a text, and a text written as a whole file.
#pragma once

#include "catch.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace attune::testing {

/// The file's bytes; empty when it cannot be read.
inline std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Writes `text` as the whole file, making its folder first when missing.
inline void writeAll(const std::filesystem::path& path, const std::string& text) {
    if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.good());
}

}  // namespace attune::testing
