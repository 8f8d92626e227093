// `attune` with no subcommand: open the game window.
#include "cli/Args.hpp"
#include "cli/Commands.hpp"

#ifdef ATTUNE_HAVE_GAME
#include "cli/WindowArgs.hpp"
#include <attune/ui/Window.hpp>
#endif

#include <ostream>

namespace attune::cli {
namespace {

constexpr const char* kUsage =
    "attune [--profile DIR] [--deck PATH]... [--font-scale F] [--theme NAME] [--size WxH]";

constexpr const char* kHelp =
    "usage: attune [--profile DIR] [--deck PATH]... [--font-scale F] [--theme NAME] [--size WxH]\n\n"
    "Opens the game window.\n\n"
    "  --profile DIR    the profile folder (default: $XDG_DATA_HOME/attune/profiles/default)\n"
    "  --deck PATH      also study this deck file or folder (repeatable)\n"
    "  --font-scale F   text size from 1.0 to 2.0 (or 100% to 200%) for this run\n"
    "  --theme NAME     light, dark or high-contrast for this run\n"
    "  --size WxH       the window size in pixels (default 1280x720)\n\n"
    "Keys: Space reveals, Enter moves on, 1-4 grade, 1-6 pick an option, t/f, arrows and Tab move\n"
    "the focus, Esc goes back, Ctrl+Z undoes, F11 toggles fullscreen.\n"
    "Run 'attune --help' for the other commands.\n";

}  // namespace

int runPlay(const Invocation& call) {
    const Args args(call.args, {"--profile", "--deck", "--font-scale", "--theme", "--size"}, {"--help", "-h"});
    if (args.has("--help") || args.has("-h")) {
        call.out << kHelp;
        return 0;
    }
    if (!args.error().empty()) return usageError(call.err, args.error(), kUsage);
    if (!args.positionals().empty())
        return usageError(call.err, "'" + args.positionals().front() + "' is not an option of the game", kUsage);
#ifdef ATTUNE_HAVE_GAME
    ui::WindowOptions options;
    if (const std::string error = readWindowOptions(args, options); !error.empty())
        return usageError(call.err, error, kUsage);
    return ui::runWindow(options, call.err);
#else
    call.err << "attune: this build has no game window (built with ATTUNE_BUILD_GAME=OFF); "
                "try 'attune study --tty'\n";
    return 1;
#endif
}

}  // namespace attune::cli
