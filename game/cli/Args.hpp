// A small, strict command-line parser shared by every subcommand: "--name value",
// "--name=value", boolean flags and positionals. Anything unknown is a usage error (exit 2).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace attune::cli {

class Args {
public:
    /// valueOptions take a value ("--profile DIR"); flags do not ("--json").
    /// On a usage problem error() is non-empty.
    Args(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
         const std::set<std::string>& flags);

    const std::string& error() const { return m_error; }
    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    /// Every value given for a repeatable option ("--deck A --deck B").
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return m_positionals; }

private:
    std::multimap<std::string, std::string> m_options;
    std::vector<std::string> m_positionals;
    std::string m_error;
};

}  // namespace attune::cli
