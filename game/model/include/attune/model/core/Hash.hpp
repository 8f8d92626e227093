// FNV-1a, 64 bits: a stable hash of bytes, for ids and content hashes that must come out the same
// in every run and build (std::hash promises neither).
#pragma once

#include <cstdint>
#include <string_view>

namespace attune::model {

class Fnv1a {
public:
    Fnv1a& add(std::string_view bytes) {
        for (const char c : bytes) addByte(static_cast<unsigned char>(c));
        return *this;
    }
    /// The eight bytes of `value`, lowest first.
    Fnv1a& add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) addByte(static_cast<unsigned char>(value >> (8 * i)));
        return *this;
    }
    Fnv1a& addByte(unsigned char byte) {
        m_hash ^= byte;
        m_hash *= 0x100000001b3ull;
        return *this;
    }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ull;
};

inline std::uint64_t fnv1a(std::string_view bytes) { return Fnv1a().add(bytes).value(); }

}  // namespace attune::model
