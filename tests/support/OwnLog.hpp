// The folder of this computer's month files and of its backups in a profile (log/<device id>/), as Attune on this
// computer writes them ($XDG_STATE_HOME keeps the device id; ctest points it into the build folder).
#pragma once

#include <attune/model/core/DataPaths.hpp>
#include <attune/model/save/Device.hpp>
#include <attune/model/save/Profile.hpp>

#include <filesystem>
#include <string>

namespace attune::testing {

inline std::filesystem::path ownLog(const std::filesystem::path& profileDir) {
    std::string ignored;
    return profileDir / "log" / model::thisDevice(model::localStateDir(), ignored).id;
}

/// Where this computer keeps the backups of the profile in `profileDir` (outside the folder).
inline std::filesystem::path backupsOf(const std::filesystem::path& profileDir) {
    model::ProfileOpenOptions look;
    look.readOnly = true;
    look.dailyBackup = false;
    return model::Profile::open(profileDir, look).profile.backupsDir();
}

}  // namespace attune::testing
