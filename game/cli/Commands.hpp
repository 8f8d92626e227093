// Every `attune` subcommand, one file each (game/cli/<Name>Command.cpp). A command gets its
// arguments after the subcommand name and returns the exit code: 0 ok, 1 failure, 2 usage.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace attune::cli {

class Args;

struct Invocation {
    std::vector<std::string> args;  // after the subcommand name
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

int runPlay(const Invocation& call);          // (no subcommand) open the game window
int runStudy(const Invocation& call);         // study [--tty] ...
int runMemory(const Invocation& call);        // memory --reviews FILE.csv ...
int runDeck(const Invocation& call);          // deck check|new|import ...
int runProfile(const Invocation& call);       // profile restore|merge ...
int runImportReviews(const Invocation& call); // import-reviews FILE.csv ...
int runExportReviews(const Invocation& call); // export-reviews [--out FILE.csv] ...
int runStats(const Invocation& call);         // stats [--json] ...
int runShot(const Invocation& call);          // shot --screen NAME --out FILE.png ...
int runOptimize(const Invocation& call);      // optimize [--reviews FILE.csv] ...
int runCard(const Invocation& call);          // card info DECK/CARD [--json] ...
int runSimulate(const Invocation& call);      // simulate [--json] [--days N] [--seed S] ...

/// `deck import FILE.apkg|.colpkg` (args as `deck` read them; usage: its usage lines).
int runDeckImportAnki(const Invocation& call, const Args& args, const char* usage);

/// `deck export DECK --csv|--apkg` (args as `deck` read them; usage: its usage lines).
int runDeckExport(const Invocation& call, const Args& args, const char* usage);

/// The whole program: `attune [subcommand] args...`.
int runAttune(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out, std::ostream& err);

/// Prints "attune: message" and the usage line for a subcommand; returns 2.
int usageError(std::ostream& err, const std::string& message, const std::string& usage);

/// The start of a command that takes options only: a usage error for a bad option, else the
/// usage line and help when asked for (--help, -h), else a usage error for any other argument.
/// The exit code when the command ends there.
std::optional<int> helpOrUsageError(const Invocation& call, const Args& args, const std::string& usage,
                                    const std::string& help);

}  // namespace attune::cli
