// Points $XDG_DATA_HOME (where answers that could not be saved go) into a test's folder for the
// guard's life, then puts back what was there.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace attune::testing {

struct DataHome {
    std::string old;
    bool had = false;
    explicit DataHome(const std::filesystem::path& dir) {
        if (const char* v = std::getenv("XDG_DATA_HOME")) {
            had = true;
            old = v;
        }
        ::setenv("XDG_DATA_HOME", dir.c_str(), 1);
    }
    ~DataHome() {
        if (had) ::setenv("XDG_DATA_HOME", old.c_str(), 1);
        else ::unsetenv("XDG_DATA_HOME");
    }
    DataHome(const DataHome&) = delete;
    DataHome& operator=(const DataHome&) = delete;
};

}  // namespace attune::testing
