// The device id: made once per computer (and state folder), kept in device.toml there.
#include <attune/model/save/Device.hpp>

#include <attune/model/core/TomlText.hpp>
#include <attune/model/save/SaveFile.hpp>

#include "core/TomlGuard.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace attune::model {
namespace fs = std::filesystem;
namespace {

std::string newDeviceId() {
    std::random_device entropy;
    std::string id;
    constexpr char kHex[] = "0123456789abcdef";
    for (int word = 0; word < 4; ++word) {
        std::uint32_t bits = entropy();
        for (int digit = 0; digit < 8; ++digit, bits >>= 4) id += kHex[bits & 0xF];
    }
    return id;
}

// The host name: printable ASCII, at most 64 characters.
std::string hostName() {
    std::array<char, 256> buffer{};
    if (::gethostname(buffer.data(), buffer.size() - 1) != 0) return "this computer";
    std::string name;
    for (const char c : std::string_view(buffer.data())) {
        if (c >= ' ' && c <= '~' && c != '"' && c != '\\') name += c;
        if (name.size() == 64) break;
    }
    return name.empty() ? "this computer" : name;
}

}  // namespace

bool isDeviceId(std::string_view text) {
    return text.size() == 32 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

Device thisDevice(const fs::path& stateDir, std::string& error) {
    const fs::path file = stateDir / "device.toml";
    std::string text;
    std::string ignored;
    std::error_code sizeError;
    const auto size = fs::file_size(file, sizeError);  // a few dozen bytes; anything big is not ours
    if (!sizeError && size < 4096 && savefile::readWhole(file, text, ignored)) {
        // A damaged file is not reported: the computer simply gets a new id (docs/SAVES.md).
        std::vector<Diagnostic> damage;
        if (const auto table = tomlguard::parseChecked(text, file.string(), tomlguard::savedFileRules("id, name"), damage)) {
            const std::string id = (*table)["id"].value_or(std::string());
            const std::string name = (*table)["name"].value_or(std::string());
            if (isDeviceId(id)) return {id, name.empty() ? hostName() : name};
        }
    }
    Device device{newDeviceId(), hostName()};
    std::error_code ec;
    fs::create_directories(stateDir, ec);
    const SaveResult kept = savefile::writeAtomically(
        file, "# This computer in synced Attune profiles (docs/SAVES.md): made once, never synced.\n"
              "id = " + tomlString(device.id) + "\nname = " + tomlString(device.name) + "\n");
    if (!kept.ok) error = kept.message;
    return device;
}

}  // namespace attune::model
