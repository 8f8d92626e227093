// Running the real `attune` binary from a test: a scratch folder that is removed afterwards, the
// command's exit code, stdout and stderr, and a JSON number read from `stats --json`.
#pragma once

#include "FileText.hpp"
#include "catch.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace attune::testing {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// 'text' for a shell command line (the text may hold no single quote).
inline std::string shellQuoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

/// A scratch folder with its own XDG_DATA_HOME and ATTUNE_DATA_DIR, so nothing of the player's is read.
struct Scratch {
    std::filesystem::path root;

    explicit Scratch(const char* name = "attune-cli") {
        std::string pattern = (std::filesystem::temp_directory_path() / (std::string(name) + "-XXXXXX")).string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        root = pattern;
        std::filesystem::create_directories(root / "xdg");
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(root, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    /// Runs `attune ARGUMENTS` with ATTUNE_NOW set to `now` (unset when nullopt); an
    /// `environment` prefix ("NAME=value ...") comes before it.
    Run attune(const std::string& arguments, const std::optional<std::string>& now = "2026-11-27T12:00:00Z",
               const std::string& environment = "") const {
        const auto out = root / "out.txt";
        const auto err = root / "err.txt";
        std::string command = "env -u ATTUNE_NOW ";
        if (now) command += "ATTUNE_NOW='" + *now + "' ";
        command += "XDG_DATA_HOME=" + shellQuoted(root / "xdg") + " " + environment + " " +
                   shellQuoted(ATTUNE_BINARY) + " " + arguments + " </dev/null >" + shellQuoted(out) + " 2>" +
                   shellQuoted(err);
        const int status = std::system(command.c_str());
        Run run;
        run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        run.out = readAll(out);
        run.err = readAll(err);
        return run;
    }
};

/// The number after "key": in a flat JSON text (the first occurrence); nullopt when absent.
inline std::optional<long long> jsonNumber(const std::string& json, const std::string& key) {
    const auto at = json.find("\"" + key + "\":");
    if (at == std::string::npos) return std::nullopt;
    return std::stoll(json.substr(at + key.size() + 3));
}

}  // namespace attune::testing
