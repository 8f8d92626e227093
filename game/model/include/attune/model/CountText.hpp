// Counts as a person reads them, on screen and in the terminal (never in JSON).
#pragma once

#include <cstdint>
#include <string>

namespace attune::model {

/// A count with its thousands grouped: "1,823,084" (Attune speaks English).
std::string countText(std::int64_t n);

}  // namespace attune::model
