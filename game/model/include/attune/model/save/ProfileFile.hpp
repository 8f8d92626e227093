// profile.toml: reading (with file:line:col errors and range warnings), writing, and the
// schema 0 layout older builds wrote (see docs/SAVES.md, "Schema history").
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/save/Settings.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model::profilefile {

struct ProfileData {
    int schemaVersion = 1;
    Settings settings;
    int freezes = 0;
    std::optional<std::vector<double>> optimizerParameters;
};

struct ProfileFileRead {
    ProfileData data;
    std::vector<Diagnostic> diagnostics;
    bool damaged = false;      // an Error: never write over this file
    bool newerSchema = false;  // written by a newer Attune: open read-only
    /// Schema 0 kept its reviews in profile.toml as [[review]] tables; they are here to be
    /// moved to the month files by the migration.
    std::vector<ReviewRecord> schema0Reviews;
};

ProfileFileRead parseProfileFile(std::string_view content, const std::string& fileName);
std::string formatProfileFile(const ProfileData& data);

}  // namespace attune::model::profilefile
