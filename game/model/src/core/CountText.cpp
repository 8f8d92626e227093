#include <attune/model/core/CountText.hpp>

namespace attune::model {

std::string countText(std::int64_t n) {
    // Digits of the magnitude, built from an unsigned value so INT64_MIN has one too.
    std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    std::string reversed;
    int digits = 0;
    do {
        if (digits > 0 && digits % 3 == 0) reversed += ',';
        reversed += static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
        ++digits;
    } while (magnitude > 0);
    if (n < 0) reversed += '-';
    return {reversed.rbegin(), reversed.rend()};
}

std::string waitText(std::int64_t dueMs, std::int64_t nowMs) {
    if (dueMs <= nowMs) return "now";
    const std::int64_t minutes = (dueMs - nowMs + 59999) / 60000;  // a countdown never says 0 min early
    if (minutes < 60) return "in " + std::to_string(minutes) + " min";
    const std::int64_t rest = minutes % 60;
    return "in " + std::to_string(minutes / 60) + " h" + (rest == 0 ? std::string() : " " + std::to_string(rest) + " min");
}

std::string comeBackText(int cards, std::int64_t dueMs, std::int64_t nowMs) {
    return countText(cards) + (cards == 1 ? " card comes back " : " cards come back ") + waitText(dueMs, nowMs);
}

}  // namespace attune::model
