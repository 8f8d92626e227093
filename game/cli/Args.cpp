#include "cli/Args.hpp"

namespace attune::cli {

Args::Args(const std::vector<std::string>& arguments, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flags) {
    bool onlyPositionals = false;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& arg = arguments[i];
        if (onlyPositionals || arg.size() < 2 || arg[0] != '-' || arg == "-") {
            m_positionals.push_back(arg);
            continue;
        }
        if (arg == "--") {
            onlyPositionals = true;
            continue;
        }
        std::string name = arg;
        std::optional<std::string> inlineValue;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            name = arg.substr(0, eq);
            inlineValue = arg.substr(eq + 1);
        }
        if (valueOptions.count(name) != 0) {
            if (inlineValue) {
                m_options.emplace(name, *inlineValue);
            } else if (i + 1 < arguments.size()) {
                m_options.emplace(name, arguments[++i]);
            } else {
                m_error = "option '" + name + "' needs a value";
                return;
            }
        } else if (flags.count(name) != 0 && !inlineValue) {
            m_options.emplace(name, "");
        } else {
            m_error = "unknown option '" + arg + "'";
            return;
        }
    }
}

bool Args::has(const std::string& name) const { return m_options.count(name) != 0; }

std::optional<std::string> Args::value(const std::string& name) const {
    // The last occurrence wins, as in most command-line tools.
    const auto [first, last] = m_options.equal_range(name);
    if (first == last) return std::nullopt;
    return std::prev(last)->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
    std::vector<std::string> out;
    const auto [first, last] = m_options.equal_range(name);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
}

}  // namespace attune::cli
