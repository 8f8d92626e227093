// Counts as a person reads them, on screen and in the terminal (never in JSON).
#pragma once

#include <cstdint>
#include <string>

namespace attune::model {

/// A count with its thousands grouped: "1,823,084" (Attune speaks English).
std::string countText(std::int64_t n);

/// How long until `dueMs` as of `nowMs`, rounded up to whole minutes: "in 8 min", "in 1 h 5 min";
/// "now" once it is due.
std::string waitText(std::int64_t dueMs, std::int64_t nowMs);

/// Learning cards coming back later today: "4 cards come back in 8 min", "1 card comes back now".
std::string comeBackText(int cards, std::int64_t dueMs, std::int64_t nowMs);

}  // namespace attune::model
