// profile.toml: reading (with file:line:col errors and range warnings), writing, and the
// schema 0 layout older builds wrote (see docs/SAVES.md, "Schema history").
#pragma once

#include <attune/model/core/Diagnostic.hpp>
#include <attune/model/history/ReviewRecord.hpp>
#include <attune/model/save/Settings.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace attune::model::profilefile {

struct ProfileData {
    int schemaVersion = 2;
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

/// One computer's settings changes (settings/<device>.toml): for each setting it changed, the
/// value (as TOML text) and when. The effective value of a setting is the latest change of any
/// computer, else profile.toml's.
struct SettingChange {
    std::string value;     // TOML text: 0.85, "dark", [0.2, 1.3, ...]
    std::int64_t atUtcMs = 0;
};
struct SettingsLog {
    std::string deviceId;
    std::string deviceName;
    int freezes = -1;      // the streak freezes the log gave this computer, for people reading; -1: none
    std::map<std::string, SettingChange> changes;  // by key: "desired_retention", ..., "optimizer_parameters"
};
struct SettingsLogRead {
    SettingsLog log;
    std::vector<Diagnostic> diagnostics;
    bool damaged = false;
    bool newerSchema = false;
};

SettingsLogRead parseSettingsLog(std::string_view content, const std::string& fileName);
std::string formatSettingsLog(const SettingsLog& log);

/// Each setting's value as TOML text, by key (the keys of SettingChange).
std::map<std::string, std::string> settingValues(const ProfileData& data);
/// profile.toml's values with each setting's latest change over all logs (a tie in time goes to
/// the larger device id, so every computer picks the same one).
ProfileData effectiveSettings(const ProfileData& base, const std::vector<SettingsLog>& logs);

}  // namespace attune::model::profilefile
