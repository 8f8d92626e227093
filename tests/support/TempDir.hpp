// A scratch folder made fresh for one test and removed, with everything in it, at its end.
#pragma once

#include "catch.hpp"

#include <filesystem>
#include <string>
#include <system_error>

#include <unistd.h>

namespace attune::testing {

struct TempDir {
    std::filesystem::path path;

    explicit TempDir(const char* name = "attune-test") {
        std::string pattern = (std::filesystem::temp_directory_path() / (std::string(name) + "-XXXXXX")).string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        // A test may have taken the owner's rights away from a folder to make writes fail.
        giveBackOwnerRights(path);
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

private:
    static void giveBackOwnerRights(const std::filesystem::path& folder) {
        std::error_code ec;
        std::filesystem::permissions(folder, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
            if (it->is_directory(ec) && !it->is_symlink(ec)) giveBackOwnerRights(it->path());
    }
};

}  // namespace attune::testing
