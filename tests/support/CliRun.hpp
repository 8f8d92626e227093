// Running the real `attune` binary from a test: a scratch folder that is removed afterwards, the
// command's exit code, stdout and stderr, and a JSON number read from `stats --json`.
#pragma once

#include "FileText.hpp"
#include "TempDir.hpp"
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

/// Runs the shell command line `command` with its stdout and stderr caught in files in `folder`.
inline Run runCaught(const std::string& command, const std::filesystem::path& folder) {
    const auto out = folder / "out.txt";
    const auto err = folder / "err.txt";
    const int status = std::system((command + " >" + shellQuoted(out) + " 2>" + shellQuoted(err)).c_str());
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = readAll(out);
    run.err = readAll(err);
    return run;
}

/// A scratch folder with its own XDG_DATA_HOME and ATTUNE_DATA_DIR, so nothing of the player's is read.
struct Scratch {
    TempDir folder;
    std::filesystem::path root = folder.path;

    explicit Scratch(const char* name = "attune-cli") : folder(name) { std::filesystem::create_directories(root / "xdg"); }

    /// Runs `attune ARGUMENTS` with ATTUNE_NOW set to `now` (unset when nullopt); an
    /// `environment` prefix ("NAME=value ...") comes before it.
    Run attune(const std::string& arguments, const std::optional<std::string>& now = "2026-11-27T12:00:00Z",
               const std::string& environment = "") const {
        std::string command = "env -u ATTUNE_NOW ";
        if (now) command += "ATTUNE_NOW='" + *now + "' ";
        command += "XDG_DATA_HOME=" + shellQuoted(root / "xdg") + " " + environment + " " + shellQuoted(ATTUNE_BINARY) +
                   " " + arguments + " </dev/null";
        return runCaught(command, root);
    }
};

/// The number after "key": in a flat JSON text (the first occurrence); nullopt when absent.
inline std::optional<long long> jsonNumber(const std::string& json, const std::string& key) {
    const auto at = json.find("\"" + key + "\":");
    if (at == std::string::npos) return std::nullopt;
    return std::stoll(json.substr(at + key.size() + 3));
}

}  // namespace attune::testing
