// The pieces of JSON the commands print (--json): strings escaped, numbers with fixed decimals.
#pragma once

#include <string>

namespace attune::cli {

/// `text` as a JSON string, quotes included (control characters escaped).
std::string jsonString(const std::string& text);
/// `value` with `decimals` digits after the point ("0.875").
std::string fixed(double value, int decimals);

}  // namespace attune::cli
