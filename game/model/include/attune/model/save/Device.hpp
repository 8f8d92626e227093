// This computer, as the profile folder knows it: a random id made once and kept outside the
// profile (in localStateDir(), never synced), and a name for people (the host name). Each
// computer writes only files of its own in a synced profile: log/<id>/ and settings/<id>.toml.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace attune::model {

struct Device {
    std::string id;    // 32 lowercase hex digits (128 random bits)
    std::string name;  // the host name when it was made, for display only
};

/// 32 lowercase hex digits: the name of a device's folder in log/ and of its settings file.
bool isDeviceId(std::string_view text);

/// This computer's device, read from `stateDir`/device.toml, or made and written there the
/// first time (a missing or unreadable file gives a new device: its files are new ones, and
/// the old ones are still read as another computer's). `error` says why it could not be kept;
/// the device is usable for this run anyway.
Device thisDevice(const std::filesystem::path& stateDir, std::string& error);

}  // namespace attune::model
