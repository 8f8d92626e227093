// The device id: made once per computer (and state folder), kept in device.toml there.
#include <attune/model/save/Device.hpp>

#include <attune/model/save/SaveFile.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <system_error>
#include <unistd.h>

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

// The host name, kept to what fits in a TOML basic string without escapes.
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

// The quoted value of `key = "..."` on its own line, if there is one.
std::string valueOf(std::string_view text, std::string_view key) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, end - at);
        at = end + 1;
        if (line.size() < key.size() + 5 || line.substr(0, key.size()) != key) continue;
        const std::string_view rest = line.substr(key.size());
        if (rest.substr(0, 4) != " = \"" || rest.back() != '"') continue;
        return std::string(rest.substr(4, rest.size() - 5));
    }
    return {};
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
        Device device{valueOf(text, "id"), valueOf(text, "name")};
        if (isDeviceId(device.id)) {
            if (device.name.empty()) device.name = hostName();
            return device;
        }
    }
    Device device{newDeviceId(), hostName()};
    std::error_code ec;
    fs::create_directories(stateDir, ec);
    const SaveResult kept = savefile::writeAtomically(
        file, "# This computer in synced Attune profiles (docs/SAVES.md): made once, never synced.\n"
              "id = \"" + device.id + "\"\nname = \"" + device.name + "\"\n");
    if (!kept.ok) error = kept.message;
    return device;
}

}  // namespace attune::model
