// Numbers as the player reads them on screen.
#pragma once

#include <cstdint>
#include <string>

namespace attune::ui {

/// A count with its thousands grouped: "1,823,084" (the screens are in English).
std::string countText(std::int64_t n);

}  // namespace attune::ui
