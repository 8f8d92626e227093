// Parsing of the window options shared by the game and `attune shot` (see WindowArgs.hpp).
#ifdef ATTUNE_HAVE_GAME

#include "cli/WindowArgs.hpp"

#include <attune/model/core/DataPaths.hpp>

#include <charconv>
#include <cmath>

namespace attune::cli {
namespace {

bool parseUnsigned(std::string_view text, unsigned& out) {
    if (text.empty()) return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

}  // namespace

std::string readWindowOptions(const Args& args, ui::WindowOptions& options) {
    options.profileDir = args.value("--profile").value_or(model::defaultProfileDir().string());
    for (const auto& deck : args.values("--deck")) options.decks.emplace_back(deck);

    if (const auto scale = args.value("--font-scale")) {
        std::string text = *scale;
        bool percent = !text.empty() && text.back() == '%';
        if (percent) text.pop_back();
        double value = 0.0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value))
            return "--font-scale takes a number from 1.0 to 2.0 (or 100% to 200%), not '" + *scale + "'";
        if (percent || value > 10.0) value /= 100.0;
        if (value < 1.0 || value > 2.0)
            return "--font-scale must be between 1.0 and 2.0 (100% to 200%), not '" + *scale + "'";
        options.fontScale = value;
    }
    if (const auto theme = args.value("--theme")) {
        model::Theme parsed{};
        if (!model::parseTheme(*theme, parsed))
            return "--theme takes light, dark or high-contrast, not '" + *theme + "'";
        options.theme = parsed;
    }
    if (const auto size = args.value("--size")) {
        const auto x = size->find('x');
        unsigned w = 0;
        unsigned h = 0;
        if (x == std::string::npos || !parseUnsigned(std::string_view(*size).substr(0, x), w) ||
            !parseUnsigned(std::string_view(*size).substr(x + 1), h))
            return "--size takes WIDTHxHEIGHT in pixels (e.g. 1280x720), not '" + *size + "'";
        if (w < 320 || h < 240 || w > 7680 || h > 4320)
            return "--size must be between 320x240 and 7680x4320, not '" + *size + "'";
        options.width = w;
        options.height = h;
    }
    return {};
}

}  // namespace attune::cli

#endif
