#include "cli/Commands.hpp"

#include "cli/Args.hpp"

#include <attune/model/core/Clock.hpp>

#include <iostream>
#include <string_view>

namespace attune::cli {
namespace {

struct Subcommand {
    std::string_view name;
    std::string_view summary;
    int (*run)(const Invocation&);
};

constexpr Subcommand kSubcommands[] = {
    {"study", "study today's cards (--tty: in the terminal)", runStudy},
    {"stats", "reviews, streak, XP, level and topic mastery (--json)", runStats},
    {"deck", "check, create, import or export decks (deck check|new|import|export)", runDeck},
    {"memory", "replay a review-history CSV and print each card's memory state", runMemory},
    {"import-reviews", "add an external review history to the profile", runImportReviews},
    {"export-reviews", "write the review log as CSV for the FSRS tools", runExportReviews},
    {"profile", "restore a backup or merge another computer's profile", runProfile},
    {"shot", "render a screen to a PNG file", runShot},
    {"optimize", "fit the memory model to your own review history", runOptimize},
    {"card", "one card's history and memory (card info DECK/CARD)", runCard},
    {"simulate", "what retention should I aim for? a year of study at 70-97 %", runSimulate},
};

void printUsage(std::ostream& os) {
    os << "usage: attune [--profile DIR] [--deck PATH]...   open the game\n"
          "       attune <command> [options]\n"
          "       attune --help | --version\n\n"
          "commands:\n";
    for (const auto& sub : kSubcommands) {
        os << "  " << sub.name;
        for (std::size_t i = sub.name.size(); i < 16; ++i) os << ' ';
        os << sub.summary << '\n';
    }
    os << "\nRun 'attune <command> --help' for a command's options.\n"
          "ATTUNE_NOW=<ISO-8601 time> pins the clock (for tests and demos).\n";
}

}  // namespace

int usageError(std::ostream& err, const std::string& message, const std::string& usage) {
    err << "attune: " << message << '\n' << "usage: " << usage << '\n';
    return 2;
}

std::optional<int> helpOrUsageError(const Invocation& call, const Args& args, const std::string& usage,
                                    const std::string& help) {
    if (!args.error().empty()) return usageError(call.err, args.error(), usage);
    if (args.has("--help") || args.has("-h")) {
        call.out << "usage: " << usage << "\n\n" << help;
        return 0;
    }
    if (!args.positionals().empty())
        return usageError(call.err, "unexpected argument '" + args.positionals().front() + "'", usage);
    return std::nullopt;
}

int runAttune(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out, std::ostream& err) {
    if (!arguments.empty()) {
        const std::string& first = arguments.front();
        if (first == "--help" || first == "-h" || first == "help") {
            printUsage(out);
            return 0;
        }
        if (first == "--version") {
            out << "attune " << ATTUNE_VERSION << '\n';
            return 0;
        }
    }
    // One clock for every command: a pinned clock that does not parse is refused before anything
    // reads it, rather than silently replaced by the real one.
    if (const auto problem = attune::model::pinnedClockProblem()) {
        err << "attune: " << *problem << '\n';
        return 2;
    }
    if (!arguments.empty()) {
        const std::string& first = arguments.front();
        if (first.empty() || first[0] != '-') {
            for (const auto& sub : kSubcommands) {
                if (sub.name == first) {
                    Invocation call{{arguments.begin() + 1, arguments.end()}, in, out, err};
                    return sub.run(call);
                }
            }
            err << "attune: '" << first << "' is not an attune command. See 'attune --help'.\n";
            printUsage(err);
            return 2;
        }
    }
    // No subcommand: options belong to the game window.
    Invocation call{arguments, in, out, err};
    return runPlay(call);
}

}  // namespace attune::cli
