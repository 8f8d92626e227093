// The options that place reviews on study days, read the same way by every command that
// takes a review history: "--day-start H" and "--timezone IANA".
#pragma once

#include "cli/Args.hpp"

#include <attune/model/core/TimeZone.hpp>

#include <optional>
#include <ostream>
#include <string>

namespace attune::cli {

/// Reads --day-start H (0-23) into hour; leaves hour alone when the option is absent.
/// On a bad hour prints the usage error and returns its exit code.
std::optional<int> readDayStart(const Args& args, std::ostream& err, const std::string& usage,
                                std::optional<int>& hour);

/// Loads the zone named by --timezone into zone; leaves zone alone when the option is absent.
/// On an unknown zone prints why and returns exit code 1.
std::optional<int> readTimeZone(const Args& args, std::ostream& err, std::optional<model::TimeZone>& zone);

}  // namespace attune::cli
