// A message about an input file that a person can act on: GCC style "file:line:col: error: ...".
#pragma once

#include <string>
#include <vector>

namespace attune::model {

struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;    // 1-based; 0 when the message is about the whole file
    int column = 0;  // 1-based; 0 when unknown
    std::string message;

    /// "file:line:col: error: message" (line/col left out when 0).
    std::string format() const;

    bool operator==(const Diagnostic&) const = default;
};

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace attune::model
