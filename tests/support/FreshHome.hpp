// A fresh folder for one test whose xdg/ is $XDG_DATA_HOME (where answers that could not be
// saved go), so nothing of the player's is read or written; removed, and the variable put back,
// at the test's end.
#pragma once

#include "DataHome.hpp"
#include "TempDir.hpp"

#include <filesystem>

namespace attune::testing {

struct FreshHome {
    TempDir folder;
    std::filesystem::path root = folder.path;
    DataHome home{root / "xdg"};

    explicit FreshHome(const char* name = "attune-test") : folder(name) { std::filesystem::create_directories(root / "xdg"); }
};

}  // namespace attune::testing
