#include "cli/DayOptions.hpp"

#include "cli/Commands.hpp"

#include <charconv>

namespace attune::cli {

std::optional<int> readDayStart(const Args& args, std::ostream& err, const std::string& usage,
                                std::optional<int>& hour) {
    const auto text = args.value("--day-start");
    if (!text) return std::nullopt;
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || ec != std::errc{} || ptr != text->data() + text->size() || value < 0 || value > 23)
        return usageError(err, "--day-start must be an hour from 0 to 23, not '" + *text + "'", usage);
    hour = value;
    return std::nullopt;
}

std::optional<int> readTimeZone(const Args& args, std::ostream& err, std::optional<model::TimeZone>& zone) {
    const auto name = args.value("--timezone");
    if (!name) return std::nullopt;
    std::string why;
    zone = model::TimeZone::load(*name, &why);
    if (!zone) {
        err << "attune: " << why << '\n';
        return 1;
    }
    return std::nullopt;
}

}  // namespace attune::cli
