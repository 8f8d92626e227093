// The options the game window and `attune shot` share: --profile, --deck (repeatable),
// --font-scale, --theme and --size, checked strictly (a bad value is a usage error).
#pragma once

#ifdef ATTUNE_HAVE_GAME

#include "cli/Args.hpp"

#include <attune/ui/Window.hpp>

#include <string>

namespace attune::cli {

/// Fills `options` from parsed args; returns an error message (empty when all is well).
std::string readWindowOptions(const Args& args, ui::WindowOptions& options);

}  // namespace attune::cli

#endif
