#include <attune/model/CountText.hpp>

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

}  // namespace attune::model
