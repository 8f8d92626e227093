// A deck or card id as the review log holds it. A heavy log names 20,000 cards 300,000 times:
// each distinct id is kept once for the whole program and records point at it, which makes a
// record 40 bytes instead of 88 (plus a heap block per id over 15 characters) and compares ids
// by address.
#pragma once

#include <compare>
#include <ostream>
#include <string>
#include <string_view>

namespace attune::model {

class LogId {
public:
    LogId() noexcept;  // the empty id
    LogId(std::string_view text);  // NOLINT: implicit, so `record.cardId = "x"` reads as before
    LogId(const std::string& text) : LogId(std::string_view(text)) {}
    LogId(const char* text) : LogId(std::string_view(text)) {}

    const std::string& str() const noexcept { return *m_text; }
    operator const std::string&() const noexcept { return *m_text; }  // NOLINT: reads as a string
    std::string_view view() const noexcept { return *m_text; }
    operator std::string_view() const noexcept { return *m_text; }  // NOLINT
    bool empty() const noexcept { return m_text->empty(); }
    std::size_t size() const noexcept { return m_text->size(); }

    // Equal text is the same shared copy, so equality is one comparison.
    friend bool operator==(const LogId& a, const LogId& b) noexcept { return a.m_text == b.m_text; }
    friend bool operator==(const LogId& a, std::string_view b) noexcept { return *a.m_text == b; }
    friend bool operator==(const LogId& a, const std::string& b) noexcept { return *a.m_text == b; }
    friend bool operator==(const LogId& a, const char* b) noexcept { return *a.m_text == b; }
    friend std::strong_ordering operator<=>(const LogId& a, const LogId& b) noexcept {
        return a.m_text == b.m_text ? std::strong_ordering::equal : *a.m_text <=> *b.m_text;
    }
    friend std::ostream& operator<<(std::ostream& out, const LogId& id) { return out << *id.m_text; }

private:
    const std::string* m_text;
};

inline std::string operator+(const LogId& a, std::string_view b) { return a.str() + std::string(b); }
inline std::string operator+(std::string_view a, const LogId& b) { return std::string(a) + b.str(); }

}  // namespace attune::model

template <>
struct std::hash<attune::model::LogId> {
    std::size_t operator()(const attune::model::LogId& id) const noexcept {
        return std::hash<std::string_view>{}(id.view());
    }
};
