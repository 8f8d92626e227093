// A protobuf wire-format walker for the few small messages of an Anki package (the package
// version, the media map, a notetype's kind, a template's texts). Pulling libprotobuf and protoc
// into the build for five fields would cost more than these few lines: the wire format is
// fixed and simple, and every length is checked against the bytes that are left.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace attune::model::protobuf {

enum class Wire : unsigned { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

struct Field {
    std::uint32_t number = 0;
    Wire wire = Wire::Varint;
    std::uint64_t value = 0;  // Varint
    std::string_view bytes;   // Bytes (strings, nested messages), Fixed32/64 raw
};

/// Reads a base-128 varint at `at`, advancing it; false when truncated or over 10 bytes.
inline bool readVarint(std::string_view data, std::size_t& at, std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 70 && at < data.size(); shift += 7) {
        const auto byte = static_cast<unsigned char>(data[at++]);
        value |= static_cast<std::uint64_t>(byte & 0x7Fu) << shift;
        if ((byte & 0x80u) == 0) return true;
    }
    return false;
}

/// Calls onField(const Field&) for each field of the message in order; false when the bytes
/// are not a well-formed message (truncated, groups, unknown wire types). Unknown fields are
/// passed on: the caller skips what it does not need.
template <class OnField>
bool walk(std::string_view data, OnField&& onField) {
    std::size_t at = 0;
    while (at < data.size()) {
        std::uint64_t key = 0;
        if (!readVarint(data, at, key)) return false;
        Field field;
        field.number = static_cast<std::uint32_t>(key >> 3);
        const auto wire = static_cast<unsigned>(key & 7u);
        std::uint64_t length = 0;
        if (field.number == 0) return false;
        switch (wire) {
            case 0:
                field.wire = Wire::Varint;
                if (!readVarint(data, at, field.value)) return false;
                break;
            case 1: field.wire = Wire::Fixed64; length = 8; break;
            case 5: field.wire = Wire::Fixed32; length = 4; break;
            case 2:
                field.wire = Wire::Bytes;
                if (!readVarint(data, at, length)) return false;
                break;
            default: return false;  // groups (3, 4) are not used by Anki; 6 and 7 do not exist
        }
        if (wire != 0) {
            if (length > data.size() - at) return false;
            field.bytes = data.substr(at, static_cast<std::size_t>(length));
            at += static_cast<std::size_t>(length);
        }
        onField(field);
    }
    return true;
}

}  // namespace attune::model::protobuf
