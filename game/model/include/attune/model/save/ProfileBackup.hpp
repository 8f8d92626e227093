// Backups of a profile folder, kept on this computer only (Profile::backupsDir(), under
// localStateDir(), never in the synced folder): <backups>/<name>/ holds a copy of profile.toml,
// settings/ and log/ (every computer's files). Made on the first open of each study day, before a
// restore, a merge or a migration; the newest 14 kept.
#pragma once

#include <attune/model/save/Profile.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace attune::model::backup {

std::vector<BackupInfo> list(const std::filesystem::path& backupsDir);  // oldest first

/// Copies the profile in `profileDir` into backupsDir/<name> (built in a hidden folder, then
/// renamed: a backup is whole or absent). An existing backup of that name is left as it is.
SaveResult create(const std::filesystem::path& profileDir, const std::filesystem::path& backupsDir,
                  const std::string& name);

/// Removes all but the newest `keep` backups.
void prune(const std::filesystem::path& backupsDir, std::size_t keep = kBackupsKept);

/// "2026-11-27": the local date of the study day `now` falls in.
std::string studyDayName(scheduler::Moment now, int dayStartHour);
/// "2026-11-27T231500": local time, for backups made on demand.
std::string stampName(scheduler::Moment now);

}  // namespace attune::model::backup
